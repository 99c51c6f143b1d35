/**
 * A tiny OpenID provider that stands in for the Bot Framework channel token
 * service (`login.botframework.com`) in authentication tests of the bot's
 * `/api/messages`.
 *
 * It serves `/.well-known/openid-configuration` and a JWKS on `127.0.0.1`
 * (random port) and signs RS256 channel tokens the way the Bot Connector does
 * (`iss: https://api.botframework.com`, `aud: <bot app id>`, `serviceurl`).
 *
 * How botframework-connector 4.23 validates an inbound channel token
 * (`ParameterizedBotFrameworkAuthentication` -> `JwtTokenExtractor` ->
 * `OpenIdMetadata`), and what this issuer does to satisfy it:
 *
 * 1. No/blank `Authorization` header -> 401 (unless the bot has no app id, in
 *    which case auth is disabled and everything is accepted).
 * 2. The token must not look like a skill token (has `ver` plus `appid`/`azp`
 *    different from `aud`) or an emulator token (emulator issuers) - channel
 *    tokens here carry neither.
 * 3. `iss` must be in `[ToBotFromChannelTokenIssuer]` (checked on the decoded
 *    token before anything else; mismatch -> 401 "No valid identity").
 * 4. `kid` is looked up in the JWKS fetched from `jwks_uri` of the
 *    `ToBotFromChannelOpenIdMetadataUrl` document (node-fetch, plain http is
 *    fine). Unknown kid -> 401 "Signing Key could not be retrieved". Keys need
 *    `kid`, `n`, `e`; the PEM is rebuilt from n/e.
 * 5. `jsonwebtoken.verify` with `algorithms: RS256/384/512`,
 *    `issuer`, `clockTolerance: 300` (seconds!) and no audience check.
 *    Expired -> 401; a bad signature (e.g. a foreign key that reuses the
 *    real kid) throws a plain `JsonWebTokenError`, which `CloudAdapter.process`
 *    answers with **500**, not 401.
 * 6. If the key has `endorsements`, the activity's `channelId` must be one of
 *    them (else 401) - hence `endorsements: ['msteams']`.
 * 7. `aud` must equal `MicrosoftAppId` (else 401), and `serviceurl` must
 *    equal the activity's `serviceUrl` exactly (else 401).
 *
 * Caching: botframework-connector caches OpenID metadata per URL in a static
 * map for the process lifetime (24 h refresh, and at most one refresh per
 * hour for unknown kids), so keys cannot be rotated within a test run - start
 * a new issuer (new port -> new URL) instead.
 *
 * @module
 */
import { generateKeyPairSync, randomUUID, type JsonWebKey, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';
import type { ServiceClientCredentialsFactory } from 'botframework-connector';

/** `iss` of Bot Framework channel tokens (public cloud). */
export const BOT_FRAMEWORK_TOKEN_ISSUER = 'https://api.botframework.com';

/** Clock skew botframework-connector tolerates on `exp`/`nbf`, in seconds. Expired-token tests must go past it. */
export const CHANNEL_TOKEN_CLOCK_TOLERANCE_SECONDS = 300;

/** A public RSA signing key as published in the JWKS. */
export interface PublicSigningJwk {
  kty: 'RSA';
  kid: string;
  use: 'sig';
  alg: 'RS256';
  n: string;
  e: string;
  /** Channel ids this key may sign for (checked against the activity's `channelId`). */
  endorsements: string[];
}

/** Claims for a channel token; `aud` (the bot's app id) is required, the rest defaults sensibly. */
export interface ChannelTokenClaims {
  /** The bot's Microsoft App Id. */
  aud: string;
  /** Must equal the inbound activity's `serviceUrl` exactly. */
  serviceurl?: string;
  /** Default {@link BOT_FRAMEWORK_TOKEN_ISSUER}. */
  iss?: string;
  /** Any other claim (e.g. `nbf`, `iat`, `exp` to override the computed ones). */
  [claim: string]: unknown;
}

/** Options for {@link JwtIssuer.sign}. */
export interface SignTokenOptions {
  /** Lifetime from now; negative for already-expired tokens (beyond -300 to be rejected). Default 3600. */
  expiresInSeconds?: number;
  /** `kid` header. Default: the issuer's published kid (for `sign`) / an unpublished kid (for `signWithForeignKey`). */
  kid?: string;
  /** Private key to sign with (PEM string or `KeyObject`). Default: the issuer's published key. */
  key?: KeyObject | string;
  /** Signing algorithm. Default `RS256`. */
  algorithm?: 'RS256' | 'RS384' | 'RS512';
}

/** Options for {@link startJwtIssuer}. */
export interface JwtIssuerOptions {
  /** `endorsements` on the published key. Default `['msteams']`. Pass `[]` to omit the endorsement check. */
  endorsements?: string[];
  /** Published key id. Default a random `test-<uuid>`. */
  kid?: string;
}

/** One HTTP request the issuer served (to prove the bot fetched metadata from here). */
export interface IssuerRequest {
  path: string;
  status: number;
  time: number;
}

/** A running test OpenID provider. */
export interface JwtIssuer {
  /** Base URL, e.g. `http://127.0.0.1:53123` (no trailing slash). */
  readonly url: string;
  /** `${url}/.well-known/openid-configuration` - use as `ToBotFromChannelOpenIdMetadataUrl`. */
  readonly openIdMetadataUrl: string;
  /** `${url}/keys` - the JWKS. */
  readonly jwksUri: string;
  /** Token issuer ({@link BOT_FRAMEWORK_TOKEN_ISSUER}); use as `ToBotFromChannelTokenIssuer`. */
  readonly issuer: string;
  /** Published key id. */
  readonly kid: string;
  /** The published JWKS document. */
  readonly jwks: { keys: PublicSigningJwk[] };
  /** Requests served so far. */
  readonly requests: readonly IssuerRequest[];
  /** Signs a channel token with the published key (see {@link SignTokenOptions}). */
  sign(claims: ChannelTokenClaims, options?: SignTokenOptions): string;
  /** Signs with a key that is NOT in the JWKS (kid defaults to an unpublished one; pass `{ kid: issuer.kid }` to impersonate the real kid). */
  signWithForeignKey(claims: ChannelTokenClaims, options?: Omit<SignTokenOptions, 'key'>): string;
  /** `Bearer <token>` for a valid channel token for `appId` and `serviceUrl`. */
  authorizationHeader(appId: string, serviceUrl: string, options?: SignTokenOptions): string;
  /**
   * The `ConfigurationBotFrameworkAuthentication` options that make a bot trust
   * this issuer: `{ MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppType: 'MultiTenant',
   * ToBotFromChannelOpenIdMetadataUrl, ToBotFromChannelTokenIssuer }`.
   */
  botAuthConfig(appId: string, appPassword?: string): BotAuthConfig;
  /** Stops the server. */
  close(): Promise<void>;
}

/** Options object for botbuilder's `ConfigurationBotFrameworkAuthentication`. */
export interface BotAuthConfig {
  MicrosoftAppId: string;
  MicrosoftAppPassword: string;
  MicrosoftAppType: 'MultiTenant';
  ToBotFromChannelOpenIdMetadataUrl: string;
  ToBotFromChannelTokenIssuer: string;
  [key: string]: string;
}

function toPublicJwk(publicKey: KeyObject, kid: string, endorsements: string[]): PublicSigningJwk {
  const jwk: JsonWebKey = publicKey.export({ format: 'jwk' });
  if (jwk.n === undefined || jwk.e === undefined) throw new Error('RSA public key export lacks n/e');
  return { kty: 'RSA', kid, use: 'sig', alg: 'RS256', n: jwk.n, e: jwk.e, endorsements: [...endorsements] };
}

function signToken(claims: ChannelTokenClaims, key: KeyObject | string, kid: string, options: SignTokenOptions): string {
  const now = Math.floor(Date.now() / 1000);
  const expiresIn = options.expiresInSeconds ?? 3600;
  const payload: Record<string, unknown> = {
    iss: BOT_FRAMEWORK_TOKEN_ISSUER,
    // Real channel tokens are issued a few minutes before use; keep nbf/iat in the past
    // (but never after exp, so expired tokens stay consistent).
    nbf: Math.min(now - 60, now + expiresIn - 1),
    iat: Math.min(now - 60, now + expiresIn - 1),
    exp: now + expiresIn,
    ...claims
  };
  return jwt.sign(payload, key, { algorithm: options.algorithm ?? 'RS256', keyid: kid });
}

/**
 * Starts the test OpenID provider on `127.0.0.1` (random port).
 *
 * @example
 * const issuer = await startJwtIssuer();
 * const auth = new ConfigurationBotFrameworkAuthentication(issuer.botAuthConfig(APP_ID, 'secret'));
 * const header = issuer.authorizationHeader(APP_ID, activity.serviceUrl);
 */
export async function startJwtIssuer(options: JwtIssuerOptions = {}): Promise<JwtIssuer> {
  const kid = options.kid ?? `test-${randomUUID()}`;
  const published = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const foreign = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const foreignKid = `foreign-${randomUUID()}`;
  const jwks = { keys: [toPublicJwk(published.publicKey, kid, options.endorsements ?? ['msteams'])] };
  const requests: IssuerRequest[] = [];
  let baseUrl = '';

  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    let status = 200;
    let body: unknown;
    if (request.method !== 'GET') {
      status = 405;
      body = { error: 'method_not_allowed' };
    } else if (path === '/.well-known/openid-configuration' || path === '/v1/.well-known/openidconfiguration') {
      body = {
        issuer: BOT_FRAMEWORK_TOKEN_ISSUER,
        authorization_endpoint: `${baseUrl}/authorize`,
        jwks_uri: `${baseUrl}/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['private_key_jwt']
      };
    } else if (path === '/keys') {
      body = jwks;
    } else {
      status = 404;
      body = { error: 'not_found' };
    }
    requests.push({ path, status, time: Date.now() });
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const openIdMetadataUrl = `${baseUrl}/.well-known/openid-configuration`;

  const sign = (claims: ChannelTokenClaims, signOptions: SignTokenOptions = {}): string =>
    signToken(claims, signOptions.key ?? published.privateKey, signOptions.kid ?? kid, signOptions);

  return {
    url: baseUrl,
    openIdMetadataUrl,
    jwksUri: `${baseUrl}/keys`,
    issuer: BOT_FRAMEWORK_TOKEN_ISSUER,
    kid,
    jwks,
    requests,
    sign,
    signWithForeignKey: (claims, signOptions = {}) => signToken(claims, foreign.privateKey, signOptions.kid ?? foreignKid, signOptions),
    authorizationHeader: (appId, serviceUrl, signOptions) => `Bearer ${sign({ aud: appId, serviceurl: serviceUrl }, signOptions)}`,
    botAuthConfig: (appId, appPassword = 'test-app-password') => ({
      MicrosoftAppId: appId,
      MicrosoftAppPassword: appPassword,
      MicrosoftAppType: 'MultiTenant',
      ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
      ToBotFromChannelTokenIssuer: BOT_FRAMEWORK_TOKEN_ISSUER
    }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      })
  };
}

/**
 * A credentials factory for `new ConfigurationBotFrameworkAuthentication(config, factory)`
 * that validates inbound tokens for `appId` (auth stays enabled) but signs
 * nothing outbound - so a bot authenticated against {@link startJwtIssuer}
 * can still reply to a fake connector without trying to fetch an AAD token
 * from `login.microsoftonline.com`.
 *
 * (With only the `ToBotFromChannel*` options set, botbuilder treats the
 * configuration as fully "parameterized": `ToChannelFromBotLoginUrl` and
 * `ToChannelFromBotOAuthScope` are then undefined and outbound calls would
 * try to get a token from an undefined authority.)
 *
 * @param appId The bot's Microsoft App Id.
 */
export function inboundOnlyCredentialsFactory(appId: string): ServiceClientCredentialsFactory {
  return {
    isValidAppId: async (candidate: string) => candidate === appId,
    isAuthenticationDisabled: async () => false,
    createCredentials: async () => ({ signRequest: async (request) => request })
  };
}
