/**
 * Retention and erasure rules (docs/privacy.md): pure, no I/O.
 *
 * - Retention: a survey's raw answers are deleted a set number of days after it closes (per tenant;
 *   default 365, from 30 to 2190). Tallies and every other aggregate stay.
 * - Erasure: an admin removes what VoiceLoop stores about one person; what is kept, and why, is fixed
 *   here so the reply, the docs and the tests say the same thing.
 * - Admins: Entra object ids from configuration (`VOICELOOP_ADMINS`); in local mode with none
 *   configured, the local user.
 */
import type { Actor } from '../shared/conversation';
import { DomainError } from '../shared/errors';

export const RETENTION = {
  /** A year after close: the council's annual cycle (report, "You said, we did" updates, next year's survey) fits in it. */
  defaultDays: 365,
  /** Time for the owner to export, write findings and have them approved. */
  minDays: 30,
  /** Six years: the outer limit of local-government retention schedules (Limitation Act 1980). */
  maxDays: 2190
} as const;

const DAY_MS = 86_400_000;

export interface PrivacySettings {
  retentionDays: number;
  updatedBy?: string;
  updatedAt?: Date;
  /** ETag of the stored row; absent for defaults. */
  etag?: string;
}

export const DEFAULT_PRIVACY_SETTINGS: PrivacySettings = { retentionDays: RETENTION.defaultDays };

/** A whole number of days in range, from typed text or a number; else a message that says the range. */
export function parseRetentionDays(raw: unknown): number {
  const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim().replace(/\s*days?$/i, '') : '';
  const days = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(days) || days < RETENTION.minDays || days > RETENTION.maxDays) {
    throw new DomainError(
      'invalid_input',
      `Retention is a whole number of days from ${RETENTION.minDays} to ${RETENTION.maxDays} (six years), e.g. "privacy retention 365".`
    );
  }
  return days;
}

/** When a survey closed at `closedAt` has its raw answers deleted. */
export const retentionDueAt = (closedAt: Date, days: number): Date => new Date(closedAt.getTime() + days * DAY_MS);

export interface RetentionCounts {
  answers: number;
  respondents: number;
  exportLinks: number;
  deliveryRecords: number;
  /** Safeguarding alerts whose words (and named respondent) were deleted; the alert itself stays. */
  alertWords?: number;
  /** Alerts whose words were kept because nobody had acknowledged them yet (cleared later). */
  alertWordsKept?: number;
  /** Photos added to the survey's findings, deleted from Blob storage (docs/findings.md). */
  photos?: number;
  /** Young Commissioners' review comments whose words were cleared (the choices stay). */
  reviewComments?: number;
}

/** Written before the first row is deleted and completed after the last: results never show a silent gap. */
export interface RetentionMark {
  surveyId: string;
  state: 'deleting' | 'deleted';
  startedAt: Date;
  deletedAt?: Date;
  retentionDays: number;
  counts?: RetentionCounts;
  etag?: string;
}

/** What the owner reads on results and instead of an export once the answers are gone. */
export function retentionNote(mark: RetentionMark, timeZone: string): string {
  if (mark.state === 'deleting') {
    return `🗑️ The written answers are being deleted (${mark.retentionDays} days after the survey closed, the council's retention rule). The counts stay.`;
  }
  const on = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(mark.deletedAt ?? mark.startedAt);
  return `🗑️ Answers deleted on ${on}, ${mark.retentionDays} days after the survey closed (the council's retention rule). The counts shown here stay; written answers and the CSV export are gone.`;
}

// ---------- admins ----------

export interface AdminPolicy {
  /** Entra object ids, lower-case. */
  admins: readonly string[];
  /** Local mode (loopback, no credentials): with no admins configured, the local user is one. */
  localMode: boolean;
}

/** Only the Entra object id counts (Teams proves it in the token); a channel user id is never enough. */
export function isAdmin(policy: AdminPolicy, actor: Actor): boolean {
  // A guest from outside the council is never an administrator, even if listed (or in local mode).
  if (actor.guest) return false;
  if (policy.localMode && policy.admins.length === 0) return true;
  return !!actor.aadObjectId && policy.admins.includes(actor.aadObjectId.toLowerCase());
}

export function requireAdmin(policy: AdminPolicy, actor: Actor): void {
  if (!isAdmin(policy, actor)) {
    throw new DomainError('forbidden', 'Only VoiceLoop administrators can do this. Your IT team lists them in the VOICELOOP_ADMINS setting.');
  }
}

// ---------- naming a person ----------

export type PersonReference = { kind: 'aad'; id: string; name?: string } | { kind: 'user'; id: string; name?: string };

/** A person @mentioned in the message (Teams `mention` entities, the bot's own removed). */
export interface Mention {
  id: string;
  aadObjectId?: string;
  name?: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const USER_ID = /^\d+:[A-Za-z0-9._:@-]{1,300}$/;

/**
 * Who `privacy erase …` names: one @mention, or one Entra object id, or one Teams user id (29:…).
 * Names typed as text are refused: two people can share a name, and erasing the wrong one is final.
 */
export function parsePersonReference(argument: string, mentions: Mention[]): PersonReference {
  const distinct = [...new Map(mentions.map((m) => [m.aadObjectId?.toLowerCase() ?? m.id, m])).values()];
  if (distinct.length > 1) throw new DomainError('invalid_input', 'Name one person at a time.');
  const [mention] = distinct;
  if (mention) {
    if (mention.aadObjectId && GUID.test(mention.aadObjectId)) return { kind: 'aad', id: mention.aadObjectId.toLowerCase(), name: mention.name };
    if (USER_ID.test(mention.id)) return { kind: 'user', id: mention.id, name: mention.name };
  }
  const words = argument.trim().split(/\s+/).filter((w) => w !== '');
  if (words.length === 1) {
    const word = words[0]!;
    if (GUID.test(word)) return { kind: 'aad', id: word.toLowerCase() };
    if (USER_ID.test(word)) return { kind: 'user', id: word };
  }
  throw new DomainError(
    'invalid_input',
    words.length === 0
      ? 'Say whose data to erase: "privacy erase @name", or their Entra object id, or their Teams user id (29:…).'
      : 'Name the person with an @mention, their Entra object id or their Teams user id (29:…). Typed names are not used: two people can share a name.'
  );
}

/** The keys one person may be stored under: the Entra object id when known, else the channel user id (personKey). */
export interface PersonIdentity {
  keys: string[];
  userIds: string[];
  name?: string;
}

// ---------- what erasure removes and keeps ----------

export const ERASED_KINDS = {
  conversations: '1:1 conversation references',
  preferences: 'Communication preferences',
  attendance: 'Attendance (surveys they took part in)',
  fatigue: 'Survey-request counters (fatigue cap)',
  deliveries: '1:1 delivery records naming them',
  groupMemberships: 'Saved-group memberships',
  surveyRespondents: 'Respondent rows of named and pseudonymous surveys',
  surveyAnswers: 'Answers to named and pseudonymous surveys',
  pollVotes: 'Votes in named polls',
  drafts: 'Unsent drafts',
  exportLinks: 'Survey download links they made',
  findingsMarkers: '"You said, we did" send markers',
  digestSubscription: 'Digest subscription',
  safeguardingLead: 'Safeguarding lead or deputy role'
} as const;
export type ErasedKind = keyof typeof ERASED_KINDS;
export type EraseCounts = Record<ErasedKind, number>;

export const emptyCounts = (): EraseCounts =>
  Object.fromEntries(Object.keys(ERASED_KINDS).map((k) => [k, 0])) as EraseCounts;

export const totalOf = (counts: EraseCounts): number => Object.values(counts).reduce((a, b) => a + b, 0);

/** What erasure keeps, and why: the same words in the reply card and docs/privacy.md. */
export const KEPT_ON_ERASE: readonly { what: string; why: string }[] = [
  {
    what: 'Anonymous survey answers and anonymous poll votes',
    why: 'They are never linked to a person, and VoiceLoop does not link them even to erase them. Retention deletes them with the survey\'s other answers.'
  },
  {
    what: 'Counts (tallies, results, digests)',
    why: 'Totals are not about one person; an answer already counted stays in the total.'
  },
  {
    what: 'Safeguarding records',
    why: 'A safeguarding record is a legal record the council must keep. VoiceLoop does not say whether any exist: ask the designated safeguarding lead.'
  },
  {
    what: 'What they did as staff: surveys, polls, plans and findings they made, sessions they ran, approval decisions, working-group membership',
    why: 'These are the council\'s record of its decisions. A working group\'s chair changes its members with "workinggroup setup".'
  },
  {
    what: 'The audit trail',
    why: 'It is append-only. This erase is added to it, with counts only.'
  },
  {
    what: 'Messages already in Teams chats',
    why: 'Cards VoiceLoop sent are held by Microsoft Teams, not by VoiceLoop; your Microsoft 365 administrator manages them.'
  }
];

/** One line per kind with something in it, in the order of ERASED_KINDS. */
export function describeCounts(counts: EraseCounts): { kind: ErasedKind; label: string; count: number }[] {
  return (Object.keys(ERASED_KINDS) as ErasedKind[]).filter((k) => counts[k] > 0).map((k) => ({ kind: k, label: ERASED_KINDS[k], count: counts[k] }));
}

/** Audit detail: counts only, never what was erased. */
export function eraseAuditDetail(counts: EraseCounts): string {
  const parts = describeCounts(counts).map((c) => `${c.kind}=${c.count}`);
  return parts.length > 0 ? parts.join(' ') : 'nothing stored';
}
