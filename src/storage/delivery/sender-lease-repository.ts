/**
 * The per-tenant sender lease on Azure Tables (docs/delivery.md, "The sender lease"): one row per
 * tenant beside its delivery settings, taken and renewed with its ETag, so that of two instances
 * racing for a tenant exactly one sends for it.
 */
import type { TableClient, TableEntityResult } from '@azure/data-tables';
import type { SenderLease, SenderLeaseRepository } from '../../domain/delivery/ports';
import { isNotFound, isWriteConflict } from '../shared/errors';
import { deliveryKeys } from '../shared/keys';
import { getRow, insertRow } from '../shared/rows';

interface LeaseEntity {
  partitionKey: string;
  rowKey: string;
  tenantId: string;
  owner: string;
  until: string;
  perSecond: number;
  learntAt: string;
  wantedBy?: string;
  wantedAt?: string;
}

const toLease = (e: TableEntityResult<LeaseEntity> | LeaseEntity, etag: string): SenderLease => ({
  tenantId: e.tenantId,
  owner: e.owner,
  until: new Date(e.until),
  perSecond: e.perSecond > 0 ? e.perSecond : undefined,
  learntAt: e.learntAt || undefined,
  wantedBy: e.wantedBy || undefined,
  wantedAt: e.wantedAt || undefined,
  etag
});

export class TableSenderLeaseRepository implements SenderLeaseRepository {
  constructor(private readonly table: TableClient) {}

  async get(tenantId: string): Promise<SenderLease | undefined> {
    const row = await getRow<LeaseEntity>(this.table, deliveryKeys.senderLease(tenantId));
    return row ? toLease(row, row.etag) : undefined;
  }

  async take(tenantId: string, owner: string, now: Date, ms: number, graceMs: number): Promise<SenderLease | undefined> {
    const key = deliveryKeys.senderLease(tenantId);
    const row = await getRow<LeaseEntity>(this.table, key);
    const until = new Date(now.getTime() + ms).toISOString();
    if (!row) {
      const entity: LeaseEntity = { ...key, tenantId, owner, until, perSecond: 0, learntAt: '' };
      const created = await insertRow(this.table, entity);
      return created?.etag ? toLease(entity, created.etag) : undefined;
    }
    const free = !row.owner || row.owner === owner || new Date(row.until).getTime() + graceMs <= now.getTime();
    if (!free) return undefined;
    const entity: LeaseEntity = { ...key, tenantId, owner, until, perSecond: row.perSecond ?? 0, learntAt: row.learntAt ?? '' };
    return this.write(entity, row.etag);
  }

  async renew(lease: SenderLease, now: Date, ms: number, learnt?: { perSecond: number; at: Date }): Promise<SenderLease | undefined> {
    const entity: LeaseEntity = {
      ...deliveryKeys.senderLease(lease.tenantId),
      tenantId: lease.tenantId,
      owner: lease.owner,
      until: new Date(now.getTime() + ms).toISOString(),
      perSecond: learnt?.perSecond ?? lease.perSecond ?? 0,
      learntAt: learnt ? learnt.at.toISOString() : lease.learntAt ?? ''
    };
    return this.write(entity, lease.etag);
  }

  async release(lease: SenderLease): Promise<void> {
    // Keeps the learnt limit for the next sender; only the holder and its time go.
    await this.write({ ...deliveryKeys.senderLease(lease.tenantId), tenantId: lease.tenantId, owner: '', until: new Date(0).toISOString(), perSecond: lease.perSecond ?? 0, learntAt: lease.learntAt ?? '' }, lease.etag);
  }

  async want(lease: SenderLease, by: string, now: Date): Promise<boolean> {
    // Merge: only the two request columns change; owner, time and learnt limit stay the holder's.
    const mark = { ...deliveryKeys.senderLease(lease.tenantId), wantedBy: by, wantedAt: now.toISOString() };
    try {
      await this.table.updateEntity(mark, 'Merge', { etag: lease.etag });
      return true;
    } catch (error) {
      if (isWriteConflict(error) || isNotFound(error)) return false;
      throw error;
    }
  }

  private async write(entity: LeaseEntity, etag: string): Promise<SenderLease | undefined> {
    try {
      const result = await this.table.updateEntity(entity, 'Replace', { etag });
      return toLease(entity, result.etag ?? '');
    } catch (error) {
      if (isWriteConflict(error) || isNotFound(error)) return undefined;
      throw error;
    }
  }
}
