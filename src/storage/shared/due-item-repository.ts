import { type TableClient, type TableEntityResult, odata } from '@azure/data-tables';
import type { DueItem, DueItemRepository } from '../../domain/shared/ports';
import { isNotFound, isWriteConflict } from './errors';
import { keys } from './keys';
import { removeRow } from './rows';

export interface DueItemEntity {
  partitionKey: string;
  rowKey: string;
  tenantId: string;
  kind: string;
  key: string;
  dueAt: string;
  payload: string;
  attempts: number;
  /** ISO time until which a scheduler instance holds the item; '' when free. */
  leaseUntil: string;
  leaseOwner: string;
  /** Set after too many failed attempts: kept for inspection, never retried. */
  dead: boolean;
  lastError: string;
}

export interface ClaimedItem {
  item: DueItem;
  /** ETag of the claim: completing or releasing the item must still hold it. */
  etag: string;
  partitionKey: string;
  rowKey: string;
}

const toItem = (e: TableEntityResult<DueItemEntity>): DueItem => ({
  tenantId: e.tenantId,
  kind: e.kind,
  key: e.key,
  dueAt: new Date(e.dueAt),
  payload: JSON.parse(e.payload) as DueItem['payload'],
  attempts: e.attempts
});

/**
 * Scheduled work on Azure Tables, claimed with leases: an instance claims an item by writing a lease
 * with the ETag it read, so of two instances only one wins; a crashed instance's lease simply expires.
 */
export class TableDueItemRepository implements DueItemRepository {
  constructor(private readonly table: TableClient) {}

  async schedule(item: Omit<DueItem, 'attempts'>): Promise<void> {
    await this.table.upsertEntity<DueItemEntity>(
      {
        ...keys.dueItem(item.tenantId, item.kind, item.key),
        tenantId: item.tenantId,
        kind: item.kind,
        key: item.key,
        dueAt: item.dueAt.toISOString(),
        payload: JSON.stringify(item.payload),
        attempts: 0,
        leaseUntil: '',
        leaseOwner: '',
        dead: false,
        lastError: ''
      },
      'Replace'
    );
  }

  async cancel(tenantId: string, kind: string, key: string): Promise<void> {
    await removeRow(this.table, keys.dueItem(tenantId, kind, key));
  }

  /**
   * Items of the given kinds due by `now` whose lease (if any) has run out, oldest first. Scans
   * across tenants: the scheduler serves them all. `reclaim`: also those still leased by an owner from
   * `from` up to (not including) `before` (this instance's processes started before the caller).
   */
  async listDue(now: Date, limit: number, kinds: string[], reclaim?: { from: string; before: string }): Promise<TableEntityResult<DueItemEntity>[]> {
    if (kinds.length === 0) return [];
    const at = now.toISOString();
    const ofKind = kinds.map((kind) => odata`kind eq ${kind}`).join(' or ');
    const free = reclaim ? `(${odata`leaseUntil le ${at}`} or (${odata`leaseOwner ge ${reclaim.from} and leaseOwner lt ${reclaim.before}`}))` : odata`leaseUntil le ${at}`;
    const filter = `${odata`dueAt le ${at} and dead eq false`} and ${free} and (${ofKind})`;
    const mine = (owner: string): boolean => reclaim !== undefined && owner >= reclaim.from && owner < reclaim.before;
    const found: TableEntityResult<DueItemEntity>[] = [];
    for await (const e of this.table.listEntities<DueItemEntity>({ queryOptions: { filter } })) {
      // Checked again here (emulator quirks): only due, free (or this instance's dead process's), live items of the asked kinds.
      if (!(e.dueAt <= at && (e.leaseUntil <= at || mine(e.leaseOwner)) && e.dead === false && kinds.includes(e.kind))) continue;
      found.push(e);
      if (found.length >= limit * 4) break;
    }
    return found.sort((a, b) => a.dueAt.localeCompare(b.dueAt)).slice(0, limit);
  }

  /** Takes the lease; undefined when another instance got there first. `countAttempt`: the last run never finished (its claim is still on the item). */
  async claim(entity: TableEntityResult<DueItemEntity>, owner: string, leaseUntil: Date, countAttempt = false): Promise<ClaimedItem | undefined> {
    const attempts = entity.attempts + (countAttempt ? 1 : 0);
    try {
      const result = await this.table.updateEntity(
        { partitionKey: entity.partitionKey, rowKey: entity.rowKey, leaseUntil: leaseUntil.toISOString(), leaseOwner: owner, attempts },
        'Merge',
        { etag: entity.etag }
      );
      return { item: { ...toItem(entity), attempts }, etag: result.etag ?? '', partitionKey: entity.partitionKey, rowKey: entity.rowKey };
    } catch (error) {
      if (isWriteConflict(error) || isNotFound(error)) return undefined;
      throw error;
    }
  }

  /**
   * Extends a claim while its job runs (the scheduler renews every third of the lease): undefined when
   * the claim is no longer this one's (rescheduled, cancelled or taken over), and then the job's end
   * leaves the row as it is.
   */
  async renew(claimed: ClaimedItem, leaseUntil: Date): Promise<ClaimedItem | undefined> {
    try {
      const result = await this.table.updateEntity({ partitionKey: claimed.partitionKey, rowKey: claimed.rowKey, leaseUntil: leaseUntil.toISOString() }, 'Merge', { etag: claimed.etag });
      return { ...claimed, etag: result.etag ?? '' };
    } catch (error) {
      if (isWriteConflict(error) || isNotFound(error)) return undefined;
      throw error;
    }
  }

  /** Done: removes the item unless it was rescheduled while it ran (then the new time stands). */
  async complete(claimed: ClaimedItem): Promise<void> {
    await removeRow(this.table, claimed, claimed.etag);
  }

  /** Failed: retry after `retryAt`, or set aside for good when `dead`. */
  async fail(claimed: ClaimedItem, retryAt: Date, dead: boolean, message: string): Promise<void> {
    try {
      await this.table.updateEntity(
        {
          partitionKey: claimed.partitionKey,
          rowKey: claimed.rowKey,
          attempts: claimed.item.attempts + 1,
          leaseUntil: retryAt.toISOString(),
          leaseOwner: '',
          dead,
          lastError: message.slice(0, 1000)
        },
        'Merge',
        { etag: claimed.etag }
      );
    } catch (error) {
      if (!isWriteConflict(error) && !isNotFound(error)) throw error;
    }
  }
}
