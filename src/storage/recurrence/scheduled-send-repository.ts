import type { TableClient } from '@azure/data-tables';
import type { ScheduledSend, ScheduledSendRepository } from '../../domain/recurrence/scheduled-send';
import { EntityTable, type RowOf } from '../shared/entity-table';
import { recurrenceKeys } from '../shared/keys';

/** A scheduled send as stored: whole as JSON (times as ISO), the owner apart to filter on. */
function toEntity(send: ScheduledSend) {
  const { etag: _etag, tenantId: _tenant, ...rest } = send;
  return { ownerKey: send.createdBy, status: send.status, data: JSON.stringify(rest) };
}

function fromEntity(row: RowOf<typeof toEntity>, tenantId: string): ScheduledSend {
  const data = JSON.parse(row.data) as Omit<ScheduledSend, 'at' | 'createdAt'> & { at: string; createdAt: string };
  return { ...data, tenantId, at: new Date(data.at), createdAt: new Date(data.createdAt), etag: row.etag };
}

/** Scheduled sends on Azure Tables (docs/recurrence.md): a row each, ETag-guarded (a cancel and the start never both win). */
export class TableScheduledSendRepository extends EntityTable<ScheduledSend, ReturnType<typeof toEntity>> implements ScheduledSendRepository {
  constructor(table: TableClient) {
    super(table, {
      key: recurrenceKeys.send,
      idOf: (send) => send.sendId,
      toEntity,
      fromEntity,
      exists: 'This send is scheduled already.',
      changed: 'This scheduled send changed meanwhile (it may have started). Please look again with "scheduled".',
      deleted: 'This scheduled send was deleted meanwhile.'
    });
  }

  async listByOwner(tenantId: string, ownerKey: string): Promise<ScheduledSend[]> {
    return (await this.listPartition(recurrenceKeys.sendPartition(tenantId), { ownerKey })).map((row) => fromEntity(row, tenantId));
  }
}
