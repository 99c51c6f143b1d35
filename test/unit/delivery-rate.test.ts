import { describe, expect, it } from 'vitest';
import { RateController } from '../../src/domain/delivery-rate';
import { retryAfterMs } from '../../src/teams/delivery-connector';

/** A controller on virtual time: sleeping moves the clock. */
function virtual(maxPerSecond: number) {
  let now = 0;
  const sleeps: number[] = [];
  const rate = new RateController({
    maxPerSecond,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    random: () => 0.5
  });
  return { rate, sleeps, clock: () => now };
}

describe('the shared rate controller', () => {
  it('spaces calls evenly at the rate (no bursts)', async () => {
    const { rate, clock } = virtual(50);
    for (let i = 0; i < 51; i++) await rate.acquire();
    expect(clock()).toBe(1000); // 50 intervals of 20 ms
  });

  it('a 429 pauses every caller until Retry-After and slows the whole sender', async () => {
    const { rate, clock } = virtual(50);
    await rate.acquire();
    rate.throttled(3000);
    expect(rate.perSecond).toBeCloseTo(42.5);
    await rate.acquire(); // any caller, not only the throttled one
    expect(clock()).toBeGreaterThanOrEqual(3000);
  });

  it('several calls throttled together slow it once, not once each', () => {
    const { rate } = virtual(50);
    rate.throttled(1000);
    rate.throttled(1000);
    rate.throttled(1000);
    expect(rate.perSecond).toBeCloseTo(42.5);
    expect(rate.stats.throttles).toBe(3);
  });

  it('without Retry-After: exponential backoff with jitter, capped', () => {
    const { rate } = virtual(50);
    expect([1, 2, 3, 4].map((a) => rate.backoffMs(a))).toEqual([375, 750, 1500, 3000]);
    expect(rate.backoffMs(20)).toBe(22_500);
  });

  it('recovers after successes, but stays below the rate that was throttled', () => {
    const { rate } = virtual(50);
    rate.throttled(1000);
    for (let i = 0; i < 2000; i++) rate.succeeded();
    expect(rate.perSecond).toBeLessThan(50);
    expect(rate.perSecond).toBeCloseTo(48.5);
  });

  it('reads Retry-After in seconds or as a date', () => {
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(retryAfterMs(null)).toBeUndefined();
    expect(retryAfterMs('soon')).toBeUndefined();
  });
});
