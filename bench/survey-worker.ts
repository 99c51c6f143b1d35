/**
 * Child processes of bench/survey.bench.ts (not a bench itself).
 *   `storage N`: N in-memory Azurite instances (the storage is remote in production, so it gets its
 *                own process and does not share the bot's event loop).
 *   `load`:      the HTTP clients (plain fetch loops), so their cost is not charged to the bot process.
 * Both report their own CPU time on request, so the bench can say where the time went.
 */
import TableServer from 'azurite/dist/src/table/TableServer';
import { DEV_ACCOUNT, startEmbeddedStorage, type EmbeddedStorage } from '../src/storage/shared/emulator';
import { startStallProbe } from './stall-probe';
import { executeAction, user, type TestUser, type Where } from '../test/helpers/activities';
import { type Json, answerOf, post } from './survey-support';

/** A run of the load generator. */
export type LoadJob =
  | { kind: 'bare'; url: string; verb: string; tenantId: string; concurrency: number; requests: number }
  | {
      kind: 'answer';
      url: string;
      tenantId: string;
      concurrency: number;
      requests: number;
      /** Surveys to work through, in order: `peoplePerSurvey` new people answer each, one card after another. */
      surveys: { surveyId: string; firstCard: Json }[];
      peoplePerSurvey: number;
    };

export interface LoadResult {
  latencies: number[];
  elapsedMs: number;
  errors: string[];
  /** Answer runs: surveys fully used so far (the next run continues after them). */
  surveysUsed?: number;
}

export type WorkerMessage =
  | { type: 'job'; job: LoadJob }
  | { type: 'cpu' }
  | { type: 'stalls' }
  | { type: 'close' }
  /** Storage: rows put straight into instance `index`'s in-memory store (bulk seeding; see seedAnswers). */
  | { type: 'insert'; index: number; table: string; rows: Json[] };

interface LokiCollection {
  adaptiveBinaryIndices: boolean;
  insert(docs: Json[]): unknown;
  ensureAllIndexes(force: boolean): void;
  count(): number;
}

/** Each Azurite table server this process starts (captured so bulk seeding can reach its store). */
const tableServers: { metadataStore: { db: { getCollection(name: string): LokiCollection | null } } }[] = [];
const serverPrototype = TableServer.prototype as unknown as { start: (...args: unknown[]) => unknown };
const start = serverPrototype.start;
serverPrototype.start = function (this: never, ...args: unknown[]) {
  tableServers.push(this);
  return start.apply(this, args);
};

/**
 * Inserts rows as Azurite stores what its Table API accepts (same document shape: the properties with
 * the keys, a Timestamp, an ETag), without its per-row existence check, which scans the whole
 * partition and makes 100,000 inserts into one partition take about half an hour. The keys are new
 * (the bench checks they come from a fresh survey), so that check could not fail.
 */
function insertRows(index: number, table: string, rows: Json[]): number {
  const collection = tableServers[index]?.metadataStore.db.getCollection(`${DEV_ACCOUNT}$${table}`);
  if (!collection) throw new Error(`no table ${table} in storage ${index}`);
  const docs = rows.map((row) => {
    const timestamp = new Date().toISOString().replace('Z', '0000Z');
    const properties: Json = { PartitionKey: row.partitionKey, RowKey: row.rowKey };
    for (const [k, v] of Object.entries(row)) if (k !== 'partitionKey' && k !== 'rowKey' && v !== undefined) properties[k] = v;
    properties.Timestamp = timestamp;
    properties['Timestamp@odata.type'] = 'Edm.DateTime';
    return { PartitionKey: row.partitionKey, RowKey: row.rowKey, properties, lastModifiedTime: timestamp, eTag: `W/"datetime'${encodeURIComponent(timestamp)}'"` };
  });
  collection.adaptiveBinaryIndices = false;
  collection.insert(docs);
  collection.ensureAllIndexes(true);
  collection.adaptiveBinaryIndices = true;
  return collection.count();
}

const send = (message: unknown): void => {
  process.send?.(message);
};

let cursor = 0;

async function runJob(job: LoadJob): Promise<LoadResult> {
  const latencies: number[] = [];
  const errors: string[] = [];
  let issued = 0;
  const started = performance.now();
  if (job.kind === 'bare') {
    const where: Where = { tenantId: job.tenantId, serviceUrl: 'http://127.0.0.1:9/', conversationType: 'personal', conversationId: 'a:bare' };
    const people = Array.from({ length: 64 }, (_, i) => user(`Bare ${i}`));
    await Promise.all(
      Array.from({ length: job.concurrency }, async (_, c) => {
        while (issued < job.requests) {
          issued++;
          const t0 = performance.now();
          const { status, body } = await post(job.url, executeAction(where, people[c % people.length]!, job.verb, { surveyId: 'x', choice: '0' }));
          latencies.push(performance.now() - t0);
          if (status !== 200 || (body.value as Json | undefined)?.type !== 'AdaptiveCard') errors.push(`bare ${status}`);
        }
      })
    );
    return { latencies, elapsedMs: performance.now() - started, errors };
  }
  // Answering: each client takes the next (survey, person) and answers the survey card by card.
  const next = (): { survey: { surveyId: string; firstCard: Json }; person: TestUser } | undefined => {
    const s = Math.floor(cursor / job.peoplePerSurvey);
    const survey = job.surveys[s];
    if (!survey) return undefined;
    cursor++;
    return { survey, person: user(`Young person ${cursor}`) };
  };
  await Promise.all(
    Array.from({ length: job.concurrency }, async () => {
      while (issued < job.requests) {
        const turn = next();
        if (!turn) {
          errors.push('ran out of surveys');
          return;
        }
        const where: Where = { tenantId: job.tenantId, serviceUrl: 'http://127.0.0.1:9/', conversationType: 'personal', conversationId: `a:${turn.person.aadObjectId}` };
        let card: Json = turn.survey.firstCard;
        for (let q = 0; issued < job.requests; q++) {
          const data = answerOf(card);
          if (!data) break; // the thank-you card: this person is done
          issued++;
          const t0 = performance.now();
          const { status, body } = await post(job.url, executeAction(where, turn.person, 'survey.answer', data));
          latencies.push(performance.now() - t0);
          const value = body.value as Json | undefined;
          if (status !== 200 || value?.type !== 'AdaptiveCard') {
            errors.push(`answer ${status} ${JSON.stringify(body).slice(0, 200)}`);
            break;
          }
          card = value;
        }
      }
    })
  );
  return { latencies, elapsedMs: performance.now() - started, errors, surveysUsed: Math.ceil(cursor / job.peoplePerSurvey) };
}

async function main(): Promise<void> {
  // Never outlive the bench.
  process.on('disconnect', () => process.exit(0));
  const role = process.argv[2];
  if (role === 'storage') {
    const count = Number(process.argv[3] ?? 1);
    const storages: EmbeddedStorage[] = [];
    for (let i = 0; i < count; i++) storages.push(await startEmbeddedStorage({ tablePort: 0, queuePort: 0, queueSweepMs: process.env.BENCH_QUEUE_SWEEP_MS ? Number(process.env.BENCH_QUEUE_SWEEP_MS) : undefined }));
    const probe = process.env.BENCH_STALLS === '1' ? startStallProbe() : undefined;
    process.on('message', (message: WorkerMessage) => {
      if (message.type === 'cpu') send({ type: 'cpu', usage: process.cpuUsage() });
      if (message.type === 'stalls') send({ type: 'stalls', stalls: probe?.stalls ?? [] });
      if (message.type === 'insert') send({ type: 'inserted', rowsInTable: insertRows(message.index, message.table, message.rows) });
      if (message.type === 'close') void Promise.all(storages.map((s) => s.close())).then(() => process.exit(0));
    });
    send({ type: 'ready', connectionStrings: storages.map((s) => s.connectionString) });
    return;
  }
  if (role === 'load') {
    process.on('message', (message: WorkerMessage) => {
      if (message.type === 'cpu') send({ type: 'cpu', usage: process.cpuUsage() });
      if (message.type === 'close') process.exit(0);
      if (message.type === 'job') {
        runJob(message.job).then(
          (result) => send({ type: 'result', result }),
          (error: unknown) => send({ type: 'result', result: { latencies: [], elapsedMs: 0, errors: [String(error)] } })
        );
      }
    });
    send({ type: 'ready' });
    return;
  }
  throw new Error(`unknown role ${String(role)}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
