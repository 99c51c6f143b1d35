/**
 * Messaging-extension search with 10,000 items in the tenant (issue 7): p95 latency of a
 * `composeExtension/query` through the real HTTP endpoint against Azurite, beside the p95 of a bare
 * teams-ai query handler (same adapter, same HTTP stack, no storage) measured in the same run.
 * Target: search p95 under 300 ms. Run: `npx tsx bench/search.bench.ts [--quick]`.
 */
import { randomUUID } from 'node:crypto';
import { startVoiceLoop } from '../src/app';
import type { Actor } from '../src/domain/conversation';
import { startEmbeddedStorage } from '../src/storage/emulator';
import { startBareBot } from './bare-bot';

const quick = process.argv.includes('--quick');
const ITEMS = Number(process.env.BENCH_ITEMS) || (quick ? 1_000 : 10_000);
const QUERIES = quick ? 100 : 300;
const SEED_CONCURRENCY = 16;
const TENANT = randomUUID();

const WORDS = `youth club summer holiday transport budget sensory room waiting times clinic speech therapy
  college transition short breaks respite parent carers forum school nurse wheelchair access ramp lift
  toilet changing places playground swimming pool library bus train taxi app website leaflet easy read
  symbols signing friends lunch break music art drama football cricket cinema bowling camp trip museum
  garden park beach theatre dance gaming coding cooking baking reading writing maths science history`
  .split(/\s+/)
  .filter(Boolean);

function pick<T>(list: T[], n: number): T[] {
  return Array.from({ length: n }, () => list[Math.floor(Math.random() * list.length)]!);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function timeQueries(url: string, makeActivity: () => unknown): Promise<{ p50: number; p95: number }> {
  const times: number[] = [];
  for (let i = 0; i < QUERIES; i++) {
    const started = performance.now();
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(makeActivity()) });
    await response.text();
    if (response.status !== 200) throw new Error(`query answered ${response.status}`);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

function queryActivity(text: string, userAad: string) {
  return {
    type: 'invoke',
    name: 'composeExtension/query',
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:9/',
    from: { id: `29:${userAad}`, aadObjectId: userAad, name: 'Bench' },
    recipient: { id: '28:bot', name: 'VoiceLoop' },
    conversation: { id: '19:bench@thread.v2', conversationType: 'groupChat', tenantId: TENANT, isGroup: true },
    channelData: { tenant: { id: TENANT } },
    value: { commandId: 'search', parameters: [{ name: 'query', value: text }], queryOptions: { skip: 0, count: 25 } }
  };
}

/** The baseline: teams-ai with a query handler that only returns a fixed result. */
const startBareSearchBot = () =>
  startBareBot((app) => app.messageExtensions.query('search', async () => ({ type: 'result', attachmentLayout: 'list', attachments: [] })));

async function main(): Promise<void> {
  const storage = await startEmbeddedStorage({ tablePort: 0, queuePort: 0 });
  const voiceloop = await startVoiceLoop(
    {
      mode: 'local',
      host: '127.0.0.1',
      port: 0,
      logLevel: (process.env.LOG_LEVEL as 'warn') ?? 'warn',
      storage: { kind: 'connectionString', connectionString: storage.connectionString },
      voterHashSecret: 'bench-secret-bench-secret-bench-secret',
      schedulerIntervalMs: 60_000,
      publicUrl: 'http://localhost'
    },
    { startScheduler: false }
  );
  const bare = await startBareSearchBot();
  try {
    // Seed: ITEMS polls by 50 authors in 50 chats, with titles from a small vocabulary.
    const authors: Actor[] = Array.from({ length: 50 }, (_, i) => {
      const aad = randomUUID();
      return { tenantId: TENANT, userId: `29:${aad}`, aadObjectId: aad, name: `Author ${i}` };
    });
    const seedStarted = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: SEED_CONCURRENCY }, async () => {
        while (next < ITEMS) {
          const i = next++;
          const author = authors[i % authors.length]!;
          await voiceloop.polls.create({
            pollId: randomUUID(),
            actor: author,
            draft: { question: `${pick(WORDS, 5).join(' ')}?`, options: ['Yes', 'No'], anonymous: false, resultsVisibility: 'live', chart: 'bar' },
            conversation: {
              tenantId: TENANT,
              serviceUrl: 'http://127.0.0.1:9/',
              channelId: 'msteams',
              conversationId: i % 2 === 0 ? '19:bench@thread.v2' : `19:chat-${i % 50}@thread.v2`,
              conversationType: 'groupChat',
              botId: '28:bot',
              updatedAt: new Date().toISOString()
            },
            timeZone: 'Europe/London'
          });
        }
      })
    );
    process.stdout.write(`seeded ${ITEMS} polls in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s\n`);

    const viewer = authors[0]!.aadObjectId!;
    const search = await timeQueries(`${voiceloop.url}/api/messages`, () => queryActivity(pick(WORDS, 1)[0]!.slice(0, 4), viewer));
    const baseline = await timeQueries(bare.url, () => queryActivity('anything', viewer));

    process.stdout.write(
      [
        `search (${ITEMS} items, ${QUERIES} queries): p50 ${search.p50.toFixed(1)} ms, p95 ${search.p95.toFixed(1)} ms (target < 300 ms: ${search.p95 < 300 ? 'met' : 'NOT met'})`,
        `bare teams-ai query handler:          p50 ${baseline.p50.toFixed(1)} ms, p95 ${baseline.p95.toFixed(1)} ms`,
        `ratio search p95 / bare p95: ${(search.p95 / baseline.p95).toFixed(2)}`
      ].join('\n') + '\n'
    );
    if (search.p95 >= 300) process.exitCode = 1;
  } finally {
    await bare.close();
    await voiceloop.close();
    await storage.close();
  }
}

main().catch((error: unknown) => {
  const cause = error instanceof Error && error.cause ? `\ncaused by: ${String(error.cause)}` : '';
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}${cause}\n`);
  process.exit(1);
});
