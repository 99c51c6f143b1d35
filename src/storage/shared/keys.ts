/**
 * The key scheme: every table's PartitionKey and RowKey in one place (see docs/storage.md).
 * Every PartitionKey starts with the tenant id, so no query can cross into another tenant.
 */
import { DomainError } from '../../domain/shared/errors';

export const TABLES = {
  polls: 'polls',
  conversations: 'conversations',
  dueItems: 'dueitems',
  search: 'searchindex',
  drafts: 'drafts',
  surveys: 'surveys',
  sessions: 'sessions',
  attendance: 'attendance',
  preferences: 'preferences',
  tenantSettings: 'tenantsettings',
  exportLinks: 'exportlinks',
  // 1:1 delivery, fatigue, saved groups and safeguarding (docs/delivery.md)
  deliveries: 'deliveries',
  fatigue: 'fatigue',
  groups: 'groups',
  sealedIdentities: 'sealedidentities',
  safeguarding: 'safeguarding',
  // engagement plans, working groups, approval rounds and the audit trail (docs/approvals.md)
  plans: 'plans',
  approvals: 'approvals',
  audit: 'audit',
  // closing the loop: findings and their 1:1 send markers; digest aggregates (docs/findings.md)
  findings: 'findings',
  aggregates: 'aggregates',
  // retention and erasure: answers-deleted marks, erase requests (docs/privacy.md)
  privacy: 'privacy',
  // the two-way loop: reactions and checks (keyed hashes), Tell us settings and counters (docs/two-way-loop.md)
  loop: 'loop',
  // report files and quarterly report marks (docs/audit-and-report.md)
  reportLinks: 'reportlinks',
  // recurring surveys: one row per series (docs/recurrence.md)
  series: 'series',
  // scheduled sends of surveys (docs/recurrence.md)
  scheduledSends: 'scheduledsends'
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

/**
 * Ids encoded lately: the same few (a survey, a conversation, a person) make every key of a request, and
 * encoding them was 3 % of an answer's CPU (bench/survey.bench.ts profile). Dropped whole when full.
 */
const encodedIds = new Map<string, string>();
const ENCODED_IDS_KEPT = 4096;

/** Any other id (conversation ids contain ':' ';' '@'): escaped so it is always a legal key part. */
export function idPart(id: string): string {
  const known = typeof id === 'string' ? encodedIds.get(id) : undefined;
  if (known !== undefined) return known;
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
  if (encodedIds.size >= ENCODED_IDS_KEPT) encodedIds.clear();
  encodedIds.set(id, encoded);
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

  /** searchindex: one row per (term, item) for prefix search, per owner for "my recent", per item for bookkeeping. */
  /** Newest first within a term (inverted time), so a common word's first rows are its newest items. */
  searchTerm: (tenantId: string, term: string, createdAt: Date, kind: string, id: string): EntityKey => ({
    partitionKey: searchTermPartition(tenantId, term),
    rowKey: `${idPart(term)}|${String(9_999_999_999_999 - createdAt.getTime()).padStart(13, '0')}|${kind}|${idPart(id)}`
  }),
  searchOwned: (tenantId: string, ownerKey: string, createdAt: Date, kind: string, id: string): EntityKey => ({
    partitionKey: `${tenantPart(tenantId)}|owned|${idPart(ownerKey)}`,
    // Newest first: RowKeys sort ascending, so store the time inverted.
    rowKey: `${String(9_999_999_999_999 - createdAt.getTime()).padStart(13, '0')}|${kind}|${idPart(id)}`
  }),
  searchItem: (tenantId: string, kind: string, id: string): EntityKey => ({
    partitionKey: `${tenantPart(tenantId)}|searchitem|${idPart(id).slice(0, 2)}`,
    rowKey: `${kind}|${idPart(id)}`
  }),

  /** drafts: a form's content between "preview" and "send" in the messaging extension. */
  draft: (tenantId: string, ownerKey: string, draftId: string): EntityKey => ({
    partitionKey: `${tenantPart(tenantId)}|draft|${idPart(ownerKey)}`,
    rowKey: idPart(draftId)
  }),

  /** dueitems: one row per scheduled job; the scheduler scans by due time across tenants. */
  dueItem: (tenantId: string, kind: string, key: string): EntityKey => ({
    partitionKey: `${tenantPart(tenantId)}|due`,
    rowKey: `${idPart(kind)}|${idPart(key)}`
  })
};

/**
 * Search terms are spread over partitions by their first two characters (every term has at least two):
 * a prefix search reads one small partition, and writes do not all land on one hot partition.
 */
export function searchTermPartition(tenantId: string, termOrPrefix: string): string {
  return `${tenantPart(tenantId)}|search|${idPart(termOrPrefix.slice(0, 2))}`;
}

/** Which tally shard a voter's vote lives in: stable, so a changed vote moves within one row. */
export function shardOf(voterKey: string): number {
  let hash = 0;
  for (let i = 0; i < voterKey.length; i++) hash = (hash * 31 + voterKey.charCodeAt(i)) >>> 0;
  return hash % TALLY_SHARDS;
}

const surveyPartition = (tenantId: string, surveyId: string): string => `${tenantPart(tenantId)}|survey|${idPart(surveyId)}`;
const surveySummaryPartition = (tenantId: string, surveyId: string): string => `${tenantPart(tenantId)}|survey-sum|${idPart(surveyId)}`;

/** Surveys, sessions, attendance, preferences, tenant settings and export links (docs/storage.md). */
export const surveyKeys = {
  /** surveys: the answers' partition: tally shards, respondent rows and answers (one transaction moves them). */
  surveyPartition,
  /** surveys: the summary partition (a dozen rows, whatever the number of answers): definition, tally copies, newest texts. */
  surveySummaryPartition,
  survey: (tenantId: string, surveyId: string): EntityKey => ({ partitionKey: surveySummaryPartition(tenantId, surveyId), rowKey: 'meta' }),
  surveyTallyCopy: (tenantId: string, surveyId: string, shard: number): EntityKey => ({
    partitionKey: surveySummaryPartition(tenantId, surveyId),
    rowKey: `tally|${shard}`
  }),
  surveyTexts: (tenantId: string, surveyId: string, questionId: string): EntityKey => ({
    partitionKey: surveySummaryPartition(tenantId, surveyId),
    rowKey: `texts|${idPart(questionId)}`
  }),
  surveyTally: (tenantId: string, surveyId: string, shard: number): EntityKey => ({
    partitionKey: surveyPartition(tenantId, surveyId),
    rowKey: `tally|${shard}`
  }),
  surveyRespondent: (tenantId: string, surveyId: string, respondentKey: string): EntityKey => ({
    partitionKey: surveyPartition(tenantId, surveyId),
    rowKey: `resp|${idPart(respondentKey)}`
  }),
  /** One row per person per question: the key itself enforces one answer each. */
  surveyAnswer: (tenantId: string, surveyId: string, questionId: string, respondentKey: string): EntityKey => ({
    partitionKey: surveyPartition(tenantId, surveyId),
    rowKey: `answer|${idPart(questionId)}|${idPart(respondentKey)}`
  }),
  surveyAnswerPrefix: (questionId?: string): string => (questionId ? `answer|${idPart(questionId)}|` : 'answer|'),
  /** surveys: the owner's index, newest first. */
  surveyByOwner: (tenantId: string, ownerKey: string, createdAt: Date, surveyId: string): EntityKey => ({
    partitionKey: `${tenantPart(tenantId)}|surveys-of|${idPart(ownerKey)}`,
    rowKey: `${String(9_999_999_999_999 - createdAt.getTime()).padStart(13, '0')}|${idPart(surveyId)}`
  }),
  surveyOwnerPartition: (tenantId: string, ownerKey: string): string => `${tenantPart(tenantId)}|surveys-of|${idPart(ownerKey)}`,

  /** sessions: the session, and a pointer from a chat to its running session. */
  session: (tenantId: string, sessionId: string): EntityKey => ({ partitionKey: `${tenantPart(tenantId)}|session`, rowKey: idPart(sessionId) }),
  activeSession: (tenantId: string, conversationId: string): EntityKey => ({
    partitionKey: `${tenantPart(tenantId)}|session-in`,
    rowKey: idPart(conversationId)
  }),

  /** sessions: a survey's supported-answer marks (`supported|<entry>`) and others present (`others|<session>`): no person, no answer. */
  contributionPartition: (tenantId: string, surveyId: string): string => `${tenantPart(tenantId)}|contrib|${idPart(surveyId)}`,

  /** attendance: who took part in a survey, in its own table, never next to an answer. */
  attendancePartition: (tenantId: string, surveyId: string): string => `${tenantPart(tenantId)}|attendance|${idPart(surveyId)}`,
  attendee: (tenantId: string, surveyId: string, personKey: string): EntityKey => ({
    partitionKey: `${tenantPart(tenantId)}|attendance|${idPart(surveyId)}`,
    rowKey: idPart(personKey)
  }),

  /** preferences: how a person likes to take part. */
  preferences: (tenantId: string, personKey: string): EntityKey => ({ partitionKey: `${tenantPart(tenantId)}|prefs`, rowKey: idPart(personKey) }),
  /** tenantsettings: one row of survey settings per tenant. */
  tenantSettings: (tenantId: string): EntityKey => ({ partitionKey: `${tenantPart(tenantId)}|settings`, rowKey: 'surveys' }),
  /** exportlinks: an unguessable download link, stored under the hash of its token. */
  exportLink: (tenantId: string, tokenHash: string): EntityKey => ({ partitionKey: `${tenantPart(tenantId)}|export`, rowKey: idPart(tokenHash) })
};

/** 1:1 delivery keys (docs/delivery.md). */
export const deliveryKeys = {
  /** deliveries: one partition per job holds the job row and one row per (recipient, attempt). */
  jobPartition: (tenantId: string, jobId: string): string => `${tenantPart(tenantId)}|delivery|${idPart(jobId)}`,
  job: (tenantId: string, jobId: string): EntityKey => ({ partitionKey: `${tenantPart(tenantId)}|delivery|${idPart(jobId)}`, rowKey: 'job' }),
  /** n = 0: the request itself; n ≥ 1: the n-th reminder. */
  recipient: (tenantId: string, jobId: string, n: number, personKey: string): EntityKey => ({
    partitionKey: `${tenantPart(tenantId)}|delivery|${idPart(jobId)}`,
    rowKey: `r|${n}|${idPart(personKey)}`
  }),
  recipientPrefix: (n: number): string => `r|${n}|`,
  /** fatigue: one row per person with the survey requests of the recent window (ETag-guarded). */
  fatigue: (tenantId: string, personKey: string): EntityKey => ({ partitionKey: `${tenantPart(tenantId)}|fatigue`, rowKey: idPart(personKey) }),
  /** groups: a saved group of people: `meta` and one row per member. */
  groupPartition: (tenantId: string, groupId: string): string => `${tenantPart(tenantId)}|group|${idPart(groupId)}`,
  group: (tenantId: string, groupId: string): EntityKey => ({ partitionKey: `${tenantPart(tenantId)}|group|${idPart(groupId)}`, rowKey: 'meta' }),
  groupMember: (tenantId: string, groupId: string, personKey: string): EntityKey => ({
    partitionKey: `${tenantPart(tenantId)}|group|${idPart(groupId)}`,
    rowKey: `m|${idPart(personKey)}`
  }),
  /** tenantsettings: the delivery and safeguarding settings, next to the survey settings row. */
  settings: (tenantId: string): EntityKey => ({ partitionKey: `${tenantPart(tenantId)}|settings`, rowKey: 'delivery' }),
  /** tenantsettings: who sends this tenant's 1:1 messages now (the sender lease) and the limit learnt from Teams. */
  senderLease: (tenantId: string): EntityKey => ({ partitionKey: `${tenantPart(tenantId)}|settings`, rowKey: 'delivery-sender' }),
  /** sealedidentities: who wrote an anonymous answer, read only by a safeguarding alert. */
  sealedPartition: (tenantId: string, subjectId: string): string => `${tenantPart(tenantId)}|sealed|${idPart(subjectId)}`,
  sealed: (tenantId: string, subjectId: string, responseKey: string): EntityKey => ({
    partitionKey: `${tenantPart(tenantId)}|sealed|${idPart(subjectId)}`,
    rowKey: idPart(responseKey)
  }),
  /** safeguarding: one row per alert (an answer alerts once), a partition per subject. */
  alertPartition: (tenantId: string, subjectId: string): string => `${tenantPart(tenantId)}|alert|${idPart(subjectId)}`,
  alert: (tenantId: string, subjectId: string, alertKey: string): EntityKey => ({
    partitionKey: `${tenantPart(tenantId)}|alert|${idPart(subjectId)}`,
    rowKey: idPart(alertKey)
  })
};

/** Plans, working groups, approval rounds, send markers and the audit trail (docs/approvals.md). */
export const planKeys = {
  /** plans: one partition per tenant, a row per plan (listing "my plans" is one partition query). */
  plansPartition: (tenantId: string): string => `${tenantPart(tenantId)}|plan`,
  plan: (tenantId: string, planId: string): EntityKey => ({ partitionKey: `${tenantPart(tenantId)}|plan`, rowKey: idPart(planId) }),
  /** approvals: a team's working group. */
  groupsPartition: (tenantId: string): string => `${tenantPart(tenantId)}|wgroup`,
  workingGroup: (tenantId: string, teamId: string): EntityKey => ({ partitionKey: `${tenantPart(tenantId)}|wgroup`, rowKey: idPart(teamId) }),
  /** approvals: a round with every member's decision in one row (ETag-guarded). */
  roundsPartition: (tenantId: string): string => `${tenantPart(tenantId)}|round`,
  round: (tenantId: string, roundId: string): EntityKey => ({ partitionKey: `${tenantPart(tenantId)}|round`, rowKey: idPart(roundId) }),
  /** approvals: "this message was sent" marker, created before sending: each reminder goes out once. */
  sent: (tenantId: string, roundId: string, personKey: string, what: string): EntityKey => ({
    partitionKey: `${tenantPart(tenantId)}|sent|${idPart(roundId)}`,
    rowKey: `${idPart(personKey)}|${idPart(what)}`
  }),
  /** audit: append-only, oldest first by RowKey. */
  auditPartition: (tenantId: string): string => `${tenantPart(tenantId)}|audit`,
  audit: (tenantId: string, at: Date, unique: string): EntityKey => ({
    partitionKey: `${tenantPart(tenantId)}|audit`,
    rowKey: `${at.toISOString()}|${idPart(unique)}`
  })
};

/** Findings ("You said, we did") and their send markers (docs/findings.md). */
export const findingsKeys = {
  /** findings: one partition per tenant, a row per survey's findings. */
  partition: (tenantId: string): string => `${tenantPart(tenantId)}|findings`,
  findings: (tenantId: string, surveyId: string): EntityKey => ({ partitionKey: `${tenantPart(tenantId)}|findings`, rowKey: idPart(surveyId) }),
  /** findings: "sent to this person" marker, created before the send (never twice). */
  sentPartition: (tenantId: string, surveyId: string): string => `${tenantPart(tenantId)}|loopsent|${idPart(surveyId)}`,
  sent: (tenantId: string, surveyId: string, personKey: string, what: string): EntityKey => ({
    partitionKey: `${tenantPart(tenantId)}|loopsent|${idPart(surveyId)}`,
    rowKey: `${idPart(what)}|${idPart(personKey)}`
  }),
  /** aggregates: the tenant's digest counters, one row read by a point read. */
  aggregate: (tenantId: string): EntityKey => ({ partitionKey: `${tenantPart(tenantId)}|agg`, rowKey: 'digest' }),
  /**
   * aggregates: who was asked to answer a survey (response-rate denominator): a marker per person and
   * a few counter shards in one partition, so marker and count change in one transaction.
   */
  reachPartition: (tenantId: string, surveyId: string): string => `${tenantPart(tenantId)}|asked|${idPart(surveyId)}`,
  reachPerson: (tenantId: string, surveyId: string, personKey: string): EntityKey => ({
    partitionKey: `${tenantPart(tenantId)}|asked|${idPart(surveyId)}`,
    rowKey: `p|${idPart(personKey)}`
  }),
  reachCount: (tenantId: string, surveyId: string, shard: number): EntityKey => ({
    partitionKey: `${tenantPart(tenantId)}|asked|${idPart(surveyId)}`,
    rowKey: `c|${shard}`
  })
};

/** Retention and erasure (docs/privacy.md). */
export const privacyKeys = {
  /** tenantsettings: the retention setting, beside the `surveys` and `delivery` rows (own row: each is written whole). */
  settings: (tenantId: string): EntityKey => ({ partitionKey: `${tenantPart(tenantId)}|settings`, rowKey: 'privacy' }),
  /** privacy: one mark per survey whose raw answers were (or are being) deleted. */
  retentionMark: (tenantId: string, surveyId: string): EntityKey => ({ partitionKey: `${tenantPart(tenantId)}|retention`, rowKey: idPart(surveyId) }),
  retentionPartition: (tenantId: string): string => `${tenantPart(tenantId)}|retention`,
  /** exportlinks: the tenant's one partition of download links. */
  exportPartition: (tenantId: string): string => `${tenantPart(tenantId)}|export`,
  /** privacy: one row per erase request (create-if-absent: a confirm pressed twice runs once); counts only. */
  erasure: (tenantId: string, requestId: string): EntityKey => ({ partitionKey: `${tenantPart(tenantId)}|erasure`, rowKey: idPart(requestId) }),
  /**
   * The PartitionKey range of every partition `{tenant}|{kind}|…` (e.g. every survey of a tenant):
   * `ge from and lt to`. `}` sorts right after the separator `|`, so `survey|` never takes in `surveys-of|`.
   */
  partitionsOf: (tenantId: string, kind: string): { from: string; to: string } => ({
    from: `${tenantPart(tenantId)}|${kind}|`,
    to: `${tenantPart(tenantId)}|${kind}}`
  })
};

/** Counter shards of a survey's reach: a few, so a fast 1:1 fan-out rarely contends for one ETag. */
export const REACH_SHARDS = 4;

/** The two-way loop (docs/two-way-loop.md). */
export const loopKeys = {
  /** loop: one partition per findings; a row per (item, kind, keyed hash of the person). */
  votesPartition: (tenantId: string, surveyId: string): string => `${tenantPart(tenantId)}|loopvote|${idPart(surveyId)}`,
  vote: (tenantId: string, surveyId: string, itemId: string, kind: 'r' | 'b' | 'c', voter: string): EntityKey => ({
    partitionKey: `${tenantPart(tenantId)}|loopvote|${idPart(surveyId)}`,
    rowKey: `${idPart(itemId)}|${kind}|${idPart(voter)}`
  }),
  /** loop: the tenant's Tell us service areas and check delay, one JSON row. */
  settings: (tenantId: string): EntityKey => ({ partitionKey: `${tenantPart(tenantId)}|loop`, rowKey: 'settings' }),
  /** loop: the tenant's counters for the digest and the audit (numbers and flagged item titles), one JSON row. */
  counters: (tenantId: string): EntityKey => ({ partitionKey: `${tenantPart(tenantId)}|loop`, rowKey: 'counters' })
};

/**
 * Groups people chose to join (docs/groups.md), in the `groups` table beside saved groups. Members sit in
 * `{tenant}|group|chosen|{id}` with `m|` rows and a `personKey` column, like saved groups' members, so
 * `privacy erase` finds both (a saved group's id is escaped by idPart and can never contain "|chosen|").
 */
export const chosenGroupKeys = {
  /** One partition per tenant: group rows (`group|{id}`) and participation officers (`officer|{person}`). */
  listPartition: (tenantId: string): string => `${tenantPart(tenantId)}|chosengroups`,
  group: (tenantId: string, groupId: string): EntityKey => ({ partitionKey: `${tenantPart(tenantId)}|chosengroups`, rowKey: `group|${idPart(groupId)}` }),
  officer: (tenantId: string, personKey: string): EntityKey => ({ partitionKey: `${tenantPart(tenantId)}|chosengroups`, rowKey: `officer|${idPart(personKey)}` }),
  memberPartition: (tenantId: string, groupId: string): string => `${tenantPart(tenantId)}|group|chosen|${idPart(groupId)}`,
  member: (tenantId: string, groupId: string, personKey: string): EntityKey => ({
    partitionKey: `${tenantPart(tenantId)}|group|chosen|${idPart(groupId)}`,
    rowKey: `m|${idPart(personKey)}`
  }),
  /** Young Commissioners' reviews of one survey's recommendations: a row per item per reviewer (keyed hash). */
  reviewPartition: (tenantId: string, surveyId: string): string => `${tenantPart(tenantId)}|groupreview|${idPart(surveyId)}`,
  review: (tenantId: string, surveyId: string, itemId: string, reviewerKey: string): EntityKey => ({
    partitionKey: `${tenantPart(tenantId)}|groupreview|${idPart(surveyId)}`,
    rowKey: `v|${idPart(itemId)}|${idPart(reviewerKey)}`
  }),
  /** The marker that a member was sent a findings' review cards by one group's request (`s|` rows of the same partition). */
  reviewSent: (tenantId: string, surveyId: string, groupId: string, personKey: string): EntityKey => ({
    partitionKey: `${tenantPart(tenantId)}|groupreview|${idPart(surveyId)}`,
    rowKey: `s|${idPart(groupId)}|${idPart(personKey)}`
  })
};

/** Report files and the quarterly report (docs/audit-and-report.md). */
export const reportKeys = {
  /** reportlinks: a file's request, stored under the hash of its token. */
  link: (tenantId: string, tokenHash: string): EntityKey => ({ partitionKey: `${tenantPart(tenantId)}|reportlink`, rowKey: idPart(tokenHash) }),
  /** reportlinks: something done once (a person's report for a quarter). */
  mark: (tenantId: string, key: string): EntityKey => ({ partitionKey: `${tenantPart(tenantId)}|reportmark`, rowKey: idPart(key) })
};

/** Recurring surveys (docs/recurrence.md): one partition per tenant, a row per series. */
export const recurrenceKeys = {
  partition: (tenantId: string): string => `${tenantPart(tenantId)}|series`,
  series: (tenantId: string, seriesId: string): EntityKey => ({ partitionKey: `${tenantPart(tenantId)}|series`, rowKey: idPart(seriesId) }),
  /** scheduledsends: one partition per tenant, a row per scheduled send. */
  sendPartition: (tenantId: string): string => `${tenantPart(tenantId)}|scheduled`,
  send: (tenantId: string, sendId: string): EntityKey => ({ partitionKey: `${tenantPart(tenantId)}|scheduled`, rowKey: idPart(sendId) }),
  /** series, a partition of its own per tenant: recurring polls (a row per series). */
  pollSeriesPartition: (tenantId: string): string => `${tenantPart(tenantId)}|pollseries`,
  pollSeries: (tenantId: string, seriesId: string): EntityKey => ({ partitionKey: `${tenantPart(tenantId)}|pollseries`, rowKey: idPart(seriesId) }),
  /** scheduledsends, a partition of its own per tenant: polls to be posted later (a row per poll, by its id). */
  pollPartition: (tenantId: string): string => `${tenantPart(tenantId)}|scheduledpoll`,
  poll: (tenantId: string, pollId: string): EntityKey => ({ partitionKey: `${tenantPart(tenantId)}|scheduledpoll`, rowKey: idPart(pollId) })
};
