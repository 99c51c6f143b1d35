import { describe, expect, it } from 'vitest';
import { DEFAULT_FATIGUE_RULE, countsTowardCap, releaseRequest, reserveRequest } from '../../src/domain/delivery/fatigue';

const day = 86_400_000;
const t0 = new Date('2026-01-05T16:00:00Z');
const later = (days: number) => new Date(t0.getTime() + days * day);

describe('fatigue cap (default: at most 2 requests in any 14 days)', () => {
  it('allows two, refuses the third, and says which rule', () => {
    let entries = [] as { jobId: string; at: string }[];
    for (const job of ['a', 'b']) {
      const d = reserveRequest(entries, job, t0);
      expect(d.allowed).toBe(true);
      if (d.allowed) entries = d.entries;
    }
    expect(reserveRequest(entries, 'c', later(13))).toEqual({ allowed: false, count: 2, rule: 'fatigue: at most 2 survey requests in 14 days' });
    // A window later, the old requests no longer count.
    expect(reserveRequest(entries, 'c', later(14)).allowed).toBe(true);
  });

  it('is idempotent per job: the same request reserved twice counts once', () => {
    const first = reserveRequest([], 'a', t0);
    if (!first.allowed) throw new Error('expected allowed');
    const again = reserveRequest(first.entries, 'a', t0);
    expect(again).toMatchObject({ allowed: true, changed: false });
    if (again.allowed) expect(again.entries).toHaveLength(1);
  });

  it('a request that never reached the person gives the slot back', () => {
    const d = reserveRequest([{ jobId: 'x', at: t0.toISOString() }], 'a', t0);
    if (!d.allowed) throw new Error('expected allowed');
    expect(releaseRequest(d.entries, 'a')).toEqual([{ jobId: 'x', at: t0.toISOString() }]);
  });

  it('only requests count: reminders, close-the-loop messages and replies never do', () => {
    expect(countsTowardCap('request')).toBe(true);
    expect(['reminder', 'closeTheLoop', 'reply'].map((p) => countsTowardCap(p as 'reminder'))).toEqual([false, false, false]);
    expect(DEFAULT_FATIGUE_RULE).toEqual({ maxRequests: 2, windowDays: 14 });
  });
});
