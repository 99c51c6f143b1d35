/**
 * The approval gate end to end (docs/approvals.md, "The approval gate"), through the real HTTP endpoint
 * with the fake Bot Connector: a survey for young people or parent carers belongs to an engagement plan;
 * publishing, 1:1 sending and sessions are refused until the working group approves it, and allowed
 * after, with "Approved by … on …" on the cards. Staff surveys and polls need no plan. Only an
 * administrator turns the gate off, and that is audited. (The plan itself is written and approved
 * through the plan services: its own end-to-end test is plans-approval-flow.test.ts.)
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/shared/verbs';
import type { Plan } from '../../src/domain/plans/plan';
import { londonDate } from '../../src/domain/plans/plan-service';
import { ManualClock } from '../../src/domain/shared/clock';
import type { Actor, StoredConversation } from '../../src/domain/shared/conversation';
import { TableAuditLog } from '../../src/storage/shared/audit-repository';
import { TABLES } from '../../src/storage/shared/keys';
import { type TestApp, expectEveryCardValid, newTenant, sayForCard, sayForCards, startTestApp } from '../helpers/app';
import { BOT, type TestUser, type Where, composeExtension, executeAction, user } from '../helpers/activities';
import { cardActionTitles, cardElements, cardText } from '../helpers/card-query';
import { type JsonObject, cardFromInvokeResponse, cardsInActivity, expectValidCard } from '../helpers/card-validator';
import { type FakeConnector, startFakeConnector } from '../helpers/fake-connector';
import { validPlanForm } from '../helpers/plan-fixtures';

// Wednesday 4 March 2026, 16:00 in London: inside young people's allowed hours.
const clock = new ManualClock('2026-03-04T16:00:00Z');
const ada = user('Ada Admin');
let app: TestApp;
let connector: FakeConnector;

beforeAll(async () => {
  [app, connector] = await Promise.all([startTestApp({ clock, config: { admins: [ada.aadObjectId] } }), startFakeConnector()]);
});
afterAll(async () => {
  if (connector) {
    expectEveryCardValid(connector);
    for (const activity of [...connector.sent(), ...connector.updated()]) expect(JSON.stringify(activity)).not.toContain('${');
  }
  await app?.close();
  await connector?.close();
});

const actorOf = (tenantId: string, who: TestUser): Actor => ({ tenantId, userId: who.id, aadObjectId: who.aadObjectId, name: who.name });
const personal = (where: Where, who: TestUser): Where => ({ tenantId: where.tenantId, serviceUrl: where.serviceUrl, conversationType: 'personal', conversationId: `a:1on1-${who.aadObjectId}` });
const groupChat = (tenantId: string): Where => ({ tenantId, serviceUrl: connector.url, conversationType: 'groupChat', conversationId: `19:chat-${randomUUID()}@thread.v2` });
const say = (where: Where, who: TestUser, text: string): Promise<JsonObject> => sayForCard(app, connector, where, who, text);
/** Young people's surveys with free text need a safeguarding lead (another guard): the administrator takes the role. */
const withLead = (where: Where): Promise<JsonObject> => say(personal(where, ada), ada, 'safeguarding lead me');

async function execute(where: Where, who: TestUser, verb: string, data: Record<string, unknown>): Promise<JsonObject> {
  const response = await app.post(executeAction(where, who, verb, data));
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  const card = cardFromInvokeResponse(response.body);
  expectValidCard(card, verb);
  return card;
}

/** Presses a button of `card` (its verb and data, plus any input values), as Teams would send it. */
async function press(where: Where, who: TestUser, card: JsonObject, title: string, inputs: Record<string, unknown> = {}): Promise<JsonObject> {
  const action = cardElements(card).find((e) => e.title === title && typeof e.verb === 'string');
  if (!action) throw new Error(`no "${title}" among ${cardActionTitles(card).join(', ')}`);
  return execute(where, who, String(action.verb), { ...(action.data as object), ...inputs });
}

/** A working group (chaired by `chair`, with `member` on it) and a plan the chair sends it: waiting for its decision. */
async function submittedPlan(tenantId: string, chair: TestUser, member: TestUser, title: string): Promise<{ plan: Plan; approve: () => Promise<void> }> {
  const teamId = `19:wg-${randomUUID()}@thread.tacv2`;
  const channel: StoredConversation = {
    tenantId, serviceUrl: connector.url, channelId: 'msteams', conversationId: `${teamId};messageid=1`, conversationType: 'channel', botId: BOT.id, teamId, updatedAt: clock.now().toISOString()
  };
  const people = [chair, member];
  await app.approvals.setupGroup(
    actorOf(tenantId, chair),
    channel,
    { name: 'the youth voice working group', memberSource: 'named', members: people.map((p) => p.aadObjectId).join(','), chair: chair.aadObjectId, rule: 'all' },
    people.map((p) => ({ userId: p.id, aadObjectId: p.aadObjectId, name: p.name }))
  );
  const day = (offset: number): string => londonDate(new Date(clock.now().getTime() + offset * 86_400_000));
  const { plan, round } = await app.plans.submit({
    planId: randomUUID(),
    actor: actorOf(tenantId, chair),
    values: validPlanForm({ title, startDate: day(0), endDate: day(20), feedbackBy: day(40) }),
    teamId
  });
  return {
    plan,
    approve: async () => {
      for (const who of people) await app.approvals.decide(tenantId, round.roundId, actorOf(tenantId, who), 'approve', '');
    }
  };
}

/** The survey an editor card is about. */
const surveyIdOf = (editor: JsonObject): string => (cardElements(editor).find((e) => e.verb === VERBS.surveyPublish)!.data as { surveyId: string }).surveyId;

/** A draft from "survey new", as the form sends it; returns the editor card. */
async function draft(where: Where, who: TestUser, values: Record<string, unknown>): Promise<JsonObject> {
  const form = await say(where, who, 'survey new');
  return press(where, who, form, 'Create draft', { templateId: 'session-feedback', title: '', ...values });
}

describe('the approval gate', () => {
  it('a young people’s survey is refused until its plan is approved, then goes out with "Approved by … on …"', async () => {
    const tenantId = newTenant();
    const where = groupChat(tenantId);
    const ana = user('Ana Author');
    const chair = user('Cleo Chair');
    await withLead(where);

    // No plans yet: the form says how to write one.
    const empty = await say(where, ana, 'survey new');
    expect(cardElements(empty).some((e) => e.id === 'planId')).toBe(false);
    expect(cardText(empty)).toContain('You have no plans yet. Type **plan new** to write one');

    // A draft without a plan: the card says it needs one, and publishing is refused with that message.
    let editor = await draft(where, ana, { cohort: 'youngPeople' });
    expect(cardText(editor)).toContain('🗂️ No engagement plan yet: choose the plan this survey is for.');
    const before = connector.sent().length;
    let refused = await press(where, ana, editor, 'Publish');
    expect(cardText(refused)).toContain('This survey is for young people: it can be published only under an engagement plan the working group has approved.');
    expect(cardText(refused)).toContain('Choose its plan');

    // A plan goes to the working group; Ana sits on it, so she may choose it.
    const { plan, approve } = await submittedPlan(tenantId, chair, ana, 'Youth club: what should change?');
    const other = await submittedPlan(tenantId, user('Someone else'), user('Their member'), 'Not Ana’s');
    const form = await say(where, ana, 'survey new');
    const choices = cardElements(form).find((e) => e.id === 'planId')?.choices as { title: string; value: string }[];
    expect(choices).toEqual([{ title: 'Youth club: what should change? (waiting for the working group)', value: plan.planId }]);

    // Choosing a plan that is neither hers nor her working groups’ is refused; hers is saved.
    const chooser = await press(where, ana, refused, 'Choose its plan');
    expect(cardText(chooser)).toContain('Which plan is "How was today\'s session?" for?');
    const wrong = await press(where, ana, chooser, 'Save plan', { planId: other.plan.planId });
    expect(cardText(wrong)).toContain('That plan is not one of yours or your working groups’.');
    editor = await press(where, ana, chooser, 'Save plan', { planId: plan.planId });
    expect(cardText(editor)).toContain('Plan saved.');
    expect(cardText(editor)).toContain('🗂️ Plan "Youth club: what should change?": waiting for the working group. It can be published once the working group has approved it.');

    // Still waiting: refused, naming the plan, its state and what to do.
    refused = await press(where, ana, editor, 'Publish');
    expect(cardText(refused)).toContain(
      'The plan "Youth club: what should change?" is waiting for the working group: a survey can be published only once the working group has approved it. Wait for the working group’s decision'
    );
    // Said once: the plan line under it would repeat the refusal.
    expect(cardText(refused)).not.toContain('🗂️ Plan');
    expect(connector.sent().slice(before).filter((a) => JSON.stringify(a).includes('▶️ Start'))).toEqual([]);
    expect((await app.surveys.get(tenantId, surveyIdOf(editor))).status).toBe('draft');

    // Approved: published, and both the author's card and the invitation say by whom and when.
    await approve();
    editor = await execute(where, ana, VERBS.surveyEditor, { surveyId: surveyIdOf(editor) });
    expect(cardText(editor)).toContain('🗂️ Plan "Youth club: what should change?": Approved by the youth voice working group on 4 March.');
    const sentBefore = connector.sent().length;
    const published = await press(where, ana, editor, 'Publish');
    expect(cardText(published)).toContain('Published.');
    expect(cardText(published)).toContain('✅ Approved by the youth voice working group on 4 March.');
    const invite = cardsInActivity(connector.sent()[sentBefore])[0]!;
    expect(cardText(invite)).toContain('✅ Approved by the youth voice working group on 4 March.');
  });

  it('the plan is chosen on the "survey new" form; a plan from elsewhere is refused beside the field', async () => {
    const tenantId = newTenant();
    const where = groupChat(tenantId);
    const ben = user('Ben Author');
    const { plan, approve } = await submittedPlan(tenantId, ben, user('Wyn Member'), 'Parent carers’ forum');
    const other = await submittedPlan(tenantId, user('Someone else'), user('Their member'), 'Not Ben’s');
    await approve();
    const form = await say(where, ben, 'survey new');
    const bad = await press(where, ben, form, 'Create draft', { templateId: 'waiting-times', title: '', cohort: 'parentCarers', planId: other.plan.planId });
    expect(cardText(bad)).toContain('That plan is not one of yours or your working groups’.');
    expect(cardElements(bad).find((e) => e.id === 'planId')?.value).toBe(other.plan.planId);
    const editor = await press(where, ben, form, 'Create draft', { templateId: 'waiting-times', title: '', cohort: 'parentCarers', planId: plan.planId });
    expect(cardText(editor)).toContain('Draft saved.');
    expect(cardActionTitles(editor)).toContain('Change its plan');
    expect(cardText(await press(where, ben, editor, 'Publish'))).toContain('Published.');
  });

  it('sending 1:1 and starting a session are refused while the plan is not approved, and allowed once it is', async () => {
    const tenantId = newTenant();
    const where = groupChat(tenantId);
    const ana = user('Ana Author');
    const kid = user('Kit');
    connector.setRoster(where.conversationId!, [ana, kid].map((u) => ({ id: u.id, aadObjectId: u.aadObjectId, name: u.name })) as never);
    await withLead(where);

    // Published while an administrator had the gate off; with it on again, it may not go out any further.
    await say(personal(where, ada), ada, 'engagement gate off');
    const editor = await draft(where, ana, { cohort: 'youngPeople' });
    const surveyId = surveyIdOf(editor);
    const published = await press(where, ana, editor, 'Publish');
    expect(cardText(published)).toContain('Published.');
    expect(cardText(published)).not.toContain('Approved by');
    await say(personal(where, ada), ada, 'engagement gate on');

    const notSent = await say(where, ana, 'survey send');
    expect(cardText(notSent)).toContain('Not sent');
    expect(cardText(notSent)).toContain('it can be sent only under an engagement plan the working group has approved');
    expect(await app.delivery.deliveries.getJob(tenantId, `survey-${surveyId}`)).toBeUndefined();
    const chooser = await say(where, ana, 'session start');
    const notStarted = await press(where, ana, chooser, 'Start session', { surveyId });
    expect(cardText(notStarted)).toContain('🗂️ Not started');
    expect(cardText(notStarted)).toContain('it can be run in a session only under an engagement plan');

    // A survey under an approved plan, made a minute later: sent, and its session starts.
    clock.advance(60_000);
    const { plan, approve } = await submittedPlan(tenantId, ana, user('Wyn Member'), 'Summer holidays');
    await approve();
    const approved = await draft(where, ana, { cohort: 'youngPeople', planId: plan.planId });
    const approvedId = surveyIdOf(approved);
    expect(cardText(await press(where, ana, approved, 'Publish'))).toContain('Published.');
    // `survey send` sends the newest open survey: this one.
    expect(cardText(await say(where, ana, 'survey send'))).toContain('2 people will get it 1:1');
    const again = await say(where, ana, 'session start');
    const started = await press(where, ana, again, 'Start session', { surveyId: approvedId });
    expect(cardText(started)).not.toContain('Not started');
    expect((await app.sessions.activeIn(tenantId, where.conversationId!)).survey.surveyId).toBe(approvedId);
  });

  it('the messaging extension’s survey dialog offers the plans and says why a survey without an approved one cannot go out', async () => {
    const tenantId = newTenant();
    const where = groupChat(tenantId);
    const ben = user('Ben Author');
    const { plan, approve } = await submittedPlan(tenantId, ben, user('Wyn Member'), 'Waiting times review');
    const dialogOf = (body: unknown): JsonObject => (body as { task: { value: { card: { content: JsonObject } } } }).task.value.card.content;
    const fetched = dialogOf((await app.post(composeExtension(where, ben, 'fetchTask', { commandId: 'createSurvey', commandContext: 'compose' }))).body);
    expectValidCard(fetched, 'survey dialog with plans');
    expect(cardElements(fetched).find((e) => e.id === 'planId')?.choices).toEqual([{ title: 'Waiting times review (waiting for the working group)', value: plan.planId }]);
    const formId = ((fetched.actions as JsonObject[])[0]!.data as { formId: string }).formId;
    const submit = (data: Record<string, unknown>) => app.post(composeExtension(where, ben, 'submitAction', { commandId: 'createSurvey', data: { formId, templateId: 'waiting-times', ...data } }));

    const noPlan = dialogOf((await submit({})).body);
    expect(cardText(noPlan)).toContain('This survey is for parent carers: it can be published only under an engagement plan the working group has approved.');
    const waiting = dialogOf((await submit({ planId: plan.planId })).body);
    expect(cardText(waiting)).toContain('The plan "Waiting times review" is waiting for the working group');
    await approve();
    const preview = (await submit({ planId: plan.planId })).body as { composeExtension: { type: string } };
    expect(preview.composeExtension.type).toBe('botMessagePreview');
    expect((await app.surveys.get(tenantId, formId)).planId).toBe(plan.planId);
  });

  it('staff surveys and quick polls need no plan', async () => {
    const tenantId = newTenant();
    const where = groupChat(tenantId);
    const sam = user('Sam Staff');
    const editor = await draft(where, sam, { templateId: 'waiting-times', cohort: 'staff' });
    expect(cardText(editor)).not.toContain('engagement plan');
    expect(cardActionTitles(editor)).not.toContain('Choose its plan');
    expect(cardText(await press(where, sam, editor, 'Publish'))).toContain('Published.');

    const [pollForm] = await sayForCards(app, connector, where, sam, 'poll');
    const posted = await press(where, sam, pollForm!, 'Post poll', { question: 'Pizza or pasta?', options: 'Pizza\nPasta', anonymous: 'true', resultsVisibility: 'live', chart: 'bar' });
    expect(cardText(posted)).toContain('Poll posted');
  });

  it('only an administrator turns the gate off or on, and each change is audited', async () => {
    const tenantId = newTenant();
    const here: Where = { tenantId, serviceUrl: connector.url, conversationType: 'personal', conversationId: `a:1on1-${randomUUID()}` };
    const ola = user('Ola Officer');
    const audit = new TableAuditLog(app.tables.client(TABLES.audit));

    const status = await say(here, ola, 'engagement gate');
    expect(cardText(status)).toContain('On: a survey for young people or parent carers is published, sent or run in a session only once the working group has approved its engagement plan.');
    const refused = await say(here, ola, 'engagement gate off');
    expect(cardText(refused)).toContain('Not changed');
    expect(cardText(refused)).toContain('Only VoiceLoop administrators can do this.');
    expect(await audit.list(tenantId)).toEqual([]);

    const off = await say({ ...here, conversationId: `a:1on1-${ada.aadObjectId}` }, ada, 'engagement gate off');
    expect(cardText(off)).toContain('The approval gate is off');
    expect(cardText(await say(here, ola, 'engagement gate'))).toContain('Off: surveys for young people and parent carers go out without an approved plan');
    // With the gate off, a young people's survey with no plan is published.
    const where = groupChat(tenantId);
    await withLead(where);
    expect(cardText(await press(where, ola, await draft(where, ola, { cohort: 'youngPeople' }), 'Publish'))).toContain('Published.');

    expect(cardText(await say(here, ada, 'engagement gate off'))).toContain('(it already was)');
    await say(here, ada, 'engagement gate on');
    expect(cardText(await say(here, ola, 'engagement gate maybe'))).toContain('Type "engagement gate on" or "engagement gate off".');
    const entries = (await audit.list(tenantId)).filter((e) => e.action.startsWith('engagement.gate'));
    expect(entries.map((e) => [e.action, e.actor, e.actorName, e.subjectType])).toEqual([
      ['engagement.gate.off', ada.aadObjectId, 'Ada Admin', 'tenant'],
      ['engagement.gate.on', ada.aadObjectId, 'Ada Admin', 'tenant']
    ]);
  });
});
