/**
 * Starting a 1:1 delivery, showing its progress to the author, and reminding non-responders
 * (docs/delivery.md). The sending itself is the worker's (delivery-worker.ts).
 */
import { type Clock, systemClock } from '../shared/clock';
import type { StoredConversation } from '../shared/conversation';
import { type DeliveryCard, type DeliveryCounts, type DeliveryJob, type OutboundMessage, type Recipient, FED_ALL, checkMessage, isFinished, taskFor } from './delivery';
import type { ChosenGroups, DeliveryConnector, DeliveryInbox, DeliveryRepository, DeliverySubject, GroupRepository, DeliverySettingsRepository } from './ports';
import type { RateController } from './delivery-rate';
import { DomainError } from '../shared/errors';
import type { DueItemRepository } from '../shared/ports';

export const DELIVERY_PROGRESS_JOB = 'delivery.progress';
export const DELIVERY_REMIND_JOB = 'delivery.remind';
/** Queues the next batch of a large round when the queue has room (and finishes a start cut short). */
export const DELIVERY_FEED_JOB = 'delivery.feed';
/** The round of records of "Nudge the rest": after any reminder round a tenant may set (at most 3). */
export const NUDGE_ROUND = 9;

export type DeliveryTarget =
  | { kind: 'people'; people: Recipient[] }
  | { kind: 'group'; groupId: string }
  /** The members of a team or chat, read page by page from Teams. */
  | { kind: 'roster'; serviceUrl: string; conversationId: string };

/** What starting a delivery needs: the job's own fields, plus the target and the progress card's place. */
export interface StartDelivery
  extends Pick<DeliveryJob, 'tenantId' | 'jobId' | 'subjectKind' | 'subjectId' | 'title' | 'purpose' | 'cohort' | 'message' | 'reminder' | 'closesAt' | 'createdBy' | 'reach'> {
  /** Default: the tenant's setting. */
  maxReminders?: number;
  reminderAfterHours?: number;
  target: DeliveryTarget;
  /** Where the author's progress card goes (the chat where they asked). */
  progressIn?: StoredConversation;
}

export interface StartResult {
  job: DeliveryJob;
  /** People newly queued by this request. */
  added: number;
  /** People this job had already reached or queued (the same thing sent twice). */
  alreadyIncluded: number;
  /** Sent to a group people chose to join: its name and how many of its members joined themselves (not capped). */
  chosenGroup?: { name: string; chose: number; members: number };
}

/** Renders the author's progress card; injected (cards live outside the domain). */
export type ProgressCard = (job: DeliveryJob, counts: DeliveryCounts, finished: boolean) => DeliveryCard;

export interface DeliveryServiceDeps {
  deliveries: DeliveryRepository;
  /** Where recipients' messages are queued (each tenant's own queue, in the app). */
  queue: DeliveryInbox;
  groups: GroupRepository;
  /** Groups people chose to join (docs/groups.md), found before saved groups. */
  chosenGroups?: ChosenGroups;
  connector: DeliveryConnector;
  rate: RateController;
  /** Each tenant's own rate controller, when tenants are paced apart (the app); else `rate` for all. */
  rateFor?: (tenantId: string) => RateController;
  due: DueItemRepository;
  settings: DeliverySettingsRepository;
  subjects?: Record<string, DeliverySubject>;
  progressCard?: ProgressCard;
  clock?: Clock;
  /** How often the progress card may change (default 5 s): never once per message. */
  progressEveryMs?: number;
  /** Roster pages: attempts per page on 429/5xx (default 5). */
  rosterAttempts?: number;
  /**
   * Queue messages added per feed (default 500). A round larger than this is queued in batches while
   * the queue holds fewer than `feedBatch` messages: the records, not the queue, hold the work.
   */
  feedBatch?: number;
  /** How soon the feeder looks again while a round is not fully queued (default 2 s). */
  feedEveryMs?: number;
}

export class DeliveryService {
  private readonly clock: Clock;
  private readonly progressEveryMs: number;

  constructor(private readonly deps: DeliveryServiceDeps) {
    this.clock = deps.clock ?? systemClock;
    this.progressEveryMs = deps.progressEveryMs ?? 5000;
  }

  /**
   * Resolves the recipients (all pages first: a roster that fails half way sends nothing), records
   * one queued record per new recipient, then one queue message each. Idempotent per job id.
   */
  async start(input: StartDelivery): Promise<StartResult> {
    checkMessage(input.message);
    if (input.reminder) checkMessage(input.reminder);
    await this.deps.subjects?.[input.subjectKind]?.checkStart?.(input.tenantId, input.subjectId);
    const chosen = input.target.kind === 'group' ? await this.deps.chosenGroups?.find(input.tenantId, input.target.groupId) : undefined;
    const recipients = dedupe(chosen ? chosen.members.map((m) => ({ ...m, viaGroup: chosen.groupId })) : await this.resolve(input.tenantId, input.target));
    if (recipients.length === 0) {
      throw new DomainError('invalid_input', 'There is nobody to send this to: the group, team or chat has no members VoiceLoop can message.');
    }
    const now = this.clock.now();
    const settings = await this.deps.settings.get(input.tenantId);
    const { job } = await this.deps.deliveries.createJob({
      tenantId: input.tenantId,
      jobId: input.jobId,
      subjectKind: input.subjectKind,
      subjectId: input.subjectId,
      title: input.title,
      purpose: input.purpose,
      cohort: input.cohort,
      message: input.message,
      reminder: input.reminder,
      maxReminders: input.maxReminders ?? settings.reminders.max,
      reminderAfterMs: (input.reminderAfterHours ?? settings.reminders.afterHours) * 3_600_000,
      closesAt: input.closesAt,
      status: 'preparing',
      createdBy: input.createdBy,
      createdAt: now,
      reach: input.reach,
      progress: input.progressIn ? { conversation: input.progressIn } : undefined
    });
    if (job.status === 'closed') throw new DomainError('closed', 'This has closed: nothing more can be sent.');

    // Safety net first: if this process stops before every message is queued, the scheduler finishes it.
    await this.scheduleFeed(job.tenantId, job.jobId, 0, new Date(now.getTime() + 60_000));
    const added = await this.deps.deliveries.addRecipients(job.tenantId, job.jobId, 0, recipients, now);
    // A round sent again: its new people are queued from the start of the round (re-queueing is harmless).
    let prepared = job;
    if (added.length > 0 && prepared.fed?.['0'] === FED_ALL) {
      prepared = await this.deps.deliveries.saveJob({ ...prepared, fed: { ...prepared.fed, 0: '' } });
    }
    if (prepared.status === 'preparing') prepared = await this.deps.deliveries.saveJob({ ...prepared, status: 'active' });
    const more = await this.feed(job.tenantId, job.jobId, 0);
    if (more) await this.scheduleFeed(job.tenantId, job.jobId, 0, now);
    else await this.deps.due.cancel(job.tenantId, DELIVERY_FEED_JOB, `${job.jobId}|0`);
    const active = (await this.deps.deliveries.getJob(job.tenantId, job.jobId)) ?? prepared;

    if (active.maxReminders > 0) {
      await this.deps.due.schedule({
        tenantId: job.tenantId,
        kind: DELIVERY_REMIND_JOB,
        key: `${job.jobId}|1`,
        dueAt: new Date(now.getTime() + active.reminderAfterMs),
        payload: { jobId: job.jobId, n: 1 }
      });
    }
    await this.scheduleProgress(active, now);
    const chosenGroup = chosen ? { name: chosen.name, chose: chosen.chose, members: chosen.members.length } : undefined;
    return { job: active, added: added.length, alreadyIncluded: recipients.length - added.length, chosenGroup };
  }

  /**
   * Queues the next batch of round `n` if the queue has room; returns true while records of the round
   * remain unqueued. The cursor is saved after the messages are queued: a crash in between queues a
   * batch twice, which is harmless (the record, not the queue, decides whether anyone is sent it).
   */
  async feed(tenantId: string, jobId: string, n: number): Promise<boolean> {
    const batch = this.deps.feedBatch ?? 500;
    const job = await this.deps.deliveries.getJob(tenantId, jobId);
    if (!job) return false;
    const cursor = job.fed?.[String(n)];
    if (cursor === FED_ALL) return false;
    if (cursor !== undefined && (await this.deps.queue.depth(tenantId)) >= batch) return true; // full: look again soon
    const records = await this.deps.deliveries.page(tenantId, jobId, n, cursor || undefined, batch);
    const pending = records.filter((r) => r.status === 'queued' || r.status === 'sending');
    // Each message carries what the page read of its record, so the worker can claim without reading it again.
    await this.deps.queue.enqueue(pending.map(taskFor));
    const last = records[records.length - 1];
    const done = records.length < batch;
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = attempt === 0 ? job : await this.deps.deliveries.getJob(tenantId, jobId);
      if (!current) return false;
      try {
        const learnt = this.rateOf(tenantId).learnt();
        await this.deps.deliveries.saveJob({
          ...current,
          fed: { ...current.fed, [String(n)]: done ? FED_ALL : (last?.personKey ?? '') },
          ...(learnt !== undefined ? { pacing: { perSecond: learnt, savedAt: this.clock.now().toISOString() } } : {})
        });
        break;
      } catch (error) {
        if (!(error instanceof DomainError && error.code === 'conflict')) throw error;
      }
    }
    return !done;
  }

  /** The feeder's scheduled step: one batch, then again soon while more remain. */
  async feedStep(tenantId: string, jobId: string, n: number): Promise<void> {
    if (await this.feed(tenantId, jobId, n)) {
      await this.scheduleFeed(tenantId, jobId, n, new Date(this.clock.now().getTime() + (this.deps.feedEveryMs ?? 2000)));
    }
  }

  private async scheduleFeed(tenantId: string, jobId: string, n: number, dueAt: Date): Promise<void> {
    await this.deps.due.schedule({ tenantId, kind: DELIVERY_FEED_JOB, key: `${jobId}|${n}`, dueAt, payload: { jobId, n } });
  }

  /** Counts for the author; updates their card (at most every few seconds, via the scheduler). */
  async progress(tenantId: string, jobId: string): Promise<{ counts: DeliveryCounts; finished: boolean } | undefined> {
    let job = await this.deps.deliveries.getJob(tenantId, jobId);
    if (!job) return undefined;
    const counts = await this.deps.deliveries.counts(tenantId, jobId, 0);
    const finished = job.status !== 'preparing' && isFinished(counts);
    if (job.progress && this.deps.progressCard) {
      const message: OutboundMessage = { card: this.deps.progressCard(job, counts, finished), summary: `Sending: ${job.title}` };
      await this.rateOf(tenantId).slot();
      const result = job.progress.activityId
        ? await this.deps.connector.update(job.progress.conversation, job.progress.activityId, message)
        : await this.deps.connector.send(job.progress.conversation, message);
      if (result.ok) {
        this.rateOf(tenantId).succeeded();
        if (!job.progress.activityId) {
          job = await this.deps.deliveries.saveJob({ ...job, progress: { ...job.progress, activityId: result.value.activityId } });
        }
      } else if (result.status === 429) {
        this.rateOf(tenantId).throttled(result.retryAfterMs);
      }
    }
    if (finished && job.status === 'active') job = await this.deps.deliveries.saveJob({ ...job, status: 'done' });
    if (!finished) {
      // Waiting for allowed hours: look again when the first window opens, not every few seconds.
      const waitingOnly = counts.queued > 0 && counts.queued === counts.waiting && counts.sending === 0;
      await this.scheduleProgress(job, this.clock.now(), waitingOnly ? 15 * 60_000 : undefined);
    }
    return { counts, finished };
  }

  /**
   * Reminder round `n`: people whose previous message was sent at least `reminderAfter` ago and who
   * have not answered get one more, through the same queue (allowed hours and never-twice apply).
   */
  async remind(tenantId: string, jobId: string, n: number): Promise<number> {
    const job = await this.deps.deliveries.getJob(tenantId, jobId);
    if (!job || n > job.maxReminders || job.status === 'closed') return 0;
    const now = this.clock.now();
    if (job.closesAt && job.closesAt <= now) return 0;
    const subject = this.deps.subjects?.[job.subjectKind];
    if (subject && !(await subject.isOpen(tenantId, job.subjectId))) return 0;
    const previous = await this.deps.deliveries.list(tenantId, jobId, n - 1);
    const eligible: Recipient[] = [];
    let later: number | undefined;
    for (const r of previous) {
      if (r.status === 'queued' || r.status === 'sending') {
        later = Math.min(later ?? Infinity, now.getTime() + job.reminderAfterMs);
        continue;
      }
      if (r.status !== 'sent' || !r.sentAt) continue;
      const dueAt = r.sentAt.getTime() + job.reminderAfterMs;
      if (dueAt > now.getTime()) {
        later = Math.min(later ?? Infinity, dueAt);
        continue;
      }
      if (subject && (await subject.hasAnswered(tenantId, job.subjectId, r.personKey))) continue;
      eligible.push({ personKey: r.personKey, userId: r.userId, name: r.name });
    }
    const added = await this.queueRound(tenantId, jobId, n, eligible, now);
    if (later !== undefined) {
      // Some were not due yet: this round runs again for them (records keep it to one reminder each).
      await this.deps.due.schedule({ tenantId, kind: DELIVERY_REMIND_JOB, key: `${jobId}|${n}`, dueAt: new Date(later), payload: { jobId, n } });
    }
    if (n < job.maxReminders && added.length > 0) {
      await this.deps.due.schedule({
        tenantId,
        kind: DELIVERY_REMIND_JOB,
        key: `${jobId}|${n + 1}`,
        dueAt: new Date(now.getTime() + job.reminderAfterMs),
        payload: { jobId, n: n + 1 }
      });
    }
    return added.length;
  }

  /**
   * "Nudge the rest" (docs/recurrence.md): one reminder, through the same queue (allowed hours apply,
   * answered people are skipped when it comes up), to these people. Its own round (NUDGE_ROUND) with a
   * record per person, so a second press sends nobody a second nudge. Returns how many were newly queued.
   */
  async nudge(tenantId: string, jobId: string, people: Recipient[]): Promise<number> {
    const job = await this.deps.deliveries.getJob(tenantId, jobId);
    if (!job || job.status === 'closed') throw new DomainError('closed', 'This has closed: nothing more can be sent.');
    const now = this.clock.now();
    return (await this.queueRound(tenantId, jobId, NUDGE_ROUND, people, now)).length;
  }

  /** Records for round `n` (only those not there yet) and their queue messages; the feeder finishes a start cut short. */
  private async queueRound(tenantId: string, jobId: string, n: number, people: Recipient[], now: Date): Promise<Recipient[]> {
    await this.scheduleFeed(tenantId, jobId, n, new Date(now.getTime() + 60_000));
    const added = await this.deps.deliveries.addRecipients(tenantId, jobId, n, people, now);
    if (added.length > 0) {
      const fresh = await this.deps.deliveries.getJob(tenantId, jobId);
      if (fresh?.fed?.[String(n)] === FED_ALL) await this.deps.deliveries.saveJob({ ...fresh, fed: { ...fresh.fed, [String(n)]: '' } });
    }
    if (await this.feed(tenantId, jobId, n)) await this.scheduleFeed(tenantId, jobId, n, now);
    else await this.deps.due.cancel(tenantId, DELIVERY_FEED_JOB, `${jobId}|${n}`);
    return added;
  }

  /** Nothing more is sent: queued messages are skipped as "closed" when they come up. */
  async close(tenantId: string, jobId: string): Promise<void> {
    const job = await this.deps.deliveries.getJob(tenantId, jobId);
    if (!job || job.status === 'closed') return;
    await this.deps.deliveries.saveJob({ ...job, status: 'closed' });
    for (let n = 1; n <= job.maxReminders; n++) await this.deps.due.cancel(tenantId, DELIVERY_REMIND_JOB, `${jobId}|${n}`);
  }

  private async scheduleProgress(job: DeliveryJob, now: Date, afterMs = this.progressEveryMs): Promise<void> {
    await this.deps.due.schedule({
      tenantId: job.tenantId,
      kind: DELIVERY_PROGRESS_JOB,
      key: job.jobId,
      dueAt: new Date(now.getTime() + afterMs),
      payload: { jobId: job.jobId }
    });
  }

  private async resolve(tenantId: string, target: DeliveryTarget): Promise<Recipient[]> {
    if (target.kind === 'people') return target.people;
    if (target.kind === 'group') {
      const group = await this.deps.groups.get(tenantId, target.groupId);
      if (!group) throw new DomainError('not_found', 'There is no saved group with that name. Check the name, or save the group first.');
      return group.members;
    }
    const people: Recipient[] = [];
    let token: string | undefined;
    let page = 0;
    do {
      page++;
      const result = await this.rosterPage(tenantId, target.serviceUrl, target.conversationId, token);
      if (!result.ok) {
        throw new DomainError(
          'unsupported',
          `Teams did not give the full member list (it stopped at page ${page}: ${result.status || 'no answer'}). Nothing was sent; please try again later.`
        );
      }
      people.push(...result.value.members);
      token = result.value.continuationToken;
    } while (token);
    return people;
  }

  private async rosterPage(tenantId: string, serviceUrl: string, conversationId: string, token?: string): ReturnType<DeliveryConnector['members']> {
    const attempts = this.deps.rosterAttempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      await this.rateOf(tenantId).slot();
      const result = await this.deps.connector.members(serviceUrl, conversationId, token);
      if (result.ok) {
        this.rateOf(tenantId).succeeded();
        return result;
      }
      if (result.status === 429) this.rateOf(tenantId).throttled(result.retryAfterMs);
      if (!result.retryable || attempt >= attempts) return result;
      if (result.status !== 429) await this.rateOf(tenantId).backoff(attempt);
    }
  }

  /** The tenant's own rate controller (tenants are paced apart), or the one shared by all. */
  private rateOf(tenantId: string): RateController {
    return this.deps.rateFor?.(tenantId) ?? this.deps.rate;
  }
}

function dedupe(recipients: Recipient[]): Recipient[] {
  const seen = new Map<string, Recipient>();
  for (const r of recipients) if (r.personKey && !seen.has(r.personKey)) seen.set(r.personKey, r);
  return [...seen.values()];
}
