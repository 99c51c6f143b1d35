/**
 * The embedded emulator answers a partition query from that partition only (src/storage/shared/emulator.ts,
 * `queryOnePartition`): the answers must be exactly Azurite's — same rows, same order, same pages —
 * and a filter that does not pin one partition must still see every partition.
 */
import { randomUUID } from 'node:crypto';
import { TableClient, odata } from '@azure/data-tables';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { pinnedPartition } from '../../src/storage/shared/emulator';

describe('which partition an OData filter pins', () => {
  it('finds the PartitionKey of a pure conjunction, with quotes undone', () => {
    expect(pinnedPartition("PartitionKey eq 'a|b'")).toBe('a|b');
    expect(pinnedPartition("PartitionKey eq 'it''s' and RowKey ge 'r|' and RowKey lt 'r~'")).toBe("it's");
    expect(pinnedPartition("(status eq 'queued') and (PartitionKey eq 'p')")).toBe('p');
    expect(pinnedPartition('PartitionKey eq "d""q" and n gt -5')).toBe('d"q');
  });

  it('pins nothing when a row outside the partition could match', () => {
    expect(pinnedPartition("PartitionKey eq 'a' or PartitionKey eq 'b'")).toBeUndefined();
    expect(pinnedPartition("not (PartitionKey eq 'a')")).toBeUndefined();
    expect(pinnedPartition("PartitionKey ge 'a'")).toBeUndefined();
    expect(pinnedPartition("RowKey eq 'PartitionKey eq ''x'''")).toBeUndefined(); // inside a literal
    expect(pinnedPartition("PartitionKey eq 'unterminated")).toBeUndefined();
    // Double quotes are literals too (Azurite accepts them): nothing inside them is a word or a quote.
    expect(pinnedPartition(`RowKey eq "PartitionKey eq 'x'"`)).toBeUndefined();
    expect(pinnedPartition(`PartitionKey eq 'a' and RowKey eq "'" or RowKey eq "'"`)).toBeUndefined();
    expect(pinnedPartition("PartitionKey eq 'a' and Timestamp ge datetime'2026-01-01T00:00:00Z'")).toBeUndefined(); // typed literal: not narrowed
    expect(pinnedPartition(undefined)).toBeUndefined();
  });
});

describe('partition queries on the embedded emulator', () => {
  const table = `emu${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  let client: TableClient;

  beforeAll(async () => {
    client = TableClient.fromConnectionString(inject('storageConnectionString'), table, { allowInsecureConnection: true });
    await client.createTable();
    // Three partitions whose keys sort around each other, 60 rows each, inserted out of order.
    for (const pk of ['p|b', 'p|a', 'p|c']) {
      for (let i = 59; i >= 0; i--) await client.createEntity({ partitionKey: pk, rowKey: `r|${String(i).padStart(3, '0')}`, n: i, even: i % 2 === 0 });
    }
  });

  const all = async (filter: string, pageSize?: number): Promise<Array<[string, string]>> => {
    const rows: Array<[string, string]> = [];
    const pages = client.listEntities<{ n: number }>({ queryOptions: { filter } }).byPage(pageSize ? { maxPageSize: pageSize } : undefined);
    for await (const page of pages) for (const e of page) rows.push([e.partitionKey as string, e.rowKey as string]);
    return rows;
  };

  it('returns one partition, in RowKey order, across pages', async () => {
    const rows = await all(odata`PartitionKey eq ${'p|b'} and even eq true and RowKey ge ${'r|010'}`, 7);
    expect(rows).toEqual(Array.from({ length: 25 }, (_, k) => ['p|b', `r|${String(10 + 2 * k).padStart(3, '0')}`]));
  });

  it('still sees every partition when the filter does not pin one', async () => {
    const rows = await all(odata`(PartitionKey eq ${'p|a'} or PartitionKey eq ${'p|c'}) and n lt 2`);
    expect(rows).toEqual([['p|a', 'r|000'], ['p|a', 'r|001'], ['p|c', 'r|000'], ['p|c', 'r|001']]);
    expect(await all(odata`n eq 59`)).toEqual([['p|a', 'r|059'], ['p|b', 'r|059'], ['p|c', 'r|059']]);
    // "and" binds tighter than "or"; the quote inside double quotes is text.
    expect(await all(`PartitionKey eq 'p|a' and RowKey eq "'" or RowKey eq "r|000"`)).toEqual([['p|a', 'r|000'], ['p|b', 'r|000'], ['p|c', 'r|000']]);
  });

  it('finds nothing in a partition that does not exist', async () => {
    expect(await all(odata`PartitionKey eq ${'p|z'}`)).toEqual([]);
  });
});
