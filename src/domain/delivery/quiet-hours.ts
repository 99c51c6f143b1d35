/**
 * Allowed hours: when VoiceLoop may message each group of people (DOMAIN.md "Meeting times").
 * Outside its window a send or reminder waits for the window to open; it is never dropped.
 */
import { DomainError } from '../shared/errors';
import { isValidTimeZone, zonedWallTimeToUtc } from '../shared/time';

/** Who a message is for (the same values as a survey's cohort). */
export type Cohort = 'youngPeople' | 'parentCarers' | 'staff';
export const COHORTS: readonly Cohort[] = ['youngPeople', 'parentCarers', 'staff'];

export type DaySet = 'weekdays' | 'weekends' | 'everyDay';

/** A daily window, wall-clock times in the tenant's time zone, `start` < `end` (same day). */
export interface AllowedWindow {
  days: DaySet;
  start: string;
  end: string;
}

export interface AllowedHours {
  timeZone: string;
  windows: Record<Cohort, AllowedWindow[]>;
}

/** Defaults from the issue and West Sussex's meeting times (Europe/London). */
export const DEFAULT_ALLOWED_HOURS: AllowedHours = {
  timeZone: 'Europe/London',
  windows: {
    youngPeople: [
      { days: 'weekdays', start: '15:30', end: '19:30' },
      { days: 'weekends', start: '10:00', end: '18:00' }
    ],
    parentCarers: [{ days: 'weekdays', start: '10:00', end: '14:00' }],
    staff: [{ days: 'weekdays', start: '09:00', end: '17:00' }]
  }
};

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Checks tenant-supplied allowed hours; a cohort with no window could never be messaged. */
export function validateAllowedHours(hours: AllowedHours): AllowedHours {
  if (!isValidTimeZone(hours.timeZone)) throw new DomainError('invalid_input', `Unknown time zone "${hours.timeZone}".`);
  for (const cohort of COHORTS) {
    const windows = hours.windows[cohort];
    if (!Array.isArray(windows) || windows.length === 0) {
      throw new DomainError('invalid_input', `Give at least one allowed time for ${cohort}.`);
    }
    for (const w of windows) {
      if (!['weekdays', 'weekends', 'everyDay'].includes(w.days) || !HHMM.test(w.start) || !HHMM.test(w.end) || w.start >= w.end) {
        throw new DomainError('invalid_input', `An allowed time for ${cohort} is not valid: use HH:MM to HH:MM, start before end.`);
      }
    }
  }
  return hours;
}

const appliesTo = (days: DaySet, weekday: number): boolean =>
  days === 'everyDay' || (days === 'weekends' ? weekday === 0 || weekday === 6 : weekday >= 1 && weekday <= 5);

const dateFormats = new Map<string, Intl.DateTimeFormat>();

function localDate(at: Date, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD. One formatter per zone: the worker asks for every message.
  let format = dateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    if (dateFormats.size > 500) dateFormats.clear();
    dateFormats.set(timeZone, format);
  }
  return format.format(at);
}

function addDays(date: string, days: number): { date: string; weekday: number } {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const shifted = new Date(Date.UTC(y, m - 1, d + days));
  return { date: shifted.toISOString().slice(0, 10), weekday: shifted.getUTCDay() };
}

/** The allowed window each (time zone, cohort, windows) was last found open in (see `nextAllowedTime`). */
const openWindows = new Map<string, { start: number; end: number }>();

/**
 * The first instant at or after `at` inside one of the cohort's windows: `at` itself when it is
 * allowed now. Clock changes are handled by resolving each day's wall times in the time zone.
 */
export function nextAllowedTime(at: Date, cohort: Cohort, hours: AllowedHours = DEFAULT_ALLOWED_HOURS): Date {
  const windows = hours.windows[cohort];
  // A sender asks this for every message: the window it found `at` in last time answers at once while
  // it lasts (resolving wall times in a time zone cost ~0.4 ms a message, 4 % of the sender's CPU).
  const key = `${hours.timeZone}|${cohort}|${JSON.stringify(windows)}`;
  const open = openWindows.get(key);
  if (open && at.getTime() >= open.start && at.getTime() < open.end) return at;
  const today = localDate(at, hours.timeZone);
  let best: Date | undefined;
  // Yesterday too: a window is resolved per local day; eight days ahead covers any weekly pattern.
  for (let offset = -1; offset <= 8 && !best; offset++) {
    const { date, weekday } = addDays(today, offset);
    for (const w of windows) {
      if (!appliesTo(w.days, weekday)) continue;
      const start = zonedWallTimeToUtc(date, w.start, hours.timeZone);
      const end = zonedWallTimeToUtc(date, w.end, hours.timeZone);
      if (at >= start && at < end) {
        if (openWindows.size >= 1000) openWindows.clear();
        openWindows.set(key, { start: start.getTime(), end: end.getTime() });
        return at;
      }
      if (start > at && (!best || start < best)) best = start;
    }
  }
  if (!best) throw new DomainError('invalid_input', `No allowed time is set for ${cohort}.`);
  return best;
}

export const isAllowedNow = (at: Date, cohort: Cohort, hours: AllowedHours = DEFAULT_ALLOWED_HOURS): boolean =>
  nextAllowedTime(at, cohort, hours).getTime() === at.getTime();
