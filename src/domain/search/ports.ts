import type { SearchItem, SearchKind } from './search';
/** Repository interfaces ("ports") of Search (messaging extension); src/storage/search implements them. */
export interface SearchIndexPort {
  /** Adds or replaces the item under every term of its text. */
  put(item: SearchItem, terms: string[]): Promise<void>;
  remove(tenantId: string, kind: SearchKind, id: string): Promise<void>;
  /** Items with a term starting with `prefix`, at most `limit`. */
  byTermPrefix(tenantId: string, prefix: string, limit: number): Promise<SearchItem[]>;
  /** The owner's most recent items. */
  recentOf(tenantId: string, ownerKey: string, limit: number): Promise<SearchItem[]>;
}
