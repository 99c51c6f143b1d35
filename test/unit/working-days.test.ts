import { describe, expect, it } from 'vitest';
import {
  ENGLAND_BANK_HOLIDAYS,
  STAFF_CALENDAR,
  addWorkingDays,
  addWorkingMinutes,
  deadlineOf,
  isWorkingDay,
  isWorkingTime,
  nextWorkingTime,
  reminderTimes
} from '../../src/domain/shared/working-days';

const at = (iso: string): Date => new Date(iso);
const iso = (d: Date): string => d.toISOString();

describe('working days (09:00–17:00 Europe/London, England bank holidays)', () => {
  it('ships England and Wales bank holidays 2025–2028, none on a weekend', () => {
    for (const year of [2025, 2026, 2027, 2028]) {
      expect([...ENGLAND_BANK_HOLIDAYS].filter((d) => d.startsWith(`${year}-`))).toHaveLength(8);
    }
    for (const d of ENGLAND_BANK_HOLIDAYS) expect([0, 6]).not.toContain(new Date(`${d}T12:00:00Z`).getUTCDay());
    expect(ENGLAND_BANK_HOLIDAYS.has('2026-12-28')).toBe(true); // Boxing Day substitute
    expect(ENGLAND_BANK_HOLIDAYS.has('2027-03-26')).toBe(true); // Good Friday 2027
  });

  it('knows weekends and holidays', () => {
    expect(isWorkingDay('2026-01-09', STAFF_CALENDAR)).toBe(true); // Friday
    expect(isWorkingDay('2026-01-10', STAFF_CALENDAR)).toBe(false); // Saturday
    expect(isWorkingDay('2026-04-06', STAFF_CALENDAR)).toBe(false); // Easter Monday
  });

  it('working time is inside 09:00–17:00 London, in winter (GMT) and summer (BST)', () => {
    expect(isWorkingTime(at('2026-01-05T09:00:00Z'), STAFF_CALENDAR)).toBe(true);
    expect(isWorkingTime(at('2026-01-05T08:59:00Z'), STAFF_CALENDAR)).toBe(false);
    expect(isWorkingTime(at('2026-01-05T17:00:00Z'), STAFF_CALENDAR)).toBe(false);
    expect(isWorkingTime(at('2026-06-01T08:00:00Z'), STAFF_CALENDAR)).toBe(true); // 09:00 BST
    expect(isWorkingTime(at('2026-06-01T16:00:00Z'), STAFF_CALENDAR)).toBe(false); // 17:00 BST
  });

  it('the next working time: before hours → 09:00 today; evening, weekend or holiday → 09:00 next working day', () => {
    expect(iso(nextWorkingTime(at('2026-01-05T07:00:00Z'), STAFF_CALENDAR))).toBe('2026-01-05T09:00:00.000Z');
    expect(iso(nextWorkingTime(at('2026-01-09T18:00:00Z'), STAFF_CALENDAR))).toBe('2026-01-12T09:00:00.000Z');
    expect(iso(nextWorkingTime(at('2026-04-02T17:30:00Z'), STAFF_CALENDAR))).toBe('2026-04-07T08:00:00.000Z'); // Easter: Tue 09:00 BST
    expect(iso(nextWorkingTime(at('2026-01-06T11:00:00Z'), STAFF_CALENDAR))).toBe('2026-01-06T11:00:00.000Z');
  });

  it('adds working days across a weekend, keeping the wall time', () => {
    expect(iso(addWorkingDays(at('2026-01-09T16:30:00Z'), 2, STAFF_CALENDAR))).toBe('2026-01-13T16:30:00.000Z');
  });

  it('adds working days across Easter bank holidays (BST)', () => {
    // Thu 2 Apr 2026 10:00 BST; Good Friday and Easter Monday skipped → Wed 8 Apr 10:00 BST.
    expect(iso(addWorkingDays(at('2026-04-02T09:00:00Z'), 2, STAFF_CALENDAR))).toBe('2026-04-08T09:00:00.000Z');
  });

  it('adds working days across Christmas with substitute days', () => {
    // Thu 24 Dec 2026; 25 Dec and Mon 28 Dec (for Boxing Day) off → Wed 30 Dec.
    expect(iso(addWorkingDays(at('2026-12-24T11:00:00Z'), 2, STAFF_CALENDAR))).toBe('2026-12-30T11:00:00.000Z');
  });

  it('counts from the next working moment when started outside hours', () => {
    expect(iso(addWorkingDays(at('2026-01-10T12:00:00Z'), 2, STAFF_CALENDAR))).toBe('2026-01-14T09:00:00.000Z'); // Saturday
    expect(iso(addWorkingDays(at('2026-01-05T18:00:00Z'), 2, STAFF_CALENDAR))).toBe('2026-01-08T09:00:00.000Z'); // Monday evening
  });

  it('reminders: 2 working days after submission, then every 2, three at most; deadline after 7', () => {
    const times = reminderTimes(at('2026-01-09T16:30:00Z'), STAFF_CALENDAR).map(iso);
    expect(times).toEqual(['2026-01-13T16:30:00.000Z', '2026-01-15T16:30:00.000Z', '2026-01-19T16:30:00.000Z']);
    expect(iso(deadlineOf(at('2026-01-09T16:30:00Z'), STAFF_CALENDAR))).toBe('2026-01-20T16:30:00.000Z');
    for (const t of times) expect(isWorkingTime(new Date(t), STAFF_CALENDAR)).toBe(true);
  });

  it('holidays are data: a calendar with an extra closure day skips it', () => {
    const calendar = { ...STAFF_CALENDAR, holidays: new Set([...ENGLAND_BANK_HOLIDAYS, '2026-01-13']) };
    expect(iso(addWorkingDays(at('2026-01-09T16:30:00Z'), 2, calendar))).toBe('2026-01-14T16:30:00.000Z');
  });

  it('working minutes: inside a day, across the evening, the weekend, a bank holiday and the clock change', () => {
    const plus = (start: string, minutes: number): string => iso(addWorkingMinutes(at(start), minutes, STAFF_CALENDAR));
    expect(plus('2026-01-05T16:00:00Z', 60)).toBe('2026-01-05T17:00:00.000Z'); // Monday 16:00 + 1 h: 17:00, the close
    expect(plus('2026-01-05T16:30:00Z', 60)).toBe('2026-01-06T09:30:00.000Z'); // Monday 16:30 → Tuesday 09:30
    expect(plus('2026-01-05T20:00:00Z', 60)).toBe('2026-01-06T10:00:00.000Z'); // evening → next morning 10:00
    expect(plus('2026-01-09T16:45:00Z', 30)).toBe('2026-01-12T09:15:00.000Z'); // Friday → Monday
    expect(plus('2026-01-10T12:00:00Z', 15)).toBe('2026-01-12T09:15:00.000Z'); // Saturday → Monday 09:15
    expect(plus('2026-04-02T16:30:00+01:00', 60)).toBe('2026-04-07T08:30:00.000Z'); // Thursday before Easter → Tuesday 09:30 BST
    expect(plus('2026-03-27T16:00:00Z', 120)).toBe('2026-03-30T09:00:00.000Z'); // Friday 16:00 GMT + 2 h → Monday 10:00 BST
    expect(plus('2026-01-05T09:00:00Z', 480)).toBe('2026-01-05T17:00:00.000Z'); // a whole working day
  });
});
