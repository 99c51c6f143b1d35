import type { TableClient } from '@azure/data-tables';
import type { PollSeries, PollSeriesRepository } from '../../domain/polls/poll-series';
import { EntityTable, type RowOf } from '../shared/entity-table';
import { recurrenceKeys } from '../shared/keys';

/** A recurring poll as stored: whole as JSON (times as ISO), the owner apart to filter on. */
function toEntity(series: PollSeries) {
  const { etag: _etag, tenantId: _tenant, ...rest } = series;
  return { ownerKey: series.createdBy, status: series.status, data: JSON.stringify(rest) };
}

type Stored = Omit<PollSeries, 'tenantId' | 'etag' | 'createdAt' | 'updatedAt' | 'nextAt'> & { createdAt: string; updatedAt: string; nextAt?: string };

function fromEntity(row: RowOf<typeof toEntity>, tenantId: string): PollSeries {
  const data = JSON.parse(row.data) as Stored;
  return { ...data, tenantId, createdAt: new Date(data.createdAt), updatedAt: new Date(data.updatedAt), nextAt: data.nextAt ? new Date(data.nextAt) : undefined, etag: row.etag };
}

/** Recurring polls (docs/recurrence.md) in the series table, a partition of their own; ETag-guarded. */
export class TablePollSeriesRepository extends EntityTable<PollSeries, ReturnType<typeof toEntity>> implements PollSeriesRepository {
  constructor(table: TableClient) {
    super(table, {
      key: recurrenceKeys.pollSeries,
      idOf: (series) => series.seriesId,
      toEntity,
      fromEntity,
      exists: 'This poll repeats already.',
      changed: 'This recurring poll changed meanwhile. Please try again.',
      deleted: 'This recurring poll was deleted meanwhile.'
    });
  }

  async listByOwner(tenantId: string, ownerKey: string): Promise<PollSeries[]> {
    const rows = await this.listPartition(recurrenceKeys.pollSeriesPartition(tenantId), { ownerKey });
    return rows.map((row) => fromEntity(row, tenantId)).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  }
}
