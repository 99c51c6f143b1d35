/**
 * The ETag row operations every repository uses, with one behaviour each: a row already there, a row
 * changed meanwhile and a row deleted meanwhile are a `conflict` with the caller's message; a row
 * already gone is not an error when removing.
 */
import type { TableClient, TableEntity, TableEntityResult } from '@azure/data-tables';
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
