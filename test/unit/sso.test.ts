/**
 * Teams SSO tokens (src/http/sso.ts) and their configuration (SSO_* in src/config.ts): the v1 and v2
 * issuers and both audiences Entra uses pass; anything else is refused, whatever the key says.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { createLocalJWKSet } from 'jose';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { SsoError, SsoVerifier, issuersFor } from '../../src/http/sso';

const CLIENT_ID = randomUUID();
const RESOURCE = `api://voiceloop.test/${CLIENT_ID}`;
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...keys.publicKey.export({ format: 'jwk' }), kty: 'RSA', kid: 'k1', alg: 'RS256', use: 'sig' };
const verifier = new SsoVerifier({ clientId: CLIENT_ID, resource: RESOURCE, jwksUrl: 'https://keys.invalid/' }, createLocalJWKSet({ keys: [jwk] }));
const tenant = randomUUID();
const oid = randomUUID();

const sign = (claims: Record<string, unknown>, options: jwt.SignOptions = {}, key: jwt.Secret = keys.privateKey) =>
  jwt.sign({ aud: RESOURCE, iss: issuersFor(tenant)[0], tid: tenant, oid, name: 'Kim', ...claims }, key, { algorithm: 'RS256', keyid: 'k1', expiresIn: 600, ...options });

describe('SSO tokens', () => {
  it('passes v2 and v1 tokens, for the application ID URI or the client id', async () => {
    expect(await verifier.verify(sign({}))).toEqual({ tenantId: tenant, aadObjectId: oid, name: 'Kim' });
    expect((await verifier.verify(sign({ iss: issuersFor(tenant)[1], aud: CLIENT_ID }))).aadObjectId).toBe(oid);
    expect((await verifier.verifyHeader(`Bearer ${sign({})}`)).tenantId).toBe(tenant);
  });

  it('refuses every wrong one', async () => {
    const refused = async (token: string, what: string) => expect(verifier.verify(token), what).rejects.toBeInstanceOf(SsoError);
    await refused(sign({ aud: 'api://other' }), 'audience');
    await refused(sign({ iss: issuersFor(randomUUID())[0] }), "another tenant's issuer");
    await refused(sign({ iss: 'https://evil.example/' }), 'issuer');
    await refused(sign({}, { expiresIn: -120 }), 'expired');
    await refused(sign({}, { notBefore: 600 }), 'not yet valid');
    await refused(sign({ oid: undefined }), 'no object id');
    await refused(sign({ tid: 'not-a-guid' }), 'no tenant id');
    await refused(sign({}, {}, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey), 'signed with another key');
    await refused(jwt.sign({ aud: RESOURCE, iss: issuersFor(tenant)[0], tid: tenant, oid }, 'shared-secret', { algorithm: 'HS256', keyid: 'k1' }), 'HS256');
    await expect(verifier.verifyHeader(undefined)).rejects.toBeInstanceOf(SsoError);
    await expect(verifier.verifyHeader('Basic abc')).rejects.toBeInstanceOf(SsoError);
  });
});

describe('SSO configuration', () => {
  const local = { VOICELOOP_MODE: 'local' };
  it('is off unless SSO_CLIENT_ID is set; the resource defaults from BOT_DOMAIN; bad values are named', () => {
    expect(loadConfig(local).sso).toBeUndefined();
    expect(loadConfig({ ...local, SSO_CLIENT_ID: CLIENT_ID, BOT_DOMAIN: 'voiceloop.test' }).sso).toEqual({
      clientId: CLIENT_ID,
      resource: RESOURCE,
      jwksUrl: 'https://login.microsoftonline.com/common/discovery/v2.0/keys'
    });
    expect(() => loadConfig({ ...local, SSO_CLIENT_ID: 'nope', SSO_RESOURCE: 'api://x' })).toThrow(/SSO_CLIENT_ID must be a GUID/);
    expect(() => loadConfig({ ...local, SSO_CLIENT_ID: CLIENT_ID })).toThrow(/SSO_RESOURCE/);
    expect(() => loadConfig({ ...local, SSO_JWKS_URL: 'https://keys.example/' })).toThrow(/SSO_CLIENT_ID is required/);
  });
});
