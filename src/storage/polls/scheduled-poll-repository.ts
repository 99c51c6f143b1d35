import type { TableClient } from '@azure/data-tables';
import type { ScheduledPoll, ScheduledPollRepository } from '../../domain/polls/scheduled-poll';
import { EntityTable, type RowOf } from '../shared/entity-table';
import { recurrenceKeys } from '../shared/keys';

/** A poll to post later, as stored: whole as JSON (times as ISO), the owner apart to filter on. */
function toEntity(item: ScheduledPoll) {
  const { etag: _etag, tenantId: _tenant, ...rest } = item;
  return { ownerKey: item.createdBy, status: item.status, data: JSON.stringify(rest) };
}

type Stored = Omit<ScheduledPoll, 'tenantId' | 'etag' | 'at' | 'createdAt' | 'draft'> & {
  at: string;
  createdAt: string;
  draft: Omit<ScheduledPoll['draft'], 'closesAt'> & { closesAt?: string };
};

function fromEntity(row: RowOf<typeof toEntity>, tenantId: string): ScheduledPoll {
  const data = JSON.parse(row.data) as Stored;
  const draft = { ...data.draft, closesAt: data.draft.closesAt ? new Date(data.draft.closesAt) : undefined };
  return { ...data, draft, tenantId, at: new Date(data.at), createdAt: new Date(data.createdAt), etag: row.etag };
}

/** Polls scheduled for later (docs/recurrence.md) in the scheduled sends' table, a partition of their own; ETag-guarded. */
export class TableScheduledPollRepository extends EntityTable<ScheduledPoll, ReturnType<typeof toEntity>> implements ScheduledPollRepository {
  constructor(table: TableClient) {
    super(table, {
      key: recurrenceKeys.poll,
      idOf: (item) => item.pollId,
      toEntity,
      fromEntity,
      exists: 'This poll is scheduled already.',
      changed: 'This scheduled poll changed meanwhile (it may have been posted). Please look again with "scheduled".',
      deleted: 'This scheduled poll was deleted meanwhile.'
    });
  }

  async listByOwner(tenantId: string, ownerKey: string): Promise<ScheduledPoll[]> {
    return (await this.listPartition(recurrenceKeys.pollPartition(tenantId), { ownerKey })).map((row) => fromEntity(row, tenantId));
  }
}
