import { randomUUID } from 'node:crypto';
import { type TableClient, odata } from '@azure/data-tables';
import { beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { ManualClock } from '../../src/domain/shared/clock';
import type { Actor, StoredConversation } from '../../src/domain/shared/conversation';
import { DomainError } from '../../src/domain/shared/errors';
import { SessionService } from '../../src/domain/sessions/session-service';
import { type Survey, type SurveySettings, parseSurveySettings } from '../../src/domain/surveys/survey';
import { type SurveyPublishGuard, SurveyService } from '../../src/domain/surveys/survey-service';
import { TableDueItemRepository } from '../../src/storage/shared/due-item-repository';
import { TABLES, TALLY_SHARDS, surveyKeys } from '../../src/storage/shared/keys';
import { TableAttendanceRepository, TableSessionRepository } from '../../src/storage/sessions/session-repository';
import { TableSurveyRepository } from '../../src/storage/surveys/survey-repository';
import { TableTenantSettingsRepository } from '../../src/storage/surveys/survey-settings-repository';
import { TableExportLinkRepository } from '../../src/storage/surveys/export-link-repository';
import { TablePreferenceRepository } from '../../src/storage/preferences/preference-repository';
import { TableDeliverySettingsRepository } from '../../src/storage/delivery/delivery-settings-repository';
import { FlaggedTextFilter } from '../../src/domain/safeguarding/withheld-text';
import { Tables } from '../../src/storage/shared/tables';
import { TableAlertLedger } from '../../src/storage/safeguarding/safeguarding-repository';

let tables: Tables;
const clock = new ManualClock('2026-03-02T10:00:00Z');
const guards: SurveyPublishGuard[] = [];
let service: SurveyService;
let sessions: SessionService;

/** Counts the entities a TableClient hands back, to prove what a call reads. */
function counting(table: TableClient): { table: TableClient; read: () => number; reset: () => void } {
  let n = 0;
  const proxy = new Proxy(table, {
    get(target, prop, receiver) {
      if (prop === 'getEntity') {
        return async (...args: Parameters<TableClient['getEntity']>) => {
          const result = await target.getEntity(...args);
          n++;
          return result;
        };
      }
      if (prop === 'listEntities') {
        return (...args: Parameters<TableClient['listEntities']>) => {
          const iterator = target.listEntities(...args);
          const wrapped = (async function* () {
            for await (const e of iterator) {
              n++;
              yield e;
            }
          })();
          return Object.assign(wrapped, { byPage: iterator.byPage.bind(iterator) });
        };
      }
      return Reflect.get(target, prop, receiver) as unknown;
    }
  });
  return { table: proxy, read: () => n, reset: () => (n = 0) };
}

let surveyTable: ReturnType<typeof counting>;

beforeAll(async () => {
  tables = new Tables({ kind: 'connectionString', connectionString: inject('storageConnectionString') });
  await tables.ensureAll();
  surveyTable = counting(tables.client(TABLES.surveys));
  const preferences = new TablePreferenceRepository(tables.client(TABLES.preferences));
  service = new SurveyService({
    surveys: new TableSurveyRepository(surveyTable.table),
    attendance: new TableAttendanceRepository(tables.client(TABLES.attendance)),
    preferences,
    settings: new TableTenantSettingsRepository(tables.client(TABLES.tenantSettings)),
    exportLinks: new TableExportLinkRepository(tables.client(TABLES.exportLinks)),
    due: new TableDueItemRepository(tables.client(TABLES.dueItems)),
    clock,
    voterHashSecret: 'integration-secret-integration-secret',
    publishGuards: guards,
    withheld: new FlaggedTextFilter({ settings: new TableDeliverySettingsRepository(tables.client(TABLES.tenantSettings)), alerts: new TableAlertLedger(tables.client(TABLES.safeguarding)), clock })
  });
  sessions = new SessionService({ sessions: new TableSessionRepository(tables.client(TABLES.sessions)), surveys: service, preferences, clock });
});

const actor = (tenantId: string, n: number): Actor => ({
  tenantId,
  userId: `29:user-${n}`,
  aadObjectId: `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`,
  name: `Person ${n}`
});

const conversation = (tenantId: string, type: StoredConversation['conversationType'] = 'groupChat'): StoredConversation => ({
  tenantId,
  serviceUrl: 'http://127.0.0.1:1/',
  channelId: 'msteams',
  conversationId: `19:${randomUUID()}@thread.v2`,
  conversationType: type,
  botId: '28:bot',
  updatedAt: clock.now().toISOString()
});

const settings = (overrides: Record<string, unknown> = {}): SurveySettings =>
  parseSurveySettings({ title: 'How was today?', cohort: 'youngPeople', ...overrides }, clock.now(), 'Europe/London');

async function published(tenantId: string, templateId = 'session-feedback', overrides: Record<string, unknown> = {}): Promise<Survey> {
  const owner = actor(tenantId, 0);
  const draft = await service.createDraft({ surveyId: randomUUID(), actor: owner, settings: settings(overrides), templateId, conversation: conversation(tenantId), timeZone: 'Europe/London' });
  return service.publish(tenantId, draft.surveyId, owner, draft.version);
}

describe('survey storage on Azurite', () => {
  it('creates a draft from a template, edits it with version checks, publishes it', async () => {
    const tenantId = randomUUID();
    const owner = actor(tenantId, 0);
    const draft = await service.createDraft({ surveyId: randomUUID(), actor: owner, settings: settings(), templateId: 'youth-clubs-summer', conversation: conversation(tenantId), timeZone: 'Europe/London' });
    expect(draft.questions.map((q) => q.id)).toEqual(['q1', 'q2', 'q3', 'q4', 'q5']);
    expect(draft).toMatchObject({ status: 'draft', anonymity: 'anonymous', easyRead: true, resultsVisibility: 'afterClose', version: 1 });

    const added = await service.edit(tenantId, draft.surveyId, owner, 1, { kind: 'add', values: { type: 'yesno', text: 'Do you like swimming?' } });
    expect(added.questions.at(-1)).toMatchObject({ id: 'q6', type: 'yesno' });
    const moved = await service.edit(tenantId, draft.surveyId, owner, 2, { kind: 'move', questionId: 'q6', by: -1 });
    expect(moved.questions.map((q) => q.id)).toEqual(['q1', 'q2', 'q3', 'q4', 'q6', 'q5']);
    const removed = await service.edit(tenantId, draft.surveyId, owner, 3, { kind: 'remove', questionId: 'q2' });
    expect(removed.questions.map((q) => q.id)).toEqual(['q1', 'q3', 'q4', 'q6', 'q5']);
    // An editor card drawn before these changes (version 2) is refused, and nothing changes.
    await expect(service.edit(tenantId, draft.surveyId, owner, 2, { kind: 'remove', questionId: 'q1' })).rejects.toMatchObject({ code: 'conflict' });
    // Someone else cannot edit or publish it.
    await expect(service.edit(tenantId, draft.surveyId, actor(tenantId, 9), 4, { kind: 'remove', questionId: 'q1' })).rejects.toMatchObject({ code: 'forbidden' });

    const open = await service.publish(tenantId, draft.surveyId, owner, 4);
    expect(open).toMatchObject({ status: 'open', version: 5 });
    await expect(service.publish(tenantId, draft.surveyId, owner, 5)).rejects.toMatchObject({ code: 'conflict' });
    // Published: reword yes, restructure no.
    await service.edit(tenantId, draft.surveyId, owner, 5, { kind: 'update', questionId: 'q1', values: { type: 'yesno', text: 'Do you go to a club?' } });
    await expect(service.edit(tenantId, draft.surveyId, owner, 6, { kind: 'remove', questionId: 'q1' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(
      service.edit(tenantId, draft.surveyId, owner, 6, { kind: 'update', questionId: 'q1', values: { type: 'text', text: 'Tell us' } })
    ).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('creating the same survey twice at once (a recurring round on two instances) makes it once, and the one that lost finds it; shards left by a stopped create are taken, counted ones are not', async () => {
    const tenantId = randomUUID();
    const repo = new TableSurveyRepository(tables.client(TABLES.surveys));
    const template = await service.createDraft({ surveyId: randomUUID(), actor: actor(tenantId, 0), settings: settings(), templateId: 'session-feedback', conversation: conversation(tenantId), timeZone: 'Europe/London' });
    const copy = (surveyId: string): Survey => {
      const { etag: _etag, ...rest } = template;
      return { ...rest, surveyId };
    };
    for (let i = 0; i < 6; i++) {
      const id = randomUUID();
      const results = await Promise.allSettled([repo.create(copy(id)), repo.create(copy(id))]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const lost = results.find((r) => r.status === 'rejected');
      expect(lost?.status === 'rejected' && lost.reason instanceof DomainError && lost.reason.code).toBe('conflict');
      expect((await repo.get(tenantId, id))?.surveyId).toBe(id); // the loser finds it at once
    }
    // A create that stopped after its shards: the next create of that id completes it.
    const table = tables.client(TABLES.surveys);
    const shardsOf = async (id: string, respondents: number): Promise<void> => {
      for (let shard = 0; shard < TALLY_SHARDS; shard++) {
        await table.createEntity({ ...surveyKeys.surveyTally(tenantId, id, shard), counts: '{}', respondents: shard === 0 ? respondents : 0, closed: false, seq: shard === 0 ? respondents : 0 });
      }
    };
    const stopped = randomUUID();
    await shardsOf(stopped, 0);
    await repo.create(copy(stopped));
    expect((await repo.get(tenantId, stopped))?.surveyId).toBe(stopped);
    // Shards that have counted answers belong to something else: refused, nothing written.
    const counted = randomUUID();
    await shardsOf(counted, 3);
    await expect(repo.create(copy(counted))).rejects.toMatchObject({ code: 'conflict' });
    expect(await repo.get(tenantId, counted)).toBeUndefined();
  });

  it('refuses to publish 0 questions or to add a 21st; publish guards can stop publishing', async () => {
    const tenantId = randomUUID();
    const owner = actor(tenantId, 0);
    const blank = await service.createDraft({ surveyId: randomUUID(), actor: owner, settings: settings(), conversation: conversation(tenantId), timeZone: 'Europe/London' });
    await expect(service.publish(tenantId, blank.surveyId, owner, 1)).rejects.toThrow('A survey needs from 1 to 20 questions (this one has 0).');
    let s = blank;
    for (let i = 0; i < 20; i++) s = await service.edit(tenantId, s.surveyId, owner, s.version, { kind: 'add', values: { type: 'yesno', text: `Question ${i + 1}?` } });
    await expect(service.edit(tenantId, s.surveyId, owner, s.version, { kind: 'add', values: { type: 'yesno', text: 'One too many?' } })).rejects.toThrow(
      'A survey needs from 1 to 20 questions (this one has 21).'
    );
    guards.push((survey) => {
      if (survey.cohort === 'youngPeople' && survey.questions.some((q) => q.type === 'text')) throw new DomainError('forbidden', 'Set a safeguarding lead first.');
    });
    try {
      const withText = await service.edit(tenantId, s.surveyId, owner, s.version, { kind: 'remove', questionId: 'q1' });
      const t = await service.edit(tenantId, s.surveyId, owner, withText.version, { kind: 'add', values: { type: 'text', text: 'Tell us more' } });
      await expect(service.publish(tenantId, s.surveyId, owner, t.version)).rejects.toThrow('Set a safeguarding lead first.');
      expect((await service.get(tenantId, s.surveyId)).status).toBe('draft');
    } finally {
      guards.pop();
    }
  });

  it('40 people answering at once, each twice, some changing their minds: exact tallies, one answer per person per question', async () => {
    const tenantId = randomUUID();
    const survey = await published(tenantId);
    const people = Array.from({ length: 40 }, (_, i) => actor(tenantId, i + 1));
    const data = (i: number, choice: string) => ({ version: survey.version, questionId: 'q1', choice });
    await Promise.all(people.map((p, i) => service.answer(tenantId, survey.surveyId, p, data(i, String(i % 3)))));
    // everyone double-submits; the first nine change to "I don't like it"; the last four skip
    await Promise.all(
      people.flatMap((p, i) => {
        const payload = i >= 36 ? { version: survey.version, questionId: 'q1', skip: 'true' } : data(i, i < 9 ? '2' : String(i % 3));
        return [service.answer(tenantId, survey.surveyId, p, payload), service.answer(tenantId, survey.surveyId, p, payload)];
      })
    );
    const tally = await service.tally(survey);
    // i%3 over 0..39: 14 zeros, 13 ones, 13 twos. First nine (0..8) → 2; 36..39 → skip.
    const expected = [0, 0, 0];
    people.forEach((_, i) => {
      if (i >= 36) return;
      expected[i < 9 ? 2 : i % 3]!++;
    });
    expect(tally.questions.q1).toEqual([...expected, 4, 36]);
    expect(tally.respondents).toBe(40);

    // Results read the 8 tally rows (and the definition), never the answers.
    surveyTable.reset();
    await service.results(tenantId, survey.surveyId, actor(tenantId, 0));
    const reads = surveyTable.read();
    expect(reads).toBeLessThanOrEqual(1 + 8 + 20); // meta + shards (+ at most 20 free texts for the owner)
  });

  it('closing freezes the tally: later answers are refused and nothing is stored half way', async () => {
    const tenantId = randomUUID();
    const survey = await published(tenantId);
    await service.answer(tenantId, survey.surveyId, actor(tenantId, 1), { version: survey.version, questionId: 'q1', choice: '0' });
    await service.close(tenantId, survey.surveyId, actor(tenantId, 0));
    await expect(service.answer(tenantId, survey.surveyId, actor(tenantId, 2), { version: survey.version, questionId: 'q1', choice: '1' })).rejects.toMatchObject({
      code: 'closed'
    });
    const tally = await service.tally(survey);
    expect(tally.questions.q1).toEqual([1, 0, 0, 0, 1]);
    // The storage layer refuses too, even for a caller holding an "open" copy of the survey.
    const repo = new TableSurveyRepository(tables.client(TABLES.surveys));
    await expect(
      repo.recordAnswer({ tenantId, surveyId: survey.surveyId, respondentKey: 'x'.repeat(32), question: survey.questions[0]!, answer: { kind: 'skip' } })
    ).rejects.toMatchObject({ code: 'closed' });
  });

  it('bad answers are refused before anything is written', async () => {
    const tenantId = randomUUID();
    const survey = await published(tenantId, 'service-views');
    const who = actor(tenantId, 1);
    const answer = (d: Record<string, unknown>) => service.answer(tenantId, survey.surveyId, who, { version: survey.version, ...d });
    await expect(answer({ questionId: 'q99', choice: '0' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(answer({ questionId: 'q1', choice: '3' })).rejects.toThrow('That answer is not one of the choices.');
    await expect(answer({ questionId: 'q1', choice: '0,1' })).rejects.toThrow('Please choose one answer.');
    await expect(answer({ questionId: 'q5', text: 'x'.repeat(1001) })).rejects.toThrow('The answer is too long: 1001 characters, the most is 1000.');
    await expect(answer({ questionId: 'q1', choice: '0', version: survey.version - 1 })).rejects.toMatchObject({ code: 'conflict' });
    const tally = await service.tally(survey);
    expect(tally).toEqual({ questions: {}, respondents: 0 });
    expect(await new TableAttendanceRepository(tables.client(TABLES.attendance)).list(tenantId, survey.surveyId)).toEqual([]);
  });

  it('an anonymous answer row holds only the answer; attendance (who) is in its own table with no answer and no answer key', async () => {
    const tenantId = randomUUID();
    const survey = await published(tenantId);
    const who = actor(tenantId, 7);
    await service.answer(tenantId, survey.surveyId, who, { version: survey.version, questionId: 'q4', text: 'I liked the games' }, 'session:abc');
    const rows: Record<string, unknown>[] = [];
    const partitionKey = surveyKeys.surveyPartition(tenantId, survey.surveyId);
    for await (const e of tables.client(TABLES.surveys).listEntities({ queryOptions: { filter: odata`PartitionKey eq ${partitionKey}` } })) rows.push(e);
    const answerRows = rows.filter((r) => String(r.rowKey).startsWith('answer|'));
    expect(answerRows).toHaveLength(1);
    const text = JSON.stringify(rows);
    for (const identifying of [who.userId, who.aadObjectId!, who.name!]) expect(text).not.toContain(identifying);

    const attendees = await service.attendees(tenantId, survey.surveyId);
    expect(attendees).toEqual([{ personKey: who.aadObjectId, userId: who.userId, name: who.name }]);
    const attendanceRows: Record<string, unknown>[] = [];
    for await (const e of tables.client(TABLES.attendance).listEntities({ queryOptions: { filter: odata`PartitionKey eq ${surveyKeys.attendancePartition(tenantId, survey.surveyId)}` } })) {
      attendanceRows.push(e);
    }
    const attendanceText = JSON.stringify(attendanceRows.map(({ timestamp: _t, etag: _e, ...rest }) => rest));
    expect(attendanceText).not.toContain('I liked the games');
    const respondentKey = service.respondentKey(survey, who);
    expect(attendanceText).not.toContain(respondentKey);
    expect(Object.keys(attendanceRows[0]!).sort()).toEqual(['etag', 'name', 'partitionKey', 'personKey', 'rowKey', 'timestamp', 'userId', 'via'].sort());
  });

  it('settling attendance rewrites every row together, so no row keeps the time of its first answer', async () => {
    const tenantId = randomUUID();
    const survey = await published(tenantId);
    for (let i = 1; i <= 3; i++) {
      await service.answer(tenantId, survey.surveyId, actor(tenantId, i), { version: survey.version, questionId: 'q1', choice: '0' });
      await new Promise((r) => setTimeout(r, 15));
    }
    const before = Date.now();
    await service.settleAttendance(tenantId, survey.surveyId);
    const stamps: number[] = [];
    for await (const e of tables.client(TABLES.attendance).listEntities({ queryOptions: { filter: odata`PartitionKey eq ${surveyKeys.attendancePartition(tenantId, survey.surveyId)}` } })) {
      stamps.push(new Date(String(e.timestamp)).getTime());
    }
    expect(stamps).toHaveLength(3);
    // Every row was rewritten together: none keeps the time of its person's first answer.
    expect(stamps.every((t) => t >= before - 5)).toBe(true);
  });

  it('named surveys keep the name on the respondent row for the owner; the CSV has pseudonymous ids only and inert formulas', async () => {
    const tenantId = randomUUID();
    const owner = actor(tenantId, 0);
    const survey = await published(tenantId, 'session-feedback', { anonymity: 'named', cohort: 'staff' });
    await service.answer(tenantId, survey.surveyId, actor(tenantId, 1), { version: survey.version, questionId: 'q1', choice: '0' });
    await service.answer(tenantId, survey.surveyId, actor(tenantId, 1), { version: survey.version, questionId: 'q4', text: '=HYPERLINK("http://x")' });
    await service.answer(tenantId, survey.surveyId, actor(tenantId, 2), { version: survey.version, questionId: 'q1', skip: true });
    const { csv, rows } = await service.exportCsv(tenantId, survey.surveyId, owner);
    expect(rows).toBe(2);
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('"respondent","Q1 Did you like today?","Q2 Did people listen to you?","Q3 Would you come again?","Q4 Tell us more. You can skip this."');
    expect(csv).toContain('"I like it"');
    expect(csv).toContain('"(did not want to answer)"');
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    for (const identifying of ['Person 1', 'Person 2', '29:user-1', actor(tenantId, 1).aadObjectId!]) expect(csv).not.toContain(identifying);
    expect(lines.slice(1).every((l) => /^"P-[0-9a-f]{12}",/.test(l))).toBe(true);
    await expect(service.exportCsv(tenantId, survey.surveyId, actor(tenantId, 1))).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('export links: only the token opens them, and only until they expire', async () => {
    const tenantId = randomUUID();
    const owner = actor(tenantId, 0);
    const survey = await published(tenantId);
    const { token } = await service.createExportLink(tenantId, survey.surveyId, owner);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await service.exportByToken(tenantId, token)).csv).toContain('respondent');
    // A different last character (never the same one: that would be the real token).
    const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    await expect(service.exportByToken(tenantId, tampered)).rejects.toMatchObject({ code: 'not_found' });
    await expect(service.exportByToken(randomUUID(), token)).rejects.toMatchObject({ code: 'not_found' });
    clock.advance(16 * 60_000);
    await expect(service.exportByToken(tenantId, token)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('the suppression threshold is a tenant setting', async () => {
    const tenantId = randomUUID();
    expect(await service.threshold(tenantId)).toBe(5);
    await service.setThreshold(tenantId, 10);
    expect(await service.threshold(tenantId)).toBe(10);
    await expect(service.setThreshold(tenantId, 1)).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('sessions: one running per chat, the facilitator moves everyone on, counts come from the tally', async () => {
    const tenantId = randomUUID();
    const survey = await published(tenantId);
    const facilitator = actor(tenantId, 0);
    const chat = conversation(tenantId);
    const { session } = await sessions.start({ sessionId: randomUUID(), actor: facilitator, surveyId: survey.surveyId, conversation: chat, memberCount: 12 });
    expect(session.current).toBe(-1);
    await expect(sessions.start({ sessionId: randomUUID(), actor: facilitator, surveyId: survey.surveyId, conversation: chat, memberCount: 12 })).rejects.toMatchObject({
      code: 'conflict'
    });
    await expect(sessions.next(tenantId, chat.conversationId, actor(tenantId, 3))).rejects.toMatchObject({ code: 'forbidden' });
    const moved = await sessions.next(tenantId, chat.conversationId, facilitator);
    expect(moved.session.current).toBe(0);
    await service.answer(tenantId, survey.surveyId, actor(tenantId, 1), { version: survey.version, questionId: 'q1', choice: '1' }, `session:${session.sessionId}`);
    await service.answer(tenantId, survey.surveyId, actor(tenantId, 2), { version: survey.version, questionId: 'q1', skip: 'true' }, `session:${session.sessionId}`);
    expect(sessions.countsOf(survey, await service.tally(survey)).perQuestion[0]).toEqual({ number: 1, answers: 2 });
    await sessions.end(tenantId, chat.conversationId, facilitator);
    await expect(sessions.next(tenantId, chat.conversationId, facilitator)).rejects.toMatchObject({ code: 'not_found' });
    // the chat is free again
    await sessions.start({ sessionId: randomUUID(), actor: facilitator, surveyId: survey.surveyId, conversation: chat, memberCount: 12 });
  });
});
