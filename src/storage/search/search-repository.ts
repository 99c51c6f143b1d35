import { type TableClient, TableTransaction, odata } from '@azure/data-tables';
import type { SearchIndexPort } from '../../domain/search/ports';
import type { SearchItem, SearchKind } from '../../domain/search/search';
import { isNotFound } from '../shared/errors';
import { idPart, keys, searchTermPartition, tenantPart } from '../shared/keys';
import { getRow, removeRow } from '../shared/rows';

interface ItemFields {
  kind: string;
  itemId: string;
  title: string;
  subtitle: string;
  ownerKey: string;
  conversationId?: string;
  teamId?: string;
  createdAt: string;
}

interface BookkeepingRow {
  partitionKey: string;
  rowKey: string;
  terms: string;
  ownedPartitionKey: string;
  ownedRowKey: string;
  /** The item's creation time: part of its term rows' keys. */
  createdAt: string;
}

const fields = (item: SearchItem): ItemFields => ({
  kind: item.kind,
  itemId: item.id,
  title: item.title,
  subtitle: item.subtitle,
  ownerKey: item.ownerKey,
  conversationId: item.conversationId,
  teamId: item.teamId,
  createdAt: item.createdAt.toISOString()
});

function toItem(tenantId: string, e: ItemFields): SearchItem {
  return {
    tenantId,
    kind: e.kind as SearchKind,
    id: e.itemId,
    title: e.title,
    subtitle: e.subtitle,
    ownerKey: e.ownerKey,
    conversationId: e.conversationId,
    teamId: e.teamId,
    createdAt: new Date(e.createdAt)
  };
}

/**
 * The search index on Azure Tables: a row per (term, item) in one partition per tenant, so a prefix
 * search is a RowKey range scan; a row per owner for "my recent items"; and a bookkeeping row per item
 * so re-indexing removes terms the item no longer has. Re-putting an item is idempotent.
 */
export class TableSearchIndex implements SearchIndexPort {
  constructor(private readonly table: TableClient) {}

  async put(item: SearchItem, terms: string[]): Promise<void> {
    const bookKey = keys.searchItem(item.tenantId, item.kind, item.id);
    const previous = await getRow<BookkeepingRow>(this.table, bookKey);
    const owned = keys.searchOwned(item.tenantId, item.ownerKey, item.createdAt, item.kind, item.id);
    // The item's time is part of its rows' keys: if it moved (findings sort by when they were
    // published), every earlier row is stale, not only the terms it lost.
    const previousAt = previous?.createdAt ? new Date(previous.createdAt) : item.createdAt;
    const moved = previousAt.getTime() !== item.createdAt.getTime();
    const stale = previous ? (JSON.parse(previous.terms) as string[]).filter((t) => moved || !terms.includes(t)) : [];

    const termRows = terms.map((term) => ({ ...keys.searchTerm(item.tenantId, term, item.createdAt, item.kind, item.id), ...fields(item) }));
    const deletes = stale.map((term) => keys.searchTerm(item.tenantId, term, previousAt, item.kind, item.id));
    // Terms live in partitions by their first letters: one small transaction per partition, in parallel.
    const byPartition = new Map<string, { upserts: typeof termRows; deletes: typeof deletes }>();
    const group = (partitionKey: string) => {
      let entry = byPartition.get(partitionKey);
      if (!entry) byPartition.set(partitionKey, (entry = { upserts: [], deletes: [] }));
      return entry;
    };
    for (const row of termRows) group(row.partitionKey).upserts.push(row);
    for (const key of deletes) group(key.partitionKey).deletes.push(key);
    await Promise.all(
      [...byPartition.values()].map(async ({ upserts, deletes: gone }) => {
        const tx = new TableTransaction();
        for (const row of upserts) tx.upsertEntity(row, 'Replace');
        for (const key of gone) tx.deleteEntity(key.partitionKey, key.rowKey);
        await this.table.submitTransaction(tx.actions).catch(async (error: unknown) => {
          // A stale term already deleted (404) fails the batch: redo the upserts alone.
          if (!isNotFound(error)) throw error;
          for (const row of upserts) await this.table.upsertEntity(row, 'Replace');
        });
      })
    );
    await this.table.upsertEntity({ ...owned, ...fields(item) }, 'Replace');
    if (previous && (previous.ownedPartitionKey !== owned.partitionKey || previous.ownedRowKey !== owned.rowKey)) {
      await removeRow(this.table, { partitionKey: previous.ownedPartitionKey, rowKey: previous.ownedRowKey });
    }
    await this.table.upsertEntity<BookkeepingRow>(
      { ...bookKey, terms: JSON.stringify(terms), ownedPartitionKey: owned.partitionKey, ownedRowKey: owned.rowKey, createdAt: item.createdAt.toISOString() },
      'Replace'
    );
  }

  async remove(tenantId: string, kind: SearchKind, id: string): Promise<void> {
    const bookKey = keys.searchItem(tenantId, kind, id);
    const book = await getRow<BookkeepingRow>(this.table, bookKey);
    if (!book) return;
    const targets = [
      ...(JSON.parse(book.terms) as string[]).map((term) => keys.searchTerm(tenantId, term, new Date(book.createdAt), kind, id)),
      { partitionKey: book.ownedPartitionKey, rowKey: book.ownedRowKey },
      bookKey
    ];
    for (const key of targets) await removeRow(this.table, key);
  }

  async byTermPrefix(tenantId: string, prefix: string, limit: number): Promise<SearchItem[]> {
    const partitionKey = searchTermPartition(tenantId, prefix);
    const from = idPart(prefix);
    // Encoded terms never contain '~', the highest printable ASCII character used here as the end.
    const filter = odata`PartitionKey eq ${partitionKey} and RowKey ge ${from} and RowKey lt ${`${from}~`}`;
    return this.collect(tenantId, filter, limit, (rowKey) => rowKey.startsWith(from));
  }

  async recentOf(tenantId: string, ownerKey: string, limit: number): Promise<SearchItem[]> {
    const partitionKey = `${tenantPart(tenantId)}|owned|${idPart(ownerKey)}`;
    return this.collect(tenantId, odata`PartitionKey eq ${partitionKey}`, limit);
  }

  private async collect(tenantId: string, filter: string, limit: number, keep: (rowKey: string) => boolean = () => true): Promise<SearchItem[]> {
    const items: SearchItem[] = [];
    const pages = this.table.listEntities<ItemFields>({ queryOptions: { filter } }).byPage({ maxPageSize: Math.min(limit, 1000) });
    for await (const page of pages) {
      // Checked again here: Azurite has been seen returning a row outside a RowKey range.
      for (const e of page) if (e.rowKey && keep(e.rowKey) && e.itemId) items.push(toItem(tenantId, e));
      if (items.length >= limit) break;
    }
    return items.slice(0, limit);
  }
}
