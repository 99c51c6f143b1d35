import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/shared/errors';
import { formatDayForPeople, formatForPeople, isValidTimeZone, zonedWallTimeToUtc } from '../../src/domain/shared/time';

const LONDON = 'Europe/London';
const utc = (date: string, time: string, zone = LONDON): string => zonedWallTimeToUtc(date, time, zone).toISOString();

describe('zonedWallTimeToUtc: ordinary days', () => {
  it('treats London winter time (GMT) as UTC', () => {
    expect(utc('2026-01-06', '14:30')).toBe('2026-01-06T14:30:00.000Z');
  });

  it('takes an hour off London summer time (BST)', () => {
    expect(utc('2026-07-01', '12:00')).toBe('2026-07-01T11:00:00.000Z');
  });

  it('handles zones behind UTC', () => {
    expect(utc('2026-07-01', '12:00', 'America/New_York')).toBe('2026-07-01T16:00:00.000Z');
  });

  it('handles zones with a half-hour offset', () => {
    expect(utc('2026-01-06', '12:00', 'Asia/Kolkata')).toBe('2026-01-06T06:30:00.000Z');
  });

  it('crosses midnight into the previous UTC day', () => {
    expect(utc('2026-07-01', '00:30')).toBe('2026-06-30T23:30:00.000Z');
  });

  it('ignores seconds in the time', () => {
    expect(utc('2026-01-06', '14:30:59')).toBe('2026-01-06T14:30:00.000Z');
  });
});

describe('zonedWallTimeToUtc: UK clock changes in 2026', () => {
  // Clocks go forward at 01:00 GMT on 29 March: 01:00-01:59 never shows on a London clock.
  it('moves a skipped wall time (29 March 01:30) to the hour after (02:30 BST)', () => {
    expect(utc('2026-03-29', '01:30')).toBe('2026-03-29T01:30:00.000Z');
  });

  it('converts times either side of the spring change correctly', () => {
    expect(utc('2026-03-29', '00:59')).toBe('2026-03-29T00:59:00.000Z');
    expect(utc('2026-03-29', '02:00')).toBe('2026-03-29T01:00:00.000Z');
  });

  // Clocks go back at 02:00 BST on 25 October: 01:00-01:59 shows twice, first in BST, then in GMT.
  it('resolves a repeated wall time (25 October 01:30) to the first one (01:30 BST = 00:30 UTC)', () => {
    expect(utc('2026-10-25', '01:30')).toBe('2026-10-25T00:30:00.000Z');
  });

  it('converts times either side of the autumn change correctly', () => {
    expect(utc('2026-10-25', '00:30')).toBe('2026-10-24T23:30:00.000Z');
    expect(utc('2026-10-25', '02:00')).toBe('2026-10-25T02:00:00.000Z');
  });

  it('always returns an instant the London clock shows as the wall time asked for (outside the skipped hour)', () => {
    for (const [date, time] of [
      ['2026-03-29', '00:30'],
      ['2026-03-29', '02:30'],
      ['2026-10-25', '00:30'],
      ['2026-10-25', '01:30'],
      ['2026-10-25', '02:30']
    ] as const) {
      const shown = new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
        zonedWallTimeToUtc(date, time, LONDON)
      );
      expect(shown, `${date} ${time}`).toBe(time);
    }
  });
});

describe('zonedWallTimeToUtc: invalid input', () => {
  it.each([
    ['2026-02-30', '12:00'],
    ['2026-02-29', '12:00'],
    ['2026-04-31', '12:00'],
    ['2026-13-01', '12:00'],
    ['2026-00-10', '12:00'],
    ['2026-01-06', '24:00'],
    ['2026-01-06', '12:60'],
    ['2026-1-6', '12:00'],
    ['06/01/2026', '12:00'],
    ['2026-01-06', '9:00'],
    ['2026-01-06', 'noon'],
    ['', '']
  ])('refuses %j %j as invalid input', (date, time) => {
    let thrown: unknown;
    try {
      zonedWallTimeToUtc(date, time, LONDON);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect((thrown as DomainError).code).toBe('invalid_input');
  });

  it('names the impossible date in the message', () => {
    expect(() => zonedWallTimeToUtc('2026-02-30', '12:00', LONDON)).toThrow('There is no such date and time: 2026-02-30 12:00.');
  });

  it('accepts 29 February in a leap year', () => {
    expect(utc('2028-02-29', '12:00')).toBe('2028-02-29T12:00:00.000Z');
  });
});

describe('isValidTimeZone', () => {
  it('knows IANA zones', () => {
    expect(isValidTimeZone('Europe/London')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
  });

  it('refuses made-up zones', () => {
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('GMT+25')).toBe(false);
  });
});

describe('formatForPeople', () => {
  it('shows day, date, month and 24-hour time in winter', () => {
    expect(formatForPeople(new Date('2026-01-06T14:30:00Z'), LONDON)).toBe('Tue 6 Jan, 14:30');
  });

  it('shows London summer time, not UTC', () => {
    expect(formatForPeople(new Date('2026-07-06T14:30:00Z'), LONDON)).toBe('Mon 6 Jul, 15:30');
  });

  it('shows the time in the zone it is given', () => {
    expect(formatForPeople(new Date('2026-01-06T14:30:00Z'), 'America/New_York')).toBe('Tue 6 Jan, 09:30');
  });

  it('shows midnight as 00:00, not 24:00', () => {
    expect(formatForPeople(new Date('2026-01-07T00:00:00Z'), LONDON)).toBe('Wed 7 Jan, 00:00');
  });

  it('round-trips with zonedWallTimeToUtc', () => {
    expect(formatForPeople(zonedWallTimeToUtc('2026-06-15', '09:05', LONDON), LONDON)).toBe('Mon 15 Jun, 09:05');
  });
});

describe('formatDayForPeople', () => {
  it('says the day and the month in full, as the time zone has it', () => {
    expect(formatDayForPeople(new Date('2026-03-03T09:00:00Z'), LONDON)).toBe('3 March');
    // Late evening in London is already the next day in Auckland; summer time moves midnight in London.
    expect(formatDayForPeople(new Date('2026-03-02T20:00:00Z'), 'Pacific/Auckland')).toBe('3 March');
    expect(formatDayForPeople(new Date('2026-06-30T23:30:00Z'), LONDON)).toBe('1 July');
  });
});
