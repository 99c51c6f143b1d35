/**
 * 1:1 delivery at scale: the data and the ports (docs/delivery.md). A delivery job sends one message
 * to many people, one queue message per recipient; every recipient has a record that says what
 * happened to them (queued, sent, failed with the reason, skipped with the rule).
 */
import type { StoredConversation } from '../shared/conversation';
import { DomainError } from '../shared/errors';
import type { MessagePurpose } from './fatigue';
import type { Cohort } from './quiet-hours';

/** An Adaptive Card as JSON, as far as delivery needs to know. */
export type DeliveryCard = { type: 'AdaptiveCard'; version: string; [key: string]: unknown };

/** What is sent to each person: a card (with its notification summary) or plain text. */
export interface OutboundMessage {
  card?: DeliveryCard;
  text?: string;
  /** Shown in the notification and the chat list. */
  summary?: string;
}

export interface Recipient {
  /** Entra object id when known, else the channel user id (see conversation.ts `personKey`). */
  personKey: string;
  /** Channel user id (29:…), needed to create a 1:1 chat when none is stored. */
  userId?: string;
  name?: string;
  /** Named by a group people chose to join (docs/groups.md): if they joined it themselves, the fatigue cap does not hold its request back. */
  viaGroup?: string;
}

/** Where the app is installed for these people: used to create a 1:1 chat with someone new. */
export interface Reach {
  serviceUrl: string;
  botId: string;
  teamId?: string;
}

export type JobStatus = 'preparing' | 'active' | 'closed' | 'done';

export interface DeliveryJob {
  tenantId: string;
  /** Deterministic per subject (e.g. `survey-{id}`): sending the same thing twice reuses the job. */
  jobId: string;
  /** What is being delivered, for the subject port ("survey"). */
  subjectKind: string;
  subjectId: string;
  title: string;
  purpose: MessagePurpose;
  cohort: Cohort;
  message: OutboundMessage;
  reminder?: OutboundMessage;
  /** Reminders per non-responder (0 = none). */
  maxReminders: number;
  reminderAfterMs: number;
  closesAt?: Date;
  status: JobStatus;
  createdBy: string;
  createdAt: Date;
  reach?: Reach;
  /** The author's progress card. */
  progress?: { conversation: StoredConversation; activityId?: string };
  /** Per round (0 = request, n = reminder n): the last person queued so far, or FED_ALL. */
  fed?: Record<string, string>;
  /**
   * The limit the sending process had learnt from Teams, saved with the feeder's cursor, so that a
   * sender that restarts (a deploy, a crash) starts from it instead of finding it again with a 429
   * (`RateController.startFrom`). `savedAt` is an ISO time.
   */
  pacing?: { perSecond: number; savedAt: string };
  etag?: string;
}

/** `fed` value once every record of a round has a queue message. */
export const FED_ALL = '~all';

export type DeliveryStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'skipped';
export const FINAL_STATUSES: readonly DeliveryStatus[] = ['sent', 'failed', 'skipped'];

/** Stable reasons and rules recorded on records (the progress card groups by them). */
export const REASONS = {
  blocked: 'blocked or uninstalled (403)',
  conversationGone: 'chat not found (404)',
  notReachable: 'not reachable: app not installed',
  inDoubt: 'in doubt: the sender stopped mid-send; not sent again so nobody gets it twice',
  poison: 'set aside after repeated failures',
  rejected: 'rejected by Teams',
  gaveUp: 'Teams kept failing; gave up',
  closed: 'closed: the survey closed first',
  answered: 'answered already',
  fatigue: 'fatigue'
} as const;

export interface DeliveryRecord {
  tenantId: string;
  jobId: string;
  /** 0: the request; n ≥ 1: the n-th reminder. */
  n: number;
  personKey: string;
  userId?: string;
  name?: string;
  /** The chosen group that named this person (see Recipient.viaGroup). */
  viaGroup?: string;
  status: DeliveryStatus;
  /** failed: why; skipped: the rule. */
  reason?: string;
  attempts: number;
  claimOwner?: string;
  claimUntil?: Date;
  conversationId?: string;
  activityId?: string;
  /** Waiting for allowed hours until then. */
  waitUntil?: Date;
  sentAt?: Date;
  updatedAt: Date;
  etag: string;
}

/**
 * What the feeder read of a queued record, carried in its queue message so that the worker can claim it
 * without reading it again (docs/delivery.md, "Storage calls per send"): its ETag and the fields a send
 * needs. Only a hint: a claim with this ETag fails if the record changed since, and the worker then reads
 * it and decides again.
 */
export interface SeenRecord {
  etag: string;
  attempts: number;
  userId?: string;
  viaGroup?: string;
  waitUntil?: string;
}

/** The queue message: one per recipient (and per reminder). */
export interface DeliveryTask {
  v: 1;
  tenantId: string;
  jobId: string;
  n: number;
  personKey: string;
  /** The record as the feeder read it, while queued (absent in messages queued before it existed). */
  seen?: SeenRecord;
}

const optionalString = (v: unknown): boolean => v === undefined || typeof v === 'string';

/** A `seen` that is not exactly the expected shape is dropped (the worker reads the record instead). */
function parseSeen(v: unknown): SeenRecord | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const s = v as Partial<SeenRecord>;
  const ok =
    typeof s.etag === 'string' && s.etag.length > 0 && Number.isInteger(s.attempts) && (s.attempts ?? -1) >= 0 &&
    optionalString(s.userId) && optionalString(s.viaGroup) && optionalString(s.waitUntil) && (s.waitUntil === undefined || !Number.isNaN(Date.parse(s.waitUntil)));
  return ok ? { etag: s.etag as string, attempts: s.attempts as number, userId: s.userId, viaGroup: s.viaGroup, waitUntil: s.waitUntil } : undefined;
}

export function parseTask(raw: string): DeliveryTask | undefined {
  try {
    const t = JSON.parse(raw) as Partial<DeliveryTask>;
    const ok =
      t && t.v === 1 && typeof t.tenantId === 'string' && typeof t.jobId === 'string' && typeof t.personKey === 'string' &&
      t.personKey.length > 0 && Number.isInteger(t.n) && (t.n ?? -1) >= 0;
    if (!ok) return undefined;
    const task: DeliveryTask = { v: 1, tenantId: t.tenantId as string, jobId: t.jobId as string, n: t.n as number, personKey: t.personKey as string };
    const seen = parseSeen(t.seen);
    return seen ? { ...task, seen } : task;
  } catch {
    return undefined;
  }
}

/** The queue message for a record the feeder read: with what it saw when the record is still queued. */
export function taskFor(record: DeliveryRecord): DeliveryTask {
  const task: DeliveryTask = { v: 1, tenantId: record.tenantId, jobId: record.jobId, n: record.n, personKey: record.personKey };
  if (record.status !== 'queued' || !record.etag) return task;
  return { ...task, seen: { etag: record.etag, attempts: record.attempts, userId: record.userId, viaGroup: record.viaGroup, waitUntil: record.waitUntil?.toISOString() } };
}

/** The record a message saw (see SeenRecord): status queued, as the feeder read it. */
export function recordSeen(task: DeliveryTask, seen: SeenRecord, now: Date): DeliveryRecord {
  return {
    tenantId: task.tenantId,
    jobId: task.jobId,
    n: task.n,
    personKey: task.personKey,
    userId: seen.userId,
    viaGroup: seen.viaGroup,
    status: 'queued',
    attempts: seen.attempts,
    waitUntil: seen.waitUntil ? new Date(seen.waitUntil) : undefined,
    updatedAt: now,
    etag: seen.etag
  };
}

export interface DeliveryCounts {
  total: number;
  queued: number;
  sending: number;
  sent: number;
  failed: number;
  skipped: number;
  /** Of `queued`: waiting for allowed hours. */
  waiting: number;
  /** failed/skipped reason → count. */
  reasons: Record<string, number>;
}

export const isFinished = (c: DeliveryCounts): boolean => c.queued === 0 && c.sending === 0;

export const silentLog: DeliveryLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

export function checkMessage(message: OutboundMessage): OutboundMessage {
  if (!message.card && !message.text) throw new DomainError('invalid_input', 'There is nothing to send.');
  if (JSON.stringify(message).length > 28_000) throw new DomainError('invalid_input', 'The message is too large to send.');
  return message;
}

/** Minimal logger (pino-compatible) so the domain needs no logging library. */
export interface DeliveryLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}
