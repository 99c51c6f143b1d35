/**
 * Proves the test OpenID provider is compatible with botbuilder's channel
 * token validation: a real `CloudAdapter` + `ConfigurationBotFrameworkAuthentication`
 * behind a node:http server accepts tokens from `startJwtIssuer` and rejects
 * missing, forged, expired and mis-addressed ones.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import jwt from 'jsonwebtoken';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type Request as BotRequest,
  type Response as BotResponse,
  type TurnContext
} from 'botbuilder';
import { startFakeConnector, type FakeConnector } from './fake-connector';
import {
  BOT_FRAMEWORK_TOKEN_ISSUER,
  CHANNEL_TOKEN_CLOCK_TOLERANCE_SECONDS,
  inboundOnlyCredentialsFactory,
  startJwtIssuer,
  type JwtIssuer
} from './jwt-issuer';

const APP_ID = '00000000-0000-0000-0000-00000000b07a';

/** Minimal restify/express-like adapter so `CloudAdapter.process` can run on node:http. */
async function startBotServer(adapter: CloudAdapter, logic: (context: TurnContext) => Promise<void>): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const request: BotRequest = {
        method: req.method,
        headers: req.headers,
        body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined
      };
      const response: BotResponse = {
        socket: res.socket,
        status: (code: number) => {
          res.statusCode = code;
        },
        header: (name: string, value: unknown) => {
          res.setHeader(name, String(value));
        },
        send: (body: unknown) => {
          if (body === undefined) return;
          if (typeof body === 'string' || Buffer.isBuffer(body)) {
            res.write(body);
          } else {
            res.setHeader('content-type', 'application/json');
            res.write(JSON.stringify(body));
          }
        },
        end: () => {
          res.end();
        }
      };
      adapter.process(request, response, logic).catch((error: unknown) => {
        res.statusCode = 599;
        res.end(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      })
  };
}

let issuer: JwtIssuer;
let connector: FakeConnector;
let bot: { url: string; close(): Promise<void> };
let turns: Activity[] = [];

function activity(extra: Partial<Activity> = {}): Activity {
  return {
    type: 'message',
    id: '1700000000999',
    channelId: 'msteams',
    serviceUrl: connector.url,
    text: 'hello',
    from: { id: '29:user', name: 'User', aadObjectId: 'aad-user' },
    recipient: { id: `28:${APP_ID}`, name: 'VoiceLoop' },
    conversation: { id: 'a:personal-chat', conversationType: 'personal', tenantId: 'tenant-1' },
    channelData: { tenant: { id: 'tenant-1' } },
    ...extra
  } as Activity;
}

async function send(authorization: string | undefined, body: Activity = activity()): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (authorization !== undefined) headers['authorization'] = authorization;
  const response = await fetch(bot.url, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: response.status, text: await response.text() };
}

beforeAll(async () => {
  issuer = await startJwtIssuer();
  connector = await startFakeConnector();
  const auth = new ConfigurationBotFrameworkAuthentication(
    {
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'not-used',
      MicrosoftAppType: 'MultiTenant',
      ToBotFromChannelOpenIdMetadataUrl: issuer.openIdMetadataUrl,
      ToBotFromChannelTokenIssuer: 'https://api.botframework.com'
    },
    // Keeps inbound validation for APP_ID but sends replies without an AAD token.
    inboundOnlyCredentialsFactory(APP_ID)
  );
  bot = await startBotServer(new CloudAdapter(auth), async (context) => {
    turns.push(context.activity);
    await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
  });
});

afterAll(async () => {
  await bot.close();
  await connector.close();
  await issuer.close();
});

afterEach(() => {
  turns = [];
  connector.reset();
  vi.restoreAllMocks();
});

/** botbuilder logs every rejected request with console.error; keep the output clean. */
function quietConsole(): void {
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
}

describe('jwt issuer + CloudAdapter/ConfigurationBotFrameworkAuthentication', () => {
  it('publishes OpenID metadata and a JWKS with kid, n, e, use and endorsements', async () => {
    const config = (await (await fetch(issuer.openIdMetadataUrl)).json()) as Record<string, unknown>;
    expect(config).toMatchObject({ issuer: BOT_FRAMEWORK_TOKEN_ISSUER, jwks_uri: issuer.jwksUri, id_token_signing_alg_values_supported: ['RS256'] });
    const jwks = (await (await fetch(issuer.jwksUri)).json()) as { keys: Array<Record<string, unknown>> };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', kid: issuer.kid, use: 'sig', e: 'AQAB', endorsements: ['msteams'] });
    const decoded = jwt.decode(issuer.sign({ aud: APP_ID, serviceurl: 'http://x/' }), { complete: true });
    expect(decoded?.header).toMatchObject({ alg: 'RS256', kid: issuer.kid });
    expect(decoded?.payload).toMatchObject({ iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: 'http://x/' });
  });

  it('accepts a valid channel token, runs the turn and replies through the fake connector', async () => {
    const response = await send(issuer.authorizationHeader(APP_ID, connector.url));
    expect(response.status).toBe(200);
    expect(turns).toHaveLength(1);
    expect(connector.sent().map((a) => a.text)).toEqual(['echo: hello']);
    // The bot fetched the metadata and keys from this issuer, not login.botframework.com.
    expect(issuer.requests.map((r) => r.path)).toEqual(expect.arrayContaining(['/.well-known/openid-configuration', '/keys']));
  });

  it('rejects a request without Authorization header with 401', async () => {
    quietConsole();
    expect((await send(undefined)).status).toBe(401);
    expect((await send('')).status).toBe(401);
    expect(turns).toHaveLength(0);
  });

  it('rejects a token signed with a foreign key (unpublished kid) with 401', async () => {
    quietConsole();
    const token = issuer.signWithForeignKey({ aud: APP_ID, serviceurl: connector.url });
    expect((await send(`Bearer ${token}`)).status).toBe(401);
    expect(turns).toHaveLength(0);
  });

  it('rejects a foreign-key token that reuses the published kid (bad signature) - with 500, not 401', async () => {
    quietConsole();
    const token = issuer.signWithForeignKey({ aud: APP_ID, serviceurl: connector.url }, { kid: issuer.kid });
    const response = await send(`Bearer ${token}`);
    // jsonwebtoken throws JsonWebTokenError('invalid signature'), which is not an
    // AuthenticationError, so CloudAdapter.process answers 500. Still rejected.
    expect(response.status).toBe(500);
    expect(response.text).toContain('invalid signature');
    expect(turns).toHaveLength(0);
  });

  it('rejects an expired token with 401 (beyond the 300 s clock tolerance)', async () => {
    quietConsole();
    const expired = issuer.sign({ aud: APP_ID, serviceurl: connector.url }, { expiresInSeconds: -(CHANNEL_TOKEN_CLOCK_TOLERANCE_SECONDS + 60) });
    const response = await send(`Bearer ${expired}`);
    expect(response.status).toBe(401);
    expect(response.text).toContain('expired');
    expect(turns).toHaveLength(0);
  });

  it('still accepts a token expired by less than the clock tolerance', async () => {
    const barelyExpired = issuer.sign({ aud: APP_ID, serviceurl: connector.url }, { expiresInSeconds: -60 });
    expect((await send(`Bearer ${barelyExpired}`)).status).toBe(200);
  });

  it('rejects a token for another audience (app id) with 401', async () => {
    quietConsole();
    const response = await send(issuer.authorizationHeader('11111111-2222-3333-4444-555555555555', connector.url));
    expect(response.status).toBe(401);
    expect(response.text).toContain('Invalid AppId');
    expect(turns).toHaveLength(0);
  });

  it('rejects a serviceurl claim that differs from the activity serviceUrl with 401', async () => {
    quietConsole();
    const response = await send(issuer.authorizationHeader(APP_ID, 'https://smba.trafficmanager.net/amer/'));
    expect(response.status).toBe(401);
    expect(response.text).toContain('ServiceUrl');
  });

  it('rejects another issuer with 401', async () => {
    quietConsole();
    const token = issuer.sign({ aud: APP_ID, serviceurl: connector.url, iss: 'https://evil.example.com' });
    expect((await send(`Bearer ${token}`)).status).toBe(401);
  });

  it('rejects activities from a channel the key is not endorsed for with 401', async () => {
    quietConsole();
    const response = await send(issuer.authorizationHeader(APP_ID, connector.url), activity({ channelId: 'webchat' }));
    expect(response.status).toBe(401);
    expect(response.text).toContain('endorsement');
  });
});
