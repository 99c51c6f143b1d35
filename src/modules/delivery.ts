/**
 * Wires 1:1 delivery (docs/delivery.md): repositories, the queue, the Bot Connector client, one shared
 * rate controller per tenant, one queue per tenant, the tenant senders (a lease per tenant, one lane
 * each), the service, the settings service and the scheduled jobs.
 * `createDeliveryRuntime` is the machinery alone: the app (through `createDelivery`) and the
 * benchmark's worker process both build it, so both run exactly the same code.
 */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { BotCredentials } from '../config';
import type { Clock } from '../domain/shared/clock';
import { type DeliveryLog, silentLog } from '../domain/delivery/delivery';
import type { ChosenGroups, DeliveryQueue, DeliverySubject, DeliverySettingsRepository } from '../domain/delivery/ports';
import { RateController } from '../domain/delivery/delivery-rate';
import { ConversationPacer } from '../domain/delivery/conversation-pace';
import { TenantRates, TenantSenders, type TenantSendersOptions } from '../domain/delivery/tenant-senders';
import { TableSenderLeaseRepository } from '../storage/delivery/sender-lease-repository';
import { StorageTenantQueues } from '../storage/delivery/tenant-queues';
import { DELIVERY_FEED_JOB, DELIVERY_PROGRESS_JOB, DELIVERY_REMIND_JOB, DeliveryService, type ProgressCard } from '../domain/delivery/delivery-service';
import { DeliveryWorker, type WorkerOptions } from '../domain/delivery/delivery-worker';
import type { ConversationRepository, DueItemRepository } from '../domain/shared/ports';
import type { DeliverySettings } from '../domain/delivery/delivery-settings';
import type { Scheduler } from '../scheduler/scheduler';
import { TableDeliveryRepository, TableFatigueLedger, TableGroupRepository } from '../storage/delivery/delivery-repository';
import { StorageDeliveryQueue } from '../storage/delivery/delivery-queue';
import { TABLES } from '../storage/shared/keys';
import { QUEUES, type Queues } from '../storage/shared/queues';
import type { Tables } from '../storage/shared/tables';
import { TableDeliverySettingsRepository } from '../storage/delivery/delivery-settings-repository';
import { deliveryProgressCard } from '../cards/delivery/delivery-cards';
import { DeliverySettingsService } from '../domain/delivery/delivery-settings-service';
import { deliveriesWithAskedCount, fatigueWithSkipCount } from '../domain/digests/aggregates';
import type { AggregateRepository, ReachRepository } from '../domain/digests/ports';
import type { Shared } from './shared';
import { BotConnectorClient, tokenProviderFor } from '../teams/delivery/delivery-connector';

/** The feeder's lease (see registerJobs): a feed step takes well under a second. */
const FEED_LEASE_MS = 30_000;
/** Teams' published limit for proactive calls, per app per tenant (requests per second). */
const TEAMS_PUBLISHED_PER_TENANT = 50;

export interface DeliveryRuntimeOptions {
  tables: Tables;
  queues: Queues;
  conversations: ConversationRepository;
  due: DueItemRepository;
  clock: Clock;
  bot?: BotCredentials;
  log?: DeliveryLog;
  /** Each tenant's sender's ceiling in calls per second (default 50: Teams' per-tenant limit; the real limit is learnt). */
  maxPerSecond?: number;
  /**
   * This instance's stable id (App Service's instance id): the sender lease and claim owner, so a
   * restarted process takes its own leases back at once. Default: host, process and a random part.
   */
  instanceId?: string;
  /** Share of the learnt limit each tenant's sender paces at (default 1; see delivery-rate.ts). */
  hold?: number;
  /** Quiet time after a 429 before probing above the limit (default 120 s; see delivery-rate.ts). */
  probeAfterMs?: number;
  /**
   * The limit assumed for a tenant until a 429 says otherwise (default 50: Teams' published "global limit
   * per app per tenant", learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit); 0 to find it
   * by slow start instead.
   */
  assumedPerSecond?: number;
  /** Sender lease timings and how many tenants one instance sends for (docs/delivery.md, "The sender lease"). */
  senders?: Partial<Pick<TenantSendersOptions, 'leaseMs' | 'renewEveryMs' | 'graceMs' | 'maxTenants' | 'idleReleaseMs' | 'rebalanceEveryScans'>>;
  /** Queue names (tests and benchmarks use their own). */
  queueName?: string;
  subjects?: Record<string, DeliverySubject>;
  /** Groups people chose to join (docs/groups.md): `survey send group <id>` and the fatigue-cap exemption. */
  chosenGroups?: ChosenGroups;
  progressCard?: ProgressCard;
  worker?: Partial<WorkerOptions>;
  feedBatch?: number;
  /** How soon the feeder looks again while a round is not fully queued (default 2 s). */
  feedEveryMs?: number;
  /** Digest counters this delivery keeps up to date (the app's; benchmarks go without). */
  counters?: { aggregates: AggregateRepository; reach: ReachRepository };
}

/** Reads settings at most every 30 s per tenant: the worker asks for every message. */
class CachedSettings implements DeliverySettingsRepository {
  private readonly cache = new Map<string, { at: number; value: DeliverySettings }>();
  constructor(private readonly inner: DeliverySettingsRepository) {}
  async get(tenantId: string): Promise<DeliverySettings> {
    const hit = this.cache.get(tenantId);
    if (hit && Date.now() - hit.at < 30_000) return hit.value;
    const value = await this.inner.get(tenantId);
    if (this.cache.size > 1000) this.cache.clear();
    this.cache.set(tenantId, { at: Date.now(), value });
    return value;
  }
  async update(tenantId: string, change: (current: DeliverySettings) => DeliverySettings): Promise<DeliverySettings> {
    this.cache.delete(tenantId);
    return this.inner.update(tenantId, change);
  }
}

export function createDeliveryRuntime(o: DeliveryRuntimeOptions) {
  const queueName = o.queueName ?? QUEUES.delivery;
  const poisonName = o.queueName ? `${o.queueName}-poison` : QUEUES.deliveryPoison;
  const queue = new StorageDeliveryQueue(o.queues.client(queueName), o.queues.client(poisonName));
  let deliveries = new TableDeliveryRepository(o.tables.client(TABLES.deliveries));
  let fatigue = new TableFatigueLedger(o.tables.client(TABLES.fatigue));
  if (o.counters) {
    // Every request record a survey's round-0 send turns "sent" counts the person as asked (response
    // rates); every reservation the fatigue cap refuses counts as a skip in the digest (docs/findings.md).
    const warn = (err: unknown): void => o.log?.warn({ err }, 'could not count a 1:1 send toward the response rate');
    deliveries = deliveriesWithAskedCount(deliveries, o.counters.reach, warn);
    fatigue = fatigueWithSkipCount(fatigue, o.counters.aggregates);
  }
  const settings = new TableDeliverySettingsRepository(o.tables.client(TABLES.tenantSettings));
  const groups = new TableGroupRepository(o.tables.client(TABLES.groups));
  const connector = new BotConnectorClient({ token: tokenProviderFor(o.bot) });
  // The queue shared by all tenants before each had its own: what is left in it is still sent.
  const assumedPerSecond = o.assumedPerSecond ?? TEAMS_PUBLISHED_PER_TENANT;
  const rate = new RateController({ maxPerSecond: o.maxPerSecond ?? 50, assumedPerSecond });
  const rates = new TenantRates({ maxPerSecond: o.maxPerSecond ?? 50, hold: o.hold, probeAfterMs: o.probeAfterMs, assumedPerSecond });
  const tenantQueues = new StorageTenantQueues(o.queues, queueName, poisonName);
  const service = new DeliveryService({
    deliveries,
    queue: tenantQueues,
    groups,
    chosenGroups: o.chosenGroups,
    connector,
    rate,
    rateFor: (tenantId) => rates.forTenant(tenantId),
    due: o.due,
    settings,
    subjects: o.subjects,
    progressCard: o.progressCard,
    clock: o.clock,
    feedBatch: o.feedBatch,
    feedEveryMs: o.feedEveryMs
  });
  const cachedSettings = new CachedSettings(settings);
  const owner = o.instanceId ? `instance:${o.instanceId}` : `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const workerFor = (queue: DeliveryQueue, laneRate: RateController, pacer?: ConversationPacer): DeliveryWorker =>
    new DeliveryWorker({
      queue,
      deliveries,
      fatigue,
      chosenGroups: o.chosenGroups,
      settings: cachedSettings,
      conversations: o.conversations,
      connector,
      rate: laneRate,
      pacer,
      subjects: o.subjects,
      clock: o.clock,
      log: o.log,
      owner,
      ...o.worker
    });
  const leases = new TableSenderLeaseRepository(o.tables.client(TABLES.tenantSettings));
  const worker = new TenantSenders({
    queues: tenantQueues,
    leases,
    rates,
    lane: (_tenantId, queue, laneRate) => workerFor(queue, laneRate, new ConversationPacer(() => o.clock.monotonicNow())),
    shared: workerFor(queue, rate),
    clock: o.clock,
    owner,
    log: o.log ?? silentLog,
    ...o.senders
  });
  return {
    queue,
    queueNames: [queueName, poisonName],
    deliveries,
    settings,
    groups,
    fatigue,
    connector,
    rate,
    rates,
    tenantQueues,
    leases,
    service,
    /** Sends every tenant this instance holds the lease of (and the shared queue's leftovers). */
    worker,
    /** The scheduled parts of delivery: feeding large rounds into the queue, progress cards, reminders. */
    registerJobs(scheduler: Scheduler): void {
      // A step is one page read and one queue batch (well under a second): a dead instance's claim on it
      // holds up the round's feeding for FEED_LEASE_MS, not the scheduler's default two minutes.
      scheduler.register(DELIVERY_FEED_JOB, (item) => service.feedStep(item.tenantId, String(item.payload.jobId), Number(item.payload.n ?? 0)), { leaseMs: FEED_LEASE_MS });
      scheduler.register(DELIVERY_PROGRESS_JOB, async (item) => {
        await service.progress(item.tenantId, String(item.payload.jobId));
      });
      scheduler.register(DELIVERY_REMIND_JOB, async (item) => {
        await service.remind(item.tenantId, String(item.payload.jobId), Number(item.payload.n));
      });
    }
  };
}

export type DeliveryRuntime = ReturnType<typeof createDeliveryRuntime>;

/** The app's delivery: the runtime with the features' subjects, the progress card and the digest counters. */
export function createDelivery(shared: Shared, subjects: Record<string, DeliverySubject>, chosenGroups?: ChosenGroups) {
  const runtime = createDeliveryRuntime({
    tables: shared.tables,
    queues: shared.queues,
    conversations: shared.conversations,
    due: shared.due,
    clock: shared.clock,
    bot: shared.config.bot,
    log: shared.log,
    subjects,
    chosenGroups,
    progressCard: deliveryProgressCard,
    instanceId: shared.config.instanceId,
    ...(shared.config.deliveryQueue ? { queueName: shared.config.deliveryQueue } : {}),
    counters: { aggregates: shared.aggregates, reach: shared.reach }
  });
  return {
    ...runtime,
    /** Admins' `delivery settings`: allowed hours, fatigue cap, reminders, concern phrases. */
    settingsService: new DeliverySettingsService({ settings: runtime.settings, audit: shared.audit, clock: shared.clock, admins: shared.admins })
  };
}
