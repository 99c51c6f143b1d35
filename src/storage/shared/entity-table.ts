import type { TableClient, TableEntity, TableEntityResult } from '@azure/data-tables';
import type { EntityKey } from './keys';
import { type SaveConflicts, createRow, getRow, listPartition, removeRow, saveRowIfMatch } from './rows';

/** How one kind of item is kept, a row per item: its key, its columns and what a lost race is called. */
export interface EntityFormat<T, E extends object> extends SaveConflicts {
  /** The row of the item `id` of a tenant. */
  key(tenantId: string, id: string): EntityKey;
  /** The item's id, as `key` takes it. */
  idOf(item: T): string;
  /** The item's columns (the key is added to them). */
  toEntity(item: T): E;
  /** The item from its row, read by the tenant and id given. */
  fromEntity(row: TableEntityResult<E>, tenantId: string, id: string): T;
  /** The `conflict` message for creating an item whose row is there already. */
  exists: string;
}

/**
 * Items kept a row each, by tenant and id, with the ETag row operations (rows.ts): create, get, save
 * only if unchanged since read, remove that row. A repository extends it with its item's format and
 * adds what is its own: queries, other rows, a create or remove that spans more than the one row.
 */
// A base class, not a member: create/get/save/remove are the ports' own methods, which a member would have every repository forward.
export class EntityTable<T extends { tenantId: string; etag?: string }, E extends object> {
  constructor(
    protected readonly table: TableClient,
    protected readonly format: EntityFormat<T, E>
  ) {}

  /** Creates the item's row; `conflict` (`exists`) when it is there already. Returns it with its ETag. */
  async create(item: T): Promise<T> {
    return { ...item, etag: await createRow(this.table, this.entity(item), this.format.exists) };
  }

  async get(tenantId: string, id: string): Promise<T | undefined> {
    const row = await getRow<E>(this.table, this.format.key(tenantId, id));
    return row && this.format.fromEntity(row, tenantId, id);
  }

  /** Replaces the item's row only if it still has the item's ETag (`changed`, `deleted` otherwise). */
  async save(item: T): Promise<T> {
    return { ...item, etag: await saveRowIfMatch(this.table, this.entity(item), item.etag, this.format) };
  }

  /**
   * Deletes the item's row; a row already gone is not an error. Protected: an item stored over more rows
   * than its own (a survey, a session) must not be half deleted, so a repository whose port removes
   * makes it public itself.
   */
  protected async remove(tenantId: string, id: string): Promise<void> {
    await removeRow(this.table, this.format.key(tenantId, id));
  }

  /**
   * The rows of one partition of this table whose `where` columns have those texts: asked of the
   * table, then checked again on each row, as the partition is (see listPartition in rows.ts).
   */
  protected async listPartition(partitionKey: string, where: Partial<Record<keyof E & string, string>> = {}): Promise<TableEntityResult<E>[]> {
    const columns = Object.entries(where) as [string, string][];
    // An OData string literal: quoted, its quotes doubled.
    const filter = columns.map(([column, text]) => `${column} eq '${text.replace(/'/g, "''")}'`).join(' and ');
    const rows = await listPartition<E>(this.table, partitionKey, filter || undefined);
    return rows.filter((row) => columns.every(([column, text]) => (row as Record<string, unknown>)[column] === text));
  }

  /** The item read back as stored, after a create of its own that wrote more than this row. */
  protected async stored(item: T): Promise<T> {
    const stored = await this.get(item.tenantId, this.format.idOf(item));
    if (!stored) throw new Error(`${this.format.idOf(item)} vanished right after it was created`);
    return stored;
  }

  /** The item's row: its key and its columns. */
  protected entity(item: T): TableEntity<E> {
    return { ...this.format.key(item.tenantId, this.format.idOf(item)), ...this.format.toEntity(item) };
  }
}

/** The same, for items whose port removes them: `remove` is public (the item is one row). */
export class RemovableEntityTable<T extends { tenantId: string; etag?: string }, E extends object> extends EntityTable<T, E> {
  override async remove(tenantId: string, id: string): Promise<void> {
    await super.remove(tenantId, id);
  }
}

/** The row that `toEntity` writes, as read back. */
export type RowOf<F extends (item: never) => object> = TableEntityResult<ReturnType<F>>;

/** The named properties of `from`, as they are: the columns an item and its row share unchanged. */
export function pick<T, K extends keyof T>(from: T, names: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const name of names) out[name] = from[name];
  return out;
}
