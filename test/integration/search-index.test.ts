/** The search index on Azurite: newest first within a term, and no row left behind when an item moves or goes. */
import { randomUUID } from 'node:crypto';
import { type TableClient, odata } from '@azure/data-tables';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { SearchItem } from '../../src/domain/search/search';
import { TABLES, searchTermPartition } from '../../src/storage/shared/keys';
import { TableSearchIndex } from '../../src/storage/search/search-repository';
import { Tables } from '../../src/storage/shared/tables';

let table: TableClient;
let index: TableSearchIndex;

beforeAll(async () => {
  const tables = new Tables({ kind: 'connectionString', connectionString: inject('storageConnectionString') });
  await tables.ensureAll();
  table = tables.client(TABLES.search);
  index = new TableSearchIndex(table);
});

const item = (tenantId: string, n: number, at: Date, title = `Summer club ${n}`): SearchItem => ({
  tenantId,
  kind: 'poll',
  id: `poll-${String(n).padStart(4, '0')}-${randomUUID().slice(0, 8)}`,
  title,
  subtitle: 'Poll',
  ownerKey: `owner-${n % 7}`,
  createdAt: at
});

async function termRows(tenantId: string, term: string): Promise<string[]> {
  const partitionKey = searchTermPartition(tenantId, term);
  const rows: string[] = [];
  for await (const e of table.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${partitionKey}` } })) {
    if (e.partitionKey === partitionKey && String(e.rowKey).startsWith(`${term}|`)) rows.push(String(e.rowKey));
  }
  return rows;
}

describe('search index', () => {
  it('a word many items share gives its newest items first, so the newest are never crowded out', async () => {
    const tenantId = randomUUID();
    const start = Date.parse('2026-01-01T00:00:00Z');
    // Ids in no particular time order: what used to decide which 300 rows a common word returned.
    const items = Array.from({ length: 330 }, (_, n) => item(tenantId, n, new Date(start + ((n * 7919) % 330) * 60_000)));
    for (let i = 0; i < items.length; i += 30) await Promise.all(items.slice(i, i + 30).map((it) => index.put(it, ['summer', 'club'])));
    const found = await index.byTermPrefix(tenantId, 'summer', 300);
    const newest = [...items].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()).slice(0, 300);
    expect(found.map((f) => f.id)).toEqual(newest.map((n) => n.id));
  });

  it('an item whose time moves (findings sort by publication) keeps no rows at its old time; removing it leaves nothing', async () => {
    const tenantId = randomUUID();
    const draft = item(tenantId, 1, new Date('2026-02-01T10:00:00Z'), 'Waiting times summer');
    await index.put(draft, ['waiting', 'times', 'summer']);
    const published = { ...draft, title: 'Waiting times', createdAt: new Date('2026-03-01T10:00:00Z') };
    await index.put(published, ['waiting', 'times']);
    expect(await termRows(tenantId, 'summer')).toEqual([]);
    expect(await termRows(tenantId, 'waiting')).toHaveLength(1);
    expect((await index.recentOf(tenantId, draft.ownerKey, 10)).map((r) => r.createdAt.toISOString())).toEqual(['2026-03-01T10:00:00.000Z']);
    const [hit] = await index.byTermPrefix(tenantId, 'wait', 10);
    expect(hit).toMatchObject({ id: draft.id, title: 'Waiting times' });

    await index.remove(tenantId, 'poll', draft.id);
    expect(await termRows(tenantId, 'waiting')).toEqual([]);
    expect(await termRows(tenantId, 'times')).toEqual([]);
    expect(await index.recentOf(tenantId, draft.ownerKey, 10)).toEqual([]);
  });
});
