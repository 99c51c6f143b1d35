/**
 * One Azure Storage queue per tenant (docs/delivery.md, "Many councils"): `{base}-t-{hash of the
 * tenant id}`, created on first use with the tenant id in its metadata, so that a sender finds the
 * tenants with work by listing the queues (no registry to keep). The poison queue is shared.
 */
import { createHash } from 'node:crypto';
import type { DeliveryTask } from '../../domain/delivery/delivery';
import type { TenantQueues } from '../../domain/delivery/ports';
import type { Queues } from '../shared/queues';
import { StorageDeliveryQueue } from './delivery-queue';

export class StorageTenantQueues implements TenantQueues {
  private readonly queues = new Map<string, StorageDeliveryQueue>();
  private readonly created = new Map<string, Promise<unknown>>();

  constructor(
    private readonly storage: Queues,
    /** The queues' common name start (the app's `delivery`; tests and benchmarks their own). */
    private readonly base: string,
    private readonly poisonName: string
  ) {}

  /** Queue name of a tenant: lower-case hex of the id's hash (queue names allow no other characters safely). */
  nameOf(tenantId: string): string {
    return `${this.base}-t-${createHash('sha256').update(tenantId).digest('hex').slice(0, 24)}`;
  }

  forTenant(tenantId: string): StorageDeliveryQueue {
    let queue = this.queues.get(tenantId);
    if (!queue) {
      queue = new StorageDeliveryQueue(this.storage.client(this.nameOf(tenantId)), this.storage.client(this.poisonName));
      this.queues.set(tenantId, queue);
    }
    return queue;
  }

  async enqueue(tasks: DeliveryTask[]): Promise<void> {
    const byTenant = new Map<string, DeliveryTask[]>();
    for (const task of tasks) byTenant.set(task.tenantId, [...(byTenant.get(task.tenantId) ?? []), task]);
    for (const [tenantId, own] of byTenant) {
      await this.ensure(tenantId);
      await this.forTenant(tenantId).enqueue(own);
    }
  }

  async depth(tenantId?: string): Promise<number> {
    if (tenantId === undefined) throw new Error('each tenant has its own queue: ask for one tenant’s depth');
    await this.ensure(tenantId);
    return this.forTenant(tenantId).depth();
  }

  async tenants(): Promise<string[]> {
    const out: string[] = [];
    for await (const q of this.storage.list(`${this.base}-t-`)) {
      const tenantId = q.metadata?.tenantid;
      if (tenantId && this.nameOf(tenantId) === q.name) out.push(tenantId);
    }
    return out;
  }

  /** Creates the tenant's queue once per process (with its tenant id in the metadata). */
  private ensure(tenantId: string): Promise<unknown> {
    let done = this.created.get(tenantId);
    if (!done) {
      done = this.storage.client(this.nameOf(tenantId)).createIfNotExists({ metadata: { tenantid: tenantId } });
      this.created.set(tenantId, done);
      done.catch(() => this.created.delete(tenantId));
    }
    return done;
  }
}


