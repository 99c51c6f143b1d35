/**
 * The sender process of the fan-out bench: the production DeliveryWorker (src/modules/delivery.ts)
 * against the shared Azurite and the fake Bot Connector. The bench starts it, may SIGKILL it, and
 * starts it again. SIGTERM stops it gracefully.
 */
import { systemClock } from '../src/domain/shared/clock';
import { createDeliveryRuntime } from '../src/modules/delivery';
import { createLogger } from '../src/log';
import { Scheduler } from '../src/scheduler/scheduler';
import { TableConversationRepository } from '../src/storage/shared/conversation-repository';
import { TableDueItemRepository } from '../src/storage/shared/due-item-repository';
import { TABLES } from '../src/storage/shared/keys';
import { Queues } from '../src/storage/shared/queues';
import { Tables } from '../src/storage/shared/tables';
import { startStallProbe } from './stall-probe';

const connectionString = process.env.BENCH_STORAGE ?? '';
const queueName = process.env.BENCH_QUEUE ?? '';
const tables = new Tables({ kind: 'connectionString', connectionString });
const queues = new Queues({ kind: 'connectionString', connectionString });
const due = new TableDueItemRepository(tables.client(TABLES.dueItems));
const log = createLogger('warn');
const runtime = createDeliveryRuntime({
  tables,
  queues,
  conversations: new TableConversationRepository(tables.client(TABLES.conversations)),
  due,
  log,
  feedBatch: Number(process.env.BENCH_FEED_BATCH ?? 100),
  // A batch of 100 is 2 s of work at 50/s: look every half second so the queue never runs dry.
  feedEveryMs: Number(process.env.BENCH_FEED_EVERY_MS ?? 500),
  clock: systemClock,
  queueName,
  maxPerSecond: Number(process.env.BENCH_MAX_PER_SECOND ?? 50),
  // A stable id per sender slot: the restarted sender takes its predecessor's leases back at once.
  instanceId: process.env.BENCH_SENDER_ID || undefined,
  hold: process.env.BENCH_HOLD ? Number(process.env.BENCH_HOLD) : undefined,
  probeAfterMs: process.env.BENCH_PROBE_AFTER_MS ? Number(process.env.BENCH_PROBE_AFTER_MS) : undefined,
  senders: {
    leaseMs: Number(process.env.BENCH_LEASE_MS ?? 15_000),
    graceMs: Number(process.env.BENCH_GRACE_MS ?? 3000)
  },
  worker: {
    visibilitySeconds: Number(process.env.BENCH_VISIBILITY_SECONDS ?? 10),
    claimMs: Number(process.env.BENCH_CLAIM_MS ?? 15_000),
    concurrency: Number(process.env.BENCH_CONCURRENCY ?? 32)
  }
});
// Diagnostics (--timeline): when each POST of a send left this process (on the wire: its body handed to
// the socket), and when the process could not run on time.
const issued: number[] = [];
const probe = process.env.BENCH_TRACE_SENDS === '1' ? startStallProbe() : undefined;
if (process.env.BENCH_TRACE_SENDS === '1') {
  const send = runtime.connector.send.bind(runtime.connector);
  runtime.connector.send = (conversation, message, written) =>
    send(conversation, message, () => {
      issued.push(Date.now());
      written?.();
    });
}
// Like the app: the scheduler feeds large rounds into the queue, its lease owner the sender slot's
// stable id (a restarted sender takes its predecessor's feed step back at once); a short lease so
// another sender takes over a killed one's quickly.
const scheduler = new Scheduler({ due, clock: systemClock, log, leaseMs: 5_000, instanceId: process.env.BENCH_SENDER_ID || undefined });
runtime.registerJobs(scheduler);
// The SIGKILL integration test shares the test suite's Azurite: no scheduler there (it would serve others' due items).
if (process.env.BENCH_SCHEDULER !== '0') scheduler.start(500);
runtime.worker.start(200, Number(process.env.BENCH_SCAN_MS ?? 500));
process.send?.({ ready: true });
// The rate of the first tenant this process sends for (the single-tenant bench has one), and every tenant's.
const tenantRate = () => Object.values(runtime.rates.stats())[0] ?? runtime.rate.stats;
const report = setInterval(() => process.send?.({ outcomes: runtime.worker.outcomes, rate: tenantRate(), rates: runtime.rates.stats(), tenants: runtime.worker.tenants(), cpu: process.cpuUsage() }), 1000);
process.on('SIGTERM', () => {
  clearInterval(report);
  void Promise.all([runtime.worker.stop(), scheduler.stop()]).then(() => {
    process.send?.({ outcomes: runtime.worker.outcomes, rate: tenantRate(), rates: runtime.rates.stats(), stopped: true, issued, stalls: probe?.stalls ?? [] });
    process.exit(0);
  });
});
