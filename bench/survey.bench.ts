/**
 * Surveys (issue 3, "Performance"). Run: `npx tsx bench/survey.bench.ts [--quick]` (or `npm run bench -- survey`).
 *
 * 1. Answering: `survey.answer` Action.Execute invokes through the real HTTP endpoint of the real app
 *    (startVoiceLoop), storage on Azurite, 32 concurrent clients; beside a bare teams-ai
 *    `actionExecute` handler that only returns a small fixed card (TeamsAdapter without credentials,
 *    restify with the same body parser), measured in the same run. Workload: sessions of 30 new young
 *    people each answering a 5-question survey ("What do you think of this service?": scale, scale,
 *    yes/no, rating, free text) card after card, over many surveys. Beside both, the honest baseline
 *    (issue #18): the same bare handler making ONE Azure Tables write per request. Target: answer
 *    req/s ≥ 1.0 × the one-write baseline, answer p99 < 150 ms; the no-storage ratio is printed for reference.
 * 2. Results: the owner's `survey.results` invoke through HTTP for a survey with 100,000 answers
 *    against one with 10. Target: ratio of median times ≤ 2.
 *
 * Layout: Azurite runs in a child process (storage is remote in production) and so do the clients
 * (their cost is not charged to the bot); the bots run in this process. The machine is shared: every
 * measurement is repeated and the median is taken: answering in 6 rounds, one per order of the three
 * sides (each side first, second and last twice: what runs just before a side, its leftover GC and
 * background writes included, is the same for all three), results in 3 rounds of alternating order.
 */
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Session } from 'node:inspector/promises';
import { TableClient, type TransactionAction } from '@azure/data-tables';
import type { VoiceLoop } from '../src/voiceloop';
import { startVoiceLoop } from '../src/app';
import { surveyResultsCard } from '../src/cards/surveys/survey-cards';
import { systemClock } from '../src/domain/shared/clock';
import { type Actor, personKey } from '../src/domain/shared/conversation';
import { type AnswerValue, type Question, type Survey, cellCount, choicesOf, parseSurveySettings } from '../src/domain/surveys/survey';
import { buildResults } from '../src/domain/surveys/survey-results';
import { SurveyService } from '../src/domain/surveys/survey-service';
import { templateById } from '../src/domain/surveys/survey-templates';
import { TableDueItemRepository } from '../src/storage/shared/due-item-repository';
import { TABLES, TALLY_SHARDS, surveyKeys } from '../src/storage/shared/keys';
import { TableAttendanceRepository } from '../src/storage/sessions/session-repository';
import { TableSurveyRepository } from '../src/storage/surveys/survey-repository';
import { TableTenantSettingsRepository } from '../src/storage/surveys/survey-settings-repository';
import { TableExportLinkRepository } from '../src/storage/surveys/export-link-repository';
import { TablePreferenceRepository } from '../src/storage/preferences/preference-repository';
import { TableDeliverySettingsRepository } from '../src/storage/delivery/delivery-settings-repository';
import { FlaggedTextFilter } from '../src/domain/safeguarding/withheld-text';
import { TableAlertLedger } from '../src/storage/safeguarding/safeguarding-repository';
import { startBareBot } from './bare-bot';
import { executeAction, type TestUser, type Where } from '../test/helpers/activities';
import { CapturingTable, type Entity, type Json, answerOf, post, reply, spawnWorker } from './survey-support';
import type { LoadJob, LoadResult } from './survey-worker';

const quick = process.argv.includes('--quick');
const CONCURRENCY = 32;
const ROUNDS = 3;
/** Answering: one round per order of the three sides (see above). */
const ANSWER_ROUNDS = 6;
const PEOPLE_PER_SURVEY = 30;
const TEMPLATE = 'service-views';
const ANSWERS_PER_ROUND = quick ? 800 : 3000;
const WARMUP = quick ? 400 : 1000;
const PROFILE_ANSWERS = quick ? 400 : 1200;
/** The target is about 100,000 answers; --quick (or BENCH_ANSWERS) seeds fewer, and says so. */
const BIG_ANSWERS = Number(process.env.BENCH_ANSWERS) || (quick ? 20_000 : 100_000);
const RESULT_REQUESTS = quick ? 15 : 40;
const SECRET = 'bench-secret-bench-secret-bench-secret';
const SERVICE_URL = 'http://127.0.0.1:9/';
const BARE_VERB = 'bench.bare';
const BARE_WRITE_VERB = 'bench.bare-write';

// ---------- small helpers ----------

const out = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};
const ms = (n: number): string => `${n.toFixed(1)} ms`;

const cpuOf = async (child: ChildProcess): Promise<number> => {
  const { usage } = await reply<{ usage: NodeJS.CpuUsage }>(child, 'cpu', { type: 'cpu' });
  return (usage.user + usage.system) / 1000;
};
const ownCpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function newPerson(name: string): TestUser & Actor {
  const aad = randomUUID();
  return { id: `29:${aad}`, userId: `29:${aad}`, aadObjectId: aad, name, tenantId: '' };
}

async function startApp(connectionString: string): Promise<VoiceLoop> {
  return startVoiceLoop(
    {
      mode: 'local',
      host: '127.0.0.1',
      port: 0,
      logLevel: (process.env.LOG_LEVEL as 'warn') ?? 'warn',
      storage: { kind: 'connectionString', connectionString },
      voterHashSecret: SECRET,
      schedulerIntervalMs: 60_000,
      publicUrl: 'http://localhost'
    },
    { startScheduler: false }
  );
}

/** The baseline: teams-ai with one Action.Execute handler that only returns a small fixed card; same HTTP stack. */
function startBareAnswerBot(): Promise<{ url: string; close: () => Promise<void> }> {
  const card = {
    type: 'AdaptiveCard' as const,
    version: '1.5',
    speak: 'Question 2 of 5.',
    body: [
      { type: 'TextBlock', text: '📋 Question 2 of 5', size: 'Large', wrap: true },
      { type: 'TextBlock', text: '❓ How is it going for you?', size: 'ExtraLarge', wrap: true }
    ],
    actions: [{ type: 'Action.Execute', title: '😀 Going well', verb: BARE_VERB, data: { choice: '0' } }]
  };
  return startBareBot((app) => app.adaptiveCards.actionExecute(BARE_VERB, async () => card));
}

/**
 * The honest baseline (issue #18): the same bare teams-ai `actionExecute` handler, making ONE Azure
 * Tables write per request (the least durable work an answer needs: a row per request, in the tenant's
 * partition, on the same Azurite as the app) and returning the same card.
 */
async function startBareWriteBot(connectionString: string): Promise<{ url: string; close: () => Promise<void> }> {
  const table = TableClient.fromConnectionString(connectionString, 'benchbarewrite', { allowInsecureConnection: true });
  await table.createTable();
  const card = { type: 'AdaptiveCard' as const, version: '1.5', speak: 'Question 2 of 5.', body: [{ type: 'TextBlock', text: '📋 Question 2 of 5', wrap: true }], actions: [{ type: 'Action.Execute', title: '😀 Going well', verb: BARE_WRITE_VERB, data: { choice: '0' } }] };
  return startBareBot((app) =>
    app.adaptiveCards.actionExecute(BARE_WRITE_VERB, async (context, _state, data: { choice?: string }) => {
      const tenantId = context.activity.conversation?.tenantId ?? 'tenant';
      await table.createEntity({ partitionKey: `${tenantId}|bare`, rowKey: randomUUID(), person: context.activity.from?.aadObjectId ?? '', choice: String(data?.choice ?? '') });
      return card;
    })
  );
}

/** A published young-people survey from the template, owned by `owner` (with a safeguarding lead set). */
async function publishSurvey(app: VoiceLoop, owner: Actor, title?: string): Promise<Survey> {
  const template = templateById(TEMPLATE)!;
  const settings = parseSurveySettings({ title: title ?? template.title, cohort: 'youngPeople' }, new Date(), 'Europe/London');
  const draft = await app.surveys.createDraft({
    surveyId: randomUUID(),
    actor: owner,
    settings,
    templateId: TEMPLATE,
    conversation: {
      tenantId: owner.tenantId,
      serviceUrl: SERVICE_URL,
      channelId: 'msteams',
      conversationId: `19:bench-${owner.tenantId}@thread.v2`,
      conversationType: 'groupChat',
      botId: '28:voiceloop-bot',
      updatedAt: new Date().toISOString()
    },
    timeZone: 'Europe/London'
  });
  return app.surveys.publish(owner.tenantId, draft.surveyId, owner, draft.version);
}

async function newTenant(app: VoiceLoop): Promise<{ tenantId: string; owner: TestUser & Actor }> {
  const tenantId = randomUUID();
  const owner = { ...newPerson('Sam Staff'), tenantId };
  await app.safeguarding.setLead(tenantId, { personKey: personKey(owner), userId: owner.userId, name: owner.name });
  // Answering is measured, not the approval gate (docs/approvals.md): its young people's surveys need no plan here.
  await app.delivery.settings.update(tenantId, (settings) => ({ ...settings, engagementGate: false }));
  return { tenantId, owner };
}

const personal = (tenantId: string, who: TestUser): Where => ({ tenantId, serviceUrl: SERVICE_URL, conversationType: 'personal', conversationId: `a:${who.aadObjectId}` });

/** The first question card a person gets when they press ▶️ Start. */
async function firstCard(app: VoiceLoop, tenantId: string, surveyId: string): Promise<Json> {
  const someone = newPerson('Setup');
  const { status, body } = await post(`${app.url}/api/messages`, executeAction(personal(tenantId, someone), someone, 'survey.start', { surveyId }));
  const card = body.value as Json | undefined;
  if (status !== 200 || card?.type !== 'AdaptiveCard') throw new Error(`survey.start answered ${status}: ${JSON.stringify(body).slice(0, 300)}`);
  return card;
}

/** One person answers every question of a survey through HTTP, card after card. */
async function answerThroughHttp(app: VoiceLoop, tenantId: string, surveyId: string, first: Json): Promise<number> {
  const person = newPerson('Young person');
  let card = first;
  let answered = 0;
  for (let data = answerOf(card); data; data = answerOf(card)) {
    const { status, body } = await post(`${app.url}/api/messages`, executeAction(personal(tenantId, person), person, 'survey.answer', data));
    if (status !== 200) throw new Error(`survey.answer answered ${status}: ${JSON.stringify(body).slice(0, 300)}`);
    card = body.value as Json;
    answered++;
  }
  return answered;
}

// ---------- CPU profile of this (the bot's) process, summarised by package ----------

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber?: number };
  hitCount?: number;
  children?: number[];
}

/** BENCH_TOP=n: also the n functions with most inclusive time (a function counted once per sample). */
const TOP = Number(process.env.BENCH_TOP) || 0;

function bucketOf(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native / V8 builtins)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const own = /\/(src|bench|test)\/(.+)$/.exec(url);
  if (own) return `voiceloop ${own[1]}/${own[2]}`;
  if (url.startsWith('node:')) return `node ${url.slice(5).split('/')[0]}`;
  return url;
}

async function profiled<T>(run: () => Promise<T>): Promise<{ result: T; buckets: Map<string, number>; totalMs: number; inclusive: Map<string, number> }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  const result = await run();
  const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } };
  session.disconnect();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inclusive = new Map<string, number>();
  const buckets = new Map<string, number>();
  let totalMs = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const dt = (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0) / 1000;
    if (!node || node.callFrame.functionName === '(idle)') return;
    const bucket = bucketOf(node.callFrame.url, node.callFrame.functionName);
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + dt);
    totalMs += dt;
    if (TOP > 0) {
      const own = `self: ${node.callFrame.functionName || '(anon)'} ${bucket.replace('voiceloop ', '')}:${(node.callFrame.lineNumber ?? 0) + 1}`;
      inclusive.set(own, (inclusive.get(own) ?? 0) + dt);
      const seen = new Set<string>();
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const f = byId.get(at)!.callFrame;
        const name = `${f.functionName || '(anon)'} ${bucketOf(f.url, f.functionName).replace('voiceloop ', '')}:${(f.lineNumber ?? 0) + 1}`;
        if (!seen.has(name)) inclusive.set(name, (inclusive.get(name) ?? 0) + dt);
        seen.add(name);
      }
    }
  });
  return { result, buckets, totalMs, inclusive };
}

// ---------- storage calls of the bot, counted by wrapping its TableClients (bench only) ----------

type CallStats = Map<string, { calls: number; ms: number }>;

function instrument(app: VoiceLoop): { stats: CallStats; restore: () => void } {
  const stats: CallStats = new Map();
  const restores: (() => void)[] = [];
  for (const table of Object.values(TABLES)) {
    const client = app.tables.client(table) as unknown as Record<string, unknown>;
    for (const method of ['getEntity', 'createEntity', 'updateEntity', 'upsertEntity', 'deleteEntity', 'submitTransaction', 'listEntities']) {
      const original = client[method] as (...args: unknown[]) => unknown;
      const record = (t0: number, args: unknown[]): void => {
        // Survey rows by partition (summary or answers) and row kind, to show which reads remain.
        const entity = (typeof args[0] === 'object' && args[0] !== null ? args[0] : { partitionKey: args[0], rowKey: args[1] }) as { partitionKey?: unknown; rowKey?: unknown };
        const row =
          table === TABLES.surveys && typeof entity.partitionKey === 'string' && typeof entity.rowKey === 'string'
            ? ` ${entity.partitionKey.includes('|survey-sum|') ? 'summary' : 'answers'}:${entity.rowKey.split('|')[0]}`
            : '';
        const key = `${table}.${method}${row}`;
        const s = stats.get(key) ?? { calls: 0, ms: 0 };
        s.calls++;
        s.ms += performance.now() - t0;
        stats.set(key, s);
      };
      client[method] = function (this: unknown, ...args: unknown[]) {
        const t0 = performance.now();
        const value = original.apply(this, args);
        if (value instanceof Promise) return value.finally(() => record(t0, args));
        record(t0, args);
        return value;
      };
      restores.push(() => {
        client[method] = original;
      });
    }
  }
  return { stats, restore: () => restores.forEach((r) => r()) };
}

// ---------- 1. answering ----------

interface RunStats {
  rps: number;
  p50: number;
  p99: number;
  botCpuPerReq: number;
  storageCpuPerReq: number;
  clientCpuPerReq: number;
  errors: string[];
}

async function answerBench(app: VoiceLoop, bare: { url: string }, bareWrite: { url: string }, load: ChildProcess, storage: ChildProcess): Promise<{ ok: boolean; summary: string[] }> {
  const { tenantId, owner } = await newTenant(app);
  const total = WARMUP + ANSWER_ROUNDS * ANSWERS_PER_ROUND + PROFILE_ANSWERS;
  const needed = Math.ceil(total / (PEOPLE_PER_SURVEY * 5)) + CONCURRENCY + 2;
  const setupStarted = performance.now();
  const surveys: { surveyId: string; firstCard: Json }[] = [];
  for (let i = 0; i < needed; i += 8) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(8, needed - i) }, async () => {
        const survey = await publishSurvey(app, owner);
        return { surveyId: survey.surveyId, firstCard: await firstCard(app, tenantId, survey.surveyId) };
      })
    );
    surveys.push(...batch);
  }
  out(`set-up: ${surveys.length} published surveys ("${templateById(TEMPLATE)!.title}", 5 questions) in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s`);

  const run = async (kind: 'bare' | 'write' | 'answer', requests: number): Promise<RunStats> => {
    const job: LoadJob =
      kind === 'bare'
        ? { kind, url: bare.url, verb: BARE_VERB, tenantId, concurrency: CONCURRENCY, requests }
        : kind === 'write'
        ? { kind: 'bare', url: bareWrite.url, verb: BARE_WRITE_VERB, tenantId, concurrency: CONCURRENCY, requests }
        : { kind, url: `${app.url}/api/messages`, tenantId, concurrency: CONCURRENCY, requests, surveys, peoplePerSurvey: PEOPLE_PER_SURVEY };
    const [s0, l0, b0] = [await cpuOf(storage), await cpuOf(load), ownCpu()];
    const { result } = await reply<{ result: LoadResult }>(load, 'result', { type: 'job', job });
    const [b1, s1, l1] = [ownCpu(), await cpuOf(storage), await cpuOf(load)];
    const n = result.latencies.length;
    return {
      rps: n / (result.elapsedMs / 1000),
      p50: pct(result.latencies, 50),
      p99: pct(result.latencies, 99),
      botCpuPerReq: (b1 - b0) / n,
      storageCpuPerReq: (s1 - s0) / n,
      clientCpuPerReq: (l1 - l0) / n,
      errors: result.errors
    };
  };

  out(`warm-up: ${WARMUP} requests each`);
  await run('bare', WARMUP);
  await run('write', WARMUP);
  const warm = await run('answer', WARMUP);
  if (warm.errors.length > 0) throw new Error(`answer warm-up failed: ${warm.errors.slice(0, 3).join('; ')}`);

  const rows: { round: number; bare: RunStats; write: RunStats; answer: RunStats }[] = [];
  const orders: ('bare' | 'write' | 'answer')[][] = [
    ['bare', 'write', 'answer'],
    ['answer', 'write', 'bare'],
    ['write', 'answer', 'bare'],
    ['bare', 'answer', 'write'],
    ['write', 'bare', 'answer'],
    ['answer', 'bare', 'write']
  ];
  for (let round = 1; round <= ANSWER_ROUNDS; round++) {
    const stats: Partial<Record<'bare' | 'write' | 'answer', RunStats>> = {};
    for (const kind of orders[(round - 1) % orders.length] ?? []) stats[kind] = await run(kind, ANSWERS_PER_ROUND);
    const { bare: bareStats, write: writeStats, answer: answerStats } = stats as Record<'bare' | 'write' | 'answer', RunStats>;
    const errors = [...bareStats.errors, ...writeStats.errors, ...answerStats.errors];
    if (errors.length > 0) throw new Error(`round ${round}: ${errors.length} failed requests, e.g. ${errors.slice(0, 3).join('; ')}`);
    rows.push({ round, bare: bareStats, write: writeStats, answer: answerStats });
  }

  out(`\nanswering: ${CONCURRENCY} concurrent clients, ${ANSWERS_PER_ROUND} requests per side per round, sessions of ${PEOPLE_PER_SURVEY} new people per survey`);
  out('round   bare req/s  p99      | 1-write req/s  p50     p99      | answer req/s  p50     p99      | ÷1-write ÷bare  | bot CPU/req bare→1-write→answer  Azurite CPU/req 1-write→answer  clients CPU/req 1-write→answer');
  for (const { round, bare: b, write: w, answer: a } of rows) {
    out(
      `${String(round).padEnd(7)} ${b.rps.toFixed(0).padStart(10)}  ${ms(b.p99).padEnd(8)} | ${w.rps.toFixed(0).padStart(13)}  ${ms(w.p50).padEnd(7)} ${ms(w.p99).padEnd(8)} | ${a.rps.toFixed(0).padStart(12)}  ${ms(a.p50).padEnd(7)} ${ms(a.p99).padEnd(8)} | ${(a.rps / w.rps).toFixed(3).padStart(8)} ${(a.rps / b.rps).toFixed(3)} | ${b.botCpuPerReq.toFixed(2)} → ${w.botCpuPerReq.toFixed(2)} → ${a.botCpuPerReq.toFixed(2)} ms    ${w.storageCpuPerReq.toFixed(2)} → ${a.storageCpuPerReq.toFixed(2)} ms    ${w.clientCpuPerReq.toFixed(2)} → ${a.clientCpuPerReq.toFixed(2)} ms`
    );
  }
  const ratio = median(rows.map((r) => r.answer.rps / r.write.rps));
  const bareRatio = median(rows.map((r) => r.answer.rps / r.bare.rps));
  const p99 = median(rows.map((r) => r.answer.p99));
  const writeP99 = median(rows.map((r) => r.write.p99));
  const bareP99 = median(rows.map((r) => r.bare.p99));
  const ok = ratio >= 1.0 && p99 < 150;
  const summary = [
    `answer / bare-with-one-Tables-write req/s ratio (median of ${ANSWER_ROUNDS}): ${ratio.toFixed(3)} (target ≥ 1.0: ${ratio >= 1.0 ? 'met' : 'NOT met'}); ` +
      `answer ${median(rows.map((r) => r.answer.rps)).toFixed(0)} req/s vs one-write ${median(rows.map((r) => r.write.rps)).toFixed(0)} req/s`,
    `answer p99 (median of ${ANSWER_ROUNDS}): ${ms(p99)} (target < 150 ms: ${p99 < 150 ? 'met' : 'NOT met'}); one-write p99 ${ms(writeP99)}; bare p99 ${ms(bareP99)}`,
    `for reference, answer / bare handler with no storage: ${bareRatio.toFixed(3)} (answer ${median(rows.map((r) => r.answer.rps)).toFixed(0)} vs ${median(rows.map((r) => r.bare.rps)).toFixed(0)} req/s)`
  ];
  summary.forEach((l) => out(l));

  // Where an answer's time goes: the bot's storage calls and its CPU profile (a separate, shorter run).
  const { stats, restore } = instrument(app);
  const profile = await profiled(() => run('answer', PROFILE_ANSWERS));
  restore();
  const bareProfile = await profiled(() => run('bare', PROFILE_ANSWERS));
  const writeProfile = await profiled(() => run('write', PROFILE_ANSWERS));
  const n = PROFILE_ANSWERS;
  out(`\nprofile of ${n} answers (instrumented run, ${profile.result.rps.toFixed(0)} req/s): storage calls per answer by the bot`);
  for (const [key, s] of [...stats.entries()].sort((a, b) => b[1].calls - a[1].calls)) {
    out(`  ${key.padEnd(34)} ${(s.calls / n).toFixed(2).padStart(5)} calls/answer, mean ${ms(s.ms / s.calls)} each (wall, under load)`);
  }
  const callsPerAnswer = [...stats.values()].reduce((a, s) => a + s.calls, 0) / n;
  out(`  total ${callsPerAnswer.toFixed(2)} storage requests per answer; Azurite CPU ${profile.result.storageCpuPerReq.toFixed(2)} ms/answer`);
  const showProfile = (label: string, p: { buckets: Map<string, number>; totalMs: number; inclusive: Map<string, number> }, per: number): void => {
    out(`${label}: bot-process CPU ${(p.totalMs / per).toFixed(2)} ms/request, by package (self time):`);
    for (const [bucket, t] of [...p.buckets.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12)) {
      out(`  ${bucket.padEnd(46)} ${(t / per).toFixed(3)} ms  ${((100 * t) / p.totalMs).toFixed(0).padStart(3)}%`);
    }
    if (TOP > 0) out(`${label}: the ${TOP} functions with most inclusive time ("self:" lines: self time)`);
    for (const [name, t] of [...p.inclusive.entries()].sort((a, b) => b[1] - a[1]).slice(0, TOP)) {
      out(`  ${name.slice(0, 90).padEnd(90)} ${(t / per).toFixed(3)} ms  ${((100 * t) / p.totalMs).toFixed(0).padStart(3)}%`);
    }
  };
  showProfile('answer', profile, n);
  showProfile('bare', bareProfile, n);
  showProfile('1-write', writeProfile, n);
  out('answer − 1-write, bot CPU by package (ms/request, the largest differences):');
  const packages = new Set([...profile.buckets.keys(), ...writeProfile.buckets.keys()]);
  const diffs = [...packages].map((k) => [k, ((profile.buckets.get(k) ?? 0) - (writeProfile.buckets.get(k) ?? 0)) / n] as const);
  for (const [bucket, d] of diffs.sort((a, b) => Math.abs(b[1]) - Math.abs(a[1])).slice(0, 14)) out(`  ${bucket.padEnd(46)} ${d >= 0 ? '+' : ''}${d.toFixed(3)} ms`);
  return { ok, summary };
}

// ---------- 2. results with 100,000 answers ----------

const randomAnswer = (question: Question): { data: Json; answer: AnswerValue } => {
  if (Math.random() < 0.05) return { data: { skip: 'true' }, answer: { kind: 'skip' } };
  if (question.type === 'text') {
    const text = `Answer ${randomUUID().slice(0, 8)}: more trips please.`;
    return { data: { text }, answer: { kind: 'text', text } };
  }
  const choices = choicesOf(question);
  const c = choices[Math.floor(Math.random() * choices.length)]!.value;
  return { data: { choice: String(c) }, answer: { kind: 'choice', choices: [c] } };
};

/**
 * Seeds `people` respondents × every question through the real answer code (SurveyService.answer →
 * TableSurveyRepository.recordAnswer, TableAttendanceRepository.record) against CapturingTable, then
 * writes what it produced: the 8 tally shards through the Table API in one transaction guarded by the
 * ETags they had before seeding, and the new rows (answers, respondent markers, attendance) straight
 * into the emulator's store (bench/survey-worker.ts `insertRows`: Azurite's own insert scans the
 * partition for every row, so 100,000 rows through its API take about half an hour here).
 */
async function seedAnswers(
  app: VoiceLoop,
  storage: ChildProcess,
  storageIndex: number,
  survey: Survey,
  people: number
): Promise<{ expected: Record<string, number[]>; samples: { person: Actor; question: Question; answer: AnswerValue }[]; lines: string[] }> {
  const started = performance.now();
  const capSurveys = new CapturingTable();
  const capAttendance = new CapturingTable();
  const spare = new CapturingTable();
  const realSurveys = app.tables.client(TABLES.surveys);
  const rowsToLoad = [
    surveyKeys.survey(survey.tenantId, survey.surveyId),
    ...Array.from({ length: TALLY_SHARDS }, (_, s) => surveyKeys.surveyTally(survey.tenantId, survey.surveyId, s)),
    ...Array.from({ length: TALLY_SHARDS }, (_, s) => surveyKeys.surveyTallyCopy(survey.tenantId, survey.surveyId, s))
  ];
  for (const key of rowsToLoad) {
    const entity = await realSurveys.getEntity<Record<string, unknown>>(key.partitionKey, key.rowKey);
    capSurveys.load(entity as Entity, entity.etag);
  }
  const asClient = (t: CapturingTable): TableClient => t as unknown as TableClient;
  const seeding = new SurveyService({
    surveys: new TableSurveyRepository(asClient(capSurveys)),
    attendance: new TableAttendanceRepository(asClient(capAttendance)),
    preferences: new TablePreferenceRepository(asClient(spare)),
    settings: new TableTenantSettingsRepository(asClient(spare)),
    exportLinks: new TableExportLinkRepository(asClient(spare)),
    due: new TableDueItemRepository(asClient(spare)),
    clock: systemClock,
    voterHashSecret: SECRET,
    withheld: new FlaggedTextFilter({ settings: new TableDeliverySettingsRepository(asClient(spare)), alerts: new TableAlertLedger(asClient(spare)), clock: systemClock })
  });
  const expected: Record<string, number[]> = {};
  const samples: { person: Actor; question: Question; answer: AnswerValue }[] = [];
  for (const q of survey.questions) expected[q.id] = Array.from({ length: cellCount(q) + 2 }, () => 0);
  for (let p = 0; p < people; p++) {
    const person = { ...newPerson(`Seeded ${p}`), tenantId: survey.tenantId };
    for (const question of survey.questions) {
      const { data, answer } = randomAnswer(question);
      const stored = await seeding.answer(survey.tenantId, survey.surveyId, person, { version: survey.version, questionId: question.id, ...data });
      if (!stored.changed) throw new Error('a seeded answer did not change anything');
      const cells = expected[question.id]!;
      if (answer.kind === 'skip') cells[cellCount(question)]!++;
      else {
        if (answer.kind === 'choice') for (const c of answer.choices) cells[c]!++;
        cells[cellCount(question) + 1]!++;
      }
      if (p % Math.max(1, Math.floor(people / 40)) === 0) samples.push({ person, question, answer });
    }
  }
  await seeding.tally(survey); // waits for the summary writes that follow each commit
  const computed = performance.now();
  // The tally shards, and their copies in the summary partition: one entity-group transaction per
  // partition, each update guarded by its pre-seeding ETag. The newest-texts rows are new summary rows.
  const surveyChanges = capSurveys.changes();
  const updatesIn = (partitionKey: string): TransactionAction[] =>
    surveyChanges.filter((c) => c.realEtag && c.entity.partitionKey === partitionKey).map((c) => ['update', c.entity, 'Replace', { etag: c.realEtag }]);
  const summaryPartition = surveyKeys.surveySummaryPartition(survey.tenantId, survey.surveyId);
  const shardUpdates = updatesIn(surveyKeys.surveyPartition(survey.tenantId, survey.surveyId));
  const copyUpdates = updatesIn(summaryPartition);
  const summaryCreates: TransactionAction[] = surveyChanges.filter((c) => !c.realEtag && c.entity.partitionKey === summaryPartition).map((c) => ['create', c.entity]);
  const insert = async (table: string, rows: Entity[]): Promise<number> => {
    let inTable = 0;
    for (let i = 0; i < rows.length; i += 20_000) {
      ({ rowsInTable: inTable } = await reply<{ rowsInTable: number }>(storage, 'inserted', { type: 'insert', index: storageIndex, table, rows: rows.slice(i, i + 20_000) }));
    }
    return inTable;
  };
  const newSurveyRows = surveyChanges.filter((c) => !c.realEtag && c.entity.partitionKey !== summaryPartition).map((c) => c.entity);
  const attendanceRows = capAttendance.changes().map((c) => c.entity);
  if (newSurveyRows.some((r) => r.partitionKey !== surveyKeys.surveyPartition(survey.tenantId, survey.surveyId))) throw new Error('a seeded row is outside the survey');
  const surveyTableRows = await insert(TABLES.surveys, newSurveyRows);
  await insert(TABLES.attendance, attendanceRows);
  await realSurveys.submitTransaction(shardUpdates);
  await realSurveys.submitTransaction([...copyUpdates, ...summaryCreates]);
  const written = performance.now();
  const answersRows = newSurveyRows.filter((r) => r.rowKey.startsWith('answer|')).length;
  return {
    expected,
    samples,
    lines: [
      `seeding: the real SurveyService.answer → TableSurveyRepository.recordAnswer / TableAttendanceRepository.record code answered ` +
        `${people} people × ${survey.questions.length} questions against an in-memory TableClient stand-in (${((computed - started) / 1000).toFixed(1)} s);`,
      `  its rows were then written: ${answersRows} answer rows + ${newSurveyRows.length - answersRows} respondent markers (surveys table now ${surveyTableRows} rows) ` +
        `and ${attendanceRows.length} attendance rows straight into the emulator's store, and the tally shards used (${shardUpdates.length}) and their summary copies (${copyUpdates.length}) ` +
        `(+ ${summaryCreates.length} newest-texts rows) through the Table API in two ETag-guarded transactions (${((written - computed) / 1000).toFixed(1)} s)`
    ]
  };
}

async function timeResults(app: VoiceLoop, tenantId: string, owner: TestUser, surveyId: string, n: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const { status, body } = await post(`${app.url}/api/messages`, executeAction(personal(tenantId, owner), owner, 'survey.results', { surveyId }));
    times.push(performance.now() - t0);
    if (status !== 200 || (body.value as Json | undefined)?.type !== 'AdaptiveCard') throw new Error(`survey.results answered ${status}: ${JSON.stringify(body).slice(0, 300)}`);
  }
  return times;
}

async function timeIt(n: number, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

async function resultsBench(smallApp: VoiceLoop, bigApp: VoiceLoop, storage: ChildProcess, bigStorageIndex: number): Promise<{ ok: boolean; summary: string[] }> {
  // The 10-answer survey in its own storage (a table of ordinary size); the 100,000-answer survey in
  // another, with a 10-answer neighbour in the same table as it.
  const small = await newTenant(smallApp);
  const big = await newTenant(bigApp);
  const smallSurvey = await publishSurvey(smallApp, small.owner, 'Ten answers');
  const bigSurvey = await publishSurvey(bigApp, big.owner, 'A hundred thousand answers');
  const neighbour = await publishSurvey(bigApp, big.owner, 'Ten answers, next to the big one');
  const smallFirst = await firstCard(smallApp, small.tenantId, smallSurvey.surveyId);
  const neighbourFirst = await firstCard(bigApp, big.tenantId, neighbour.surveyId);
  let n = 0;
  for (let p = 0; p < 2; p++) n += await answerThroughHttp(smallApp, small.tenantId, smallSurvey.surveyId, smallFirst);
  for (let p = 0; p < 2; p++) await answerThroughHttp(bigApp, big.tenantId, neighbour.surveyId, neighbourFirst);
  out(`\nresults: small survey has ${n} answers (2 people × 5 questions, through the HTTP answer invoke)`);

  const questions = bigSurvey.questions.length;
  const viaHttp = 2;
  const seededPeople = BIG_ANSWERS / questions - viaHttp;
  const { expected, samples, lines } = await seedAnswers(bigApp, storage, bigStorageIndex, bigSurvey, seededPeople);
  lines.forEach((l) => out(l));
  const seededTally = await bigApp.surveys.tally(bigSurvey);
  for (const q of bigSurvey.questions) {
    if (JSON.stringify(seededTally.questions[q.id]) !== JSON.stringify(expected[q.id])) {
      throw new Error(`seeded tally of ${q.id} is ${JSON.stringify(seededTally.questions[q.id])}, expected ${JSON.stringify(expected[q.id])}`);
    }
  }
  if (seededTally.respondents !== seededPeople) throw new Error(`seeded respondents ${seededTally.respondents}, expected ${seededPeople}`);
  // Seeded rows read back through the real repository, as the answer path reads them.
  const bigRepo = new TableSurveyRepository(bigApp.tables.client(TABLES.surveys));
  for (const { person, question, answer } of samples) {
    const read = await bigRepo.answerOf(bigSurvey.tenantId, bigSurvey.surveyId, question.id, bigApp.surveys.respondentKey(bigSurvey, person));
    if (JSON.stringify(read) !== JSON.stringify(answer)) throw new Error(`seeded answer read back as ${JSON.stringify(read)}, expected ${JSON.stringify(answer)}`);
  }
  const bigFirst = await firstCard(bigApp, big.tenantId, bigSurvey.surveyId);
  let last = 0;
  for (let p = 0; p < viaHttp; p++) last += await answerThroughHttp(bigApp, big.tenantId, bigSurvey.surveyId, bigFirst);
  const finalTally = await bigApp.surveys.tally(bigSurvey);
  const answers = Object.values(finalTally.questions).reduce((sum, cells) => sum + cells.at(-1)! + cells.at(-2)!, 0);
  out(
    `checked: the tally read back equals the seeded answers cell by cell, ${samples.length} sampled answer rows read back through answerOf; then ${last} more answers through the HTTP invoke on top: ` +
      `${finalTally.respondents} respondents, ${answers} answers in the tally`
  );
  if (answers !== BIG_ANSWERS) throw new Error(`the big survey has ${answers} answers, expected ${BIG_ANSWERS}`);

  // Warm-up, then rounds in which the requests alternate: small, big, neighbour, small, big, … (one
  // client, sequential), so that the machine's noise falls on all three alike.
  await timeResults(smallApp, small.tenantId, small.owner, smallSurvey.surveyId, 5);
  await timeResults(bigApp, big.tenantId, big.owner, bigSurvey.surveyId, 3);
  const rows: { small: number; big: number; neighbour: number; bigP95: number }[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const s: number[] = [];
    const b: number[] = [];
    const nb: number[] = [];
    for (let i = 0; i < RESULT_REQUESTS; i++) {
      s.push(...(await timeResults(smallApp, small.tenantId, small.owner, smallSurvey.surveyId, 1)));
      b.push(...(await timeResults(bigApp, big.tenantId, big.owner, bigSurvey.surveyId, 1)));
      nb.push(...(await timeResults(bigApp, big.tenantId, big.owner, neighbour.surveyId, 1)));
    }
    rows.push({ small: median(s), big: median(b), neighbour: median(nb), bigP95: pct(b, 95) });
  }
  out(`\nresults card (owner's survey.results invoke through HTTP), median of ${RESULT_REQUESTS} requests each per round, alternating`);
  out(`round   10 answers   ${BIG_ANSWERS.toLocaleString('en-GB')} answers (p95)     ratio   | 10 answers in the big table`);
  rows.forEach((r, i) =>
    out(`${String(i + 1).padEnd(7)} ${ms(r.small).padStart(10)}   ${ms(r.big).padStart(12)} (${ms(r.bigP95)})  ${(r.big / r.small).toFixed(2).padStart(8)}   | ${ms(r.neighbour)}`)
  );
  const ratio = median(rows.map((r) => r.big / r.small));
  const atTarget = BIG_ANSWERS >= 100_000;
  const ok = !atTarget || ratio <= 2;
  const verdict = atTarget ? (ok ? 'met' : 'NOT met') : `not judged: ${BIG_ANSWERS.toLocaleString('en-GB')} answers in this run, run without --quick`;
  const summary = [`results ${BIG_ANSWERS.toLocaleString('en-GB')}/10 answers time ratio (median of ${ROUNDS}): ${ratio.toFixed(2)} (target ≤ 2 at 100,000: ${verdict})`];
  summary.forEach((l) => out(l));

  // Breakdown: the same calls the results path makes, timed one by one (same repository code, same clients).
  out('\nbreakdown of the results path (median of 7 calls each):');
  out(`  step                                              10 answers   ${BIG_ANSWERS.toLocaleString('en-GB')} answers`);
  const textQuestion = bigSurvey.questions.find((q) => q.type === 'text')!;
  const step = async (label: string, fn: (app: VoiceLoop, survey: Survey) => Promise<unknown>): Promise<void> => {
    const a = await timeIt(7, () => fn(smallApp, smallSurvey));
    const b = await timeIt(7, () => fn(bigApp, bigSurvey));
    out(`  ${label.padEnd(50)} ${ms(a).padStart(10)}   ${ms(b).padStart(12)}`);
  };
  const repo = (app: VoiceLoop): TableSurveyRepository => new TableSurveyRepository(app.tables.client(TABLES.surveys));
  await step('SurveyRepository.get (point read of meta)', (app, s) => repo(app).get(s.tenantId, s.surveyId));
  await step('SurveyRepository.tally (summary copies)', (app, s) => repo(app).tally(s.tenantId, s.surveyId));
  await step('8 point reads of the real shards (not read by results)', (app, s) =>
    Promise.all(Array.from({ length: TALLY_SHARDS }, (_, i) => {
      const key = surveyKeys.surveyTally(s.tenantId, s.surveyId, i);
      return app.tables.client(TABLES.surveys).getEntity(key.partitionKey, key.rowKey);
    }))
  );
  await step(`SurveyRepository.freeTexts(${textQuestion.id}, 20) (summary row)`, (app, s) => repo(app).freeTexts(s.tenantId, s.surveyId, textQuestion.id, 20));
  await step('SurveyService.threshold (point read of settings)', (app, s) => app.surveys.threshold(s.tenantId));
  const smallTally = await smallApp.surveys.tally(smallSurvey);
  const cardOnly = async (survey: Survey, tally: typeof smallTally): Promise<unknown> =>
    surveyResultsCard(buildResults(survey, tally, { forOwner: true, threshold: 5, freeTexts: { [textQuestion.id]: Array.from({ length: 20 }, (_, i) => `text ${i}`) } }));
  const ca = await timeIt(5, () => cardOnly(smallSurvey, smallTally));
  const cb = await timeIt(5, () => cardOnly(bigSurvey, finalTally));
  out(`  ${'buildResults + surveyResultsCard (pure)'.padEnd(50)} ${ms(ca).padStart(10)}   ${ms(cb).padStart(12)}`);
  return { ok, summary };
}

// ---------- main ----------

async function main(): Promise<void> {
  out(`survey bench${quick ? ' (--quick)' : ''}: ${new Date().toISOString()}`);
  const storage = spawnWorker(['storage', '3']);
  const { connectionStrings } = await reply<{ connectionStrings: string[] }>(storage, 'ready');
  const load = spawnWorker(['load']);
  await reply(load, 'ready');
  const apps: VoiceLoop[] = [];
  let bare: { url: string; close: () => Promise<void> } | undefined;
  let bareWrite: { url: string; close: () => Promise<void> } | undefined;
  try {
    for (const cs of connectionStrings) apps.push(await startApp(cs));
    bare = await startBareAnswerBot();
    bareWrite = await startBareWriteBot(connectionStrings[0]!);
    // `--only=answer` or `--only=results` runs one part.
    const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);
    const answering = only === 'results' ? undefined : await answerBench(apps[0]!, bare, bareWrite, load, storage);
    const results = only === 'answer' ? undefined : await resultsBench(apps[1]!, apps[2]!, storage, 2);
    out('\n=== summary');
    [...(answering?.summary ?? []), ...(results?.summary ?? [])].forEach((l) => out(l));
    if (answering?.ok === false || results?.ok === false) process.exitCode = 1;
  } finally {
    await bare?.close();
    await bareWrite?.close();
    for (const app of apps) await app.close();
    load.send({ type: 'close' });
    storage.send({ type: 'close' });
  }
}

main().catch((error: unknown) => {
  const cause = error instanceof Error && error.cause ? `\ncaused by: ${String(error.cause)}` : '';
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}${cause}\n`);
  process.exit(1);
});
