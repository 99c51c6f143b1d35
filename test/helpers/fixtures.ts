/** Shared domain fixtures for unit tests. */
import { expect } from 'vitest';
import type { StoredConversation } from '../../src/domain/conversation';
import { DomainError } from '../../src/domain/errors';
import type { Poll, PollDraft } from '../../src/domain/poll';

export const FIXTURE_NOW = new Date('2026-01-05T10:00:00Z'); // a Monday in winter: London is on GMT
export const FIXTURE_POLL_ID = '0b6f3c1e-1d2a-4c3b-9e8f-7a6b5c4d3e2f';

export const fixtureConversation = (overrides: Partial<StoredConversation> = {}): StoredConversation => ({
  tenantId: 'tenant-1',
  serviceUrl: 'https://smba.example/',
  channelId: 'msteams',
  conversationId: '19:chat@thread.v2',
  conversationType: 'groupChat',
  botId: '28:bot',
  updatedAt: FIXTURE_NOW.toISOString(),
  ...overrides
});

export const pollDraft = (overrides: Partial<PollDraft> = {}): PollDraft => ({
  question: 'Pizza or pasta?',
  options: ['Pizza', 'Pasta', 'Both'],
  anonymous: false,
  resultsVisibility: 'live',
  chart: 'bar',
  ...overrides
});

export function makePoll(overrides: Partial<Poll> = {}): Poll {
  return {
    ...pollDraft(),
    tenantId: 'tenant-1',
    pollId: FIXTURE_POLL_ID,
    status: 'open',
    createdBy: 'aad-author',
    createdByName: 'Alex',
    createdByUserId: '29:author',
    createdAt: FIXTURE_NOW,
    conversation: fixtureConversation(),
    timeZone: 'Europe/London',
    ...overrides
  };
}

/** The DomainError `fn` throws; fails the test when it throws nothing or something else. */
export function domainErrorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('expected a DomainError, but nothing was thrown');
}
