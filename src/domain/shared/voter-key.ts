import { createHmac } from 'node:crypto';

/**
 * The keyed hash that stands for a voter: stable for one person in one poll (so a repeat vote finds
 * the first), different across polls (so votes cannot be linked), and not reversible without the key.
 */
export function voterKey(secret: string, tenantId: string, scopeId: string, personKey: string): string {
  return createHmac('sha256', secret).update(`${tenantId}\n${scopeId}\n${personKey}`).digest('base64url').slice(0, 32);
}
