/**
 * "How your voice changed things" as a printable easy-read page for people who took part without
 * Teams (docs/two-way-loop.md): a link signed with a key derived from the app's secret, naming the
 * tenant, the findings and when it expires. The signature is the credential; the page shows only
 * what the participants' 1:1 card shows (no numbers, no names, no quotes). Pure: no I/O.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { DomainError } from '../shared/errors';

/** How long a printable link works. */
export const PRINT_LINK_DAYS = 30;

const keyOf = (secret: string): Buffer => createHmac('sha256', secret).update('voiceloop printable page v1').digest();

export function pageSignature(secret: string, tenantId: string, surveyId: string, expires: number): string {
  return createHmac('sha256', keyOf(secret)).update(`${tenantId.toLowerCase()}\n${surveyId.toLowerCase()}\n${expires}`).digest('base64url');
}

/** The path (after the public URL) of a signed link that works until `expiresAt`. */
export function pagePath(secret: string, tenantId: string, surveyId: string, expiresAt: Date): string {
  const expires = Math.floor(expiresAt.getTime() / 1000);
  return `/voice/${encodeURIComponent(tenantId)}/${encodeURIComponent(surveyId)}?expires=${expires}&sig=${pageSignature(secret, tenantId, surveyId, expires)}`;
}

/** Throws `not_found` (one answer for every failure: nothing to learn from it) unless the link is genuine and unexpired. */
export function verifyPageLink(secret: string, tenantId: string, surveyId: string, expires: unknown, sig: unknown, now: Date): void {
  const n = typeof expires === 'string' && /^\d{1,12}$/.test(expires) ? Number(expires) : NaN;
  const given = typeof sig === 'string' ? Buffer.from(sig) : Buffer.alloc(0);
  const wanted = Number.isFinite(n) ? Buffer.from(pageSignature(secret, tenantId, surveyId, n)) : Buffer.alloc(1);
  const genuine = given.length === wanted.length && timingSafeEqual(given, wanted);
  if (!genuine || n * 1000 <= now.getTime()) throw new DomainError('not_found', 'This link has expired or does not exist.');
}
