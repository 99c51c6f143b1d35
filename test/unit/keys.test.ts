import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/shared/errors';
import { type EntityKey, TALLY_SHARDS, idPart, keys, shardOf, tenantPart } from '../../src/storage/shared/keys';

const TENANT = 'AbCdEf01-2345-6789-ABCD-ef0123456789';
const tenantHead = `${TENANT.toLowerCase()}|`;

/** The characters Azure Tables does not allow in PartitionKey or RowKey that occur in `key`. */
const forbiddenIn = (key: string): string[] =>
  [...key].filter((c) => {
    const code = c.codePointAt(0) ?? 0;
    return '/\\#?'.includes(c) || code <= 0x1f || (code >= 0x7f && code <= 0x9f);
  });

const NASTY_IDS = [
  'a/b',
  'a#b',
  'a?b',
  'a\\b',
  'a|b',
  'tab\there',
  'line\nbreak',
  'nul\u0000char',
  'c1\u0085char',
  'del\u007F',
  "quote'and(parens)*!",
  '19:abc@thread.tacv2;messageid=123',
  'a:1Tkp-x_y.z~',
  'emoji \u{1F600} and spaces',
  '%41 already escaped'
];

/** Every key builder, called with a tenant and an id in one of its id positions. */
const ALL_KEYS: [string, (tenantId: string, id: string) => EntityKey][] = [
  ['poll', (t, id) => keys.poll(t, id)],
  ['pollTally', (t, id) => keys.pollTally(t, id, 3)],
  ['pollVote (poll id)', (t, id) => keys.pollVote(t, id, 'voter')],
  ['pollVote (voter key)', (t, id) => keys.pollVote(t, 'poll', id)],
  ['personalConversation', (t, id) => keys.personalConversation(t, id)],
  ['sharedConversation', (t, id) => keys.sharedConversation(t, id)],
  ['welcomeMarker', (t, id) => keys.welcomeMarker(t, id)],
  ['dueItem (kind)', (t, id) => keys.dueItem(t, id, 'key')],
  ['dueItem (key)', (t, id) => keys.dueItem(t, 'poll.close', id)]
];

describe('storage keys: every PartitionKey starts with the tenant', () => {
  it.each(ALL_KEYS)('%s: PartitionKey starts with the lower-cased tenant id and a separator', (_name, build) => {
    expect(build(TENANT, 'some-id').partitionKey.startsWith(tenantHead)).toBe(true);
  });

  it('pollPartition starts with the lower-cased tenant id', () => {
    expect(keys.pollPartition(TENANT, 'p1').startsWith(tenantHead)).toBe(true);
  });

  it('puts a poll, its tally shards and its votes in one partition (one transaction)', () => {
    const pk = keys.poll(TENANT, 'p1').partitionKey;
    expect(keys.pollTally(TENANT, 'p1', 0).partitionKey).toBe(pk);
    expect(keys.pollVote(TENANT, 'p1', 'v').partitionKey).toBe(pk);
    expect(keys.pollPartition(TENANT, 'p1')).toBe(pk);
  });

  it('gives the same keys whatever the case of the tenant id', () => {
    expect(keys.poll(TENANT.toUpperCase(), 'p1')).toEqual(keys.poll(TENANT.toLowerCase(), 'p1'));
  });

  it('keeps two tenants apart even when one id is a prefix of the other', () => {
    expect(keys.poll('tenant', 'p1').partitionKey).not.toBe(keys.poll('tenant-2', 'p1').partitionKey);
    expect(keys.poll('tenant-2', 'p1').partitionKey.startsWith(`${keys.poll('tenant', 'p1').partitionKey}`)).toBe(false);
  });
});

describe('storage keys: ids are escaped into legal key parts', () => {
  for (const [name, build] of ALL_KEYS) {
    it.each(NASTY_IDS)(`${name}: %j leaves no character Azure Tables forbids`, (id) => {
      const key = build(TENANT, id);
      expect(forbiddenIn(key.partitionKey)).toEqual([]);
      expect(forbiddenIn(key.rowKey)).toEqual([]);
    });
  }

  it.each(NASTY_IDS)('idPart(%j) contains no separator "|"', (id) => {
    expect(idPart(id)).not.toContain('|');
  });

  it('the check itself spots each forbidden character', () => {
    expect(forbiddenIn('a/b\\c#d?e\u0000f\u001Fg\u007Fh\u009Fi|j%k')).toEqual(['/', '\\', '#', '?', '\u0000', '\u001F', '\u007F', '\u009F']);
  });

  it('keeps plain ids readable', () => {
    expect(idPart('0b6f3c1e-1d2a-4c3b-9e8f-7a6b5c4d3e2f')).toBe('0b6f3c1e-1d2a-4c3b-9e8f-7a6b5c4d3e2f');
  });

  it('gives different ids different key parts (no two ids collide)', () => {
    const parts = NASTY_IDS.map(idPart);
    expect(new Set(parts).size).toBe(NASTY_IDS.length);
    expect(idPart('%41')).not.toBe(idPart('A'));
  });

  it('cannot be fooled by a separator inside an id', () => {
    expect(keys.dueItem(TENANT, 'a|b', 'c').rowKey).not.toBe(keys.dueItem(TENANT, 'a', 'b|c').rowKey);
    expect(keys.pollVote(TENANT, 'p|vote|x', 'y').partitionKey).not.toBe(keys.pollVote(TENANT, 'p', 'x').partitionKey);
  });

  it.each([[''], ['x'.repeat(401)]])('refuses an empty or over-long id (%#)', (id) => {
    expect(() => idPart(id)).toThrow(DomainError);
  });

  it('accepts an id of 400 characters', () => {
    expect(idPart('x'.repeat(400))).toBe('x'.repeat(400));
  });
});

describe('storage keys: the tenant id is checked', () => {
  it.each([[''], ['-starts-with-dash'], ['has space'], ['a/b'], ['a|b'], ['t'.repeat(65)], ['caf\u00E9']])(
    'refuses the tenant id %j with a DomainError',
    (tenantId) => {
      let thrown: unknown;
      try {
        keys.poll(tenantId, 'p1');
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(DomainError);
      expect((thrown as DomainError).code).toBe('invalid_input');
    }
  );

  it('refuses a tenant id that is not a string', () => {
    expect(() => tenantPart(undefined as unknown as string)).toThrow(DomainError);
  });

  it.each(ALL_KEYS)('%s refuses an invalid tenant', (_name, build) => {
    expect(() => build('bad tenant', 'x')).toThrow(DomainError);
  });
});

describe('shardOf', () => {
  const voterKeys = Array.from({ length: 2000 }, (_, i) => `voter-${i}-${(i * 2654435761) % 1000003}`);

  it('is always a whole number from 0 to TALLY_SHARDS - 1', () => {
    for (const key of [...voterKeys, '', 'x', '\u{1F600}'.repeat(50)]) {
      const shard = shardOf(key);
      expect(Number.isInteger(shard)).toBe(true);
      expect(shard).toBeGreaterThanOrEqual(0);
      expect(shard).toBeLessThan(TALLY_SHARDS);
    }
  });

  it('is stable: the same voter always lands in the same shard', () => {
    for (const key of voterKeys.slice(0, 100)) expect(shardOf(key)).toBe(shardOf(key));
    expect(shardOf('abc')).toBe(shardOf('abc'));
  });

  it('spreads voters over every shard', () => {
    const counts = new Array<number>(TALLY_SHARDS).fill(0);
    for (const key of voterKeys) counts[shardOf(key)] = (counts[shardOf(key)] ?? 0) + 1;
    for (const n of counts) expect(n).toBeGreaterThan(voterKeys.length / TALLY_SHARDS / 2);
  });
});
