/**
 * Many councils on one deployment (docs/delivery.md, "Many councils"): every tenant has its own queue,
 * its own rate controller (its own limit, learnt from its own 429s) and one sender at a time, the
 * instance holding its sender lease. An instance takes the leases of tenants with work (one per scan,
 * so instances share them out), renews them, lets go of a tenant that has gone quiet, and stops a
 * tenant's lane the moment its lease is lost or cannot be renewed in time. A killed instance's
 * leases run out and another instance takes them after a grace period; its in-flight claims are
 * found by the usual claim expiry (in doubt, never resent).
 *
 * So: N instances never send more than one tenant's budget for it (one holder), different tenants
 * are sent by different instances in parallel, and a throttled tenant slows only its own lane.
 */
import type { Clock } from '../shared/clock';
import type { DeliveryLog } from './delivery';
import { RateController, type RateOptions } from './delivery-rate';
import type { Outcome } from './delivery-worker';
import type { DeliveryQueue, SenderLease, SenderLeaseRepository, TenantQueues } from './ports';

/** What a tenant's lane is: a delivery worker over that tenant's queue (see DeliveryWorker). */
export interface Lane {
  start(idleMs?: number): void;
  stop(): Promise<void>;
  runOnce(max?: number): Promise<number>;
  drain(maxRounds?: number): Promise<void>;
  readonly outcomes: Record<Outcome, number>;
}

/** One rate controller per tenant in this process, shared by its lane and the service's calls for it. */
export class TenantRates {
  private readonly rates = new Map<string, RateController>();
  constructor(private readonly options: RateOptions) {}
  forTenant(tenantId: string): RateController {
    let rate = this.rates.get(tenantId);
    if (!rate) {
      rate = new RateController(this.options);
      this.rates.set(tenantId, rate);
    }
    return rate;
  }
  /** Tenants with a controller here, and each one's state (benchmarks, diagnostics). */
  stats(): Record<string, RateController['stats']> {
    return Object.fromEntries([...this.rates].map(([tenantId, rate]) => [tenantId, rate.stats]));
  }
}

export interface TenantSendersOptions {
  queues: TenantQueues;
  leases: SenderLeaseRepository;
  rates: TenantRates;
  /** Builds the lane that sends one tenant's queue at that tenant's rate. */
  lane: (tenantId: string, queue: DeliveryQueue, rate: RateController) => Lane;
  clock: Clock;
  owner: string;
  log: DeliveryLog;
  /** The queue shared by every tenant before per-tenant queues (its messages are still sent). */
  shared?: Lane;
  /** How long a lease holds without renewal (default 15 s). */
  leaseMs?: number;
  /** Renewed this often (default a third of `leaseMs`). */
  renewEveryMs?: number;
  /** A lease that ran out is taken only this long after (default 3 s): the old holder has stopped by then. */
  graceMs?: number;
  /** Tenants one instance sends for at most (default 50). */
  maxTenants?: number;
  /** A tenant whose queue has been empty this long is let go (default 30 s). */
  idleReleaseMs?: number;
  /** A limit learnt at most this long ago is taken over by the next holder (default 10 min). */
  learntFreshMs?: number;
  /** How often (in scans) an instance checks it holds its fair share of the tenants with work (default 5). */
  rebalanceEveryScans?: number;
}

/** Who sends for the tenants with work now, as seen from the lease rows (see `TenantSenders.survey`). */
export interface SenderSurvey {
  /** Tenants whose queue has work. */
  withWork: string[];
  /** Their lease rows (absent: never taken). */
  leases: Map<string, SenderLease>;
  /** Live instances: holders of unexpired leases, fresh requesters, and this one. */
  live: Set<string>;
  /** Fair share: ceil(tenants with work / live instances), at least 1. */
  share: number;
  /** Unexpired leases per holder. */
  holding: Map<string, string[]>;
}

interface Held {
  lease: SenderLease;
  lane: Lane;
  rate: RateController;
  renewedAt: number;
  /** Since when (wall ms) the tenant's queue has been seen empty; undefined while it has work. */
  emptySince?: number;
}

const OUTCOMES: Outcome[] = ['sent', 'failed', 'skipped', 'duplicate', 'delayed', 'poisoned', 'busy', 'retry'];

export class TenantSenders implements Lane {
  private readonly held = new Map<string, Held>();
  /** Tenants another instance holds: not asked again before this (wall ms), so scans cost little storage. */
  private readonly heldElsewhere = new Map<string, number>();
  /** Tenants this instance gave up to a requester: not taken back before this (wall ms). */
  private readonly gaveUp = new Map<string, number>();
  /** Tenants this instance asked for: tried at every scan until this (wall ms), not after half a lease. */
  private readonly asked = new Map<string, number>();
  private readonly finished: Record<Outcome, number> = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  private readonly leaseMs: number;
  private readonly renewEveryMs: number;
  private readonly graceMs: number;
  private readonly maxTenants: number;
  private readonly idleReleaseMs: number;
  private readonly rebalanceEveryScans: number;
  private stopping = true;
  private running: Promise<void> | undefined;
  private ticks = 0;
  private idleMs = 1000;

  constructor(private readonly o: TenantSendersOptions) {
    this.leaseMs = o.leaseMs ?? 15_000;
    this.renewEveryMs = o.renewEveryMs ?? Math.floor(this.leaseMs / 3);
    this.graceMs = o.graceMs ?? 3000;
    this.maxTenants = o.maxTenants ?? 50;
    this.idleReleaseMs = o.idleReleaseMs ?? 30_000;
    this.rebalanceEveryScans = o.rebalanceEveryScans ?? 5;
  }

  /** Tenants this instance sends for now. */
  tenants(): string[] {
    return [...this.held.keys()];
  }

  get outcomes(): Record<Outcome, number> {
    const total = { ...this.finished };
    const lanes = [...[...this.held.values()].map((h) => h.lane), ...(this.o.shared ? [this.o.shared] : [])];
    for (const lane of lanes) for (const o of OUTCOMES) total[o] += lane.outcomes[o];
    return total;
  }

  /** Works until `stop()`: a scan every `scanEveryMs` (renew, let go, take), lanes sending meanwhile. */
  start(idleMs = 1000, scanEveryMs = 1000): void {
    this.stopping = false;
    this.idleMs = idleMs;
    this.o.shared?.start(idleMs);
    this.running = (async () => {
      while (!this.stopping) {
        try {
          await this.tick();
        } catch (error) {
          this.o.log.error({ err: error }, 'tenant sender scan failed; trying again');
        }
        if (!this.stopping) await this.o.clock.sleep(scanEveryMs);
      }
    })();
  }

  /** Graceful: lanes finish what they hold, then the leases are given back (the next holder need not wait). */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.running;
    await Promise.all([...this.held.keys()].map((tenantId) => this.drop(tenantId, true)));
    await this.o.shared?.stop();
  }

  /** Tests: the instance dies. Lanes stop, nothing is given back: the leases run out by themselves. */
  async kill(): Promise<void> {
    this.stopping = true;
    await this.running;
    await Promise.all([...this.held.keys()].map((tenantId) => this.drop(tenantId, false)));
    await this.o.shared?.stop();
  }

  /** One scan: renew what is held (stopping lanes whose lease is lost), let quiet tenants go, take one more. */
  async tick(): Promise<void> {
    this.ticks++;
    for (const tenantId of [...this.held.keys()]) await this.keep(tenantId);
    if (this.ticks % this.rebalanceEveryScans === 0 && this.held.size < this.maxTenants) await this.askForShare();
    // An instance that already sends for k tenants looks for another only every k+1 scans: instances
    // with fewer take the free tenants first, so tenants spread over the instances.
    if (this.held.size >= this.maxTenants || this.ticks % (this.held.size + 1) !== 0) return;
    await this.takeOne();
  }

  /** Receives once from every tenant this instance can hold (taking their leases first); tests. */
  async runOnce(max = 32): Promise<number> {
    let received = (await this.o.shared?.runOnce(max)) ?? 0;
    const now = this.o.clock.now().getTime();
    for (const tenantId of await this.o.queues.tenants()) {
      const held = this.held.get(tenantId) ?? ((this.gaveUp.get(tenantId) ?? 0) <= now ? await this.take(tenantId) : undefined);
      if (held) received += await held.lane.runOnce(max);
    }
    return received;
  }

  /** Works until no queue has anything visible (tests, virtual time). */
  async drain(maxRounds = 1000): Promise<void> {
    for (let i = 0; i < maxRounds; i++) if ((await this.runOnce()) === 0) return;
  }

  private async keep(tenantId: string): Promise<void> {
    const held = this.held.get(tenantId);
    if (!held) return;
    const now = this.o.clock.now();
    if (now.getTime() - held.renewedAt >= this.renewEveryMs) {
      let renewed: SenderLease | undefined;
      try {
        const learnt = held.rate.learnt();
        renewed = await this.o.leases.renew(held.lease, now, this.leaseMs, learnt === undefined ? undefined : { perSecond: learnt, at: now });
      } catch (error) {
        // Storage is unreachable: keep sending only while the lease surely holds (stop a scan early).
        this.o.log.warn({ err: error, tenantId }, 'could not renew a tenant sender lease');
        if (now.getTime() + 2 * this.renewEveryMs >= held.lease.until.getTime()) await this.drop(tenantId, false);
        return;
      }
      if (!renewed && (await this.answerRequest(tenantId, held))) return;
      if (!renewed) {
        this.o.log.warn({ tenantId }, 'tenant sender lease lost: another instance sends for this tenant now');
        await this.drop(tenantId, false);
        return;
      }
      held.lease = renewed;
      held.renewedAt = now.getTime();
    }
    const depth = await this.o.queues.forTenant(tenantId).depth();
    if (depth > 0) held.emptySince = undefined;
    else if (held.emptySince === undefined) held.emptySince = now.getTime();
    else if (now.getTime() - held.emptySince >= this.idleReleaseMs) await this.drop(tenantId, true);
  }

  /**
   * Who sends for the tenants with work, from the lease rows: live instances are the holders of
   * unexpired leases, instances that asked for one within a lease, and this one. An instance holding
   * nothing and asking for nothing is not seen (it counts itself when it looks).
   */
  async survey(): Promise<SenderSurvey> {
    const now = this.o.clock.now().getTime();
    const withWork: string[] = [];
    const leases = new Map<string, SenderLease>();
    const live = new Set<string>([this.o.owner]);
    const holding = new Map<string, string[]>();
    for (const tenantId of await this.o.queues.tenants()) {
      if ((await this.o.queues.forTenant(tenantId).depth()) === 0) continue;
      withWork.push(tenantId);
      const lease = this.held.get(tenantId)?.lease ?? (await this.o.leases.get(tenantId));
      if (!lease) continue;
      leases.set(tenantId, lease);
      if (lease.owner && lease.until.getTime() > now) {
        live.add(lease.owner);
        holding.set(lease.owner, [...(holding.get(lease.owner) ?? []), tenantId]);
      }
      if (lease.wantedBy && lease.wantedAt && now - Date.parse(lease.wantedAt) < this.leaseMs) live.add(lease.wantedBy);
    }
    return { withWork, leases, live, share: Math.max(1, Math.ceil(withWork.length / live.size)), holding };
  }

  /**
   * Rebalancing, the asking side: holding fewer than the fair share while another instance holds
   * more than it, mark one of that instance's leases as wanted (one per look). Its holder sees the
   * mark at its next renewal and gives the tenant up at a safe point; this instance then takes it.
   */
  private async askForShare(): Promise<void> {
    const s = await this.survey();
    if (this.held.size >= s.share) return;
    const now = this.o.clock.now();
    // A free tenant with work is taken by the ordinary scan: nothing to ask for.
    const free = s.withWork.some((t) => !this.held.has(t) && ![...s.holding.values()].some((ts) => ts.includes(t)));
    if (free) return;
    const [holder, tenants] = [...s.holding].filter(([owner, ts]) => owner !== this.o.owner && ts.length > s.share).sort((a, b) => b[1].length - a[1].length)[0] ?? [];
    if (!holder || !tenants) return;
    // Ask for a tenant nobody asked for lately (the holder gives up one per request it sees).
    const open = tenants.filter((t) => {
      const lease = s.leases.get(t);
      return lease && (!lease.wantedBy || !lease.wantedAt || now.getTime() - Date.parse(lease.wantedAt) >= this.leaseMs);
    });
    const tenantId = open[Math.floor(Math.random() * open.length)];
    const lease = tenantId === undefined ? undefined : s.leases.get(tenantId);
    if (!tenantId || !lease) return;
    if (await this.o.leases.want(lease, this.o.owner, now)) {
      this.o.log.info({ tenantId, holder, owner: this.o.owner, share: s.share }, 'asked for a tenant: fewer than the fair share here');
      this.heldElsewhere.delete(tenantId);
      this.asked.set(tenantId, now.getTime() + this.leaseMs); // look for it at every scan until it is free
    }
  }

  /**
   * Rebalancing, the holding side: a renewal was refused. If the row is still ours (same holder and
   * time) and another instance marked it wanted, give the tenant up when this instance holds more than
   * its fair share — after the lane's in-flight sends finish, then release — else clear the mark and
   * keep it. True when handled (false: the lease is really lost).
   */
  private async answerRequest(tenantId: string, held: Held): Promise<boolean> {
    const row = await this.o.leases.get(tenantId);
    if (!row || row.owner !== this.o.owner || row.until.getTime() !== held.lease.until.getTime() || !row.wantedBy || row.wantedBy === this.o.owner) return false;
    const s = await this.survey();
    // The requester is live (it just asked), whatever the copies of our own leases say.
    const share = Math.max(1, Math.ceil(s.withWork.length / new Set([...s.live, row.wantedBy]).size));
    const now = this.o.clock.now();
    if (this.held.size > share) {
      this.o.log.info({ tenantId, to: row.wantedBy, owner: this.o.owner, share, held: this.held.size }, 'giving a tenant up to an instance with fewer');
      held.lease = row;
      this.gaveUp.set(tenantId, now.getTime() + this.leaseMs);
      await this.drop(tenantId, true); // the lane finishes its in-flight sends first, then the lease is released
      return true;
    }
    const renewed = await this.o.leases.renew(row, now, this.leaseMs); // clears the request: this instance holds no more than its share
    if (!renewed) return false;
    held.lease = renewed;
    held.renewedAt = now.getTime();
    return true;
  }

  private async takeOne(): Promise<void> {
    const now = this.o.clock.now().getTime();
    const free = (await this.o.queues.tenants()).filter((t) => !this.held.has(t) && (this.heldElsewhere.get(t) ?? 0) <= now && (this.gaveUp.get(t) ?? 0) <= now);
    // Each instance tries the tenants in its own order, so two instances rarely race for the same one.
    for (const tenantId of shuffle(free)) {
      if ((await this.o.queues.forTenant(tenantId).depth()) === 0) continue;
      const held = await this.take(tenantId);
      if (!held) {
        // Someone else sends for it and renews: look again in half a lease (a dead holder's lease
        // is taken at most half a lease after it becomes free).
        if ((this.asked.get(tenantId) ?? 0) > now) continue;
        if (this.heldElsewhere.size > 10_000) this.heldElsewhere.clear();
        this.heldElsewhere.set(tenantId, now + this.leaseMs / 2);
        continue;
      }
      this.heldElsewhere.delete(tenantId);
      this.asked.delete(tenantId);
      if (!this.stopping) held.lane.start(this.idleMs);
      return;
    }
  }

  private async take(tenantId: string): Promise<Held | undefined> {
    const now = this.o.clock.now();
    const lease = await this.o.leases.take(tenantId, this.o.owner, now, this.leaseMs, this.graceMs);
    if (!lease) return undefined;
    const rate = this.o.rates.forTenant(tenantId);
    // The limit the tenant's last sender learnt (any instance): start just under it, no slow start.
    const fresh = lease.learntAt !== undefined && now.getTime() - Date.parse(lease.learntAt) <= (this.o.learntFreshMs ?? 600_000);
    if (lease.perSecond && fresh) rate.startFrom(lease.perSecond);
    const held: Held = { lease, lane: this.o.lane(tenantId, this.o.queues.forTenant(tenantId), rate), rate, renewedAt: now.getTime() };
    this.held.set(tenantId, held);
    this.o.log.info({ tenantId, owner: this.o.owner }, 'sending for this tenant');
    return held;
  }

  private async drop(tenantId: string, release: boolean): Promise<void> {
    const held = this.held.get(tenantId);
    if (!held) return;
    this.held.delete(tenantId);
    await held.lane.stop();
    for (const o of OUTCOMES) this.finished[o] += held.lane.outcomes[o];
    if (!release) return;
    const learnt = held.rate.learnt();
    const lease = learnt === undefined ? held.lease : { ...held.lease, perSecond: learnt, learntAt: this.o.clock.now().toISOString() };
    await this.o.leases.release(lease).catch((error: unknown) => this.o.log.warn({ err: error, tenantId }, 'could not give back a tenant sender lease; it runs out by itself'));
  }
}

function shuffle<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
