import { randomUUID } from 'node:crypto';
import { type TableClient, odata } from '@azure/data-tables';
import type { AuditEntry } from '../../domain/shared/audit';
import type { AuditLog } from '../../domain/shared/ports';
import { planKeys } from './keys';
import { insertRow } from './rows';

interface AuditEntity {
  partitionKey: string;
  rowKey: string;
  at: string;
  actor: string;
  actorName: string;
  action: string;
  subjectType: string;
  subjectId: string;
  roundId: string;
  teamId: string;
  detail: string;
}

/**
 * The audit trail on Azure Tables: append-only. Every entry is a new row (`createEntity`, RowKey =
 * time + random id, so entries sort oldest first and never collide); nothing here updates or deletes.
 */
export class TableAuditLog implements AuditLog {
  /** Orders entries written in the same millisecond by this process (virtual time makes that common). */
  private sequence = 0;
  constructor(private readonly table: TableClient) {}

  async append(entry: AuditEntry): Promise<void> {
    const suffix = entry.key ? `k-${entry.key}` : `${String(++this.sequence).padStart(10, '0')}-${randomUUID()}`;
    const row = {
      ...planKeys.audit(entry.tenantId, entry.at, suffix),
      at: entry.at.toISOString(),
      actor: entry.actor,
      actorName: entry.actorName ?? '',
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId,
      roundId: entry.roundId ?? '',
      teamId: entry.teamId ?? '',
      detail: entry.detail.slice(0, 4000)
    };
    // A keyed entry already there is the same step done before: stored once.
    if (entry.key) await insertRow(this.table, row);
    else await this.table.createEntity<AuditEntity>(row);
  }

  async list(tenantId: string, filter: { teamId?: string; subjectId?: string } = {}): Promise<AuditEntry[]> {
    const partitionKey = planKeys.auditPartition(tenantId);
    let query = odata`PartitionKey eq ${partitionKey}`;
    if (filter.teamId) query += ` and ${odata`teamId eq ${filter.teamId}`}`;
    if (filter.subjectId) query += ` and ${odata`subjectId eq ${filter.subjectId}`}`;
    const out: AuditEntry[] = [];
    // RowKeys sort oldest first, and the service returns a partition in RowKey order.
    for await (const e of this.table.listEntities<AuditEntity>({ queryOptions: { filter: query } })) {
      // Checked again here: the local emulator has been seen returning rows of other partitions.
      if (e.partitionKey !== partitionKey || (filter.teamId && e.teamId !== filter.teamId) || (filter.subjectId && e.subjectId !== filter.subjectId)) continue;
      out.push({
        tenantId,
        at: new Date(e.at),
        actor: e.actor,
        actorName: e.actorName || undefined,
        action: e.action,
        subjectType: e.subjectType,
        subjectId: e.subjectId,
        roundId: e.roundId || undefined,
        teamId: e.teamId || undefined,
        detail: e.detail
      });
    }
    return out;
  }
}
