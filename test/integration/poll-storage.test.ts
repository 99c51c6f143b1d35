import { randomUUID } from 'node:crypto';
import { odata } from '@azure/data-tables';
import { beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { ManualClock } from '../../src/domain/shared/clock';
import type { Actor, StoredConversation } from '../../src/domain/shared/conversation';
import { DomainError } from '../../src/domain/shared/errors';
import type { PollDraft } from '../../src/domain/polls/poll';
import { PollService } from '../../src/domain/polls/poll-service';
import { TableDueItemRepository } from '../../src/storage/shared/due-item-repository';
import { TABLES, keys } from '../../src/storage/shared/keys';
import { TablePollRepository } from '../../src/storage/polls/poll-repository';
import { Tables } from '../../src/storage/shared/tables';

let tables: Tables;
let service: PollService;
const clock = new ManualClock('2026-03-02T10:00:00Z');

beforeAll(async () => {
  tables = new Tables({ kind: 'connectionString', connectionString: inject('storageConnectionString') });
  await tables.ensureAll();
  service = new PollService({
    polls: new TablePollRepository(tables.client(TABLES.polls)),
    due: new TableDueItemRepository(tables.client(TABLES.dueItems)),
    clock,
    voterHashSecret: 'integration-secret-integration-secret'
  });
});

function actor(tenantId: string, n: number): Actor {
  return { tenantId, userId: `29:user-${n}`, aadObjectId: `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`, name: `Person ${n}` };
}

function conversation(tenantId: string): StoredConversation {
  return {
    tenantId,
    serviceUrl: 'http://127.0.0.1:1/',
    channelId: 'msteams',
    conversationId: '19:chat@thread.v2',
    conversationType: 'groupChat',
    botId: '28:bot',
    updatedAt: clock.now().toISOString()
  };
}

async function newPoll(tenantId: string, draft: Partial<PollDraft> = {}) {
  return service.create({
    pollId: randomUUID(),
    actor: actor(tenantId, 0),
    draft: { question: 'Q?', options: ['A', 'B', 'C'], anonymous: false, resultsVisibility: 'live', chart: 'bar', ...draft },
    conversation: conversation(tenantId),
    timeZone: 'Europe/London'
  });
}

async function partitionRows(tenantId: string, pollId: string) {
  const partitionKey = keys.pollPartition(tenantId, pollId);
  const rows: Record<string, unknown>[] = [];
  for await (const e of tables.client(TABLES.polls).listEntities({ queryOptions: { filter: odata`PartitionKey eq ${partitionKey}` } })) rows.push(e);
  return rows;
}

describe('poll storage on Azurite', () => {
  it('50 voters voting concurrently, with repeats and changes, give exact tallies', async () => {
    const tenantId = randomUUID();
    const poll = await newPoll(tenantId);
    const voters = Array.from({ length: 50 }, (_, i) => actor(tenantId, i + 1));
    // Final intended choice per voter; everyone also fires a duplicate and a third of them first vote otherwise.
    const finalChoice = voters.map((_, i) => i % 3);
    const requests: Promise<unknown>[] = [];
    voters.forEach((v, i) => {
      if (i % 3 === 0) requests.push(service.vote(tenantId, poll.pollId, v, (finalChoice[i]! + 1) % 3));
    });
    await Promise.all(requests.splice(0));
    voters.forEach((v, i) => {
      requests.push(service.vote(tenantId, poll.pollId, v, finalChoice[i]));
      requests.push(service.vote(tenantId, poll.pollId, v, String(finalChoice[i]))); // replayed submit
    });
    await Promise.all(requests);

    const expected = [0, 1, 2].map((option) => finalChoice.filter((c) => c === option).length);
    const view = await service.view(tenantId, poll.pollId, voters[0]!);
    expect(view.tally).toEqual({ counts: expected, voters: 50 });
    // The stored votes agree with the tally row by row.
    const votes = (await partitionRows(tenantId, poll.pollId)).filter((r) => String(r.rowKey).startsWith('vote|'));
    expect(votes).toHaveLength(50);
  });

  it('closing freezes the tally: votes racing the close either count before it or are refused', async () => {
    const tenantId = randomUUID();
    const poll = await newPoll(tenantId);
    const voters = Array.from({ length: 30 }, (_, i) => actor(tenantId, i + 1));
    const outcomes = await Promise.allSettled([
      ...voters.map((v) => service.vote(tenantId, poll.pollId, v, 0)),
      service.close(tenantId, poll.pollId, actor(tenantId, 0))
    ]);
    const accepted = outcomes.slice(0, 30).filter((o) => o.status === 'fulfilled').length;
    const refused = outcomes.slice(0, 30).filter((o) => o.status === 'rejected');
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'closed' });
    const after = await service.view(tenantId, poll.pollId, voters[0]!);
    expect(after.poll.status).toBe('closed');
    expect(after.tally.voters).toBe(accepted);
    // And after the close nothing more gets in.
    await expect(service.vote(tenantId, poll.pollId, actor(tenantId, 99), 1)).rejects.toMatchObject({ code: 'closed' });
    expect((await service.view(tenantId, poll.pollId, voters[0]!)).tally.voters).toBe(accepted);
  });

  it('an anonymous poll stores no voter identity, yet still allows one vote per person', async () => {
    const tenantId = randomUUID();
    const poll = await newPoll(tenantId, { anonymous: true });
    const voter = actor(tenantId, 7);
    await service.vote(tenantId, poll.pollId, voter, 1);
    await service.vote(tenantId, poll.pollId, voter, 1);
    const rows = await partitionRows(tenantId, poll.pollId);
    const serialised = JSON.stringify(rows.filter((r) => String(r.rowKey).startsWith('vote|')));
    expect(serialised).not.toContain(voter.userId);
    expect(serialised).not.toContain(voter.aadObjectId!);
    expect(serialised).not.toContain(voter.name!);
    expect((await service.view(tenantId, poll.pollId, voter)).tally).toEqual({ counts: [0, 1, 0], voters: 1 });
    expect((await service.view(tenantId, poll.pollId, voter)).myChoice).toBe(1);
  });

  it('a named poll keeps who voted, for the author', async () => {
    const tenantId = randomUUID();
    const poll = await newPoll(tenantId, { anonymous: false });
    await service.vote(tenantId, poll.pollId, actor(tenantId, 3), 2);
    const votes = (await partitionRows(tenantId, poll.pollId)).filter((r) => String(r.rowKey).startsWith('vote|'));
    expect(votes[0]).toMatchObject({ userId: '29:user-3', userName: 'Person 3', optionIndex: 2 });
  });

  it('one tenant cannot read another tenant\'s poll', async () => {
    const tenantId = randomUUID();
    const poll = await newPoll(tenantId);
    await expect(service.view(randomUUID(), poll.pollId, actor(tenantId, 1))).rejects.toBeInstanceOf(DomainError);
  });

  it('discarding a poll removes every row it had', async () => {
    const tenantId = randomUUID();
    const poll = await newPoll(tenantId, { closesAt: new Date('2026-03-03T10:00:00Z') });
    await service.vote(tenantId, poll.pollId, actor(tenantId, 1), 0);
    await service.discard(poll);
    expect(await partitionRows(tenantId, poll.pollId)).toEqual([]);
  });

  it('creating the same poll id twice is a conflict, not a second poll', async () => {
    const tenantId = randomUUID();
    const poll = await newPoll(tenantId);
    await expect(
      service.create({
        pollId: poll.pollId,
        actor: actor(tenantId, 0),
        draft: { question: 'Other', options: ['X', 'Y'], anonymous: false, resultsVisibility: 'live', chart: 'bar' },
        conversation: conversation(tenantId),
        timeZone: 'Europe/London'
      })
    ).rejects.toMatchObject({ code: 'conflict' });
    expect((await service.get(tenantId, poll.pollId)).question).toBe('Q?');
  });

  it('a stale save is refused (ETag), never silently overwritten', async () => {
    const tenantId = randomUUID();
    const poll = await newPoll(tenantId);
    const repo = new TablePollRepository(tables.client(TABLES.polls));
    await repo.save({ ...poll, activityId: 'first' });
    await expect(repo.save({ ...poll, activityId: 'second' })).rejects.toMatchObject({ code: 'conflict' });
    expect((await repo.get(tenantId, poll.pollId))?.activityId).toBe('first');
  });
});
