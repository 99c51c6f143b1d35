/**
 * Meeting pages at scale (issue 16, docs/meetings.md): requests to storage per second while N people
 * follow a session in their side panels (GET /api/meeting/summary every 2 s, as the page polls) and watch
 * the stage (GET /api/meeting/stage every 3 s), for N = 30, 100 and 300, through the real HTTP endpoint of
 * the real app. Storage is the embedded Azurite behind a counting proxy: every table request is counted.
 * Target: flat as viewers grow (storage requests/s at 300 viewers within 2× of 30 viewers).
 * Run: `npx tsx bench/meeting.bench.ts [--quick]` (or `npm run bench -- meeting`).
 */
import { mkdtempSync } from 'node:fs';
import { type IncomingMessage, type ServerResponse, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startVoiceLoop } from '../src/app';
import { loadConfig } from '../src/config';
import { startEmbeddedStorage } from '../src/storage/shared/emulator';
import { startFakeConnector } from '../test/helpers/fake-connector';
import { startSessionOverHttp } from '../scripts/meeting-fixture';

const quick = process.argv.includes('--quick');
const WINDOW_MS = quick ? 6_000 : 12_000;
const VIEWERS = [30, 100, 300];
const SUMMARY_EVERY_MS = 2_000;
const STAGE_EVERY_MS = 3_000;

/** A proxy in front of the table endpoint that counts every request. */
async function countingProxy(target: number): Promise<{ port: number; count: () => number; close: () => Promise<void> }> {
  let count = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    count += 1;
    const upstream = request({ host: '127.0.0.1', port: target, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, count: () => count, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function main(): Promise<void> {
  const storage = await startEmbeddedStorage({ dataDir: mkdtempSync(path.join(tmpdir(), 'meeting-bench-')), tablePort: 0, queuePort: 0 });
  const proxy = await countingProxy(storage.tablePort);
  const connectionString = storage.connectionString.replace(/TableEndpoint=http:\/\/127\.0\.0\.1:\d+/, `TableEndpoint=http://127.0.0.1:${proxy.port}`);
  const app = await startVoiceLoop(loadConfig({ VOICELOOP_MODE: 'local', PORT: '0', STORAGE_CONNECTION_STRING: connectionString, LOG_LEVEL: 'warn' }), { startScheduler: false });
  const connector = await startFakeConnector();
  try {
    const { tenantId, chat } = await startSessionOverHttp(app, connector);
    const get = async (what: string, as: string): Promise<void> => {
      const response = await fetch(`${app.url}/api/meeting/${what}?${new URLSearchParams({ tenant: tenantId, chat, as })}`);
      if (!response.ok) throw new Error(`${what}: HTTP ${response.status}`);
      await response.arrayBuffer();
    };
    const rows: { viewers: number; http: number; storage: number }[] = [];
    for (const viewers of VIEWERS) {
      let http = 0;
      let stop = false;
      const poll = async (what: string, every: number, as: string, offset: number): Promise<void> => {
        await new Promise((r) => setTimeout(r, offset));
        while (!stop) {
          await get(what, as);
          http += 1;
          await new Promise((r) => setTimeout(r, every));
        }
      };
      // Each viewer opens the panel once, then polls like the pages do, spread over the interval.
      await Promise.all(Array.from({ length: viewers }, (_, i) => get('panel', `viewer ${i}`)));
      const before = proxy.count();
      const started = Date.now();
      const loops = Array.from({ length: viewers }, (_, i) => [
        poll('summary', SUMMARY_EVERY_MS, `viewer ${i}`, (i * SUMMARY_EVERY_MS) / viewers),
        poll('stage', STAGE_EVERY_MS, `viewer ${i}`, (i * STAGE_EVERY_MS) / viewers)
      ]).flat();
      await new Promise((r) => setTimeout(r, WINDOW_MS));
      stop = true;
      const seconds = (Date.now() - started) / 1000;
      const storageRequests = proxy.count() - before;
      await Promise.all(loops);
      rows.push({ viewers, http: http / seconds, storage: storageRequests / seconds });
    }
    const base = rows[0]!;
    for (const row of rows) {
      process.stdout.write(
        `viewers ${String(row.viewers).padStart(3)}: page requests ${row.http.toFixed(1).padStart(6)}/s, storage requests ${row.storage.toFixed(2).padStart(5)}/s ` +
          `(storage ×${(row.storage / base.storage).toFixed(2)} for pages ×${(row.http / base.http).toFixed(1)})\n`
      );
    }
    const ratio = rows.at(-1)!.storage / base.storage;
    process.stdout.write(`storage requests/s at ${rows.at(-1)!.viewers} viewers vs ${base.viewers}: ×${ratio.toFixed(2)} (target ≤ ×2: flat)\n`);
    if (!(ratio <= 2)) process.exitCode = 1;
  } finally {
    await connector.close();
    await app.close();
    await proxy.close();
    await storage.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
