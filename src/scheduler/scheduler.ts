import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Clock } from '../domain/shared/clock';
import type { DueItem } from '../domain/shared/ports';
import { type Logger, withLogContext } from '../log';
import type { ClaimedItem, TableDueItemRepository } from '../storage/shared/due-item-repository';

export type JobHandler = (item: DueItem) => Promise<void>;

export interface SchedulerOptions {
  due: TableDueItemRepository;
  clock: Clock;
  log: Logger;
  /** How long a claim holds before another instance may take the item over (default 120 s; per kind: `register`). */
  leaseMs?: number;
  /**
   * This instance's stable id (App Service's `WEBSITE_INSTANCE_ID`, the same across restarts of the
   * process on that instance). With it, items its previous process had claimed when it died are taken
   * back at once by the restarted one instead of after their lease (App Service runs one process of
   * the app per instance; docs/delivery.md, "The same instance restarting"). Without it (locally) a
   * restart waits for the lease like any other instance.
   */
  instanceId?: string;
  maxAttempts?: number;
  batchSize?: number;
  /** How often a running job's claim is renewed (default: a third of its lease, at least a second). */
  renewEveryMs?: number;
}

/**
 * Runs due items once each across any number of instances: items are claimed with an ETag-guarded
 * lease, completed by deleting with the claim's ETag, retried with backoff on failure, and set aside
 * ("dead") after too many failures. Items that fell due while everything was down run on the next pass.
 */
export class Scheduler {
  /** This process's lease owner: the instance's stable id (if any) and a part new at every start. */
  readonly owner: string;
  /**
   * With a stable id: the lease owners of this instance's processes started before this one (a range of
   * strings: owners sort by start), whose claims made before `startedAt` are taken back at once (`pass`).
   */
  private readonly reclaim: { from: string; before: string } | undefined;
  /** When this process's scheduler started (ms). */
  private readonly startedAt: number;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly leases = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private readonly leaseMs: number;
  private readonly maxAttempts: number;
  private readonly batchSize: number;

  constructor(private readonly options: SchedulerOptions) {
    this.leaseMs = options.leaseMs ?? 120_000;
    this.startedAt = options.clock.now().getTime();
    const random = randomUUID().slice(0, 8);
    if (options.instanceId) {
      // `instance:<id>:<start, base 36, fixed width>:<random>`: owners sort by start.
      const from = `instance:${options.instanceId}:`;
      const before = `${from}${Math.floor(this.startedAt).toString(36).padStart(10, '0')}`;
      this.reclaim = { from, before };
      this.owner = `${before}:${random}`;
    } else {
      this.reclaim = undefined;
      this.owner = `${hostname()}:${process.pid}:${random}`;
    }
    this.maxAttempts = options.maxAttempts ?? 5;
    this.batchSize = options.batchSize ?? 50;
  }

  /**
   * `leaseMs`: this kind's lease, when its runs are short and a dead instance's claim should not hold
   * it up for the default (the delivery feeder: a round's sending stops once the queue runs dry).
   */
  register(kind: string, handler: JobHandler, options: { leaseMs?: number } = {}): this {
    this.handlers.set(kind, handler);
    if (options.leaseMs !== undefined) this.leases.set(kind, options.leaseMs);
    return this;
  }

  /** One pass over due items; returns how many ran successfully. Never runs two passes at once. */
  runDue(): Promise<number> {
    this.running ??= this.pass().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  start(intervalMs: number): void {
    const tick = (): void => {
      this.runDue()
        .catch((error: unknown) => this.options.log.error({ err: error }, 'scheduler pass failed'))
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, intervalMs);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private async pass(): Promise<number> {
    const { due, clock, log } = this.options;
    let done = 0;
    // This instance's earlier processes (started before this one): their claims are taken back at once.
    // Never a later one's, so two live processes of one instance (an overlap at a restart) cannot take
    // an item back and forth; and only claims made before this process started (a live predecessor's
    // newer claims are left to it): at most one run twice during such an overlap.
    const at = clock.now();
    const now = at.getTime();
    for (const entity of await due.listDue(at, this.batchSize, [...this.handlers.keys()], this.reclaim)) {
      const lease = this.leases.get(entity.kind) ?? this.leaseMs;
      const held = entity.leaseUntil !== '' && Date.parse(entity.leaseUntil) > now;
      if (held && Date.parse(entity.leaseUntil) - lease >= this.startedAt) continue;
      // A claim still on the item (its lease held or run out) is a run that never finished: it counts as an attempt,
      // so a job that kills its process is set aside after `maxAttempts` restarts instead of looping.
      const abandoned = entity.leaseOwner !== '';
      const claimed = await due.claim(entity, this.owner, new Date(now + lease), abandoned);
      if (!claimed) continue;
      if (abandoned && claimed.item.attempts >= this.maxAttempts) {
        log.error({ job: `${claimed.item.kind}:${claimed.item.key}`, attempts: claimed.item.attempts }, 'scheduled job set aside: its process stopped while running it each time');
        await due.fail(claimed, new Date(now), true, `its process stopped while running it ${claimed.item.attempts} times`);
        continue;
      }
      const { item } = claimed;
      const handler = this.handlers.get(item.kind);
      await withLogContext({ job: `${item.kind}:${item.key}` }, async () => {
        const claim = this.renewWhileRunning(claimed, lease);
        try {
          if (!handler) throw new Error(`no handler for job kind "${item.kind}"`);
          await handler(item);
          await due.complete(await claim.end());
          done++;
        } catch (error) {
          const dead = !handler || item.attempts + 1 >= this.maxAttempts;
          const retryAt = new Date(clock.now().getTime() + Math.min(3_600_000, 30_000 * 2 ** item.attempts));
          log.error({ err: error, attempts: item.attempts + 1, dead }, 'scheduled job failed');
          await due.fail(await claim.end(), retryAt, dead, error instanceof Error ? error.message : String(error));
        }
      });
    }
    return done;
  }

  /**
   * Keeps a running job's claim: renewed every third of its lease, so a job that runs longer than its
   * lease (a large feed step on slow storage, a digest for a big council) is not taken over and run a
   * second time by another instance while it is still running. A dead process renews nothing: its claim
   * runs out as before. `end()` stops renewing and gives the claim as it stands (its latest ETag; the
   * one it had if the item was rescheduled meanwhile, so completing leaves the new time standing).
   */
  private renewWhileRunning(claimed: ClaimedItem, lease: number): { end(): Promise<ClaimedItem> } {
    const { due, clock, log } = this.options;
    let current = claimed;
    let renewing: Promise<void> | undefined;
    const timer = setInterval(
      () => {
        renewing ??= due
          .renew(current, new Date(clock.now().getTime() + lease))
          .then((renewed) => {
            if (renewed) current = renewed;
            else clearInterval(timer); // rescheduled, cancelled or taken over: nothing of ours to renew
          })
          .catch((error: unknown) => log.warn({ err: error }, 'could not renew the claim of a running job; trying again'))
          .finally(() => {
            renewing = undefined;
          });
      },
      this.options.renewEveryMs ?? Math.max(1000, lease / 3)
    );
    timer.unref();
    return {
      end: async () => {
        clearInterval(timer);
        await renewing;
        return current;
      }
    };
  }
}

