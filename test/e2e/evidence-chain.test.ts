/**
 * The evidence chain end to end (issue 14, "Links that make the evidence count"), through the real HTTP
 * endpoint with the fake Bot Connector: an approved plan; a young people's survey made under it; answers
 * from six young people; findings opened for the survey, which belong to its plan without being asked;
 * published and the loop closed; a second survey under the plan, answered by two of them and one more;
 * then `audit participation` for the period shows the exact figures, each person counted once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/shared/verbs';
import type { Plan } from '../../src/domain/plans/plan';
import { ManualClock } from '../../src/domain/shared/clock';
import { type TestApp, expectEveryCardValid, newTenant, sayForCards, startTestApp, executeForCard, pressForCard } from '../helpers/app';
import { type TestUser, type Where, installationUpdate, user } from '../helpers/activities';
import { cardElements, cardText } from '../helpers/card-query';
import { type JsonObject, cardsInActivity } from '../helpers/card-validator';
import { type FakeConnector, startFakeConnector } from '../helpers/fake-connector';
import { approvedPlan } from '../helpers/plan-fixtures';

// Monday 7 June 2032, 17:00 in London (BST): inside young people's allowed hours, far from other suites' dates.
const clock = new ManualClock('2032-06-07T16:00:00Z');
let app: TestApp;
let connector: FakeConnector;

const tenantId = newTenant();
const olly = user('Olly Owner');
const young = ['Ali', 'Bea', 'Cal', 'Dee', 'Eli', 'Fay'].map((name) => user(`${name} Young`));
const gus = user('Gus Young');

beforeAll(async () => {
  [app, connector] = await Promise.all([startTestApp({ clock }), startFakeConnector()]);
});
afterAll(async () => {
  if (connector) expectEveryCardValid(connector);
  await app?.close();
  await connector?.close();
});

const personal = (who: TestUser): Where => ({ tenantId, serviceUrl: connector.url, conversationType: 'personal', conversationId: `a:1to1-${who.aadObjectId}` });
const groupChat = (): Where => ({ tenantId, serviceUrl: connector.url, conversationType: 'groupChat', conversationId: `19:club-${tenantId}@thread.v2` });
const news = (): Where => ({ tenantId, serviceUrl: connector.url, conversationType: 'channel', conversationId: `19:news-${tenantId}@thread.tacv2`, teamId: `19:team-${tenantId}@thread.tacv2` });

const execute = (where: Where, who: TestUser, verb: string, data: Record<string, unknown>): Promise<JsonObject> => executeForCard(app, where, who, verb, data);

const say = (where: Where, who: TestUser, words: string): Promise<JsonObject[]> => sayForCards(app, connector, where, who, words);

const press = (where: Where, who: TestUser, card: JsonObject, title: string, inputs: Record<string, unknown> = {}): Promise<JsonObject> =>
  pressForCard(app, where, who, card, title, inputs);

let plan: Plan;
let surveyId = '';
let editor: JsonObject;

/** A young people's survey made under the plan and published in the group chat; returns its id. */
async function publishUnderPlan(templateId: string): Promise<string> {
  const [form] = await say(groupChat(), olly, 'survey new');
  const draft = await press(groupChat(), olly, form!, 'Create draft', { templateId, title: '', cohort: 'youngPeople', planId: plan.planId });
  const before = connector.sent().length;
  await press(groupChat(), olly, draft, 'Publish');
  const invite = cardsInActivity(connector.sent()[before])[0]!;
  return String((cardElements(invite).find((e) => e.title === '▶️ Start')!.data as { surveyId: string }).surveyId);
}

async function answer(who: TestUser, id: string): Promise<void> {
  const survey = await app.surveys.get(tenantId, id);
  await execute(personal(who), who, VERBS.surveyAnswer, { surveyId: id, version: survey.version, questionId: 'q1', choice: '0' });
}

describe('plan → approval → survey → answers → findings → publish → close → audit', () => {
  it('a survey made under the approved plan is published and answered by six young people', async () => {
    plan = await approvedPlan(app, { tenantId, serviceUrl: connector.url, member: olly, now: clock.now() });
    expect(plan.state).not.toBe('draft');
    await say(personal(olly), olly, 'safeguarding lead me');
    surveyId = await publishUnderPlan('session-feedback');
    expect((await app.surveys.get(tenantId, surveyId)).planId).toBe(plan.planId);
    for (const who of young) await answer(who, surveyId);
    expect((await app.surveys.attendees(tenantId, surveyId)).length).toBe(6);
  });

  it('findings opened for the survey belong to its plan, never asked for', async () => {
    editor = await execute(personal(olly), olly, VERBS.findingsOpen, { surveyId });
    expect(cardText(editor)).toContain('linked to your plan');
    const findings = await app.findings.get(tenantId, surveyId);
    expect(findings.planId).toBe(plan.planId);
    expect(findings.teamId).toBe(plan.teamId);
    expect(findings.nextUpdate).toBe(plan.feedbackBy);

    editor = await press(personal(olly), olly, editor, 'Add "You said"', { ys_text: 'The sessions are too early', ys_easyText: 'Sessions start too early', ys_questions: 'q1' });
    editor = await press(personal(olly), olly, editor, 'Add "We did"', {
      wd_text: 'Sessions start at 16:30 from July',
      wd_easyText: 'Sessions start later from July',
      wd_status: 'planned',
      wd_owner: 'Short breaks lead',
      wd_when: '2032-07-01'
    });
    editor = await press(personal(olly), olly, editor, 'Add "We did"', {
      wd_text: 'A second minibus',
      wd_easyText: 'Another minibus',
      wd_status: 'notPossible',
      wd_reason: 'There is no money for it this year.',
      wd_owner: 'Transport lead'
    });
    expect((await app.findings.get(tenantId, surveyId)).weDid.length).toBe(2);
  });

  it('published in a channel, then the loop is closed', async () => {
    await app.post(installationUpdate(news(), olly, 'add'));
    const published = await execute(news(), olly, VERBS.findingsPublish, { surveyId });
    expect(cardText(published)).not.toMatch(/not in that channel/);
    expect((await app.findings.get(tenantId, surveyId)).state).toBe('published');
    await execute(personal(olly), olly, VERBS.findingsStatus, { surveyId, itemId: 'w1', status_w1: 'done', reason_w1: '' });
    expect((await app.findings.get(tenantId, surveyId)).weDid.map((w) => w.status)).toEqual(['done', 'notPossible']);
  });

  it('a second survey under the plan: two of the six and one more answer; its findings are linked too', async () => {
    const second = await publishUnderPlan('session-feedback');
    for (const who of [young[0]!, young[1]!, gus]) await answer(who, second);
    await execute(personal(olly), olly, VERBS.findingsOpen, { surveyId: second });
    expect((await app.findings.get(tenantId, second)).planId).toBe(plan.planId);
  });

  it('audit participation for the period: the exact, non-zero figures', async () => {
    const [card] = await say(personal(olly), olly, 'audit participation 2032-04-01 2033-03-31');
    const text = cardText(card!);
    expect(text).toContain('Participation audit 2032-04-01 to 2033-03-31');
    expect(text).toContain('1 activities (micro 0, meso 1, macro 0) · rungs 6 · Lundy all four: 0 · participants 7 · changes made 1 · loops closed 1');
    // The CSV: one area and the total (nothing is small, so nothing is hidden); Ali and Bea counted once.
    expect(text).toContain('Short breaks,1,0,1,0,6,0,7,1,1');
    expect(text).toContain('All areas,,,,,,,7,,');
  });
});
