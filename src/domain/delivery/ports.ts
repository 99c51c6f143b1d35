import type { DeliveryRecord, DeliveryJob, Recipient, DeliveryCounts, OutboundMessage, Reach, DeliveryTask } from './delivery';
import type { FatigueRule, FatigueDecision } from './fatigue';
import type { StoredConversation } from '../shared/conversation';
import type { DeliverySettings } from './delivery-settings';
/** Repository interfaces ("ports") of 1:1 delivery at scale (docs/delivery.md): jobs and records, the fatigue ledger, saved groups, the work queue, the Bot Connector, the subjects delivered and the tenant's delivery settings; src/storage/delivery implements them. */
export type RecordChange = Partial<Pick<DeliveryRecord, 'status' | 'reason' | 'claimOwner' | 'claimUntil' | 'conversationId' | 'activityId' | 'waitUntil' | 'sentAt' | 'attempts'>>;

export interface DeliveryRepository {
  /** Create-if-absent: `created` false returns the job already stored (the same thing sent twice). */
  createJob(job: DeliveryJob): Promise<{ created: boolean; job: DeliveryJob }>;
  getJob(tenantId: string, jobId: string): Promise<DeliveryJob | undefined>;
  /** ETag-guarded; `conflict` on a race. */
  saveJob(job: DeliveryJob): Promise<DeliveryJob>;
  /** Removes the job and every record. */
  deleteJob(tenantId: string, jobId: string): Promise<void>;
  /** Creates the records that do not exist yet; returns the recipients whose record is new. */
  addRecipients(tenantId: string, jobId: string, n: number, recipients: Recipient[], now: Date): Promise<Recipient[]>;
  getRecord(tenantId: string, jobId: string, n: number, personKey: string): Promise<DeliveryRecord | undefined>;
  /** ETag-guarded update; undefined when someone else changed the record first. */
  update(record: DeliveryRecord, change: RecordChange, now: Date): Promise<DeliveryRecord | undefined>;
  /** Up to `limit` records of round `n` after the person `after` (key order): the feeder's cursor. */
  page(tenantId: string, jobId: string, n: number, after: string | undefined, limit: number): Promise<DeliveryRecord[]>;
  /** Every record of attempt `n` (or of all attempts). */
  list(tenantId: string, jobId: string, n?: number): Promise<DeliveryRecord[]>;
  counts(tenantId: string, jobId: string, n?: number): Promise<DeliveryCounts>;
}

/** The per-person ledger behind the fatigue cap; reservations are exact under races (ETag). */
export interface FatigueLedger {
  reserve(tenantId: string, personKey: string, jobId: string, now: Date, rule: FatigueRule): Promise<FatigueDecision>;
  release(tenantId: string, personKey: string, jobId: string): Promise<void>;
}

/** A saved group of people (e.g. a Young Commissioners group). */
export interface SavedGroup {
  tenantId: string;
  groupId: string;
  name: string;
  members: Recipient[];
}

export interface GroupRepository {
  save(group: SavedGroup): Promise<void>;
  get(tenantId: string, groupId: string): Promise<SavedGroup | undefined>;
  remove(tenantId: string, groupId: string): Promise<void>;
}

/**
 * Groups people chose to join (docs/groups.md), as delivery sees them: `survey send group <id>` finds
 * the group here first (then among saved groups); a member who joined it themselves asked to be asked,
 * so the fatigue cap does not hold back that group's request to them (checked again when it is sent:
 * someone who left meanwhile is capped like anyone).
 */
export interface ChosenGroups {
  find(tenantId: string, groupId: string): Promise<{ groupId: string; name: string; members: Recipient[]; chose: number } | undefined>;
  choseToJoin(tenantId: string, groupId: string, personKey: string): Promise<boolean>;
}

/** One message taken from the queue, invisible to others until deleted or delayed. */
export interface QueuedTask {
  raw: string;
  messageId: string;
  popReceipt: string;
  dequeueCount: number;
}

export interface DeliveryQueue {
  enqueue(tasks: DeliveryTask[]): Promise<void>;
  receive(max: number, visibilitySeconds: number): Promise<QueuedTask[]>;
  /** Done with it (after the record says so). Missing or already re-delivered: ignored. */
  delete(task: QueuedTask): Promise<void>;
  /** Invisible again for this long (allowed hours, a busy claim, a retry). */
  delay(task: QueuedTask, seconds: number): Promise<QueuedTask>;
  /** Approximate number of messages in the queue (visible or not): the feeder's back-pressure (of this tenant's queue, where each tenant has one). */
  depth(tenantId?: string): Promise<number>;
  /** Sets it aside in the poison queue with the reason, and removes it from the work queue. */
  poison(task: QueuedTask, reason: string): Promise<void>;
}

/** Result of one call to the Bot Connector. */
export type ConnectorResult<T> =
  | { ok: true; value: T }
  | {
      ok: false;
      status: number;
      /** From `Retry-After`, when given. */
      retryAfterMs?: number;
      /** The call did not reach Teams, or Teams said it did nothing (429, 412, 5xx per Teams guidance). */
      notDelivered: boolean;
      /** Worth another attempt (429, 412, 5xx, network). */
      retryable: boolean;
      message: string;
    };

/** The Bot Connector calls delivery needs; implemented in src/teams (no SDK retries: we own them). */
export interface DeliveryConnector {
  /** `written`: called when the request is on the wire (its body handed to the socket), for the rate controller's count (`SendTicket.left`). */
  send(conversation: StoredConversation, message: OutboundMessage, written?: () => void): Promise<ConnectorResult<{ activityId: string }>>;
  update(conversation: StoredConversation, activityId: string, message: OutboundMessage): Promise<ConnectorResult<{ activityId: string }>>;
  /** Creates (or finds: Teams returns the same chat) the 1:1 chat of the bot with a user. */
  createPersonal(reach: Reach, tenantId: string, userId: string): Promise<ConnectorResult<{ conversationId: string }>>;
  /** One page of a team's or chat's members. */
  members(serviceUrl: string, conversationId: string, continuationToken?: string): Promise<ConnectorResult<{ members: Recipient[]; continuationToken?: string }>>;
}

/** What the feature being delivered (surveys) tells delivery; registered per subject kind. */
export interface DeliverySubject {
  /** Has this person answered? Reminders go only to those who have not. */
  hasAnswered(tenantId: string, subjectId: string, personKey: string): Promise<boolean>;
  /** Still open? Nothing is sent after close. */
  isOpen(tenantId: string, subjectId: string): Promise<boolean>;
  /** Throws (a DomainError saying why) when it may not be sent now, e.g. its plan is not approved. */
  checkStart?(tenantId: string, subjectId: string): Promise<void>;
}

export interface DeliverySettingsRepository {
  /** The tenant's settings, or the defaults when none are stored. */
  get(tenantId: string): Promise<DeliverySettings>;
  /** Read-change-write with the ETag; retried on a race, so no concurrent change is lost. */
  update(tenantId: string, change: (current: DeliverySettings) => DeliverySettings): Promise<DeliverySettings>;
}

/** What the service needs of the queue: adding work, and the feeder's back-pressure. */
export type DeliveryInbox = Pick<DeliveryQueue, 'enqueue' | 'depth'>;

/**
 * One queue per tenant (docs/delivery.md, "Many councils"): a throttled council's messages wait in its
 * own queue and hold up nobody else's.
 */
export interface TenantQueues extends DeliveryInbox {
  /** The tenants that have a queue (possibly empty). */
  tenants(): Promise<string[]>;
  /** The tenant's queue. */
  forTenant(tenantId: string): DeliveryQueue;
}

/** Who sends for a tenant: one instance at a time, until `until` (docs/delivery.md, "The sender lease"). */
export interface SenderLease {
  tenantId: string;
  owner: string;
  until: Date;
  /** The limit (calls per second) the tenant's sender has learnt from Teams, shared with its successor. */
  perSecond?: number;
  /** When `perSecond` was learnt (ISO). */
  learntAt?: string;
  /** Another instance with fewer tenants than its fair share asks for this one (docs/delivery.md, "Rebalancing"). */
  wantedBy?: string;
  /** When it asked (ISO); a request older than a lease is stale. */
  wantedAt?: string;
  etag: string;
}

export interface SenderLeaseRepository {
  /**
   * Takes the tenant's lease for `ms` when nobody holds it or the holder's lease ended at least
   * `graceMs` ago (ETag-guarded: of two instances racing, one wins); undefined when someone else holds it.
   */
  take(tenantId: string, owner: string, now: Date, ms: number, graceMs: number): Promise<SenderLease | undefined>;
  /** Extends a lease still ours (ETag) and saves the learnt limit; undefined when it was lost. */
  renew(lease: SenderLease, now: Date, ms: number, learnt?: { perSecond: number; at: Date }): Promise<SenderLease | undefined>;
  /** Ends our lease now (a graceful stop): the next instance need not wait for it to run out. */
  release(lease: SenderLease): Promise<void>;
  /**
   * Marks a lease held by someone else as wanted by `by` (ETag-guarded; holder and time unchanged, so
   * the holder's next renewal is refused and it looks). False when the row changed meanwhile.
   */
  want(lease: SenderLease, by: string, now: Date): Promise<boolean>;
  get(tenantId: string): Promise<SenderLease | undefined>;
}
