/**
 * The ETag row operations every repository uses, with one behaviour each: a row already there, a row
 * changed meanwhile and a row deleted meanwhile are a `conflict` with the caller's message; a row
 * already gone is not an error when removing. Also the partition-wide reads and deletes.
 */
import { type TableClient, type TableEntity, type TableEntityResult, type TransactionAction, odata } from '@azure/data-tables';
import { DomainError } from '../../domain/shared/errors';
import { isNotFound, isWriteConflict } from './errors';
import type { EntityKey } from './keys';

/** Inserts a row. Undefined, not an error, when a row with its key is there already. */
export async function insertRow<T extends object>(table: TableClient, entity: TableEntity<T>): Promise<{ etag?: string } | undefined> {
  try {
    return await table.createEntity(entity);
  } catch (error) {
    if (isWriteConflict(error)) return undefined;
    throw error;
  }
}

/** Inserts a row and returns its ETag; a row with its key already there is `conflict` (`exists`). */
export async function createRow<T extends object>(table: TableClient, entity: TableEntity<T>, exists: string): Promise<string | undefined> {
  const created = await insertRow(table, entity);
  if (!created) throw new DomainError('conflict', exists);
  return created.etag;
}

/** Reads a row with its ETag; undefined when it is absent. `select` reads only those columns. */
export async function getRow<T extends object = Record<string, unknown>>(table: TableClient, key: EntityKey, select?: string[]): Promise<TableEntityResult<T> | undefined> {
  try {
    return await table.getEntity<T>(key.partitionKey, key.rowKey, select ? { queryOptions: { select } } : undefined);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** What a lost race is called, for the person who lost it. */
export interface SaveConflicts {
  /** Someone else wrote the row since it was read (412). */
  changed: string;
  /** The row was deleted since it was read (404). */
  deleted: string;
}

/** Replaces a row only if it still has the ETag it was read with; returns the new ETag. */
export async function saveRowIfMatch<T extends object>(
  table: TableClient,
  entity: TableEntity<T>,
  etag: string | undefined,
  conflicts: SaveConflicts
): Promise<string | undefined> {
  if (!etag) throw new Error('save() needs the ETag the row was read with');
  try {
    return (await table.updateEntity(entity, 'Replace', { etag })).etag;
  } catch (error) {
    if (isNotFound(error)) throw new DomainError('conflict', conflicts.deleted);
    if (isWriteConflict(error)) throw new DomainError('conflict', conflicts.changed);
    throw error;
  }
}

/**
 * Deletes a row; with an ETag, only if the row still has it. True when this call removed it; false
 * when it was already gone or (with an ETag) had been changed meanwhile and so stays.
 */
export async function removeRow(table: TableClient, key: EntityKey, etag?: string): Promise<boolean> {
  try {
    await table.deleteEntity(key.partitionKey, key.rowKey, etag ? { etag } : undefined);
    return true;
  } catch (error) {
    if (isNotFound(error) || (etag && isWriteConflict(error))) return false;
    throw error;
  }
}

/**
 * The rows of one partition, narrowed by `filter` (more conditions, and-ed) and reading only the
 * `select` columns if given. Each row's partition is checked again here: the local emulator has been
 * seen returning rows of other partitions.
 */
export async function listPartition<T extends object = Record<string, unknown>>(
  table: TableClient,
  partitionKey: string,
  filter?: string,
  select?: string[]
): Promise<TableEntityResult<T>[]> {
  const queryOptions = { filter: odata`PartitionKey eq ${partitionKey}` + (filter ? ` and (${filter})` : ''), select };
  const out: TableEntityResult<T>[] = [];
  for await (const e of table.listEntities<T>({ queryOptions })) {
    if (e.partitionKey === partitionKey) out.push(e);
  }
  return out;
}

/** Deletes every row of a partition, a batch of 100 at a time; rows already gone are not an error. */
export async function removePartition(table: TableClient, partitionKey: string): Promise<void> {
  const rowKeys = (await listPartition(table, partitionKey, undefined, ['PartitionKey', 'RowKey'])).map((e) => e.rowKey as string);
  for (let i = 0; i < rowKeys.length; i += 100) {
    const batch = rowKeys.slice(i, i + 100);
    const actions = batch.map((rowKey): TransactionAction => ['delete', { partitionKey, rowKey }]);
    await table.submitTransaction(actions).catch(async (error: unknown) => {
      if (!isNotFound(error)) throw error;
      // A row of the batch went meanwhile, and with it the whole batch: one by one instead.
      for (const rowKey of batch) await removeRow(table, { partitionKey, rowKey });
    });
  }
}
