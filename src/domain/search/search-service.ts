/** Finds items by words for the messaging extension; each kind of item decides who may see it. */
import { type Actor, personKey } from '../shared/conversation';
import type { SearchIndexPort } from './ports';
import { type SearchKind, type VisibilityRule, type SearchItem, searchTerms, type SearchMemo, SEARCH_LIMITS } from './search';

export class SearchService {
  private readonly rules = new Map<SearchKind, VisibilityRule>();

  constructor(private readonly index: SearchIndexPort) {}

  /** Each feature says who may see its items; a kind without a rule is never returned. */
  registerKind(kind: SearchKind, rule: VisibilityRule): this {
    this.rules.set(kind, rule);
    return this;
  }

  /** Indexes the item under the words of its title and subtitle. */
  async put(item: SearchItem): Promise<void> {
    await this.index.put(item, searchTerms(`${item.title} ${item.subtitle}`));
  }

  remove(tenantId: string, kind: SearchKind, id: string): Promise<void> {
    return this.index.remove(tenantId, kind, id);
  }

  /** Whether the viewer may see this item (also checked when a chosen result is opened). */
  async canSee(item: SearchItem, viewer: Actor, conversationId: string | undefined, memo: SearchMemo = new Map()): Promise<boolean> {
    const rule = this.rules.get(item.kind);
    return rule !== undefined && item.tenantId === viewer.tenantId && (await rule(item, viewer, conversationId, memo));
  }

  /**
   * Items whose words start with every word of the query (the longest word narrows the scan), that
   * the viewer may see, newest first. An empty query lists the viewer's own recent items.
   */
  async search(viewer: Actor, conversationId: string | undefined, query: string, limit: number = SEARCH_LIMITS.results): Promise<SearchItem[]> {
    const words = searchTerms(query.slice(0, SEARCH_LIMITS.maxQueryLength));
    let candidates: SearchItem[];
    if (words.length === 0) {
      candidates = await this.index.recentOf(viewer.tenantId, personKey(viewer), SEARCH_LIMITS.candidates);
    } else {
      const narrowest = words.reduce((a, b) => (b.length > a.length ? b : a));
      // The term's rows come in id order and stop at SEARCH_LIMITS.candidates: a common word can crowd
      // out what the person is looking for. Their own newest items are always candidates too.
      const [byTerm, own] = await Promise.all([
        this.index.byTermPrefix(viewer.tenantId, narrowest, SEARCH_LIMITS.candidates),
        this.index.recentOf(viewer.tenantId, personKey(viewer), SEARCH_LIMITS.candidates)
      ]);
      candidates = [...own, ...byTerm].filter((item) => {
        const itemTerms = searchTerms(`${item.title} ${item.subtitle}`);
        return words.every((w) => itemTerms.some((t) => t.startsWith(w)));
      });
    }
    const unique = new Map(candidates.map((item) => [`${item.kind}|${item.id}`, item]));
    const visible: SearchItem[] = [];
    const memo: SearchMemo = new Map();
    for (const item of [...unique.values()].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())) {
      if (await this.canSee(item, viewer, conversationId, memo)) visible.push(item);
      if (visible.length >= limit) break;
    }
    return visible;
  }
}
