/**
 * What the fan-out benches share: Azurite in a process of its own, forking children at the normal
 * priority, the sender compiled (the fake connector's process: bench/connector-process.ts).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { setPriority } from 'node:os';
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
 * Children at the normal scheduling priority: the connector's process (bench/connector-process.ts)
 * raises its own, so that on a busy machine Teams' stand-in is not the one descheduled; Azurite and the
 * senders stay at the normal one even if the bench itself was started at another.
 */
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
