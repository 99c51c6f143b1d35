/**
 * Many councils on one deployment (docs/delivery.md, "Many councils"), against Azurite and the fake
 * Bot Connector: each tenant has its own queue, rate controller and sender lease. One tenant's 429
 * does not hold up another's sends; two instances never send for one tenant at once (so never above
 * its limit together); a dead instance's tenant is taken over once its lease has run out, and nobody
 * is sent anything twice. Lease time comes from an injected clock; no timing thresholds.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, systemClock } from '../../src/domain/shared/clock';
import type { Clock } from '../../src/domain/shared/clock';
import { createDeliveryRuntime, type DeliveryRuntime } from '../../src/modules/delivery';
import { type FakeConnector, type RecordedRequest, startFakeConnector } from '../helpers/fake-connector';
import { type Storage, deliveryRequest, people, storage } from '../helpers/delivery-harness';

let s: Storage;
const fakes: FakeConnector[] = [];
const runtimes: DeliveryRuntime[] = [];

beforeAll(async () => {
  s = await storage();
});
afterAll(async () => {
  await Promise.all(runtimes.map((r) => r.worker.stop().catch(() => undefined)));
  await Promise.all(fakes.map((f) => f.close()));
});

const tenantOf = (r: Pick<RecordedRequest, 'body'>): string => (r.body as { channelData?: { tenant?: { id?: string } } }).channelData?.tenant?.id ?? '';
const sendsTo = (fake: FakeConnector, tenantId: string): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const r of fake.sentRequests().filter((q) => tenantOf(q) === tenantId)) counts.set(r.conversationId ?? '', (counts.get(r.conversationId ?? '') ?? 0) + 1);
  return counts;
};
const newQueueName = (): string => `ten${randomUUID().replace(/-/g, '').slice(0, 16)}`;

/** One instance of the app's delivery (its own owner id), on a queue name shared with its siblings. */
async function instance(queueName: string, clock: Clock, maxPerSecond = 1000, instanceId?: string): Promise<DeliveryRuntime> {
  const runtime = createDeliveryRuntime({
    tables: s.tables,
    queues: s.queues,
    conversations: s.conversations,
    due: s.due,
    clock,
    queueName,
    maxPerSecond,
    instanceId,
    senders: { leaseMs: 15_000, graceMs: 3000, renewEveryMs: 5000 },
    worker: { jobCacheMs: 0, visibilitySeconds: 30 }
  });
  await s.queues.ensureAll(runtime.queueNames);
  runtimes.push(runtime);
  return runtime;
}

const until = async (check: () => Promise<boolean> | boolean, what: string): Promise<void> => {
  for (let i = 0; i < 1200; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`gave up waiting: ${what}`);
};

const start = async (runtime: DeliveryRuntime, tenantId: string, fake: FakeConnector, count: number) => {
  // Tests on the real clock run at any hour: staff may be messaged all day here (allowed hours are tested apart).
  await runtime.settings.update(tenantId, (c) => ({
    ...c,
    allowedHours: { ...c.allowedHours, windows: { ...c.allowedHours.windows, staff: [{ days: 'everyDay', start: '00:00', end: '23:59' }] } }
  }));
  const recipients = await people(s, tenantId, fake.url, count);
  const req = deliveryRequest(tenantId, { target: { kind: 'people', people: recipients } });
  await runtime.service.start(req);
  return req.jobId;
};

describe('per-tenant pacing', () => {
  it("one tenant's 429 does not delay another tenant's sends (its own controller pauses; nothing of it is lost)", { timeout: 90_000 }, async () => {
    const throttledTenant = randomUUID();
    const otherTenant = randomUUID();
    let first429 = true;
    // Teams throttles the first tenant once, asking it to wait 15 s.
    const fake = await startFakeConnector({
      retryAfterSeconds: 15,
      failNext: (r) => {
        if (r.kind !== 'sendToConversation' || tenantOf(r) !== throttledTenant || !first429) return undefined;
        first429 = false;
        return 429;
      }
    });
    fakes.push(fake);
    const runtime = await instance(newQueueName(), systemClock);
    runtime.worker.start(50, 100);

    const throttledJob = await start(runtime, throttledTenant, fake, 6);
    const throttledRate = runtime.rates.forTenant(throttledTenant);
    await until(() => throttledRate.stats.throttles === 1, 'the first tenant was throttled');

    // Started after the 429: every one of its sends goes while the first tenant is still told to wait.
    const otherJob = await start(runtime, otherTenant, fake, 6);
    await until(async () => (await runtime.deliveries.counts(otherTenant, otherJob, 0)).sent === 6, 'the other tenant sent');
    expect(throttledRate.stats.pausedUntil).toBeGreaterThan(systemClock.monotonicNow()); // still paused
    expect(runtime.rates.forTenant(otherTenant).stats.throttles).toBe(0);

    // The throttled tenant then sends everyone, once.
    await until(async () => (await runtime.deliveries.counts(throttledTenant, throttledJob, 0)).sent === 6, 'the throttled tenant sent');
    expect([...sendsTo(fake, throttledTenant).values()]).toEqual([1, 1, 1, 1, 1, 1]);
    expect([...sendsTo(fake, otherTenant).values()]).toEqual([1, 1, 1, 1, 1, 1]);
    await runtime.worker.stop();
  });

  it("two instances running together never exceed one tenant's limit: one holds its lease and sends, the other none", { timeout: 90_000 }, async () => {
    const tenantId = randomUUID();
    // Teams allows 6 a second for this tenant; each instance's sender keeps to 4. Both sending would be 8:
    // the old design (one queue, a controller per process) had both send, half each.
    const fake = await startFakeConnector({ rateLimit: { scope: 'tenant', perSecond: 6 } });
    fakes.push(fake);
    const clock = new ManualClock('2026-01-05T16:00:00Z');
    const queueName = newQueueName();
    const one = await instance(queueName, clock, 4);
    const two = await instance(queueName, clock, 4);
    const jobId = await start(one, tenantId, fake, 32);
    one.worker.start(50, 100);
    two.worker.start(50, 100);

    await until(async () => (await one.deliveries.counts(tenantId, jobId, 0)).sent === 32, 'everyone sent');
    await Promise.all([one.worker.stop(), two.worker.stop()]);

    const senders = [one.worker.outcomes.sent, two.worker.outcomes.sent].sort((a, b) => a - b);
    expect(senders).toEqual([0, 32]); // one sender for the tenant
    // Never over its limit together: only the holder's controller paces the tenant (its own pacing is
    // proved in virtual time in test/unit/delivery-rate.test.ts). A 429 here would come from one
    // sender's jitter on a loaded machine, not from two senders, so it is not asserted on.
    expect([...sendsTo(fake, tenantId).values()].every((n) => n === 1)).toBe(true);
    expect(sendsTo(fake, tenantId).size).toBe(32);
  });

  it('the lease is renewed as time passes: the other instance cannot take it while its holder lives', async () => {
    const tenantId = randomUUID();
    const fake = await startFakeConnector();
    fakes.push(fake);
    const clock = new ManualClock('2026-01-05T16:00:00Z');
    const queueName = newQueueName();
    const one = await instance(queueName, clock);
    const two = await instance(queueName, clock);
    await start(one, tenantId, fake, 4);

    await one.worker.tick();
    expect(one.worker.tenants()).toEqual([tenantId]);
    for (let i = 0; i < 6; i++) {
      clock.advance(6000); // 36 s in all: more than two whole leases
      await one.worker.tick(); // renews
      await two.worker.tick();
      await two.worker.tick();
      expect(two.worker.tenants()).toEqual([]);
    }
    expect((await one.leases.get(tenantId))?.until.getTime()).toBeGreaterThan(clock.now().getTime());
    await one.worker.stop(); // a graceful stop gives the lease back: the other takes it when it next looks
    clock.advance(7500); // it looks again at a tenant held elsewhere after half a lease
    await two.worker.tick();
    await two.worker.tick();
    expect(two.worker.tenants()).toEqual([tenantId]);
    await two.worker.stop();
  });
});

describe('lease hand-over', () => {
  it('an instance dies holding a tenant: after its lease runs out (and a grace) another takes over and finishes; nobody twice, nobody lost', async () => {
    const tenantId = randomUUID();
    const fake = await startFakeConnector();
    fakes.push(fake);
    const clock = new ManualClock('2026-01-05T16:00:00Z');
    const queueName = newQueueName();
    const one = await instance(queueName, clock);
    const two = await instance(queueName, clock);
    const jobId = await start(one, tenantId, fake, 20);
    // An earlier sender learnt the tenant's limit and gave the lease back (kept on the lease row).
    const earlier = await one.leases.take(tenantId, 'earlier-sender', clock.now(), 15_000, 0);
    await one.leases.release({ ...earlier!, perSecond: 37, learntAt: clock.now().toISOString() });

    // The first instance takes the tenant and sends a few, then dies without giving the lease back.
    expect(await one.worker.runOnce(5)).toBe(5);
    expect(one.worker.tenants()).toEqual([tenantId]);
    expect(one.rates.forTenant(tenantId).learnt()).toBe(37); // the limit the tenant's last sender learnt
    await one.worker.kill();
    expect(sendsTo(fake, tenantId).size).toBe(5);

    // While the dead instance's lease lasts (and during the grace after it), nobody sends for the tenant.
    expect(await two.worker.runOnce()).toBe(0);
    clock.advance(15_000);
    expect(await two.worker.runOnce()).toBe(0);
    clock.advance(3000);
    await two.worker.drain();
    expect(two.worker.tenants()).toEqual([tenantId]);

    const counts = await two.deliveries.counts(tenantId, jobId, 0);
    expect(counts).toMatchObject({ total: 20, sent: 20, queued: 0, sending: 0, failed: 0 });
    expect(sendsTo(fake, tenantId).size).toBe(20);
    expect([...sendsTo(fake, tenantId).values()].every((n) => n === 1)).toBe(true);
    await two.worker.stop();
  });

  it('a restarted process of the same instance (App Service instance id) takes its own leases back at once', async () => {
    const tenantId = randomUUID();
    const fake = await startFakeConnector();
    fakes.push(fake);
    const clock = new ManualClock('2026-01-05T16:00:00Z');
    const queueName = newQueueName();
    const before = await instance(queueName, clock, 1000, 'instance-a');
    const other = await instance(queueName, clock, 1000, 'instance-b');
    const jobId = await start(before, tenantId, fake, 10);
    expect(await before.worker.runOnce(4)).toBe(4);
    await before.worker.kill(); // SIGKILL: the lease stays on the table

    const after = await instance(queueName, clock, 1000, 'instance-a'); // the same instance, a new process
    expect(await other.worker.runOnce()).toBe(0); // another instance still waits for the lease to run out
    await after.worker.drain(); // no wait: the lease is its own
    expect(after.worker.tenants()).toEqual([tenantId]);
    expect(await after.deliveries.counts(tenantId, jobId, 0)).toMatchObject({ total: 10, sent: 10, queued: 0, sending: 0 });
    expect([...sendsTo(fake, tenantId).values()]).toEqual(Array.from({ length: 10 }, () => 1));
    await after.worker.stop();
  });
});
