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
}

const CSV_COLUMNS = ['at', 'actor', 'actorName', 'action', 'subjectType', 'subjectId', 'roundId', 'teamId', 'detail'] as const;

/** One CSV cell: quoted when needed, and never read as a formula by a spreadsheet. */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** RFC 4180 CSV of audit entries, oldest first, with a header row. */
export function auditCsv(entries: AuditEntry[]): string {
  const rows = entries.map((e) =>
    CSV_COLUMNS.map((c) => {
      const v = e[c];
      return cell(v instanceof Date ? v.toISOString() : (v ?? ''));
    }).join(',')
  );
  return [CSV_COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}
