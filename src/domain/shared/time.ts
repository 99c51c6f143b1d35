import { DomainError } from './errors';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2})(?::\d{2})?$/;

const wallClockFormats = new Map<string, Intl.DateTimeFormat>();

/** One formatter per time zone: building an Intl.DateTimeFormat costs far more than using one. */
function wallClockFormat(timeZone: string): Intl.DateTimeFormat {
  let format = wallClockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    if (wallClockFormats.size > 500) wallClockFormats.clear();
    wallClockFormats.set(timeZone, format);
  }
  return format;
}

/** The wall clock of `timeZone` at `instant`: year, month (1–12), day, hour (0–23), minute, second. */
export function wallClock(instant: Date, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts = wallClockFormat(timeZone).formatToParts(instant);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/** Offset of `timeZone` from UTC at `instant`, in milliseconds. */
function zoneOffsetMs(instant: Date, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The instant at which the wall clock in `timeZone` shows `date` (YYYY-MM-DD) and `time` (HH:MM).
 * A wall time skipped by a clock change resolves to the hour after; a repeated one to the first.
 */
export function zonedWallTimeToUtc(date: string, time: string, timeZone: string): Date {
  const d = DATE.exec(date);
  const t = TIME.exec(time);
  if (!d || !t) throw new DomainError('invalid_input', 'Please give the date as YYYY-MM-DD and the time as HH:MM.');
  const [year, month, day, hour, minute] = [d[1], d[2], d[3], t[1], t[2]].map(Number) as [
    number,
    number,
    number,
    number,
    number
  ];
  const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(wallAsUtc);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59) {
    throw new DomainError('invalid_input', `There is no such date and time: ${date} ${time}.`);
  }
  // Try each offset in force around that day; keep the instants that really show this wall time.
  // Two (clocks went back): the earlier. None (clocks went forward): the hour after.
  const offsets = [-86_400_000, 0, 86_400_000].map((d) => zoneOffsetMs(new Date(wallAsUtc + d), timeZone));
  const valid = offsets.map((o) => wallAsUtc - o).filter((t) => zoneOffsetMs(new Date(t), timeZone) === wallAsUtc - t);
  if (valid.length > 0) return new Date(Math.min(...valid));
  return new Date(wallAsUtc - Math.min(...offsets));
}

/** "Tue 6 Jan, 14:30" in the given time zone, for cards. */
export function formatForPeople(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23'
  }).format(instant);
}

/** "3 March" in the given time zone (a date people say, with no weekday or time), for cards. */
export function formatDayForPeople(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'long' }).format(instant);
}
