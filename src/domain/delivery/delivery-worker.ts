/**
 * The delivery worker: takes one queue message per recipient and sends at most once (docs/delivery.md).
 *
 * Order for one recipient, every step durable before the next:
 *   1. read the job and the record; a final record (sent/failed/skipped) → delete the message (a
 *      re-delivered queue message does nothing). A message on its first delivery carries the record as
 *      the feeder read it (`seen`, with its ETag): it is used instead of a read. A claim with it that
 *      fails (the record changed since), any other write, and a new 1:1 chat all read the record first
 *      and decide again from the start, so a stale copy never decides anything. A twin message of a
 *      record that never reached the person gives back any fatigue place it took. A final write that
 *      does not land leaves the message to be looked at again (never a record queued with no message);
 *   2. rules that need no send: closed, answered (reminders), allowed hours (→ the message waits,
 *      invisible, until the window opens), fatigue cap (reserved atomically in the person's ledger);
 *   3. where to send: the stored 1:1 chat, else create it where the app is installed, else
 *      "not reachable: app not installed";
 *   4. wait for a slot and a place in the sliding second from the shared rate controller (requests
 *      leave no faster than the rate however long the claims take), THEN claim the record
 *      (queued → sending, ETag): of two workers holding the same message only one wins;
 *   5. send at once, never waiting after the claim (during a 429 pause nothing is sent: the claim is
 *      given back and the place asked for again): one HTTP call;
 *   6. record the outcome (sent + activity id) with the claim's ETag;
 *   7. only then delete the queue message.
 * A worker that dies between 4 and 6 leaves a `sending` record whose claim expires: the next worker
 * cannot know whether Teams got the message (the Bot Connector has no idempotency key), so it never
 * sends again and records it as "in doubt" — at most once, never silently dropped.
 */
import type { ConversationPacer } from './conversation-pace';
import type { StoredConversation } from '../shared/conversation';
import type { ConversationRepository } from '../shared/ports';
import { type Clock, systemClock } from '../shared/clock';
import type { ChosenGroups, ConnectorResult, DeliveryConnector, DeliveryQueue, DeliveryRepository, DeliverySubject, FatigueLedger, QueuedTask, DeliverySettingsRepository } from './ports';
import { type DeliveryLog, type DeliveryJob, type DeliveryRecord, type DeliveryTask, FINAL_STATUSES, REASONS, parseTask, recordSeen, silentLog } from './delivery';
import { countsTowardCap } from './fatigue';
import { nextAllowedTime } from './quiet-hours';
import type { RateController } from './delivery-rate';

export interface WorkerOptions {
  queue: DeliveryQueue;
  deliveries: DeliveryRepository;
  fatigue: FatigueLedger;
  /** Groups people chose to join (docs/groups.md): their own requests skip the cap for those who joined themselves. */
  chosenGroups?: ChosenGroups;
  settings: DeliverySettingsRepository;
  conversations: ConversationRepository;
  connector: DeliveryConnector;
  rate: RateController;
  /** Subject kind ("survey") → what delivery asks it. Kinds without one: always open, never answered. */
  subjects?: Record<string, DeliverySubject>;
  clock?: Clock;
  log?: DeliveryLog;
  owner: string;
  /** A message dequeued more often than this is set aside (default 5). */
  maxDequeue?: number;
  /** How long a claim holds before the record counts as in doubt (default 60 s). */
  claimMs?: number;
  /** Invisibility of a received message (default 60 s): longer than any one send takes. */
  visibilitySeconds?: number;
  /** Messages handled at once (default 8); the rate controller spaces the sends. */
  concurrency?: number;
  /** Attempts at one send on 429/412/5xx before the message goes back to the queue (default 6). */
  maxAttempts?: number;
  /** How long a job read is reused (default 2000 ms; 0 in tests that close jobs). */
  jobCacheMs?: number;
  /** Teams' per-conversation limits, kept by the tenant's one sender (see conversation-pace.ts). */
  pacer?: ConversationPacer;
  /** Test hook: called between the claim and the send (simulate a crash there). */
  afterClaim?: (record: DeliveryRecord) => Promise<void>;
}

export type Outcome = 'sent' | 'failed' | 'skipped' | 'duplicate' | 'delayed' | 'poisoned' | 'busy' | 'retry';

const MAX_VISIBILITY_SECONDS = 7 * 24 * 3600 - 60;
/** A limit saved on the job is taken by a new sender only if it is at most this old. */
const PACING_FRESH_MS = 10 * 60_000;

export class DeliveryWorker {
  private readonly log: DeliveryLog;
  private readonly clock: Clock;
  private readonly maxDequeue: number;
  private readonly claimMs: number;
  private readonly visibilitySeconds: number;
  private readonly concurrency: number;
  private readonly maxAttempts: number;
  private stopping = false;
  private running: Promise<void> | undefined;
  readonly outcomes: Record<Outcome, number> = { sent: 0, failed: 0, skipped: 0, duplicate: 0, delayed: 0, poisoned: 0, busy: 0, retry: 0 };

  constructor(private readonly o: WorkerOptions) {
    this.log = o.log ?? silentLog;
    this.clock = o.clock ?? systemClock;
    this.maxDequeue = o.maxDequeue ?? 5;
    this.claimMs = o.claimMs ?? 60_000;
    this.visibilitySeconds = o.visibilitySeconds ?? 60;
    this.concurrency = o.concurrency ?? 8;
    this.maxAttempts = o.maxAttempts ?? 6;
  }

  /**
   * Works until `stop()`: `concurrency` lanes, each handling one message at a time, fed from a small
   * prefetch buffer (one receive call per `concurrency` messages, asked for when half is left).
   */
  start(idleMs = 1000): void {
    this.stopping = false;
    const lane = async (): Promise<void> => {
      while (!this.stopping) {
        let task: QueuedTask | undefined;
        try {
          task = await this.take();
          if (task) await this.handle(task);
        } catch (error) {
          this.log.error({ err: error, messageId: task?.messageId }, 'delivery message failed; it will be retried');
        }
        // Sleep only when the queue had nothing: a lane that missed out on a partial batch asks again.
        if (!task && !this.stopping && this.lastReceived === 0) await this.clock.sleep(idleMs);
      }
    };
    this.running = Promise.all(Array.from({ length: this.concurrency }, lane)).then(() => undefined);
  }

  private buffer: QueuedTask[] = [];
  private refilling: Promise<void> | undefined;
  private lastReceived = 0;

  private async take(): Promise<QueuedTask | undefined> {
    // Ask for more before the buffer runs dry (no lane waits for a receive while there is work), but
    // hold no more than about one batch: received messages are invisible to other instances.
    if (this.buffer.length <= this.concurrency / 2 && !this.stopping) this.refill();
    if (this.buffer.length === 0 && this.refilling) {
      await this.refilling.catch((error: unknown) => {
        this.lastReceived = 0;
        throw error;
      });
    }
    return this.stopping ? undefined : this.buffer.shift();
  }

  private refill(): void {
    this.refilling ??= this.o.queue
      .receive(this.concurrency, this.visibilitySeconds)
      .then((tasks) => {
        this.lastReceived = tasks.length;
        this.buffer.push(...tasks);
      })
      .finally(() => {
        this.refilling = undefined;
      });
    // A failed prefetch is seen (and logged) by the lane that waits for it.
    this.refilling.catch(() => undefined);
  }

  /** Stops taking messages and lets the ones in hand finish (a graceful stop leaves nothing in doubt). */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.running;
    // Messages received but not started: visible again at once for another instance.
    const left = this.buffer.splice(0);
    await Promise.all(left.map((task) => this.o.queue.delay(task, 0).catch(() => undefined)));
  }

  /** Receives up to `max` messages and handles them; returns how many were received. */
  async runOnce(max = 32): Promise<number> {
    const tasks = await this.o.queue.receive(max, this.visibilitySeconds);
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < tasks.length) {
        const task = tasks[next++] as QueuedTask;
        try {
          await this.handle(task);
        } catch (error) {
          // Left in the queue: it becomes visible again and is retried (and set aside if it keeps failing).
          this.log.error({ err: error, messageId: task.messageId }, 'delivery message failed; it will be retried');
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, tasks.length) }, lane));
    return tasks.length;
  }

  /** Works until the queue has nothing visible (tests, virtual time). */
  async drain(maxRounds = 1000): Promise<void> {
    for (let i = 0; i < maxRounds; i++) if ((await this.runOnce()) === 0) return;
  }

  private readonly jobs = new Map<string, { at: number; job: Promise<DeliveryJob | undefined> }>();
  /** Records this worker is sending right now: its own message seen again (a slow send) is not "in doubt". */
  private readonly inFlight = new Set<string>();
  /** Records taken from their queue message, not read: only a claim may be tried with them (see `decideOwn`). */
  private readonly unread = new WeakSet<DeliveryRecord>();
  /** How many records were taken from their message instead of read (a figure for the bench and tests). */
  readonly reads = { saved: 0, done: 0, again: 0 };

  /** Jobs are read at most every `jobCacheMs` (default 2 s): a close takes effect within that time. */
  private job(tenantId: string, jobId: string): Promise<DeliveryJob | undefined> {
    const key = `${tenantId}|${jobId}`;
    const now = this.clock.monotonicNow();
    const hit = this.jobs.get(key);
    if (hit && now - hit.at < (this.o.jobCacheMs ?? 2000)) return hit.job;
    if (this.jobs.size > 500) this.jobs.clear();
    const job = this.o.deliveries.getJob(tenantId, jobId);
    this.jobs.set(key, { at: now, job });
    job.catch(() => this.jobs.delete(key));
    return job;
  }

  async handle(queued: QueuedTask): Promise<Outcome> {
    const outcome = await this.decide(queued);
    this.outcomes[outcome]++;
    return outcome;
  }

  private async decide(queued: QueuedTask): Promise<Outcome> {
    const { queue } = this.o;
    const task = parseTask(queued.raw);
    if (!task) {
      await queue.poison(queued, 'malformed message');
      return 'poisoned';
    }
    const flightKey = `${task.tenantId}|${task.jobId}|${task.n}|${task.personKey}`;
    if (this.inFlight.has(flightKey)) {
      // Another lane of this worker has this recipient right now (a second message for it: a feed step
      // repeated after a crash, or its own message visible again while its send is slow): that lane
      // decides; this message is looked at again later (then deleted as a duplicate). Without this both
      // lanes read the record, took a place in the second and raced for the claim: a place given up for
      // nothing each time (20 in the second after a sender's restart).
      await queue.delay(queued, this.visibilitySeconds);
      return 'busy';
    }
    this.inFlight.add(flightKey);
    try {
      return await this.decideOwn(queued, task);
    } finally {
      this.inFlight.delete(flightKey);
    }
  }

  /**
   * `decide` for a message whose recipient no other lane of this worker has. On a message's first
   * delivery the record comes from the message (`seen`), not from storage: one read fewer per send.
   * `readAgain` (set when a step found the copy stale, or needs to write something other than a claim)
   * reads it and decides again from the start.
   */
  private async decideOwn(queued: QueuedTask, task: DeliveryTask, readAgain = false): Promise<Outcome> {
    const { queue, deliveries } = this.o;
    // The stored 1:1 chat is read alongside the record (a read only; used if the record says send).
    const stored = this.o.conversations.getPersonal(task.tenantId, task.personKey);
    stored.catch(() => undefined);
    const seen = !readAgain && task.seen && queued.dequeueCount <= 1 ? recordSeen(task, task.seen, this.clock.now()) : undefined;
    if (seen) {
      this.unread.add(seen);
      this.reads.saved++;
    } else this.reads[readAgain ? 'again' : 'done']++;
    const [job, record] = await Promise.all([this.job(task.tenantId, task.jobId), seen ?? deliveries.getRecord(task.tenantId, task.jobId, task.n, task.personKey)]);
    if (!job) {
      await queue.poison(queued, 'the delivery job no longer exists');
      return 'poisoned';
    }
    if (!record) {
      await queue.poison(queued, 'no delivery record for this recipient');
      return 'poisoned';
    }
    if (FINAL_STATUSES.includes(record.status)) {
      // A request that never reached the person holds no place in their fatigue ledger. A twin of this
      // message that worked from its copy may have reserved one after the record was settled: give it
      // back (idempotent; a sent or in-doubt record keeps its place).
      if (task.n === 0 && countsTowardCap(job.purpose) && record.status !== 'sent' && record.reason !== REASONS.inDoubt) {
        await this.o.fatigue.release(job.tenantId, record.personKey, job.jobId);
      }
      await queue.delete(queued);
      return 'duplicate';
    }
    const now = this.clock.now();
    // A sender that has not learnt Teams' limit yet (it just started) takes its predecessor's, if recent.
    if (job.pacing && this.o.rate.learnt() === undefined && now.getTime() - Date.parse(job.pacing.savedAt) <= PACING_FRESH_MS) {
      this.o.rate.startFrom(job.pacing.perSecond);
    }
    if (record.status === 'sending') {
      if (record.claimUntil && record.claimUntil > now) {
        // Another worker is sending right now: look again once its claim has run out.
        await queue.delay(queued, Math.ceil((record.claimUntil.getTime() - now.getTime()) / 1000) + 1);
        return 'busy';
      }
      // Its sender stopped between claim and record: Teams may or may not have it. Never resend.
      const done = await deliveries.update(record, { status: 'failed', reason: REASONS.inDoubt, claimOwner: '' }, now);
      if (done) this.log.warn({ jobId: task.jobId, n: task.n }, 'delivery in doubt: recorded, not resent');
      await queue.delete(queued);
      return done ? 'failed' : 'busy';
    }
    if (queued.dequeueCount > this.maxDequeue) {
      if (this.mustRead(record)) return this.decideOwn(queued, task, true);
      if (!(await this.finish(record, job, 'failed', REASONS.poison))) return this.lookAgain(queued);
      await queue.poison(queued, `dequeued ${queued.dequeueCount} times`);
      return 'poisoned';
    }
    return this.deliver(queued, task, job, record, stored);
  }

  /** A record taken from its message may not be written except by a claim: read it and decide again. */
  private mustRead(record: DeliveryRecord): boolean {
    return this.unread.has(record);
  }

  /** The record came from a group this person joined themselves, and they are still in it: they asked to be asked. */
  private async choseThisGroup(job: DeliveryJob, record: DeliveryRecord): Promise<boolean> {
    if (!record.viaGroup || !this.o.chosenGroups) return false;
    return this.o.chosenGroups.choseToJoin(job.tenantId, record.viaGroup, record.personKey);
  }

  private async deliver(queued: QueuedTask, task: DeliveryTask, job: DeliveryJob, record: DeliveryRecord, stored: Promise<StoredConversation | undefined>): Promise<Outcome> {
    const { queue, deliveries, settings } = this.o;
    const now = this.clock.now();
    const subject = this.o.subjects?.[job.subjectKind];

    // Rules that skip without sending.
    const closed = job.status === 'closed' || (job.closesAt !== undefined && job.closesAt <= now) || (subject ? !(await subject.isOpen(job.tenantId, job.subjectId)) : false);
    if (closed) return this.skip(queued, task, record, job, REASONS.closed);
    if (task.n > 0 && subject && (await subject.hasAnswered(job.tenantId, job.subjectId, record.personKey))) {
      return this.skip(queued, task, record, job, REASONS.answered);
    }

    const tenant = await settings.get(job.tenantId);
    const allowedAt = nextAllowedTime(now, job.cohort, tenant.allowedHours);
    if (allowedAt > now) {
      // Outside allowed hours: the message waits in the queue, invisible, until the window opens.
      const seconds = Math.min(MAX_VISIBILITY_SECONDS, Math.ceil((allowedAt.getTime() - now.getTime()) / 1000));
      if (!record.waitUntil || record.waitUntil.getTime() !== allowedAt.getTime()) {
        if (this.mustRead(record)) return this.decideOwn(queued, task, true);
        await deliveries.update(record, { waitUntil: allowedAt }, now);
      }
      await queue.delay(queued, seconds);
      return 'delayed';
    }

    if (task.n === 0 && countsTowardCap(job.purpose) && !(await this.choseThisGroup(job, record))) {
      const decision = await this.o.fatigue.reserve(job.tenantId, record.personKey, job.jobId, now, tenant.fatigue);
      // (Deciding again reserves again: a reservation for this job is kept, never counted twice.)
      if (!decision.allowed) return this.skip(queued, task, record, job, decision.rule, false);
    }

    const chat = await stored;
    // No stored chat: one is created (a call to Teams) or the person is not reachable (a write). Neither
    // is done for a copy: read the record first, so a twin of a settled record does nothing.
    if (!chat && this.mustRead(record)) return this.decideOwn(queued, task, true);
    const conversation = await this.conversationFor(job, record, chat);
    if (!conversation.ok) {
      if (!(await this.finish(record, job, 'failed', conversation.reason))) return this.lookAgain(queued);
      await queue.delete(queued);
      return 'failed';
    }

    const paceMs = this.o.pacer?.take(conversation.value.conversationId) ?? 0;
    if (paceMs > 0) {
      // This chat has had its share (7/s, 60/30 s, 1,800/h): it waits, the tenant's other sends go on.
      await queue.delay(queued, Math.ceil(paceMs / 1000));
      return 'delayed';
    }

    for (let attempt = 1; ; attempt++) {
      // A slot and a place in the second first: nothing waits between the claim and the request.
      const ticket = await this.o.rate.reserve();
      // Claim: only now, right before the call, so the in-doubt window is one storage answer wide.
      let claimed: DeliveryRecord | undefined;
      try {
        claimed = await deliveries.update(
          record,
          { status: 'sending', claimOwner: this.o.owner, claimUntil: new Date(this.clock.now().getTime() + this.claimMs), attempts: record.attempts + 1, conversationId: conversation.value.conversationId },
          this.clock.now()
        );
        if (claimed) await this.o.afterClaim?.(claimed);
      } catch (error) {
        ticket.cancel();
        throw error;
      }
      if (!claimed) {
        ticket.cancel();
        // Nothing sent: the chat's place is given back (deciding again takes one again).
        this.o.pacer?.giveBack(conversation.value.conversationId);
        // The copy from the message was stale (the record changed since it was fed): read it, decide again.
        if (this.mustRead(record)) return this.decideOwn(queued, task, true);
        // Someone else holds this recipient (a duplicate queue message): look again later.
        await queue.delay(queued, Math.ceil(this.claimMs / 1000) + 1);
        return 'busy';
      }
      if (!(await ticket.go())) {
        // A 429 paused the sender since our slot: honour it without sending; give the claim back.
        const released = await deliveries.update(claimed, { status: 'queued', claimOwner: '' }, this.clock.now());
        if (!released) return 'busy';
        record = released;
        attempt--;
        continue;
      }
      const message = task.n > 0 && job.reminder ? job.reminder : job.message;
      const result = await this.o.connector.send(conversation.value, message, () => ticket.left()).finally(() => ticket.answered());
      if (result.ok) {
        this.o.rate.succeeded();
        // Recorded before the queue message is deleted: a crash after this is a harmless re-delivery.
        await deliveries.update(claimed, { status: 'sent', activityId: result.value.activityId, sentAt: this.clock.now(), claimOwner: '', waitUntil: undefined }, this.clock.now());
        await queue.delete(queued);
        return 'sent';
      }
      if (result.status === 429) this.o.rate.throttled(result.retryAfterMs);
      if (result.retryable && result.notDelivered) {
        // Teams did nothing: give the claim back, then wait (the rate controller or a backoff).
        const released = await deliveries.update(claimed, { status: 'queued', claimOwner: '' }, this.clock.now());
        if (!released) return 'busy';
        record = released;
        if (attempt >= this.maxAttempts) {
          // Back to the queue with a backoff; repeated rounds end in the poison queue.
          await queue.delay(queued, Math.ceil(this.o.rate.backoffMs(queued.dequeueCount + attempt) / 1000));
          return 'retry';
        }
        if (result.status !== 429) await this.o.rate.backoff(attempt);
        continue;
      }
      if (!result.notDelivered) {
        // E.g. the connection dropped after the request went out: Teams may have it. Never resend.
        this.log.warn({ jobId: job.jobId, n: task.n, status: result.status, detail: result.message }, 'delivery in doubt: recorded, not resent');
        if (!(await this.finish(claimed, job, 'failed', REASONS.inDoubt))) return this.lookAgain(queued);
        await queue.delete(queued);
        return 'failed';
      }
      const reason = result.status === 403 ? REASONS.blocked : result.status === 404 ? REASONS.conversationGone : `${REASONS.rejected} (${result.status})`;
      if (result.status === 403 || result.status === 404) {
        // The stored chat is no use any more (blocked, uninstalled, gone); a reinstall stores a fresh one.
        await this.o.conversations.removePersonal(job.tenantId, record.personKey).catch(() => undefined);
      }
      this.log.warn({ jobId: job.jobId, n: task.n, status: result.status, detail: result.message }, 'delivery failed for good');
      if (!(await this.finish(claimed, job, 'failed', reason))) return this.lookAgain(queued);
      await queue.delete(queued);
      return 'failed';
    }
  }

  /** Skips the recipient; a record taken from its message is read first and decided again (see `mustRead`). */
  private async skip(queued: QueuedTask, task: DeliveryTask, record: DeliveryRecord, job: DeliveryJob, rule: string, release = true): Promise<Outcome> {
    if (this.mustRead(record)) return this.decideOwn(queued, task, true);
    if (!(await this.finish(record, job, 'skipped', rule, release))) return this.lookAgain(queued);
    await this.o.queue.delete(queued);
    return 'skipped';
  }

  /**
   * Final state; a request that never reached the person gives its fatigue slot back. False when the
   * record changed since it was read (its ETag moved): nothing was written and nothing given back.
   */
  private async finish(record: DeliveryRecord, job: DeliveryJob, status: 'failed' | 'skipped', reason: string, release = true): Promise<boolean> {
    const written = await this.o.deliveries.update(record, { status, reason, claimOwner: '' }, this.clock.now());
    if (!written) return false;
    if (release && record.n === 0 && countsTowardCap(job.purpose) && reason !== REASONS.inDoubt) {
      await this.o.fatigue.release(job.tenantId, record.personKey, job.jobId);
    }
    return true;
  }

  /**
   * A final write that did not land (the record changed under it): the message is not deleted but seen
   * again in a second, read afresh and decided again — never a record left `queued` with no message.
   */
  private async lookAgain(queued: QueuedTask): Promise<Outcome> {
    await this.o.queue.delay(queued, 1);
    return 'busy';
  }

  private async conversationFor(
    job: DeliveryJob,
    record: DeliveryRecord,
    stored: StoredConversation | undefined
  ): Promise<{ ok: true; value: StoredConversation } | { ok: false; reason: string }> {
    if (stored) return { ok: true, value: stored };
    if (!job.reach || !record.userId) return { ok: false, reason: REASONS.notReachable };
    let created: ConnectorResult<{ conversationId: string }> | undefined;
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      await this.o.rate.slot();
      // Safe to repeat: Teams returns the same 1:1 chat for the same bot and user.
      created = await this.o.connector.createPersonal(job.reach, job.tenantId, record.userId);
      if (created.ok) break;
      if (created.status === 429) this.o.rate.throttled(created.retryAfterMs);
      if (!created.retryable) break;
      if (created.status !== 429) await this.o.rate.backoff(attempt);
    }
    if (!created?.ok) {
      if (created && !created.retryable) return { ok: false, reason: REASONS.notReachable };
      throw new Error(`could not create the 1:1 chat: ${created?.message ?? 'unknown'}`);
    }
    this.o.rate.succeeded();
    const conversation: StoredConversation = {
      tenantId: job.tenantId,
      serviceUrl: job.reach.serviceUrl,
      channelId: 'msteams',
      conversationId: created.value.conversationId,
      conversationType: 'personal',
      botId: job.reach.botId,
      userId: record.userId,
      userAadObjectId: record.personKey !== record.userId ? record.personKey : undefined,
      updatedAt: this.clock.now().toISOString()
    };
    await this.o.conversations.upsert(conversation);
    return { ok: true, value: conversation };
  }
}

export type { DeliveryTask };
