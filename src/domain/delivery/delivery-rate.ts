/**
 * One rate controller per sender process, shared by every send, reminder, card update and roster
 * call: places given one at a time, evenly spaced (no bursts) and held until their request leaves
 * (`reserve`), at a rate learnt from Teams' answers. The sender is not told the limit; it finds it
 * (docs/delivery.md, "Throttling"), or starts from the one its predecessor learnt (`startFrom`).
 *
 * - Slow start: until the first 429 the rate doubles every half second while the calls that get
 *   through use it (from `initialPerSecond`, never above `maxPerSecond`).
 * - 429: every caller pauses until `Retry-After` (else exponential backoff with full jitter). The
 *   limit is learnt from what Teams accepted in the second before the 429 (a direct measurement, so
 *   one throttle is enough to find it, and a 429 caused by calls bunching up in transit does not
 *   ratchet the estimate down); the rate drops to 90 % of it (multiplicative decrease). Several calls
 *   throttled together are one signal. A 429 too soon after a pause to measure anything: −15 %.
 *   (Measured as the busiest second since the last pause, up to 5 s back: a stall just before the
 *   429 would otherwise read as a low limit.)
 * - Quiet: the rate climbs back by 2 % of the limit every half second to 98 % of it, holds there, and
 *   after 120 s without a 429 probes upward by 1 % of it every 5 s (additive increase), so a raised
 *   limit is found again; once a probe holds above the learnt limit, that is the new limit and the
 *   steps double until the next 429. A probe that only confirms the limit (a 429 at it) doubles the
 *   wait before the next one (120 s, 240 s, 5 min): each costs a second's pause. One 429 at most
 *   halves the learnt limit (a sender that was barely sending learns little from it).
 * - Below the learnt limit, never more than the limit (whole requests) leaves in any second plus a
 *   margin (4 ms), each request counted from when it may have arrived: when it left, plus its round
 *   trip beyond the quickest recent one (`answeredLate`: one held up on its way in is counted late, so
 *   the requests a second after it wait for it). A 429 at a limit that has not moved widens the margin
 *   by 10 ms (up to 160 ms), quiet time eases it back (`cap`).
 * - Growth needs use: the rate only rises while the calls that went through nearly fill it, so an
 *   idle or storage-bound sender does not build up a rate it has never tried.
 * The whole sender slows, not just the message that was throttled.
 */
import { systemClock } from '../shared/clock';

/** A place among the requests of the next second (see `RateController.reserve`); used once. */
export interface SendTicket {
  /**
   * Right before the request, never waits: true to send now; false while a 429 pause is on (nothing is
   * sent while Teams has asked us to wait), or when the request came so early that its second is full
   * (see `reserve`): either way a delivery gives its claim back and reserves again.
   */
  go(): Promise<boolean>;
  /**
   * After `go()`: the request is now on the wire (written to its socket). Its second is counted from
   * here instead of from `go()`: anything between the two (a busy event loop, a token, a connection
   * being opened) would otherwise let the requests after it leave closer to it than a second, and
   * arrive so (a 429 at a limit the sender kept to). Never moves a request earlier.
   */
  left(): void;
  /**
   * After `left()`: Teams has answered (any status). The round trip above the quickest recent ones is
   * time the request may have spent on its way in: it is counted that much later (see `answeredLate`),
   * so a request that arrived late cannot let the ones a second after it arrive inside its second.
   */
  answered(): void;
  /** The request will not be made (e.g. the claim was lost): frees the place. */
  cancel(): void;
}

export interface RateOptions {
  /** Calls per second to start with (default: 25, or the maximum if lower; the first 429 teaches the real limit); slow start from there. */
  initialPerSecond?: number;
  /**
   * The limit the service publishes (Teams: 50 requests per second per app per tenant), assumed until
   * a 429 says otherwise: no slow start and no 429 to find it; the first 429 is read as a first
   * measurement, as if nothing were known. Probed above only every PROBE_PUBLISHED_MS (a raise is rare,
   * and each probe costs a pause). Without it: slow start from `initialPerSecond`.
   */
  assumedPerSecond?: number;
  /** Never faster than this: a safety ceiling, not the limit (which is learnt). */
  maxPerSecond: number;
  /** The share of the learnt limit paced at when quiet (default 1: `cap` keeps each second within the limit). */
  hold?: number;
  /** Quiet time after a 429 before the first probe above the hold (default 120 s; doubles as probes confirm the limit). */
  probeAfterMs?: number;
  /** Below a learnt limit, at most the limit leaves in any second plus this (default 4 ms; lateness on the way in is read from round trips). */
  marginMs?: number;
  /** The quantile of recent claim times a place's request is projected to leave after (default LEAD_QUANTILE; bench/rate-sim.bench.ts tries others). */
  leadQuantile?: number;
  minPerSecond?: number;
  /** Monotonic milliseconds and waits (default: the system clock's); injected for tests. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/** A place not used within this long is given up (its claim is stuck in storage). */
const HELD_MS = 30_000;
/** How many recent claim times `lead` is read from, how often it is read again, and the quantile read. */
const LEADS_KEPT = 64;
const LEAD_EVERY = 16;
const LEAD_QUANTILE = 0.1;
/** The window in which the accepted calls are counted (Teams' limits are per second). */
const WINDOW_MS = 1000;
/**
 * Below a learnt limit, at most the limit leaves in any WINDOW_MS + MARGIN_MS (see `cap`). Small: a
 * request's own lateness on the way in is read from its round trip (`answeredLate`), so the margin only
 * covers clocks read to the millisecond (it was 10 ms, for all arrival jitter, until 5 Dec).
 */
const MARGIN_MS = 4;
/** How many recent round trips the quickest is read from (`answeredLate`), and the most a request is counted late by. */
const TRIPS_KEPT = 64;
const LATE_MAX_MS = 60;
/** The margin grows by MARGIN_STEP_MS on a 429 at a limit that has not moved (bunching the round trips did not show). */
const MARGIN_STEP_MS = 10;
/** The margin grows by MARGIN_STEP_MS up to this on a 429 at the learnt limit, and eases back by MARGIN_EASE every MARGIN_EASE_EVERY_MS without one. */
const MARGIN_MAX_MS = 160;
const MARGIN_EASE = 0.8;
const MARGIN_EASE_EVERY_MS = 300_000;
/** Replies still on their way at a 429 are counted if they come back within this (see `settle`). */
const SETTLE_MS = 300;
/** How far back a 429 looks for the busiest second (since the last pause). */
const PEAK_MS = 5000;
/** After a 429: this share of the learnt limit. */
const DECREASE = 0.9;
/**
 * Without a 429: back up to this share of the learnt limit, and hold (0.94 until #18, then 0.98; at 1
 * the pacing meets `cap`, which lets at most the limit leave in any second plus the margin).
 */
const HOLD_DEFAULT = 1;
/**
 * A sender starting from a limit it did not learn itself (published or inherited) starts at this share
 * of it and climbs like after a 429 (2 % every half second: 5 s to the limit, about a quarter of a
 * second's sending given up). Its first requests go out on new connections while the process warms up
 * and arrive bunched: in the bench 5 of the first second's arrived in the next, and at 90 % that was
 * a 429 (a second's pause) on a restart.
 */
const START_SHARE = 0.8;
/**
 * From START_SHARE the rate climbs RECOVER_STEP every this long (not RECOVER_EVERY_MS as after a 429):
 * the bunching of a start is in its first half second (new connections, a cold process), after which
 * a limit known (published or inherited) is no reason to wait 5 s for it. 80 % → 100 % from 0.5 s to
 * 1.5 s gives up about 0.2 s of sending instead of 0.55 s (a restart's cost, every start's).
 */
const START_CLIMB_EVERY_MS = 100;
/** Recovery step towards HOLD (share of the limit), and how often. */
const RECOVER_STEP = 0.02;
const RECOVER_EVERY_MS = 500;
/**
 * Probing above HOLD: only after this long without a 429, in steps of PROBE_STEP every PROBE_EVERY_MS.
 * Each probe that ends in a 429 at the limit already learnt (it was right) doubles the wait, up to
 * PROBE_AFTER_MAX_MS; a limit that moved starts it again from PROBE_AFTER_MS.
 */
const PROBE_AFTER_MS = 120_000;
const PROBE_AFTER_MAX_MS = 320_000;
/** At or above the published limit (`assumedPerSecond`), a probe only after this long without a 429. */
const PROBE_PUBLISHED_MS = 600_000;
/**
 * After a late place (a busy event loop), the places of up to this long are caught up at once, and at
 * least CATCH_UP_MIN (`cap` still bounds each second). A gap that is not caught up is not only lost
 * once: a second later its burst leaves the window at once, and the places not given then are lost
 * again, every second. 4 places (80 ms at 50/s) until 5 Dec, when 250 ms (12 at 50/s) lifted the
 * 10,000-recipient bench from 0.962–0.964 to 0.975–0.977 (docs/delivery.md, "5 Dec, afternoon").
 */
const CATCH_UP_MS = 250;
const CATCH_UP_MIN = 4;
/** A learnt limit within this share of the last one is "the same limit" (a probe confirmed it). */
const SAME_LIMIT = 0.96;
const PROBE_STEP = 0.01;
const PROBE_EVERY_MS = 5000;
/** Slow start: × SLOW_START_FACTOR every SLOW_START_EVERY_MS while the calls that get through use SLOW_START_IN_USE of it. */
const SLOW_START_FACTOR = 2;
const SLOW_START_IN_USE = 0.6;
const SLOW_START_EVERY_MS = 500;
/** The rate only grows while the calls that went through use at least this share of it. */
const IN_USE = 0.8;

export class RateController {
  private rate: number;
  /** The learnt limit (calls per second); undefined until the first 429. */
  private limit: number | undefined;
  private nextSlot = 0;
  /** Places are given one at a time (see `reserve`). */
  private gate: Promise<void> = Promise.resolve();
  private pausedUntil = 0;
  private throttles = 0;
  private consecutiveThrottles = 0;
  private lastDecreaseAt = -Infinity;
  private lastThrottleAt = -Infinity;
  private lastChangeAt: number;
  private marginEasedAt = -Infinity;
  /** How often the rate climbs towards the hold: quickly after a start from a limit known, RECOVER_EVERY_MS after a 429. */
  private climbEveryMs = RECOVER_EVERY_MS;
  /** A limit learnt from a 429, to be read again once replies still on their way have come back (see `settle`). */
  private unsettled: { at: number; from: number; sent: number } | undefined;
  private probeStep = PROBE_STEP;
  private probeAfter: number;
  private readonly probeAfterFirst: number;
  /** When the calls that went through are counted from (the end of the last pause). */
  private countingSince: number;
  /** Nothing was sent for a whole second before `countingSince` (the start, or a pause of a second or more): what got through since then is all Teams counts. */
  private cleanStart = true;
  /** Completion times of the calls that went through in the last PEAK_MS, oldest first. */
  private readonly accepted: number[] = [];
  /** When the calls of the last second left (see `SendTicket.go`), oldest first. */
  private readonly issued: number[] = [];
  /** Requests on the wire and not answered yet, and when each left (see `answeredLate`). */
  private readonly onWire = new Map<number, number>();
  /** Recent round trips (left → answered), last TRIPS_KEPT, and the quickest of them. */
  private readonly trips: number[] = [];
  private quickestTrip = Infinity;
  /** Places given by `reserve` whose requests have not left yet, and when each was given. */
  private readonly held = new Map<number, number>();
  /** How long recent places took from being given to their request leaving (the claim), last LEADS_KEPT. */
  private readonly leads: number[] = [];
  /** A low quantile of `leads`: a request given a place now leaves no sooner than this, usually (see `reserve`). */
  private lead = 0;
  private tickets = 0;
  /** Requests that found their second full at `go` (claims quicker than `lead`): diagnostics. */
  private early = 0;
  /** The published limit (see `RateOptions.assumedPerSecond`), if any. */
  private readonly published: number | undefined;
  /** `limit` is the published one, not yet confirmed or corrected by a 429. */
  private assumed = false;
  private readonly max: number;
  private readonly min: number;
  private readonly hold: number;
  private readonly marginFirst: number;
  private readonly leadQuantile: number;
  /** Current margin (see `cap`): one step wider on each 429 at the learnt limit (requests bunched in transit), eases back when quiet. */
  private marginMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;

  constructor(options: RateOptions) {
    this.max = options.maxPerSecond;
    this.hold = options.hold ?? HOLD_DEFAULT;
    this.probeAfterFirst = options.probeAfterMs ?? PROBE_AFTER_MS;
    this.marginFirst = options.marginMs ?? MARGIN_MS;
    this.marginMs = this.marginFirst;
    this.leadQuantile = options.leadQuantile ?? LEAD_QUANTILE;
    this.probeAfter = this.probeAfterFirst;
    this.min = options.minPerSecond ?? 0.5;
    this.rate = Math.max(this.min, Math.min(this.max, options.initialPerSecond ?? 25));
    this.now = options.now ?? (() => systemClock.monotonicNow());
    this.sleep = options.sleep ?? systemClock.sleep;
    this.random = options.random ?? Math.random;
    this.lastChangeAt = this.now();
    this.countingSince = this.lastChangeAt;
    this.nextSlot = this.lastChangeAt; // (nothing to catch up at the start)
    this.published = options.assumedPerSecond !== undefined && options.assumedPerSecond > 0 ? options.assumedPerSecond : undefined;
    if (this.published !== undefined) {
      this.limit = this.clamp(this.published);
      this.rate = this.clamp(this.limit * Math.min(this.hold, START_SHARE));
      this.assumed = true;
      this.climbEveryMs = START_CLIMB_EVERY_MS;
      this.lastThrottleAt = this.lastChangeAt; // probe above it only after the usual quiet time
    }
  }

  /** Current calls per second. */
  get perSecond(): number {
    return this.rate;
  }

  /** The limit learnt from Teams so far (calls per second), if any (the published one assumed is not learnt). */
  learnt(): number | undefined {
    return this.assumed ? undefined : this.limit;
  }

  /**
   * A limit learnt before (by this sender's predecessor: saved on the delivery job). A controller that
   * has learnt nothing yet skips the slow start and its 429 and climbs to it from START_SHARE; if it
   * is out of date, the first 429 corrects it as usual.
   * Ignored once this controller has learnt a limit itself.
   */
  startFrom(perSecond: number): void {
    if ((this.limit !== undefined && !this.assumed) || !(perSecond > 0)) return;
    const now = this.now();
    this.assumed = false;
    this.limit = this.clamp(perSecond);
    this.rate = this.clamp(this.limit * Math.min(this.hold, START_SHARE));
    this.climbEveryMs = START_CLIMB_EVERY_MS;
    this.lastChangeAt = now;
    this.lastThrottleAt = now; // probe above it only after the usual quiet time
  }

  get stats(): { perSecond: number; ceiling: number; throttles: number; pausedUntil: number; early: number } {
    return { perSecond: this.rate, ceiling: this.limit ?? this.max, throttles: this.throttles, pausedUntil: this.pausedUntil, early: this.early };
  }

  /**
   * A place for one request, taken *before* a delivery claims its record, so that nothing waits
   * between the claim and the request (a sender killed there leaves the recipient "in doubt";
   * docs/delivery.md). Places are given one at a time, in order, spaced 1/rate apart (one given late —
   * a busy event loop — is caught up, up to CATCH_UP_MS of places at once), and after any 429 pause. A place is held
   * from here until its request leaves (or for HELD_MS at most: a claim stuck in storage must not stop
   * the sender), and a new one is only given while the places held plus the requests that will still
   * be in the second when its own request leaves stay under `cap`. "When it leaves" is projected from
   * recent claims (`lead`, a low quantile of how long a place took to be used): counting from the moment
   * the place was given instead made every second a second plus a claim long (47–48 a second against a
   * limit of 50 with Azurite's claims). A request whose claim was quicker than that may wait a few
   * milliseconds for its second (`SendTicket.go`): what happens between place and request (a claim that
   * is slow, then several that are fast) cannot bunch requests up beyond `cap`.
   */
  reserve(): Promise<SendTicket> {
    const turn = this.gate.then(() => this.grant());
    this.gate = turn.then(
      () => undefined,
      () => undefined
    );
    return turn;
  }

  private async grant(): Promise<SendTicket> {
    for (;;) {
      const now = this.now();
      this.settle(now);
      const at = Math.max(this.nextSlot, this.pausedUntil);
      if (at > now) {
        await this.sleep(at - now);
        continue; // (a 429 may have begun meanwhile)
      }
      const windowMs = WINDOW_MS + this.marginMs;
      for (const [id, since] of this.held) if (since <= now - HELD_MS) this.held.delete(id);
      for (const [id, leftAt] of this.onWire) if (leftAt <= now - HELD_MS) this.onWire.delete(id);
      // The requests still in the second when this place's request leaves (at about now + lead).
      const from = now + this.lead - windowMs;
      let first = this.issued.length;
      while (first > 0 && (this.issued[first - 1] as number) > from) first--;
      const cap = this.cap();
      const free = cap - this.held.size;
      const unanswered = this.stillOnWay(from, now + this.lead);
      if (this.issued.length - first + unanswered < free) {
        const id = ++this.tickets;
        this.held.set(id, now);
        // Spaced from this place, not from when it was asked for: a wait for the window is not
        // followed by a burst beyond CATCH_UP_MS of places.
        const interval = 1000 / this.rate;
        const catchUp = Math.max(CATCH_UP_MIN, Math.floor((this.rate * CATCH_UP_MS) / 1000));
        this.nextSlot = Math.max(this.nextSlot, now - catchUp * interval) + interval;
        return this.ticket(id);
      }
      // Wait for the oldest request that keeps the second full to leave it (or for a held place).
      const blocking = free > 0 && unanswered === 0 ? this.issued[this.issued.length - free] : undefined;
      await this.sleep(blocking === undefined ? 5 : Math.max(1, blocking + windowMs - this.lead - now));
    }
  }

  /**
   * Right before a request, never waits: true if it fits `cap` in its second; false during a 429 pause,
   * or if its claim was so much quicker than `lead` that its second is still full (the caller gives its
   * claim back and reserves again: waiting here, after the claim, left recipients in doubt when a
   * sender was killed).
   */
  private issue(): number | undefined {
    const now = this.now();
    if (this.pausedUntil > now) return undefined;
    const windowMs = WINDOW_MS + this.marginMs;
    while (this.issued.length > 0 && (this.issued[0] as number) <= now - windowMs) this.issued.shift();
    if (this.issued.length + this.stillOnWay(now - windowMs, now) >= this.cap()) {
      this.early++;
      return undefined;
    }
    this.issued.push(now);
    return now;
  }

  /** A request counted as leaving at `at` is on the wire only now (see `SendTicket.left`): it is counted from now. */
  private leftLate(at: number): number {
    const now = this.now();
    if (now <= at) return at;
    this.recount(at, now);
    return now;
  }

  /**
   * Requests that left before `from` (out of the window by when they left) but are not answered yet and
   * have been on their way longer than the quickest round trip by `at`: they may have arrived after
   * `from`, so they still count (a request counted late, see `answeredLate`, while it is unknown by how much).
   */
  private stillOnWay(from: number, at: number): number {
    if (this.onWire.size === 0 || !Number.isFinite(this.quickestTrip)) return 0;
    let count = 0;
    for (const leftAt of this.onWire.values()) if (leftAt <= from && Math.min(at - this.quickestTrip, leftAt + LATE_MAX_MS) > from) count++;
    return count;
  }

  /**
   * A request that left at `leftAt` was answered now. Its round trip beyond the quickest recent one
   * (at most LATE_MAX_MS) is time it may have spent on its way in — the service counts it when it
   * arrives — so it is counted that much later: the requests a second after it wait for it. (A request
   * whose answer was late on its way back is counted late for nothing: a few milliseconds' pace. One
   * held up on its way in and not counted so put 51 into the service's second at a margin of 10 ms.)
   */
  private answeredLate(leftAt: number): void {
    const now = this.now();
    const trip = Math.max(0, now - leftAt);
    this.trips.push(trip);
    if (this.trips.length > TRIPS_KEPT) this.trips.shift();
    this.quickestTrip = Math.min(...this.trips);
    const late = Math.min(LATE_MAX_MS, trip - this.quickestTrip);
    if (late <= 0) return;
    this.recount(leftAt, leftAt + late);
  }

  /** Moves one request in `issued` from `at` to `to` (later), keeping the order; nothing if it has left the window. */
  private recount(at: number, to: number): void {
    let i = this.issued.length - 1;
    while (i >= 0 && this.issued[i] !== at) i--;
    if (i < 0) return;
    this.issued.splice(i, 1);
    let j = this.issued.length;
    while (j > 0 && (this.issued[j - 1] as number) > to) j--;
    this.issued.splice(j, 0, to);
  }

  /** A place was used `ms` after it was given: `lead` is read again every LEAD_EVERY places. */
  private used(ms: number): void {
    this.leads.push(ms);
    if (this.leads.length > LEADS_KEPT) this.leads.shift();
    if (this.tickets % LEAD_EVERY !== 0) return;
    const sorted = [...this.leads].sort((x, y) => x - y);
    this.lead = Math.min(WINDOW_MS / 4, sorted[Math.floor(this.leadQuantile * sorted.length)] ?? 0);
  }

  /**
   * How many requests may leave in any window of a second plus the margin. Below a learnt limit: the
   * limit itself (whole requests), so neither a place given late and caught up nor claims that bunch up
   * can put more than the limit into any second Teams counts, at any limit (at 15/s, "the rate + 1" was
   * 16: over it). The window is longer than Teams' second by `marginMs`, so requests that arrive closer
   * together than they left (by up to the margin) still fit. Until a limit is learnt, and while probing
   * above it: one request of headroom over the rate (the place whose claim is in flight; at exactly the
   * rate a place would wait each time for the request a second before it, whose claim took a while).
   */
  private cap(): number {
    const headroom = Math.ceil(this.rate) + 1;
    if (this.limit === undefined || this.rate > this.limit) return headroom;
    return Math.max(1, Math.min(headroom, Math.floor(this.limit)));
  }

  /** A place for calls with nothing between the slot and the call (chat creation, cards, rosters). */
  async slot(): Promise<void> {
    while (!(await (await this.reserve()).go()));
  }

  private ticket(id: number): SendTicket {
    let used = false;
    let issuedAt: number | undefined;
    const release = (): void => {
      if (used) throw new Error('a send ticket is used once');
      used = true;
      this.held.delete(id);
    };
    return {
      go: () => {
        const since = this.held.get(id);
        release();
        if (since !== undefined) this.used(this.now() - since);
        issuedAt = this.issue();
        return Promise.resolve(issuedAt !== undefined);
      },
      left: () => {
        if (issuedAt === undefined) return;
        const leftAt = this.leftLate(issuedAt);
        issuedAt = undefined;
        this.onWire.set(id, leftAt);
      },
      answered: () => {
        const leftAt = this.onWire.get(id);
        if (leftAt === undefined) return;
        this.onWire.delete(id);
        this.answeredLate(leftAt);
      },
      cancel: release
    };
  }

  /** Teams said 429: pause everyone, learn the limit from what got through, slow down. */
  throttled(retryAfterMs?: number): void {
    const now = this.now();
    this.throttles++;
    this.consecutiveThrottles++;
    this.lastThrottleAt = now;
    const wait = retryAfterMs ?? this.backoffMs(this.consecutiveThrottles);
    const measured = this.peakPerSecond(now, this.cleanStart);
    const countedSince = this.countingSince;
    this.pausedUntil = Math.max(this.pausedUntil, now + wait);
    this.nextSlot = Math.max(this.nextSlot, this.pausedUntil);
    this.countingSince = this.pausedUntil;
    this.cleanStart = wait >= WINDOW_MS;
    // Several calls in flight are throttled together: that is one signal, not many.
    if (now - this.lastDecreaseAt <= Math.max(WINDOW_MS, wait)) return;
    this.lastDecreaseAt = now;
    this.lastChangeAt = this.pausedUntil;
    this.climbEveryMs = RECOVER_EVERY_MS;
    this.probeStep = PROBE_STEP;
    // A published limit only assumed is not something learnt: this 429 is the first measurement.
    const before = this.assumed ? undefined : this.limit;
    this.assumed = false;
    const probing = before !== undefined && this.rate > before * this.hold;
    // What can have left in a second: the rate, or (below a learnt limit) the cap. With the rate alone a
    // 429 from requests bunched in transit, at 0.98 of the limit, read the limit as 49 instead of 50, and
    // each such 429 took another one off.
    const sentPerSecond = Math.max(Math.ceil(this.rate), this.limit === undefined ? 0 : this.cap());
    if (before === undefined) this.limit = undefined;
    // The first limit is read again once the replies still on their way have come back (`settle`).
    if (measured !== undefined && before === undefined) this.unsettled = { at: now, from: Math.max(now - PEAK_MS, countedSince), sent: sentPerSecond };
    if (measured !== undefined) {
      // At most halved by one signal: a sender that was barely sending learns little from a 429. (In
      // slow start the rate can be up to 1/0.6 × 2 ≈ 3.3 × what gets through: at most ÷ 3.3 there.)
      const floor = this.limit === undefined ? SLOW_START_IN_USE / SLOW_START_FACTOR : 0.5;
      // Teams cannot have taken more than we sent, and `reserve` keeps that to ⌈rate⌉ (+ 1) a second:
      // replies that bunch up on the way back must not read as a higher limit.
      const found = Math.max(Math.min(measured, sentPerSecond), this.rate * floor);
      // Not probing and about the limit already known (a request or two short of it: replies spread
      // out on the way back): that limit stands; the requests bunched in transit (the margin grows
      // below), so after the pause the sender goes on at the same pace instead of slowing to 90 %.
      const bunched = before !== undefined && !probing && found >= before * SAME_LIMIT;
      this.limit = this.clamp(bunched ? before : found);
      this.rate = bunched ? Math.min(this.rate, this.clamp(this.limit * this.hold)) : this.clamp(this.limit * DECREASE);
    } else {
      // Too soon after a pause to measure: the rate we resumed at was too fast.
      this.rate = this.clamp(this.rate * 0.85);
      this.limit = this.clamp(Math.min(this.limit ?? this.max, this.rate / DECREASE));
    }
    if (before === undefined) return;
    if (this.limit < before * SAME_LIMIT) this.probeAfter = this.probeAfterFirst; // it fell: find out soon if that was real
    else if (probing) this.probeAfter = Math.min(PROBE_AFTER_MAX_MS, this.probeAfter * 2); // the probe confirmed it
    // Throttled below a limit that has not moved: our requests arrived closer together than they left.
    // The margin grows by a step per such 429 (it doubled until 4 Dec: three 429s made 80 ms, 8 % of the
    // rate for five minutes, where the bunching measured was a request or two, 20–40 ms at 50/s).
    else this.marginMs = Math.min(MARGIN_MAX_MS, this.marginMs + MARGIN_STEP_MS);
  }

  /**
   * Reads the first limit learnt (at the first 429) again once the replies that were still on their way
   * then have come back (SETTLE_MS later; the pause is longer, so before anything more is sent). Teams
   * answers calls out of order: the 15th call's "accepted" can arrive after the 16th's 429, and the
   * limit would be learnt one low (14/s held at 13.7 against a limit of 15 until a probe, minutes later).
   * Only ever raises it, to no more than was sent.
   */
  private settle(now: number): void {
    const u = this.unsettled;
    if (!u || now < u.at + SETTLE_MS) return;
    this.unsettled = undefined;
    const times = this.accepted.filter((t) => t >= u.from && t <= u.at + SETTLE_MS);
    const settled = Math.min(busiestSecond(times), u.sent);
    if (this.limit === undefined || settled <= this.limit) return;
    const share = this.rate / this.limit;
    this.limit = this.clamp(settled);
    this.rate = this.clamp(this.limit * share);
  }

  /** A call went through. */
  succeeded(): void {
    const now = this.now();
    this.consecutiveThrottles = 0;
    this.accepted.push(now);
    this.forget(now);
    this.settle(now);
    const inUse = this.acceptedPerSecond(now);
    if (inUse === undefined) return;
    const since = now - this.lastChangeAt;
    if (this.limit === undefined) {
      // (The last second still holds calls at the rate before the last doubling: hence 60 %, not 80 %.)
      if (inUse >= this.rate * SLOW_START_IN_USE && since >= SLOW_START_EVERY_MS && this.rate < this.max) this.change(now, this.rate * SLOW_START_FACTOR);
      return;
    }
    if (this.marginMs > this.marginFirst && now - Math.max(this.lastThrottleAt, this.marginEasedAt) >= MARGIN_EASE_EVERY_MS) {
      this.marginMs = Math.max(this.marginFirst, this.marginMs * MARGIN_EASE);
      this.marginEasedAt = now;
    }
    if (inUse < this.rate * IN_USE) return;
    const hold = this.limit * this.hold;
    if (this.rate < hold) {
      if (since >= this.climbEveryMs) this.change(now, Math.min(hold, this.rate + this.limit * RECOVER_STEP));
    } else if (now - this.lastThrottleAt >= this.probeWait() && since >= PROBE_EVERY_MS && this.rate < this.max) {
      // Held the rate for a probe step without a 429; above the learnt limit that means it was
      // raised (or learnt too low): take it, and probe faster (steps double) until Teams says 429.
      if (this.rate > this.limit) {
        this.limit = this.rate;
        this.assumed = false;
        this.probeStep = Math.min(0.25, this.probeStep * 2);
        this.probeAfter = this.probeAfterFirst;
      }
      this.change(now, this.rate + this.limit * this.probeStep);
    }
  }

  /** Quiet time before a probe: longer at or above the published limit (Teams seldom raises it; each probe costs a pause). */
  private probeWait(): number {
    const atPublished = this.published !== undefined && this.limit !== undefined && this.limit >= this.published;
    return atPublished ? Math.max(this.probeAfter, PROBE_PUBLISHED_MS) : this.probeAfter;
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

  private change(now: number, rate: number): void {
    this.rate = this.clamp(rate);
    this.lastChangeAt = now;
  }

  private clamp(rate: number): number {
    return Math.max(this.min, Math.min(this.max, rate));
  }

  private forget(now: number): void {
    while (this.accepted.length > 0 && (this.accepted[0] as number) <= now - PEAK_MS) this.accepted.shift();
  }

  /**
   * The most calls that went through in any one second since the last pause (at most PEAK_MS back):
   * what Teams accepted when we last filled its window. The last second alone can be misleading — a
   * stall (the sender's own storage, a GC) just before the 429 empties it.
   */
  private peakPerSecond(now: number, clean: boolean): number | undefined {
    this.forget(now);
    const from = Math.max(now - PEAK_MS, this.countingSince);
    const span = now - from;
    // Too soon to tell, unless nothing was sent in the second before (then every call Teams counts is here).
    if (span < WINDOW_MS / 2 && !clean) return undefined;
    const times = this.accepted.filter((t) => t >= from);
    // Less than a second since the pause (or the start): every call Teams counts now is among these,
    // and the 429 says its second is full, so their number is the limit (scaling it up to a second
    // read 15 accepted in 0.6 s as 25/s, and took four more 429s to come down to 15).
    if (span < WINDOW_MS) return times.length;
    return busiestSecond(times);
  }

  /**
   * Calls per second that went through recently: over the last second, or since the last pause if
   * that ended less than a second ago (undefined if that is under half a second: too short to tell).
   */
  private acceptedPerSecond(now: number): number | undefined {
    this.forget(now);
    const from = Math.max(now - WINDOW_MS, this.countingSince);
    const span = now - from;
    if (span < WINDOW_MS / 2) return undefined;
    let count = 0;
    for (let i = this.accepted.length - 1; i >= 0 && (this.accepted[i] as number) > from; i--) count++;
    return (count * 1000) / span;
  }
}

/** The most of `times` (sorted, milliseconds) that fall within any one window of a second. */
function busiestSecond(times: readonly number[]): number {
  let best = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while ((times[j] as number) <= (times[i] as number) - WINDOW_MS) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}
