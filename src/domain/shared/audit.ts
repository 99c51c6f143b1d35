import { toCsv } from './csv';

/** One line of the append-only audit trail: who did what, when, to which subject, in which round. */
export interface AuditEntry {
  tenantId: string;
  at: Date;
  /** Person key, or 'system' for the scheduler. */
  actor: string;
  actorName?: string;
  /** e.g. plan.submitted, round.decision, reminder.sent, reminder.notReachable, escalation.sent */
  action: string;
  subjectType: string;
  subjectId: string;
  roundId?: string;
  /** The working group's team, so a chair exports only their group's trail. */
  teamId?: string;
  detail: string;
  /** Idempotency: an entry appended again with the same key and time is stored once (a retried step). */
  key?: string;
}

const CSV_COLUMNS = ['at', 'actor', 'actorName', 'action', 'subjectType', 'subjectId', 'roundId', 'teamId', 'detail'] as const;

/** RFC 4180 CSV of audit entries, oldest first, with a header row. */
export function auditCsv(entries: AuditEntry[]): string {
  const rows = entries.map((e) => CSV_COLUMNS.map((c) => (c === 'at' ? e.at.toISOString() : e[c])));
  return toCsv([CSV_COLUMNS, ...rows]);
}
