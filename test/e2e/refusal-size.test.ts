/**
 * A form that refuses over-long input must not echo it back whole: Teams rejects a card over about 28 KB, so
 * the person would see an error instead of the message (a 64 KB question made a 57–68 KB card). Every form
 * VoiceLoop has is filled with 64 KB in every text box and submitted through the real endpoint; each answer
 * must be far under 28 KB (< 20 KB), parse as a card (app.post parses every invoke card), and say on the card
 * that only part of what was typed is shown. src/cards/shared/typed-echo.ts; docs/edges.md.
 */
import { describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/shared/verbs';
import { ECHO_BUDGET, ECHO_LIMIT } from '../../src/cards/shared/typed-echo';
import { type TestApp, newTenant, sayForCards, withBotAndConnector } from '../helpers/app';
import { type TestUser, type Where, composeExtension, executeAction, user } from '../helpers/activities';
import { cardElements, cardText } from '../helpers/card-query';
import { type JsonObject, cardFromInvokeResponse, expectValidCard } from '../helpers/card-validator';
import type { FakeConnector } from '../helpers/fake-connector';
import { validPlanForm } from '../helpers/plan-fixtures';

let app: TestApp;
let connector: FakeConnector;
const admin = user('Ada Admin');
withBotAndConnector((started) => ({ app, connector } = started), { config: { admins: [admin.aadObjectId] } });

const LIMIT = 20_000;
const HUGE = 'x'.repeat(64 * 1024);
/** Text and emoji, so the byte size of what is echoed is tested as well as its length. */
const HUGE_EMOJI = '🙂'.repeat(16 * 1024);

const tenantId = newTenant();
const TEAM = `19:team-${tenantId}@thread.tacv2`;
const owner = user('Olly Owner');
const personal = (who: TestUser): Where => ({ tenantId, serviceUrl: connector.url, conversationType: 'personal', conversationId: `a:1to1-${who.aadObjectId}` });
const groupChat = (): Where => ({ tenantId, serviceUrl: connector.url, conversationType: 'groupChat', conversationId: `19:club-${tenantId}@thread.v2` });
const channel = (): Where => ({ tenantId, serviceUrl: connector.url, conversationType: 'channel', conversationId: `19:wg-${tenantId}@thread.tacv2`, teamId: TEAM });

const say = async (where: Where, who: TestUser, words: string): Promise<JsonObject> => {
  const cards = await sayForCards(app, connector, where, who, words);
  const form = cards.find((c) => cardElements(c).some((e) => String(e.type).startsWith('Input.')));
  if (!form) throw new Error(`"${words}" answered with no form: ${cards.map((c) => cardText(c)).join(' | ')}`);
  return form;
};

/** Every text box of `card` filled with `text`; other inputs keep their value (or take their first choice). */
function overlong(card: JsonObject, text: string): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const e of cardElements(card)) {
    if (typeof e.id !== 'string' || !String(e.type).startsWith('Input.')) continue;
    if (e.type === 'Input.Text') values[e.id] = text;
    else if (e.value !== undefined) values[e.id] = e.value;
    else if (e.type === 'Input.ChoiceSet') values[e.id] = (e.choices as { value: string }[] | undefined)?.[0]?.value ?? '';
  }
  return values;
}

interface Outcome {
  form: string;
  bytes: number;
  card?: JsonObject;
  status: number;
}
const outcomes: Outcome[] = [];

/** Presses `verb` on `card` with every text box over-long; records the size of the whole HTTP answer. */
async function submit(form: string, where: Where, who: TestUser, card: JsonObject, verb: string, text = HUGE): Promise<Outcome> {
  const action = cardElements(card).find((e) => e.verb === verb);
  if (!action) throw new Error(`${form}: no ${verb} on the card`);
  return post(form, where, who, verb, { ...(action.data as Record<string, unknown>), ...overlong(card, text) });
}

async function post(form: string, where: Where, who: TestUser, verb: string, data: Record<string, unknown>): Promise<Outcome> {
  const response = await app.post(executeAction(where, who, verb, data));
  const bytes = Buffer.byteLength(JSON.stringify(response.body), 'utf8');
  const answered = response.status === 200 ? cardFromInvokeResponse(response.body) : undefined;
  if (answered) expectValidCard(answered, form);
  const outcome = { form, bytes, card: answered, status: response.status };
  outcomes.push(outcome);
  return outcome;
}

/** Inputs of a card showing part of an over-long text (a run of the x or 🙂 the boxes were filled with). */
const echoes = (card: JsonObject): JsonObject[] =>
  cardElements(card).filter((e) => String(e.type).startsWith('Input.') && typeof e.value === 'string' && /^(x{100}|(🙂){100})/u.test(e.value));

/**
 * Far under Teams' limit; a form that comes back showing part of what was typed says so beside each such box
 * (a card that keeps nothing typed, or an invoke error, has nothing to say).
 */
function expectSmallRefusal(outcome: Outcome): void {
  expect(outcome.bytes, `${outcome.form}: ${outcome.bytes} bytes`).toBeLessThan(LIMIT);
  if (outcome.status !== 200) {
    expect(outcome.status, outcome.form).toBe(400);
    return;
  }
  const shown = echoes(outcome.card!);
  for (const box of shown) expect([...String(box.value)].length, `${outcome.form}: ${String(box.id)}`).toBeLessThanOrEqual(typeof box.maxLength === 'number' ? box.maxLength : ECHO_LIMIT);
  const notes = cardText(outcome.card!).match(/✂️ What you typed here was [\d,]+ characters(; only the first [\d,]+ are shown|, too long to show again)/g) ?? [];
  expect(notes.length, `${outcome.form}: a note beside each box cut`).toBeGreaterThanOrEqual(shown.length);
}

describe('every form refuses over-long input with a small card', () => {
  it('quick poll', async () => {
    const form = await say(groupChat(), owner, 'poll');
    for (const text of [HUGE, HUGE_EMOJI]) expectSmallRefusal(await submit('poll', groupChat(), owner, form, VERBS.pollCreate, text));
  });

  it('working group, engagement plan (saved and sent for approval), approval decision', async () => {
    const approver = user('Ben Approver');
    connector.setRoster(TEAM, [owner, approver].map((u) => ({ id: u.id, name: u.name, aadObjectId: u.aadObjectId })));
    const group = await say(channel(), owner, 'workinggroup setup');
    expectSmallRefusal(await submit('working group', channel(), owner, group, VERBS.groupSave));
    const formId = (cardElements(group).find((e) => e.verb === VERBS.groupSave)!.data as { formId: string }).formId;
    const saved = await post('working group (valid)', channel(), owner, VERBS.groupSave, { formId, name: 'Working group', memberSource: 'named', members: `${owner.aadObjectId},${approver.aadObjectId}`, chair: owner.aadObjectId, rule: 'all' });
    expect(saved.status).toBe(200);

    const plan = await say(personal(owner), owner, 'plan new');
    for (const text of [HUGE, HUGE_EMOJI]) expectSmallRefusal(await submit('plan (save)', personal(owner), owner, plan, VERBS.planSave, text));
    expectSmallRefusal(await submit('plan (submit)', personal(owner), owner, plan, VERBS.planSubmit));

    const { round } = await app.plans.submit({
      planId: crypto.randomUUID(),
      actor: { tenantId, userId: owner.id, aadObjectId: owner.aadObjectId, name: owner.name },
      values: validPlanForm({ startDate: '2027-03-01', endDate: '2027-03-20', feedbackBy: '2027-05-01' }),
      teamId: TEAM
    });
    const decision = await post('approval comment', channel(), approver, VERBS.approvalDecide, { roundId: round.roundId, decision: 'requestChanges', comment: HUGE });
    expectSmallRefusal(decision);
  });

  it('survey: the new-survey form, the editor, the question form, a free-text answer; findings editor', async () => {
    const form = await say(groupChat(), owner, 'survey new');
    expectSmallRefusal(await submit('survey new', groupChat(), owner, form, VERBS.surveyCreate));
    const created = await post('survey new (valid)', groupChat(), owner, VERBS.surveyCreate, {
      ...(cardElements(form).find((e) => e.verb === VERBS.surveyCreate)!.data as object),
      templateId: 'session-feedback',
      title: '',
      cohort: 'staff'
    });
    const editor = created.card!;
    expectSmallRefusal(await submit('survey editor (add a question)', groupChat(), owner, editor, VERBS.surveyQuestionAdd));
    const edit = cardElements(editor).find((e) => e.verb === VERBS.surveyQuestionEdit);
    expect(edit, 'the editor offers to edit a question').toBeDefined();
    const question = await post('survey question (open)', groupChat(), owner, VERBS.surveyQuestionEdit, edit!.data as Record<string, unknown>);
    expectSmallRefusal(await submit('survey question', groupChat(), owner, question.card!, VERBS.surveyQuestionSave));

    const surveyId = String((cardElements(editor).find((e) => e.verb === VERBS.surveyPublish)!.data as { surveyId: string }).surveyId);
    await post('survey publish', groupChat(), owner, VERBS.surveyPublish, cardElements(editor).find((e) => e.verb === VERBS.surveyPublish)!.data as Record<string, unknown>);
    const version = (await app.surveys.get(tenantId, surveyId)).version;
    expectSmallRefusal(await post('survey answer (free text)', personal(owner), owner, VERBS.surveyAnswer, { surveyId, version, questionId: 'q4', text: HUGE }));
    const findings = await post('findings (open)', personal(owner), owner, VERBS.findingsOpen, { surveyId });
    expect(findings.status).toBe(200);
    for (const verb of [VERBS.findingsYouSaid, VERBS.findingsWeDid, VERBS.findingsNextUpdate]) {
      if (cardElements(findings.card!).some((e) => e.verb === verb)) expectSmallRefusal(await submit(`findings ${verb}`, personal(owner), owner, findings.card!, verb));
    }
  });

  it('communication preferences', async () => {
    const form = await say(personal(owner), owner, 'preferences');
    expectSmallRefusal(await submit('preferences', personal(owner), owner, form, VERBS.preferencesSave));
  });

  it('delivery and safeguarding settings (admins)', async () => {
    const form = await say(personal(admin), admin, 'delivery settings');
    for (const text of [HUGE, HUGE_EMOJI]) expectSmallRefusal(await submit('delivery settings', personal(admin), admin, form, VERBS.deliverySettingsSave, text));
  });

  it('Tell us (the two-way loop\'s "tell the council what you think" form)', async () => {
    await say(personal(admin), admin, `tell us area add Short breaks ${owner.aadObjectId}`).catch(() => undefined); // answers with a notice, not a form
    const form = await say(personal(owner), owner, 'tell us');
    expectSmallRefusal(await submit('tell us', personal(owner), owner, form, VERBS.tellUsSend));
  });

  it('messaging extension: quick poll and survey dialogs', async () => {
    const poll = await app.post(composeExtension(groupChat(), owner, 'submitAction', { commandId: 'createPoll', data: { formId: crypto.randomUUID(), question: HUGE, options: HUGE } }));
    const pollBytes = Buffer.byteLength(JSON.stringify(poll.body), 'utf8');
    outcomes.push({ form: 'messaging extension poll', bytes: pollBytes, status: poll.status });
    expect(pollBytes).toBeLessThan(LIMIT);
    const pollCard = (poll.body as { task: { value: { card: { content: JsonObject } } } }).task.value.card.content;
    expectValidCard(pollCard, 'ME poll dialog');
    expect(cardText(pollCard)).toMatch(/only the first/);
    const survey = await app.post(composeExtension(groupChat(), owner, 'submitAction', { commandId: 'createSurvey', data: { formId: crypto.randomUUID(), title: HUGE } }));
    const surveyBytes = Buffer.byteLength(JSON.stringify(survey.body), 'utf8');
    outcomes.push({ form: 'messaging extension survey', bytes: surveyBytes, status: survey.status });
    expect(surveyBytes).toBeLessThan(LIMIT);
    expectValidCard((survey.body as { task: { value: { card: { content: JsonObject } } } }).task.value.card.content, 'ME survey dialog');
  });

  it('prints what each refusal weighed', () => {
    console.log(outcomes.map((o) => `${o.form}: ${o.bytes} B (${o.status})`).join('\n'));
    expect(ECHO_BUDGET).toBeLessThan(LIMIT);
  });
});

