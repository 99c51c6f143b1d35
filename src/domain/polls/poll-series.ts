/**
 * Recurring polls (docs/recurrence.md, "Polls"): the poll form's "Repeat" makes a poll come back weekly or monthly
 * in the same chat or channel. Each occurrence is a new poll (its own votes and results); the round before it is
 * closed when it is posted, so every round's result is final. Reuses the survey series' machinery: the schedule
 * words and occurrences of `recurrence/series.ts`, a leased due item per series and occurrence, deterministic
 * round ids (a round run twice is one poll, posted once) and an ETag-guarded series row.
 */
import type { Clock } from '../shared/clock';
import { type Actor, type StoredConversation, personKey } from '../shared/conversation';
import { DomainError, isDomainError } from '../shared/errors';
import type { DueItem, DueItemRepository } from '../shared/ports';
import { formatForPeople, isValidTimeZone, wallClock } from '../shared/time';
import { MAX_ROUNDS, type Recurrence, describeRecurrence, nextOccurrence, roundSurveyId, seriesJobKey } from '../recurrence/series';
import { type Poll, type PollDraft, percentages, resultsAccess } from './poll';
import type { PollService, PollView } from './poll-service';
import { type PollPoster, postOnce } from './scheduled-poll';

export const POLL_ROUND_JOB = 'poll.round';
export type PollSeriesStatus = 'active' | 'paused' | 'stopped';

export interface PollSeriesRound {
  n: number;
  pollId: string;
  /** ISO time the round was posted. */
  postedAt: string;
}

export interface PollSeries {
  tenantId: string;
  /** The first round's poll id (the form's id). */
  seriesId: string;
  draft: PollDraft;
  actor: Actor;
  createdBy: string;
  conversation: StoredConversation;
  recurrence: Recurrence;
  timeZone: string;
  status: PollSeriesStatus;
  rounds: PollSeriesRound[];
  nextN: number;
  nextAt?: Date;
  createdAt: Date;
  updatedAt: Date;
  etag?: string;
}

export interface PollSeriesRepository {
  create(series: PollSeries): Promise<PollSeries>;
  get(tenantId: string, seriesId: string): Promise<PollSeries | undefined>;
  /** ETag-guarded; `conflict` when it changed since it was read. */
  save(series: PollSeries): Promise<PollSeries>;
  /** The author's series, newest first. */
  listByOwner(tenantId: string, ownerKey: string): Promise<PollSeries[]>;
}

/** The round poll's id: the same every time it is worked out. */
export const roundPollId = (seriesId: string, n: number): string => roundSurveyId(seriesId, n);

/**
 * The poll form's "Repeat" (none, weekly, monthly) read with its "Post on … at …": the first round is posted then,
 * and the rest on the same weekday (or day of the month) at the same time, in the author's time zone.
 */
export function parseRepeat(repeat: unknown, postAt: Date | undefined, closesAt: Date | undefined, timeZone: string): Recurrence | undefined {
  if (repeat === undefined || repeat === '' || repeat === 'none') return undefined;
  const refuse = (message: string): never => {
    throw new DomainError('invalid_input', message, { repeat: message });
  };
  if (repeat !== 'weekly' && repeat !== 'monthly') return refuse('Choose how often the poll repeats.');
  if (!postAt) return refuse('Choose when the first round is posted ("Post on … at …"): the rest follow on the same day and time.');
  if (closesAt) return refuse('A repeating poll has no closing date: each round closes when the next one is posted. Leave "Close on" empty.');
  const w = wallClock(postAt, isValidTimeZone(timeZone) ? timeZone : 'Europe/London');
  const time = `${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
  if (repeat === 'weekly') return { kind: 'weekly', weekday: new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay(), time };
  if (w.day > 28) return refuse('A monthly poll needs a first date from the 1st to the 28th, so every month has it.');
  return { kind: 'monthly', day: w.day, time };
}

export interface PollTrendPoint {
  x: string;
  /** Percent of that round's votes; absent: a gap (results not shown for that round, or no votes). */
  y?: number;
}

export interface PollTrend {
  rounds: string[];
  lines: { legend: string; points: PollTrendPoint[] }[];
  fallback: string[];
  gaps: string[];
}

export class PollSeriesService {
  constructor(private readonly deps: { series: PollSeriesRepository; polls: PollService; due: DueItemRepository; clock: Clock }) {}

  /** Starts a series whose first round is posted at `firstAt`. A double click finds the first. */
  async start(input: { seriesId: string; actor: Actor; draft: PollDraft; conversation: StoredConversation; recurrence: Recurrence; firstAt: Date; timeZone: string }): Promise<PollSeries> {
    const seriesId = input.seriesId.toLowerCase();
    const tenantId = input.actor.tenantId;
    await this.deps.due.schedule({ tenantId, kind: POLL_ROUND_JOB, key: seriesJobKey(seriesId, 1), dueAt: input.firstAt, payload: { seriesId, n: 1 } });
    const now = this.deps.clock.now();
    try {
      return await this.deps.series.create({
        tenantId,
        seriesId,
        draft: { ...input.draft, closesAt: undefined },
        actor: input.actor,
        createdBy: personKey(input.actor),
        conversation: input.conversation,
        recurrence: input.recurrence,
        timeZone: isValidTimeZone(input.timeZone) ? input.timeZone : 'Europe/London',
        status: 'active',
        rounds: [],
        nextN: 1,
        nextAt: input.firstAt,
        createdAt: now,
        updatedAt: now
      });
    } catch (error) {
      if (!(isDomainError(error) && error.code === 'conflict')) throw error;
      return (await this.deps.series.get(tenantId, seriesId))!;
    }
  }

  /** The author's newest series that is not stopped. */
  async current(tenantId: string, actor: Actor): Promise<PollSeries | undefined> {
    return (await this.deps.series.listByOwner(tenantId, personKey(actor))).find((s) => s.status !== 'stopped');
  }

  /** The author's newest series, stopped or not (for the trend). */
  async latest(tenantId: string, actor: Actor): Promise<PollSeries> {
    const [series] = await this.deps.series.listByOwner(tenantId, personKey(actor));
    if (!series) throw new DomainError('not_found', 'None of your polls repeats. On the "poll" form, choose "Repeat" with a "Post on" time.');
    return series;
  }

  async pause(tenantId: string, actor: Actor): Promise<PollSeries> {
    const series = await this.required(tenantId, actor);
    return this.deps.series.save({ ...series, status: 'paused', updatedAt: this.deps.clock.now() });
  }

  /** Resumes from the next occurrence after now (rounds missed while paused are not made up). */
  async resume(tenantId: string, actor: Actor): Promise<PollSeries> {
    const series = await this.required(tenantId, actor);
    return this.reschedule({ ...series, status: 'active' });
  }

  async stop(tenantId: string, actor: Actor): Promise<PollSeries> {
    const series = await this.required(tenantId, actor);
    const saved = await this.deps.series.save({ ...series, status: 'stopped', nextAt: undefined, updatedAt: this.deps.clock.now() });
    await this.deps.due.cancel(tenantId, POLL_ROUND_JOB, seriesJobKey(series.seriesId, series.nextN));
    return saved;
  }

  /** A new schedule from the next round on. */
  async change(tenantId: string, actor: Actor, recurrence: Recurrence): Promise<PollSeries> {
    if (recurrence.kind === 'afterSession') throw new DomainError('invalid_input', 'A poll repeats weekly or monthly: try "poll repeat weekly friday 16:00" or "poll repeat monthly 1 10:00".');
    const series = await this.required(tenantId, actor);
    return this.reschedule({ ...series, recurrence });
  }

  describe(series: PollSeries): string {
    const state = series.status === 'active' ? `Repeats ${describeRecurrence(series.recurrence)}` : series.status === 'paused' ? 'Paused' : 'Stopped';
    const next = series.status === 'active' && series.nextAt ? ` Next round: ${formatForPeople(series.nextAt, series.timeZone)} (${series.timeZone}).` : '';
    return `"${series.draft.question}": ${state}. ${series.rounds.length} round${series.rounds.length === 1 ? '' : 's'} so far.${next}`;
  }

  /**
   * Scheduler handler (POLL_ROUND_JOB): posts round n once — the poll's id is worked out from series and n, so a
   * repeat finds it, and its card is posted only if it has no message yet — then closes the round before it and
   * moves the series on (ETag). Paused, stopped or already-run occurrences do nothing.
   */
  async runDue(item: DueItem, hooks: { post: PollPoster; closed: (view: PollView) => Promise<void> }): Promise<{ series?: PollSeries; round?: Poll; skipped?: string }> {
    const series = await this.deps.series.get(item.tenantId, String(item.payload.seriesId));
    const n = Number(item.payload.n);
    if (!series) return { skipped: 'gone' };
    if (series.status !== 'active') return { series, skipped: series.status };
    if (n !== series.nextN) return { series, skipped: 'already run' };
    if (series.rounds.length >= MAX_ROUNDS) return { series: await this.deps.series.save({ ...series, status: 'stopped', nextAt: undefined }), skipped: 'round limit' };
    const pollId = roundPollId(series.seriesId, n);
    const poll = await postOnce(this.deps.polls, { pollId, actor: series.actor, draft: series.draft, conversation: series.conversation, timeZone: series.timeZone }, hooks.post);
    const previous = series.rounds.at(-1);
    if (previous) {
      try {
        const { view, alreadyClosed } = await this.deps.polls.close(series.tenantId, previous.pollId);
        if (!alreadyClosed) await hooks.closed(view);
      } catch (error) {
        if (!(isDomainError(error) && error.code === 'not_found')) throw error;
      }
    }
    const scheduledAt = series.nextAt ?? this.deps.clock.now();
    const nextAt = nextOccurrence(series.recurrence, scheduledAt, series.timeZone);
    if (nextAt) await this.deps.due.schedule({ tenantId: series.tenantId, kind: POLL_ROUND_JOB, key: seriesJobKey(series.seriesId, n + 1), dueAt: nextAt, payload: { seriesId: series.seriesId, n: n + 1 } });
    const saved = await this.deps.series.save({
      ...series,
      rounds: [...series.rounds, { n, pollId, postedAt: this.deps.clock.now().toISOString() }],
      nextN: n + 1,
      nextAt,
      updatedAt: this.deps.clock.now()
    });
    return { series: saved, round: poll };
  }

  /**
   * The share of each option per round. A round whose results its poll does not show (an anonymous poll with too
   * few voters, results hidden until it closes) or that nobody voted in is a gap, never a number.
   */
  async trend(series: PollSeries): Promise<PollTrend> {
    const labels: string[] = [];
    const lines = series.draft.options.map((legend) => ({ legend, points: [] as PollTrendPoint[] }));
    const fallback: string[] = [];
    const gaps: string[] = [];
    for (const round of series.rounds) {
      const x = `Round ${round.n}`;
      const label = `${x} · ${formatForPeople(new Date(round.postedAt), series.timeZone)}`;
      labels.push(label);
      let snapshot;
      try {
        snapshot = await this.deps.polls.snapshot(series.tenantId, round.pollId);
      } catch (error) {
        if (!(isDomainError(error) && error.code === 'not_found')) throw error;
      }
      const shownTally = snapshot && resultsAccess(snapshot.poll, snapshot.tally) === 'shown' && snapshot.tally.voters > 0 ? snapshot.tally : undefined;
      const shown = shownTally !== undefined;
      const percents = shownTally ? percentages(shownTally.counts) : [];
      lines.forEach((line, i) => line.points.push(shown ? { x, y: percents[i] ?? 0 } : { x }));
      if (shown) fallback.push(`${label}: ${lines.map((l, i) => `${percents[i] ?? 0}% ${l.legend}`).join(', ')}`);
      else if (snapshot && snapshot.tally.voters === 0) fallback.push(`${label}: no votes`);
      else {
        gaps.push(label);
        fallback.push(`${label}: not shown`);
      }
    }
    return { rounds: labels, lines, fallback, gaps };
  }

  private async required(tenantId: string, actor: Actor): Promise<PollSeries> {
    const series = await this.current(tenantId, actor);
    if (!series) throw new DomainError('not_found', 'None of your polls repeats. On the "poll" form, choose "Repeat" with a "Post on" time.');
    return series;
  }

  private async reschedule(series: PollSeries): Promise<PollSeries> {
    const now = this.deps.clock.now();
    const nextAt = series.status === 'active' ? nextOccurrence(series.recurrence, now, series.timeZone) : series.nextAt;
    if (series.status === 'active' && nextAt) {
      await this.deps.due.schedule({ tenantId: series.tenantId, kind: POLL_ROUND_JOB, key: seriesJobKey(series.seriesId, series.nextN), dueAt: nextAt, payload: { seriesId: series.seriesId, n: series.nextN } });
    }
    return this.deps.series.save({ ...series, nextAt, updatedAt: now });
  }
}
