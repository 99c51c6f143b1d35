/** The shared ETag row operations (src/storage/shared/rows.ts) and the JSON row (json-row.ts), against Azurite. */
import { randomUUID } from 'node:crypto';
import { TableClient } from '@azure/data-tables';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { DomainError } from '../../src/domain/shared/errors';
import { JsonRow } from '../../src/storage/shared/json-row';
import { createRow, getRow, insertRow, removeRow, saveRowIfMatch } from '../../src/storage/shared/rows';

interface NoteEntity {
  partitionKey: string;
  rowKey: string;
  text: string;
}

const conflicts = { changed: 'The note was changed by someone else.', deleted: 'The note was deleted meanwhile.' };
let table: TableClient;

beforeAll(async () => {
  table = TableClient.fromConnectionString(inject('storageConnectionString'), `rows${randomUUID().replace(/-/g, '').slice(0, 12)}`, { allowInsecureConnection: true });
  await table.createTable();
});

/** A fresh key per test: its own partition. */
const keyOf = () => ({ partitionKey: randomUUID(), rowKey: 'note' });

describe('ETag rows', () => {
  it('creates a row once; a second create is a conflict with the given message; insertRow says so without an error', async () => {
    const key = keyOf();
    const etag = await createRow<NoteEntity>(table, { ...key, text: 'first' }, 'This note exists already.');
    expect(etag).toBeTruthy();
    const again = createRow<NoteEntity>(table, { ...key, text: 'second' }, 'This note exists already.');
    await expect(again).rejects.toBeInstanceOf(DomainError);
    await expect(again).rejects.toMatchObject({ code: 'conflict', message: 'This note exists already.' });
    expect(await insertRow<NoteEntity>(table, { ...key, text: 'third' })).toBeUndefined();
    expect(await getRow<NoteEntity>(table, key)).toMatchObject({ text: 'first', etag });
  });

  it('reads an absent row as undefined, and reads only the columns asked for', async () => {
    const key = keyOf();
    expect(await getRow<NoteEntity>(table, key)).toBeUndefined();
    await createRow<NoteEntity>(table, { ...key, text: 'kept' }, 'exists');
    const row = await getRow(table, key, ['RowKey']);
    expect(row?.rowKey).toBe('note');
    expect(row?.['text']).toBeUndefined();
  });

  it('saves only with the ETag the row was read with: a stale one is "changed", a deleted row is "deleted"', async () => {
    const key = keyOf();
    const first = await createRow<NoteEntity>(table, { ...key, text: 'v1' }, 'exists');
    const second = await saveRowIfMatch<NoteEntity>(table, { ...key, text: 'v2' }, first, conflicts);
    expect(second).toBeTruthy();
    expect(second).not.toBe(first);
    await expect(saveRowIfMatch<NoteEntity>(table, { ...key, text: 'stale' }, first, conflicts)).rejects.toMatchObject({ code: 'conflict', message: conflicts.changed });
    expect((await getRow<NoteEntity>(table, key))?.text).toBe('v2');

    await removeRow(table, key);
    await expect(saveRowIfMatch<NoteEntity>(table, { ...key, text: 'late' }, second, conflicts)).rejects.toMatchObject({ code: 'conflict', message: conflicts.deleted });
    expect(await getRow<NoteEntity>(table, key)).toBeUndefined();
    await expect(saveRowIfMatch<NoteEntity>(table, { ...key, text: 'no etag' }, undefined, conflicts)).rejects.toThrow(/needs the ETag/);
  });

  it('of two writers from the same read, one wins and the other gets the "changed" conflict', async () => {
    const key = keyOf();
    const etag = await createRow<NoteEntity>(table, { ...key, text: 'v1' }, 'exists');
    const results = await Promise.allSettled(['a', 'b'].map((text) => saveRowIfMatch<NoteEntity>(table, { ...key, text }, etag, conflicts)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'conflict', message: conflicts.changed } });
  });

  it('removes a row; an absent row is already gone, not an error; with an ETag a changed row stays', async () => {
    const key = keyOf();
    expect(await removeRow(table, key)).toBe(false);
    const first = await createRow<NoteEntity>(table, { ...key, text: 'v1' }, 'exists');
    const second = await saveRowIfMatch<NoteEntity>(table, { ...key, text: 'v2' }, first, conflicts);
    expect(await removeRow(table, key, first)).toBe(false);
    expect((await getRow<NoteEntity>(table, key))?.text).toBe('v2');
    expect(await removeRow(table, key, second)).toBe(true);
    expect(await getRow<NoteEntity>(table, key)).toBeUndefined();
    expect(await removeRow(table, key, second)).toBe(false);
  });
});

describe('a JSON row', () => {
  const counter = (client: TableClient = table) =>
    new JsonRow<{ count: number; etag?: string }>(client, {
      column: 'body',
      decode: (stored, etag) => ({ count: 0, ...(stored as { count?: number } | undefined), etag }),
      encode: ({ count }) => ({ count }),
      attempts: 30,
      busy: 'The counter kept changing.'
    });

  it('reads the defaults when absent, creates on the first update, and returns the new ETag', async () => {
    const key = keyOf();
    const row = counter();
    expect(await row.get(key)).toEqual({ count: 0, etag: undefined });
    const { value, etag } = await row.update(key, (c) => ({ ...c, count: c.count + 1 }));
    expect(value.count).toBe(1);
    expect(await row.get(key)).toEqual({ count: 1, etag });
    expect(JSON.parse((await getRow<{ body: string }>(table, key))?.body ?? '')).toEqual({ count: 1 });
  });

  it('loses no change when many update at once', async () => {
    const key = keyOf();
    const row = counter();
    await Promise.all(Array.from({ length: 8 }, () => row.update(key, (c) => ({ ...c, count: c.count + 1 }))));
    expect((await row.get(key)).count).toBe(8);
  });

  it('reads again when the row was deleted between its read and its write (then starts from the defaults)', async () => {
    const key = keyOf();
    await counter().update(key, () => ({ count: 5 }));
    // A table whose first Replace finds the row deleted just before it.
    let deleted = false;
    const racing = new Proxy(table, {
      get(target, name) {
        const value: unknown = Reflect.get(target, name, target);
        if (name !== 'updateEntity' || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
        return async (...args: Parameters<TableClient['updateEntity']>) => {
          if (!deleted) {
            deleted = true;
            await removeRow(target, key);
          }
          return target.updateEntity(...args);
        };
      }
    });
    const row = counter(racing);
    const { value } = await row.update(key, (c) => ({ ...c, count: c.count + 1 }));
    expect(deleted).toBe(true);
    expect(value.count).toBe(1);
    expect((await row.get(key)).count).toBe(1);
  });
});
