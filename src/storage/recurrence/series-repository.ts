import type { TableClient } from '@azure/data-tables';
import type { SeriesRepository } from '../../domain/recurrence/ports';
import type { SurveySeries } from '../../domain/recurrence/series';
import { EntityTable, type RowOf } from '../shared/entity-table';
import { recurrenceKeys } from '../shared/keys';

/** The series as stored: its fields whole as JSON (dates as ISO), the owner key apart so it can be filtered on. */
function toEntity(series: SurveySeries) {
  const { etag: _etag, tenantId: _tenant, ...rest } = series;
  return { ownerKey: series.createdBy, updatedAt: series.updatedAt.toISOString(), data: JSON.stringify(rest) };
}

type Stored = Omit<SurveySeries, 'etag' | 'tenantId' | 'createdAt' | 'updatedAt' | 'nextAt'> & { createdAt: string; updatedAt: string; nextAt?: string };

function fromEntity(row: RowOf<typeof toEntity>, tenantId: string): SurveySeries {
  const data = JSON.parse(row.data) as Stored;
  return {
    ...data,
    tenantId,
    createdAt: new Date(data.createdAt),
    updatedAt: new Date(data.updatedAt),
    nextAt: data.nextAt ? new Date(data.nextAt) : undefined,
    etag: row.etag
  };
}

/** Recurring surveys on Azure Tables (docs/recurrence.md): a row per series, ETag-guarded. */
export class TableSeriesRepository extends EntityTable<SurveySeries, ReturnType<typeof toEntity>> implements SeriesRepository {
  constructor(table: TableClient) {
    super(table, {
      key: recurrenceKeys.series,
      idOf: (series) => series.seriesId,
      toEntity,
      fromEntity,
      exists: 'This survey repeats already.',
      changed: 'This recurring survey was changed by someone else meanwhile. Please try again.',
      deleted: 'This recurring survey was deleted meanwhile.'
    });
  }

  async listByOwner(tenantId: string, ownerKey: string): Promise<SurveySeries[]> {
    const rows = await this.listPartition(recurrenceKeys.partition(tenantId), { ownerKey });
    return rows
      .map((row) => fromEntity(row, tenantId))
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  }
}
