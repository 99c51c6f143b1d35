/**
 * Consultation fatigue: a cap on how often one person is asked (DOMAIN.md names it a risk).
 * Only requests to take part count. Reminders of a request already counted, messages that close the
 * loop ("how your voice changed things") and answers to a person's own action never count.
 */
import { DomainError } from '../shared/errors';

export interface FatigueRule {
  /** At most this many requests … */
  maxRequests: number;
  /** … in any window of this many days. */
  windowDays: number;
}

export const DEFAULT_FATIGUE_RULE: FatigueRule = { maxRequests: 2, windowDays: 14 };

/** Why a message is sent: only `request` counts toward the cap. */
export type MessagePurpose = 'request' | 'reminder' | 'closeTheLoop' | 'reply';
export const countsTowardCap = (purpose: MessagePurpose): boolean => purpose === 'request';

/** One counted request in a person's recent history. */
export interface FatigueEntry {
  jobId: string;
  at: string;
}

export type FatigueDecision =
  | { allowed: true; entries: FatigueEntry[]; changed: boolean }
  | { allowed: false; count: number; rule: string };

export function validateFatigueRule(rule: FatigueRule): FatigueRule {
  if (!Number.isInteger(rule.maxRequests) || rule.maxRequests < 1 || rule.maxRequests > 100) {
    throw new DomainError('invalid_input', 'The most requests per person must be a whole number from 1 to 100.');
  }
  if (!Number.isInteger(rule.windowDays) || rule.windowDays < 1 || rule.windowDays > 365) {
    throw new DomainError('invalid_input', 'The fatigue window must be a whole number of days from 1 to 365.');
  }
  return rule;
}

export const describeRule = (rule: FatigueRule): string =>
  `fatigue: at most ${rule.maxRequests} survey request${rule.maxRequests === 1 ? '' : 's'} in ${rule.windowDays} days`;

/**
 * Decides whether one more request (for `jobId`) may go to a person whose recent requests are
 * `entries`. Idempotent: a job already counted is allowed again without counting twice.
 */
export function reserveRequest(entries: FatigueEntry[], jobId: string, now: Date, rule: FatigueRule = DEFAULT_FATIGUE_RULE): FatigueDecision {
  const since = now.getTime() - rule.windowDays * 86_400_000;
  const recent = entries.filter((e) => new Date(e.at).getTime() > since);
  if (recent.some((e) => e.jobId === jobId)) return { allowed: true, entries: recent, changed: recent.length !== entries.length };
  if (recent.length >= rule.maxRequests) return { allowed: false, count: recent.length, rule: describeRule(rule) };
  return { allowed: true, entries: [...recent, { jobId, at: now.toISOString() }], changed: true };
}

/** Gives the slot back when the request never reached the person (failed, skipped, cancelled). */
export function releaseRequest(entries: FatigueEntry[], jobId: string): FatigueEntry[] {
  return entries.filter((e) => e.jobId !== jobId);
}
