/**
 * A real sender process (bench/fanout-worker.ts, the production worker) SIGKILLed mid fan-out and
 * started again, against the suite's Azurite and a fake Bot Connector: nobody is sent it twice, and
 * everyone ends with a final record — sent, or "in doubt" (the sender died between claim and record;
 * never resent). No timing thresholds: the test waits for states, not for durations.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { systemClock } from '../../src/domain/shared/clock';
import { REASONS } from '../../src/domain/delivery/delivery';
import { createDeliveryRuntime } from '../../src/modules/delivery';
import { type FakeConnector, startFakeConnector } from '../helpers/fake-connector';
import { type Storage, people, storage } from '../helpers/delivery-harness';

let s: Storage;
let connector: FakeConnector;
const children: ChildProcess[] = [];

beforeAll(async () => {
  s = await storage();
  connector = await startFakeConnector({ rateLimit: { perSecond: 20 } });
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await connector.close();
});

const until = async (check: () => Promise<boolean> | boolean, what: string): Promise<void> => {
  for (let i = 0; i < 600; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`gave up waiting: ${what}`);
};

it('SIGKILL mid fan-out, then a restart: no duplicates, nobody lost without a record', { timeout: 120_000 }, async () => {
  const tenantId = randomUUID();
  const queueName = `kill${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const runtime = createDeliveryRuntime({ tables: s.tables, queues: s.queues, conversations: s.conversations, due: s.due, clock: systemClock, queueName });
  await s.queues.ensureAll(runtime.queueNames);
  await runtime.settings.update(tenantId, (c) => ({
    ...c,
    allowedHours: { ...c.allowedHours, windows: { ...c.allowedHours.windows, staff: [{ days: 'everyDay', start: '00:00', end: '23:59' }] } }
  }));
  const recipients = await people(s, tenantId, connector.url, 60);
  const jobId = `survey-${randomUUID()}`;
  await runtime.service.start({
    tenantId, jobId, subjectKind: 'survey', subjectId: jobId, title: 'Kill test', purpose: 'request', cohort: 'staff',
    message: { text: 'Please tell us' }, maxReminders: 0, createdBy: 'test', target: { kind: 'people', people: recipients }
  });

  const env = {
    ...process.env,
    BENCH_STORAGE: inject('storageConnectionString'),
    BENCH_QUEUE: queueName,
    BENCH_MAX_PER_SECOND: '20',
    BENCH_VISIBILITY_SECONDS: '2',
    BENCH_CLAIM_MS: '3000',
    BENCH_SCHEDULER: '0'
  };
  const spawn = (): ChildProcess => {
    const child = fork(path.resolve(__dirname, '../../bench/fanout-worker.ts'), [], { env, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    children.push(child);
    return child;
  };
  const mine = () => connector.sentRequests().filter((r) => (r.body as { channelData?: { tenant?: { id?: string } } }).channelData?.tenant?.id === tenantId);

  const first = spawn();
  await until(() => mine().length >= 20, '20 deliveries');
  first.kill('SIGKILL');
  await new Promise((resolve) => first.once('exit', resolve));
  const atKill = mine().length;
  expect(atKill).toBeLessThan(60);

  const second = spawn();
  await until(async () => {
    const c = await runtime.deliveries.counts(tenantId, jobId, 0);
    return c.queued === 0 && c.sending === 0;
  }, 'every record final');
  second.kill('SIGTERM');
  await new Promise((resolve) => second.once('exit', resolve));

  const perPerson = new Map<string, number>();
  for (const r of mine()) perPerson.set(r.conversationId ?? '', (perPerson.get(r.conversationId ?? '') ?? 0) + 1);
  expect([...perPerson.values()].filter((n) => n > 1)).toEqual([]); // never twice
  const records = await runtime.deliveries.list(tenantId, jobId, 0);
  expect(records).toHaveLength(60);
  for (const record of records) {
    const delivered = perPerson.has(`a:1on1-${record.personKey}`);
    if (record.status === 'sent') expect(delivered).toBe(true);
    else expect(record).toMatchObject({ status: 'failed', reason: REASONS.inDoubt }); // recorded, never silent
  }
  expect(records.filter((r) => r.status === 'sent').length + records.filter((r) => r.reason === REASONS.inDoubt).length).toBe(60);
});
