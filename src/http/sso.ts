/**
 * Teams single sign-on tokens for the meeting pages (docs/meetings.md): verified with `jose` against
 * Entra's signing keys. Checked: the signature (RS256, a key from the JWKS), the audience (the app's
 * application ID URI or client id, from `webApplicationInfo`), the issuer (Entra v1 or v2 for the
 * token's own tenant), expiry and not-before, and that the tenant and object ids are there.
 */
import { type JWTVerifyGetKey, createRemoteJWKSet, jwtVerify } from 'jose';
import type { SsoConfig } from '../config';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The person a valid token names. */
export interface SsoIdentity {
  tenantId: string;
  aadObjectId: string;
  name?: string;
}

/** A token that does not prove who the caller is: always a 401, with a reason for the log only. */
export class SsoError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'SsoError';
  }
}

/** The issuers Entra uses for a tenant's tokens (v2 and v1 endpoints). */
export const issuersFor = (tenantId: string): string[] => [`https://login.microsoftonline.com/${tenantId}/v2.0`, `https://sts.windows.net/${tenantId}/`];

export class SsoVerifier {
  private readonly keys: JWTVerifyGetKey;

  constructor(
    private readonly config: SsoConfig,
    keys?: JWTVerifyGetKey
  ) {
    // Keys are fetched once and kept; an unknown key id refetches at most every 5 minutes.
    this.keys = keys ?? createRemoteJWKSet(new URL(config.jwksUrl), { cacheMaxAge: 24 * 3600_000, cooldownDuration: 300_000 });
  }

  /** The identity in a `Bearer` header, or SsoError. */
  async verifyHeader(header: string | undefined): Promise<SsoIdentity> {
    const token = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(header ?? '')?.[1];
    if (!token) throw new SsoError('no bearer token');
    return this.verify(token);
  }

  async verify(token: string): Promise<SsoIdentity> {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        algorithms: ['RS256'],
        audience: [this.config.resource, this.config.clientId],
        requiredClaims: ['exp', 'iss', 'tid', 'oid'],
        clockTolerance: 60
      }));
    } catch (error) {
      throw new SsoError(error instanceof Error ? `${error.name}: ${error.message}` : 'invalid token');
    }
    const tid = payload.tid;
    const oid = payload.oid;
    if (typeof tid !== 'string' || !GUID.test(tid)) throw new SsoError('no tenant id in the token');
    if (typeof oid !== 'string' || !GUID.test(oid)) throw new SsoError('no object id in the token');
    if (typeof payload.iss !== 'string' || !issuersFor(tid).includes(payload.iss)) throw new SsoError('the issuer is not Entra for the token tenant');
    const name = typeof payload.name === 'string' ? payload.name : undefined;
    return { tenantId: tid.toLowerCase(), aadObjectId: oid.toLowerCase(), name };
  }
}
