import { createHmac } from 'node:crypto';

/** Keys of the last people seen, so a person's next answers in a session need no new HMAC. */
const KEPT = 4096;
const recent = new Map<string, string>();

/**
 * The keyed hash that stands for a voter: stable for one person in one poll (so a repeat vote finds
 * the first), different across polls (so votes cannot be linked), and not reversible without the key.
 *
 * The last KEPT results are kept in memory (a person answers a survey question by question, and an
 * HMAC object is the costliest part of working the key out); the process holds the secret anyway.
 */
export function voterKey(secret: string, tenantId: string, scopeId: string, personKey: string): string {
  const input = `${tenantId}\n${scopeId}\n${personKey}`;
  const cacheKey = `${secret}\n${input}`;
  const kept = recent.get(cacheKey);
  if (kept !== undefined) return kept;
  const key = createHmac('sha256', secret).update(input).digest('base64url').slice(0, 32);
  if (recent.size >= KEPT) recent.delete(recent.keys().next().value!);
  recent.set(cacheKey, key);
  return key;
}
