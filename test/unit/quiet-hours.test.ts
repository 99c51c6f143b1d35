import { describe, expect, it } from 'vitest';
import { DEFAULT_ALLOWED_HOURS, isAllowedNow, nextAllowedTime, validateAllowedHours } from '../../src/domain/delivery/quiet-hours';
import { DomainError } from '../../src/domain/shared/errors';

const at = (iso: string) => new Date(iso);

describe('allowed hours (defaults, Europe/London)', () => {
  it('young people: 15:30–19:30 on weekdays', () => {
    // Monday 5 January 2026, GMT.
    expect(isAllowedNow(at('2026-01-05T15:30:00Z'), 'youngPeople')).toBe(true);
    expect(isAllowedNow(at('2026-01-05T19:29:59Z'), 'youngPeople')).toBe(true);
    expect(nextAllowedTime(at('2026-01-05T09:00:00Z'), 'youngPeople')).toEqual(at('2026-01-05T15:30:00Z'));
    // After the window: tomorrow's.
    expect(nextAllowedTime(at('2026-01-05T19:30:00Z'), 'youngPeople')).toEqual(at('2026-01-06T15:30:00Z'));
  });

  it('young people: 10:00–18:00 at weekends; Friday evening waits for Saturday morning', () => {
    expect(nextAllowedTime(at('2026-01-09T20:00:00Z'), 'youngPeople')).toEqual(at('2026-01-10T10:00:00Z'));
    expect(isAllowedNow(at('2026-01-11T17:59:00Z'), 'youngPeople')).toBe(true);
    expect(nextAllowedTime(at('2026-01-11T18:00:00Z'), 'youngPeople')).toEqual(at('2026-01-12T15:30:00Z'));
  });

  it('parent carers: 10:00–14:00 on weekdays only; staff 09:00–17:00 on weekdays', () => {
    expect(nextAllowedTime(at('2026-01-05T14:00:00Z'), 'parentCarers')).toEqual(at('2026-01-06T10:00:00Z'));
    expect(nextAllowedTime(at('2026-01-10T11:00:00Z'), 'parentCarers')).toEqual(at('2026-01-12T10:00:00Z'));
    expect(nextAllowedTime(at('2026-01-09T17:00:00Z'), 'staff')).toEqual(at('2026-01-12T09:00:00Z'));
    expect(isAllowedNow(at('2026-01-05T09:00:00Z'), 'staff')).toBe(true);
  });

  it('follows British Summer Time: 15:30 in London is 14:30 UTC in June', () => {
    expect(nextAllowedTime(at('2026-06-01T12:00:00Z'), 'youngPeople')).toEqual(at('2026-06-01T14:30:00Z'));
    // The Sunday the clocks go forward (29 March 2026): 10:00 BST is 09:00 UTC.
    expect(nextAllowedTime(at('2026-03-29T05:00:00Z'), 'youngPeople')).toEqual(at('2026-03-29T09:00:00Z'));
  });

  it('tenant settings are checked: a cohort with no window, bad times, an unknown zone', () => {
    const bad = (change: object) => () => validateAllowedHours({ ...DEFAULT_ALLOWED_HOURS, ...change });
    expect(bad({ timeZone: 'Mars/Olympus' })).toThrow(DomainError);
    expect(bad({ windows: { ...DEFAULT_ALLOWED_HOURS.windows, staff: [] } })).toThrow(/at least one/);
    expect(bad({ windows: { ...DEFAULT_ALLOWED_HOURS.windows, staff: [{ days: 'weekdays', start: '17:00', end: '09:00' }] } })).toThrow(/start before end/);
    expect(validateAllowedHours(DEFAULT_ALLOWED_HOURS)).toBe(DEFAULT_ALLOWED_HOURS);
  });
});
