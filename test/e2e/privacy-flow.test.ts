/**
 * Retention and erasure through the real endpoint (HTTP → Teams routes → services → Azurite → fake Bot
 * Connector), in virtual time. Admins come from the configuration (VOICELOOP_ADMINS).
 */
import { odata } from '@azure/data-tables';
import { describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/shared/verbs';
import { ManualClock } from '../../src/domain/shared/clock';
import type { Actor } from '../../src/domain/shared/conversation';
import { RETENTION_JOB } from '../../src/domain/privacy/privacy-service';
import { parseSurveySettings } from '../../src/domain/surveys/survey';
import { TABLES, keys, planKeys } from '../../src/storage/shared/keys';
import { type TestApp, newTenant, sayForCard, withBotAndConnector } from '../helpers/app';
import { type TestUser, type Where, executeAction, message, user } from '../helpers/activities';
import { cardText } from '../helpers/card-query';
import { type JsonObject, cardFromInvokeResponse, cardsInActivity, expectValidCard } from '../helpers/card-validator';
import type { FakeConnector } from '../helpers/fake-connector';
import { approvedPlan } from '../helpers/plan-fixtures';

let app: TestApp;
let connector: FakeConnector;
const clock = new ManualClock('2026-03-02T10:00:00Z');
const admin = user('Ada Admin');
const DAY = 86_400_000;

withBotAndConnector((started) => ({ app, connector } = started), { clock, config: { admins: [admin.aadObjectId] } });

const personal = (tenantId: string, who: TestUser): Where => ({ tenantId, serviceUrl: connector.url, conversationType: 'personal', conversationId: `a:${who.id}` });
const group = (tenantId: string): Where => ({ tenantId, serviceUrl: connector.url, conversationType: 'groupChat' });
const say = async (where: Where, who: TestUser, text: string): Promise<string> => cardText(await sayForCard(app, connector, where, who, text));
const actorOf = (tenantId: string, who: TestUser): Actor => ({ tenantId, userId: who.id, aadObjectId: who.aadObjectId, name: who.name });

async function execute(where: Where, who: TestUser, verb: string, data: Record<string, unknown>): Promise<{ status: number; card?: JsonObject; body: unknown }> {
  const response = await app.post(executeAction(where, who, verb, data));
  if (response.status !== 200) return { status: response.status, body: response.body };
  const card = cardFromInvokeResponse(response.body);
  expectValidCard(card, verb);
  return { status: 200, card, body: response.body };
}

function actionData(card: JsonObject, verb: string): Record<string, unknown> {
  const found = JSON.stringify(card).includes(verb);
  expect(found, `no ${verb} on the card`).toBe(true);
  const walk = (v: unknown): Record<string, unknown> | undefined => {
    if (Array.isArray(v)) return v.map(walk).find((x) => x);
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.type === 'Action.Execute' && o.verb === verb) return o.data as Record<string, unknown>;
      return Object.values(o).map(walk).find((x) => x);
    }
    return undefined;
  };
  return walk(card)!;
}

/** A named parent-carer survey (no safeguarding lead needed) answered by `people`. */
async function answeredSurvey(tenantId: string, owner: TestUser, people: TestUser[]) {
  // Parent carers' surveys go out only under an approved engagement plan (the approval gate).
  const { planId } = await approvedPlan(app, { tenantId, serviceUrl: connector.url, member: owner, now: clock.now() });
  const draft = await app.surveys.createDraft({
    planId,
    surveyId: crypto.randomUUID(),
    actor: actorOf(tenantId, owner),
    settings: parseSurveySettings({ title: 'Short breaks', cohort: 'parentCarers', anonymity: 'named' }, clock.now(), 'Europe/London'),
    templateId: 'session-feedback',
    conversation: { tenantId, serviceUrl: connector.url, channelId: 'msteams', conversationId: `a:${owner.id}`, conversationType: 'personal', botId: '28:voiceloop-bot', updatedAt: clock.now().toISOString() },
    timeZone: 'Europe/London'
  });
  const survey = await app.surveys.publish(tenantId, draft.surveyId, actorOf(tenantId, owner), draft.version);
  for (const who of people) {
    await app.surveys.answer(tenantId, survey.surveyId, actorOf(tenantId, who), { version: survey.version, questionId: 'q1', choice: '0' });
    await app.surveys.answer(tenantId, survey.surveyId, actorOf(tenantId, who), { version: survey.version, questionId: 'q4', text: 'More weekend clubs please' });
  }
  return survey;
}

describe('privacy retention (command)', () => {
  it('anyone sees it; only admins change it, within 30 to 2190 days', async () => {
    const tenantId = newTenant();
    const staff = user('Sid Staff');
    expect(await say(personal(tenantId, staff), staff, 'privacy retention')).toMatch(/365 days after a survey closes[\s\S]*administrators can change this/);
    expect(await say(personal(tenantId, staff), staff, 'privacy retention 400')).toContain('Only VoiceLoop administrators');
    expect(await say(personal(tenantId, admin), admin, 'privacy retention 10')).toContain('from 30 to 2190');
    expect(await say(personal(tenantId, admin), admin, 'privacy retention 400 days')).toContain('Answers are now kept for 400 days');
    expect(await say(personal(tenantId, staff), staff, 'privacy')).toContain('400 days after a survey closes');
  });
});

describe('safeguarding lead (administrators decide who receives disclosures)', () => {
  it('a staff member cannot take or clear the role; an admin can take it, and hand it on; the lead can step down', async () => {
    const tenantId = newTenant();
    const staff = user('Sid Staff');
    const dsl = user('Dee Lead');
    expect(await say(personal(tenantId, staff), staff, 'safeguarding lead me')).toContain('Only a VoiceLoop administrator');
    expect(await say(personal(tenantId, staff), staff, 'safeguarding lead')).toContain('No safeguarding lead is set');
    expect(await say(personal(tenantId, admin), admin, 'safeguarding lead me')).toContain('You are the designated safeguarding lead.');
    expect(await say(personal(tenantId, staff), staff, 'safeguarding lead clear')).toContain('Only a VoiceLoop administrator');
    expect(await say(personal(tenantId, staff), staff, 'safeguarding lead')).toContain('The designated safeguarding lead is Ada Admin');
    expect(await say(personal(tenantId, admin), admin, 'safeguarding lead clear')).toContain('You are no longer the safeguarding lead');
    // Still not a way in for staff once the role is free.
    expect(await say(personal(tenantId, dsl), dsl, 'safeguarding lead me')).toContain('Only a VoiceLoop administrator');
  });
});

describe('privacy erase', () => {
  it('is refused for non-admins, outside a 1:1 chat, for a typed name, and for someone VoiceLoop knows nothing about', async () => {
    const tenantId = newTenant();
    const staff = user('Sid Staff');
    expect(await say(personal(tenantId, staff), staff, `privacy erase ${admin.aadObjectId}`)).toContain('Only VoiceLoop administrators');
    expect(await say(group(tenantId), admin, `privacy erase ${staff.aadObjectId}`)).toContain('1:1 chat');
    expect(await say(personal(tenantId, admin), admin, 'privacy erase Sam Young')).toContain('Typed names are not used');
    expect(await say(personal(tenantId, admin), admin, 'privacy erase')).toContain('privacy erase @name');
    expect(await say(personal(tenantId, admin), admin, 'privacy erase 29:nobody-here')).toContain('holds nothing it can erase');
  });

  it('previews, confirms once (twice shows the first run), leaves others alone, audits counts only', async () => {
    const tenantId = newTenant();
    const owner = user('Olu Owner');
    const sam = user('Sam Parent');
    const kim = user('Kim Parent');
    // Sam and Kim talk to the bot 1:1 (their conversation references are stored) and answer a named survey.
    await say(personal(tenantId, sam), sam, 'help');
    await say(personal(tenantId, kim), kim, 'help');
    const survey = await answeredSurvey(tenantId, owner, [sam, kim]);

    const preview = await sayForCard(app, connector, personal(tenantId, admin), admin, `privacy erase ${sam.aadObjectId}`);
    const previewText = cardText(preview);
    expect(previewText).toContain('Erase what VoiceLoop holds about');
    expect(previewText).toContain('1:1 conversation references: 1');
    expect(previewText).toContain('Answers to named and pseudonymous surveys: 2');
    expect(previewText).toContain('Attendance (surveys they took part in): 1');
    expect(previewText).toContain('Safeguarding records');
    const data = actionData(preview, VERBS.privacyEraseConfirm);

    // Someone else pressing Erase on a forwarded card: refused.
    expect((await execute(personal(tenantId, sam), sam, VERBS.privacyEraseConfirm, data)).status).toBe(403);

    const done = await execute(personal(tenantId, admin), admin, VERBS.privacyEraseConfirm, data);
    expect(cardText(done.card!)).toMatch(/Erased: [\s\S]*items were removed[\s\S]*Respondent rows of named and pseudonymous surveys: 1/);
    const again = await execute(personal(tenantId, admin), admin, VERBS.privacyEraseConfirm, data);
    expect(cardText(again.card!)).toMatch(/Already erased[\s\S]*Answers to named and pseudonymous surveys: 2/);

    // Sam's data is gone, Kim's is not; the counts stay.
    expect(await say(personal(tenantId, admin), admin, `privacy erase ${sam.aadObjectId}`)).toContain('holds nothing it can erase');
    expect((await app.surveys.attendees(tenantId, survey.surveyId)).map((a) => a.userId)).toEqual([kim.id]);
    expect((await app.surveys.tally(survey)).respondents).toBe(2);
    const ref = keys.personalConversation(tenantId, kim.aadObjectId);
    expect(await app.tables.client(TABLES.conversations).getEntity(ref.partitionKey, ref.rowKey)).toBeDefined();

    // One audit entry, counts only, never naming Sam.
    const rows: Record<string, unknown>[] = [];
    const auditPartition = planKeys.auditPartition(tenantId);
    for await (const e of app.tables.client(TABLES.audit).listEntities({ queryOptions: { filter: odata`PartitionKey eq ${auditPartition}` } })) rows.push(e);
    const erased = rows.filter((r) => r.action === 'privacy.erased');
    expect(erased).toHaveLength(1);
    expect(erased[0]).toMatchObject({ actor: admin.aadObjectId, detail: expect.stringContaining('surveyAnswers=2') });
    expect(JSON.stringify(erased)).not.toContain(sam.aadObjectId);
  });

  it('finds an @mentioned person by their user id; Cancel changes nothing', async () => {
    const tenantId = newTenant();
    const pat = user('Pat Parent');
    await say(personal(tenantId, pat), pat, 'preferences');
    const before = connector.sent().length;
    const mention = {
      ...message(personal(tenantId, admin), admin, 'privacy erase <at>Pat Parent</at>'),
      entities: [{ type: 'mention', mentioned: { id: pat.id, name: 'Pat Parent' }, text: '<at>Pat Parent</at>' }]
    };
    expect((await app.post(mention)).status).toBe(200);
    const [card] = cardsInActivity((await connector.waitForSent(before + 1))[before]);
    expectValidCard(card, 'mention preview');
    expect(cardText(card!)).toContain('Erase what VoiceLoop holds about Pat Parent?');
    expect(cardText(card!)).toContain(pat.aadObjectId);
    const cancelled = await execute(personal(tenantId, admin), admin, VERBS.privacyEraseCancel, actionData(card!, VERBS.privacyEraseCancel));
    expect(cardText(cancelled.card!)).toContain('Nothing was changed');
    expect(await say(personal(tenantId, admin), admin, `privacy erase ${pat.id}`)).toContain('Erase what VoiceLoop holds about');
  });
});

describe('retention end to end', () => {
  it('closing schedules deletion; the scheduler deletes the answers; results and export say so; a second pass does nothing', async () => {
    const tenantId = newTenant();
    const owner = user('Olu Owner');
    const survey = await answeredSurvey(tenantId, owner, [user('A Parent'), user('B Parent')]);
    await app.surveys.close(tenantId, survey.surveyId, actorOf(tenantId, owner));
    const where = personal(tenantId, owner);
    const beforeResults = await execute(where, owner, VERBS.surveyResults, { surveyId: survey.surveyId });
    expect(cardText(beforeResults.card!)).toContain('More weekend clubs please');
    expect(cardText(beforeResults.card!)).not.toContain('Answers deleted');

    clock.advance(364 * DAY);
    await app.scheduler.runDue();
    expect(cardText((await execute(where, owner, VERBS.surveyResults, { surveyId: survey.surveyId })).card!)).toContain('More weekend clubs please');

    clock.advance(2 * DAY);
    await app.scheduler.runDue();
    const after = await execute(where, owner, VERBS.surveyResults, { surveyId: survey.surveyId });
    const text = cardText(after.card!);
    expect(text).toContain('Answers deleted on');
    expect(text).toContain('2 people answered');
    expect(text).not.toContain('More weekend clubs please');
    const exported = await execute(where, owner, VERBS.surveyExport, { surveyId: survey.surveyId });
    expect(cardText(exported.card!)).toMatch(/No CSV: the answers were deleted[\s\S]*Answers deleted on/);

    // The item is gone (completed); running the job again by hand changes nothing.
    expect(await app.scheduler.runDue()).toBe(0);
    await app.privacy.runRetention({ tenantId, kind: RETENTION_JOB, key: survey.surveyId, dueAt: clock.now(), payload: { surveyId: survey.surveyId }, attempts: 0 });
    expect((await app.privacy.mark(tenantId, survey.surveyId))?.counts).toMatchObject({ answers: 4, respondents: 2 });
  });
});
