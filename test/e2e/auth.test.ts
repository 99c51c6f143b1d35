import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/shared/verbs';
import { type TestApp, newTenant, startTestApp } from '../helpers/app';
import { executeAction, user } from '../helpers/activities';
import { cardFromInvokeResponse, expectValidCard } from '../helpers/card-validator';
import { type JwtIssuer, startJwtIssuer } from '../helpers/jwt-issuer';

const APP_ID = randomUUID();
const SERVICE_URL = 'https://smba.trafficmanager.net/uk/';
let issuer: JwtIssuer;
let app: TestApp;

beforeAll(async () => {
  issuer = await startJwtIssuer();
  app = await startTestApp({
    bot: {
      appId: APP_ID,
      appType: 'MultiTenant',
      password: 'not-used-for-inbound-checks',
      openIdMetadataUrl: issuer.openIdMetadataUrl,
      tokenIssuer: issuer.issuer
    }
  });
});
afterAll(async () => {
  await app?.close();
  await issuer?.close();
});

// An invoke is answered in the HTTP response itself, so a valid token can be tested end to end
// without the bot needing to reach the (real) Bot Connector.
const helpInvoke = () => executeAction({ tenantId: newTenant(), serviceUrl: SERVICE_URL }, user('Staff'), VERBS.showHelp, {});

async function rowsWritten(): Promise<number> {
  let n = 0;
  for await (const _ of app.tables.client('conversations').listEntities()) n++;
  return n;
}

describe('inbound authentication (bot credentials configured)', () => {
  it('accepts a valid Bot Framework token', async () => {
    const response = await app.post(helpInvoke(), { authorization: issuer.authorizationHeader(APP_ID, SERVICE_URL) });
    expect(response.status).toBe(200);
    expectValidCard(cardFromInvokeResponse(response.body), 'help card');
  });

  it('refuses a request with no token: 401, nothing processed', async () => {
    const before = await rowsWritten();
    const response = await app.post({ ...helpInvoke(), type: 'installationUpdate', action: 'add' });
    expect(response.status).toBe(401);
    expect(await rowsWritten()).toBe(before);
  });

  it('refuses a token signed with a key that is not published: 401', async () => {
    const token = issuer.signWithForeignKey({ aud: APP_ID, serviceurl: SERVICE_URL });
    expect((await app.post(helpInvoke(), { authorization: `Bearer ${token}` })).status).toBe(401);
  });

  it('refuses a forged signature that reuses the published key id: 401, not 500', async () => {
    const token = issuer.signWithForeignKey({ aud: APP_ID, serviceurl: SERVICE_URL }, { kid: issuer.kid });
    expect((await app.post(helpInvoke(), { authorization: `Bearer ${token}` })).status).toBe(401);
  });

  it('refuses an expired token: 401', async () => {
    const header = issuer.authorizationHeader(APP_ID, SERVICE_URL, { expiresInSeconds: -3600 });
    expect((await app.post(helpInvoke(), { authorization: header })).status).toBe(401);
  });

  it('refuses a token for another bot: 401', async () => {
    const header = issuer.authorizationHeader(randomUUID(), SERVICE_URL);
    expect((await app.post(helpInvoke(), { authorization: header })).status).toBe(401);
  });

  it('keeps serving after refusals', async () => {
    const response = await app.post(helpInvoke(), { authorization: issuer.authorizationHeader(APP_ID, SERVICE_URL) });
    expect(response.status).toBe(200);
  });
});
