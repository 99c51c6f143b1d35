/** Shared domain fixtures for unit tests. */
import { expect } from 'vitest';
import type { StoredConversation } from '../../src/domain/shared/conversation';
import { DomainError } from '../../src/domain/shared/errors';
import type { Poll, PollDraft } from '../../src/domain/polls/poll';
import { DEFAULT_AUDIENCE, DEFAULT_NEXT_STEPS, type Question, type Survey } from '../../src/domain/surveys/survey';

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

/** An open, anonymous, easy-read young-people survey with these questions (ids q1, q2, …). */
export function makeSurvey(questions: Omit<Question, 'id'>[], overrides: Partial<Survey> = {}): Survey {
  return {
    tenantId: 't',
    surveyId: FIXTURE_POLL_ID,
    version: 3,
    status: 'open',
    title: 'How was today?',
    cohort: 'youngPeople',
    anonymity: 'anonymous',
    resultsVisibility: 'afterClose',
    easyRead: true,
    audience: DEFAULT_AUDIENCE,
    nextSteps: DEFAULT_NEXT_STEPS,
    questions: questions.map((q, i) => ({ ...q, id: `q${i + 1}` })),
    nextQuestionNumber: questions.length + 1,
    createdBy: 'owner',
    createdByUserId: '29:owner',
    createdAt: FIXTURE_NOW,
    timeZone: 'Europe/London',
    conversation: { tenantId: 't', serviceUrl: 'https://x/', channelId: 'msteams', conversationId: 'c', conversationType: 'groupChat', botId: 'b', updatedAt: '' },
    ...overrides
  };
}
