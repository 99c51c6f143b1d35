import { describe, expect, it } from 'vitest';
import type { SearchIndexPort } from '../../src/domain/search/ports';
import { type SearchItem, once, searchTerms } from '../../src/domain/search/search';
import { SearchService } from '../../src/domain/search/search-service';

/** An in-memory index: enough for the service's own logic. */
function memoryIndex(items: SearchItem[]): SearchIndexPort {
  return {
    put: async () => undefined,
    remove: async () => undefined,
    byTermPrefix: async (tenantId, prefix) =>
      items.filter((i) => i.tenantId === tenantId && searchTerms(`${i.title} ${i.subtitle}`).some((t) => t.startsWith(prefix))),
    recentOf: async (tenantId, ownerKey) => items.filter((i) => i.tenantId === tenantId && i.ownerKey === ownerKey)
  };
}

const plan = (n: number, teamId: string): SearchItem => ({
  tenantId: 't',
  kind: 'plan',
  id: `p${n}`,
  title: `Transport plan ${n}`,
  subtitle: 'Engagement plan',
  ownerKey: 'someone-else',
  teamId,
  createdAt: new Date(2025, 0, n + 1)
});

describe('SearchService visibility', () => {
  it('a rule reads what many candidates share once per search (memo), and each search afresh', async () => {
    const items = Array.from({ length: 30 }, (_, n) => plan(n, n % 2 ? 'team-a' : 'team-b'));
    const reads: string[] = [];
    const service = new SearchService(memoryIndex(items)).registerKind('plan', async (item, _viewer, _conversation, memo) => {
      const members = await once(memo, `group|${item.teamId}`, async () => {
        reads.push(item.teamId!);
        return item.teamId === 'team-a' ? ['me'] : [];
      });
      return members.includes('me');
    });
    const viewer = { tenantId: 't', userId: '29:me', aadObjectId: 'me', name: 'Me' };
    const found = await service.search(viewer, undefined, 'transport', 25);
    expect(found.map((i) => i.teamId)).toEqual(Array.from({ length: 15 }, () => 'team-a'));
    expect(reads.sort()).toEqual(['team-a', 'team-b']);
    await service.search(viewer, undefined, 'transport', 25);
    expect(reads).toHaveLength(4);
  });
});
