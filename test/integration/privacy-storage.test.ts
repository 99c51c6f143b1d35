/** Retention and erasure on Azurite (docs/privacy.md): a random tenant per test, virtual time. */
import { randomUUID } from 'node:crypto';
import { type TableClient, odata } from '@azure/data-tables';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ManualClock } from '../../src/domain/shared/clock';
import type { Actor, StoredConversation } from '../../src/domain/shared/conversation';
import { SAFEGUARDING_WORDS_JOB } from '../../src/domain/safeguarding/safeguarding';
import { DIGEST_JOB } from '../../src/domain/digests/digest-service';
import { RETENTION } from '../../src/domain/privacy/privacy';
import { PrivacyService, RETENTION_JOB, surveyOrUndefined, surveysWithRetention } from '../../src/domain/privacy/privacy-service';
import type { DueItem } from '../../src/domain/shared/ports';
import { type Survey, parseSurveySettings } from '../../src/domain/surveys/survey';
import { SurveyService } from '../../src/domain/surveys/survey-service';
import { surveyJobId } from '../../src/domain/surveys/survey-delivery';
import { TableAuditLog } from '../../src/storage/shared/audit-repository';
import { TableConversationRepository } from '../../src/storage/shared/conversation-repository';
import { TableDueItemRepository } from '../../src/storage/shared/due-item-repository';
import { ERASURE_TABLES, TablePersonDataStore } from '../../src/storage/privacy/erasure-repository';
import { TABLES, deliveryKeys, findingsKeys, keys, privacyKeys, surveyKeys } from '../../src/storage/shared/keys';
import { voterKey } from '../../src/domain/shared/voter-key';
import { RETENTION_TABLES, TableErasureLedger, TableRetentionStore, deleteRows } from '../../src/storage/privacy/retention-repository';
import { TablePrivacySettingsRepository } from '../../src/storage/privacy/privacy-settings-repository';
import { TableAlertLedger, TableSealedIdentities } from '../../src/storage/safeguarding/safeguarding-repository';
import { TableAttendanceRepository } from '../../src/storage/sessions/session-repository';
import { TableReviewRepository } from '../../src/storage/groups/group-repository';
import { TableSurveyRepository } from '../../src/storage/surveys/survey-repository';
import { TableTenantSettingsRepository } from '../../src/storage/surveys/survey-settings-repository';
import { TableExportLinkRepository } from '../../src/storage/surveys/export-link-repository';
import { TablePreferenceRepository } from '../../src/storage/preferences/preference-repository';
import { TableDeliverySettingsRepository } from '../../src/storage/delivery/delivery-settings-repository';
import { FlaggedTextFilter } from '../../src/domain/safeguarding/withheld-text';
import { Tables } from '../../src/storage/shared/tables';
import { fixtureConversation } from '../helpers/fixtures';

const SECRET = 'integration-secret-integration-secret';
const DAY = 86_400_000;
let tables: Tables;

beforeAll(async () => {
  tables = new Tables({ kind: 'connectionString', connectionString: inject('storageConnectionString') });
  await tables.ensureAll();
});

const actor = (tenantId: string, n: number): Actor => ({
  tenantId,
  userId: `29:user-${n}`,
  aadObjectId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  name: `Person ${n}`
});
const admin = (tenantId: string): Actor => actor(tenantId, 99);

const conversation = (tenantId: string, clock: ManualClock, over: Partial<StoredConversation> = {}): StoredConversation =>
  fixtureConversation({ tenantId, conversationId: `19:${randomUUID()}@thread.v2`, updatedAt: clock.now().toISOString(), ...over });

/** The services as src/app.ts wires them, with a settable clock and a hook to fail a table mid-way. */
function build(clock = new ManualClock('2026-03-02T10:00:00Z')) {
  const due = new TableDueItemRepository(tables.client(TABLES.dueItems));
  const audit = new TableAuditLog(tables.client(TABLES.audit));
  const retention = new TableRetentionStore(tables.pick(...RETENTION_TABLES));
  let lead: string | undefined;
  let deputies: string[] = [];
  const sealed = new TableSealedIdentities(tables.client(TABLES.sealedIdentities));
  const people = new TablePersonDataStore(tables.pick(...ERASURE_TABLES));
  // eslint-disable-next-line prefer-const -- assigned after the survey service that refers to it
  let privacy: PrivacyService;
  const repo = new TableSurveyRepository(tables.client(TABLES.surveys));
  const surveys: SurveyService = new SurveyService({
    surveys: surveysWithRetention(repo, {
      scheduleRetention: (s) => privacy.scheduleRetention(s),
      assertAnswersKept: (s) => privacy.assertAnswersKept(s)
    }),
    attendance: new TableAttendanceRepository(tables.client(TABLES.attendance)),
    preferences: new TablePreferenceRepository(tables.client(TABLES.preferences)),
    settings: new TableTenantSettingsRepository(tables.client(TABLES.tenantSettings)),
    exportLinks: new TableExportLinkRepository(tables.client(TABLES.exportLinks)),
    due,
    clock,
    voterHashSecret: SECRET,
    withheld: new FlaggedTextFilter({ settings: new TableDeliverySettingsRepository(tables.client(TABLES.tenantSettings)), alerts: new TableAlertLedger(tables.client(TABLES.safeguarding)), clock })
  });
  privacy = new PrivacyService({
    settings: new TablePrivacySettingsRepository(tables.client(TABLES.tenantSettings)),
    retention,
    people,
    ledger: new TableErasureLedger(tables.client(TABLES.privacy)),
    sealer: sealed,
    survey: (t, id) => surveyOrUndefined(() => surveys.get(t, id)),
    lead: {
      leadKey: async () => lead,
      deputyKeys: async () => deputies,
      clearIf: async (_t, k) => {
        if (lead === k) lead = undefined;
        deputies = deputies.filter((d) => d !== k);
      }
    },
    due,
    audit,
    clock,
    voterHashSecret: SECRET,
    admins: { admins: [admin('t').aadObjectId!], localMode: false },
    personalJobKinds: [DIGEST_JOB]
  });
  return {
    clock, due, audit, retention, sealed, people, surveys, repo, privacy,
    setLead: (k: string | undefined) => (lead = k),
    setDeputies: (keys: string[]) => (deputies = keys),
    roles: () => ({ lead, deputies })
  };
}

async function answeredSurvey(b: ReturnType<typeof build>, tenantId: string, anonymity: Survey['anonymity'], people: number[]) {
  const owner = actor(tenantId, 0);
  const draft = await b.surveys.createDraft({
    surveyId: randomUUID(),
    actor: owner,
    settings: parseSurveySettings({ title: 'How was today?', cohort: 'youngPeople', anonymity }, b.clock.now(), 'Europe/London'),
    templateId: 'session-feedback',
    conversation: conversation(tenantId, b.clock),
    timeZone: 'Europe/London'
  });
  const survey = await b.surveys.publish(tenantId, draft.surveyId, owner, draft.version);
  for (const n of people) {
    const who = actor(tenantId, n);
    await b.surveys.answer(tenantId, survey.surveyId, who, { version: survey.version, questionId: 'q1', choice: '0' });
    await b.surveys.answer(tenantId, survey.surveyId, who, { version: survey.version, questionId: 'q4', text: `I liked the games (${n})` });
  }
  return survey;
}

async function rowKeys(table: TableClient, partitionKey: string): Promise<string[]> {
  const out: string[] = [];
  for await (const e of table.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${partitionKey}`, select: ['RowKey'] } })) out.push(e.rowKey as string);
  return out.sort();
}

async function dueItem(tenantId: string, kind: string, key: string): Promise<{ dueAt: string } | undefined> {
  const k = keys.dueItem(tenantId, kind, key);
  try {
    return await tables.client(TABLES.dueItems).getEntity<{ dueAt: string }>(k.partitionKey, k.rowKey);
  } catch {
    return undefined;
  }
}

const jobOf = (tenantId: string, surveyId: string): DueItem => ({ tenantId, kind: RETENTION_JOB, key: surveyId, dueAt: new Date(0), payload: { surveyId }, attempts: 0 });

describe('retention on Azurite', () => {
  it('closing schedules the job at close + the tenant setting; the job deletes answers and respondents and keeps meta and tallies', async () => {
    const b = build();
    const tenantId = randomUUID();
    const survey = await answeredSurvey(b, tenantId, 'named', [1, 2, 3]);
    // Exports, sealed identities and delivery records of the survey go with the answers.
    await b.surveys.createExportLink(tenantId, survey.surveyId, actor(tenantId, 0));
    await b.sealed.seal(tenantId, survey.surveyId, 'resp-1', { personKey: 'p1', userId: '29:p1' });
    const delivery = tables.client(TABLES.deliveries);
    await delivery.createEntity({ ...deliveryKeys.job(tenantId, surveyJobId(survey.surveyId)), body: '{}', status: 'done', createdAt: '' });
    await delivery.createEntity({ ...deliveryKeys.recipient(tenantId, surveyJobId(survey.surveyId), 0, 'p1'), personKey: 'p1', status: 'sent' });
    // A safeguarding alert from this survey keeps the words for the lead's cards until then.
    const alertKey = deliveryKeys.alert(tenantId, survey.surveyId, 'q4|resp-1');
    await tables.client(TABLES.safeguarding).createEntity({ ...alertKey, state: 'sent', at: '2026-03-02T10:00:00.000Z', alertId: 'a1', text: 'he hits me', respondent: 'Person 1', matches: '["hits me"]', categories: '["physical"]', ackBy: 'dee', ackAt: '2026-03-02T10:05:00.000Z' });

    // A Young Commissioner's review of the findings, with a comment: the words go, the choice stays.
    const reviews = new TableReviewRepository(tables.client(TABLES.groups));
    await reviews.put(tenantId, { surveyId: survey.surveyId, itemId: 'w1', reviewerKey: 'rk1', choice: 'agree', comment: 'yes, more buses after school please' });

    const closed = await b.surveys.close(tenantId, survey.surveyId, actor(tenantId, 0));
    const item = await dueItem(tenantId, RETENTION_JOB, survey.surveyId);
    expect(new Date(item!.dueAt)).toEqual(new Date(closed.closedAt!.getTime() + RETENTION.defaultDays * DAY));
    const before = await b.surveys.results(tenantId, survey.surveyId, actor(tenantId, 0));

    // Too early (the setting was lengthened meanwhile, or the scheduler ran early): nothing is deleted.
    await b.privacy.runRetention(jobOf(tenantId, survey.surveyId));
    const partition = surveyKeys.surveyPartition(tenantId, survey.surveyId);
    expect((await rowKeys(tables.client(TABLES.surveys), partition)).filter((k) => k.startsWith('answer|'))).toHaveLength(6);

    b.clock.advance(RETENTION.defaultDays * DAY);
    await b.privacy.runRetention(jobOf(tenantId, survey.surveyId));
    const left = await rowKeys(tables.client(TABLES.surveys), partition);
    expect(left).toEqual(Array.from({ length: 8 }, (_, i) => `tally|${i}`));
    // The summary keeps the definition and the tally copies; its newest free texts are raw answers and go.
    const summary = await rowKeys(tables.client(TABLES.surveys), surveyKeys.surveySummaryPartition(tenantId, survey.surveyId));
    expect(summary).toEqual(['meta', ...Array.from({ length: 8 }, (_, i) => `tally|${i}`)]);
    const after = await b.surveys.results(tenantId, survey.surveyId, actor(tenantId, 0));
    expect(after.respondents).toEqual(before.respondents);
    expect(after.questions.map((q) => q.rows.map((r) => r.shown))).toEqual(before.questions.map((q) => q.rows.map((r) => r.shown)));
    expect(await rowKeys(tables.client(TABLES.sealedIdentities), deliveryKeys.sealedPartition(tenantId, survey.surveyId))).toEqual([]);
    expect(await rowKeys(tables.client(TABLES.exportLinks), privacyKeys.exportPartition(tenantId))).toEqual([]);
    expect(await rowKeys(delivery, deliveryKeys.jobPartition(tenantId, surveyJobId(survey.surveyId)))).toEqual(['job']);

    const mark = await b.privacy.mark(tenantId, survey.surveyId);
    expect(mark).toMatchObject({ state: 'deleted', retentionDays: 365, counts: { answers: 6, respondents: 3, exportLinks: 1, deliveryRecords: 1, alertWords: 1, reviewComments: 1 } });
    expect(await reviews.list(tenantId, survey.surveyId)).toEqual([{ surveyId: survey.surveyId, itemId: 'w1', reviewerKey: 'rk1', choice: 'agree', comment: '' }]);
    // The alert stays (when, what kind, who dealt with it); its words and the respondent's name are gone.
    const alert = await tables.client(TABLES.safeguarding).getEntity<Record<string, unknown>>(alertKey.partitionKey, alertKey.rowKey);
    expect(alert).toMatchObject({ text: '', respondent: '', matches: '[]', categories: '["physical"]', ackBy: 'dee' });
    expect(alert.wordsDeletedAt).toBeTruthy();
    expect(await b.privacy.note(closed)).toMatch(/^🗑️ Answers deleted on \d+ \w+ 20\d\d, 365 days after the survey closed/);
    // The export says so instead of an empty CSV.
    await expect(b.surveys.exportCsv(tenantId, survey.surveyId, actor(tenantId, 0))).rejects.toMatchObject({ code: 'not_found', message: /Answers deleted on/ });
    // Run twice: nothing more to do, one audit entry.
    await b.privacy.runRetention(jobOf(tenantId, survey.surveyId));
    const entries = (await b.audit.list(tenantId)).filter((e) => e.action === 'privacy.retention.answersDeleted');
    expect(entries).toHaveLength(1);
    expect(entries[0]!.detail).toContain('answers=6');
  });

  it('an alert nobody has acknowledged keeps its words past retention; the safeguarding words job is scheduled for them', async () => {
    const b = build();
    const tenantId = randomUUID();
    const survey = await answeredSurvey(b, tenantId, 'anonymous', [1]);
    const alertKey = deliveryKeys.alert(tenantId, survey.surveyId, 'q4|resp-1');
    await tables.client(TABLES.safeguarding).createEntity({ ...alertKey, state: 'sent', at: '2026-03-02T10:00:00.000Z', alertId: 'a1', text: 'he hits me', matches: '["hits me"]', categories: '["physical"]' });
    await b.surveys.close(tenantId, survey.surveyId, actor(tenantId, 0));
    b.clock.advance(RETENTION.defaultDays * DAY);
    await b.privacy.runRetention(jobOf(tenantId, survey.surveyId));

    expect(await b.privacy.mark(tenantId, survey.surveyId)).toMatchObject({ state: 'deleted', counts: { answers: 2, alertWords: 0, alertWordsKept: 1 } });
    const alert = await tables.client(TABLES.safeguarding).getEntity<Record<string, unknown>>(alertKey.partitionKey, alertKey.rowKey);
    expect(alert).toMatchObject({ text: 'he hits me', wordsDueAt: b.clock.now().toISOString() });
    expect(await dueItem(tenantId, SAFEGUARDING_WORDS_JOB, survey.surveyId)).toBeDefined();
    expect((await b.audit.list(tenantId)).find((e) => e.action === 'privacy.retention.answersDeleted')?.detail).toContain('alertWordsKept=1');
  });

  it('never touches an open survey; a deleted survey\'s leftover rows still go', async () => {
    const b = build();
    const tenantId = randomUUID();
    const open = await answeredSurvey(b, tenantId, 'anonymous', [1]);
    b.clock.advance(5000 * DAY);
    await b.privacy.runRetention(jobOf(tenantId, open.surveyId));
    expect(await b.privacy.mark(tenantId, open.surveyId)).toBeUndefined();
    expect((await b.repo.responses(tenantId, open.surveyId)).size).toBe(1);

    // A survey whose meta row is gone: its answer rows are deleted all the same.
    const gone = await answeredSurvey(b, tenantId, 'anonymous', [1, 2]);
    const partition = surveyKeys.surveyPartition(tenantId, gone.surveyId);
    await tables.client(TABLES.surveys).deleteEntity(surveyKeys.surveySummaryPartition(tenantId, gone.surveyId), 'meta');
    await b.privacy.runRetention(jobOf(tenantId, gone.surveyId));
    expect(await rowKeys(tables.client(TABLES.surveys), partition)).toEqual(Array.from({ length: 8 }, (_, i) => `tally|${i}`));
  });

  it('is restart-safe: a run killed half way (mark "deleting", some rows gone) is finished by the next; more than 100 rows go in batches', async () => {
    const b = build();
    const tenantId = randomUUID();
    const survey = await answeredSurvey(b, tenantId, 'anonymous', [1]);
    const surveysTable = tables.client(TABLES.surveys);
    const partition = surveyKeys.surveyPartition(tenantId, survey.surveyId);
    // 250 more answer rows, written straight in (faster than 250 answers through the service).
    for (let i = 0; i < 250; i += 100) {
      const batch = Array.from({ length: Math.min(100, 250 - i) }, (_, j) => ['create', { partitionKey: partition, rowKey: `answer|q1|bulk-${i + j}`, value: '0', hasText: false }] as const);
      await surveysTable.submitTransaction(batch.map(([a, e]) => [a, e]));
    }
    await b.surveys.close(tenantId, survey.surveyId);
    b.clock.advance(400 * DAY);

    // "Crash": the mark is written and part of the rows are deleted, then the process dies.
    await b.retention.beginMark(tenantId, survey.surveyId, b.clock.now(), 365);
    const some = (await rowKeys(surveysTable, partition)).filter((k) => k.startsWith('answer|')).slice(0, 120);
    await deleteRows(surveysTable, some.map((rowKey) => ({ partitionKey: partition, rowKey })));
    expect(await b.privacy.note(survey)).toMatch(/being deleted/);

    await b.privacy.runRetention(jobOf(tenantId, survey.surveyId));
    expect((await rowKeys(surveysTable, partition)).filter((k) => !k.startsWith('tally|'))).toEqual([]);
    expect(await rowKeys(surveysTable, surveyKeys.surveySummaryPartition(tenantId, survey.surveyId))).toContain('meta');
    expect(await b.privacy.mark(tenantId, survey.surveyId)).toMatchObject({ state: 'deleted', counts: { answers: 252 - 120, respondents: 1 } });
    // deleteRows on rows already gone: a batch meets 404s, falls back row by row, reports 0.
    expect(await deleteRows(surveysTable, some.map((rowKey) => ({ partitionKey: partition, rowKey })))).toBe(0);
  });

  it('the setting: default, validated range, ETag-guarded; the sweep re-plans closed surveys not yet deleted', async () => {
    const b = build();
    const tenantId = randomUUID();
    expect((await b.privacy.settings(tenantId)).retentionDays).toBe(365);
    await expect(b.privacy.setRetention(actor(tenantId, 1), '400')).rejects.toMatchObject({ code: 'forbidden' });
    const boss = { ...admin(tenantId) };
    await expect(b.privacy.setRetention(boss, '29')).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(b.privacy.setRetention(boss, '2191')).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(b.privacy.setRetention(boss, 'soon')).rejects.toMatchObject({ code: 'invalid_input' });

    const survey = await answeredSurvey(b, tenantId, 'pseudonymous', [1]);
    const closed = await b.surveys.close(tenantId, survey.surveyId);
    // A survey closed before retention existed has no job: the sweep after a change gives it one.
    await b.due.cancel(tenantId, RETENTION_JOB, survey.surveyId);
    await Promise.all([b.privacy.setRetention(boss, '30'), b.privacy.setRetention(boss, '30 days')]);
    expect((await b.privacy.settings(tenantId)).retentionDays).toBe(30);
    await b.privacy.runSweep({ tenantId, kind: 'sweep', key: 'all', dueAt: b.clock.now(), payload: {}, attempts: 0 });
    expect(new Date((await dueItem(tenantId, RETENTION_JOB, survey.surveyId))!.dueAt)).toEqual(new Date(closed.closedAt!.getTime() + 30 * DAY));
    const changes = (await b.audit.list(tenantId)).filter((e) => e.action === 'privacy.retention.set');
    expect(changes.map((e) => e.detail)).toContain('retentionDays 365 → 30');
  });
});

describe('erasure on Azurite', () => {
  it('removes one person\'s rows in every table, keeps anonymous answers and everyone else\'s, runs once per request, audits counts only', async () => {
    const b = build();
    const tenantId = randomUUID();
    const sam = actor(tenantId, 1);
    const kim = actor(tenantId, 2);
    const named = await answeredSurvey(b, tenantId, 'named', [1, 2]);
    const pseudo = await answeredSurvey(b, tenantId, 'pseudonymous', [1]);
    const anon = await answeredSurvey(b, tenantId, 'anonymous', [1, 2]);
    const conversations = new TableConversationRepository(tables.client(TABLES.conversations));
    for (const who of [sam, kim]) {
      await conversations.upsert(conversation(tenantId, b.clock, { conversationType: 'personal', conversationId: `a:${who.userId}`, userId: who.userId, userAadObjectId: who.aadObjectId }));
      await conversations.claimWelcome(tenantId, `a:${who.userId}`);
      await new TablePreferenceRepository(tables.client(TABLES.preferences)).put(tenantId, { personKey: who.aadObjectId!, needs: ['easyRead'], updatedBy: who.aadObjectId!, updatedAt: b.clock.now() });
    }
    await tables.client(TABLES.fatigue).createEntity({ ...deliveryKeys.fatigue(tenantId, sam.aadObjectId!), entries: '[]' });
    await tables.client(TABLES.groups).createEntity({ ...deliveryKeys.groupMember(tenantId, 'youth-council', sam.aadObjectId!), personKey: sam.aadObjectId!, userId: sam.userId, name: 'Sam' });
    await tables.client(TABLES.groups).createEntity({ ...deliveryKeys.groupMember(tenantId, 'youth-council', kim.aadObjectId!), personKey: kim.aadObjectId!, userId: kim.userId, name: 'Kim' });
    await tables.client(TABLES.deliveries).createEntity({ ...deliveryKeys.recipient(tenantId, 'job-x', 0, sam.aadObjectId!), personKey: sam.aadObjectId!, userId: sam.userId, status: 'sent' });
    await b.due.schedule({ tenantId, kind: DIGEST_JOB, key: sam.aadObjectId!, dueAt: b.clock.now(), payload: {} });
    b.setLead(sam.aadObjectId);
    // A named poll (Sam voted) and an anonymous one (Sam voted too: never linked, kept).
    const polls = tables.client(TABLES.polls);
    for (const [pollId, anonymous] of [['poll-named', false], ['poll-anon', true]] as const) {
      await polls.createEntity({ ...keys.poll(tenantId, pollId), anonymous, status: 'open' });
      await polls.createEntity({ ...keys.pollVote(tenantId, pollId, voterKey(SECRET, tenantId, pollId, sam.aadObjectId!)), optionIndex: 0 });
    }
    await tables.client(TABLES.drafts).createEntity({ ...keys.draft(tenantId, sam.aadObjectId!, 'form-1'), payload: '{}' });
    await tables.client(TABLES.exportLinks).createEntity({ ...surveyKeys.exportLink(tenantId, 'hash-1'), surveyId: named.surveyId, ownerKey: sam.aadObjectId! });
    await tables.client(TABLES.findings).createEntity({ ...findingsKeys.sent(tenantId, named.surveyId, sam.aadObjectId!, 'publish'), personKey: sam.aadObjectId!, what: 'publish' });

    const boss = admin(tenantId);
    await expect(b.privacy.previewErase(sam, { kind: 'aad', id: kim.aadObjectId! })).rejects.toMatchObject({ code: 'forbidden' });
    // Named by Teams user id: found through the stored 1:1 reference and the other rows.
    const preview = await b.privacy.previewErase(boss, { kind: 'user', id: sam.userId, name: 'Sam' });
    expect(preview.person.keys.sort()).toEqual([sam.aadObjectId!, sam.userId].sort());
    const expected = {
      conversations: 1,
      preferences: 1,
      attendance: 3,
      fatigue: 1,
      deliveries: 1,
      groupMemberships: 1,
      surveyRespondents: 2,
      surveyAnswers: 4,
      pollVotes: 1,
      drafts: 1,
      exportLinks: 1,
      findingsMarkers: 1,
      digestSubscription: 1,
      safeguardingLead: 1
    };
    expect(preview.counts).toEqual(expected);

    const done = await b.privacy.erase(boss, preview.requestId, preview.person);
    expect(done).toMatchObject({ alreadyDone: false, counts: expected });
    // The same confirm again (a double click, a retry): the first run's counts, nothing more, one audit entry.
    expect(await b.privacy.erase(boss, preview.requestId, preview.person)).toMatchObject({ alreadyDone: true, counts: expected });
    // A new request: nothing left.
    await expect(b.privacy.previewErase(boss, { kind: 'aad', id: sam.aadObjectId! })).rejects.toMatchObject({ code: 'not_found' });

    // Sam's rows are gone; Kim's, and every anonymous answer, stay; counts stay.
    expect(await conversations.getPersonal(tenantId, sam.aadObjectId!)).toBeUndefined();
    expect(await conversations.getPersonal(tenantId, kim.aadObjectId!)).toBeDefined();
    expect(await conversations.claimWelcome(tenantId, `a:${sam.userId}`)).toBe(true);
    expect((await b.repo.responses(tenantId, named.surveyId)).size).toBe(1);
    expect((await b.repo.responses(tenantId, pseudo.surveyId)).size).toBe(0);
    expect((await b.repo.responses(tenantId, anon.surveyId)).size).toBe(2);
    // Sam's free text has left the named survey's newest texts too; the anonymous survey keeps both.
    expect(await b.repo.freeTexts(tenantId, named.surveyId, 'q4', 20)).toHaveLength(1);
    expect(await b.repo.freeTexts(tenantId, anon.surveyId, 'q4', 20)).toHaveLength(2);
    expect((await b.surveys.tally(named)).respondents).toBe(2);
    expect((await b.surveys.attendees(tenantId, named.surveyId)).map((a) => a.personKey)).toEqual([kim.aadObjectId]);
    expect(await rowKeys(tables.client(TABLES.groups), deliveryKeys.groupPartition(tenantId, 'youth-council'))).toEqual([`m|${kim.aadObjectId}`]);
    expect(await dueItem(tenantId, DIGEST_JOB, sam.aadObjectId!)).toBeUndefined();
    expect(await rowKeys(polls, keys.pollPartition(tenantId, 'poll-named'))).toEqual(['meta']);
    expect(await rowKeys(polls, keys.pollPartition(tenantId, 'poll-anon'))).toHaveLength(2);

    const audit = (await b.audit.list(tenantId)).filter((e) => e.action === 'privacy.erased');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: boss.aadObjectId, roundId: preview.requestId });
    expect(audit[0]!.detail).toBe('conversations=1 preferences=1 attendance=3 fatigue=1 deliveries=1 groupMemberships=1 surveyRespondents=2 surveyAnswers=4 pollVotes=1 drafts=1 exportLinks=1 findingsMarkers=1 digestSubscription=1 safeguardingLead=1');
    // The trail never names the erased person.
    expect(JSON.stringify(audit)).not.toContain(sam.aadObjectId);
    expect(JSON.stringify(audit)).not.toContain(sam.userId);
  });

  it('a deputy safeguarding lead erased loses the deputy role (counted with the lead role); other deputies stay', async () => {
    const b = build();
    const tenantId = randomUUID();
    const sam = actor(tenantId, 1);
    await answeredSurvey(b, tenantId, 'named', [1]);
    b.setLead(actor(tenantId, 5).aadObjectId);
    b.setDeputies([sam.aadObjectId!, actor(tenantId, 6).aadObjectId!]);
    const boss = admin(tenantId);
    const preview = await b.privacy.previewErase(boss, { kind: 'aad', id: sam.aadObjectId! });
    expect(preview.counts.safeguardingLead).toBe(1);
    expect(b.roles().deputies).toHaveLength(2); // a preview changes nothing
    await b.privacy.erase(boss, preview.requestId, preview.person);
    expect(b.roles()).toEqual({ lead: actor(tenantId, 5).aadObjectId, deputies: [actor(tenantId, 6).aadObjectId] });
  });

  it('an erase killed half way ("running") is finished by pressing Erase again; unknown and malformed people are clear errors', async () => {
    const b = build();
    const tenantId = randomUUID();
    const sam = actor(tenantId, 1);
    await answeredSurvey(b, tenantId, 'named', [1]);
    const boss = admin(tenantId);
    const preview = await b.privacy.previewErase(boss, { kind: 'aad', id: sam.aadObjectId! });
    // The ledger row exists as "running" (the first attempt died before finishing).
    await new TableErasureLedger(tables.client(TABLES.privacy)).begin(tenantId, preview.requestId, boss.aadObjectId!, b.clock.now());
    const result = await b.privacy.erase(boss, preview.requestId, preview.person);
    expect(result).toMatchObject({ alreadyDone: false, counts: { surveyRespondents: 1, surveyAnswers: 2, attendance: 1 } });
    expect((await b.audit.list(tenantId)).filter((e) => e.action === 'privacy.erased')).toHaveLength(1);

    await expect(b.privacy.previewErase(boss, { kind: 'user', id: '29:nobody' })).rejects.toMatchObject({ code: 'not_found', message: /holds nothing/ });
    await expect(b.privacy.erase(boss, 'not-a-request', preview.person)).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(b.privacy.erase(boss, randomUUID(), { keys: [], userIds: [] })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
