import { randomUUID } from 'node:crypto';
import { odata } from '@azure/data-tables';
import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { ManualClock } from '../../src/domain/shared/clock';
import type { DueItem } from '../../src/domain/shared/ports';
import { Scheduler } from '../../src/scheduler/scheduler';
import { TableDueItemRepository } from '../../src/storage/shared/due-item-repository';
import { TABLES } from '../../src/storage/shared/keys';
import { Tables } from '../../src/storage/shared/tables';

let tables: Tables;
let due: TableDueItemRepository;
const silent = pino({ level: 'silent' });

beforeAll(async () => {
  tables = new Tables({ kind: 'connectionString', connectionString: inject('storageConnectionString') });
  await tables.ensureAll();
  due = new TableDueItemRepository(tables.client(TABLES.dueItems));
});

/** Each test uses its own kind, so items of other tests (same table) never reach its handlers. */
const kindFor = (): string => `test.${randomUUID().slice(0, 8)}`;

/** One item of a new kind, due an hour ago, for a new tenant and a new instance id. */
async function oneDueItem() {
  const kind = kindFor();
  const tenantId = randomUUID();
  const instanceId = `instance-${randomUUID().slice(0, 8)}`;
  await due.schedule({ tenantId, kind, key: 'k', dueAt: new Date('2026-05-04T07:00:00Z'), payload: {} });
  return { kind, tenantId, instanceId };
}

/** A handler whose run never ends (its process was killed, or it is still running). */
const never = (): Promise<void> => new Promise<void>(() => undefined);
/** The options of a scheduler standing for a killed process: it renews no claim (its handler hangs for ever here). */
const killed = { renewEveryMs: 3_600_000 };
const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function rowsOf(tenantId: string) {
  const rows: Record<string, unknown>[] = [];
  const partitionKey = `${tenantId}|due`;
  for await (const e of tables.client(TABLES.dueItems).listEntities({ queryOptions: { filter: odata`PartitionKey eq ${partitionKey}` } })) rows.push(e);
  return rows;
}

describe('scheduler on Azurite (virtual time)', () => {
  it('two instances never run the same item twice', async () => {
    const clock = new ManualClock('2026-05-04T08:00:00Z');
    const kind = kindFor();
    const tenantId = randomUUID();
    const ran: string[] = [];
    const handler = async (item: DueItem) => {
      ran.push(item.key);
      await new Promise((r) => setTimeout(r, 5));
    };
    const a = new Scheduler({ due, clock, log: silent }).register(kind, handler);
    const b = new Scheduler({ due, clock, log: silent }).register(kind, handler);
    for (let i = 0; i < 20; i++) {
      await due.schedule({ tenantId, kind, key: `item-${i}`, dueAt: new Date('2026-05-04T07:59:00Z'), payload: {} });
    }
    await Promise.all([a.runDue(), b.runDue(), a.runDue(), b.runDue()]);
    await Promise.all([a.runDue(), b.runDue()]);
    expect(ran.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `item-${i}`).sort());
    expect(await rowsOf(tenantId)).toEqual([]);
  });

  it('waits for the due time, and items missed while down run once on the next pass', async () => {
    const clock = new ManualClock('2026-05-04T08:00:00Z');
    const kind = kindFor();
    const tenantId = randomUUID();
    const ran: string[] = [];
    const scheduler = new Scheduler({ due, clock, log: silent }).register(kind, async (item) => {
      ran.push(item.key);
    });
    await due.schedule({ tenantId, kind, key: 'later', dueAt: new Date('2026-05-04T09:00:00Z'), payload: {} });
    await scheduler.runDue();
    expect(ran).toEqual([]);
    clock.advance(6 * 3_600_000); // "down" for hours
    await scheduler.runDue();
    await scheduler.runDue();
    expect(ran).toEqual(['later']);
  });

  it('a claim held by a crashed instance expires and the item is taken over', async () => {
    const clock = new ManualClock('2026-05-04T08:00:00Z');
    const kind = kindFor();
    const tenantId = randomUUID();
    await due.schedule({ tenantId, kind, key: 'k', dueAt: new Date('2026-05-04T07:00:00Z'), payload: {} });
    const [entity] = await due.listDue(clock.now(), 10, [kind]);
    expect(await due.claim(entity!, 'crashed-instance', new Date(clock.now().getTime() + 60_000))).toBeDefined();

    const ran: string[] = [];
    const survivor = new Scheduler({ due, clock, log: silent }).register(kind, async (item) => {
      ran.push(item.key);
    });
    await survivor.runDue();
    expect(ran).toEqual([]); // still leased
    clock.advance(61_000);
    await survivor.runDue();
    expect(ran).toEqual(['k']);
  });

  it("the same instance restarted takes its dead process's claims back at once; other instances wait for the lease", async () => {
    const clock = new ManualClock('2026-05-04T08:00:00Z');
    const { kind, tenantId, instanceId } = await oneDueItem();
    // The first process on the instance claims the item and dies in the middle of it.
    let entered!: () => void;
    const inHandler = new Promise<void>((resolve) => (entered = resolve));
    const dead = new Scheduler({ due, clock, log: silent, instanceId, ...killed }).register(kind, () => {
      entered();
      return never(); // the process was killed
    });
    void dead.runDue();
    await inHandler;

    const ran: string[] = [];
    const record = async (item: DueItem) => void ran.push(item.key);
    const other = new Scheduler({ due, clock, log: silent, instanceId: `other-${instanceId}` }).register(kind, record);
    const noId = new Scheduler({ due, clock, log: silent }).register(kind, record);
    await other.runDue();
    await noId.runDue();
    expect(ran).toEqual([]); // another instance, or a process without a stable id: still leased
    clock.advance(1000); // the restart
    const restarted = new Scheduler({ due, clock, log: silent, instanceId }).register(kind, record);
    expect(restarted.owner).not.toBe(dead.owner);
    await restarted.runDue();
    expect(ran).toEqual(['k']); // no wait for the lease
    expect(await rowsOf(tenantId)).toEqual([]);
  });

  it('two live processes of one instance (an overlap at a restart): the newer takes the older one\'s claim once; the older never takes it back', async () => {
    const clock = new ManualClock('2026-05-04T08:00:00Z');
    const { kind, instanceId } = await oneDueItem();
    const runs: string[] = [];
    const hangAs = (who: string) => () => {
      runs.push(who);
      return never(); // still running
    };
    const older = new Scheduler({ due, clock, log: silent, instanceId }).register(kind, hangAs('older'));
    void older.runDue();
    while (runs.length < 1) await tick(10);
    clock.advance(1000);
    const newer = new Scheduler({ due, clock, log: silent, instanceId }).register(kind, hangAs('newer'));
    void newer.runDue();
    while (runs.length < 2) await tick(10);
    // The older process, still alive, looks again: the newer one's claim is not its to take.
    const olderAgain = new Scheduler({ due, clock: new ManualClock('2026-05-04T08:00:00Z'), log: silent, instanceId }).register(kind, hangAs('older again'));
    void olderAgain.runDue();
    await tick(300);
    // (A second newer process would not take it either: claimed after it started.)
    const newest = new Scheduler({ due, clock, log: silent, instanceId }).register(kind, hangAs('newest'));
    void newest.runDue();
    await tick(300);
    expect(runs).toEqual(['older', 'newer']);
  });

  it('a job whose process dies while running it is set aside after too many restarts, not run forever', async () => {
    const { kind, tenantId, instanceId } = await oneDueItem();
    let runs = 0;
    for (let restart = 0; restart < 8; restart++) {
      const clock = new ManualClock(new Date(Date.parse('2026-05-04T08:00:00Z') + restart * 1000).toISOString());
      const before = runs;
      void new Scheduler({ due, clock, log: silent, instanceId, maxAttempts: 3, ...killed })
        .register(kind, () => {
          runs++;
          return never(); // the job takes the process down
        })
        .runDue();
      // Until this process runs it, or has set it aside.
      let dead = false;
      for (let waited = 0; runs === before && !dead && waited < 10_000; waited += 20) {
        await tick(20);
        dead = (await rowsOf(tenantId))[0]?.dead === true;
      }
      if (dead) break;
    }
    expect(runs).toBe(3); // the first run and two restarts; the third restart sets it aside
    const [row] = await rowsOf(tenantId);
    expect(row).toMatchObject({ dead: true });
  });

  it("a kind's own lease: a dead instance's claim on a short job is taken over after it, not the default", async () => {
    const clock = new ManualClock('2026-05-04T08:00:00Z');
    const short = kindFor();
    const long = kindFor();
    const tenantId = randomUUID();
    for (const kind of [short, long]) await due.schedule({ tenantId, kind, key: kind, dueAt: new Date('2026-05-04T07:00:00Z'), payload: {} });
    // One crashed process in the middle of each (a pass runs its items one after another).
    let claimed = 0;
    const hang = () => {
      claimed++;
      return never();
    };
    void new Scheduler({ due, clock, log: silent, ...killed }).register(short, hang, { leaseMs: 30_000 }).runDue();
    void new Scheduler({ due, clock, log: silent, ...killed }).register(long, hang).runDue();
    while (claimed < 2) await tick(10);
    const ran: string[] = [];
    const record = async (item: DueItem) => void ran.push(item.key);
    const survivor = new Scheduler({ due, clock, log: silent }).register(short, record).register(long, record);
    clock.advance(31_000);
    await survivor.runDue();
    expect(ran).toEqual([short]);
    clock.advance(90_000);
    await survivor.runDue();
    expect(ran).toEqual([short, long]);
  });

  it('a failing job is retried with backoff and set aside after too many attempts', async () => {
    const clock = new ManualClock('2026-05-04T08:00:00Z');
    const kind = kindFor();
    const tenantId = randomUUID();
    let calls = 0;
    const scheduler = new Scheduler({ due, clock, log: silent, maxAttempts: 3 }).register(kind, async () => {
      calls++;
      throw new Error('connector down');
    });
    await due.schedule({ tenantId, kind, key: 'poison', dueAt: new Date('2026-05-04T07:00:00Z'), payload: {} });
    await scheduler.runDue();
    expect(calls).toBe(1);
    await scheduler.runDue(); // backoff: not yet
    expect(calls).toBe(1);
    for (let i = 0; i < 5; i++) {
      clock.advance(3_600_000);
      await scheduler.runDue();
    }
    expect(calls).toBe(3);
    const [row] = await rowsOf(tenantId);
    expect(row).toMatchObject({ dead: true, attempts: 3, lastError: 'connector down' });
  });

  it('rescheduling an item while it runs keeps the new time instead of deleting it', async () => {
    const clock = new ManualClock('2026-05-04T08:00:00Z');
    const kind = kindFor();
    const tenantId = randomUUID();
    const scheduler = new Scheduler({ due, clock, log: silent }).register(kind, async (item) => {
      if (item.payload.round === 1) {
        await due.schedule({ tenantId, kind, key: 'again', dueAt: new Date('2026-05-05T08:00:00Z'), payload: { round: 2 } });
      }
    });
    await due.schedule({ tenantId, kind, key: 'again', dueAt: new Date('2026-05-04T07:00:00Z'), payload: { round: 1 } });
    await scheduler.runDue();
    const rows = await rowsOf(tenantId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ dueAt: '2026-05-05T08:00:00.000Z' });
  });

  it('a job that runs longer than its lease keeps its claim (renewed while it runs): no other instance runs it meanwhile, and it completes', async () => {
    const clock = new ManualClock('2026-05-04T08:00:00Z');
    const { kind, tenantId } = await oneDueItem();
    let started = false;
    let finish: () => void = () => undefined;
    const slow = () => {
      started = true;
      return new Promise<void>((resolve) => (finish = resolve));
    };
    const running = new Scheduler({ due, clock, log: silent, renewEveryMs: 20 }).register(kind, slow, { leaseMs: 30_000 }).runDue();
    while (!started) await tick(10);
    const ran: string[] = [];
    const other = new Scheduler({ due, clock, log: silent }).register(kind, async (item) => void ran.push(item.key), { leaseMs: 30_000 });
    for (let s = 0; s < 4; s++) {
      clock.advance(20_000); // 80 s in all: the first claim ran out after 30
      await tick(100); // renewals happen meanwhile
      await other.runDue();
    }
    expect(ran).toEqual([]);
    finish();
    expect(await running).toBe(1);
    expect(await rowsOf(tenantId)).toEqual([]); // completed with its latest claim
    clock.advance(60_000);
    await other.runDue();
    expect(ran).toEqual([]);
  });
});
