/**
 * Delivery jobs and records, the fatigue ledger and saved groups on Azure Tables (docs/delivery.md).
 */
import { type TableClient, type TableEntityResult, type TransactionAction, odata } from '@azure/data-tables';
import type { DeliveryCounts, DeliveryJob, DeliveryRecord, DeliveryStatus, Recipient } from '../../domain/delivery/delivery';
import type { DeliveryRepository, FatigueLedger, GroupRepository, RecordChange, SavedGroup } from '../../domain/delivery/ports';
import { DomainError } from '../../domain/shared/errors';
import { type FatigueDecision, type FatigueEntry, type FatigueRule, releaseRequest, reserveRequest } from '../../domain/delivery/fatigue';
import { isNotFound, isWriteConflict, retryWrites } from '../shared/errors';
import { deliveryKeys } from '../shared/keys';
import { getRow, insertRow, removePartition, saveRowIfMatch } from '../shared/rows';

interface JobEntity {
  partitionKey: string;
  rowKey: string;
  body: string;
  status: string;
  createdAt: string;
}

interface RecordEntity {
  partitionKey: string;
  rowKey: string;
  tenantId: string;
  jobId: string;
  n: number;
  personKey: string;
  userId: string;
  name: string;
  status: string;
  reason: string;
  attempts: number;
  claimOwner: string;
  claimUntil: string;
  conversationId: string;
  activityId: string;
  waitUntil: string;
  sentAt: string;
  updatedAt: string;
  /** Absent on rows written before groups people chose to join (docs/groups.md). */
  viaGroup?: string;
}

const date = (s: string | undefined): Date | undefined => (s ? new Date(s) : undefined);

function toJob(e: TableEntityResult<JobEntity>): DeliveryJob {
  const body = JSON.parse(e.body) as DeliveryJob & { createdAt: string; closesAt?: string };
  return { ...body, status: e.status as DeliveryJob['status'], createdAt: new Date(body.createdAt), closesAt: date(body.closesAt), etag: e.etag };
}

function jobEntity(job: DeliveryJob): JobEntity {
  const { etag: _etag, ...rest } = job;
  return { ...deliveryKeys.job(job.tenantId, job.jobId), body: JSON.stringify(rest), status: job.status, createdAt: job.createdAt.toISOString() };
}

function toRecord(e: TableEntityResult<RecordEntity>): DeliveryRecord {
  return {
    tenantId: e.tenantId,
    jobId: e.jobId,
    n: e.n,
    personKey: e.personKey,
    userId: e.userId || undefined,
    name: e.name || undefined,
    status: e.status as DeliveryStatus,
    reason: e.reason || undefined,
    attempts: e.attempts,
    claimOwner: e.claimOwner || undefined,
    claimUntil: date(e.claimUntil),
    conversationId: e.conversationId || undefined,
    activityId: e.activityId || undefined,
    waitUntil: date(e.waitUntil),
    sentAt: date(e.sentAt),
    updatedAt: new Date(e.updatedAt),
    viaGroup: e.viaGroup || undefined,
    etag: e.etag
  };
}

export class TableDeliveryRepository implements DeliveryRepository {
  constructor(private readonly table: TableClient) {}

  async createJob(job: DeliveryJob): Promise<{ created: boolean; job: DeliveryJob }> {
    const created = await insertRow(this.table, jobEntity(job));
    if (created) return { created: true, job: { ...job, etag: created.etag } };
    const existing = await this.getJob(job.tenantId, job.jobId);
    if (!existing) throw new DomainError('conflict', 'The delivery changed while it was being set up. Please try again.');
    return { created: false, job: existing };
  }

  async getJob(tenantId: string, jobId: string): Promise<DeliveryJob | undefined> {
    const k = deliveryKeys.job(tenantId, jobId);
    const e = await getRow<JobEntity>(this.table, k);
    return e ? toJob(e) : undefined;
  }

  async saveJob(job: DeliveryJob): Promise<DeliveryJob> {
    const etag = await saveRowIfMatch(this.table, jobEntity(job), job.etag ?? '*', {
      changed: 'The delivery changed meanwhile. Please try again.',
      deleted: 'The delivery was deleted meanwhile.'
    });
    return { ...job, etag };
  }

  /** The job's whole partition: its row and every record. */
  async deleteJob(tenantId: string, jobId: string): Promise<void> {
    await removePartition(this.table, deliveryKeys.jobPartition(tenantId, jobId));
  }

  async addRecipients(tenantId: string, jobId: string, n: number, recipients: Recipient[], now: Date): Promise<Recipient[]> {
    const partitionKey = deliveryKeys.jobPartition(tenantId, jobId);
    const existing = new Set<string>();
    const prefix = deliveryKeys.recipientPrefix(n);
    const filter = odata`PartitionKey eq ${partitionKey} and RowKey ge ${prefix} and RowKey lt ${`${prefix}~`}`;
    for await (const e of this.table.listEntities<RecordEntity>({ queryOptions: { filter, select: ['RowKey'] } })) existing.add(e.rowKey as string);
    const fresh = new Map<string, RecordEntity>();
    for (const r of recipients) {
      const key = deliveryKeys.recipient(tenantId, jobId, n, r.personKey);
      if (existing.has(key.rowKey) || fresh.has(key.rowKey)) continue;
      fresh.set(key.rowKey, {
        ...key,
        tenantId,
        jobId,
        n,
        personKey: r.personKey,
        userId: r.userId ?? '',
        name: r.name ?? '',
        status: 'queued',
        reason: '',
        attempts: 0,
        claimOwner: '',
        claimUntil: '',
        conversationId: '',
        activityId: '',
        waitUntil: '',
        sentAt: '',
        updatedAt: now.toISOString(),
        ...(r.viaGroup ? { viaGroup: r.viaGroup } : {})
      });
    }
    const created: Recipient[] = [];
    const entities = [...fresh.values()];
    for (let i = 0; i < entities.length; i += 100) {
      const chunk = entities.slice(i, i + 100);
      try {
        await this.table.submitTransaction(chunk.map((e): TransactionAction => ['create', { ...e }]));
        created.push(...chunk.map(asRecipient));
      } catch (error) {
        if (!isWriteConflict(error)) throw error;
        // Someone added some of them meanwhile: one by one, keeping only ours.
        for (const e of chunk) if (await insertRow(this.table, e)) created.push(asRecipient(e));
      }
    }
    return created;
  }

  async getRecord(tenantId: string, jobId: string, n: number, personKey: string): Promise<DeliveryRecord | undefined> {
    const k = deliveryKeys.recipient(tenantId, jobId, n, personKey);
    const e = await getRow<RecordEntity>(this.table, k);
    return e ? toRecord(e) : undefined;
  }

  async update(record: DeliveryRecord, change: RecordChange, now: Date): Promise<DeliveryRecord | undefined> {
    const patch: Partial<RecordEntity> & { partitionKey: string; rowKey: string } = {
      ...deliveryKeys.recipient(record.tenantId, record.jobId, record.n, record.personKey),
      updatedAt: now.toISOString()
    };
    for (const [field, value] of Object.entries(change) as [keyof RecordChange, unknown][]) {
      (patch as Record<string, unknown>)[field] = value instanceof Date ? value.toISOString() : value ?? '';
    }
    try {
      const result = await this.table.updateEntity(patch, 'Merge', { etag: record.etag });
      return { ...record, ...change, updatedAt: now, etag: result.etag ?? '' };
    } catch (error) {
      if (isWriteConflict(error) || isNotFound(error)) return undefined;
      throw error;
    }
  }

  async list(tenantId: string, jobId: string, n?: number): Promise<DeliveryRecord[]> {
    const out: DeliveryRecord[] = [];
    for await (const e of this.table.listEntities<RecordEntity>({ queryOptions: { filter: this.recordFilter(tenantId, jobId, n) } })) out.push(toRecord(e));
    return out;
  }

  async page(tenantId: string, jobId: string, n: number, after: string | undefined, limit: number): Promise<DeliveryRecord[]> {
    const partitionKey = deliveryKeys.jobPartition(tenantId, jobId);
    const prefix = deliveryKeys.recipientPrefix(n);
    const from = after === undefined ? prefix : deliveryKeys.recipient(tenantId, jobId, n, after).rowKey;
    const filter = odata`PartitionKey eq ${partitionKey} and RowKey gt ${from} and RowKey lt ${`${prefix}~`}`;
    const out: DeliveryRecord[] = [];
    for await (const e of this.table.listEntities<RecordEntity>({ queryOptions: { filter } })) {
      out.push(toRecord(e));
      if (out.length >= limit) break;
    }
    return out;
  }

  async counts(tenantId: string, jobId: string, n?: number): Promise<DeliveryCounts> {
    const counts: DeliveryCounts = { total: 0, queued: 0, sending: 0, sent: 0, failed: 0, skipped: 0, waiting: 0, reasons: {} };
    const select = ['status', 'reason', 'waitUntil'];
    for await (const e of this.table.listEntities<RecordEntity>({ queryOptions: { filter: this.recordFilter(tenantId, jobId, n), select } })) {
      counts.total++;
      const status = e.status as DeliveryStatus;
      counts[status]++;
      if (status === 'queued' && e.waitUntil) counts.waiting++;
      if ((status === 'failed' || status === 'skipped') && e.reason) counts.reasons[e.reason] = (counts.reasons[e.reason] ?? 0) + 1;
    }
    return counts;
  }

  private recordFilter(tenantId: string, jobId: string, n?: number): string {
    const partitionKey = deliveryKeys.jobPartition(tenantId, jobId);
    const prefix = n === undefined ? 'r|' : deliveryKeys.recipientPrefix(n);
    return odata`PartitionKey eq ${partitionKey} and RowKey ge ${prefix} and RowKey lt ${`${prefix}~`}`;
  }
}

const asRecipient = (e: RecordEntity): Recipient => ({ personKey: e.personKey, userId: e.userId || undefined, name: e.name || undefined });

interface FatigueEntity {
  partitionKey: string;
  rowKey: string;
  entries: string;
}

/** One row per person; a reservation is an ETag-guarded read-change-write, so the cap is exact. */
export class TableFatigueLedger implements FatigueLedger {
  constructor(private readonly table: TableClient) {}

  async reserve(tenantId: string, personKey: string, jobId: string, now: Date, rule: FatigueRule): Promise<FatigueDecision> {
    // Fast path: someone with no recent requests has no row yet; one create-if-absent write.
    const first = reserveRequest([], jobId, now, rule);
    if (first.allowed && (await insertRow(this.table, { ...deliveryKeys.fatigue(tenantId, personKey), entries: JSON.stringify(first.entries) }))) return first;
    return this.change(tenantId, personKey, (entries) => {
      const decision = reserveRequest(entries, jobId, now, rule);
      return { decision, entries: decision.allowed && decision.changed ? decision.entries : undefined };
    });
  }

  async release(tenantId: string, personKey: string, jobId: string): Promise<void> {
    await this.change(tenantId, personKey, (entries) => {
      const next = releaseRequest(entries, jobId);
      return { decision: undefined, entries: next.length === entries.length ? undefined : next };
    });
  }

  private async change<T>(tenantId: string, personKey: string, fn: (entries: FatigueEntry[]) => { decision: T; entries?: FatigueEntry[] }): Promise<T> {
    const k = deliveryKeys.fatigue(tenantId, personKey);
    return retryWrites(20, async () => {
      const row = await getRow<FatigueEntity>(this.table, k);
      const entries = row ? (JSON.parse(row.entries) as FatigueEntry[]) : [];
      const { decision, entries: next } = fn(entries);
      if (!next) return decision;
      if (row) await this.table.updateEntity({ ...k, entries: JSON.stringify(next) }, 'Replace', { etag: row.etag });
      else await this.table.createEntity({ ...k, entries: JSON.stringify(next) });
      return decision;
    });
  }
}

interface GroupEntity {
  partitionKey: string;
  rowKey: string;
  name: string;
  userId?: string;
}

/** Saved groups: a `meta` row and one row per member, in one partition. */
export class TableGroupRepository implements GroupRepository {
  constructor(private readonly table: TableClient) {}

  async save(group: SavedGroup): Promise<void> {
    await this.remove(group.tenantId, group.groupId);
    const actions: TransactionAction[] = [
      ['upsert', { ...deliveryKeys.group(group.tenantId, group.groupId), name: group.name }],
      ...group.members.map(
        (m): TransactionAction => ['upsert', { ...deliveryKeys.groupMember(group.tenantId, group.groupId, m.personKey), name: m.name ?? '', userId: m.userId ?? '', personKey: m.personKey }]
      )
    ];
    for (let i = 0; i < actions.length; i += 100) await this.table.submitTransaction(actions.slice(i, i + 100));
  }

  async get(tenantId: string, groupId: string): Promise<SavedGroup | undefined> {
    const partitionKey = deliveryKeys.groupPartition(tenantId, groupId);
    let name: string | undefined;
    const members: SavedGroup['members'] = [];
    for await (const e of this.table.listEntities<GroupEntity & { personKey?: string }>({ queryOptions: { filter: odata`PartitionKey eq ${partitionKey}` } })) {
      if (e.rowKey === 'meta') name = e.name;
      else if (e.personKey) members.push({ personKey: e.personKey, userId: e.userId || undefined, name: e.name || undefined });
    }
    return name === undefined ? undefined : { tenantId, groupId, name, members };
  }

  async remove(tenantId: string, groupId: string): Promise<void> {
    await removePartition(this.table, deliveryKeys.groupPartition(tenantId, groupId));
  }
}
