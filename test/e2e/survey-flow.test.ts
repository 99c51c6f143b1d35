import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { odata } from '@azure/data-tables';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/shared/clock';
import { checkEasyRead } from '../../src/cards/shared/easy-read';
import { VERBS } from '../../src/cards/shared/verbs';
import { TABLES, surveyKeys } from '../../src/storage/shared/keys';
import { type TestApp, newTenant, startTestApp, withBotAndConnector, sayForCard } from '../helpers/app';
import { type TestUser, type Where, executeAction, message, user } from '../helpers/activities';
import { cardFromInvokeResponse, cardsInActivity, expectValidCard, type JsonObject } from '../helpers/card-validator';
import type { FakeConnector } from '../helpers/fake-connector';
import { approvedPlan } from '../helpers/plan-fixtures';

let app: TestApp;
let connector: FakeConnector;

withBotAndConnector((started) => ({ app, connector } = started));

function nodes(value: unknown, out: JsonObject[] = []): JsonObject[] {
  if (Array.isArray(value)) value.forEach((v) => nodes(v, out));
  else if (value && typeof value === 'object') {
    out.push(value as JsonObject);
    Object.values(value).forEach((v) => nodes(v, out));
  }
  return out;
}
const texts = (card: JsonObject): string[] => nodes(card.body).filter((n) => n.type === 'TextBlock').map((n) => String(n.text));
const allText = (card: JsonObject): string => texts(card).join(' | ');
const actions = (card: JsonObject): JsonObject[] => nodes(card).filter((n) => n.type === 'Action.Execute' || n.type === 'Action.OpenUrl');
const action = (card: JsonObject, title: string | RegExp): JsonObject => {
  const found = actions(card).find((a) => (typeof title === 'string' ? a.title === title : title.test(String(a.title))));
  if (!found) throw new Error(`no action "${String(title)}" among ${actions(card).map((a) => String(a.title)).join(', ')}`);
  return found;
};
const dataOf = (a: JsonObject): Record<string, unknown> => (a.data ?? {}) as Record<string, unknown>;

/** Presses a button: its verb and data (plus any input values), as Teams would send them. */
async function press(where: Where, who: TestUser, card: JsonObject, title: string | RegExp, inputs: Record<string, unknown> = {}) {
  const a = action(card, title);
  return execute(where, who, String(a.verb), { ...dataOf(a), ...inputs });
}

async function execute(where: Where, who: TestUser, verb: string, data: Record<string, unknown>) {
  const response = await app.post(executeAction(where, who, verb, data));
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  const card = cardFromInvokeResponse(response.body);
  expectValidCard(card, verb);
  return card;
}

const say = (where: Where, who: TestUser, text: string): Promise<JsonObject> => sayForCard(app, connector, where, who, text);

const easyRead = (card: JsonObject, label: string) => expect(checkEasyRead(card), label).toEqual([]);

/**
 * Young-people surveys with free text need a designated safeguarding lead before they can be
 * published (the publish guard added by the safeguarding feature): the owner takes the role 1:1.
 */
async function withSafeguardingLead(where: Where, owner: TestUser): Promise<void> {
  await say({ tenantId: where.tenantId, serviceUrl: where.serviceUrl, conversationType: 'personal', conversationId: `a:lead-${where.tenantId}` }, owner, 'safeguarding lead me');
}

/** Young people's surveys go out only under an engagement plan the working group approved (the approval gate): one the owner may use. */
async function approvedPlanFor(where: Where, owner: TestUser): Promise<string> {
  return (await approvedPlan(app, { tenantId: where.tenantId, serviceUrl: where.serviceUrl, member: owner, now: new Date() })).planId;
}

/** Creates and publishes a survey from a template in `where`; returns the invite card and ids. */
async function publishedSurvey(where: Where, owner: TestUser, templateId = 'session-feedback', form: Record<string, unknown> = {}) {
  await withSafeguardingLead(where, owner);
  const plan = form.cohort === 'staff' ? {} : { planId: await approvedPlanFor(where, owner) };
  const formCard = await say(where, owner, 'survey new');
  const editor = await press(where, owner, formCard, 'Create draft', { templateId, title: '', cohort: 'youngPeople', ...plan, ...form });
  const before = connector.sent().length;
  const done = await press(where, owner, editor, 'Publish');
  expect(allText(done)).toContain('Published.');
  const invite = cardsInActivity(connector.sent()[before])[0]!;
  const surveyId = String(dataOf(action(invite, '▶️ Start')).surveyId);
  return { invite, surveyId, inviteId: connector.sentRequests()[before]!.responseId };
}

describe('accessible surveys end to end', () => {
  it('authoring: a template copied into a draft, questions added, moved, removed, previewed, published; stale editor cards refused', async () => {
    const where: Where = { tenantId: newTenant(), serviceUrl: connector.url };
    const ana = user('Ana Author');
    await withSafeguardingLead(where, ana);
    const form = await say(where, ana, 'survey new');
    const templateChoices = nodes(form).find((n) => n.id === 'templateId')!.choices as { title: string; value: string }[];
    for (const title of ["How was today's session?", 'What do you think of this service?', 'Youth clubs and summer holidays', 'Waiting times', 'Pots of Positivity: Live Well', 'Pots of Positivity: Good Education', 'Pots of Positivity: Preparing for Adulthood', 'Pots of Positivity: Employment Opportunities', 'Pots of Positivity: Be Healthy', 'Pots of Positivity: Skilled Workforce for support']) {
      expect(templateChoices.some((c) => c.title.startsWith(title)), title).toBe(true);
    }
    // A bad closing date comes back on the form with the person's values.
    const invalid = await press(where, ana, form, 'Create draft', { templateId: 'youth-clubs-summer', closeTime: '10:00' });
    expect(allText(invalid)).toContain('Please choose a date as well as a time.');

    let editor = await press(where, ana, form, 'Create draft', { templateId: 'youth-clubs-summer', title: '', planId: await approvedPlanFor(where, ana) });
    expect(texts(editor)[0]).toBe('Youth clubs and summer holidays');
    expect(allText(editor)).toContain('Draft · 5 questions · Young people · anonymous · easy read · results after close');
    editor = await press(where, ana, editor, 'Add question', { qtype: 'yesno', qtext: 'Was the bus on time?' });
    expect(allText(editor)).toContain('6. Was the bus on time?');
    const stale = editor;
    editor = await press(where, ana, editor, 'Move up', { });
    // the first "Move up" belongs to question 2: it is now first
    expect(texts(editor).filter((t) => /^\d\. /.test(t))[0]).toBe('1. Do you like the summer holidays?');
    const removeButtons = actions(editor).filter((a) => a.title === 'Remove');
    editor = await execute(where, ana, VERBS.surveyQuestionRemove, dataOf(removeButtons.at(-1)!));
    expect(allText(editor)).not.toContain('Was the bus on time?');
    // An editor card from before these changes: refused, and the latest version shown.
    const refused = await press(where, ana, stale, 'Remove');
    expect(allText(refused)).toContain('This survey was changed since this card was drawn.');
    expect(allText(refused)).toContain('5 questions');
    // Edit a question: the form comes back filled in; saving changes it.
    const editing = await execute(where, ana, VERBS.surveyQuestionEdit, dataOf(actions(editor).find((a) => a.title === 'Edit')!));
    expect(allText(editing)).toContain('Change question 1');
    editor = await press(where, ana, editing, 'Save question', { qtype: 'scale', qtext: 'Do you like the holidays?', qscale: 'like', qtwoPoint: 'false' });
    expect(allText(editor)).toContain('1. Do you like the holidays?');

    // Preview: the easy-read cards as people will see them, nothing stored.
    const preview = await press(where, ana, editor, 'Preview');
    expect(allText(preview)).toContain('👀 This is a preview. Answers are not saved.');
    expect(allText(preview)).toContain('📋 Question 1 of 5');
    easyRead(preview, 'preview');
    const preview2 = await press(where, ana, preview, '➡️ Next');
    expect(allText(preview2)).toContain('📋 Question 2 of 5');

    const before = connector.sent().length;
    const published = await press(where, ana, editor, 'Publish');
    expect(allText(published)).toContain('Published.');
    const invite = cardsInActivity(connector.sent()[before])[0]!;
    easyRead(invite, 'invite');
    expect(allText(invite)).toContain('🙈 Your name will not be shown.');
    // ... and, before anyone answers, where that promise ends.
    expect(allText(invite)).toContain('🙈 Your name will not be shown. | 🛡️ Something you tell us might make us worried about your safety.');
  });

  it('answering in easy read: one question per card with Back, Next and "I don\'t want to answer"; results, suppression and export', async () => {
    const where: Where = { tenantId: newTenant(), serviceUrl: connector.url };
    const ana = user('Ana Author');
    const { invite, surveyId } = await publishedSurvey(where, ana);
    const ben = user('Ben');

    let card = await press(where, ben, invite, '▶️ Start');
    easyRead(card, 'q1');
    expect(texts(card)[0]).toBe('📋 Question 1 of 4');
    expect(texts(card)).toContain('❓ Did you like today?');
    expect(actions(card).map((a) => a.title)).toEqual(['👍 I like it', '🤔 Not sure', "👎 I don't like it", "🙅 I don't want to answer", '➡️ Next']);
    expect(String(card.speak)).toContain('Question 1 of 4. Did you like today?');

    card = await press(where, ben, card, '👍 I like it');
    expect(texts(card)[0]).toBe('📋 Question 2 of 4');
    card = await press(where, ben, card, "🙅 I don't want to answer");
    expect(texts(card)[0]).toBe('📋 Question 3 of 4');
    const back = await press(where, ben, card, '⬅️ Back');
    expect(allText(back)).toContain("✅ You chose: 🙅 I don't want to answer.");
    card = await press(where, ben, card, '✅ Yes');
    expect(texts(card)[0]).toBe('📋 Question 4 of 4');
    easyRead(card, 'q4 (written answer)');
    expect(allText(card)).toContain('🛡️ Something you tell us might make us worried about your safety. Then we will tell someone whose job is to help keep you safe.');
    // Free text over 1,000 characters: the same card again, with the reason; nothing stored.
    const tooLong = await press(where, ben, card, '📨 Send my answer', { text: 'x'.repeat(1001) });
    expect(allText(tooLong)).toContain('The answer is too long: 1001 characters, the most is 1000.');
    const done = await press(where, ben, card, '📨 Send my answer', { text: 'Please have more games.' });
    easyRead(done, 'done');
    expect(texts(done)[0]).toBe('🎉 Thank you!');
    expect(allText(done)).toContain('👂 Who will hear your views');

    // Double submit: the same answer twice counts once.
    const q1 = (await press(where, ben, done, '⬅️ Check my answers'))!;
    expect(allText(q1)).toContain('✅ You chose: 👍 I like it.');
    await press(where, ben, q1, '👍 I like it');
    await press(where, ben, q1, '👍 I like it');

    // Four more people answer question 1 (five in all).
    for (const [i, choice] of ['👍 I like it', '👍 I like it', '🤔 Not sure', '👍 I like it'].entries()) {
      const person = user(`Person ${i}`);
      const first = await press(where, person, invite, '▶️ Start');
      await press(where, person, first, choice);
    }

    // Ben cannot see results before the survey closes (after close is the young-people default).
    const early = await app.post(executeAction(where, ben, VERBS.surveyResults, { surveyId }));
    expect(early.status).toBe(403);

    // The owner sees exact counts, a chart per question, and the written answers.
    const owner = await execute(where, ana, VERBS.surveyResults, { surveyId });
    expect(allText(owner)).toContain('5 people answered');
    const chart = nodes(owner).find((n) => n.type === 'Chart.HorizontalBar')!;
    expect(chart.data).toEqual([
      { x: '👍 I like it', y: 4 },
      { x: '🤔 Not sure', y: 1 },
      { x: "👎 I don't like it", y: 0 }
    ]);
    expect(allText(owner)).toContain('💬 Please have more games.');

    // Close; everyone else sees small numbers as "fewer than 5", no percentages, no written answers.
    const list = await say(where, ana, 'surveys');
    expect(allText(list)).toContain('Open · 4 questions');
    expect(allText(list)).toContain('5 responses');
    await execute(where, ana, VERBS.surveyClose, { surveyId });
    const others = await execute(where, ben, VERBS.surveyResults, { surveyId });
    const shown = JSON.stringify(others);
    expect(shown).toContain('fewer than 5');
    expect(shown).not.toContain('Please have more games');
    expect(shown).not.toContain('%');
    const facts = nodes(others).filter((n) => n.type === 'FactSet').flatMap((f) => f.facts as { title: string; value: string }[]);
    expect(facts.find((f) => f.title === '🤔 Not sure')?.value).toBe('fewer than 5');
    expect(facts.find((f) => f.title === '👍 I like it')?.value).not.toBe('4'); // hidden too: 5 - 1 would give "Not sure" away

    // Answer to a closed survey: a clear message, not counted.
    const late = await press(where, ben, q1, '🤔 Not sure');
    expect(allText(late)).toContain('This survey is closed. Your answer was not saved.');

    // Export: a link to a CSV with pseudonymous ids only.
    const exported = await execute(where, ana, VERBS.surveyExport, { surveyId });
    const link = String(action(exported, 'Download CSV').url);
    const path = new URL(link).pathname;
    const csv = await fetch(`${app.url}${path}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const body = await csv.text();
    expect(body).toContain('"Q1 Did you like today?"');
    expect(body).toContain('"Please have more games."');
    expect(body).not.toContain('Ben');
    expect(body.trim().split('\r\n')).toHaveLength(6);
    expect((await fetch(`${app.url}${path.replace(/.{5}\.csv$/, 'AAAAA.csv')}`)).status).toBe(404);
    const someoneElse = await app.post(executeAction(where, ben, VERBS.surveyExport, { surveyId }));
    expect(someoneElse.status).toBe(403);
  });

  it('bad input: nonexistent question, choice not in the list, an old card after the survey changed, 0 and 21 questions', async () => {
    const where: Where = { tenantId: newTenant(), serviceUrl: connector.url };
    const ana = user('Ana');
    const { invite, surveyId } = await publishedSurvey(where, ana, 'service-views');
    const ben = user('Ben');
    const q1 = await press(where, ben, invite, '▶️ Start');
    const like = dataOf(action(q1, '👍 I like it'));

    const missing = await app.post(executeAction(where, ben, VERBS.surveyAnswer, { ...like, questionId: 'q42' }));
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ type: 'application/vnd.microsoft.error', value: { code: 'not_found', message: 'That question is not in this survey.' } });

    const notAChoice = await execute(where, ben, VERBS.surveyAnswer, { ...like, choice: '7' });
    expect(allText(notAChoice)).toContain('That answer is not one of the choices.');
    expect(texts(notAChoice)[0]).toBe('📋 Question 1 of 5');

    // The owner rewords question 1: Ben's card (old version) is refused and he gets the new card.
    const editor = await execute(where, ana, VERBS.surveyEditor, { surveyId });
    const editForm = await execute(where, ana, VERBS.surveyQuestionEdit, dataOf(actions(editor).find((a) => a.title === 'Edit')!));
    await press(where, ana, editForm, 'Save question', { qtype: 'scale', qtext: 'Do you like this club?', qscale: 'like' });
    const old = await execute(where, ben, VERBS.surveyAnswer, like);
    expect(allText(old)).toContain('This survey has changed since this card was sent.');
    expect(texts(old)).toContain('❓ Do you like this club?');
    const fresh = await press(where, ben, old, '👍 I like it');
    expect(texts(fresh)[0]).toBe('📋 Question 2 of 5');

    const results = await execute(where, ana, VERBS.surveyResults, { surveyId });
    expect(allText(results)).toContain('1 person answered');

    // 0 questions: publishing is refused with a message; a 21st question is refused too.
    const form = await say(where, ana, 'survey new');
    let blank = await press(where, ana, form, 'Create draft', { templateId: 'blank', title: 'Blank', cohort: 'staff' });
    const zero = await press(where, ana, blank, 'Publish');
    expect(allText(zero)).toContain('A survey needs from 1 to 20 questions (this one has 0).');
    for (let i = 1; i <= 20; i++) blank = await press(where, ana, blank, 'Add question', { qtype: 'yesno', qtext: `Question ${i}?` });
    expect(actions(blank).some((a) => a.title === 'Add question')).toBe(false);
    const tooMany = await execute(where, ana, VERBS.surveyQuestionAdd, { ...dataOf(action(blank, 'Publish')), qtype: 'yesno', qtext: 'One more?' });
    expect(allText(tooMany)).toContain('A survey needs from 1 to 20 questions (this one has 21).');
  });

  it('a publish guard (no safeguarding lead for a young-people survey with free text) stops publishing with its message', async () => {
    const where: Where = { tenantId: newTenant(), serviceUrl: connector.url };
    const ana = user('Ana');
    const form = await say(where, ana, 'survey new');
    const editor = await press(where, ana, form, 'Create draft', { templateId: 'session-feedback', title: '', planId: await approvedPlanFor(where, ana) });
    const before = connector.sent().length;
    const refused = await press(where, ana, editor, 'Publish');
    expect(allText(refused)).toContain('safeguarding lead');
    expect(allText(refused)).toContain('Draft ·');
    expect(connector.sent().length).toBe(before); // no invitation posted
  });

  it('communication preferences: two-point scale and easy read on every card the person gets', async () => {
    const where: Where = { tenantId: newTenant(), serviceUrl: connector.url };
    const ana = user('Ana');
    const { invite } = await publishedSurvey(where, ana, 'session-feedback', { cohort: 'staff' });
    const cat = user('Cat');
    const standard = await press(where, cat, invite, '▶️ Start');
    expect(texts(standard)[1]).toBeDefined();
    expect(nodes(standard).find((n) => n.type === 'TextBlock' && String(n.text).startsWith('❓'))?.size).toBe('Large');

    const prefsCard = await say(where, cat, 'preferences');
    easyRead(prefsCard, 'preferences');
    const saved = await press(where, cat, prefsCard, '💾 Save', { needs: 'easyRead,twoPoint,bsl', note: 'I use Makaton too' });
    expect(allText(saved)).toContain('✅ Saved. Thank you.');
    const adapted = await press(where, cat, invite, '▶️ Start');
    expect(actions(adapted).map((a) => a.title)).toEqual(['👍 I like it', "👎 I don't like it", "🙅 I don't want to answer", '➡️ Next']);
    expect(nodes(adapted).find((n) => n.type === 'TextBlock' && String(n.text).startsWith('❓'))?.size).toBe('ExtraLarge');
    easyRead(adapted, 'adapted');

    // The answer buttons carry Cat's style (docs/surveys.md, "Performance"): the next card is drawn
    // from it, with no read of her preferences, and is adapted the same way.
    const liked = action(adapted, '👍 I like it');
    expect(dataOf(liked).prefs).toBe('et');
    const next = await press(where, cat, adapted, '👍 I like it');
    expect(nodes(next).find((n) => n.type === 'TextBlock' && String(n.text).startsWith('❓'))?.size).toBe('ExtraLarge');
    easyRead(next, 'adapted, after an answer');
    expect(actions(next).filter((a) => a.verb === VERBS.surveyAnswer).every((a) => dataOf(a).prefs === 'et')).toBe(true);
    // Anything else in that field is ignored: the preferences are read, as on Start.
    const forged = await execute(where, cat, VERBS.surveyAnswer, { ...dataOf(action(next, "🙅 I don't want to answer")), prefs: '${secret}' });
    expect(nodes(forged).find((n) => n.type === 'TextBlock' && String(n.text).startsWith('❓'))?.size).toBe('ExtraLarge');
    easyRead(forged, 'adapted, after a forged style');
    // What the card carries is what draws the next one (a card drawn before a change of preferences
    // keeps its style until Start, Back or Next): here, a card drawn as standard stays standard.
    const standardSkip = { ...dataOf(action(standard, "🙅 I don't want to answer")), prefs: '-' };
    const keptStandard = await execute(where, cat, VERBS.surveyAnswer, standardSkip);
    expect(nodes(keptStandard).find((n) => n.type === 'TextBlock' && String(n.text).startsWith('❓'))?.size).toBe('Large');
  });
});

describe('CSV export through a Teams file consent card', () => {
  it('accepted: the CSV is uploaded where Teams says and a file card follows; declined or not the owner: nothing uploaded', async () => {
    const uploads: { headers: Record<string, unknown>; body: string }[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        uploads.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.statusCode = 201; // (restify, loaded in this process, patches writeHead)
        res.end('{}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const tenantId = newTenant();
      const where: Where = { tenantId, serviceUrl: connector.url };
      const ana = user('Ana');
      const { invite, surveyId } = await publishedSurvey(where, ana);
      const first = await press(where, user('Ben'), invite, '▶️ Start');
      await press(where, user('Ben'), first, '👍 I like it');
      const personal: Where = { tenantId, serviceUrl: connector.url, conversationType: 'personal', conversationId: `a:ana-${tenantId}` };
      const consent = (who: TestUser, action: string, uploadUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/upload`) => ({
        ...message(personal, who, ''),
        type: 'invoke',
        name: 'fileConsent/invoke',
        text: undefined,
        value: {
          type: 'fileUpload',
          action,
          context: { surveyId },
          uploadInfo: { name: 'survey.csv', uploadUrl, contentUrl: 'https://contoso.sharepoint.com/survey.csv', uniqueId: 'u-1', fileType: 'csv' }
        }
      });

      const sentBefore = connector.sent().length;
      expect((await app.post(consent(ana, 'accept'))).status).toBe(200);
      expect(uploads).toHaveLength(1);
      expect(uploads[0]!.body).toContain('"Q1 Did you like today?"');
      expect(uploads[0]!.body).toContain('"I like it"');
      expect(uploads[0]!.headers['content-range']).toBe(`bytes 0-${Buffer.byteLength(uploads[0]!.body) - 1}/${Buffer.byteLength(uploads[0]!.body)}`);
      const info = (await connector.waitForSent(sentBefore + 1))[sentBefore]!;
      expect(info.attachments?.[0]).toMatchObject({ contentType: 'application/vnd.microsoft.teams.card.file.info', contentUrl: 'https://contoso.sharepoint.com/survey.csv' });

      expect((await app.post(consent(user('Mallory'), 'accept'))).status).toBe(403);
      expect((await app.post(consent(ana, 'accept', 'http://example.org/steal'))).status).toBe(400);
      expect((await app.post(consent(ana, 'decline'))).status).toBe(200);
      expect(uploads).toHaveLength(1);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});

describe('a survey with a closing time', () => {
  it('closes itself through the scheduler, once, and its invitation says so', async () => {
    const clock = new ManualClock(new Date());
    const other = await startTestApp({ clock });
    const main = app;
    app = other; // the helpers post to `app`
    try {
      const where: Where = { tenantId: newTenant(), serviceUrl: connector.url };
      const tomorrow = new Date(clock.now().getTime() + 86_400_000).toISOString().slice(0, 10);
      const { invite, inviteId } = await publishedSurvey(where, user('Ana'), 'session-feedback', { closeDate: tomorrow, closeTime: '12:00' });
      expect(inviteId).toBeDefined();
      const first = await press(where, user('Ben'), invite, '▶️ Start');
      await press(where, user('Ben'), first, '👍 I like it');
      const updates = () => connector.updated().filter((a) => a.id === inviteId);
      await other.scheduler.runDue();
      expect(updates()).toHaveLength(0);
      clock.advance(3 * 86_400_000);
      await other.scheduler.runDue();
      expect(updates()).toHaveLength(1);
      expect(allText(cardsInActivity(updates()[0])[0]!)).toContain('🔒 This survey is closed.');
      await other.scheduler.runDue();
      expect(updates()).toHaveLength(1);
      const late = await press(where, user('Cat'), first, '🤔 Not sure');
      expect(allText(late)).toContain('This survey is closed. Your answer was not saved.');
    } finally {
      app = main;
      await other.close();
    }
  });
});

describe('virtual sessions end to end', () => {
  it('start with welcome and consent, facilitator sees needs; next moves everyone; own answers; live counts; end thanks; attendance apart', async () => {
    const tenantId = newTenant();
    const conversationId = `19:session-${tenantId}@thread.v2`;
    const where: Where = { tenantId, serviceUrl: connector.url, conversationId };
    const fay = user('Fay Facilitator');
    const kids = [user('Kim'), user('Lee'), user('Max')];
    connector.setRoster(
      conversationId,
      [fay, ...kids].map((u) => ({ id: u.id, aadObjectId: u.aadObjectId, name: u.name }) as never)
    );
    // Lee recorded how he takes part before the session.
    const leePrefs = await say({ ...where, conversationType: 'personal', conversationId: `a:lee-${tenantId}` }, kids[1]!, 'preferences');
    await press({ ...where, conversationType: 'personal', conversationId: `a:lee-${tenantId}` }, kids[1]!, leePrefs, '💾 Save', { needs: 'aac,extraTime', note: '' });

    const { surveyId } = await publishedSurvey(where, fay);
    const chooser = await say(where, fay, 'session start');
    expect(allText(chooser)).toContain('Choose the survey');
    const before = connector.sent().length;
    const needs = await press(where, fay, chooser, 'Start session', { surveyId });
    expect(texts(needs)[0]).toBe('Before you start');
    const needFacts = nodes(needs).filter((n) => n.type === 'FactSet').flatMap((f) => f.facts as { title: string; value: string }[]);
    expect(needFacts).toEqual([{ title: 'Lee', value: '💬 I use a talker or word board (needs you), ⏳ Extra time (needs you)' }]);

    const welcomeActivity = connector.sent()[before]!;
    const welcomeId = connector.sentRequests()[before]!.responseId;
    const welcome = cardsInActivity(welcomeActivity)[0]!;
    easyRead(welcome, 'welcome');
    for (const words of ['✋ It is OK to stop at any time.', '🙈 Your name will not be shown.', '👂 Who will hear your views', '📅 What happens next']) {
      expect(allText(welcome)).toContain(words);
    }
    expect((welcome.refresh as JsonObject).action).toMatchObject({ verb: VERBS.sessionRefresh });
    const sessionId = String(dataOf((welcome.refresh as JsonObject).action as JsonObject).sessionId);

    const ready = await press(where, kids[0]!, welcome, "👍 I'm ready");
    expect(allText(ready)).toContain('✅ Thank you. The first question is coming soon.');
    // Only the facilitator moves people on.
    const kimNext = await app.post(executeAction(where, kids[0]!, VERBS.sessionNext, { sessionId }));
    expect(kimNext.status).toBe(403);

    expect((await app.post(message(where, fay, 'next'))).status).toBe(200);
    const update = connector.updated().at(-1)!;
    expect(update.id).toBe(welcomeId);
    const q1Shared = cardsInActivity(update)[0]!;
    easyRead(q1Shared, 'session q1');
    expect(texts(q1Shared)[0]).toBe('📋 Question 1 of 4');
    expect(actions(q1Shared).map((a) => a.title)).not.toContain('➡️ Next'); // the facilitator moves everyone

    // Each answers on the card and sees their own answer.
    const kim = await press(where, kids[0]!, q1Shared, '👍 I like it');
    expect(allText(kim)).toContain('✅ You chose: 👍 I like it.');
    const lee = await press(where, kids[1]!, q1Shared, "🙅 I don't want to answer");
    expect(allText(lee)).toContain("✅ You chose: 🙅 I don't want to answer.");
    const maxView = await execute(where, kids[2]!, VERBS.sessionRefresh, { sessionId });
    expect(allText(maxView)).not.toContain('You chose');

    // The facilitator's own view: counts per question, never who said what.
    const fayView = await execute(where, fay, VERBS.sessionRefresh, { sessionId });
    const counts = nodes(fayView).filter((n) => n.type === 'FactSet').flatMap((f) => f.facts as { title: string; value: string }[]);
    expect(counts[0]).toEqual({ title: 'Question 1', value: '2 answers' });
    expect(JSON.stringify(fayView)).not.toContain('Kim');
    expect(JSON.stringify(fayView)).not.toContain('Lee');

    const q2 = await press(where, fay, fayView, '➡️ Next question');
    expect(texts(q2)[0]).toBe('📋 Question 2 of 4');

    expect((await app.post(message(where, fay, 'session end'))).status).toBe(200);
    const endCard = cardsInActivity(connector.updated().at(-1))[0]!;
    easyRead(endCard, 'session end');
    expect(texts(endCard)[0]).toBe('🎉 Thank you for taking part!');
    const afterEnd = await app.post(executeAction(where, kids[2]!, VERBS.surveyAnswer, { ...dataOf(action(q1Shared, '👍 I like it')) }));
    expect(afterEnd.status).toBe(409);

    // Attendance: who took part, in its own table; the answers' partition names nobody.
    const attendance: Record<string, unknown>[] = [];
    for await (const e of app.tables.client(TABLES.attendance).listEntities({ queryOptions: { filter: odata`PartitionKey eq ${surveyKeys.attendancePartition(tenantId, surveyId)}` } })) {
      attendance.push(e);
    }
    expect(attendance.map((a) => a.name).sort()).toEqual(['Kim', 'Lee']);
    const answers: Record<string, unknown>[] = [];
    for await (const e of app.tables.client(TABLES.surveys).listEntities({ queryOptions: { filter: odata`PartitionKey eq ${surveyKeys.surveyPartition(tenantId, surveyId)}` } })) {
      answers.push(e);
    }
    const answerText = JSON.stringify(answers);
    for (const kid of kids) {
      expect(answerText).not.toContain(kid.name);
      expect(answerText).not.toContain(kid.aadObjectId);
    }
  });

  it('above 60 members the card offers Start, which opens the survey 1:1', async () => {
    const tenantId = newTenant();
    const conversationId = `19:big-${tenantId}@thread.v2`;
    const where: Where = { tenantId, serviceUrl: connector.url, conversationId };
    const fay = user('Fay');
    const crowd = Array.from({ length: 61 }, (_, i) => user(`Member ${i}`));
    connector.setRoster(conversationId, [fay, ...crowd].map((u) => ({ id: u.id, aadObjectId: u.aadObjectId, name: u.name }) as never));
    const { surveyId } = await publishedSurvey(where, fay);
    const chooser = await say(where, fay, 'session start');
    const before = connector.sent().length;
    await press(where, fay, chooser, 'Start session', { surveyId });
    const welcome = cardsInActivity(connector.sent()[before])[0]!;
    easyRead(welcome, 'big welcome');
    expect(actions(welcome).map((a) => a.title)).toContain('▶️ Start');

    // Someone with a 1:1 chat with VoiceLoop gets the survey there.
    const member = crowd[0]!;
    const personal: Where = { tenantId, serviceUrl: connector.url, conversationType: 'personal', conversationId: `a:member-${tenantId}` };
    await say(personal, member, 'help');
    const sentBefore = connector.sent().length;
    const opened = await press(where, member, welcome, '▶️ Start');
    expect(allText(opened)).toContain('The survey is in your private chat with VoiceLoop.');
    const privateCard = cardsInActivity((await connector.waitForSent(sentBefore + 1))[sentBefore])[0]!;
    expect(connector.sentRequests()[sentBefore]!.conversationId).toBe(personal.conversationId);
    expect(texts(privateCard)[0]).toBe('📋 Question 1 of 4');
    // Someone without one answers right on the card.
    const inPlace = await press(where, crowd[1]!, welcome, '▶️ Start');
    expect(texts(inPlace)[0]).toBe('📋 Question 1 of 4');
  });
});

describe('help for young people and for staff', () => {
  const isEasyHelp = (card: JsonObject): boolean => texts(card)[0] === '❓ How VoiceLoop can help you';
  const isStaffHelp = (card: JsonObject): boolean => texts(card)[0] === 'What VoiceLoop can do';

  it('someone whose preferences ask for easy read gets the easy-read help card; staff get the staff card; either can ask for the other', async () => {
    const tenantId = newTenant();
    const jo = user('Jo');
    const sam = user('Sam Staff');
    const joChat: Where = { tenantId, serviceUrl: connector.url, conversationType: 'personal', conversationId: `a:jo-${tenantId}` };
    const samChat: Where = { tenantId, serviceUrl: connector.url, conversationType: 'personal', conversationId: `a:sam-${tenantId}` };

    // Before Jo says how she likes to take part, she gets what everyone gets.
    expect(isStaffHelp(await say(joChat, jo, 'help'))).toBe(true);
    const prefs = await say(joChat, jo, 'preferences');
    await press(joChat, jo, prefs, '💾 Save', { needs: 'easyRead', note: '' });

    const joHelp = await say(joChat, jo, 'help');
    expect(isEasyHelp(joHelp)).toBe(true);
    easyRead(joHelp, 'easy help');
    expect(allText(joHelp)).toContain('📞 You can call Childline for free on 0800 1111. Any time, day or night.');
    expect(allText(joHelp)).toContain('🚨 If you are in danger now, call 999.');
    expect(allText(joHelp)).not.toMatch(/\bSEND\b|\bBSL\b/);

    const samHelp = await say(samChat, sam, 'help');
    expect(isStaffHelp(samHelp)).toBe(true);
    expect(checkEasyRead(samHelp).length).toBeGreaterThan(0); // the staff card is not easy read, and need not be

    expect(isStaffHelp(await say(joChat, jo, 'help staff'))).toBe(true);
    expect(isEasyHelp(await say(samChat, sam, 'Help Easy'))).toBe(true);
    // The staff card's Help button follows the same choice.
    expect(isEasyHelp(await execute(joChat, jo, VERBS.showHelp, {}))).toBe(true);
    expect(isStaffHelp(await execute(samChat, sam, VERBS.showHelp, {}))).toBe(true);

    // "Change how cards look" opens Jo's own preferences, as she saved them.
    const change = await press(joChat, jo, joHelp, '🗣️ Change how cards look');
    easyRead(change, 'preferences from help');
    expect(nodes(change).find((n) => n.id === 'needs')?.value).toBe('easyRead');
  });

  it("a young person in a young people's session gets the easy-read card; the facilitator gets the staff card; after the session, the staff card", async () => {
    const tenantId = newTenant();
    const conversationId = `19:help-session-${tenantId}@thread.v2`;
    const where: Where = { tenantId, serviceUrl: connector.url, conversationId };
    const fay = user('Fay Facilitator');
    const kim = user('Kim');
    connector.setRoster(conversationId, [fay, kim].map((u) => ({ id: u.id, aadObjectId: u.aadObjectId, name: u.name }) as never));
    expect(isStaffHelp(await say(where, kim, 'help'))).toBe(true);

    const { surveyId } = await publishedSurvey(where, fay);
    const chooser = await say(where, fay, 'session start');
    await press(where, fay, chooser, 'Start session', { surveyId });

    const kimHelp = await say(where, kim, 'help');
    expect(isEasyHelp(kimHelp)).toBe(true);
    easyRead(kimHelp, 'easy help in a session');
    expect(isStaffHelp(await say(where, fay, 'help'))).toBe(true);

    expect((await app.post(message(where, fay, 'session end'))).status).toBe(200);
    expect(isStaffHelp(await say(where, kim, 'help'))).toBe(true);
  });
});
