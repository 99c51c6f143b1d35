/** Findings on Azurite: ETag-guarded saves, create-once, send markers claimed exactly once, range reads. */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { DomainError } from '../../src/domain/shared/errors';
import type { Findings } from '../../src/domain/findings/findings';
import { TableAggregateRepository, TableReachRepository } from '../../src/storage/digests/aggregate-repository';
import { TableFindingsRepository } from '../../src/storage/findings/findings-repository';
import { TABLES } from '../../src/storage/shared/keys';
import { Tables } from '../../src/storage/shared/tables';

let repo: TableFindingsRepository;
let aggregates: TableAggregateRepository;
let reach: TableReachRepository;
beforeAll(async () => {
  const tables = new Tables({ kind: 'connectionString', connectionString: inject('storageConnectionString') });
  await tables.ensureAll();
  repo = new TableFindingsRepository(tables.client(TABLES.findings));
  aggregates = new TableAggregateRepository(tables.client(TABLES.aggregates));
  reach = new TableReachRepository(tables.client(TABLES.aggregates));
});

const NOW = new Date('2026-01-05T10:00:00Z');
const findingsOf = (tenantId: string, overrides: Partial<Findings> = {}): Findings => ({
  tenantId,
  surveyId: randomUUID(),
  title: 'Youth club',
  owner: 'owner-1',
  ownerUserId: '29:owner',
  youSaid: [{ id: 't1', text: 'Fridays', easyText: 'Fridays', support: [{ questionId: 'q1', choice: 2 }] }],
  weDid: [],
  nextUpdate: '2026-03-01',
  state: 'draft',
  roundCount: 0,
  version: 1,
  createdAt: NOW,
  updatedAt: NOW,
  ...overrides
});

describe('findings repository', () => {
  it('round-trips every field; a second create for the same survey is a conflict', async () => {
    const tenantId = randomUUID();
    const channel = { tenantId, serviceUrl: 'https://x', channelId: 'msteams', conversationId: '19:a@thread', conversationType: 'channel' as const, botId: 'b', updatedAt: NOW.toISOString() };
    const created = await repo.create(findingsOf(tenantId, { channel, channelActivityId: 'act-1', publishedAt: NOW, planId: 'p1', teamId: 'team' }));
    const read = await repo.get(tenantId, created.surveyId);
    expect({ ...read, etag: undefined }).toEqual({ ...created, etag: undefined });
    await expect(repo.create(findingsOf(tenantId, { surveyId: created.surveyId }))).rejects.toMatchObject({ code: 'conflict' });
  });

  it('saves are ETag-guarded: of two writers from the same read, one wins and the other gets conflict', async () => {
    const tenantId = randomUUID();
    const created = await repo.create(findingsOf(tenantId));
    const results = await Promise.allSettled([
      repo.save({ ...created, weDid: [{ id: 'w1', text: 'a', easyText: 'a', status: 'planned', reason: '', owner: 'x', when: '2026-02-01', updatedAt: NOW.toISOString() }] }),
      repo.save({ ...created, nextUpdate: '2026-04-01' })
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(DomainError);
    expect((rejected.reason as DomainError).code).toBe('conflict');
    await repo.remove(tenantId, created.surveyId);
    await expect(repo.save(created)).rejects.toMatchObject({ code: 'conflict' });
    expect(await repo.get(tenantId, created.surveyId)).toBeUndefined();
  });

  it('a send marker is claimed exactly once however many try; released claims can be taken again; sends() reads one kind', async () => {
    const tenantId = randomUUID();
    const surveyId = randomUUID();
    const claims = await Promise.all(Array.from({ length: 8 }, () => repo.claimSend(tenantId, surveyId, 'person-a', 'publish')));
    expect(claims.filter(Boolean)).toHaveLength(1);
    await repo.recordSend(tenantId, surveyId, { personKey: 'person-a', what: 'publish', state: 'sent', activityId: 'm1' });
    expect(await repo.claimSend(tenantId, surveyId, 'person-b', 'publish')).toBe(true);
    await repo.releaseSend(tenantId, surveyId, 'person-b', 'publish');
    expect(await repo.claimSend(tenantId, surveyId, 'person-b', 'publish')).toBe(true);
    expect(await repo.claimSend(tenantId, surveyId, 'person-a', 'status-w1-done')).toBe(true);
    const sends = await repo.sends(tenantId, surveyId, 'publish');
    expect(sends.map((s) => s.personKey).sort()).toEqual(['person-a', 'person-b']);
    expect(sends.find((s) => s.personKey === 'person-a')).toMatchObject({ state: 'sent', activityId: 'm1' });
  });

  it('lists an owner\'s findings only, newest first, never another tenant\'s', async () => {
    const tenantId = randomUUID();
    const a = await repo.create(findingsOf(tenantId, { updatedAt: new Date('2026-01-01T00:00:00Z') }));
    const b = await repo.create(findingsOf(tenantId, { updatedAt: new Date('2026-01-02T00:00:00Z') }));
    await repo.create(findingsOf(tenantId, { owner: 'someone-else' }));
    await repo.create(findingsOf(randomUUID()));
    expect((await repo.listByOwner(tenantId, 'owner-1')).map((f) => f.surveyId)).toEqual([b.surveyId, a.surveyId]);
  });
});

describe('digest aggregate row', () => {
  it('concurrent updates are never lost (ETag-guarded read-change-write, retried); other tenants untouched', async () => {
    const tenantId = randomUUID();
    await Promise.all(Array.from({ length: 20 }, (_, i) => aggregates.update(tenantId, (a) => ({ ...a, safeguardingAlerts: a.safeguardingAlerts + 1, plansByState: { ...a.plansByState, [`s${i % 3}`]: (a.plansByState[`s${i % 3}`] ?? 0) + 1 } }))));
    const a = await aggregates.get(tenantId);
    expect(a.safeguardingAlerts).toBe(20);
    expect(a.plansByState).toEqual({ s0: 7, s1: 7, s2: 6 });
    expect((await aggregates.get(randomUUID())).safeguardingAlerts).toBe(0);
  });
});

describe('survey reach (response-rate denominators)', () => {
  it('each person counts once per survey however often and by however many writers at once; surveys and tenants apart', async () => {
    const tenantId = randomUUID();
    const people = Array.from({ length: 30 }, (_, i) => `person-${i}`);
    // Every person added three times, concurrently (a 1:1 send and a session, a retried send…).
    const added = await Promise.all([...people, ...people, ...people].map((p) => reach.add(tenantId, 's1', [p])));
    expect(added.reduce((a, b) => a + b, 0)).toBe(30);
    expect(await reach.count(tenantId, 's1')).toBe(30);
    // A session's members: the new ones only are counted.
    expect(await reach.add(tenantId, 's1', ['person-0', 'person-1', 'new-a', 'new-b', 'new-b'])).toBe(2);
    expect(await reach.count(tenantId, 's1')).toBe(32);
    expect(await reach.count(tenantId, 's2')).toBe(0);
    expect(await reach.count(randomUUID(), 's1')).toBe(0);
  });
});
