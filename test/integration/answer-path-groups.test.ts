/**
 * What the answer path writes in groups (issue #18, "Answering"; docs/storage.md): attendance rows that
 * arrive together share one transaction (src/storage/shared/group-insert.ts), and a survey's summary
 * copies are written once for several commits while answers keep coming (survey-answer-commit.ts),
 * against Azurite, with the outcome of each call and the counts exact.
 */
import { randomUUID } from 'node:crypto';
import type { TableClient } from '@azure/data-tables';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Survey } from '../../src/domain/surveys/survey';
import { TABLES, surveyKeys } from '../../src/storage/shared/keys';
import { Tables } from '../../src/storage/shared/tables';
import { listPartition } from '../../src/storage/shared/rows';
import { TableAttendanceRepository } from '../../src/storage/sessions/session-repository';
import { TableSurveyRepository } from '../../src/storage/surveys/survey-repository';
import { makeSurvey } from '../helpers/fixtures';

let tables: Tables;

beforeAll(async () => {
  tables = new Tables({ kind: 'connectionString', connectionString: inject('storageConnectionString') });
  await tables.ensureAll();
});

/** A TableClient that counts its requests by method (and summary-partition writes apart). */
function counting(inner: TableClient): { table: TableClient; calls: Map<string, number> } {
  const calls = new Map<string, number>();
  const proxy = new Proxy(inner, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof prop !== 'string' || !['createEntity', 'updateEntity', 'submitTransaction', 'getEntity'].includes(prop)) return value;
      return (...args: unknown[]) => {
        const pk = (args[0] as { partitionKey?: string } | undefined)?.partitionKey ?? '';
        const key = `${prop}${pk.includes('|survey-sum|') ? ' summary' : ''}`;
        calls.set(key, (calls.get(key) ?? 0) + 1);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    }
  });
  return { table: proxy, calls };
}

/** Every third person has no name (an attendee's name is optional). */
const attendee = (i: number) => ({ personKey: `aad:person-${i}`, userId: `29:person-${i}`, name: i % 3 === 2 ? undefined : `Person ${i}` });

describe('attendance recorded in groups', () => {
  it('thirty first answers at once: one row each, each call told it was new, in far fewer requests than rows', async () => {
    const counted = counting(tables.client(TABLES.attendance));
    const repo = new TableAttendanceRepository(counted.table);
    const [tenantId, surveyId] = [randomUUID(), randomUUID()];
    const created = await Promise.all(Array.from({ length: 30 }, (_, i) => repo.record(tenantId, surveyId, attendee(i), '1:1')));
    expect(created).toEqual(Array.from({ length: 30 }, () => true));
    const list = await repo.list(tenantId, surveyId);
    expect(list.map((a) => a.personKey).sort()).toEqual(Array.from({ length: 30 }, (_, i) => `aad:person-${i}`).sort());
    expect(list.find((a) => a.personKey === 'aad:person-4')).toEqual({ personKey: 'aad:person-4', userId: '29:person-4', name: 'Person 4' });
    expect(list.find((a) => a.personKey === 'aad:person-5')?.name).toBeUndefined();
    const requests = (counted.calls.get('submitTransaction') ?? 0) + (counted.calls.get('createEntity') ?? 0);
    expect(requests).toBeLessThan(10);
  });

  it('a group holding someone already there falls back to one create each: only the new are told they are new', async () => {
    const repo = new TableAttendanceRepository(tables.client(TABLES.attendance));
    const [tenantId, surveyId] = [randomUUID(), randomUUID()];
    await Promise.all([0, 1, 2].map((i) => repo.record(tenantId, surveyId, attendee(i), 'session:x')));
    // A second process (or a restart): it does not know who was recorded.
    const other = new TableAttendanceRepository(tables.client(TABLES.attendance));
    const results = await Promise.all([1, 3, 2, 4, 4].map((i) => other.record(tenantId, surveyId, attendee(i), '1:1')));
    // Person 4 twice in one group (a double click): recorded once, the second call told it was not new.
    expect(results).toEqual([false, true, false, true, false]);
    const rows = await listPartition<{ personKey: string; via: string }>(tables.client(TABLES.attendance), surveyKeys.attendancePartition(tenantId, surveyId));
    expect(rows.map((r) => [r.personKey, r.via]).sort()).toEqual([
      ['aad:person-0', 'session:x'],
      ['aad:person-1', 'session:x'],
      ['aad:person-2', 'session:x'],
      ['aad:person-3', '1:1'],
      ['aad:person-4', '1:1']
    ]);
  });
});

describe('summary copies while answers keep coming', () => {
  const openSurvey = (repo: TableSurveyRepository): Promise<Survey> =>
    repo.create(makeSurvey([{ type: 'single', text: 'Which club?', options: ['Art', 'Music', 'Sport'] }], { tenantId: randomUUID(), surveyId: randomUUID(), cohort: 'staff' }));

  it('one copy write carries several commits; the tally read after (here, and in another process) is exact', async () => {
    const counted = counting(tables.client(TABLES.surveys));
    const repo = new TableSurveyRepository(counted.table);
    const survey = await openSurvey(repo);
    counted.calls.clear();
    const q1 = survey.questions[0]!;
    // Waves of answers, each arriving while the previous commit is in flight.
    const answers: Promise<unknown>[] = [];
    for (let i = 0; i < 120; i++) {
      answers.push(repo.recordAnswer({ tenantId: survey.tenantId, surveyId: survey.surveyId, respondentKey: `person-${i}`.padEnd(32, 'x'), question: q1, answer: { kind: 'choice', choices: [i % 3] } }));
      if (i % 4 === 3) await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(answers);
    const tally = await repo.tally(survey.tenantId, survey.surveyId);
    expect(tally.questions.q1).toEqual([40, 40, 40, 0, 120]);
    const commits = counted.calls.get('submitTransaction') ?? 0;
    const copies = (counted.calls.get('updateEntity summary') ?? 0) + (counted.calls.get('createEntity summary') ?? 0);
    expect(commits).toBeGreaterThan(2);
    expect(copies).toBeGreaterThan(0);
    expect(copies).toBeLessThan(commits);
    const elsewhere = new TableSurveyRepository(tables.client(TABLES.surveys));
    expect((await elsewhere.tally(survey.tenantId, survey.surveyId)).questions.q1).toEqual([40, 40, 40, 0, 120]);
  });
});
