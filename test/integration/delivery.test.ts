/**
 * 1:1 delivery against Azurite (tables and queues) and the fake Bot Connector: never twice, throttling,
 * final failures, poison messages, reaching people, rosters and groups.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/shared/clock';
import type { DeliveryConnector } from '../../src/domain/delivery/ports';
import { type DeliveryRecord, REASONS, taskFor } from '../../src/domain/delivery/delivery';
import { DomainError } from '../../src/domain/shared/errors';
import { BotConnectorClient } from '../../src/teams/delivery/delivery-connector';
import { type FakeConnector, startFakeConnector } from '../helpers/fake-connector';
import { BOT_ID, type Storage, build, deliveryRequest, people, recordingRate, storage, storageQueue } from '../helpers/delivery-harness';
import { MemoryDeliveryQueue } from '../helpers/memory-queue';
import { TABLES } from '../../src/storage/shared/keys';

let s: Storage;
let fake: FakeConnector;
// A Monday, 16:00 in London: inside every cohort's default allowed hours except parent carers.
const clock = new ManualClock('2026-01-05T16:00:00Z');

beforeAll(async () => {
  s = await storage();
  fake = await startFakeConnector();
});
afterAll(async () => {
  await fake.close();
});

const ledger = (conn: FakeConnector, tenantId: string) =>
  conn.sentRequests().filter((r) => (r.body as { channelData?: { tenant?: { id?: string } } }).channelData?.tenant?.id === tenantId);
const sendsTo = (conn: FakeConnector, tenantId: string) => {
  const counts = new Map<string, number>();
  for (const r of ledger(conn, tenantId)) counts.set(r.conversationId ?? '', (counts.get(r.conversationId ?? '') ?? 0) + 1);
  return counts;
};

const request = deliveryRequest;

describe('fan-out through the Azure Storage queue', () => {
  it('sends one message per recipient, records each as sent, and sending the same job again adds nobody twice', async () => {
    const tenantId = randomUUID();
    const queue = await storageQueue(s);
    const { service, worker } = build({ s, queue, clock, serviceUrl: fake.url });
    const recipients = await people(s, tenantId, fake.url, 12);
    const req = request(tenantId, { target: { kind: 'people', people: recipients } });
    const first = await service.start(req);
    expect(first.added).toBe(12);
    await worker().drain();

    const again = await service.start({ ...req, target: { kind: 'people', people: [...recipients, ...(await people(s, tenantId, fake.url, 2))] } });
    expect(again).toMatchObject({ added: 2, alreadyIncluded: 12 });
    await worker().drain();

    const sent = sendsTo(fake, tenantId);
    expect(sent.size).toBe(14);
    expect([...sent.values()].every((n) => n === 1)).toBe(true);
    const counts = await s.deliveries.counts(tenantId, req.jobId, 0);
    expect(counts).toMatchObject({ total: 14, sent: 14, queued: 0, sending: 0, failed: 0 });
    const records = await s.deliveries.list(tenantId, req.jobId, 0);
    expect(records.every((r) => r.activityId && r.sentAt)).toBe(true);
  });

  it('two workers on one queue, with every message delivered twice, never double-send', async () => {
    const tenantId = randomUUID();
    const queue = await storageQueue(s);
    const { service, worker } = build({ s, queue, clock, serviceUrl: fake.url });
    const recipients = await people(s, tenantId, fake.url, 30);
    const req = request(tenantId, { target: { kind: 'people', people: recipients } });
    await service.start(req);
    // The queue delivers at least once: simulate every message arriving a second time.
    await queue.enqueue(recipients.map((r) => ({ v: 1, tenantId, jobId: req.jobId, n: 0, personKey: r.personKey })));
    const a = worker('a', { concurrency: 4 });
    const b = worker('b', { concurrency: 4 });
    await Promise.all([a.drain(), b.drain()]);
    // A message whose twin was being sent is looked at again later: give it one more pass.
    await Promise.all([a.drain(), b.drain()]);

    const sent = sendsTo(fake, tenantId);
    expect(sent.size).toBe(30);
    expect([...sent.values()].filter((n) => n > 1)).toEqual([]);
    expect(a.outcomes.sent + b.outcomes.sent).toBe(30);
    expect(a.outcomes.duplicate + b.outcomes.duplicate + a.outcomes.busy + b.outcomes.busy).toBeGreaterThanOrEqual(30);
  });

  it("one worker given a recipient's message twice at once (a feed step repeated after a crash): one lane decides, the twin takes no place in the second", async () => {
    const tenantId = randomUUID();
    const queue = await storageQueue(s);
    const { rate } = recordingRate();
    const { service, worker } = build({ s, queue, clock, serviceUrl: fake.url, rate });
    const recipients = await people(s, tenantId, fake.url, 12);
    const req = request(tenantId, { target: { kind: 'people', people: recipients } });
    await service.start(req);
    await queue.enqueue(recipients.map((r) => ({ v: 1, tenantId, jobId: req.jobId, n: 0, personKey: r.personKey })));
    let places = 0;
    const reserve = rate.reserve.bind(rate);
    rate.reserve = () => {
      places++;
      return reserve();
    };
    const w = worker('w', { concurrency: 32 });
    expect(await w.runOnce(32)).toBe(24); // both messages of each recipient in one batch, handled at once
    expect(places).toBe(12); // a place per send: no twin reserved one and then lost the claim race
    expect(w.outcomes).toMatchObject({ sent: 12, busy: 12 });
    const sent = sendsTo(fake, tenantId);
    expect(sent.size).toBe(12);
    expect([...sent.values()].every((n) => n === 1)).toBe(true);
  });

  it('each send tells the rate controller when its request is on the wire (the real HTTP client, once per request, before its answer)', async () => {
    const tenantId = randomUUID();
    const queue = await storageQueue(s);
    const real = new BotConnectorClient();
    const events: string[] = [];
    const watched: DeliveryConnector = {
      ...real,
      members: real.members.bind(real),
      update: real.update.bind(real),
      createPersonal: real.createPersonal.bind(real),
      send: async (conversation, message, written) => {
        expect(written).toBeTypeOf('function');
        const result = await real.send(conversation, message, () => {
          events.push('written');
          written?.();
        });
        events.push('answered');
        return result;
      }
    };
    const { service, worker } = build({ s, queue, clock, serviceUrl: fake.url, connector: watched, worker: { concurrency: 1 } });
    const recipients = await people(s, tenantId, fake.url, 4);
    const req = request(tenantId, { target: { kind: 'people', people: recipients } });
    await service.start(req);
    await worker('w').drain();
    expect(sendsTo(fake, tenantId).size).toBe(4);
    expect(events).toEqual(['written', 'answered', 'written', 'answered', 'written', 'answered', 'written', 'answered']);
  });

  it('a worker that dies after Teams took the message but before recording it: the recipient is never sent it again', async () => {
    const tenantId = randomUUID();
    const queue = await storageQueue(s);
    const real = new BotConnectorClient();
    let crash = true;
    const dying: DeliveryConnector = {
      ...real,
      members: real.members.bind(real),
      update: real.update.bind(real),
      createPersonal: real.createPersonal.bind(real),
      send: async (conversation, message) => {
        const result = await real.send(conversation, message);
        if (crash) {
          crash = false;
          throw new Error('process died');
        }
        return result;
      }
    };
    const { service, worker } = build({ s, queue, clock, serviceUrl: fake.url, connector: dying, worker: { concurrency: 1 } });
    const recipients = await people(s, tenantId, fake.url, 3);
    const req = request(tenantId, { target: { kind: 'people', people: recipients } });
    await service.start(req);
    await worker('dies').runOnce(1); // takes one message, sends, "dies" before recording
    const stuck = (await s.deliveries.list(tenantId, req.jobId, 0)).find((r) => r.status === 'sending') as DeliveryRecord;
    expect(stuck).toBeDefined();

    // Its message comes back (simulated redelivery) after the claim ran out.
    await queue.enqueue([{ v: 1, tenantId, jobId: req.jobId, n: 0, personKey: stuck.personKey }]);
    clock.advance(61_000);
    await worker('next').drain();
    clock.advance(-61_000);

    const sent = sendsTo(fake, tenantId);
    expect(sent.size).toBe(3);
    expect([...sent.values()].every((n) => n === 1)).toBe(true);
    expect(await s.deliveries.getRecord(tenantId, req.jobId, 0, stuck.personKey)).toMatchObject({ status: 'failed', reason: REASONS.inDoubt });
  });

  it('a worker that dies after claiming, before sending: in doubt, recorded and counted, not sent', async () => {
    const tenantId = randomUUID();
    const queue = await storageQueue(s);
    let die = true;
    const { service, worker } = build({ s, queue, clock, serviceUrl: fake.url });
    const recipients = await people(s, tenantId, fake.url, 2);
    const req = request(tenantId, { target: { kind: 'people', people: recipients } });
    await service.start(req);
    const w = worker('dies', {
      concurrency: 1,
      afterClaim: async () => {
        if (die) {
          die = false;
          throw new Error('killed');
        }
      }
    });
    await w.runOnce(1);
    // A second worker while the claim still holds: it leaves the recipient alone.
    const [stuck] = (await s.deliveries.list(tenantId, req.jobId, 0)).filter((r) => r.status === 'sending');
    await queue.enqueue([{ v: 1, tenantId, jobId: req.jobId, n: 0, personKey: stuck!.personKey }]);
    const busy = worker('other');
    await busy.drain();
    expect(busy.outcomes.busy).toBe(1);
    expect(sendsTo(fake, tenantId).size).toBe(1);

    clock.advance(61_000);
    await queue.enqueue([{ v: 1, tenantId, jobId: req.jobId, n: 0, personKey: stuck!.personKey }]);
    await worker('later').drain();
    clock.advance(-61_000);
    const counts = await s.deliveries.counts(tenantId, req.jobId, 0);
    expect(counts).toMatchObject({ sent: 1, failed: 1, queued: 0, sending: 0 });
    expect(counts.reasons[REASONS.inDoubt]).toBe(1);
  });
});

describe('the record carried in its queue message (one read fewer per send)', () => {
  it('claims with the ETag the feeder read: no read of the record; a copy gone stale is read and decided again, never trusted', async () => {
    const tenantId = randomUUID();
    const queue = await storageQueue(s);
    const { service, worker } = build({ s, queue, clock, serviceUrl: fake.url });
    const recipients = await people(s, tenantId, fake.url, 10);
    const req = request(tenantId, { target: { kind: 'people', people: recipients } });
    await service.start(req);
    // After the feed: one record sent by someone else, one changed harmlessly (its ETag moved, still queued).
    const [sentElsewhere, touched] = [recipients[0]!, recipients[1]!];
    const a = (await s.deliveries.getRecord(tenantId, req.jobId, 0, sentElsewhere.personKey))!;
    await s.deliveries.update(a, { status: 'sent', activityId: 'elsewhere', sentAt: clock.now() }, clock.now());
    const b = (await s.deliveries.getRecord(tenantId, req.jobId, 0, touched.personKey))!;
    await s.deliveries.update(b, { reason: '' }, clock.now());

    const reads: string[] = [];
    const getRecord = s.deliveries.getRecord.bind(s.deliveries);
    s.deliveries.getRecord = (t, j, n, personKey) => {
      reads.push(personKey);
      return getRecord(t, j, n, personKey);
    };
    const w = worker('w', { concurrency: 4 });
    try {
      await w.drain();
    } finally {
      s.deliveries.getRecord = getRecord;
    }
    expect(w.reads).toEqual({ saved: 10, done: 0, again: 2 });
    expect(reads.sort()).toEqual([sentElsewhere.personKey, touched.personKey].sort());
    expect(w.outcomes).toMatchObject({ sent: 9, duplicate: 1 });
    const sent = sendsTo(fake, tenantId);
    expect(sent.size).toBe(9);
    expect([...sent.values()].every((n) => n === 1)).toBe(true);
    expect(await s.deliveries.getRecord(tenantId, req.jobId, 0, sentElsewhere.personKey)).toMatchObject({ status: 'sent', activityId: 'elsewhere' });
    expect(await s.deliveries.counts(tenantId, req.jobId, 0)).toMatchObject({ sent: 10, queued: 0, sending: 0 });
  });

  it('a skip never writes with the copy: a closed job skips every record, also one whose copy went stale (none left queued)', async () => {
    const tenantId = randomUUID();
    const queue = await storageQueue(s);
    const { service, worker } = build({ s, queue, clock, serviceUrl: fake.url });
    const recipients = await people(s, tenantId, fake.url, 4);
    const req = request(tenantId, { target: { kind: 'people', people: recipients } });
    await service.start(req);
    const r = (await s.deliveries.getRecord(tenantId, req.jobId, 0, recipients[2]!.personKey))!;
    await s.deliveries.update(r, { reason: '' }, clock.now());
    await service.close(tenantId, req.jobId);
    const w = worker('w', { jobCacheMs: 0 });
    await w.drain();
    expect(w.outcomes.skipped).toBe(4);
    expect(await s.deliveries.counts(tenantId, req.jobId, 0)).toMatchObject({ skipped: 4, queued: 0, sent: 0 });
    expect(sendsTo(fake, tenantId).size).toBe(0);
  });

  /** Changes a record after it was fed, so the copy in its message is stale (its ETag moved). */
  const touch = async (tenantId: string, jobId: string, personKey: string) => {
    const r = (await s.deliveries.getRecord(tenantId, jobId, 0, personKey))!;
    await s.deliveries.update(r, { reason: '' }, clock.now());
  };
  const ledger = async (tenantId: string, personKey: string) =>
    JSON.parse((await s.tables.client(TABLES.fatigue).getEntity<{ entries: string }>(`${tenantId}|fatigue`, personKey)).entries) as { jobId: string }[];

  it('a stale copy on every path that writes without a claim: the record is read and settled, never left queued', async () => {
    const tenantId = randomUUID();
    const queue = await storageQueue(s);
    const { service, worker } = build({ s, queue, clock, serviceUrl: fake.url });
    // Over the fatigue cap: two requests already this fortnight.
    const [asked] = await people(s, tenantId, fake.url, 1);
    for (let i = 0; i < 2; i++) await service.start(request(tenantId, { target: { kind: 'people', people: [asked!] } }));
    await worker().drain();
    const capped = request(tenantId, { target: { kind: 'people', people: [asked!] } });
    await service.start(capped);
    await touch(tenantId, capped.jobId, asked!.personKey);
    // Not reachable: no stored chat and nowhere to create one.
    const nowhere = { personKey: randomUUID(), name: 'No app' };
    const unreachable = request(tenantId, { target: { kind: 'people', people: [nowhere] } });
    await service.start(unreachable);
    await touch(tenantId, unreachable.jobId, nowhere.personKey);
    await worker().drain();
    expect(await s.deliveries.getRecord(tenantId, capped.jobId, 0, asked!.personKey)).toMatchObject({ status: 'skipped', reason: 'fatigue: at most 2 survey requests in 14 days' });
    expect(await s.deliveries.getRecord(tenantId, unreachable.jobId, 0, nowhere.personKey)).toMatchObject({ status: 'failed', reason: REASONS.notReachable });

    // Set aside after too many deliveries (maxDequeue 0: the first is one too many).
    const [late] = await people(s, tenantId, fake.url, 1);
    const poisoned = request(tenantId, { target: { kind: 'people', people: [late!] } });
    await service.start(poisoned);
    await touch(tenantId, poisoned.jobId, late!.personKey);
    await worker('strict', { maxDequeue: 0 }).drain();
    expect(await s.deliveries.getRecord(tenantId, poisoned.jobId, 0, late!.personKey)).toMatchObject({ status: 'failed', reason: REASONS.poison });
  });

  it('a twin of a settled record does nothing: no chat created twice, and the fatigue place given back stays given back', async () => {
    const tenantId = randomUUID();
    const conn = await startFakeConnector();
    const queue = await storageQueue(s);
    const { service, worker } = build({ s, queue, clock, serviceUrl: conn.url });
    try {
      // Blocked (403): the record fails for good and the request's place in the ledger is given back.
      const [blocked] = await people(s, tenantId, conn.url, 1);
      const req = request(tenantId, { target: { kind: 'people', people: [blocked!] } });
      await service.start(req);
      const fed = (await s.deliveries.getRecord(tenantId, req.jobId, 0, blocked!.personKey))!;
      let blockedOnce = true;
      conn.setFailNext(() => (blockedOnce ? ((blockedOnce = false), 403) : undefined));
      await worker('first', { concurrency: 1 }).drain();
      expect(await ledger(tenantId, blocked!.personKey)).toEqual([]);
      // The feed step repeated: a twin with the same copy arrives after the record was settled.
      await queue.enqueue([taskFor(fed)]);
      const twin = worker('twin', { concurrency: 1 });
      await twin.drain();
      expect(twin.outcomes.duplicate).toBe(1);
      expect(await ledger(tenantId, blocked!.personKey)).toEqual([]);

      // No stored chat: created once where the app is installed; a twin of the settled record creates none.
      const [fresh] = await people(s, tenantId, conn.url, 1, false);
      const reach = { serviceUrl: conn.url, botId: BOT_ID, teamId: '19:team@thread.skype' };
      const created = request(tenantId, { target: { kind: 'people', people: [fresh!] }, reach });
      await service.start(created);
      const copy = (await s.deliveries.getRecord(tenantId, created.jobId, 0, fresh!.personKey))!;
      await worker().drain();
      await queue.enqueue([taskFor(copy)]);
      await worker().drain();
      expect(conn.created()).toHaveLength(1);
      expect(sendsTo(conn, tenantId).get(conn.created()[0]!.id)).toBe(1);
    } finally {
      await conn.close();
    }
  });

  it('messages without a copy (queued before it existed) and messages seen a second time read the record, as before', async () => {
    const tenantId = randomUUID();
    const queue = await storageQueue(s);
    const { service, worker } = build({ s, queue, clock, serviceUrl: fake.url });
    const recipients = await people(s, tenantId, fake.url, 3);
    const req = request(tenantId, { target: { kind: 'people', people: recipients } });
    await service.start(req);
    await worker('first').drain();
    await queue.enqueue(recipients.map((p) => ({ v: 1, tenantId, jobId: req.jobId, n: 0, personKey: p.personKey })));
    const w = worker('again');
    await w.drain();
    expect(w.reads).toEqual({ saved: 0, done: 3, again: 0 });
    expect(w.outcomes.duplicate).toBe(3);
    expect(sendsTo(fake, tenantId).size).toBe(3);
  });
});

describe('throttling and failures', () => {
  it('429: waits Retry-After, slows the whole sender, and still sends each message once', async () => {
    const tenantId = randomUUID();
    const conn = await startFakeConnector();
    let throttle = 3;
    conn.setFailNext((r) => (r.kind === 'sendToConversation' && throttle-- > 0 ? 429 : undefined));
    const queue = await storageQueue(s);
    const { rate, waits } = recordingRate(100);
    const { service, worker } = build({ s, queue, clock, serviceUrl: conn.url, rate });
    const recipients = await people(s, tenantId, conn.url, 5);
    await service.start(request(tenantId, { target: { kind: 'people', people: recipients } }));
    const before = rate.perSecond;
    await worker('w', { concurrency: 1 }).drain();
    await conn.close();

    expect(conn.sentRequests()).toHaveLength(5);
    expect(conn.requests.filter((r) => r.status === 429)).toHaveLength(3);
    expect(rate.stats.throttles).toBe(3);
    expect(rate.perSecond).toBeLessThan(before);
    // Retry-After: 1 second, honoured (the pause is in the waits the controller asked for).
    expect(waits.some((ms) => ms >= 900)).toBe(true);
  });

  it('a sender that restarts takes the limit its predecessor learnt (saved with the job): no 429 to find it again', async () => {
    const tenantId = randomUUID();
    const conn = await startFakeConnector();
    let throttle = 1;
    conn.setFailNext((r) => (r.kind === 'sendToConversation' && throttle-- > 0 ? 429 : undefined));
    const queue = await storageQueue(s);
    const first = build({ s, queue, clock, serviceUrl: conn.url, rate: recordingRate(100).rate, feedBatch: 2 });
    const recipients = await people(s, tenantId, conn.url, 4);
    const { job } = await first.service.start(request(tenantId, { target: { kind: 'people', people: recipients } }));
    await first.worker('first', { concurrency: 1 }).drain(); // the first two: one 429, and a limit learnt
    const learnt = first.rate.learnt();
    expect(learnt).toBeDefined();
    await first.service.feed(tenantId, job.jobId, 0); // the next batch; the job now carries the limit
    expect((await s.deliveries.getJob(tenantId, job.jobId))?.pacing?.perSecond).toBe(learnt);

    // A new process (fresh controller: it would slow-start and find the limit with a 429).
    const second = build({ s, queue, clock, serviceUrl: conn.url, rate: recordingRate(100).rate });
    expect(second.rate.learnt()).toBeUndefined();
    await second.worker('second', { concurrency: 1 }).drain();
    await conn.close();
    expect(second.rate.learnt()).toBe(learnt);
    // It holds just under the limit learnt before (a fresh controller would be at its initial 100/s).
    expect(second.rate.perSecond).toBeLessThan(learnt as number);
    expect(conn.sentRequests()).toHaveLength(4);
  });

  it('403 is final: recorded as blocked, not retried, even when the message comes back', async () => {
    const tenantId = randomUUID();
    const conn = await startFakeConnector();
    const queue = await storageQueue(s);
    const { service, worker } = build({ s, queue, clock, serviceUrl: conn.url });
    const recipients = await people(s, tenantId, conn.url, 3);
    const blocked = `a:1on1-${recipients[1]!.personKey}`;
    conn.setFailNext((r) => (r.conversationId === blocked ? 403 : undefined));
    const req = request(tenantId, { target: { kind: 'people', people: recipients } });
    await service.start(req);
    await worker().drain();
    await queue.enqueue([{ v: 1, tenantId, jobId: req.jobId, n: 0, personKey: recipients[1]!.personKey }]);
    await worker().drain();
    await conn.close();

    expect(conn.requests.filter((r) => r.conversationId === blocked)).toHaveLength(1);
    expect(await s.deliveries.getRecord(tenantId, req.jobId, 0, recipients[1]!.personKey)).toMatchObject({ status: 'failed', reason: REASONS.blocked });
    // The stored chat is forgotten (the bot was blocked or removed).
    expect(await s.conversations.getPersonal(tenantId, recipients[1]!.personKey)).toBeUndefined();
  });

  it('502/503/504/412 are retried a bounded number of times; the message then goes back to the queue', async () => {
    const tenantId = randomUUID();
    const conn = await startFakeConnector();
    const queue = await storageQueue(s);
    const { service, worker } = build({ s, queue, clock, serviceUrl: conn.url });
    const [flaky, broken] = await people(s, tenantId, conn.url, 2);
    const statuses = [502, 503, 504, 412];
    conn.setFailNext((r) => {
      if (r.conversationId === `a:1on1-${flaky!.personKey}`) return statuses.shift();
      if (r.conversationId === `a:1on1-${broken!.personKey}`) return 503;
      return undefined;
    });
    const req = request(tenantId, { target: { kind: 'people', people: [flaky!, broken!] } });
    await service.start(req);
    const w = worker('w', { maxAttempts: 5 });
    await w.runOnce();
    await conn.close();

    expect(await s.deliveries.getRecord(tenantId, req.jobId, 0, flaky!.personKey)).toMatchObject({ status: 'sent' });
    expect(conn.requests.filter((r) => r.conversationId === `a:1on1-${broken!.personKey}`)).toHaveLength(5);
    expect(await s.deliveries.getRecord(tenantId, req.jobId, 0, broken!.personKey)).toMatchObject({ status: 'queued' });
    expect(w.outcomes.retry).toBe(1);
  });
});

describe('poison messages', () => {
  it('malformed messages, messages of deleted jobs and messages dequeued too often are set aside, not retried forever', async () => {
    const tenantId = randomUUID();
    const queue = new MemoryDeliveryQueue(clock);
    const { service, worker } = build({ s, queue, clock, serviceUrl: fake.url });
    queue.push('not json');
    queue.push(JSON.stringify({ v: 1, tenantId, jobId: 'no-such-job', n: 0, personKey: 'x' }));
    const [person] = await people(s, tenantId, fake.url, 1);
    const req = request(tenantId, { target: { kind: 'people', people: [person!] } });
    await service.start(req);
    // This one has been taken 5 times already (a crash each time): the 6th is the last.
    queue.messages[queue.messages.length - 1]!.dequeueCount = 5;
    const w = worker();
    await w.drain();

    expect(queue.poisoned.map((p) => p.reason)).toEqual(['malformed message', 'the delivery job no longer exists', 'dequeued 6 times']);
    expect(queue.size).toBe(0);
    expect(w.outcomes.poisoned).toBe(3);
    expect(await s.deliveries.getRecord(tenantId, req.jobId, 0, person!.personKey)).toMatchObject({ status: 'failed', reason: REASONS.poison });
    expect(sendsTo(fake, tenantId).size).toBe(0);
  });

  it('the real queue moves poison to its poison queue and counts it', async () => {
    const queue = await storageQueue(s);
    const { worker } = build({ s, queue, clock, serviceUrl: fake.url });
    await queue.enqueue([{ v: 1, tenantId: randomUUID(), jobId: 'gone', n: 0, personKey: 'p' }]);
    await worker().drain();
    expect(await queue.poisonCount()).toBe(1);
  });
});

describe('reaching people', () => {
  it('creates the 1:1 chat where the app is installed; without that, records "not reachable: app not installed"', async () => {
    const tenantId = randomUUID();
    const conn = await startFakeConnector();
    const queue = await storageQueue(s);
    const { service, worker } = build({ s, queue, clock, serviceUrl: conn.url });
    const [known, fresh] = await people(s, tenantId, conn.url, 2, false);
    await s.conversations.upsert({
      tenantId, serviceUrl: conn.url, channelId: 'msteams', conversationId: 'a:known', conversationType: 'personal', botId: BOT_ID,
      userId: known!.userId, userAadObjectId: known!.personKey, updatedAt: clock.now().toISOString()
    });
    const reach = { serviceUrl: conn.url, botId: BOT_ID, teamId: '19:team@thread.skype' };
    const req = request(tenantId, { target: { kind: 'people', people: [known!, fresh!] }, reach });
    await service.start(req);
    await worker().drain();
    const noReach = request(tenantId, { target: { kind: 'people', people: [{ personKey: randomUUID(), name: 'No app' }] } });
    await service.start(noReach);
    await worker().drain();
    await conn.close();

    expect(conn.created()).toHaveLength(1);
    expect(conn.created()[0]!.parameters).toMatchObject({ members: [{ id: fresh!.userId }], tenantId });
    expect(conn.sentRequests().map((r) => r.conversationId).sort()).toEqual(['a:known', conn.created()[0]!.id].sort());
    // The new chat is stored for next time.
    expect(await s.conversations.getPersonal(tenantId, fresh!.personKey)).toMatchObject({ conversationId: conn.created()[0]!.id });
    const counts = await s.deliveries.counts(tenantId, noReach.jobId, 0);
    expect(counts.reasons).toEqual({ [REASONS.notReachable]: 1 });
  });

  it('reads a team roster page by page', async () => {
    const tenantId = randomUUID();
    const members = Array.from({ length: 450 }, (_, i) => ({ id: `29:m${i}`, aadObjectId: randomUUID(), name: `M ${i}` }));
    const conn = await startFakeConnector({ rosters: { '19:team@thread.skype': members } });
    const queue = new MemoryDeliveryQueue(clock);
    const { service } = build({ s, queue, clock, serviceUrl: conn.url });
    const result = await service.start(request(tenantId, { target: { kind: 'roster', serviceUrl: conn.url, conversationId: '19:team@thread.skype' } }));
    await conn.close();
    expect(result.added).toBe(450);
    expect(queue.size).toBe(450);
    expect(conn.requests.filter((r) => r.kind === 'getConversationPagedMembers')).toHaveLength(3);
  });

  it('a roster that fails half way sends nothing and says so', async () => {
    const tenantId = randomUUID();
    const members = Array.from({ length: 450 }, (_, i) => ({ id: `29:m${i}`, aadObjectId: randomUUID(), name: `M ${i}` }));
    const conn = await startFakeConnector({ rosters: { '19:team@thread.skype': members } });
    conn.setFailNext((r) => (r.query['continuationToken'] ? 500 : undefined));
    const queue = new MemoryDeliveryQueue(clock);
    const { service } = build({ s, queue, clock, serviceUrl: conn.url });
    const req = request(tenantId, { target: { kind: 'roster', serviceUrl: conn.url, conversationId: '19:team@thread.skype' } });
    await expect(service.start(req)).rejects.toThrow(/did not give the full member list.*Nothing was sent/);
    await conn.close();
    expect(queue.size).toBe(0);
    expect(await s.deliveries.getJob(tenantId, req.jobId)).toBeUndefined();
  });

  it('a saved group; an unknown group and zero recipients are clear errors', async () => {
    const tenantId = randomUUID();
    const queue = new MemoryDeliveryQueue(clock);
    const { service } = build({ s, queue, clock, serviceUrl: fake.url });
    const members = await people(s, tenantId, fake.url, 4);
    await s.groups.save({ tenantId, groupId: 'young-commissioners', name: 'Young Commissioners', members });
    expect((await service.start(request(tenantId, { target: { kind: 'group', groupId: 'young-commissioners' } }))).added).toBe(4);
    await expect(service.start(request(tenantId, { target: { kind: 'group', groupId: 'nope' } }))).rejects.toThrow(/no saved group/);
    const empty = service.start(request(tenantId, { target: { kind: 'people', people: [] } }));
    await expect(empty).rejects.toBeInstanceOf(DomainError);
    await expect(service.start(request(tenantId, { target: { kind: 'people', people: [] } }))).rejects.toThrow(/nobody to send this to/);
  });
});
