/**
 * Create-if-absent rows, committed in groups (docs/storage.md, "Answering at scale").
 *
 * When thirty people start a survey together, each first answer records attendance: one row per
 * person, in the survey's attendance partition. One request per row costs the bot and the storage
 * account a round trip each; instead, per partition and per process, one entity-group transaction is
 * in flight at a time, and the rows that arrive meanwhile go together in the next one (up to 100).
 * Every caller still waits for the transaction holding its row, so nothing is acknowledged unwritten.
 *
 * A transaction is all or nothing: if any row of a group already exists (409), the group is written
 * again one row at a time, each create telling whether its own row was new.
 */
import { type TableClient, TableTransaction } from '@azure/data-tables';
import { storageStatus } from './errors';
import { insertRow } from './rows';

/** The entity-group transaction limit. */
const MAX_GROUP = 100;

type Row = { partitionKey: string; rowKey: string } & Record<string, unknown>;

interface Waiting {
  row: Row;
  resolve: (created: boolean) => void;
  reject: (error: unknown) => void;
}

export class GroupInserter {
  private readonly queues = new Map<string, Waiting[]>();

  constructor(private readonly table: TableClient) {}

  /** Creates `row` unless a row with its keys exists; true when this call created it. */
  insert(row: Row): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      const queue = this.queues.get(row.partitionKey);
      if (queue) {
        queue.push({ row, resolve, reject });
        return;
      }
      const started: Waiting[] = [{ row, resolve, reject }];
      this.queues.set(row.partitionKey, started);
      void this.drain(row.partitionKey, started);
    });
  }

  /** Commits the partition's queue group by group until it is empty; rows that arrive meanwhile join it. */
  private async drain(partitionKey: string, queue: Waiting[]): Promise<void> {
    try {
      while (queue.length > 0) await this.commit(queue.splice(0, MAX_GROUP));
    } finally {
      this.queues.delete(partitionKey);
    }
  }

  private async commit(group: Waiting[]): Promise<void> {
    // The same key twice in a group (a double click): one create, the same answer for both.
    const byKey = new Map<string, Waiting[]>();
    for (const w of group) byKey.set(w.row.rowKey, [...(byKey.get(w.row.rowKey) ?? []), w]);
    const settle = (key: string, outcome: { created: boolean } | { error: unknown }): void => {
      (byKey.get(key) ?? []).forEach((w, i) => ('error' in outcome ? w.reject(outcome.error) : w.resolve(outcome.created && i === 0)));
    };
    if (byKey.size === 1) {
      const [[key, [first]]] = [...byKey] as [[string, Waiting[]]];
      await insertRow(this.table, first!.row).then(
        (created) => settle(key, { created: created !== undefined }),
        (error: unknown) => settle(key, { error })
      );
      return;
    }
    const tx = new TableTransaction();
    for (const [, [first]] of byKey) tx.createEntity(first!.row);
    try {
      await this.table.submitTransaction(tx.actions);
      for (const key of byKey.keys()) settle(key, { created: true });
    } catch (error) {
      if (storageStatus(error) !== 409) {
        for (const key of byKey.keys()) settle(key, { error });
        return;
      }
      // Someone in the group was there already: one create each, which tells whose row was new.
      await Promise.all(
        [...byKey].map(([key, [first]]) =>
          insertRow(this.table, first!.row).then(
            (created) => settle(key, { created: created !== undefined }),
            (e: unknown) => settle(key, { error: e })
          )
        )
      );
    }
  }
}
