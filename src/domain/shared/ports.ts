/**
 * Ports every feature shares: where to reach people (conversations), due work, proactive sends, the
 * audit trail and drafts. Each feature's own repository interfaces are in src/domain/<feature>/ports.ts;
 * src/storage implements them on Azure Tables. Every method takes the tenant id first: no call can reach
 * another tenant's data.
 */
import type { AuditEntry } from './audit';
import type { StoredConversation } from './conversation';

export interface ConversationRepository {
  /** Stores (or refreshes) where to reach a person 1:1 or a chat/channel. */
  upsert(conversation: StoredConversation): Promise<void>;
  getPersonal(tenantId: string, personKey: string): Promise<StoredConversation | undefined>;
  getConversation(tenantId: string, conversationId: string): Promise<StoredConversation | undefined>;
  /** Forget a chat or channel (bot removed). */
  removeConversation(tenantId: string, conversationId: string): Promise<void>;
  removePersonal(tenantId: string, personKey: string): Promise<void>;
  /** True exactly once per conversation: the welcome card is sent at most once, however many events. */
  claimWelcome(tenantId: string, conversationId: string): Promise<boolean>;
}

/** A unit of work due at a time, run once by whichever instance claims it first. */
export interface DueItem {
  tenantId: string;
  kind: string;
  /** Unique per kind within the tenant: scheduling the same key twice keeps one item. */
  key: string;
  dueAt: Date;
  payload: Record<string, string | number | boolean>;
  attempts: number;
}

export interface DueItemRepository {
  /** Idempotent: the same (tenant, kind, key) replaces the due time of an item not yet claimed. */
  schedule(item: Omit<DueItem, 'attempts'>): Promise<void>;
  cancel(tenantId: string, kind: string, key: string): Promise<void>;
}

/** An Adaptive Card as JSON, as far as the ports need to know. */
export type CardPayload = { type: 'AdaptiveCard'; version: string; [key: string]: unknown };

/** Whether a proactive message reached the person. */
export type Delivery = { delivered: true; activityId: string } | { delivered: false; reason: string };

/** Sends cards outside a turn: 1:1 by person key (stored personal conversation) or to a stored chat/channel. */
export interface ProactiveSender {
  /** Never throws for "no stored 1:1 conversation": reports it as not delivered instead. */
  sendToPerson(tenantId: string, personKey: string, card: CardPayload): Promise<Delivery>;
  /** Posts to a stored chat or channel; returns the new activity id. */
  sendToConversation(conversation: StoredConversation, card: CardPayload): Promise<string>;
  updateInConversation(conversation: StoredConversation, activityId: string, card: CardPayload): Promise<void>;
  /**
   * Creates (or finds: Teams returns the same chat) the 1:1 chat of the bot with a person the app is installed
   * for, through the service of a conversation the bot is in (`via`), and stores it; undefined when Teams
   * refuses for good (app not installed for them, bot blocked). As survey delivery does for its recipients.
   */
  openPersonal?(via: StoredConversation, person: { userId: string; personKey: string }): Promise<StoredConversation | undefined>;
}

/** The append-only audit trail (see src/domain/shared/audit.ts). */
export interface AuditLog {
  /** Appends; an entry is never updated or removed. */
  append(entry: AuditEntry): Promise<void>;
  /** Entries of the tenant, oldest first; optionally of one team or one subject. */
  list(tenantId: string, filter?: { teamId?: string; subjectId?: string }): Promise<AuditEntry[]>;
}

/** A form's content kept between a preview and its sending (messaging extension). */
export interface DraftRepository {
  put(tenantId: string, ownerKey: string, draftId: string, payload: Record<string, unknown>, expiresAt: Date): Promise<void>;
  /** Undefined when absent or expired. */
  get(tenantId: string, ownerKey: string, draftId: string, now: Date): Promise<Record<string, unknown> | undefined>;
  delete(tenantId: string, ownerKey: string, draftId: string): Promise<void>;
}

