import type { TableClient } from '@azure/data-tables';
import { type AggregateRepository, type TenantAggregate, emptyAggregate } from '../domain/digest';
import { backoff, getOrUndefined, isWriteConflict } from './errors';
import { TALLY_SHARDS, findingsKeys, surveyKeys } from './keys';

interface AggregateEntity {
  partitionKey: string;
  rowKey: string;
  /** The counters as JSON (a few KB: counts by state/level/rung, open rounds, live surveys, loops by date). */
  data: string;
}

/** The per-tenant digest aggregate: one row, point reads, ETag-guarded read-change-write (retried). */
export class TableAggregateRepository implements AggregateRepository {
  constructor(private readonly table: TableClient) {}

  private async read(tenantId: string): Promise<{ value: TenantAggregate; etag?: string }> {
    const key = findingsKeys.aggregate(tenantId);
    const e = await getOrUndefined(() => this.table.getEntity<AggregateEntity>(key.partitionKey, key.rowKey));
    return e ? { value: { ...emptyAggregate(), ...(JSON.parse(e.data) as Partial<TenantAggregate>) }, etag: e.etag } : { value: emptyAggregate() };
  }

  async get(tenantId: string): Promise<TenantAggregate> {
    return (await this.read(tenantId)).value;
  }

  async update(tenantId: string, change: (current: TenantAggregate) => TenantAggregate): Promise<void> {
    const key = findingsKeys.aggregate(tenantId);
    for (let attempt = 0; ; attempt++) {
      const { value, etag } = await this.read(tenantId);
      const entity: AggregateEntity = { ...key, data: JSON.stringify(change(value)) };
      try {
        if (etag) await this.table.updateEntity(entity, 'Replace', { etag });
        else await this.table.createEntity(entity);
        return;
      } catch (error) {
        if (!isWriteConflict(error) || attempt >= 30) throw error;
        await backoff(attempt);
      }
    }
  }
}

/**
 * A survey's number of respondents by point reads of its tally copies in the summary partition (on
 * Azurite a query scans the whole table in JS; point reads in a small partition are cheap). Used by digests for the few newest live surveys.
 */
export async function respondentsByPointReads(surveys: TableClient, tenantId: string, surveyId: string): Promise<number> {
  const shards = await Promise.all(
    Array.from({ length: TALLY_SHARDS }, (_, shard) => {
      const key = surveyKeys.surveyTallyCopy(tenantId, surveyId, shard);
      return getOrUndefined(() => surveys.getEntity<{ respondents: number }>(key.partitionKey, key.rowKey));
    })
  );
  return shards.reduce((sum, e) => sum + (e?.respondents ?? 0), 0);
}
