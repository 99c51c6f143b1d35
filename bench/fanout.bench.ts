/**
 * Fan-out of one survey to 10,000 recipients (1,000 with --quick) against the fake Bot Connector on
 * loopback enforcing 50 requests per second with 429 + Retry-After. The sender runs in a child process
 * against a shared Azurite. Run 1: undisturbed. Run 2: the sender is SIGKILLed mid-run and restarted.
 * Prints the achieved rate as a ratio of the limit (target ≥ 0.97) and the duplicate and lost counts
 * from the connector's own ledger (target 0). A recipient the killed sender had claimed but not yet
 * sent to is not sent again (never twice): it is recorded "in doubt" and counted (column in-doubt; it
 * shows under "dup lost" as lost and under lost-unrecorded as 0). The target is 0 lost unrecorded.
 */
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { systemClock } from '../src/domain/shared/clock';
import type { Recipient } from '../src/domain/delivery/delivery';
import { REASONS } from '../src/domain/delivery/delivery';
import { createDeliveryRuntime } from '../src/modules/delivery';
import { TableConversationRepository } from '../src/storage/shared/conversation-repository';
import { TableDueItemRepository } from '../src/storage/shared/due-item-repository';
import { TABLES } from '../src/storage/shared/keys';
import { Queues } from '../src/storage/shared/queues';
import { Tables } from '../src/storage/shared/tables';
import { type LedgerEntry, startConnectorProcess } from './connector-process';
import type { Stall } from './stall-probe';
import { compiledWorker, forkNormal, startStorage as startStorageProcess } from './fanout-support';

const quick = process.argv.includes('--quick');
const timeline = process.argv.includes('--timeline');
const N = quick ? 1000 : 10_000;
const LIMIT = 50;
/** The sender is not told the limit: its safety ceiling is far above it, and it learns the limit from 429s. */
const SENDER_CEILING = 1000;
const BOT_ID = '28:voiceloop-bench';

interface RunResult {
  name: string;
  delivered: number;
  duplicates: number;
  lost: number;
  seconds: number;
  ratio: number;
  throttled: number;
  inDoubt: number;
  failed: number;
  poisoned: number;
  /** Lost without a record saying so: must be 0. */
  silent: number;
  /** Seconds to store the conversation references and to start the job (records + first queue batch). */
  seedSeconds: { references: number; start: number };
  /** From the sender's start to every record final. */
  wallSeconds: number;
  /** CPU milliseconds during the send: Azurite's process, the sender process(es), the connector's process, this process (bookkeeping). */
  cpu: { storage: number; sender: number; connector: number; bench: number };
  /** The machine's 1-minute load average at the start and the end of the send (2 shared cores: others' work counts). */
  load: [number, number];
}

async function main(): Promise<void> {
  const connector = await startConnectorProcess({ perSecond: LIMIT });
  const workerPath = await compiledWorker();
  const results: RunResult[] = [];
  try {
    for (const kill of process.argv.includes('--no-kill') ? [false] : process.argv.includes('--kill-only') ? [true] : [false, true]) {
      // Each run on a fresh Azurite (the sender processes of a run share it): the second run does not
      // pay for the first one's 10,000 rows.
      const storage = await startStorageProcess(timeline);
      try {
        results.push(await run(kill, storage.connectionString, storage.cpuMs, storage.stalls));
      } finally {
        await storage.close();
      }
    }
  } finally {
    await connector.close();
  }
  console.log('\nrun             recipients delivered dup lost  secs   rate/limit  429s in-doubt failed poison lost-unrecorded');
  for (const r of results) {
    console.log(
      `${r.name.padEnd(15)} ${String(N).padStart(10)} ${String(r.delivered).padStart(9)} ${String(r.duplicates).padStart(3)} ${String(r.lost).padStart(4)} ` +
        `${r.seconds.toFixed(1).padStart(6)}   ${r.ratio.toFixed(3).padStart(9)}  ${String(r.throttled).padStart(4)} ${String(r.inDoubt).padStart(8)} ${String(r.failed).padStart(6)} ${String(r.poisoned).padStart(6)} ${String(r.silent).padStart(15)}`
    );
  }
  for (const r of results) {
    console.log(
      `${r.name}: seeding ${r.seedSeconds.references.toFixed(1)} s (references) + ${r.seedSeconds.start.toFixed(1)} s (job start); wall ${r.wallSeconds.toFixed(1)} s; ` +
        `CPU during the send: Azurite ${(r.cpu.storage / 1000).toFixed(1)} s, sender ${(r.cpu.sender / 1000).toFixed(1)} s, connector ${(r.cpu.connector / 1000).toFixed(1)} s, bench ${(r.cpu.bench / 1000).toFixed(1)} s; ` +
        `machine load average ${r.load[0].toFixed(1)} → ${r.load[1].toFixed(1)} on ${cpus().length} cores`
    );
  }
  console.log(connector.priority);
  // Never twice means a recipient whose sender died between the claim and the request is not sent
  // again: recorded "in doubt" and counted for the council (#18: "in-doubt sends recorded and counted").
  // Lost is a recipient neither delivered nor recorded so.
  const ok = results.every((r) => r.ratio >= 0.97 && r.duplicates === 0 && r.silent === 0);
  console.log(ok ? '\nPASS: rate ≥ 0.97 of the limit, no duplicates, none lost (undelivered only if recorded in doubt)' : '\nFAIL: a target was missed');
  process.exitCode = ok ? 0 : 1;

  async function run(kill: boolean, connectionString: string, storageCpuMs: () => Promise<number>, storageStalls: () => Promise<Stall[]>): Promise<RunResult> {
    const tables = new Tables({ kind: 'connectionString', connectionString });
    const queues = new Queues({ kind: 'connectionString', connectionString });
    await tables.ensureAll();
    const conversations = new TableConversationRepository(tables.client(TABLES.conversations));
    const due = new TableDueItemRepository(tables.client(TABLES.dueItems));
    const name = kill ? 'SIGKILL+restart' : 'undisturbed';
    const tenantId = randomUUID();
    const queueName = `bench${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const runtime = createDeliveryRuntime({ tables, queues, conversations, due, clock: systemClock, queueName, feedBatch: 100 });
    await queues.ensureAll(runtime.queueNames);
    // Send at any hour: the bench is not about quiet hours.
    await runtime.settings.update(tenantId, (s) => ({
      ...s,
      allowedHours: { timeZone: 'Europe/London', windows: { youngPeople: [{ days: 'everyDay', start: '00:00', end: '23:59' }], parentCarers: s.allowedHours.windows.parentCarers, staff: s.allowedHours.windows.staff } }
    }));

    process.stdout.write(`[${name}] storing ${N} 1:1 conversation references… `);
    const tRefs = Date.now();
    const recipients: Recipient[] = Array.from({ length: N }, (_, i) => {
      const aad = randomUUID();
      return { personKey: aad, userId: `29:${aad}`, name: `Young person ${i}` };
    });
    for (let i = 0; i < N; i += 200) {
      await Promise.all(
        recipients.slice(i, i + 200).map((r) =>
          conversations.upsert({
            tenantId, serviceUrl: connector.url, channelId: 'msteams', conversationId: `a:${r.personKey}`, conversationType: 'personal',
            botId: BOT_ID, userId: r.userId, userAadObjectId: r.personKey, updatedAt: new Date().toISOString()
          })
        )
      );
    }
    const referencesSeconds = (Date.now() - tRefs) / 1000;
    process.stdout.write(`${referencesSeconds.toFixed(1)} s; starting the job… `);
    const jobId = `survey-bench-${randomUUID()}`;
    const t0 = Date.now();
    await runtime.service.start({
      tenantId, jobId, subjectKind: 'survey', subjectId: jobId, title: 'Bench survey', purpose: 'request', cohort: 'youngPeople',
      message: { card: { type: 'AdaptiveCard', version: '1.5', speak: 'Please tell us', body: [{ type: 'TextBlock', text: 'Please tell us', wrap: true }] }, summary: 'A survey' },
      maxReminders: 0, createdBy: 'bench', target: { kind: 'people', people: recipients }
    });
    const seedSeconds = { references: referencesSeconds, start: (Date.now() - t0) / 1000 };
    process.stdout.write(`${seedSeconds.start.toFixed(1)} s\n`);

    await connector.reset();
    const cpu0 = { storage: await storageCpuMs(), connector: await connector.cpuMs(), bench: process.cpuUsage() };
    const loadAtStart = loadavg()[0] ?? 0;
    let senderCpuMs = 0;
    let senderCpuBase = 0;
    const env = { ...process.env, BENCH_STORAGE: connectionString, BENCH_QUEUE: queueName, BENCH_MAX_PER_SECOND: String(SENDER_CEILING), BENCH_SENDER_ID: `sender-${randomUUID().slice(0, 8)}`, BENCH_TRACE_SENDS: timeline ? '1' : '0' };
    const spawnWorker = (): ChildProcess => forkNormal(workerPath, [], { env, execArgv: process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const rateLog: string[] = [];
    const issuedAt: number[] = [];
    const listen = (c: ChildProcess): void => {
      c.on('message', (m: { ready?: boolean; rate?: { perSecond: number; ceiling: number; throttles: number }; outcomes?: Record<string, number>; cpu?: NodeJS.CpuUsage; issued?: number[]; stalls?: Stall[] }) => {
        if (m.ready && restart) restart.ready = Date.now();
        if (m.issued) issuedAt.push(...m.issued);
        if (m.stalls) senderStalls.push(...m.stalls);
        if (m.cpu) senderCpuMs = senderCpuBase + (m.cpu.user + m.cpu.system) / 1000;
        if (m.rate && restart && m.outcomes && afterRestart.length < 10) afterRestart.push(`+${Date.now() - restart.killed} ms ${JSON.stringify(m.outcomes)} rate ${m.rate.perSecond.toFixed(1)}`);
        if (m.rate) rateLog.push(`${((Date.now()) / 1000).toFixed(0)} rate=${m.rate.perSecond.toFixed(1)} ceil=${m.rate.ceiling.toFixed(1)} thr=${m.rate.throttles} ${JSON.stringify(m.outcomes)}`);
      });
    };
    const senderStalls: Stall[] = [];
    const tStart = Date.now();
    let child = spawnWorker();
    listen(child);
    const stopChild = (): void => {
      child.kill('SIGKILL');
      process.exit(130);
    };
    process.once('SIGINT', stopChild).once('SIGTERM', stopChild);
    let killed = false;
    /** The restart after the SIGKILL, ms since the epoch: killed, exited, spawned, the new sender ready. */
    let restart: { killed: number; exited: number; spawned: number; ready?: number } | undefined;
    /** The restarted sender's outcomes, once a second (--timeline). */
    const afterRestart: string[] = [];
    const delivered = async (): Promise<number> => Object.values(await connector.delivered()).reduce((sum, n) => sum + n, 0);
    const depths: number[] = [];
    let lastDelivered = 0;
    let quietTicks = 0;
    for (let tick = 1; ; tick++) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      if (kill && !killed && (await delivered()) >= N * 0.4) {
        const killedAt = Date.now();
        child.kill('SIGKILL');
        killed = true;
        senderCpuBase = senderCpuMs;
        await new Promise((resolve) => child.once('exit', resolve));
        const exited = Date.now();
        child = spawnWorker();
        restart = { killed: killedAt, exited, spawned: Date.now() };
        listen(child);
        process.stdout.write(`[${name}] SIGKILL after ${await delivered()} deliveries; restarting the sender\n`);
      }
      // Progress from the connector's count; the delivery records (ten pages) only when everyone has
      // it, or when nothing has arrived for 3 s (the end of a run with in-doubt records).
      if (child.exitCode !== null) throw new Error(`the sender exited by itself (code ${child.exitCode})`);
      const now = await delivered();
      quietTicks = now === lastDelivered ? quietTicks + 1 : 0;
      lastDelivered = now;
      if (timeline) depths.push(await runtime.queue.depth().catch(() => -1));
      if (tick % 10 === 0) process.stdout.write(`[${name}] ${tick} s: ${now}/${N} delivered (connector ledger)\n`);
      if (now < N && quietTicks < 3) continue;
      const counts = await runtime.deliveries.counts(tenantId, jobId, 0);
      if (counts.queued === 0 && counts.sending === 0) break;
      process.stdout.write(`[${name}] ${tick} s: records: sent ${counts.sent}/${N}, queued ${counts.queued}, sending ${counts.sending}, failed ${counts.failed}\n`);
    }
    const wallSeconds = (Date.now() - tStart) / 1000;
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    process.off('SIGINT', stopChild).off('SIGTERM', stopChild);

    const ledger: LedgerEntry[] = await connector.ledger();
    const sends = ledger.filter((r) => r.sent);
    const throttled = ledger.filter((r) => r.throttled);
    const benchCpu = process.cpuUsage(cpu0.bench);
    const cpu = { storage: (await storageCpuMs()) - cpu0.storage, sender: senderCpuMs, connector: (await connector.cpuMs()) - cpu0.connector, bench: (benchCpu.user + benchCpu.system) / 1000 };
    if (restart) {
      // Where the SIGKILL's seconds went: the last send before it, the new sender's start, its first send, and its first seconds.
      const r = restart;
      const lastBefore = sends.filter((x) => x.time <= r.killed).pop()?.time ?? r.killed;
      const firstAfter = sends.find((x) => x.time > r.killed)?.time ?? r.killed;
      const perSecondAfter = [0, 1, 2, 3, 4, 5, 6, 7].map((k) => sends.filter((x) => x.time >= firstAfter + k * 1000 && x.time < firstAfter + (k + 1) * 1000).length);
      console.log(
        `[${name}] restart: last send −${r.killed - lastBefore} ms before the SIGKILL; exited +${r.exited - r.killed} ms, forked +${r.spawned - r.killed} ms, ` +
          `ready +${r.ready === undefined ? '?' : r.ready - r.killed} ms, first send +${firstAfter - r.killed} ms; sends in its first seconds: ${perSecondAfter.join(' ')}`
      );
      if (timeline) for (const line of afterRestart) console.log(`  restarted sender ${line}`);
    }
    if (process.argv.includes('--timeline')) {
      const start = sends[0]?.time ?? 0;
      const perSec = new Map<number, { ok: number; t429: number }>();
      for (const r of ledger) {
        const sec = Math.floor((r.time - start) / 1000);
        const e = perSec.get(sec) ?? { ok: 0, t429: 0 };
        if (r.throttled) e.t429++;
        else if (r.status >= 200 && r.status < 300) e.ok++;
        perSec.set(sec, e);
      }
      const line = [...perSec.entries()].sort((a, b) => a[0] - b[0]).map(([sec, e]) => `${sec}:${e.ok}${e.t429 ? `/${e.t429}!` : ''}`);
      console.log(`[${name}] accepted per second (sec:ok/429s!): ${line.join(' ')}`);
      // The first second in detail (arrival offset in ms, kind, status): a sender's start, with fresh connections.
      console.log(`  first requests: ${ledger.slice(0, 70).map((r) => `${r.time - start}${r.kind === 'sendToConversation' ? '' : `:${r.kind}`}${r.throttled ? '!' : ''}`).join(' ')}`);
      const azuriteStalls = await storageStalls();
      const stalls = (await connector.stalls()).filter((x) => x.at >= tStart);
      const stallSummary = (list: Stall[]): string => `${list.length}, ${(list.reduce((sum, x) => sum + x.ms, 0) / 1000).toFixed(1)} s in all, longest ${Math.max(0, ...list.map((x) => x.ms))} ms`;
      const during = (list: Stall[], from: number, to: number): Stall[] => list.filter((x) => x.at > from && x.at - x.ms < to);
      console.log(`  stalls (event loop > 25 ms late): connector ${stallSummary(stalls)}; sender ${stallSummary(senderStalls)}; Azurite ${stallSummary(azuriteStalls)}`);
      let gaps = 0;
      const explained = { pause: 0, sender: 0, azurite: 0, none: 0 };
      for (let i = 1; i < sends.length; i++) {
        const from = sends[i - 1]?.time ?? 0;
        const to = sends[i]?.time ?? 0;
        if (to - from <= 100) continue;
        gaps += to - from;
        const paused = throttled.some((r) => r.time >= from - 50 && r.time <= to);
        const s = during(senderStalls, from, to);
        const a = during(azuriteStalls, from, to);
        explained[paused ? 'pause' : s.length > 0 ? 'sender' : a.length > 0 ? 'azurite' : 'none'] += to - from;
        console.log(`  gap ${to - from} ms before send #${i} at +${(to - start) / 1000}s${paused ? ' (429 pause)' : ''}; stalls: sender ${s.map((x) => x.ms).join('+') || '-'}, Azurite ${a.map((x) => x.ms).join('+') || '-'}`);
      }
      const secs = (ms: number): string => (ms / 1000).toFixed(1);
      console.log(`  gaps > 100 ms total ${secs(gaps)} s: 429 pauses ${secs(explained.pause)} s, sender stalled ${secs(explained.sender)} s, Azurite stalled ${secs(explained.azurite)} s, neither ${secs(explained.none)} s`);
      console.log(`  queue depth each second from the sender's start: ${depths.join(' ')}`);
      // The most requests in any sliding second: as they left the sender, and as they reached the connector.
      const busiest = (times: number[]): number => {
        const t = [...times].sort((a, b) => a - b);
        let best = 0;
        for (let i = 0, j = 0; i < t.length; i++) {
          while ((t[j] as number) <= (t[i] as number) - 1000) j++;
          best = Math.max(best, i - j + 1);
        }
        return best;
      };
      const arrived = ledger.filter((r) => r.kind === 'sendToConversation').map((r) => r.time);
      // Transit: the k-th request issued against the k-th to arrive (order is nearly kept on loopback).
      const issuedSorted = [...issuedAt].sort((a, b) => a - b);
      const transit = arrived.slice(0, issuedSorted.length).map((t, k) => t - (issuedSorted[k] as number)).sort((a, b) => a - b);
      const pct = (q: number): number => transit[Math.min(transit.length - 1, Math.floor(q * transit.length))] ?? 0;
      if (issuedSorted.length === arrived.length) console.log(`  issue → arrival: p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms, p99.9 ${pct(0.999)} ms, max ${pct(1)} ms; over 20 ms: ${transit.filter((d) => d > 20).length}`);
      else console.log(`  issue → arrival: not compared (${issuedSorted.length} issued traced, ${arrived.length} arrived)`);
      console.log(`  connections opened to the connector: ${await connector.connections()}`);
      console.log(`  busiest sliding second: ${busiest(issuedAt)} sends issued by the sender, ${busiest(arrived)} arriving at the connector (${issuedAt.length} issued traced)`);
      const thr = throttled.map((r) => r.time);
      for (const t of thr.slice(0, 12)) {
        const inIssued = issuedAt.filter((x) => x > t - 1000 && x <= t).length;
        const inArrived = arrived.filter((x) => x > t - 1000 && x <= t).length;
        const late = stalls.filter((x) => x.at > t - 1500 && x.at <= t).map((x) => `${x.ms} ms at −${t - x.at} ms`);
        console.log(`  429 at +${((t - start) / 1000).toFixed(2)}s: ${inIssued} issued / ${inArrived} arrived in the second before; connector stalls in the 1.5 s before: ${late.join(', ') || 'none'}`);
      }
      for (const l of rateLog.filter((_, i) => i % 5 === 0)) console.log(`  ${l}`);
    }
    const perRecipient = new Map<string, number>();
    for (const r of sends) perRecipient.set(r.recipient, (perRecipient.get(r.recipient) ?? 0) + 1);
    const duplicates = [...perRecipient.values()].filter((n) => n > 1).reduce((sum, n) => sum + n - 1, 0);
    const lostPeople = recipients.filter((r) => !perRecipient.has(r.userId ?? ''));
    const lost = lostPeople.length;
    // Lost but recorded: the sender died between claim and send; the record says "in doubt" (never silent).
    const records = new Map((await runtime.deliveries.list(tenantId, jobId, 0)).map((r) => [r.personKey, r]));
    const silent = lostPeople.filter((p) => records.get(p.personKey)?.reason !== REASONS.inDoubt).length;
    const first = sends[0]?.time ?? 0;
    const last = sends[sends.length - 1]?.time ?? 0;
    const seconds = Math.max(0.001, (last - first) / 1000);
    // N deliveries in (last − first) seconds: N − 1 intervals at the achieved rate.
    const ratio = (sends.length - 1) / seconds / LIMIT;
    const counts = await runtime.deliveries.counts(tenantId, jobId, 0);
    return {
      name,
      delivered: perRecipient.size,
      duplicates,
      lost,
      seconds,
      ratio,
      seedSeconds,
      wallSeconds,
      cpu,
      load: [loadAtStart, loadavg()[0] ?? 0],
      throttled: throttled.length,
      inDoubt: counts.reasons[REASONS.inDoubt] ?? 0,
      silent,
      failed: counts.failed,
      poisoned: await runtime.queue.poisonCount()
    };
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
