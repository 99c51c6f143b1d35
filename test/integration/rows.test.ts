/**
 * The shared ETag row operations and partition reads and deletes (src/storage/shared/rows.ts), the
 * entity table repositories extend (entity-table.ts), the write retry (errors.ts) and the JSON row
 * (json-row.ts), against Azurite.
 */
import { randomUUID } from 'node:crypto';
import { TableClient, odata } from '@azure/data-tables';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { DomainError } from '../../src/domain/shared/errors';
import { EntityTable, type RowOf, pick } from '../../src/storage/shared/entity-table';
import { retryWrites } from '../../src/storage/shared/errors';
import { JsonRow } from '../../src/storage/shared/json-row';
import { createRow, getRow, insertRow, listPartition, removePartition, removeRow, saveRowIfMatch } from '../../src/storage/shared/rows';

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

/** The table with one method replaced, the rest its own: to stage what another writer or the emulator does. */
function replacing<K extends keyof TableClient>(target: TableClient, name: K, replacement: TableClient[K]): TableClient {
  return new Proxy(target, {
    get: (client, property) => (property === name ? replacement : bound(client, property))
  });
}

function bound(client: TableClient, property: string | symbol): unknown {
  const value: unknown = Reflect.get(client, property, client);
  return typeof value === 'function' ? value.bind(client) : value;
}

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

describe('a partition', () => {
  it('lists its rows only, narrowed by a filter, and reads only the columns asked for', async () => {
    const partitionKey = randomUUID();
    await Promise.all(['a', 'b', 'c'].map((rowKey) => createRow<NoteEntity>(table, { partitionKey, rowKey, text: rowKey === 'b' ? 'kept' : 'other' }, 'exists')));
    await createRow<NoteEntity>(table, { partitionKey: randomUUID(), rowKey: 'a', text: 'kept' }, 'exists');
    expect((await listPartition<NoteEntity>(table, partitionKey)).map((e) => e.rowKey)).toEqual(['a', 'b', 'c']);
    expect((await listPartition<NoteEntity>(table, partitionKey, "text eq 'kept'")).map((e) => e.rowKey)).toEqual(['b']);
    const [first] = await listPartition<NoteEntity>(table, partitionKey, undefined, ['PartitionKey', 'RowKey']);
    expect(first).toMatchObject({ partitionKey, rowKey: 'a' });
    expect(first?.text).toBeUndefined();
  });

  it('drops a row of another partition even when the table answers with one', async () => {
    const partitionKey = randomUUID();
    await createRow<NoteEntity>(table, { partitionKey, rowKey: 'mine', text: 'kept' }, 'exists');
    // A table that answers every query with a row of someone else's partition too, as the emulator once did.
    // (Only iterated, never paged: a plain async generator will do.)
    const leaky = replacing(table, 'listEntities', ((...args: Parameters<TableClient['listEntities']>) =>
      (async function* () {
        yield { partitionKey: 'someone-else', rowKey: 'theirs', text: 'kept', etag: 'x' };
        yield* table.listEntities(...args);
      })()) as unknown as TableClient['listEntities']);
    expect((await listPartition<NoteEntity>(leaky, partitionKey)).map((e) => e.rowKey)).toEqual(['mine']);
  });

  it('is removed whole, a batch of 100 at a time, when some of its rows went meanwhile', async () => {
    const partitionKey = randomUUID();
    const rowKeys = Array.from({ length: 150 }, (_, i) => `n${String(i).padStart(3, '0')}`);
    for (let i = 0; i < rowKeys.length; i += 100) {
      await table.submitTransaction(rowKeys.slice(i, i + 100).map((rowKey) => ['create', { partitionKey, rowKey, text: 'x' }]));
    }
    const other = { partitionKey: randomUUID(), rowKey: 'n000' };
    await createRow<NoteEntity>(table, { ...other, text: 'stays' }, 'exists');
    // The first batch finds one of its rows already deleted by someone else.
    let raced = false;
    const racing = replacing(table, 'submitTransaction', async (...args) => {
      if (!raced) {
        raced = true;
        await removeRow(table, { partitionKey, rowKey: 'n050' });
      }
      return table.submitTransaction(...args);
    });
    await removePartition(racing, partitionKey);
    expect(raced).toBe(true);
    expect(await listPartition(table, partitionKey)).toEqual([]);
    expect((await getRow<NoteEntity>(table, other))?.text).toBe('stays');
    await removePartition(table, partitionKey); // an empty partition: nothing to do
  });
});

interface Note {
  tenantId: string;
  noteId: string;
  owner: string;
  text: string;
  at: Date;
  etag?: string;
}

const NOTE_COLUMNS = ['owner', 'text'] as const;
const noteToEntity = (note: Note) => ({ ...pick(note, NOTE_COLUMNS), at: note.at.toISOString() });
const noteFromEntity = (e: RowOf<typeof noteToEntity>, tenantId: string, noteId: string): Note => ({
  ...pick(e, NOTE_COLUMNS),
  tenantId,
  noteId,
  at: new Date(e.at),
  etag: e.etag
});

/** Notes a row each, a partition per tenant: the smallest repository an entity table makes. */
class Notes extends EntityTable<Note, ReturnType<typeof noteToEntity>> {
  override async remove(tenantId: string, id: string): Promise<void> {
    await super.remove(tenantId, id);
  }

  constructor(client: TableClient = table) {
    super(client, {
      key: (tenantId, noteId) => ({ partitionKey: tenantId, rowKey: noteId }),
      idOf: (note) => note.noteId,
      toEntity: noteToEntity,
      fromEntity: noteFromEntity,
      exists: 'This note exists already.',
      ...conflicts
    });
  }

  async byOwner(tenantId: string, owner: string): Promise<Note[]> {
    return (await this.listPartition(tenantId, { owner })).map((e) => noteFromEntity(e, tenantId, e.rowKey ?? ''));
  }
}

describe('an entity table', () => {
  const noteOf = (tenantId: string, noteId: string, owner = 'ann'): Note => ({ tenantId, noteId, owner, text: `note ${noteId}`, at: new Date('2026-01-02T03:04:05Z') });

  it('creates, reads, saves and removes an item as its row, with the conflict messages given', async () => {
    const notes = new Notes();
    const tenantId = randomUUID();
    expect(await notes.get(tenantId, 'n1')).toBeUndefined();
    const created = await notes.create(noteOf(tenantId, 'n1'));
    expect(created.etag).toBeTruthy();
    await expect(notes.create(noteOf(tenantId, 'n1'))).rejects.toMatchObject({ code: 'conflict', message: 'This note exists already.' });
    expect(await notes.get(tenantId, 'n1')).toEqual(created);
    expect(await getRow(table, { partitionKey: tenantId, rowKey: 'n1' })).toMatchObject({ owner: 'ann', text: 'note n1', at: '2026-01-02T03:04:05.000Z' });

    const saved = await notes.save({ ...created, text: 'changed' });
    expect(saved.etag).not.toBe(created.etag);
    await expect(notes.save({ ...created, text: 'stale' })).rejects.toMatchObject({ code: 'conflict', message: conflicts.changed });
    expect((await notes.get(tenantId, 'n1'))?.text).toBe('changed');

    await notes.remove(tenantId, 'n1');
    await notes.remove(tenantId, 'n1'); // already gone: not an error
    expect(await notes.get(tenantId, 'n1')).toBeUndefined();
    await expect(notes.save(saved)).rejects.toMatchObject({ code: 'conflict', message: conflicts.deleted });
  });

  it("lists a partition's items by a column's text (quotes and all), checking it again on each row", async () => {
    const tenantId = randomUUID();
    const notes = new Notes();
    await notes.create(noteOf(tenantId, 'n1', "o'brien"));
    await notes.create(noteOf(tenantId, 'n2', 'ann'));
    await notes.create(noteOf(tenantId, 'n3', "o'brien"));
    await notes.create(noteOf(randomUUID(), 'n4', "o'brien"));
    expect((await notes.byOwner(tenantId, "o'brien")).map((n) => n.noteId)).toEqual(['n1', 'n3']);

    // A table that ignores the filter: the column is checked again here.
    const careless = replacing(table, 'listEntities', (() => table.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${tenantId}` } })) as TableClient['listEntities']);
    expect((await new Notes(careless).byOwner(tenantId, 'ann')).map((n) => n.noteId)).toEqual(['n2']);
  });
});

describe('retried writes', () => {
  const lost = (status: number) => Object.assign(new Error(`lost (${status})`), { statusCode: status });

  it('writes again after each lost race, and gives up with the last loss after the retries allowed', async () => {
    let calls = 0;
    const winsThirdTime = async () => {
      calls++;
      if (calls < 3) throw lost(calls === 1 ? 409 : 412);
      return 'written';
    };
    expect(await retryWrites(5, winsThirdTime)).toBe('written');
    expect(calls).toBe(3);

    calls = 0;
    const losing = async () => {
      calls++;
      throw lost(412);
    };
    await expect(retryWrites(2, losing)).rejects.toThrow('lost (412)');
    expect(calls).toBe(3);
  });

  it('does not retry any other failure', async () => {
    let calls = 0;
    const failing = async () => {
      calls++;
      throw lost(404);
    };
    await expect(retryWrites(5, failing)).rejects.toThrow('lost (404)');
    expect(calls).toBe(1);
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
