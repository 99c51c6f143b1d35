import { beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/shared/clock';
import type { Actor, StoredConversation } from '../../src/domain/shared/conversation';
import { DomainError } from '../../src/domain/shared/errors';
import type { Poll, PollDraft, PollTally } from '../../src/domain/polls/poll';
import { POLL_CLOSE_JOB, PollService } from '../../src/domain/polls/poll-service';
import type { CastVote, PollRepository } from '../../src/domain/polls/ports';
import type { DueItem, DueItemRepository } from '../../src/domain/shared/ports';
import { fixtureConversation, pollDraft } from '../helpers/fixtures';

// ---------------------------------------------------------------------------------------------
// In-memory fakes of the storage ports: enough behaviour for the service rules. The real Azure
// Tables repositories are tested against Azurite elsewhere.
// ---------------------------------------------------------------------------------------------

class MemoryPollRepository implements PollRepository {
  readonly polls = new Map<string, Poll>();
  readonly votes = new Map<string, Map<string, number>>();
  readonly frozen = new Set<string>();
  readonly calls: string[] = [];
  readonly castVotes: CastVote[] = [];
  /** Number of upcoming save() calls that fail with `conflict`, as if someone else saved first. */
  conflictsToThrow = 0;
  private version = 0;

  private id(tenantId: string, pollId: string): string {
    return `${tenantId}/${pollId}`;
  }

  async create(poll: Poll): Promise<Poll> {
    this.calls.push('create');
    const id = this.id(poll.tenantId, poll.pollId);
    if (this.polls.has(id)) throw new DomainError('conflict', 'This poll already exists.');
    const stored = { ...poll, etag: String(++this.version) };
    this.polls.set(id, stored);
    this.votes.set(id, new Map());
    return { ...stored };
  }

  async get(tenantId: string, pollId: string): Promise<Poll | undefined> {
    const poll = this.polls.get(this.id(tenantId, pollId));
    return poll ? { ...poll } : undefined;
  }

  async save(poll: Poll): Promise<Poll> {
    this.calls.push('save');
    const id = this.id(poll.tenantId, poll.pollId);
    const current = this.polls.get(id);
    if (!current) throw new DomainError('not_found', 'This poll no longer exists.');
    if (this.conflictsToThrow > 0) {
      this.conflictsToThrow--;
      // Someone else changed the poll meanwhile: a new ETag.
      this.polls.set(id, { ...current, etag: String(++this.version) });
      throw new DomainError('conflict', 'The poll changed.');
    }
    if (poll.etag !== current.etag) throw new DomainError('conflict', 'The poll changed.');
    const stored = { ...poll, etag: String(++this.version) };
    this.polls.set(id, stored);
    return { ...stored };
  }

  async remove(tenantId: string, pollId: string): Promise<void> {
    this.calls.push('remove');
    this.polls.delete(this.id(tenantId, pollId));
    this.votes.delete(this.id(tenantId, pollId));
  }

  async tally(tenantId: string, pollId: string, optionCount: number): Promise<PollTally> {
    const counts = new Array<number>(optionCount).fill(0);
    const votes = this.votes.get(this.id(tenantId, pollId)) ?? new Map<string, number>();
    for (const option of votes.values()) counts[option] = (counts[option] ?? 0) + 1;
    return { counts, voters: votes.size };
  }

  async choiceOf(tenantId: string, pollId: string, voterKey: string): Promise<number | undefined> {
    return this.votes.get(this.id(tenantId, pollId))?.get(voterKey);
  }

  async castVote(vote: CastVote): Promise<{ previous?: number }> {
    this.calls.push('castVote');
    this.castVotes.push(vote);
    const id = this.id(vote.tenantId, vote.pollId);
    if (this.frozen.has(id)) throw new DomainError('closed', 'This poll is closed. Your vote was not counted.');
    const votes = this.votes.get(id);
    if (!votes) throw new DomainError('not_found', 'This poll no longer exists.');
    const previous = votes.get(vote.voterKey);
    votes.set(vote.voterKey, vote.optionIndex);
    return { previous };
  }

  async freeze(tenantId: string, pollId: string): Promise<void> {
    this.calls.push('freeze');
    this.frozen.add(this.id(tenantId, pollId));
  }
}

class MemoryDueItemRepository implements DueItemRepository {
  readonly items = new Map<string, DueItem>();
  readonly cancelled: string[] = [];

  private id(tenantId: string, kind: string, key: string): string {
    return `${tenantId}|${kind}|${key}`;
  }

  async schedule(item: Omit<DueItem, 'attempts'>): Promise<void> {
    this.items.set(this.id(item.tenantId, item.kind, item.key), { ...item, attempts: 0 });
  }

  async cancel(tenantId: string, kind: string, key: string): Promise<void> {
    this.cancelled.push(this.id(tenantId, kind, key));
    this.items.delete(this.id(tenantId, kind, key));
  }
}

// ---------------------------------------------------------------------------------------------

const TENANT = 'tenant-1';
const POLL_ID = '0b6f3c1e-1d2a-4c3b-9e8f-7a6b5c4d3e2f';
const SECRET = 'a-test-secret-of-at-least-32-characters!';

const author: Actor = { tenantId: TENANT, userId: '29:author', aadObjectId: 'aad-author', name: 'Alex' };
const voter: Actor = { tenantId: TENANT, userId: '29:voter', aadObjectId: 'aad-voter', name: 'Bo' };
const other: Actor = { tenantId: TENANT, userId: '29:other', aadObjectId: 'aad-other', name: 'Cy' };

const conversation: StoredConversation = fixtureConversation({ tenantId: TENANT });
const draft = pollDraft;

const CLOSES_AT = new Date('2026-01-09T17:00:00Z');

let polls: MemoryPollRepository;
let due: MemoryDueItemRepository;
let clock: ManualClock;
let service: PollService;

beforeEach(() => {
  polls = new MemoryPollRepository();
  due = new MemoryDueItemRepository();
  clock = new ManualClock('2026-01-05T10:00:00Z');
  service = new PollService({ polls, due, clock, voterHashSecret: SECRET });
});

const create = (overrides: Partial<PollDraft> = {}, pollId = POLL_ID, actor = author): Promise<Poll> =>
  service.create({ pollId, actor, draft: draft(overrides), conversation, timeZone: 'Europe/London' });

/** The DomainError a promise rejects with; fails the test when it resolves or rejects otherwise. */
async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('expected a DomainError, but the call succeeded');
}

describe('PollService.create', () => {
  it('stores an open poll owned by its author, stamped with the current time', async () => {
    const poll = await create();
    expect(poll).toMatchObject({
      tenantId: TENANT,
      pollId: POLL_ID,
      status: 'open',
      createdBy: 'aad-author',
      createdByName: 'Alex',
      createdByUserId: '29:author',
      question: 'Pizza or pasta?',
      options: ['Pizza', 'Pasta', 'Both'],
      timeZone: 'Europe/London',
      conversation
    });
    expect(poll.createdAt.toISOString()).toBe('2026-01-05T10:00:00.000Z');
    expect(await polls.get(TENANT, POLL_ID)).toBeDefined();
  });

  it('uses the channel user id as owner when Teams gives no Entra object id', async () => {
    const poll = await create({}, POLL_ID, { tenantId: TENANT, userId: '29:guest' });
    expect(poll.createdBy).toBe('29:guest');
  });

  it('schedules no close job for a poll without a closing time', async () => {
    await create();
    expect(due.items.size).toBe(0);
  });

  it('schedules one close job at the closing time for a poll with one', async () => {
    await create({ closesAt: CLOSES_AT });
    expect([...due.items.values()]).toEqual([
      { tenantId: TENANT, kind: POLL_CLOSE_JOB, key: POLL_ID, dueAt: CLOSES_AT, payload: { pollId: POLL_ID }, attempts: 0 }
    ]);
  });

  it('stores the poll under a lower-case id whatever the case of the form id', async () => {
    const poll = await create({}, POLL_ID.toUpperCase());
    expect(poll.pollId).toBe(POLL_ID);
    expect((await service.get(TENANT, POLL_ID.toUpperCase())).pollId).toBe(POLL_ID);
  });

  it('schedules the close job under the stored (lower-case) poll id, so closing early cancels it', async () => {
    await create({ closesAt: CLOSES_AT }, POLL_ID.toUpperCase());
    expect([...due.items.values()].map((item) => item.key)).toEqual([POLL_ID]);
    await service.close(TENANT, POLL_ID, author);
    expect(due.items.size).toBe(0);
  });

  it.each([['not-a-guid'], [''], [`${POLL_ID}x`], ['../other-tenant']])('refuses the poll id %j and stores nothing', async (pollId) => {
    const error = await rejection(create({ closesAt: CLOSES_AT }, pollId));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('Type "poll" to start again');
    expect(polls.polls.size).toBe(0);
    expect(due.items.size).toBe(0);
  });

  it('refuses a second poll from the same form (double click) with conflict', async () => {
    await create();
    expect((await rejection(create())).code).toBe('conflict');
  });
});

describe('PollService.discard', () => {
  it('removes the poll and its close job', async () => {
    const poll = await create({ closesAt: CLOSES_AT });
    await service.discard(poll);
    expect(polls.polls.size).toBe(0);
    expect(due.items.size).toBe(0);
  });
});

describe('PollService.vote', () => {
  it('answers not_found for an unknown poll', async () => {
    const error = await rejection(service.vote(TENANT, POLL_ID, voter, '0'));
    expect(error.code).toBe('not_found');
    expect(error.message).toBe('This poll no longer exists.');
  });

  it('answers not_found for a malformed poll id without asking storage', async () => {
    await create();
    expect((await rejection(service.vote(TENANT, 'nonsense', voter, '0'))).code).toBe('not_found');
  });

  it('answers not_found for a poll of another tenant', async () => {
    await create();
    expect((await rejection(service.vote('tenant-2', POLL_ID, voter, '0'))).code).toBe('not_found');
  });

  it('records the vote and returns the voter\u2019s view with their choice', async () => {
    await create();
    const view = await service.vote(TENANT, POLL_ID, voter, '1');
    expect(view.myChoice).toBe(1);
    expect(view.isCreator).toBe(false);
    expect(view.tally).toEqual({ counts: [0, 1, 0], voters: 1 });
  });

  it('moves a changed vote instead of counting the person twice', async () => {
    await create();
    await service.vote(TENANT, POLL_ID, voter, '1');
    const view = await service.vote(TENANT, POLL_ID, voter, '2');
    expect(view.tally).toEqual({ counts: [0, 0, 1], voters: 1 });
    expect(view.myChoice).toBe(2);
  });

  it('knows a person by their Entra id, whichever client they vote from', async () => {
    await create();
    await service.vote(TENANT, POLL_ID, voter, '0');
    const view = await service.vote(TENANT, POLL_ID, { ...voter, userId: '29:voter-on-mobile' }, '1');
    expect(view.tally.voters).toBe(1);
  });

  it('counts different people separately', async () => {
    await create();
    await service.vote(TENANT, POLL_ID, voter, '0');
    const view = await service.vote(TENANT, POLL_ID, other, '0');
    expect(view.tally).toEqual({ counts: [2, 0, 0], voters: 2 });
  });

  it('stores a keyed hash, not the person\u2019s id, as the voter key', async () => {
    await create();
    await service.vote(TENANT, POLL_ID, voter, '0');
    const [cast] = polls.castVotes;
    expect(cast?.voterKey).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(cast?.voterKey).not.toContain('aad-voter');
    expect(cast?.optionCount).toBe(3);
  });

  it('stores who voted on a named poll', async () => {
    await create();
    await service.vote(TENANT, POLL_ID, voter, '0');
    expect(polls.castVotes[0]?.voter).toEqual({ userId: '29:voter', name: 'Bo' });
  });

  it('stores nothing about who voted on an anonymous poll', async () => {
    await create({ anonymous: true });
    await service.vote(TENANT, POLL_ID, voter, '0');
    expect(polls.castVotes[0]?.voter).toBeUndefined();
    expect(JSON.stringify(polls.castVotes[0])).not.toContain('29:voter');
  });

  it('refuses an option that does not exist', async () => {
    await create();
    expect((await rejection(service.vote(TENANT, POLL_ID, voter, '3'))).code).toBe('invalid_input');
    expect(polls.castVotes).toEqual([]);
  });

  it('refuses a vote on a closed poll', async () => {
    await create();
    await service.close(TENANT, POLL_ID, author);
    const error = await rejection(service.vote(TENANT, POLL_ID, voter, '0'));
    expect(error.code).toBe('closed');
    expect(polls.castVotes).toEqual([]);
  });
});

describe('PollService.close', () => {
  it('refuses anyone but the author with forbidden, leaving the poll open and votes flowing', async () => {
    await create({ closesAt: CLOSES_AT });
    const error = await rejection(service.close(TENANT, POLL_ID, other));
    expect(error.code).toBe('forbidden');
    expect((await polls.get(TENANT, POLL_ID))?.status).toBe('open');
    expect(polls.frozen.size).toBe(0);
    expect(due.items.size).toBe(1);
  });

  it('answers not_found for an unknown poll', async () => {
    expect((await rejection(service.close(TENANT, POLL_ID, author))).code).toBe('not_found');
  });

  it('lets the author close the poll: frozen first, then saved as closed at the current time', async () => {
    await create();
    await service.vote(TENANT, POLL_ID, voter, '1');
    clock.advance(60_000);
    const { view, alreadyClosed } = await service.close(TENANT, POLL_ID, author);
    expect(alreadyClosed).toBe(false);
    expect(view.poll.status).toBe('closed');
    expect(view.poll.closedAt?.toISOString()).toBe('2026-01-05T10:01:00.000Z');
    expect(view.isCreator).toBe(true);
    expect(view.tally).toEqual({ counts: [0, 1, 0], voters: 1 });
    expect((await polls.get(TENANT, POLL_ID))?.status).toBe('closed');
    const order = polls.calls.filter((c) => c === 'freeze' || c === 'save');
    expect(order).toEqual(['freeze', 'save']);
  });

  it('cancels the scheduled close job when the author closes early', async () => {
    await create({ closesAt: CLOSES_AT });
    await service.close(TENANT, POLL_ID, author);
    expect(due.items.size).toBe(0);
    expect(due.cancelled).toEqual([`${TENANT}|${POLL_CLOSE_JOB}|${POLL_ID}`]);
  });

  it('reports a second close as alreadyClosed and keeps the first closing time', async () => {
    await create();
    const first = await service.close(TENANT, POLL_ID, author);
    clock.advance(3_600_000);
    const second = await service.close(TENANT, POLL_ID, author);
    expect(second.alreadyClosed).toBe(true);
    expect(second.view.poll.closedAt?.toISOString()).toBe(first.view.poll.closedAt?.toISOString());
    expect(polls.calls.filter((c) => c === 'save')).toHaveLength(1);
  });

  it('is closed by the scheduler (no actor) at its closing time, with a view for nobody in particular', async () => {
    await create({ closesAt: CLOSES_AT });
    await service.vote(TENANT, POLL_ID, voter, '0');
    clock.set(CLOSES_AT);
    const { view, alreadyClosed } = await service.close(TENANT, POLL_ID);
    expect(alreadyClosed).toBe(false);
    expect(view.poll.status).toBe('closed');
    expect(view.poll.closedAt?.toISOString()).toBe(CLOSES_AT.toISOString());
    expect(view.isCreator).toBe(false);
    expect(view.myChoice).toBeUndefined();
    expect(view.tally).toEqual({ counts: [1, 0, 0], voters: 1 });
  });

  it('lets the scheduler close a poll the author already closed, harmlessly', async () => {
    await create({ closesAt: CLOSES_AT });
    await service.close(TENANT, POLL_ID, author);
    const { alreadyClosed } = await service.close(TENANT, POLL_ID);
    expect(alreadyClosed).toBe(true);
  });

  it('retries when the poll changed while closing (e.g. its message id was being saved)', async () => {
    await create();
    polls.conflictsToThrow = 2;
    const { view, alreadyClosed } = await service.close(TENANT, POLL_ID, author);
    expect(alreadyClosed).toBe(false);
    expect(view.poll.status).toBe('closed');
    expect((await polls.get(TENANT, POLL_ID))?.status).toBe('closed');
  });

  it('gives up with conflict when the poll keeps changing', async () => {
    await create();
    polls.conflictsToThrow = 100;
    expect((await rejection(service.close(TENANT, POLL_ID, author))).code).toBe('conflict');
  });
});

describe('PollService.view', () => {
  it('shows the author that they are the author, and others that they are not', async () => {
    await create();
    expect((await service.view(TENANT, POLL_ID, author)).isCreator).toBe(true);
    expect((await service.view(TENANT, POLL_ID, voter)).isCreator).toBe(false);
  });

  it('shows each person only their own choice', async () => {
    await create();
    await service.vote(TENANT, POLL_ID, voter, '2');
    expect((await service.view(TENANT, POLL_ID, voter)).myChoice).toBe(2);
    expect((await service.view(TENANT, POLL_ID, other)).myChoice).toBeUndefined();
  });
});
