/**
 * What the fan-out benches share: Azurite in a process of its own, the connector's scheduling
 * priority, and forking children at the normal priority.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import type { Stall } from './stall-probe';

/** Azurite in a process of its own (bench/survey-worker.ts `storage`): remote in production, so it does not share the connector's event loop. */
export async function startStorage(timeline = false): Promise<{ connectionString: string; cpuMs: () => Promise<number>; stalls: () => Promise<Stall[]>; close: () => Promise<void> }> {
  // Azurite's queue sweeps spent message extents every 5 s, blocking its event loop ~120 ms each time at
  // fan-out depth (measured with --timeline: 5.4 s of the 12 s of gaps in a 10,000-recipient run). Azure
  // Storage has no such pause, so the fan-out benches sweep once at start (BENCH_QUEUE_SWEEP_MS to change).
  const sweep = process.env.BENCH_QUEUE_SWEEP_MS ?? String(2 ** 31 - 1);
  const child = forkNormal(path.join(__dirname, 'survey-worker.ts'), ['storage', '1'], { env: { ...process.env, BENCH_STALLS: timeline ? '1' : '0', BENCH_QUEUE_SWEEP_MS: sweep }, execArgv: ['--import', 'tsx', ...(process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [])], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = <T>(type: string): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (m: { type?: string }): void => {
        if (m.type !== type) return;
        child.off('message', onMessage);
        resolve(m as T);
      };
      child.on('message', onMessage);
      const onExit = (code: number | null): void => reject(new Error(`storage process exited (${code})`));
      child.once('exit', onExit);
      child.once('message', () => child.off('exit', onExit));
    });
  const { connectionStrings } = await next<{ connectionStrings: string[] }>('ready');
  return {
    connectionString: connectionStrings[0] ?? '',
    cpuMs: async () => {
      const reply = next<{ usage: NodeJS.CpuUsage }>('cpu');
      child.send({ type: 'cpu' });
      const { usage } = await reply;
      return (usage.user + usage.system) / 1000;
    },
    stalls: async () => {
      const reply = next<{ stalls: Stall[] }>('stalls');
      child.send({ type: 'stalls' });
      return (await reply).stalls;
    },
    close: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'close' });
      await exited;
    }
  };
}

/**
 * The fake connector stands in for Teams, a remote service that does not share our CPUs. On a busy
 * machine a descheduled connector takes requests late and in bunches and answers 429 to a sender that
 * kept to the limit; so this process (the connector and the bench's bookkeeping, a few % of a core)
 * asks for a higher scheduling priority when the OS lets it, and its children (Azurite, the sender) go
 * back to the normal one. Printed, so a run says whether it had it.
 */
export function connectorPriority(): string {
  try {
    setPriority(-10);
    return `connector process at nice ${getPriority()}`;
  } catch {
    return 'connector process at normal priority (not allowed to raise it)';
  }
}
const normalPriority = (child: ChildProcess): ChildProcess => {
  try {
    if (child.pid !== undefined) setPriority(child.pid, 0);
  } catch {
    // Already normal.
  }
  return child;
};
export const forkNormal = (...args: Parameters<typeof fork>): ChildProcess => normalPriority(fork(...args));


/**
 * The sender as production runs it: compiled JavaScript (`npm start` is `node dist/src/server.js`),
 * not TypeScript compiled on the fly by tsx at every start — 1.1 s of a restarted sender's gap
 * against 0.1 s. Bundled once per bench run (dependencies stay in node_modules); fork the path with
 * no `--import tsx`.
 */
export async function compiledWorker(): Promise<string> {
  // Under node_modules/.cache, so that its requires find the project's node_modules.
  const cache = path.join(__dirname, '..', 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const outfile = path.join(mkdtempSync(path.join(cache, 'voiceloop-bench-')), 'fanout-worker.cjs');
  await build({ entryPoints: [path.join(__dirname, 'fanout-worker.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', packages: 'external', outfile, logLevel: 'warning' });
  return outfile;
}
