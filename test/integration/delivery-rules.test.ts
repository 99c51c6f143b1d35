/**
 * The rules of reaching people, in virtual time (ManualClock + an in-memory queue whose visibility
 * timeouts follow it; records, ledgers and settings on Azurite): allowed hours, the fatigue cap,
 * reminders, closing, progress.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/shared/clock';
import { type DeliveryCounts, type DeliveryJob, REASONS } from '../../src/domain/delivery/delivery';
import type { DeliverySubject } from '../../src/domain/delivery/ports';
import { DELIVERY_PROGRESS_JOB, DELIVERY_REMIND_JOB, DeliveryService, type StartDelivery } from '../../src/domain/delivery/delivery-service';
import { keys, TABLES } from '../../src/storage/shared/keys';
import { BotConnectorClient } from '../../src/teams/delivery/delivery-connector';
import { RateController } from '../../src/domain/delivery/delivery-rate';
import { type FakeConnector, startFakeConnector } from '../helpers/fake-connector';
import { type Storage, build, card, deliveryRequest, people, storage } from '../helpers/delivery-harness';
import { MemoryDeliveryQueue } from '../helpers/memory-queue';

let s: Storage;
let fake: FakeConnector;
beforeAll(async () => {
  s = await storage();
  fake = await startFakeConnector();
});
afterAll(() => fake.close());

const sendsIn = (tenantId: string) =>
  fake.sentRequests().filter((r) => (r.body as { channelData?: { tenant?: { id?: string } } }).channelData?.tenant?.id === tenantId);

const request = (tenantId: string, overrides: Partial<StartDelivery> = {}): StartDelivery => deliveryRequest(tenantId, { cohort: 'youngPeople', ...overrides });

async function dueItem(tenantId: string, kind: string, key: string) {
  const k = keys.dueItem(tenantId, kind, key);
  return s.tables
    .client(TABLES.dueItems)
    .getEntity<{ dueAt: string }>(k.partitionKey, k.rowKey)
    .then((e) => e)
    .catch(() => undefined);
}

describe('allowed hours', () => {
  it('a send outside the window waits in the queue and goes when the window opens', async () => {
    const tenantId = randomUUID();
    const clock = new ManualClock('2026-01-05T09:00:00Z'); // Monday morning: school time
    const queue = new MemoryDeliveryQueue(clock);
    const { service, worker } = build({ s, queue, clock, serviceUrl: fake.url, worker: { jobCacheMs: 0 } });
    const recipients = await people(s, tenantId, fake.url, 3);
    const req = request(tenantId, { target: { kind: 'people', people: recipients } });
    await service.start(req);
    const w = worker();
    await w.drain();

    expect(sendsIn(tenantId)).toHaveLength(0);
    expect(w.outcomes.delayed).toBe(3);
    expect(queue.nextVisibleAt()).toEqual(new Date('2026-01-05T15:30:00Z'));
    const counts = await s.deliveries.counts(tenantId, req.jobId, 0);
    expect(counts).toMatchObject({ queued: 3, waiting: 3, sent: 0 });

    clock.set('2026-01-05T15:29:00Z');
    await w.drain();
    expect(sendsIn(tenantId)).toHaveLength(0);
    clock.set('2026-01-05T15:30:00Z');
    await w.drain();
    expect(sendsIn(tenantId)).toHaveLength(3);
    expect(await s.deliveries.counts(tenantId, req.jobId, 0)).toMatchObject({ sent: 3, queued: 0, waiting: 0 });
  });

  it("uses the tenant's own allowed hours when set", async () => {
    const tenantId = randomUUID();
    await s.settings.update(tenantId, (c) => ({
      ...c,
      allowedHours: { ...c.allowedHours, windows: { ...c.allowedHours.windows, staff: [{ days: 'everyDay', start: '07:00', end: '08:00' }] } }
    }));
    const clock = new ManualClock('2026-01-10T06:00:00Z'); // a Saturday
    const queue = new MemoryDeliveryQueue(clock);
    const { service, worker } = build({ s, queue, clock, serviceUrl: fake.url });
    await service.start(request(tenantId, { cohort: 'staff', target: { kind: 'people', people: await people(s, tenantId, fake.url, 1) } }));
    await worker().drain();
    expect(queue.nextVisibleAt()).toEqual(new Date('2026-01-10T07:00:00Z'));
  });
});

describe('fatigue cap', () => {
  it('people over the cap are skipped with the rule recorded; close-the-loop messages do not count', async () => {
    const tenantId = randomUUID();
    const clock = new ManualClock('2026-01-05T16:00:00Z');
    const queue = new MemoryDeliveryQueue(clock);
    const { service, worker } = build({ s, queue, clock, serviceUrl: fake.url });
    const [asked, fresh] = await people(s, tenantId, fake.url, 2);
    // Two survey requests for `asked` already this fortnight, and a close-the-loop message.
    for (let i = 0; i < 2; i++) await service.start(request(tenantId, { target: { kind: 'people', people: [asked!] } }));
    await service.start(request(tenantId, { purpose: 'closeTheLoop', target: { kind: 'people', people: [asked!] } }));
    await worker().drain();
    expect(sendsIn(tenantId)).toHaveLength(3);

    clock.advance(3 * 86_400_000); // Thursday, still inside 14 days
    const third = request(tenantId, { target: { kind: 'people', people: [asked!, fresh!] } });
    await service.start(third);
    // A message telling them what changed still goes: it never counts.
    await service.start(request(tenantId, { purpose: 'closeTheLoop', target: { kind: 'people', people: [asked!] } }));
    await worker().drain();

    const counts = await s.deliveries.counts(tenantId, third.jobId, 0);
    expect(counts).toMatchObject({ sent: 1, skipped: 1 });
    expect(counts.reasons).toEqual({ 'fatigue: at most 2 survey requests in 14 days': 1 });
    expect(sendsIn(tenantId)).toHaveLength(5);

    // Fifteen days after the first two, the person may be asked again.
    clock.advance(12 * 86_400_000);
    const later = request(tenantId, { target: { kind: 'people', people: [asked!] } });
    await service.start(later);
    await worker().drain();
    expect(await s.deliveries.counts(tenantId, later.jobId, 0)).toMatchObject({ sent: 1 });
  });

  it('a person blocked from a request (403) gets the slot back', async () => {
    const tenantId = randomUUID();
    const clock = new ManualClock('2026-01-05T16:00:00Z');
    const conn = await startFakeConnector();
    const queue = new MemoryDeliveryQueue(clock);
    const { service, worker } = build({ s, queue, clock, serviceUrl: conn.url });
    const [person] = await people(s, tenantId, conn.url, 1);
    conn.setFailNext(() => 403);
    await service.start(request(tenantId, { target: { kind: 'people', people: [person!] } }));
    await worker().drain();
    await conn.close();
    const row = await s.tables.client(TABLES.fatigue).getEntity<{ entries: string }>(`${tenantId}|fatigue`, person!.personKey);
    expect(JSON.parse(row.entries)).toEqual([]);
  });
});

describe('reminders', () => {
  function answers(): DeliverySubject & { answered: Set<string>; open: boolean } {
    const subject = {
      answered: new Set<string>(),
      open: true,
      hasAnswered: async (_t: string, _s: string, personKey: string) => subject.answered.has(personKey),
      isOpen: async () => subject.open
    };
    return subject;
  }

  it('at most N reminders, only to people who have not answered, only inside allowed hours, never after close', async () => {
    const tenantId = randomUUID();
    const clock = new ManualClock('2026-01-05T16:00:00Z');
    const queue = new MemoryDeliveryQueue(clock);
    const subject = answers();
    const { service, worker } = build({ s, queue, clock, serviceUrl: fake.url, subjects: { survey: subject }, worker: { jobCacheMs: 0 } });
    const [a, b, c] = await people(s, tenantId, fake.url, 3);
    const req = request(tenantId, { maxReminders: 1, reminderAfterHours: 72, target: { kind: 'people', people: [a!, b!, c!] } });
    await service.start(req);
    expect(await dueItem(tenantId, DELIVERY_REMIND_JOB, `${req.jobId}|1`)).toMatchObject({ dueAt: '2026-01-08T16:00:00.000Z' });
    await worker().drain();
    subject.answered.add(a!.personKey);

    // 72 hours later it is Thursday 16:00: inside the young people's window.
    clock.advance(72 * 3_600_000);
    expect(await service.remind(tenantId, req.jobId, 1)).toBe(2);
    subject.answered.add(b!.personKey); // answers between the round and the send: not reminded
    await worker().drain();
    const reminders = sendsIn(tenantId).filter((r) => JSON.stringify(r.body).includes('A reminder'));
    expect(reminders.map((r) => r.conversationId)).toEqual([`a:1on1-${c!.personKey}`]);
    expect(await s.deliveries.counts(tenantId, req.jobId, 1)).toMatchObject({ sent: 1, skipped: 1, reasons: { [REASONS.answered]: 1 } });

    // No second reminder (N = 1), and the round run again adds nobody.
    expect(await service.remind(tenantId, req.jobId, 2)).toBe(0);
    expect(await service.remind(tenantId, req.jobId, 1)).toBe(0);
    expect(await dueItem(tenantId, DELIVERY_REMIND_JOB, `${req.jobId}|2`)).toBeUndefined();
  });

  it('a reminder due at night waits for the window; none after close', async () => {
    const tenantId = randomUUID();
    const clock = new ManualClock('2026-01-05T19:00:00Z');
    const queue = new MemoryDeliveryQueue(clock);
    const subject = answers();
    const { service, worker } = build({ s, queue, clock, serviceUrl: fake.url, subjects: { survey: subject }, worker: { jobCacheMs: 0 } });
    const [a, b] = await people(s, tenantId, fake.url, 2);
    const req = request(tenantId, { maxReminders: 2, reminderAfterHours: 4, target: { kind: 'people', people: [a!, b!] } });
    await service.start(req);
    await worker().drain();
    clock.advance(4 * 3_600_000); // 23:00
    expect(await service.remind(tenantId, req.jobId, 1)).toBe(2);
    const w = worker();
    await w.drain();
    expect(w.outcomes.delayed).toBe(2);
    expect(queue.nextVisibleAt()).toEqual(new Date('2026-01-06T15:30:00Z'));

    // The survey closes before the window opens: nothing more is sent, and no further round runs.
    subject.open = false;
    await service.close(tenantId, req.jobId);
    clock.set('2026-01-06T15:30:00Z');
    await worker().drain();
    expect(await s.deliveries.counts(tenantId, req.jobId, 1)).toMatchObject({ sent: 0, skipped: 2, reasons: { [REASONS.closed]: 2 } });
    expect(await service.remind(tenantId, req.jobId, 2)).toBe(0);
    expect(sendsIn(tenantId)).toHaveLength(2);
  });
});

describe('progress for the author', () => {
  it('one card, updated from the records (never per message), with the final counts and reasons', async () => {
    const tenantId = randomUUID();
    const clock = new ManualClock('2026-01-05T16:00:00Z');
    const queue = new MemoryDeliveryQueue(clock);
    const rendered: { counts: DeliveryCounts; finished: boolean }[] = [];
    const progressCard = (job: DeliveryJob, counts: DeliveryCounts, finished: boolean) => {
      rendered.push({ counts, finished });
      return card(`${job.title}: ${counts.sent} sent`);
    };
    const { worker } = build({ s, queue, clock, serviceUrl: fake.url });
    const service = new DeliveryService({
      deliveries: s.deliveries, queue, groups: s.groups, connector: new BotConnectorClient(), rate: new RateController({ maxPerSecond: 1000 }),
      due: s.due, settings: s.settings, clock, progressCard
    });
    const recipients = [...(await people(s, tenantId, fake.url, 4)), { personKey: randomUUID(), name: 'Never installed' }];
    const chat = { tenantId, serviceUrl: fake.url, channelId: 'msteams', conversationId: `19:author-${tenantId}`, conversationType: 'personal' as const, botId: '28:b', updatedAt: clock.now().toISOString() };
    const req = request(tenantId, { target: { kind: 'people', people: recipients }, progressIn: chat });
    await service.start(req);
    expect(await dueItem(tenantId, DELIVERY_PROGRESS_JOB, req.jobId)).toMatchObject({ dueAt: '2026-01-05T16:00:05.000Z' });

    await service.progress(tenantId, req.jobId);
    await worker().drain();
    const done = await service.progress(tenantId, req.jobId);
    expect(done).toMatchObject({ finished: true, counts: { sent: 4, failed: 1, reasons: { [REASONS.notReachable]: 1 } } });
    // First a new card in the author's chat, then updates of that same card.
    const toAuthor = fake.requests.filter((r) => r.conversationId === chat.conversationId && r.status < 300);
    expect(toAuthor.map((r) => r.kind)).toEqual(['sendToConversation', 'updateActivity']);
    expect(toAuthor[1]!.activityId).toBe(toAuthor[0]!.responseId);
    expect(rendered.at(-1)?.finished).toBe(true);
    expect((await s.deliveries.getJob(tenantId, req.jobId))?.status).toBe('done');
  });
});
