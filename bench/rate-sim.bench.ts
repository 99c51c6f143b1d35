/**
 * The rate controller in virtual time (no machine noise): how much of a tenant's limit it uses and how
 * many 429s it draws, against a server like the fake Bot Connector (at most `L` accepted requests in any
 * sliding second, else 429 with Retry-After in whole seconds). Two models:
 * - sequential: one caller, each request arriving up to `jitter` ms after it left;
 * - lanes: 32 lanes as in the delivery worker, each reserving a place, claiming its record (2 ms plus up
 *   to `claim` ms), sending, and handing the answer back after 2–7 ms (a discrete-event simulation).
 * Cold: a sender that knows nothing; warm: one that starts from the learnt limit (a lease's, a job's).
 * Run: `npm run bench -- rate-sim`. Used to choose the constants in
 * src/domain/delivery/delivery-rate.ts (docs/delivery.md, "After the cap").
 */
import { RateController, type RateOptions } from '../src/domain/delivery/delivery-rate';

type Timer = { at: number; seq: number; resolve: () => void };

/** The simulated Bot Connector: answers each arrival, and keeps the score (share of the limit, 429s). */
function server(limit: number) {
  const accepted: number[] = [];
  let throttles = 0;
  let first = -1;
  let last = 0;
  let n = 0;
  return {
    answer(at: number): { ok: true } | { ok: false; retryAfterMs: number } {
      const inWindow = accepted.filter((t) => t > at - 1000 && t <= at);
      if (inWindow.length >= limit) {
        throttles++;
        const waitMs = (inWindow[inWindow.length - limit] as number) + 1000 - at;
        return { ok: false, retryAfterMs: Math.max(1, Math.ceil(waitMs / 1000)) * 1000 };
      }
      accepted.push(at);
      if (accepted.length > 5000) accepted.splice(0, 2500);
      if (first < 0) first = at;
      last = at;
      n++;
      return { ok: true };
    },
    /** The share of the limit from the first to the last accepted request, and the 429s. */
    score: (): { share: number; throttles: number } => ({ share: (n - 1) / ((last - first) / 1000) / limit, throttles })
  };
}

/** One caller, each request arriving `jitter(i)` ms after it left. */
async function sequential(o: { limit: number; seconds: number; jitter: (i: number) => number; warm: boolean; options?: Partial<RateOptions> }) {
  let now = 0;
  const rate = new RateController({ maxPerSecond: 1000, now: () => now, sleep: async (ms) => void (now += ms), random: () => 0.5, ...o.options });
  if (o.warm) rate.startFrom(o.limit);
  const connector = server(o.limit);
  for (let i = 0; now < o.seconds * 1000; i++) {
    if (!(await (await rate.reserve()).go())) continue;
    const a = connector.answer(now + o.jitter(i));
    if (a.ok) rate.succeeded();
    else rate.throttled(a.retryAfterMs);
  }
  return connector.score();
}

/**
 * Storage that stalls now and then, as Azurite did under the fan-out bench (--timeline: 541 stalls in
 * 206 s, 46 ms on average, the longest 204 ms): an operation due to finish during a stall finishes at
 * its end. Stalls start at random (on average every `everyMs`) and last 30 ms plus an exponential tail.
 */
function stalls(everyMs: number, random: () => number): (at: number) => number {
  const list: [number, number][] = [];
  let t = 0;
  return (at: number): number => {
    while (t < at + 1000) {
      t += -Math.log(1 - random()) * everyMs;
      list.push([t, t + Math.min(200, 30 - Math.log(1 - random()) * 16)]);
    }
    for (const [from, to] of list) if (at >= from && at < to) return to;
    return at;
  };
}

/** 32 lanes on a virtual clock (a discrete-event simulation). */
async function lanes(o: { limit: number; seconds: number; claimMs: number; warm: boolean; stallEveryMs?: number; options?: Partial<RateOptions> }) {
  let now = 0;
  let seq = 0;
  let seed = 42;
  const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed / 2147483648);
  const timers: Timer[] = [];
  const sleep = (ms: number): Promise<void> => new Promise((resolve) => void timers.push({ at: now + Math.max(0, ms), seq: seq++, resolve }));
  const rate = new RateController({ maxPerSecond: 1000, now: () => now, sleep, random: () => 0.5, ...o.options });
  if (o.warm) rate.startFrom(o.limit);
  const connector = server(o.limit);
  const stalled = o.stallEveryMs === undefined ? (at: number) => at : stalls(o.stallEveryMs, random);
  /** A storage operation of `ms`, held up by any stall it runs into. */
  const storage = (ms: number): Promise<void> => sleep(stalled(now + ms) - now);
  let stop = false;
  const lane = async (): Promise<void> => {
    while (!stop) {
      // The record read before the place (the worker reads, then reserves, then claims).
      await storage(1 + random() * 3);
      const ticket = await rate.reserve();
      await storage(2 + random() * o.claimMs);
      if (!(await ticket.go())) continue;
      await sleep(1 + random() * 5);
      const a = connector.answer(now);
      await sleep(2 + random() * 5);
      if (a.ok) rate.succeeded();
      else rate.throttled(a.retryAfterMs);
      // The record marked sent and the queue message deleted before the lane takes the next one.
      await storage(2 + random() * o.claimMs);
      await storage(2 + random() * 3);
    }
  };
  for (let i = 0; i < 32; i++) void lane();
  while (now < o.seconds * 1000) {
    await new Promise((resolve) => setImmediate(resolve));
    if (timers.length === 0) continue;
    timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const t = timers.shift() as Timer;
    now = Math.max(now, t.at);
    t.resolve();
  }
  stop = true;
  return connector.score();
}

const spread = (ms: number) => (i: number) => ((i * 7919) % 101) * (ms / 100);
const cell = (r: { share: number; throttles: number }): string => `${r.share.toFixed(3)} (${r.throttles})`;

async function main(): Promise<void> {
  const configs: [string, Partial<RateOptions>][] = [
    ['today', { assumedPerSecond: 50 }],
    ['lead p25', { assumedPerSecond: 50, leadQuantile: 0.25 }],
    ['margin 5', { assumedPerSecond: 50, marginMs: 5 }],
    ['old constants (0.94, 20 s)', { hold: 0.94, probeAfterMs: 20_000 }]
  ];
  console.log('share of the limit (429s); sequential: arrival jitter 0 / 20 / 40 ms, cold and warm; lanes: claims of 2–12 and 2–42 ms, warm; then 2–12 ms with storage stalls every 400 / 200 ms');
  for (const [name, options] of configs) {
    for (const [limit, seconds] of [
      [50, 200],
      [15, 100]
    ] as const) {
      const row: string[] = [];
      for (const j of [0, 20, 40]) for (const warm of [false, true]) row.push(cell(await sequential({ limit, seconds, jitter: spread(j), warm, options })));
      for (const claimMs of [10, 40]) row.push(cell(await lanes({ limit, seconds, claimMs, warm: true, options })));
      for (const stallEveryMs of [400, 200]) row.push(cell(await lanes({ limit, seconds, claimMs: 10, warm: true, stallEveryMs, options })));
      console.log(`${name.padEnd(32)} ${String(limit).padStart(3)}/s  ${row.join('  ')}`);
    }
  }
}

void main();
