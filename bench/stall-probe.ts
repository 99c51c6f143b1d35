/**
 * Diagnostics for the fan-out bench (--timeline): when a process could not run on time. A timer due
 * every 5 ms that fires more than 30 ms late means the event loop was busy (a GC, a long callback) or
 * the process was not scheduled.
 */
export interface Stall {
  /** When the probe ran again (ms since the epoch). */
  at: number;
  /** How late it was. */
  ms: number;
}

export function startStallProbe(thresholdMs = 30, everyMs = 5): { stalls: Stall[]; stop: () => void } {
  const stalls: Stall[] = [];
  let last = Date.now();
  const timer = setInterval(() => {
    const now = Date.now();
    if (now - last > thresholdMs) stalls.push({ at: now, ms: now - last - everyMs });
    last = now;
  }, everyMs);
  timer.unref();
  return { stalls, stop: () => clearInterval(timer) };
}
