/**
 * Rebalancing tenants over sender instances (docs/delivery.md, "Rebalancing"), against Azurite and the
 * fake Bot Connector, with an injected clock (no timing thresholds): the first instance takes every
 * tenant; a second instance, holding fewer than its fair share (ceil(tenants with work / live
 * instances)), marks one of its leases wanted; the holder gives that tenant up at its next renewal
 * (after its lane's sends finish) and the second takes it, within a bounded number of scans. Nobody is
 * sent anything twice or lost, and when an instance dies the other takes all its tenants.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/shared/clock';
import { createDeliveryRuntime, type DeliveryRuntime } from '../../src/modules/delivery';
import { type FakeConnector, startFakeConnector } from '../helpers/fake-connector';
import { type Storage, deliveryRequest, people, storage } from '../helpers/delivery-harness';

let s: Storage;
const fakes: FakeConnector[] = [];

beforeAll(async () => {
  s = await storage();
});
afterAll(async () => {
  await Promise.all(fakes.map((f) => f.close()));
});

const tenantOf = (body: unknown): string => (body as { channelData?: { tenant?: { id?: string } } }).channelData?.tenant?.id ?? '';

async function instance(queueName: string, clock: ManualClock, instanceId: string): Promise<DeliveryRuntime> {
  const runtime = createDeliveryRuntime({
    tables: s.tables,
    queues: s.queues,
    conversations: s.conversations,
    due: s.due,
    clock,
    queueName,
    maxPerSecond: 1000,
    instanceId,
    log: process.env.REB_DEBUG ? { info: (o: unknown, m: string) => console.log(instanceId, m, JSON.stringify(o)), warn: (o: unknown, m: string) => console.log(instanceId, 'WARN', m, String((o as {err?: unknown}).err ?? JSON.stringify(o))), error: (o: unknown, m: string) => console.log(instanceId, 'ERR', m, String((o as {err?: unknown}).err)) } as never : undefined,
    senders: { leaseMs: 15_000, graceMs: 3000, renewEveryMs: 5000 },
    worker: { jobCacheMs: 0, visibilitySeconds: 30 }
  });
  await s.queues.ensureAll(runtime.queueNames);
  return runtime;
}

/** Who holds which tenant now, sorted by count: [fewer, more]. */
const split = (a: DeliveryRuntime, b: DeliveryRuntime): number[] => [a.worker.tenants().length, b.worker.tenants().length].sort((x, y) => x - y);

describe('rebalancing tenants over instances', () => {
  it('3 tenants, 2 instances: the one that took all gives one up (2/1) within a bounded number of scans; nobody twice, nobody lost; when one dies the other takes all', { timeout: 120_000 }, async () => {
    const fake = await startFakeConnector();
    fakes.push(fake);
    const clock = new ManualClock('2026-01-05T16:00:00Z');
    const queueName = `reb${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const a = await instance(queueName, clock, 'instance-a');
    const b = await instance(queueName, clock, 'instance-b');
    const tenants = [randomUUID(), randomUUID(), randomUUID()];
    const jobs = new Map<string, string>();
    for (const tenantId of tenants) {
      const req = deliveryRequest(tenantId, { target: { kind: 'people', people: await people(s, tenantId, fake.url, 8) } });
      await a.service.start(req);
      jobs.set(tenantId, req.jobId);
    }

    // The first instance up takes every tenant (one send each).
    expect(await a.worker.runOnce(1)).toBe(3);
    expect(a.worker.tenants().sort()).toEqual([...tenants].sort());

    // Scans once a second on both: the second asks (every 5 scans), the first sees it at its next
    // renewal (every 5 s) and gives one up; the second takes it at its next scan.
    let scans = 0;
    while (b.worker.tenants().length === 0 && scans < 20) {
      clock.advance(1000);
      await a.worker.tick();
      await b.worker.tick();
      scans++;
    }
    expect(split(a, b)).toEqual([1, 2]);
    expect(scans).toBeLessThanOrEqual(12); // ask ≤ 5 scans, seen at the renewal ≤ 5 more, taken at the next
    const moved = b.worker.tenants()[0]!;
    expect((await b.leases.get(moved))?.owner).toBe('instance:instance-b');

    // Stable: no more asking or giving (each holds no more than its share of 2), never one tenant on both.
    for (let i = 0; i < 15; i++) {
      clock.advance(1000);
      await a.worker.tick();
      await b.worker.tick();
      expect(split(a, b)).toEqual([1, 2]);
      expect(a.worker.tenants().filter((t) => b.worker.tenants().includes(t))).toEqual([]);
    }

    // Both send a little; then the second instance dies holding its tenant (nothing given back).
    await a.worker.runOnce(2);
    await b.worker.runOnce(2);
    await b.worker.kill();
    scans = 0;
    while (a.worker.tenants().length < 3 && scans < 40) {
      clock.advance(1000);
      await a.worker.tick();
      scans++;
    }
    expect(a.worker.tenants().sort()).toEqual([...tenants].sort()); // its lease ran out (15 s + 3 s grace): the other took it
    await a.worker.drain();

    for (const tenantId of tenants) {
      expect(await a.deliveries.counts(tenantId, jobs.get(tenantId)!, 0)).toMatchObject({ total: 8, sent: 8, queued: 0, sending: 0, failed: 0 });
      const perConversation = new Map<string, number>();
      for (const r of fake.sentRequests().filter((q) => tenantOf(q.body) === tenantId)) perConversation.set(r.conversationId ?? '', (perConversation.get(r.conversationId ?? '') ?? 0) + 1);
      expect(perConversation.size).toBe(8); // nobody lost
      expect([...perConversation.values()].every((n) => n === 1)).toBe(true); // nobody twice
    }
    await a.worker.stop();
  });

  it('a holder with no more than its fair share keeps a wanted tenant and clears the request', async () => {
    const fake = await startFakeConnector();
    fakes.push(fake);
    const clock = new ManualClock('2026-01-05T16:00:00Z');
    const queueName = `reb${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const a = await instance(queueName, clock, 'instance-a');
    const tenantId = randomUUID();
    await a.service.start(deliveryRequest(tenantId, { target: { kind: 'people', people: await people(s, tenantId, fake.url, 4) } }));
    expect(await a.worker.runOnce(1)).toBe(1);
    // Another instance asks for the only tenant: with one tenant and two instances the share is 1.
    const lease = await a.leases.get(tenantId);
    expect(await a.leases.want(lease!, 'instance-b', clock.now())).toBe(true);
    clock.advance(5000);
    await a.worker.tick(); // the renewal is refused, the request is seen and declined
    expect(a.worker.tenants()).toEqual([tenantId]);
    const after = await a.leases.get(tenantId);
    expect(after).toMatchObject({ owner: 'instance:instance-a', wantedBy: undefined });
    expect(after!.until.getTime()).toBe(clock.now().getTime() + 15_000); // renewed
    await a.worker.stop();
  });
});
