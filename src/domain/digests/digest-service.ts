/**
 * Manager digests: built from the per-tenant aggregate (one point read) and the tallies and reach
 * counters of the few newest live surveys (point reads), never from answers or delivery records;
 * sent 1:1 on the subscriber's day and time through the leased scheduler. The subscription is the
 * due item itself (one per person).
 */
import type { Clock } from '../shared/clock';
import { type Actor, personKey } from '../shared/conversation';
import type { AggregateRepository } from './ports';
import { type Digest, type DigestSchedule, type LoopDigest, DAYS, buildDigest, newestLiveSurveys, nextDigestTime, parseSchedule } from './digest';
import type { CardPayload, DueItem, DueItemRepository, ProactiveSender } from '../shared/ports';
import { londonDate } from '../plans/plan-service';
import { zonedWallTimeToUtc } from '../shared/time';

export const DIGEST_JOB = 'digest.send';

export interface DigestServiceDeps {
  aggregates: AggregateRepository;
  /** Respondents of one survey (its tally, by point reads). */
  respondents: (tenantId: string, surveyId: string) => Promise<number>;
  /** People asked to answer one survey (its reach counters, by point reads): the rate's denominator. */
  asked: (tenantId: string, surveyId: string) => Promise<number>;
  threshold: (tenantId: string) => Promise<number>;
  due: DueItemRepository;
  sender: ProactiveSender;
  card: (digest: Digest) => CardPayload;
  clock: Clock;
  /** The two-way loop's figures (docs/two-way-loop.md), when wired. */
  loop?: (tenantId: string) => Promise<LoopDigest>;
}

export class DigestService {
  constructor(private readonly deps: DigestServiceDeps) {}

  async digest(tenantId: string): Promise<Digest> {
    const [aggregate, threshold] = await Promise.all([this.deps.aggregates.get(tenantId), this.deps.threshold(tenantId)]);
    const live = newestLiveSurveys(aggregate);
    const [counts, asked] = await Promise.all([
      Promise.all(live.map((s) => this.deps.respondents(tenantId, s.surveyId))),
      Promise.all(live.map((s) => (s.shared ? 0 : this.deps.asked(tenantId, s.surveyId))))
    ]);
    const now = this.deps.clock.now();
    const bySurvey = (values: number[]) => Object.fromEntries(live.map((s, i) => [s.surveyId, values[i] ?? 0]));
    const digest = buildDigest(aggregate, now, londonDate(now), bySurvey(counts), threshold, bySurvey(asked));
    return this.deps.loop ? { ...digest, loop: await this.deps.loop(tenantId) } : digest;
  }

  /** Subscribes (or changes the day and time); returns when the first digest comes. */
  async subscribe(actor: Actor, words: string): Promise<{ schedule: DigestSchedule; next: Date }> {
    const schedule = parseSchedule(words);
    const next = nextDigestTime(this.deps.clock.now(), schedule, zonedWallTimeToUtc);
    await this.deps.due.schedule({ tenantId: actor.tenantId, kind: DIGEST_JOB, key: personKey(actor), dueAt: next, payload: { personKey: personKey(actor), day: schedule.day, time: schedule.time } });
    return { schedule, next };
  }

  unsubscribe(actor: Actor): Promise<void> {
    return this.deps.due.cancel(actor.tenantId, DIGEST_JOB, personKey(actor));
  }

  /**
   * Scheduler handler. The next week's item is scheduled before sending: a crash after it loses this
   * week's digest rather than sending it twice (the scheduler keeps the rescheduled time).
   */
  async run(item: DueItem): Promise<void> {
    const day = DAYS.find((d) => d === item.payload.day) ?? 'monday';
    const schedule: DigestSchedule = { day, time: String(item.payload.time ?? '09:00') };
    const person = String(item.payload.personKey);
    const next = nextDigestTime(new Date(Math.max(this.deps.clock.now().getTime(), item.dueAt.getTime()) + 60_000), schedule, zonedWallTimeToUtc);
    await this.deps.due.schedule({ tenantId: item.tenantId, kind: DIGEST_JOB, key: item.key, dueAt: next, payload: item.payload });
    await this.deps.sender.sendToPerson(item.tenantId, person, this.deps.card(await this.digest(item.tenantId)));
  }
}
