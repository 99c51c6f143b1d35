import { describe, expect, it } from 'vitest';
import { RateController, type RateOptions, type SendTicket } from '../../src/domain/delivery/delivery-rate';
import { retryAfterMs } from '../../src/teams/delivery/delivery-connector';

/** A controller on virtual time: sleeping moves the clock. */
function virtual(maxPerSecond: number, options: Partial<RateOptions> = {}) {
  let now = 0;
  const sleeps: number[] = [];
  const rate = new RateController({
    maxPerSecond,
    initialPerSecond: maxPerSecond,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    random: () => 0.5,
    ...options
  });
  /** Runs `fn` as if at `ms` (an answer that came back then, told to the controller a little later). */
  const at = (ms: number, fn: () => void): void => {
    const saved = now;
    now = ms;
    try {
      fn();
    } finally {
      now = saved;
    }
  };
  return { rate, sleeps, clock: () => now, advance: (ms: number) => (now += ms), at };
}

/**
 * A sender on virtual time against a server like the fake Bot Connector: at most `limit(t)` accepted
 * requests in any sliding second, else 429 with Retry-After in whole seconds (at least 1). `jitter(i)`
 * delays the i-th request's arrival after its slot (the claim and the network in between).
 */
async function simulate(o: { seconds: number; limit: (t: number) => number; jitter?: (i: number) => number; maxPerSecond?: number; startFrom?: number; options?: Partial<RateOptions> }) {
  const { rate, clock, at: asOf } = virtual(o.maxPerSecond ?? 1000, { initialPerSecond: undefined, ...o.options });
  if (o.startFrom !== undefined) rate.startFrom(o.startFrom);
  const accepted: number[] = [];
  const perSecond = new Map<number, number>();
  let throttles = 0;
  // Requests on their way: the server decides each when it arrives, in the order they arrive, and its
  // answer is back at once (the way back takes no time); the sender is told as of that moment.
  let onWay: { at: number; ticket: SendTicket }[] = [];
  const arrive = ({ at, ticket }: { at: number; ticket: SendTicket }): void => {
    const limit = o.limit(at);
    const inWindow = accepted.filter((t) => t > at - 1000 && t <= at);
    asOf(at, () => {
      ticket.answered();
      if (inWindow.length >= limit) {
        throttles++;
        const waitMs = (inWindow[inWindow.length - limit] as number) + 1000 - at;
        rate.throttled(Math.max(1, Math.ceil(waitMs / 1000)) * 1000);
      } else {
        accepted.push(at);
        perSecond.set(Math.floor(at / 1000), (perSecond.get(Math.floor(at / 1000)) ?? 0) + 1);
        rate.succeeded();
      }
    });
    if (accepted.length > 5000) accepted.splice(0, 2500);
  };
  for (let i = 0; clock() < o.seconds * 1000; i++) {
    const now = clock();
    for (const request of onWay.filter((x) => x.at <= now).sort((x, y) => x.at - y.at)) arrive(request);
    onWay = onWay.filter((x) => x.at > now);
    const ticket = await rate.reserve();
    if (!(await ticket.go())) continue;
    ticket.left();
    onWay.push({ at: clock() + (o.jitter?.(i) ?? 0), ticket });
    // Nothing on its way: decided now (a server at no distance).
    if (!o.jitter) arrive(onWay.pop() as { at: number; ticket: SendTicket });
  }
  const between = (from: number, to: number): number => {
    let n = 0;
    for (let s = from; s < to; s++) n += perSecond.get(s) ?? 0;
    return n / (to - from);
  };
  return { rate, throttles, between };
}

/** Deterministic "random" jitter, 0–`ms` milliseconds. */
const jitterOf = (ms: number) => (i: number) => ((i * 7919) % 101) * (ms / 100);

describe('the shared rate controller', () => {
  it('spaces calls evenly at the rate (no bursts)', async () => {
    const { rate, clock } = virtual(50);
    for (let i = 0; i < 51; i++) expect((await (await rate.reserve()).go())).toBe(true);
    expect(clock()).toBe(1000); // 50 intervals of 20 ms
  });

  it('a 429 pauses every caller until Retry-After and slows the whole sender', async () => {
    const { rate, clock } = virtual(50);
    (await (await rate.reserve()).go());
    rate.throttled(3000);
    expect(rate.perSecond).toBeLessThan(50);
    await rate.slot(); // any caller, not only the throttled one
    expect(clock()).toBeGreaterThanOrEqual(3000);
  });

  it('learns the limit from what got through in the second before the 429', async () => {
    const { rate, advance } = virtual(1000, { initialPerSecond: 60 });
    for (let i = 0; i < 50; i++) {
      advance(20); // 50 calls a second got through
      rate.succeeded();
    }
    rate.throttled(1000);
    expect(rate.stats.ceiling).toBeCloseTo(50);
    expect(rate.perSecond).toBeCloseTo(45); // 90 % of it
    // Later, barely sending (5/s) and throttled anyway (another instance used the budget): one 429
    // at most halves what was learnt.
    advance(30_000);
    for (let i = 0; i < 10; i++) {
      advance(200);
      rate.succeeded();
    }
    rate.throttled(1000);
    expect(rate.stats.ceiling).toBeCloseTo(22.5);
  });

  it('a stall just before the 429 does not read as a low limit (the busiest recent second counts)', () => {
    const { rate, advance } = virtual(1000, { initialPerSecond: 60 });
    for (let i = 0; i < 192; i++) {
      advance(1000 / 48); // four seconds at 48/s
      rate.succeeded();
    }
    advance(900); // nothing got through for almost a second (the sender's storage stalled)
    rate.throttled(1000);
    expect(rate.stats.ceiling).toBeGreaterThanOrEqual(47);
  });

  it('replies that bunch up on the way back do not read as a higher limit than was sent', () => {
    const { rate, advance } = virtual(1000, { initialPerSecond: 60 });
    for (let i = 0; i < 50; i++) {
      advance(20);
      rate.succeeded();
    }
    rate.throttled(1000); // learnt 50; now paced at 45
    advance(30_000);
    for (let s = 0; s < 3; s++) {
      advance(700); // 0.7 s without replies, then 60 at once: "60 in one second"
      for (let i = 0; i < 60; i++) {
        advance(5);
        rate.succeeded();
      }
    }
    rate.throttled(1000);
    expect(rate.stats.ceiling).toBeLessThanOrEqual(50); // what could have left in a second (the cap at the limit), not the 60 that bunched
  });

  it('several calls throttled together slow it once, not once each', () => {
    const { rate, advance } = virtual(50);
    for (let i = 0; i < 50; i++) {
      advance(20);
      rate.succeeded();
    }
    rate.throttled(1000);
    const after = rate.perSecond;
    rate.throttled(1000);
    rate.throttled(1000);
    expect(rate.perSecond).toBe(after);
    expect(rate.stats.throttles).toBe(3);
  });

  it('a rate that is not being used does not grow', async () => {
    const { rate, advance } = virtual(1000, { initialPerSecond: 20 });
    for (let i = 0; i < 100; i++) {
      advance(200); // 5 calls a second, well under 20
      rate.succeeded();
    }
    expect(rate.perSecond).toBe(20);
  });

  it('finds an unknown limit and sustains over 90 % of it with few 429s', async () => {
    const { rate, throttles, between } = await simulate({ seconds: 300, limit: () => 50 });
    expect(rate.stats.ceiling).toBeGreaterThanOrEqual(48);
    expect(rate.stats.ceiling).toBeLessThanOrEqual(52);
    expect(between(10, 300)).toBeGreaterThanOrEqual(45);
    expect(throttles).toBeLessThanOrEqual(15);
  });

  it('a sender that starts from a limit learnt before needs no 429 to find it, and still corrects it', async () => {
    const known = await simulate({ seconds: 15, limit: () => 50, startFrom: 50 });
    expect(known.throttles).toBe(0);
    expect(known.between(0, 15)).toBeGreaterThanOrEqual(46);
    const fresh = await simulate({ seconds: 15, limit: () => 50 });
    expect(fresh.throttles).toBeGreaterThan(0); // without it: slow start into a 429
    const stale = await simulate({ seconds: 60, limit: () => 30, startFrom: 50 }); // the limit fell since
    expect(stale.rate.stats.ceiling).toBeLessThanOrEqual(31);
    expect(stale.between(20, 60)).toBeGreaterThanOrEqual(27);
    const { rate } = virtual(1000);
    rate.throttled(1000);
    const own = rate.learnt();
    rate.startFrom(10); // a controller that has learnt a limit itself keeps it
    expect(rate.learnt()).toBe(own);
  });

  it('probes that only confirm the limit come ever less often (each costs a pause)', async () => {
    // Probes at 20 s, 40 s, 80 s … after the last 429, not every 20 s (that was 9 429s in 10 minutes).
    const { throttles, between } = await simulate({ seconds: 600, limit: () => 50 });
    expect(throttles).toBeLessThanOrEqual(6);
    expect(between(10, 600)).toBeGreaterThanOrEqual(46);
  });

  it('paces at the limit (the cap keeps each second within it) and probes first 120 s after a 429: more of the limit than the old 0.94 / 20 s, and no more 429s (virtual time)', async () => {
    for (const jitter of [undefined, jitterOf(20), jitterOf(40)]) {
      const before = await simulate({ seconds: 200, limit: () => 50, jitter, options: { hold: 0.94, probeAfterMs: 20_000 } });
      const now = await simulate({ seconds: 200, limit: () => 50, jitter });
      expect(now.between(0, 200)).toBeGreaterThan(before.between(0, 200));
      expect(now.between(0, 200)).toBeGreaterThanOrEqual(0.96 * 50);
      expect(now.throttles).toBeLessThanOrEqual(before.throttles);
      expect(now.between(100, 200)).toBeLessThanOrEqual(50); // never over the limit on average
    }
  });

  it("from Teams' published limit: no slow start and no 429 to find it (virtual time)", async () => {
    for (const jitter of [undefined, jitterOf(40)]) {
      const slow = await simulate({ seconds: 200, limit: () => 50, jitter });
      const published = await simulate({ seconds: 200, limit: () => 50, jitter, options: { assumedPerSecond: 50 } });
      expect(published.throttles).toBe(0);
      // Requests that arrive 0–40 ms after they left are counted from when they arrived (`answered`): the
      // pace pays the lateness (about 20 ms a second here) instead of a 429 now and then.
      expect(published.between(0, 200)).toBeGreaterThanOrEqual((jitter ? 0.97 : 0.985) * 50);
      expect(published.between(0, 200)).toBeGreaterThan(slow.between(0, 200));
      expect(published.between(0, 200)).toBeLessThanOrEqual(50);
    }
    expect(new RateController({ maxPerSecond: 1000, assumedPerSecond: 50 }).learnt()).toBeUndefined(); // assumed, not learnt
  });

  it('a tenant whose limit is below the published one: its first 429 is read as a first measurement (one or two 429s find 15/s)', async () => {
    const { rate, throttles, between } = await simulate({ seconds: 30, limit: () => 15, options: { assumedPerSecond: 50 } });
    expect(rate.learnt()).toBe(15);
    expect(throttles).toBeLessThanOrEqual(2);
    expect(between(5, 30)).toBeGreaterThanOrEqual(0.95 * 15);
  });

  it('at the published limit a probe only every ten minutes; a raise is still found', async () => {
    const quiet = await simulate({ seconds: 590, limit: () => 50, options: { assumedPerSecond: 50 } });
    expect(quiet.throttles).toBe(0); // a probe each 120 s cost a second's pause each time
    const raised = await simulate({ seconds: 900, limit: () => 60, options: { assumedPerSecond: 50 } });
    expect(raised.between(0, 590)).toBeLessThanOrEqual(50);
    expect(raised.between(800, 900)).toBeGreaterThanOrEqual(55);
  });

  it('no burst at the start: the first places are spaced like the rest', async () => {
    let now = 5000; // the process has been up a while before its first send
    const rate = new RateController({ maxPerSecond: 1000, initialPerSecond: 10, now: () => now, sleep: async (ms) => void (now += ms) });
    const at: number[] = [];
    for (let i = 0; i < 5; i++) {
      await rate.reserve();
      at.push(now);
    }
    expect(at).toEqual([5000, 5100, 5200, 5300, 5400]);
  });

  it('at a low limit (15/s) below it never more than the limit leave in a second: few 429s even when requests arrive 40 ms out of step', async () => {
    // "The rate + 1 in flight" was 16 a second at 15/s: over the limit whenever places bunched up.
    for (const jitter of [undefined, jitterOf(20), jitterOf(40)]) {
      const { throttles, between } = await simulate({ seconds: 100, limit: () => 15, jitter, startFrom: 15 });
      expect(throttles).toBeLessThanOrEqual(3);
      expect(between(0, 100)).toBeGreaterThanOrEqual(0.92 * 15);
      expect(between(0, 100)).toBeLessThanOrEqual(15);
    }
  });

  it('a 429 less than a second after the start reads the number that got through as the limit (one 429 finds 15/s)', async () => {
    const { rate } = await simulate({ seconds: 3, limit: () => 15 });
    expect(rate.learnt()).toBe(15);
    expect(rate.stats.throttles).toBe(1);
  });

  it('the first limit is read again once replies still on their way have come back (Teams answers out of order)', () => {
    const { rate, advance } = virtual(1000, { initialPerSecond: 20 });
    for (let i = 0; i < 14; i++) {
      advance(45);
      rate.succeeded();
    }
    advance(5);
    rate.throttled(1000); // the 16th call: throttled, and its 429 came back before the 15th's "accepted"
    expect(rate.learnt()).toBe(14);
    advance(20);
    rate.succeeded(); // the 15th call had gone through
    expect(rate.learnt()).toBe(14); // not yet: more may be on their way
    advance(400);
    rate.succeeded();
    expect(rate.learnt()).toBe(15);
    expect(rate.perSecond).toBeCloseTo(13.5); // 90 % of it, as right after the 429
  });

  it('a 429 from requests bunched in transit, at 0.98 of the limit, does not take the limit down a request at a time', () => {
    const { rate, advance } = virtual(1000, { initialPerSecond: 20 });
    const second = (n: number): void => {
      for (let i = 0; i < n; i++) {
        advance(1000 / n);
        rate.succeeded();
      }
    };
    second(50);
    rate.throttled(1000);
    expect(rate.learnt()).toBe(50);
    for (let round = 0; round < 5; round++) {
      advance(1000);
      for (let s = 0; s < 10; s++) second(50); // Teams took 50 a second (the cap), and then one arrived early
      rate.throttled(1000);
      expect(rate.learnt()).toBe(50);
    }
  });

  /** A second in which 15 calls go through, evenly spread. */
  const fifteenInASecond = (rate: RateController, advance: (ms: number) => void): void => {
    for (let i = 0; i < 15; i++) {
      advance(1000 / 15);
      rate.succeeded();
    }
  };
  /** Sends `n` through the controller and returns the shortest time any 15 consecutive sends took (a second plus the margin). */
  const shortestFifteen = async (rate: RateController, clock: () => number, n: number): Promise<number> => {
    const at: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = await rate.reserve();
      if (!(await t.go())) continue;
      at.push(clock());
      rate.succeeded();
    }
    let min = Infinity;
    for (let i = 15; i < at.length; i++) min = Math.min(min, (at[i] as number) - (at[i - 15] as number));
    return min;
  };

  it('a 429 at a limit that has not moved widens the margin (requests arrive bunched); quiet time narrows it again', async () => {
    const { rate, advance, clock } = virtual(1000, { initialPerSecond: 20 });
    const second = (): void => fifteenInASecond(rate, advance);
    second();
    rate.throttled(1000);
    advance(1000);
    second();
    second();
    rate.throttled(1000); // the same limit again, not probing: bunching in transit
    expect(rate.learnt()).toBe(15);
    const gaps = (): Promise<number> => shortestFifteen(rate, clock, 40);
    expect(await gaps()).toBeGreaterThanOrEqual(1014); // 4 + 10 ms
    for (let s = 0; s < 200; s++) second(); // 200 s without a 429
    expect(await gaps()).toBeLessThan(1014);
  });

  it('each 429 at a limit that has not moved widens the margin by a step, not by doubling (three: 34 ms, not 74 ms)', async () => {
    const { rate, advance, clock } = virtual(1000, { initialPerSecond: 20 });
    const second = (): void => fifteenInASecond(rate, advance);
    second();
    rate.throttled(1000); // learns 15
    for (let n = 0; n < 3; n++) {
      advance(1000);
      second();
      second();
      rate.throttled(1000); // the same limit again: bunching in transit
    }
    expect(rate.learnt()).toBe(15);
    advance(1000);
    const min = await shortestFifteen(rate, clock, 60);
    expect(min).toBeGreaterThanOrEqual(1034); // 4 + 3 × 10 ms
    expect(min).toBeLessThan(1060); // doubling from 10 ms it would be 4 + 70 ms
  });

  it('a 429 at the limit already known (bunched in transit) pauses, then goes on at the same pace; one that finds less slows to 90 % of it', () => {
    const { rate, advance } = virtual(1000, { initialPerSecond: 20 });
    const second = (n: number): void => {
      for (let i = 0; i < n; i++) {
        advance(1000 / n);
        rate.succeeded();
      }
    };
    second(50);
    rate.throttled(1000);
    expect(rate.learnt()).toBe(50);
    advance(1000);
    for (let s = 0; s < 10; s++) second(50);
    expect(rate.perSecond).toBeCloseTo(50);
    rate.throttled(1000); // 50 a second got through: bunching, not a lower limit
    expect(rate.learnt()).toBe(50);
    expect(rate.perSecond).toBeCloseTo(50);
    advance(1000);
    second(40);
    rate.throttled(1000); // only 40 got through: the limit fell
    expect(rate.learnt()).toBe(40);
    expect(rate.perSecond).toBeCloseTo(36);
  });

  it('requests bunched in transit do not ratchet the learnt limit down', async () => {
    const { rate, between } = await simulate({ seconds: 300, limit: () => 50, jitter: jitterOf(40) });
    expect(rate.stats.ceiling).toBeGreaterThanOrEqual(47);
    expect(between(10, 300)).toBeGreaterThanOrEqual(45);
  });

  it('follows a limit that drops, and finds one that is raised', async () => {
    const down = await simulate({ seconds: 200, limit: (t) => (t < 60_000 ? 50 : 20) });
    expect(down.rate.stats.ceiling).toBeLessThanOrEqual(21);
    expect(down.between(80, 200)).toBeGreaterThanOrEqual(18);
    const up = await simulate({ seconds: 300, limit: (t) => (t < 60_000 ? 20 : 50) });
    expect(up.between(200, 300)).toBeGreaterThanOrEqual(45);
  });

  it('never exceeds its maximum', async () => {
    const { rate, between } = await simulate({ seconds: 60, limit: () => 1000, maxPerSecond: 30 });
    expect(rate.perSecond).toBeLessThanOrEqual(30);
    expect(between(10, 60)).toBeLessThanOrEqual(30);
  });

  it('requests that bunch up between place and send leave no faster than the cap (the rate + 1 before a limit is learnt)', async () => {
    const { rate, clock, advance } = virtual(10);
    const tickets = [];
    for (let i = 0; i < 11; i++) tickets.push(await rate.reserve()); // eleven places, 100 ms apart
    // Their claims were slow, then all finished at once: all eleven go together…
    advance(600);
    for (const ticket of tickets) expect(await ticket.go()).toBe(true);
    // …so the next request leaves only once the first of them has left the second.
    const sentAt = clock();
    const next = await rate.reserve();
    expect(await next.go()).toBe(true);
    expect(clock()).toBeGreaterThanOrEqual(sentAt + 1000);
  });

  it('a place is held until its request leaves or is given up, and used once', async () => {
    let now = 0;
    let second: SendTicket | undefined;
    // One claim is lost at 1.6 s (virtual time): its place is freed then.
    const rate = new RateController({
      maxPerSecond: 2,
      initialPerSecond: 2,
      now: () => now,
      sleep: async (ms) => {
        now += ms;
        if (now >= 1600 && second) {
          second.cancel();
          second = undefined;
        }
      }
    });
    const first = await rate.reserve();
    const held = await rate.reserve(); // 500 ms later
    second = await rate.reserve(); // 1 s; all three claims (the rate, 2/s, + 1) still in flight
    const third = await rate.reserve(); // its turn is at 1.5 s, but all places are held until the claim is lost at 1.6 s
    expect(now).toBeGreaterThanOrEqual(1600);
    expect(await third.go()).toBe(true);
    expect(await held.go()).toBe(true);
    expect(await first.go()).toBe(true);
    expect(() => first.go()).toThrow(/once/);
  });

  it('a place whose claim never comes back is given up after 30 s: a claim stuck in storage does not stop the sender', async () => {
    const { rate, clock } = virtual(2);
    for (let i = 0; i < 3; i++) await rate.reserve(); // every place (the rate, 2/s, + 1), all stuck
    const next = await rate.reserve();
    expect(clock()).toBeGreaterThanOrEqual(30_000);
    expect(await next.go()).toBe(true);
  });

  it("a place's second is counted from when its request will leave (after its claim), not from when the place was given: claims of 40 ms do not cost a second's pace", async () => {
    const { rate, advance, clock } = virtual(1000, { initialPerSecond: 10 });
    rate.startFrom(10);
    let sent = 0;
    let from = 0;
    for (let i = 0; clock() < 30_000; i++) {
      const ticket = await rate.reserve();
      advance(40); // the claim
      if (await ticket.go()) {
        rate.succeeded();
        if (clock() >= 10_000) sent++;
        else from = clock();
      }
    }
    // 10 in every 1,010 ms (the margin): 9.9 a second. Counted from the place, 10 in every 1,050 ms: 9.5.
    expect(sent / ((clock() - from) / 1000)).toBeGreaterThanOrEqual(9.8);
  });

  it('a request is counted from when it is on the wire (`left`), not from `go`: one held up on its way cannot be followed closer than a second', async () => {
    // Every seventh request reaches its socket 30 ms after `go` (a busy event loop, a connection being
    // opened). What the server counts is when requests arrive: at most the limit in any second.
    const busiest = async (callLeft: boolean): Promise<number> => {
      const { rate, advance, clock } = virtual(1000, { initialPerSecond: 10 });
      rate.startFrom(10);
      const wire: number[] = [];
      for (let i = 0; clock() < 20_000; i++) {
        const ticket = await rate.reserve();
        advance(2); // the claim
        if (!(await ticket.go())) continue;
        if (i % 7 === 0) advance(30);
        wire.push(clock());
        if (callLeft) ticket.left();
        rate.succeeded();
      }
      let most = 0;
      for (let a = 0, b = 0; a < wire.length; a++) {
        while ((wire[b] as number) <= (wire[a] as number) - 1000) b++;
        most = Math.max(most, a - b + 1);
      }
      return most;
    };
    expect(await busiest(true)).toBeLessThanOrEqual(10);
    expect(await busiest(false)).toBeGreaterThan(10); // counted from `go`, they arrive bunched: a 429
    // Never earlier, and used once per request: a second call or one after a refused `go` does nothing.
    const { rate, advance } = virtual(1000, { initialPerSecond: 10 });
    rate.startFrom(10);
    const ticket = await rate.reserve();
    expect(await ticket.go()).toBe(true);
    ticket.left();
    advance(50);
    ticket.left();
  });

  it('a request held up on its way in (its round trip longer than the quickest) is counted from when it may have arrived: the server never sees more than the limit in a second', async () => {
    // Every seventh request arrives 30 ms after it left (the server or the network busy); the others
    // after 1 ms. The answer comes back 1 ms after arrival. The server counts arrivals.
    const busiest = async (tellAnswers: boolean): Promise<{ most: number; perSecond: number }> => {
      const { rate, clock, at: asOf } = virtual(1000, { initialPerSecond: 10 });
      rate.startFrom(10);
      const arrived: number[] = [];
      let answers: { at: number; ticket: SendTicket }[] = [];
      for (let i = 0; clock() < 30_000; i++) {
        const now = clock();
        for (const a of answers.filter((x) => x.at <= now).sort((x, y) => x.at - y.at)) asOf(a.at, () => a.ticket.answered());
        answers = answers.filter((x) => x.at > now);
        const ticket = await rate.reserve();
        if (!(await ticket.go())) continue;
        ticket.left();
        const arrival = clock() + (i % 7 === 0 ? 30 : 1);
        arrived.push(arrival);
        if (tellAnswers) answers.push({ at: arrival + 1, ticket });
        rate.succeeded();
      }
      arrived.sort((x, y) => x - y);
      let most = 0;
      for (let a = 0, b = 0; a < arrived.length; a++) {
        while ((arrived[b] as number) <= (arrived[a] as number) - 1000) b++;
        most = Math.max(most, a - b + 1);
      }
      return { most, perSecond: arrived.filter((t) => t >= 10_000 && t < 30_000).length / 20 };
    };
    const told = await busiest(true);
    expect(told.most).toBeLessThanOrEqual(10);
    expect(told.perSecond).toBeGreaterThanOrEqual(9.6); // the lateness is paid once per late request, not on every one
    expect((await busiest(false)).most).toBeGreaterThan(10); // not told, the 4 ms margin lets 11 arrive in a second: a 429
  });

  it('the places a busy event loop missed (up to 250 ms of them) are caught up within the cap: a stall costs no sending', async () => {
    const sentIn = async (stallMs: number): Promise<number> => {
      const { rate, advance, clock } = virtual(1000, { initialPerSecond: 50 });
      rate.startFrom(50);
      let sent = 0;
      let stalled = false;
      while (clock() < 10_000) {
        const ticket = await rate.reserve();
        if (!(await ticket.go())) continue;
        rate.succeeded();
        if (clock() >= 5000) sent++;
        if (!stalled && clock() >= 5000) {
          stalled = true;
          advance(stallMs); // the event loop is busy: no place is given meanwhile
        }
      }
      return sent;
    };
    const smooth = await sentIn(0);
    expect(smooth).toBeGreaterThanOrEqual(245);
    expect(await sentIn(200)).toBeGreaterThanOrEqual(smooth - 1); // with 4 places caught up: 6 fewer
  });

  it('a start from a limit known (published or inherited) reaches it in about 1.5 s, not 5 s; after a 429 the climb is as slow as before', async () => {
    const warm = await simulate({ seconds: 1.6, limit: () => 50, startFrom: 50 });
    expect(warm.rate.perSecond).toBe(50);
    expect(warm.throttles).toBe(0);
    const published = await simulate({ seconds: 1.6, limit: () => 50, options: { assumedPerSecond: 50 } });
    expect(published.rate.perSecond).toBe(50);
    const { rate, advance } = virtual(1000, { initialPerSecond: 10 });
    rate.startFrom(50);
    rate.throttled(1000); // (reads 0 accepted: at most halved, then 90 % of it)
    const after = rate.perSecond;
    advance(1000);
    for (let i = 0; i < 40; i++) {
      rate.succeeded();
      advance(25);
    }
    // One second of use after the pause: two steps of 2 % at most, not ten.
    expect(rate.perSecond - after).toBeLessThanOrEqual(0.04 * (rate.stats.ceiling ?? 0) + 1e-9);
  });

  it('during a 429 pause nothing is sent: the caller is told to give its claim back', async () => {
    const { rate, clock } = virtual(50);
    const ticket = await rate.reserve();
    rate.throttled(2000);
    expect(await ticket.go()).toBe(false);
    await rate.slot(); // chat creation, cards, rosters: wait out the pause, then go
    expect(clock()).toBeGreaterThanOrEqual(2000);
    expect((await (await rate.reserve()).go())).toBe(true);
  });

  it('without Retry-After: exponential backoff with jitter, capped', () => {
    const { rate } = virtual(50);
    expect([1, 2, 3, 4].map((a) => rate.backoffMs(a))).toEqual([375, 750, 1500, 3000]);
    expect(rate.backoffMs(20)).toBe(22_500);
  });

  it('reads Retry-After in seconds or as a date', () => {
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(retryAfterMs(null)).toBeUndefined();
    expect(retryAfterMs('soon')).toBeUndefined();
  });
});
