/**
 * The two-way loop on Azure Tables (docs/two-way-loop.md): one row per (item, kind, keyed hash of the
 * person) — a reaction or a check answer is created on the first press and replaced under its ETag
 * after (a lost race reads again); the tenant's settings and counters as JSON rows (ETag-guarded).
 */
import type { TableClient } from '@azure/data-tables';
import { DomainError } from '../../domain/shared/errors';
import { type BetterAnswer, type ItemTally, type LoopCounters, type LoopSettings, type Reaction, defaultLoopSettings, emptyCounters, emptyTally } from '../../domain/loop/loop';
import type { LoopRepository } from '../../domain/loop/ports';
import { backoff, isNotFound, isWriteConflict } from '../shared/errors';
import { JsonRow } from '../shared/json-row';
import { loopKeys } from '../shared/keys';
import { getRow, insertRow, listPartition } from '../shared/rows';

interface VoteEntity {
  partitionKey: string;
  rowKey: string;
  itemId: string;
  kind: string;
  value: string;
}

const ATTEMPTS = 10;

export class TableLoopRepository implements LoopRepository {
  private readonly settingsRow: JsonRow<LoopSettings>;
  private readonly countersRow: JsonRow<LoopCounters>;

  constructor(private readonly table: TableClient) {
    this.settingsRow = new JsonRow(table, {
      column: 'data',
      decode: (stored, etag) => ({ ...defaultLoopSettings(), ...(stored as Partial<LoopSettings> | undefined), etag }),
      encode: ({ etag: _etag, ...value }) => value,
      attempts: 10,
      busy: 'The Tell us settings kept changing while being saved. Please try again.'
    });
    this.countersRow = new JsonRow(table, {
      column: 'data',
      decode: (stored) => ({ ...emptyCounters(), ...(stored as Partial<LoopCounters> | undefined) }),
      encode: (value) => value,
      attempts: 30,
      busy: 'The loop counts kept changing while being saved. Please try again.'
    });
  }

  /** Create, or replace under the ETag it was read with; returns the value it replaced. */
  private async setVote<T extends string>(tenantId: string, surveyId: string, itemId: string, kind: 'r' | 'b', voter: string, value: T): Promise<T | undefined> {
    const key = loopKeys.vote(tenantId, surveyId, itemId, kind, voter);
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const current = await getRow<VoteEntity>(this.table, key);
      const entity: VoteEntity = { ...key, itemId, kind, value };
      try {
        if (!current) {
          if (await insertRow(this.table, entity)) return undefined;
        } else {
          if (current.value === value) return value;
          await this.table.updateEntity(entity, 'Replace', { etag: current.etag });
          return current.value as T;
        }
      } catch (error) {
        if (!isWriteConflict(error) && !isNotFound(error)) throw error;
      }
      await backoff(attempt);
    }
    throw new DomainError('conflict', 'Your answer changed at the same time somewhere else. Please press again.');
  }

  setReaction(tenantId: string, surveyId: string, itemId: string, voter: string, reaction: Reaction): Promise<Reaction | undefined> {
    return this.setVote(tenantId, surveyId, itemId, 'r', voter, reaction);
  }

  setBetter(tenantId: string, surveyId: string, itemId: string, voter: string, answer: BetterAnswer): Promise<BetterAnswer | undefined> {
    return this.setVote(tenantId, surveyId, itemId, 'b', voter, answer);
  }

  async addComment(tenantId: string, surveyId: string, itemId: string, voter: string, commentKey: string): Promise<boolean> {
    const key = loopKeys.vote(tenantId, surveyId, itemId, 'c', `${voter}|${commentKey}`);
    return (await insertRow<VoteEntity>(this.table, { ...key, itemId, kind: 'c', value: '' })) !== undefined;
  }

  async tallies(tenantId: string, surveyId: string): Promise<Record<string, ItemTally>> {
    const out: Record<string, ItemTally> = {};
    for (const row of await listPartition<VoteEntity>(this.table, loopKeys.votesPartition(tenantId, surveyId))) {
      const t = (out[row.itemId] ??= emptyTally());
      if (row.kind === 'r' && (row.value === 'right' || row.value === 'notWhat')) t[row.value]++;
      else if (row.kind === 'b' && (row.value === 'yes' || row.value === 'aBit' || row.value === 'no')) t.better[row.value]++;
      else if (row.kind === 'c') t.comments++;
    }
    return out;
  }

  settings(tenantId: string): Promise<LoopSettings> {
    return this.settingsRow.get(loopKeys.settings(tenantId));
  }

  async updateSettings(tenantId: string, change: (current: LoopSettings) => LoopSettings): Promise<LoopSettings> {
    const { value, etag } = await this.settingsRow.update(loopKeys.settings(tenantId), change);
    return { ...value, etag };
  }

  counters(tenantId: string): Promise<LoopCounters> {
    return this.countersRow.get(loopKeys.counters(tenantId));
  }

  async updateCounters(tenantId: string, change: (current: LoopCounters) => LoopCounters): Promise<LoopCounters> {
    return (await this.countersRow.update(loopKeys.counters(tenantId), change)).value;
  }
}
