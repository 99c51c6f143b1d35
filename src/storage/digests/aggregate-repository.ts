import { type TableClient, TableTransaction } from '@azure/data-tables';
import type { AggregateRepository, ReachRepository } from '../../domain/digests/ports';
import { type TenantAggregate, emptyAggregate } from '../../domain/digests/digest';
import { backoff, isWriteConflict } from '../shared/errors';
import { JsonRow } from '../shared/json-row';
import { REACH_SHARDS, findingsKeys, shardOf } from '../shared/keys';
import { getRow } from '../shared/rows';
import { SurveySummary } from '../surveys/survey-summary';

/**
 * The per-tenant digest aggregate: one row, the counters as JSON in `data` (a few KB: counts by
 * state/level/rung, open rounds, live surveys, loops by date); point reads, ETag-guarded read-change-write (retried).
 */
export class TableAggregateRepository implements AggregateRepository {
  private readonly row: JsonRow<TenantAggregate>;

  constructor(table: TableClient) {
    this.row = new JsonRow(table, {
      column: 'data',
      decode: (stored) => ({ ...emptyAggregate(), ...(stored as Partial<TenantAggregate> | undefined) }),
      encode: (value) => value,
      attempts: 30,
      busy: 'The digest counts kept changing while being saved. Please try again.'
    });
  }

  get(tenantId: string): Promise<TenantAggregate> {
    return this.row.get(findingsKeys.aggregate(tenantId));
  }

  async update(tenantId: string, change: (current: TenantAggregate) => TenantAggregate): Promise<void> {
    await this.row.update(findingsKeys.aggregate(tenantId), change);
  }
}

/**
 * A survey's number of respondents by point reads of its tally copies in the summary partition (on
 * Azurite a query scans the whole table in JS; point reads in a small partition are cheap). Used by digests for the few newest live surveys.
 */
export async function respondentsByPointReads(surveys: TableClient, tenantId: string, surveyId: string): Promise<number> {
  return (await new SurveySummary(surveys).tally(tenantId, surveyId)).respondents;
}

interface ReachCountEntity {
  partitionKey: string;
  rowKey: string;
  count: number;
}

/**
 * Who was asked to answer a survey, counted exactly: the person's marker is created and a counter
 * shard moved in one entity-group transaction (ETag-guarded), so a person is counted once however
 * often or by whatever path they are added, and a crash never leaves a marker without its count.
 */
export class TableReachRepository implements ReachRepository {
  constructor(private readonly table: TableClient) {}

  async add(tenantId: string, surveyId: string, personKeys: string[]): Promise<number> {
    let added = 0;
    for (const person of new Set(personKeys)) if (await this.addOne(tenantId, surveyId, person)) added++;
    return added;
  }

  private async addOne(tenantId: string, surveyId: string, person: string): Promise<boolean> {
    const marker = findingsKeys.reachPerson(tenantId, surveyId, person);
    const counter = findingsKeys.reachCount(tenantId, surveyId, shardOf(person) % REACH_SHARDS);
    for (let attempt = 0; ; attempt++) {
      const [seen, shard] = await Promise.all([
        getRow(this.table, marker),
        getRow<ReachCountEntity>(this.table, counter)
      ]);
      if (seen) return false;
      const tx = new TableTransaction();
      tx.createEntity({ ...marker });
      if (shard) tx.updateEntity<ReachCountEntity>({ ...counter, count: shard.count + 1 }, 'Replace', { etag: shard.etag });
      else tx.createEntity<ReachCountEntity>({ ...counter, count: 1 });
      try {
        await this.table.submitTransaction(tx.actions);
        return true;
      } catch (error) {
        // The person was added by someone else first, or another person moved the shard: look again.
        if (!isWriteConflict(error) || attempt >= 30) throw error;
        await backoff(attempt);
      }
    }
  }

  async count(tenantId: string, surveyId: string): Promise<number> {
    const shards = await Promise.all(
      Array.from({ length: REACH_SHARDS }, (_, shard) => {
        const key = findingsKeys.reachCount(tenantId, surveyId, shard);
        return getRow<ReachCountEntity>(this.table, key);
      })
    );
    return shards.reduce((sum, e) => sum + (e?.count ?? 0), 0);
  }
}
