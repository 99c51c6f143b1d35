import bankHolidays from './data/bank-holidays-england.json';
import { wallClock, zonedWallTimeToUtc } from './time';

/** When staff may be messaged: working days (Mon–Fri, not a holiday) inside office hours, in one time zone. */
export interface WorkingCalendar {
  timeZone: string;
  /** First minute of the working day, minutes after midnight (09:00 = 540). */
  startMinute: number;
  /** End of the working day, exclusive (17:00 = 1020). */
  endMinute: number;
  /** Holidays as YYYY-MM-DD wall dates in `timeZone`. */
  holidays: ReadonlySet<string>;
}

/** England's bank holidays, shipped as data (src/domain/shared/data/bank-holidays-england.json): edit that file to add years. */
export const ENGLAND_BANK_HOLIDAYS: ReadonlySet<string> = new Set(bankHolidays.dates);

/** Staff hours the councils use: 09:00–17:00 Europe/London, Monday to Friday, bank holidays off. */
export const STAFF_CALENDAR: WorkingCalendar = {
  timeZone: 'Europe/London',
  startMinute: 9 * 60,
  endMinute: 17 * 60,
  holidays: ENGLAND_BANK_HOLIDAYS
};

interface Wall {
  date: string;
  minute: number;
}

/** The wall date and minute of the day of `instant` in `timeZone`. */
function wallOf(instant: Date, timeZone: string): Wall {
  const w = wallClock(instant, timeZone);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return { date: `${w.year}-${pad(w.month)}-${pad(w.day)}`, minute: w.hour * 60 + w.minute };
}

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

const hhmm = (minute: number): string => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

export function isWorkingDay(date: string, calendar: WorkingCalendar): boolean {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day !== 0 && day !== 6 && !calendar.holidays.has(date);
}

/** True when `instant` falls on a working day inside working hours. */
export function isWorkingTime(instant: Date, calendar: WorkingCalendar): boolean {
  const wall = wallOf(instant, calendar.timeZone);
  return isWorkingDay(wall.date, calendar) && wall.minute >= calendar.startMinute && wall.minute < calendar.endMinute;
}

function nextWorkingDate(date: string, calendar: WorkingCalendar): string {
  let next = addDays(date, 1);
  while (!isWorkingDay(next, calendar)) next = addDays(next, 1);
  return next;
}

/** `instant` itself when it is working time, else the start of the next working day (or of today, before hours). */
export function nextWorkingTime(instant: Date, calendar: WorkingCalendar): Date {
  if (isWorkingTime(instant, calendar)) return instant;
  const wall = wallOf(instant, calendar.timeZone);
  const date = isWorkingDay(wall.date, calendar) && wall.minute < calendar.startMinute ? wall.date : nextWorkingDate(wall.date, calendar);
  return zonedWallTimeToUtc(date, hhmm(calendar.startMinute), calendar.timeZone);
}

/**
 * `days` working days after `instant`, at the same wall time: Friday 16:30 plus 2 is Tuesday 16:30.
 * A start outside working time counts from the next working moment (Saturday → Monday 09:00).
 */
export function addWorkingDays(instant: Date, days: number, calendar: WorkingCalendar): Date {
  const start = nextWorkingTime(instant, calendar);
  const wall = wallOf(start, calendar.timeZone);
  let date = wall.date;
  for (let i = 0; i < days; i++) date = nextWorkingDate(date, calendar);
  return nextWorkingTime(zonedWallTimeToUtc(date, hhmm(wall.minute), calendar.timeZone), calendar);
}

/**
 * `minutes` of working time after `instant`: Monday 16:30 plus 60 is Tuesday 09:30; Saturday plus 60 is
 * Monday 10:00. Ending exactly at the close of a working day gives that close (16:00 plus 60 is 17:00).
 */
export function addWorkingMinutes(instant: Date, minutes: number, calendar: WorkingCalendar): Date {
  let at = nextWorkingTime(instant, calendar);
  let left = minutes * 60_000;
  for (;;) {
    const close = zonedWallTimeToUtc(wallOf(at, calendar.timeZone).date, hhmm(calendar.endMinute), calendar.timeZone);
    const available = close.getTime() - at.getTime();
    if (left <= available) return new Date(at.getTime() + left);
    left -= available;
    at = nextWorkingTime(close, calendar);
  }
}

/** How often an undecided member is reminded, and when the chair is told. */
export interface ReminderPolicy {
  /** Working days from submission to the first reminder. */
  firstAfterDays: number;
  /** Working days between reminders. */
  everyDays: number;
  maxReminders: number;
  /** Working days from submission to the round's deadline, when the chair is told who is outstanding. */
  deadlineDays: number;
}

export const DEFAULT_REMINDER_POLICY: ReminderPolicy = { firstAfterDays: 2, everyDays: 2, maxReminders: 3, deadlineDays: 7 };

/** The times reminders 1..max fall due for a round opened at `openedAt`. */
export function reminderTimes(openedAt: Date, calendar: WorkingCalendar, policy: ReminderPolicy = DEFAULT_REMINDER_POLICY): Date[] {
  return Array.from({ length: policy.maxReminders }, (_, i) =>
    addWorkingDays(openedAt, policy.firstAfterDays + i * policy.everyDays, calendar)
  );
}

export function deadlineOf(openedAt: Date, calendar: WorkingCalendar, policy: ReminderPolicy = DEFAULT_REMINDER_POLICY): Date {
  return addWorkingDays(openedAt, policy.deadlineDays, calendar);
}
