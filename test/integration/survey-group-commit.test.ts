/**
 * The answer path's group commit (src/storage/surveys/survey-answer-commit.ts) against Azurite: answers that
 * arrive together share one transaction, and exactness holds across processes (several repository
 * instances on one table, each with its own in-process state), stale hints, and a close mid-stream.
 */
import { randomUUID } from 'node:crypto';
import type { TableClient } from '@azure/data-tables';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { type AnswerValue, type Question, type Survey, parseSurveySettings } from '../../src/domain/surveys/survey';
import { TABLES, TALLY_SHARDS, surveyKeys } from '../../src/storage/shared/keys';
import { TableSurveyRepository } from '../../src/storage/surveys/survey-repository';
import { SurveySummary } from '../../src/storage/surveys/survey-summary';
import { Tables } from '../../src/storage/shared/tables';
import { fixtureConversation } from '../helpers/fixtures';

let table: TableClient;

beforeAll(async () => {
  const tables = new Tables({ kind: 'connectionString', connectionString: inject('storageConnectionString') });
  await tables.ensureAll();
  table = tables.client(TABLES.surveys);
});

/** A TableClient that counts transactions (one per group commit or careful answer). */
function countingTransactions(inner: TableClient): { table: TableClient; transactions: () => number } {
  let n = 0;
  const proxy = new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === 'submitTransaction') {
        return (...args: Parameters<TableClient['submitTransaction']>) => {
          n++;
          return target.submitTransaction(...args);
        };
      }
      return Reflect.get(target, prop, receiver) as unknown;
    }
  });
  return { table: proxy, transactions: () => n };
}

const QUESTIONS: Question[] = [
  { id: 'q1', type: 'single', text: 'Which club?', options: ['Art', 'Music', 'Sport'] },
  { id: 'q2', type: 'yesno', text: 'Did you like it?' }
];

async function openSurvey(repo: TableSurveyRepository): Promise<Survey> {
  const tenantId = randomUUID();
  const now = new Date('2026-03-02T10:00:00Z');
  const settings = parseSurveySettings({ title: 'Clubs', cohort: 'staff' }, now, 'Europe/London');
  const conversation = fixtureConversation({ tenantId, conversationId: `19:${randomUUID()}@thread.v2`, updatedAt: now.toISOString() });
  return repo.create({
    ...settings,
    tenantId,
    surveyId: randomUUID(),
    version: 1,
    status: 'open',
    questions: QUESTIONS,
    nextQuestionNumber: 3,
    createdBy: 'owner',
    createdByUserId: '29:owner',
    createdAt: now,
    publishedAt: now,
    timeZone: 'Europe/London',
    conversation
  } as Survey);
}

const choice = (c: number): AnswerValue => ({ kind: 'choice', choices: [c] });
const person = (i: number): string => `respondent-${String(i).padStart(4, '0')}`.padEnd(32, 'x');

describe('group commit of survey answers', () => {
  it('answers arriving together share transactions, and the tally is exact', async () => {
    const counted = countingTransactions(table);
    const repo = new TableSurveyRepository(counted.table);
    const survey = await openSurvey(repo);
    const before = counted.transactions();
    const q1 = survey.questions[0]!;
    await Promise.all(
      Array.from({ length: 60 }, (_, i) => repo.recordAnswer({ tenantId: survey.tenantId, surveyId: survey.surveyId, respondentKey: person(i), question: q1, answer: choice(i % 3) }))
    );
    const used = counted.transactions() - before;
    // 60 answers from 60 people: far fewer transactions than answers (at most 40 people per transaction).
    expect(used).toBeGreaterThanOrEqual(2);
    expect(used).toBeLessThan(30);
    // Then everyone answers the next question: the same people, so no new respondents.
    const q2 = survey.questions[1]!;
    await Promise.all(
      Array.from({ length: 60 }, (_, i) => repo.recordAnswer({ tenantId: survey.tenantId, surveyId: survey.surveyId, respondentKey: person(i), question: q2, answer: choice(i % 2) }))
    );
    const tally = await repo.tally(survey.tenantId, survey.surveyId);
    expect(tally.questions.q1).toEqual([20, 20, 20, 0, 60]);
    expect(tally.questions.q2).toEqual([30, 30, 0, 60]);
    expect(tally.respondents).toBe(60);
    expect(counted.transactions() - before).toBeLessThan(60);
  });

  it('three processes, people answering on more than one, repeating and changing answers: exact, one row per person per question', async () => {
    const repos = [new TableSurveyRepository(table), new TableSurveyRepository(table), new TableSurveyRepository(table)];
    const survey = await openSurvey(repos[0]!);
    const [q1, q2] = survey.questions as [Question, Question];
    const record = (r: number, i: number, question: Question, answer: AnswerValue) =>
      repos[r % 3]!.recordAnswer({ tenantId: survey.tenantId, surveyId: survey.surveyId, respondentKey: person(i), question, answer });
    const people = Array.from({ length: 45 }, (_, i) => i);
    // Round 1: everyone answers q1 on "their" process, and q2 on another one at the same time.
    await Promise.all(people.flatMap((i) => [record(i, i, q1, choice(i % 3)), record(i + 1, i, q2, choice(i % 2))]));
    // Round 2: everyone repeats q1 on yet another process (a stale or missing hint there); a third change
    // their q1 answer to "Sport"; a fifth skip q2 — each sent twice, on two processes, at once.
    await Promise.all(
      people.flatMap((i) => {
        const q1Answer = i % 3 === 0 ? choice(2) : choice(i % 3);
        const q2Answer: AnswerValue = i % 5 === 0 ? { kind: 'skip' } : choice(i % 2);
        return [record(i + 2, i, q1, q1Answer), record(i, i, q2, q2Answer), record(i + 1, i, q2, q2Answer)];
      })
    );
    const tally = await repos[1]!.tally(survey.tenantId, survey.surveyId);
    // q1: i%3==0 → 2 (15 people), 1 → 15, 2 → 15 + 15.
    expect(tally.questions.q1).toEqual([0, 15, 30, 0, 45]);
    // q2 (yes/no: 2 choices, skipped, answered): 9 skip; of the rest, i%2.
    const skipped = people.filter((i) => i % 5 === 0).length;
    const yes = people.filter((i) => i % 5 !== 0 && i % 2 === 0).length;
    const no = people.filter((i) => i % 5 !== 0 && i % 2 === 1).length;
    expect(tally.questions.q2).toEqual([yes, no, skipped, 45 - skipped]);
    expect(tally.respondents).toBe(45);
    // Every stored answer is the last one given, once.
    const responses = await repos[2]!.responses(survey.tenantId, survey.surveyId);
    expect(responses.size).toBe(45);
    for (const i of people) {
      const answers = responses.get(person(i))!;
      expect(answers.get('q1')).toEqual(i % 3 === 0 ? choice(2) : choice(i % 3));
    }
  });

  it('a process that has not seen a person reads their earlier answer; the one that recorded it knows it without a read', async () => {
    const a = new TableSurveyRepository(table);
    const survey = await openSurvey(a);
    const q1 = survey.questions[0]!;
    await a.recordAnswer({ tenantId: survey.tenantId, surveyId: survey.surveyId, respondentKey: person(1), question: q1, answer: choice(1) });
    const counted = countingTransactions(table);
    const b = new TableSurveyRepository(counted.table);
    expect(await b.answerOf(survey.tenantId, survey.surveyId, 'q1', person(1))).toEqual(choice(1));
    expect(await a.answerOf(survey.tenantId, survey.surveyId, 'q2', person(1))).toBeUndefined();
    // The same answer again on the other process: nothing changes.
    expect(await b.recordAnswer({ tenantId: survey.tenantId, surveyId: survey.surveyId, respondentKey: person(1), question: q1, answer: choice(1) })).toMatchObject({
      changed: false
    });
    // A change on the process that never saw the first answer: the create is refused, the careful path moves the count.
    expect(await b.recordAnswer({ tenantId: survey.tenantId, surveyId: survey.surveyId, respondentKey: person(1), question: q1, answer: choice(2) })).toEqual({
      previous: choice(1),
      changed: true
    });
    const tally = await a.tally(survey.tenantId, survey.surveyId);
    expect(tally.questions.q1).toEqual([0, 0, 1, 0, 1]);
    expect(tally.respondents).toBe(1);
  });

  it('a close in the middle of a stream of answers: each answer is either counted and acknowledged, or refused and absent', async () => {
    const repos = [new TableSurveyRepository(table), new TableSurveyRepository(table)];
    const survey = await openSurvey(repos[0]!);
    const q1 = survey.questions[0]!;
    const wave = (from: number, to: number) =>
      Promise.all(
        Array.from({ length: to - from }, async (_, k) => {
          const i = from + k;
          try {
            await repos[i % 2]!.recordAnswer({ tenantId: survey.tenantId, surveyId: survey.surveyId, respondentKey: person(i), question: q1, answer: choice(0) });
            return 'stored';
          } catch (error) {
            expect(error).toMatchObject({ code: 'closed' });
            return 'refused';
          }
        })
      );
    const first = await wave(0, 20);
    // The close lands while the second wave is being committed (on both processes).
    const [second] = await Promise.all([wave(20, 60), repos[1]!.freeze(survey.tenantId, survey.surveyId)]);
    const third = await wave(60, 80);
    expect(first.every((o) => o === 'stored')).toBe(true);
    expect(third.every((o) => o === 'refused')).toBe(true);
    const stored = [...first, ...second].filter((o) => o === 'stored').length;
    const tally = await repos[0]!.tally(survey.tenantId, survey.surveyId);
    expect(tally.questions.q1?.[0] ?? 0).toBe(stored);
    expect(tally.respondents).toBe(stored);
    const responses = await repos[0]!.responses(survey.tenantId, survey.surveyId);
    expect(responses.size).toBe(stored);
    for (let shard = 0; shard < TALLY_SHARDS; shard++) {
      const key = surveyKeys.surveyTally(survey.tenantId, survey.surveyId, shard);
      expect((await table.getEntity<{ closed: boolean }>(key.partitionKey, key.rowKey)).closed).toBe(true);
    }
  });
});

describe('the summary partition: results whatever the number of answers', () => {
  /** A TableClient that records the partitions it reads, and can refuse writes to the summary. */
  function watching(inner: TableClient, options: { refuseSummaryWrites?: boolean } = {}): { table: TableClient; readPartitions: Set<string> } {
    const readPartitions = new Set<string>();
    const proxy = new Proxy(inner, {
      get(target, prop, receiver) {
        if (prop === 'getEntity') {
          return (pk: string, rk: string) => {
            readPartitions.add(pk);
            return target.getEntity(pk, rk);
          };
        }
        if (prop === 'listEntities') throw new Error('results must not query');
        if (options.refuseSummaryWrites && (prop === 'updateEntity' || prop === 'createEntity')) {
          return (entity: { partitionKey: string }, ...rest: unknown[]) => {
            if (entity.partitionKey.includes('|survey-sum|')) return Promise.reject(Object.assign(new Error('storage went away'), { statusCode: 503 }));
            return (target[prop] as (...args: unknown[]) => Promise<unknown>).call(target, entity, ...rest);
          };
        }
        return Reflect.get(target, prop, receiver) as unknown;
      }
    });
    return { table: proxy, readPartitions };
  }

  it('tally and newest texts come from point reads in the summary partition, never from the answers', async () => {
    const writer = new TableSurveyRepository(table);
    const survey = await openSurvey(writer);
    const text: Question = { id: 'q3', type: 'text', text: 'Tell us more' };
    const record = (i: number, question: Question, answer: AnswerValue) =>
      writer.recordAnswer({ tenantId: survey.tenantId, surveyId: survey.surveyId, respondentKey: person(i), question, answer });
    await Promise.all(Array.from({ length: 25 }, (_, i) => record(i, text, { kind: 'text', text: `Idea number ${i}` })));
    await record(3, text, { kind: 'text', text: 'A changed idea' });
    await record(4, text, { kind: 'skip' });
    const watched = watching(table);
    const reader = new TableSurveyRepository(watched.table);
    const texts = await reader.freeTexts(survey.tenantId, survey.surveyId, 'q3', 20);
    expect(texts).toHaveLength(20);
    expect(texts[0]).toBe('A changed idea');
    expect(texts).not.toContain('Idea number 3');
    expect(texts).not.toContain('Idea number 4');
    const tally = await reader.tally(survey.tenantId, survey.surveyId);
    expect(tally.questions.q3).toEqual([1, 24]);
    expect(tally.respondents).toBe(25);
    expect([...watched.readPartitions]).toEqual([surveyKeys.surveySummaryPartition(survey.tenantId, survey.surveyId)]);
  });

  it('a copy never moves backwards, whichever process writes last', async () => {
    const survey = await openSurvey(new TableSurveyRepository(table));
    const [a, b] = [new SurveySummary(table), new SurveySummary(table)];
    const snapshot = (seq: number) => ({ shard: 2, seq, closed: false, tally: { questions: { q1: [seq, 0, 0, 0, seq] }, respondents: seq } });
    await a.copy(survey.tenantId, survey.surveyId, snapshot(5));
    await b.copy(survey.tenantId, survey.surveyId, snapshot(4));
    await a.copy(survey.tenantId, survey.surveyId, snapshot(3));
    expect((await b.tally(survey.tenantId, survey.surveyId)).respondents).toBe(5);
    await b.copy(survey.tenantId, survey.surveyId, snapshot(6));
    await a.copy(survey.tenantId, survey.surveyId, snapshot(5));
    expect((await a.tally(survey.tenantId, survey.surveyId)).respondents).toBe(6);
  });

  it('answers committed while the summary could not be written still count: the close re-copies every shard', async () => {
    const failing = watching(table, { refuseSummaryWrites: true });
    const repo = new TableSurveyRepository(failing.table);
    const survey = await openSurvey(new TableSurveyRepository(table));
    const q1 = survey.questions[0]!;
    // The answers are stored (the invoke says so) although their copy could not be written.
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => repo.recordAnswer({ tenantId: survey.tenantId, surveyId: survey.surveyId, respondentKey: person(i), question: q1, answer: choice(1) }))
    );
    const healthy = new TableSurveyRepository(table);
    expect((await healthy.tally(survey.tenantId, survey.surveyId)).respondents).toBe(0);
    await healthy.freeze(survey.tenantId, survey.surveyId);
    const closed = await healthy.tally(survey.tenantId, survey.surveyId);
    expect(closed.questions.q1).toEqual([0, 12, 0, 0, 12]);
    expect(closed.respondents).toBe(12);
  });
});
