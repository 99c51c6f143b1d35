import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Clock } from '../domain/shared/clock';
import type { DueItem } from '../domain/shared/ports';
import { type Logger, withLogContext } from '../log';
import type { TableDueItemRepository } from '../storage/shared/due-item-repository';

export type JobHandler = (item: DueItem) => Promise<void>;

export interface SchedulerOptions {
  due: TableDueItemRepository;
  clock: Clock;
  log: Logger;
  /** How long a claim holds before another instance may take the item over. */
  leaseMs?: number;
  maxAttempts?: number;
  batchSize?: number;
}

/**
 * Runs due items once each across any number of instances: items are claimed with an ETag-guarded
 * lease, completed by deleting with the claim's ETag, retried with backoff on failure, and set aside
 * ("dead") after too many failures. Items that fell due while everything was down run on the next pass.
 */
export class Scheduler {
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly handlers = new Map<string, JobHandler>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private readonly leaseMs: number;
  private readonly maxAttempts: number;
  private readonly batchSize: number;

  constructor(private readonly options: SchedulerOptions) {
    this.leaseMs = options.leaseMs ?? 120_000;
    this.maxAttempts = options.maxAttempts ?? 5;
    this.batchSize = options.batchSize ?? 50;
  }

  register(kind: string, handler: JobHandler): this {
    this.handlers.set(kind, handler);
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
    for (const entity of await due.listDue(clock.now(), this.batchSize, [...this.handlers.keys()])) {
      const claimed = await due.claim(entity, this.owner, new Date(clock.now().getTime() + this.leaseMs));
      if (!claimed) continue;
      const { item } = claimed;
      const handler = this.handlers.get(item.kind);
      await withLogContext({ job: `${item.kind}:${item.key}` }, async () => {
        try {
          if (!handler) throw new Error(`no handler for job kind "${item.kind}"`);
          await handler(item);
          await due.complete(claimed);
          done++;
        } catch (error) {
          const dead = !handler || item.attempts + 1 >= this.maxAttempts;
          const retryAt = new Date(clock.now().getTime() + Math.min(3_600_000, 30_000 * 2 ** item.attempts));
          log.error({ err: error, attempts: item.attempts + 1, dead }, 'scheduled job failed');
          await due.fail(claimed, retryAt, dead, error instanceof Error ? error.message : String(error));
        }
      });
    }
    return done;
  }
}
