/**
 * One rate controller per sender process, shared by every send, reminder, card update and roster
 * call: a token bucket of capacity one (evenly spaced calls, no bursts) whose rate adapts to Teams.
 *
 * - 429: everything pauses until `Retry-After` (else exponential backoff with jitter) and the rate
 *   drops to 85 % of what was throttled; that rate is remembered as the ceiling just learnt.
 * - Success: after a run of successes the rate creeps back up, to 97 % of the learnt ceiling, and the
 *   ceiling itself is probed upward slowly, so a limit that was raised is found again.
 * The whole sender slows, not just the message that was throttled.
 */

export interface RateOptions {
  /** Calls per second to start with (default: the maximum). */
  initialPerSecond?: number;
  /** Never faster than this (Teams' documented per-bot limit is the natural choice). */
  maxPerSecond: number;
  minPerSecond?: number;
  /** Milliseconds since an epoch; injected for tests. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class RateController {
  private rate: number;
  private ceiling: number;
  private nextSlot = 0;
  private pausedUntil = 0;
  private successes = 0;
  private throttles = 0;
  private consecutiveThrottles = 0;
  private lastDecreaseAt = -Infinity;
  private readonly max: number;
  private readonly min: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;

  constructor(options: RateOptions) {
    this.max = options.maxPerSecond;
    this.min = options.minPerSecond ?? 0.5;
    this.rate = Math.min(this.max, options.initialPerSecond ?? this.max);
    this.ceiling = this.max;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
    this.random = options.random ?? Math.random;
  }

  /** Current calls per second. */
  get perSecond(): number {
    return this.rate;
  }

  get stats(): { perSecond: number; ceiling: number; throttles: number; pausedUntil: number } {
    return { perSecond: this.rate, ceiling: this.ceiling, throttles: this.throttles, pausedUntil: this.pausedUntil };
  }

  /** Waits for this caller's slot. Slots are handed out in order, evenly spaced, after any pause. */
  async acquire(): Promise<void> {
    const now = this.now();
    const slot = Math.max(now, this.nextSlot, this.pausedUntil);
    this.nextSlot = slot + 1000 / this.rate;
    if (slot > now) await this.sleep(slot - now);
    // A pause that began while we waited (another call was throttled) holds us too.
    if (this.pausedUntil > slot) await this.acquire();
  }

  /** Teams said 429: pause everyone and slow down. */
  throttled(retryAfterMs?: number): void {
    const now = this.now();
    this.throttles++;
    this.consecutiveThrottles++;
    const wait = retryAfterMs ?? this.backoffMs(this.consecutiveThrottles);
    this.pausedUntil = Math.max(this.pausedUntil, now + wait);
    this.nextSlot = Math.max(this.nextSlot, this.pausedUntil);
    this.successes = 0;
    // Several calls in flight are throttled together: that is one signal, not many.
    if (now - this.lastDecreaseAt > Math.max(1000, wait)) {
      this.ceiling = Math.max(this.min, Math.min(this.ceiling, this.rate));
      this.rate = Math.max(this.min, this.rate * 0.85);
      this.lastDecreaseAt = now;
    }
  }

  /** A call went through. */
  succeeded(): void {
    this.consecutiveThrottles = 0;
    this.successes++;
    // Every ~2 seconds' worth of successes: step up by 2 % of the ceiling, to 97 % of it.
    if (this.successes >= Math.max(10, this.rate * 2)) {
      this.successes = 0;
      const target = Math.min(this.max, this.ceiling * 0.97);
      if (this.rate < target) this.rate = Math.min(target, this.rate + this.ceiling * 0.02);
      else if (this.ceiling < this.max) this.ceiling = Math.min(this.max, this.ceiling * 1.005);
    }
  }

  /** Exponential backoff with full jitter: up to 0.5 s, 1 s, 2 s … capped at 30 s. */
  backoffMs(attempt: number): number {
    const cap = Math.min(30_000, 500 * 2 ** Math.max(0, attempt - 1));
    return Math.round(cap / 2 + (this.random() * cap) / 2);
  }

  /** Waits a backoff for a failed call that was not a 429 (412, 5xx): only that caller waits. */
  async backoff(attempt: number): Promise<void> {
    await this.sleep(this.backoffMs(attempt));
  }
}
