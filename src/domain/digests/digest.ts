/**
 * Manager digests (issue 6): a per-tenant aggregate kept up to date as plans, approval rounds,
 * surveys and findings change (so a digest is one point read plus a few tallies, never a scan of
 * answers), and the pure rules that turn it into a digest. Pure: no SDK, no I/O. docs/findings.md.
 */
import type { ApprovalRound } from '../approvals/approval-round';
import { DomainError } from '../shared/errors';
import type { Findings } from '../findings/findings';
import type { Plan } from '../plans/plan';
import { type ShownCount, checkThreshold, suppressCount } from '../shared/suppression';
import type { Survey } from '../surveys/survey';

export interface TenantAggregate {
  plansByState: Record<string, number>;
  /** Plans past draft, by commissioning level and by Hart rung (activities, not people). */
  activitiesByLevel: Record<string, number>;
  activitiesByRung: Record<string, number>;
  /** Open approval rounds: round id → deadline (ISO). */
  openRounds: Record<string, string>;
  /**
   * Open surveys: id → title, when they opened, and `shared` when the invitation was posted in a
   * channel or group chat (who could answer is then not known, so no response rate is shown).
   */
  liveSurveys: Record<string, LiveSurveyEntry>;
  /** Published findings with something still planned or in progress, by their promised date. */
  loopsOpenByDate: Record<string, number>;
  loopsClosed: number;
  safeguardingAlerts: number;
  /** Survey requests skipped by the fatigue cap, by London date (kept 30 days). */
  fatigueSkippedByDay: Record<string, number>;
}

export interface LiveSurveyEntry {
  title: string;
  since: string;
  shared?: boolean;
}

export const emptyAggregate = (): TenantAggregate => ({
  plansByState: {},
  activitiesByLevel: {},
  activitiesByRung: {},
  openRounds: {},
  liveSurveys: {},
  loopsOpenByDate: {},
  loopsClosed: 0,
  safeguardingAlerts: 0,
  fatigueSkippedByDay: {}
});

/** One more request skipped by the fatigue cap today; days older than 30 are dropped. */
export function applyFatigueSkip(current: TenantAggregate, today: string): TenantAggregate {
  const a = copy(current);
  const cutoff = new Date(new Date(`${today}T00:00:00Z`).getTime() - 30 * 86_400_000).toISOString().slice(0, 10);
  for (const day of Object.keys(a.fatigueSkippedByDay)) if (day < cutoff) delete a.fatigueSkippedByDay[day];
  a.fatigueSkippedByDay[today] = (a.fatigueSkippedByDay[today] ?? 0) + 1;
  return a;
}

const bump = (map: Record<string, number>, key: string | undefined, by: number): void => {
  if (key === undefined || key === '') return;
  const next = (map[key] ?? 0) + by;
  if (next <= 0) delete map[key];
  else map[key] = next;
};

const copy = (a: TenantAggregate): TenantAggregate => structuredClone(a);

export function applyPlanChange(current: TenantAggregate, before: Plan | undefined, after: Plan | undefined): TenantAggregate {
  const a = copy(current);
  for (const [plan, by] of [[before, -1], [after, 1]] as const) {
    if (!plan) continue;
    bump(a.plansByState, plan.state, by);
    if (plan.state !== 'draft') {
      bump(a.activitiesByLevel, plan.level || undefined, by);
      bump(a.activitiesByRung, plan.hartRung !== undefined ? String(plan.hartRung) : undefined, by);
    }
  }
  return a;
}

export function applyRoundChange(current: TenantAggregate, after: ApprovalRound | undefined, roundId: string): TenantAggregate {
  const a = copy(current);
  if (after && after.status === 'open') a.openRounds[roundId] = after.deadline.toISOString();
  else delete a.openRounds[roundId];
  return a;
}

export function applySurveyChange(current: TenantAggregate, after: Survey | undefined, surveyId: string): TenantAggregate {
  const a = copy(current);
  if (after && after.status === 'open') {
    const type = after.conversation?.conversationType;
    a.liveSurveys[surveyId] = { title: after.title, since: (after.publishedAt ?? after.createdAt).toISOString(), ...(type && type !== 'personal' ? { shared: true } : {}) };
  } else delete a.liveSurveys[surveyId];
  return a;
}

/** A loop is closed when published findings have nothing planned or in progress left. */
export const loopClosed = (f: Findings): boolean => f.weDid.length > 0 && f.weDid.every((w) => w.status === 'done' || w.status === 'notPossible');

export function applyFindingsChange(current: TenantAggregate, before: Findings | undefined, after: Findings | undefined): TenantAggregate {
  const a = copy(current);
  for (const [f, by] of [[before, -1], [after, 1]] as const) {
    if (!f || f.state !== 'published') continue;
    if (loopClosed(f)) a.loopsClosed = Math.max(0, a.loopsClosed + by);
    else bump(a.loopsOpenByDate, f.nextUpdate, by);
  }
  return a;
}

/**
 * A survey's response rate as the digest may show it. Respondents are suppressed exactly as
 * everywhere else (`suppressCount`), and what is shown beside a suppressed count depends only on the
 * number asked, never on the hidden value: a "fewer than N" count shows the number asked only when at
 * least N were asked (so it cannot pin the count), and never a percentage.
 */
export type ResponseRate =
  /** Both exact: "12 of 40 (30%)". */
  | { kind: 'rate'; respondents: number; asked: number; percent: number }
  /** Fewer than the threshold responded, of `asked` (≥ threshold): no percentage. */
  | { kind: 'few'; asked: number }
  /** Fewer than the threshold responded and fewer than the threshold were asked: nothing more shown. */
  | { kind: 'hidden' }
  /** No denominator: nobody recorded as asked, posted where anyone could answer, or more answered than were asked. */
  | { kind: 'notKnown'; respondents: ShownCount; why: 'notAsked' | 'shared' | 'moreThanAsked' };

export function responseRate(respondents: number, asked: number, shared: boolean, threshold: number): ResponseRate {
  const t = checkThreshold(threshold);
  const shown = suppressCount(respondents, t);
  if (shared) return { kind: 'notKnown', respondents: shown, why: 'shared' };
  if (asked <= 0) return { kind: 'notKnown', respondents: shown, why: 'notAsked' };
  if (shown.kind !== 'exact') return asked >= t ? { kind: 'few', asked } : { kind: 'hidden' };
  if (respondents > asked) return { kind: 'notKnown', respondents: shown, why: 'moreThanAsked' };
  return { kind: 'rate', respondents, asked, percent: Math.round((100 * respondents) / asked) };
}

export interface LiveSurveyFigure {
  surveyId: string;
  title: string;
  respondents: ShownCount;
  rate: ResponseRate;
}

export interface Digest {
  generatedAt: Date;
  /** Small-number threshold the respondents were suppressed with. */
  threshold: number;
  plansByState: Record<string, number>;
  approvalsWaiting: number;
  approvalsOverdue: number;
  liveSurveys: number;
  /** The newest live surveys (at most DIGEST_LIVE_SHOWN), respondents suppressed. */
  newestLive: LiveSurveyFigure[];
  activitiesByLevel: Record<string, number>;
  activitiesByRung: Record<string, number>;
  loopsClosed: number;
  loopsOpen: number;
  loopsOverdue: number;
  safeguardingAlerts: number;
  /** Survey requests skipped by the fatigue cap in the last 7 days (one per person and survey). */
  fatigueSkipped: number;
  /** The two-way loop (docs/two-way-loop.md), when wired: flagged "We did" items and Tell us views. */
  loop?: LoopDigest;
}

/** "We did" items where "Not what we said" is the majority (title: item), and Tell us views of the last 7 days. */
export interface LoopDigest {
  notWhatWeSaid: string[];
  tellUsLast7Days: number;
}

export const DIGEST_LIVE_SHOWN = 5;

/** The newest live surveys: the only ones whose tallies a digest reads. */
export function newestLiveSurveys(a: TenantAggregate): { surveyId: string; title: string; shared: boolean }[] {
  return Object.entries(a.liveSurveys)
    .sort((x, y) => y[1].since.localeCompare(x[1].since))
    .slice(0, DIGEST_LIVE_SHOWN)
    .map(([surveyId, s]) => ({ surveyId, title: s.title, shared: s.shared === true }));
}

/** `respondents` and `asked`: of the newest live surveys, by survey id (tally and reach counters). */
export function buildDigest(
  a: TenantAggregate,
  now: Date,
  today: string,
  respondents: Record<string, number>,
  threshold: number,
  asked: Record<string, number> = {}
): Digest {
  const deadlines = Object.values(a.openRounds);
  const open = Object.entries(a.loopsOpenByDate);
  return {
    generatedAt: now,
    threshold,
    plansByState: a.plansByState,
    approvalsWaiting: deadlines.length,
    approvalsOverdue: deadlines.filter((d) => d < now.toISOString()).length,
    liveSurveys: Object.keys(a.liveSurveys).length,
    newestLive: newestLiveSurveys(a).map(({ surveyId, title, shared }) => ({
      surveyId,
      title,
      respondents: suppressCount(respondents[surveyId] ?? 0, threshold),
      rate: responseRate(respondents[surveyId] ?? 0, asked[surveyId] ?? 0, shared, threshold)
    })),
    activitiesByLevel: a.activitiesByLevel,
    activitiesByRung: a.activitiesByRung,
    loopsClosed: a.loopsClosed,
    loopsOpen: open.reduce((sum, [, n]) => sum + n, 0),
    loopsOverdue: open.filter(([date]) => date < today).reduce((sum, [, n]) => sum + n, 0),
    safeguardingAlerts: a.safeguardingAlerts,
    fatigueSkipped: Object.entries(a.fatigueSkippedByDay)
      .filter(([day]) => day > new Date(new Date(`${today}T00:00:00Z`).getTime() - 7 * 86_400_000).toISOString().slice(0, 10))
      .reduce((sum, [, n]) => sum + n, 0)
  };
}

// ---- subscriptions --------------------------------------------------------------------------

export const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
export type Day = (typeof DAYS)[number];

export interface DigestSchedule {
  day: Day;
  /** HH:MM, Europe/London. */
  time: string;
}

export const DEFAULT_SCHEDULE: DigestSchedule = { day: 'monday', time: '09:00' };

/** `digest subscribe [day] [HH:MM]`: defaults Monday 09:00 (Europe/London). */
export function parseSchedule(words: string): DigestSchedule {
  const parts = words.trim().toLowerCase().split(/\s+/).filter(Boolean);
  let day: Day = DEFAULT_SCHEDULE.day;
  let time = DEFAULT_SCHEDULE.time;
  for (const part of parts) {
    const d = DAYS.find((x) => x === part || x.slice(0, 3) === part);
    if (d) {
      day = d;
      continue;
    }
    const m = /^(\d{1,2})(?::(\d{2}))?$/.exec(part);
    if (m && Number(m[1]) < 24 && Number(m[2] ?? '0') < 60) {
      time = `${m[1]!.padStart(2, '0')}:${m[2] ?? '00'}`;
      continue;
    }
    throw new DomainError('invalid_input', `I did not understand "${part}". Try "digest subscribe monday 09:00".`);
  }
  return { day, time };
}

/** The next time after `now` that is `schedule.day` at `schedule.time` in Europe/London. */
export function nextDigestTime(now: Date, schedule: DigestSchedule, wallToUtc: (date: string, time: string, timeZone: string) => Date): Date {
  const target = DAYS.indexOf(schedule.day);
  for (let offset = 0; offset <= 8; offset++) {
    const day = new Date(now.getTime() + offset * 86_400_000);
    const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(day);
    if (new Date(`${date}T12:00:00Z`).getUTCDay() !== target) continue;
    const at = wallToUtc(date, schedule.time, 'Europe/London');
    if (at.getTime() > now.getTime()) return at;
  }
  throw new Error('no next digest time');
}
