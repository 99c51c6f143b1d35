import type { TableClient } from '@azure/data-tables';
import { DomainError } from '../../domain/shared/errors';
import { backoff, isNotFound, isWriteConflict } from './errors';
import type { EntityKey } from './keys';
import { getRow } from './rows';

/** How a value is kept as JSON in one column of its row. */
export interface JsonRowFormat<T> {
  column: string;
  /** The value from the stored JSON and the row's ETag; both undefined when there is no row (the defaults). */
  decode(stored: unknown, etag: string | undefined): T;
  /** What is stored for a value. */
  encode(value: T): unknown;
  /** Writes tried before giving up. */
  attempts: number;
  /** The `conflict` message when every attempt lost to another writer. */
  busy: string;
}

/**
 * A value kept whole in one row (a tenant's settings, its digest counters): read with defaults when the
 * row is absent, changed by read-change-write under the row's ETag, again from a fresh read whenever
 * another writer got there first.
 */
export class JsonRow<T> {
  constructor(
    private readonly table: TableClient,
    private readonly format: JsonRowFormat<T>
  ) {}

  async get(key: EntityKey): Promise<T> {
    return (await this.read(key)).value;
  }

  /** Applies `change` to the current value and stores the result; returns it with the row's new ETag. */
  async update(key: EntityKey, change: (current: T) => T): Promise<{ value: T; etag: string | undefined }> {
    for (let attempt = 0; attempt < this.format.attempts; attempt++) {
      const current = await this.read(key);
      const value = change(current.value);
      const entity = { ...key, [this.format.column]: JSON.stringify(this.format.encode(value)) };
      try {
        const result = current.etag
          ? await this.table.updateEntity(entity, 'Replace', { etag: current.etag })
          : await this.table.createEntity(entity);
        return { value, etag: result.etag };
      } catch (error) {
        // Written (412, 409) or deleted (404) by someone else since the read: read again.
        if (!isWriteConflict(error) && !isNotFound(error)) throw error;
        await backoff(attempt);
      }
    }
    throw new DomainError('conflict', this.format.busy);
  }

  private async read(key: EntityKey): Promise<{ value: T; etag?: string }> {
    const row = await getRow<Record<string, string>>(this.table, key);
    if (!row) return { value: this.format.decode(undefined, undefined) };
    return { value: this.format.decode(JSON.parse(row[this.format.column] ?? '{}'), row.etag), etag: row.etag };
  }
}
