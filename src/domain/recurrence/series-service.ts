/**
 * Recurring surveys (docs/recurrence.md): setting a series up, pausing, changing and stopping it, and
 * running each round (the scheduler's SERIES_ROUND_JOB, leased across instances). A round is created
 * idempotently from series + occurrence: the survey id is worked out from them, its delivery job from
 * the survey id, and the series only moves on (ETag) once both exist, so a round run twice — two
 * instances, a retry after a crash — is one round, sent once.
 */
import type { DeliveryCard } from '../delivery/delivery';
import type { DeliveryService } from '../delivery/delivery-service';
import type { DeliverySettingsRepository } from '../delivery/ports';
import { nextAllowedTime } from '../delivery/quiet-hours';
import type { Clock } from '../shared/clock';
import { type Actor, type StoredConversation, personKey } from '../shared/conversation';
import { DomainError, isDomainError } from '../shared/errors';
import type { DueItem, DueItemRepository } from '../shared/ports';
import { formatForPeople, isValidTimeZone } from '../shared/time';
import { surveyDelivery } from '../surveys/survey-delivery';
import type { Survey } from '../surveys/survey';
import type { SurveyService } from '../surveys/survey-service';
import type { SeriesRepository } from './ports';
import {
  MAX_ROUNDS,
  type Recurrence,
  SERIES_ROUND_JOB,
  type SeriesTarget,
  type SurveySeries,
  describeRecurrence,
  fatigueNote,
  nextOccurrence,
  roundSurveyId,
  seriesJobKey
} from './series';
import type { Reach } from '../delivery/delivery';
import { type RoundData, type SeriesTrend, buildTrend } from './trend';

export interface SeriesServiceDeps {
  series: SeriesRepository;
  surveys: SurveyService;
  due: DueItemRepository;
  clock: Clock;
  /** Absent: rounds are opened but not sent 1:1 (e.g. answered in sessions). */
  delivery?: DeliveryService;
  deliverySettings?: DeliverySettingsRepository;
  /** The invite card of a round (cards live outside the domain). */
  inviteCard?: (survey: Survey) => DeliveryCard;
}

export interface RepeatRequest {
  actor: Actor;
  recurrence: Recurrence;
  /** Rounds go 1:1 to these people; absent for "after each session". */
  target?: SeriesTarget;
  reach?: Reach;
  progressIn?: StoredConversation;
}

export interface SeriesOutcome {
  series: SurveySeries;
  /** Lines for the author: when the next round is, what allowed hours and the fatigue cap will do. */
  notes: string[];
  changed: boolean;
}

export interface RoundOutcome {
  series: SurveySeries;
  round?: Survey;
  /** Why nothing ran (paused, stopped, already run). */
  skipped?: string;
}

export class SeriesService {
  constructor(private readonly deps: SeriesServiceDeps) {}

  /**
   * Makes the author's latest open survey recur, or changes its series' schedule from the next round
   * on. Restarting a stopped series is refused: a new survey starts a new series.
   */
  async repeat(tenantId: string, request: RepeatRequest): Promise<SeriesOutcome> {
    const { actor, recurrence } = request;
    const owner = personKey(actor);
    const existing = await this.currentSeries(tenantId, actor);
    const now = this.deps.clock.now();
    if (existing) {
      let series: SurveySeries = { ...existing, recurrence, status: existing.status === 'paused' ? 'paused' : 'active', updatedAt: now };
      if (request.target) series = { ...series, target: request.target, reach: request.reach ?? series.reach, progressIn: request.progressIn ?? series.progressIn };
      series = await this.reschedule(series, now);
      return { series, notes: await this.notesFor(series), changed: true };
    }
    const [survey] = await this.deps.surveys.mineIn(tenantId, actor, ['open']);
    if (!survey) throw new DomainError('not_found', 'You have no open survey to repeat. Publish one first ("surveys" lists yours).');
    if (recurrence.kind !== 'afterSession' && !request.target) {
      throw new DomainError('invalid_input', 'Type "survey repeat …" in the team channel or group chat whose members should get each round, or add "group <name>".');
    }
    let series: SurveySeries = await this.deps.series.create({
      tenantId,
      seriesId: survey.surveyId,
      title: survey.title,
      cohort: survey.cohort,
      recurrence,
      timeZone: isValidTimeZone(survey.timeZone) ? survey.timeZone : 'Europe/London',
      status: 'active',
      createdBy: owner,
      owner: { userId: actor.userId, aadObjectId: actor.aadObjectId, name: actor.name },
      target: recurrence.kind === 'afterSession' ? undefined : request.target,
      reach: request.reach,
      progressIn: request.progressIn,
      rounds: [{ n: 1, surveyId: survey.surveyId, startedAt: (survey.publishedAt ?? now).toISOString() }],
      nextN: 2,
      createdAt: now,
      updatedAt: now
    });
    series = await this.reschedule(series, now);
    return { series, notes: await this.notesFor(series), changed: false };
  }

  async pause(tenantId: string, actor: Actor): Promise<SurveySeries> {
    const series = await this.mustHave(tenantId, actor);
    if (series.status === 'paused') return series;
    await this.deps.due.cancel(tenantId, SERIES_ROUND_JOB, seriesJobKey(series.seriesId, series.nextN));
    return this.deps.series.save({ ...series, status: 'paused', nextAt: undefined, updatedAt: this.deps.clock.now() });
  }

  async resume(tenantId: string, actor: Actor): Promise<SurveySeries> {
    const series = await this.mustHave(tenantId, actor);
    if (series.status === 'active') return series;
    return this.reschedule({ ...series, status: 'active', updatedAt: this.deps.clock.now() }, this.deps.clock.now());
  }

  /** No more rounds; the rounds there are keep their answers and results. */
  async stop(tenantId: string, actor: Actor): Promise<SurveySeries> {
    const series = await this.mustHave(tenantId, actor);
    await this.deps.due.cancel(tenantId, SERIES_ROUND_JOB, seriesJobKey(series.seriesId, series.nextN));
    return this.deps.series.save({ ...series, status: 'stopped', nextAt: undefined, updatedAt: this.deps.clock.now() });
  }

  /** The author's series that is still running or paused (the newest), if any. */
  async currentSeries(tenantId: string, actor: Actor): Promise<SurveySeries | undefined> {
    return (await this.deps.series.listByOwner(tenantId, personKey(actor))).find((s) => s.status !== 'stopped');
  }

  /** The author's newest series, stopped or not (the trend of a finished series is still wanted). */
  async latest(tenantId: string, actor: Actor): Promise<SurveySeries> {
    const [series] = await this.deps.series.listByOwner(tenantId, personKey(actor));
    if (!series) throw new DomainError('not_found', 'You have no recurring survey. Make one with "survey repeat weekly tuesday 16:00".');
    return series;
  }

  /** The series a survey is a round of, if it is one of the author's (sessions ask this when one ends). */
  async seriesOfRound(tenantId: string, surveyId: string, ownerKey: string): Promise<SurveySeries | undefined> {
    return (await this.deps.series.listByOwner(tenantId, ownerKey)).find((s) => s.rounds.some((r) => r.surveyId === surveyId));
  }

  /** Scheduler handler: the round of the item's occurrence. */
  async runDue(item: DueItem): Promise<RoundOutcome | undefined> {
    const series = await this.deps.series.get(item.tenantId, String(item.payload.seriesId));
    if (!series) return undefined;
    return this.runRound(series, Number(item.payload.n));
  }

  /** A session of round `surveyId` ended: an "after each session" series opens its next round for the next session. */
  async sessionEnded(tenantId: string, surveyId: string, ownerKey: string): Promise<RoundOutcome | undefined> {
    const series = await this.seriesOfRound(tenantId, surveyId, ownerKey);
    if (!series || series.recurrence.kind !== 'afterSession') return undefined;
    const last = series.rounds[series.rounds.length - 1];
    if (last?.surveyId !== surveyId) return { series, skipped: 'not the latest round' };
    return this.runRound(series, series.nextN);
  }

  /**
   * Opens round `n`: the next round's survey (a copy of the latest round, so the author's changes
   * carry forward), closes the one before, sends it 1:1 where the series has people to send to, then
   * moves the series on and schedules the next occurrence.
   */
  async runRound(start: SurveySeries, n: number): Promise<RoundOutcome> {
    let series = start;
    if (series.status !== 'active') return { series, skipped: series.status };
    if (n !== series.nextN) return { series, skipped: n < series.nextN ? 'already run' : 'not due yet' };
    if (series.rounds.length >= MAX_ROUNDS) return { series: await this.stopFor(series), skipped: 'the most rounds a series may have' };
    const previous = series.rounds[series.rounds.length - 1];
    const source = previous ? await this.deps.surveys.get(series.tenantId, previous.surveyId) : undefined;
    if (!source) return { series: await this.stopFor(series), skipped: 'its survey was deleted' };
    const now = this.deps.clock.now();
    const following = nextOccurrence(series.recurrence, now, series.timeZone);
    const round = await this.deps.surveys.openRound(source, roundSurveyId(series.seriesId, n), following);
    if (source.status === 'open') await this.deps.surveys.close(series.tenantId, source.surveyId);
    if (series.target && this.deps.delivery) {
      // Starting is idempotent per round: a start that lost a race with another instance's is tried again.
      for (let attempt = 0; ; attempt++) {
        try {
          await this.send(series, round);
          break;
        } catch (error) {
          if (!(isDomainError(error) && error.code === 'conflict') || attempt >= 4) throw error;
        }
      }
    }
    for (let attempt = 0; ; attempt++) {
      try {
        series = await this.deps.series.save({
          ...series,
          rounds: [...series.rounds, { n, surveyId: round.surveyId, startedAt: (round.publishedAt ?? now).toISOString() }],
          nextN: n + 1,
          updatedAt: now
        });
        break;
      } catch (error) {
        if (!(isDomainError(error) && error.code === 'conflict') || attempt >= 4) throw error;
        const fresh = await this.deps.series.get(series.tenantId, series.seriesId);
        if (!fresh || fresh.nextN > n) return { series: fresh ?? series, round };
        series = fresh;
      }
    }
    return { series: await this.reschedule(series, now), round };
  }

  private async send(series: SurveySeries, round: Survey): Promise<void> {
    const card = this.deps.inviteCard?.(round);
    if (!card || !series.target || !this.deps.delivery) return;
    await this.deps.delivery.start({
      ...surveyDelivery(round, card),
      createdBy: series.createdBy,
      target: series.target,
      reach: series.reach,
      progressIn: series.progressIn
    });
  }

  /** Schedules the next occurrence (weekly, monthly) while active; replaces the due time of the one scheduled. */
  private async reschedule(series: SurveySeries, now: Date): Promise<SurveySeries> {
    const nextAt = series.status === 'active' ? nextOccurrence(series.recurrence, now, series.timeZone) : undefined;
    const key = seriesJobKey(series.seriesId, series.nextN);
    if (nextAt) {
      await this.deps.due.schedule({ tenantId: series.tenantId, kind: SERIES_ROUND_JOB, key, dueAt: nextAt, payload: { seriesId: series.seriesId, n: series.nextN } });
    } else {
      await this.deps.due.cancel(series.tenantId, SERIES_ROUND_JOB, key);
    }
    return this.deps.series.save({ ...series, nextAt });
  }

  private async stopFor(series: SurveySeries): Promise<SurveySeries> {
    return this.deps.series.save({ ...series, status: 'stopped', nextAt: undefined, updatedAt: this.deps.clock.now() });
  }

  private async mustHave(tenantId: string, actor: Actor): Promise<SurveySeries> {
    const series = await this.currentSeries(tenantId, actor);
    if (!series) throw new DomainError('not_found', 'You have no recurring survey running. Make one with "survey repeat weekly tuesday 16:00".');
    return series;
  }

  /** The author's trend of their newest series: per round, suppressed as shared results are. */
  async trend(tenantId: string, actor: Actor): Promise<{ series: SurveySeries; trend: SeriesTrend }> {
    const series = await this.latest(tenantId, actor);
    const rounds: RoundData[] = [];
    for (const round of series.rounds) {
      const survey = await this.deps.surveys.get(tenantId, round.surveyId).catch((error: unknown) => {
        if (isDomainError(error) && error.code === 'not_found') return undefined;
        throw error;
      });
      if (survey) rounds.push({ round, survey, tally: await this.deps.surveys.tally(survey) });
    }
    const threshold = await this.deps.surveys.threshold(tenantId);
    return { series, trend: buildTrend(series.title, series.timeZone, rounds, threshold) };
  }

  /** When the next round is, and what allowed hours and the fatigue cap will do to it. */
  async notesFor(series: SurveySeries): Promise<string[]> {
    const notes = [`"${series.title}" repeats ${describeRecurrence(series.recurrence)} (${series.timeZone}); each round has its own answers and results.`];
    if (series.status === 'paused') notes.push('The series is paused: "survey repeat resume" starts it again.');
    if (series.nextAt) notes.push(`Round ${series.nextN} opens ${formatForPeople(series.nextAt, series.timeZone)}; the round before it closes then.`);
    if (series.recurrence.kind === 'afterSession') notes.push(`Round ${series.nextN} opens when a session of round ${series.nextN - 1} ends, ready for the next session.`);
    const settings = series.target ? await this.deps.deliverySettings?.get(series.tenantId) : undefined;
    if (settings && series.nextAt) {
      const allowed = nextAllowedTime(series.nextAt, series.cohort, settings.allowedHours);
      if (allowed.getTime() !== series.nextAt.getTime()) {
        notes.push(`That is outside the allowed hours for this group: messages wait until ${formatForPeople(allowed, settings.allowedHours.timeZone)}.`);
      }
    }
    const fatigue = settings ? fatigueNote(series.recurrence, settings.fatigue, Boolean(series.target)) : undefined;
    if (fatigue) notes.push(fatigue);
    return notes;
  }
}
