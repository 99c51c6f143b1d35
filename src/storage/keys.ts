/**
 * The key scheme: every table's PartitionKey and RowKey in one place (see docs/storage.md).
 * Every PartitionKey starts with the tenant id, so no query can cross into another tenant.
 */
import { DomainError } from '../domain/errors';

export const TABLES = {
  polls: 'polls',
  conversations: 'conversations',
  dueItems: 'dueitems'
} as const;
export type TableName = (typeof TABLES)[keyof typeof TABLES];

/** Tally rows per poll: votes spread over shards so concurrent voters rarely contend for one ETag. */
export const TALLY_SHARDS = 8;

const TENANT = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;
// Characters Azure Tables forbids in keys, plus our separator.
// eslint-disable-next-line no-control-regex -- this pattern exists to find control characters
const FORBIDDEN_IN_KEY = /[/\\#?|\u0000-\u001F\u007F-\u009F]/;

/** Validates a tenant id before it becomes the head of a key. */
export function tenantPart(tenantId: string): string {
  if (typeof tenantId !== 'string' || !TENANT.test(tenantId)) {
    throw new DomainError('invalid_input', 'This conversation has no valid Microsoft 365 tenant.');
  }
  return tenantId.toLowerCase();
}

/** Any other id (conversation ids contain ':' ';' '@'): escaped so it is always a legal key part. */
export function idPart(id: string): string {
  if (typeof id !== 'string' || id.length === 0 || id.length > 400) {
    throw new DomainError('invalid_input', 'An id is missing or too long.');
  }
  let encoded: string;
  try {
    encoded = encodeURIComponent(id).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  } catch {
    throw new DomainError('invalid_input', 'An id has characters that cannot be stored.');
  }
  // Keys are at most 1 KiB; with the tenant and a prefix, 600 characters per part leaves room.
  if (encoded.length > 600 || FORBIDDEN_IN_KEY.test(encoded)) {
    throw new DomainError('invalid_input', 'An id is too long or has characters that cannot be stored.');
  }
  return encoded;
}

export interface EntityKey {
  partitionKey: string;
  rowKey: string;
}

const pollPartition = (tenantId: string, pollId: string): string => `${tenantPart(tenantId)}|poll|${idPart(pollId)}`;

export const keys = {
  /** polls: one partition per poll holds its definition, tally shards and votes (one transaction). */
  pollPartition,
  poll: (tenantId: string, pollId: string): EntityKey => ({ partitionKey: pollPartition(tenantId, pollId), rowKey: 'meta' }),
  pollTally: (tenantId: string, pollId: string, shard: number): EntityKey => ({
    partitionKey: pollPartition(tenantId, pollId),
    rowKey: `tally|${shard}`
  }),
  pollVote: (tenantId: string, pollId: string, voterKey: string): EntityKey => ({
    partitionKey: pollPartition(tenantId, pollId),
    rowKey: `vote|${idPart(voterKey)}`
  }),

  /** conversations: 1:1 chats by person, group chats and channels by conversation id. */
  personalConversation: (tenantId: string, personKey: string): EntityKey => ({
    partitionKey: `${tenantPart(tenantId)}|person`,
    rowKey: idPart(personKey)
  }),
  sharedConversation: (tenantId: string, conversationId: string): EntityKey => ({
    partitionKey: `${tenantPart(tenantId)}|conversation`,
    rowKey: idPart(conversationId)
  }),

  /** conversations: a marker row per conversation that has been sent the welcome card. */
  welcomeMarker: (tenantId: string, conversationId: string): EntityKey => ({
    partitionKey: `${tenantPart(tenantId)}|welcomed`,
    rowKey: idPart(conversationId)
  }),

  /** dueitems: one row per scheduled job; the scheduler scans by due time across tenants. */
  dueItem: (tenantId: string, kind: string, key: string): EntityKey => ({
    partitionKey: `${tenantPart(tenantId)}|due`,
    rowKey: `${idPart(kind)}|${idPart(key)}`
  })
};

/** Which tally shard a voter's vote lives in: stable, so a changed vote moves within one row. */
export function shardOf(voterKey: string): number {
  let hash = 0;
  for (let i = 0; i < voterKey.length; i++) hash = (hash * 31 + voterKey.charCodeAt(i)) >>> 0;
  return hash % TALLY_SHARDS;
}
