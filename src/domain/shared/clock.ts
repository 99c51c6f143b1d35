/**
 * Time source; injected everywhere so tests can run in virtual time. The only domain file that reads
 * the real time (eslint.config.mjs forbids Date.now, `new Date()`, setTimeout and setInterval elsewhere
 * in src/domain/).
 */
export interface Clock {
  /** The date and time rules, deadlines and stored timestamps go by (moved by hand in tests). */
  now(): Date;
  /** Milliseconds that only go forward, for measuring spans: cache ages, send pacing. */
  monotonicNow(): number;
  /** Waits `ms` (retry pauses, an idle worker). */
  sleep(ms: number): Promise<void>;
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export const systemClock: Clock = { now: () => new Date(), monotonicNow: () => performance.now(), sleep: realSleep };

/**
 * A clock whose date and time only move when told to; for tests and benchmarks. Spans and waits stay
 * real (as `systemClock`'s): they pace I/O — caches, retries between racing writers, the sender's rate —
 * which must behave as in production while the calendar is held still.
 */
export class ManualClock implements Clock {
  private current: number;
  constructor(start: Date | string = '2026-01-05T10:00:00Z') {
    this.current = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  monotonicNow(): number {
    return systemClock.monotonicNow();
  }
  sleep(ms: number): Promise<void> {
    return systemClock.sleep(ms);
  }
  advance(ms: number): void {
    this.current += ms;
  }
  set(at: Date | string): void {
    this.current = new Date(at).getTime();
  }
}
