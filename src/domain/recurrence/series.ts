/**
 * Recurring surveys (docs/recurrence.md): a series asks the same survey again — weekly on a day and
 * time, monthly on a day and time, or after each session of it — and every occurrence is its own
 * round: its own survey, answers, results and 1:1 delivery (allowed hours, fatigue cap, never twice).
 * Pure: no SDK, no I/O; time only as arguments.
 */
import { createHash } from 'node:crypto';
import type { Reach } from '../delivery/delivery';
import type { FatigueRule } from '../delivery/fatigue';
import type { StoredConversation } from '../shared/conversation';
import { DomainError } from '../shared/errors';
import { formatForPeople, isValidTimeZone, wallClock, zonedWallTimeToUtc } from '../shared/time';
import type { Cohort } from '../surveys/survey';

export const DAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

export type Recurrence =
  | { kind: 'weekly'; weekday: number; time: string }
  /** Day 1–28, so every month has it. */
  | { kind: 'monthly'; day: number; time: string }
  /** A new round when a session of the current round ends; the next session answers it. */
  | { kind: 'afterSession' };

export type SeriesStatus = 'active' | 'paused' | 'stopped';

/** Who each round goes to 1:1: a saved group, or the members of the team or chat it was set up in. */
export type SeriesTarget = { kind: 'group'; groupId: string } | { kind: 'roster'; serviceUrl: string; conversationId: string };

export interface SeriesRound {
  n: number;
  surveyId: string;
  /** ISO time the round opened. */
  startedAt: string;
}

export interface SurveySeries {
  tenantId: string;
  /** The first round's survey id: one series per survey. */
  seriesId: string;
  title: string;
  cohort: Cohort;
  recurrence: Recurrence;
  timeZone: string;
  status: SeriesStatus;
  /** personKey of the author; rounds are theirs. */
  createdBy: string;
  owner: { userId: string; aadObjectId?: string; name?: string };
  target?: SeriesTarget;
  reach?: Reach;
  progressIn?: StoredConversation;
  rounds: SeriesRound[];
  /** The occurrence the next round will be; a due item keyed by series and this number runs it. */
  nextN: number;
  /** When it is due (weekly and monthly, while active). */
  nextAt?: Date;
  createdAt: Date;
  updatedAt: Date;
  etag?: string;
}

export const MAX_ROUNDS = 200;
export const SERIES_ROUND_JOB = 'recurrence.round';
export const seriesJobKey = (seriesId: string, n: number): string => `${seriesId}|${n}`;

/** The survey id of round `n` of a series: the same every time it is worked out (creating a round twice finds the first). */
export function roundSurveyId(seriesId: string, n: number): string {
  if (n === 1) return seriesId;
  const h = createHash('sha256').update(`series:${seriesId}:round:${n}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const TIME = /^(\d{1,2})(?::(\d{2}))?$/;
const USAGE = 'Try "survey repeat weekly tuesday 16:00", "survey repeat monthly 1 10:00" or "survey repeat after each session".';

function parseTime(word: string | undefined): string {
  const m = word ? TIME.exec(word) : null;
  if (!m || Number(m[1]) > 23 || Number(m[2] ?? '0') > 59) throw new DomainError('invalid_input', `Give the time as HH:MM (24-hour). ${USAGE}`);
  return `${m[1]!.padStart(2, '0')}:${m[2] ?? '00'}`;
}

/** `weekly tuesday 16:00`, `monthly 1 10:00`, `after each session`. */
export function parseRecurrence(text: string): Recurrence {
  const words = text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const [kind, a, b, ...rest] = words;
  if (kind === 'after' || kind === 'aftersession') {
    if (/^after(\s+(each|every))?\s+session$|^aftersession$/.test(words.join(' '))) return { kind: 'afterSession' };
    throw new DomainError('invalid_input', `I did not understand "${text.trim()}". ${USAGE}`);
  }
  if (rest.length > 0) throw new DomainError('invalid_input', `I did not understand "${text.trim()}". ${USAGE}`);
  if (kind === 'weekly') {
    const weekday = DAY_NAMES.findIndex((d) => d === a || d.slice(0, 3) === a);
    if (weekday < 0) throw new DomainError('invalid_input', `Which day of the week? ${USAGE}`);
    return { kind: 'weekly', weekday, time: parseTime(b) };
  }
  if (kind === 'monthly') {
    const day = Number(a);
    if (!Number.isInteger(day) || day < 1 || day > 28) throw new DomainError('invalid_input', `The day of the month must be 1 to 28, so every month has it. ${USAGE}`);
    return { kind: 'monthly', day, time: parseTime(b) };
  }
  throw new DomainError('invalid_input', `How often? ${USAGE}`);
}

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export function describeRecurrence(r: Recurrence): string {
  switch (r.kind) {
    case 'weekly':
      return `every ${capital(DAY_NAMES[r.weekday] ?? 'monday')} at ${r.time}`;
    case 'monthly':
      return `every month on day ${r.day} at ${r.time}`;
    case 'afterSession':
      return 'after each session';
  }
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** The first occurrence strictly after `after`, as the series' time zone has it (clock changes included). */
export function nextOccurrence(r: Recurrence, after: Date, timeZone: string): Date | undefined {
  if (r.kind === 'afterSession') return undefined;
  const zone = isValidTimeZone(timeZone) ? timeZone : 'Europe/London';
  const w = wallClock(after, zone);
  if (r.kind === 'weekly') {
    for (let offset = 0; offset <= 8; offset++) {
      const day = new Date(Date.UTC(w.year, w.month - 1, w.day + offset));
      if (day.getUTCDay() !== r.weekday) continue;
      const at = zonedWallTimeToUtc(day.toISOString().slice(0, 10), r.time, zone);
      if (at > after) return at;
    }
  } else {
    for (let offset = 0; offset <= 2; offset++) {
      const month = new Date(Date.UTC(w.year, w.month - 1 + offset, 1));
      const at = zonedWallTimeToUtc(`${month.getUTCFullYear()}-${pad(month.getUTCMonth() + 1)}-${pad(r.day)}`, r.time, zone);
      if (at > after) return at;
    }
  }
  throw new Error('no next occurrence');
}

/** The most rounds of the series that can fall inside one fatigue window (worst case). */
export function roundsPerWindow(r: Recurrence, windowDays: number): number | undefined {
  if (r.kind === 'weekly') return Math.ceil(windowDays / 7);
  if (r.kind === 'monthly') return Math.ceil(windowDays / 28);
  return undefined;
}

/**
 * What the author is told about the fatigue cap: rounds count like any request, so a series that
 * asks more often than the cap allows will have people skipped (their record says "fatigue").
 */
export function fatigueNote(r: Recurrence, rule: FatigueRule, delivered: boolean): string | undefined {
  if (!delivered) return undefined;
  const per = roundsPerWindow(r, rule.windowDays);
  if (per === undefined) return undefined;
  const cap = `at most ${rule.maxRequests} request${rule.maxRequests === 1 ? '' : 's'} per person in ${rule.windowDays} days`;
  if (per > rule.maxRequests) {
    return `⚠️ The fatigue cap (${cap}) will skip people: up to ${per} rounds fall in ${rule.windowDays} days, so some rounds will not reach everyone. Each round's progress card says how many were skipped.`;
  }
  if (per === rule.maxRequests) {
    return `⚠️ The rounds use the whole fatigue allowance (${cap}): anyone asked anything else in that time will be skipped for a round.`;
  }
  return undefined;
}

/** "Round 3 · Tue 20 Jan, 16:00": how a round is named on the trend. */
export function roundLabel(round: SeriesRound, timeZone: string): string {
  return `Round ${round.n} · ${formatForPeople(new Date(round.startedAt), isValidTimeZone(timeZone) ? timeZone : 'Europe/London')}`;
}
