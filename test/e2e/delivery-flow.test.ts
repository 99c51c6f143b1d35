/**
 * 1:1 delivery and safeguarding through the real endpoint (HTTP → Teams routes → services → Azurite
 * tables and queue → fake Bot Connector), in virtual time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/shared/verbs';
import { ManualClock } from '../../src/domain/shared/clock';
import { surveyJobId } from '../../src/domain/surveys/survey-delivery';
import { type TestApp, expectEveryCardValid, newTenant, startTestApp, sayForCard } from '../helpers/app';
import { type TestUser, type Where, executeAction, user } from '../helpers/activities';
import { type JsonObject, cardFromInvokeResponse } from '../helpers/card-validator';
import { type FakeConnector, startFakeConnector } from '../helpers/fake-connector';
import { approvedPlan } from '../helpers/plan-fixtures';

let app: TestApp;
let connector: FakeConnector;
// Monday 16:00 in London: inside young people's allowed hours.
const clock = new ManualClock('2026-01-05T16:00:00Z');

beforeAll(async () => {
  [app, connector] = await Promise.all([startTestApp({ clock }), startFakeConnector()]);
});
afterAll(async () => {
  if (connector) expectEveryCardValid(connector);
  await app?.close();
  await connector?.close();
});

const textOf = (card: unknown): string => JSON.stringify(card) ?? ''; // a request with no body (a member lookup) reads as ''

const say = (where: Where, who: TestUser, text: string): Promise<JsonObject> => sayForCard(app, connector, where, who, text);

async function execute(where: Where, who: TestUser, verb: string, data: Record<string, unknown>) {
  const response = await app.post(executeAction(where, who, verb, data));
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return cardFromInvokeResponse(response.body);
}

function findAction(card: unknown, title: string): JsonObject {
  const all: JsonObject[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      all.push(v as JsonObject);
      Object.values(v).forEach(walk);
    }
  };
  walk(card);
  const found = all.find((n) => n.title === title && typeof n.verb === 'string');
  if (!found) throw new Error(`no action ${title}`);
  return found;
}

const personal = (where: Where, who: TestUser): Where => ({ tenantId: where.tenantId, serviceUrl: where.serviceUrl, conversationType: 'personal', conversationId: `a:1on1-${who.aadObjectId}` });

/** Young people's surveys go out only under an engagement plan the working group approved (the approval gate): one the owner may use. */
const approvedPlanFor = async (where: Where, owner: TestUser): Promise<string> =>
  (await approvedPlan(app, { tenantId: where.tenantId, serviceUrl: where.serviceUrl, member: owner, now: clock.now() })).planId;

async function publish(where: Where, owner: TestUser): Promise<string> {
  const planId = await approvedPlanFor(where, owner);
  const form = await say(where, owner, 'survey new');
  const create = findAction(form, 'Create draft');
  const editor = await execute(where, owner, String(create.verb), { ...(create.data as object), templateId: 'session-feedback', title: '', cohort: 'youngPeople', planId });
  const publishAction = findAction(editor, 'Publish');
  const done = await execute(where, owner, String(publishAction.verb), publishAction.data as Record<string, unknown>);
  const surveyId = String((publishAction.data as { surveyId: string }).surveyId);
  return textOf(done).includes('Published.') ? surveyId : Promise.reject(new Error(textOf(done)));
}

describe('safeguarding end to end', () => {
  it('without a safeguarding lead, a young-people survey with free text cannot be published, and the author is told why', async () => {
    const where: Where = { tenantId: newTenant(), serviceUrl: connector.url, conversationType: 'groupChat', conversationId: `19:nolead-${Date.now()}@thread.v2` };
    const ana = user('Ana');
    const planId = await approvedPlanFor(where, ana);
    const form = await say(where, ana, 'survey new');
    const create = findAction(form, 'Create draft');
    const editor = await execute(where, ana, String(create.verb), { ...(create.data as object), templateId: 'session-feedback', title: '', cohort: 'youngPeople', planId });
    const publishAction = findAction(editor, 'Publish');
    const refused = await execute(where, ana, String(publishAction.verb), publishAction.data as Record<string, unknown>);
    expect(textOf(refused)).toContain('a designated safeguarding lead must be set first');
  });

  it('a worrying free-text answer: the easy-read reply to the young person, a 1:1 alert to the lead (once), nothing in the group', async () => {
    const where: Where = { tenantId: newTenant(), serviceUrl: connector.url, conversationType: 'groupChat', conversationId: `19:club-${Date.now()}@thread.v2` };
    const dee = user('Dee Lead');
    const lead = await say(personal(where, dee), dee, 'safeguarding lead me');
    expect(textOf(lead)).toContain('You are the designated safeguarding lead');
    const surveyId = await publish(where, dee);

    const kit = user('Kit');
    const kitChat = personal(where, kit);
    const q4 = await execute(kitChat, kit, VERBS.surveyShow, { surveyId, index: 3 });
    const send = findAction(q4, '📨 Send my answer');
    const before = connector.sent().length;
    await execute(kitChat, kit, String(send.verb), { ...(send.data as object), text: "I don't feel safe at home" });
    await connector.waitForSent(before + 2);
    const after = connector.sentRequests().slice(before);
    const toKit = after.filter((r) => r.conversationId === kitChat.conversationId);
    const toLead = after.filter((r) => r.conversationId === `a:1on1-${dee.aadObjectId}`);
    expect(toKit).toHaveLength(1);
    expect(textOf(toKit[0]!.body)).toMatch(/cannot keep what you wrote a secret.*0800 1111/s);
    expect(toLead).toHaveLength(1);
    expect(textOf(toLead[0]!.body)).toContain("I don't feel safe at home");
    expect(textOf(toLead[0]!.body)).toContain('Kit');
    expect(after.filter((r) => r.conversationId === where.conversationId)).toHaveLength(0);

    // The same answer sent again (a double click): no second alert.
    const again = connector.sent().length;
    await execute(kitChat, kit, String(send.verb), { ...(send.data as object), text: "I don't feel safe at home" });
    await connector.waitForSent(again + 1);
    expect(connector.sentRequests().slice(again).filter((r) => r.conversationId === `a:1on1-${dee.aadObjectId}`)).toHaveLength(0);

    // An ordinary answer: no reply card, no alert.
    const calm = connector.sent().length;
    await execute(kitChat, kit, String(send.verb), { ...(send.data as object), text: 'I feel safe and the club is fun' });
    expect(connector.sent().length).toBe(calm);
  });
});

describe('survey send: 1:1 to everyone in a group chat', () => {
  it('reads the roster, reaches people with and without a stored 1:1 chat, shows progress, and never sends twice', async () => {
    const tenantId = newTenant();
    const chatId = `19:young-commissioners-${Date.now()}@thread.v2`;
    const where: Where = { tenantId, serviceUrl: connector.url, conversationType: 'groupChat', conversationId: chatId };
    const ana = user('Ana Author');
    const kids = [user('Ade'), user('Bo'), user('Cai')];
    connector.setRoster(chatId, [ana, ...kids].map((u) => ({ id: u.id, aadObjectId: u.aadObjectId, name: u.name })) as never);
    await say(personal(where, ana), ana, 'safeguarding lead me');
    // Ade has talked to VoiceLoop before: a stored 1:1 chat. Bo and Cai have not.
    await say(personal(where, kids[0]!), kids[0]!, 'help');
    const surveyId = await publish(where, ana);

    const notice = await say(where, ana, 'survey send');
    expect(textOf(notice)).toContain('4 people will get it 1:1');
    const createdBefore = connector.created().length;
    await app.delivery.worker.drain();
    // The same survey sent again: nobody twice.
    const second = await say(where, ana, 'survey send');
    expect(textOf(second)).toContain('4 already had it');
    await app.delivery.worker.drain();

    const invites = connector.sentRequests().filter((r) => textOf(r.body).includes(surveyId) && r.conversationId !== chatId);
    const perChat = new Map<string, number>();
    for (const r of invites) perChat.set(r.conversationId!, (perChat.get(r.conversationId!) ?? 0) + 1);
    expect([...perChat.values()]).toEqual([1, 1, 1, 1]);
    expect(connector.created().length - createdBefore).toBe(2); // Bo and Cai: 1:1 chats created

    const progress = await app.delivery.service.progress(tenantId, surveyJobId(surveyId));
    expect(progress).toMatchObject({ finished: true, counts: { sent: 4, total: 4 } });
    const toAuthor = connector.requests.filter((r) => r.conversationId === `a:1on1-${ana.aadObjectId}` && textOf(r.body).includes('Finished sending'));
    expect(toAuthor.length).toBeGreaterThanOrEqual(1);
  });

  it('survey send reminders <n> sets this survey\'s reminders; out of range is refused and nothing is sent', async () => {
    const tenantId = newTenant();
    const chatId = `19:reminders-${Date.now()}@thread.v2`;
    const where: Where = { tenantId, serviceUrl: connector.url, conversationType: 'groupChat', conversationId: chatId };
    const ana = user('Ana Author');
    const kid = user('Dev');
    connector.setRoster(chatId, [ana, kid].map((u) => ({ id: u.id, aadObjectId: u.aadObjectId, name: u.name })) as never);
    await say(personal(where, ana), ana, 'safeguarding lead me');
    const surveyId = await publish(where, ana);
    expect(textOf(await say(where, ana, 'survey send reminders 9'))).toContain('from 0 to 3');
    expect(await app.delivery.deliveries.getJob(tenantId, surveyJobId(surveyId))).toBeUndefined();
    expect(textOf(await say(where, ana, 'survey send reminders 2'))).toContain('2 people will get it 1:1');
    expect((await app.delivery.deliveries.getJob(tenantId, surveyJobId(surveyId)))?.maxReminders).toBe(2);
    // Sent again with other reminders: the first send's setting stays, and the author is told.
    expect(textOf(await say(where, ana, 'survey send reminders 0'))).toContain('Reminders stay at 2');
  });

  it('survey send in a 1:1 chat or with no open survey: a clear message, nothing sent', async () => {
    const tenantId = newTenant();
    const ana = user('Ana');
    const where: Where = { tenantId, serviceUrl: connector.url, conversationType: 'groupChat', conversationId: `19:empty-${Date.now()}@thread.v2` };
    expect(textOf(await say(where, ana, 'survey send'))).toContain('You have no open survey to send');
    await say(personal(where, ana), ana, 'safeguarding lead me');
    await publish(where, ana);
    expect(textOf(await say(personal(where, ana), ana, 'survey send'))).toContain('Type \\"survey send\\" in the team channel or group chat');
  });
});

describe('response rates in the manager digest', () => {
  it('people asked = sent it 1:1 plus present in a session, each once; the digest shows "5 of 8 responded (63%)"', async () => {
    const tenantId = newTenant();
    const ana = user('Ana Author');
    const kids = Array.from({ length: 7 }, (_, i) => user(`Kid ${i}`));
    const roster = (people: TestUser[]) => people.map((u) => ({ id: u.id, aadObjectId: u.aadObjectId, name: u.name })) as never;
    const chatA = `19:rates-a-${Date.now()}@thread.v2`;
    const chatB = `19:rates-b-${Date.now()}@thread.v2`;
    connector.setRoster(chatA, roster([ana, ...kids.slice(0, 5)]));
    connector.setRoster(chatB, roster([ana, kids[3]!, kids[4]!, kids[5]!, kids[6]!]));
    const mine: Where = { tenantId, serviceUrl: connector.url, conversationType: 'personal', conversationId: `a:1on1-${ana.aadObjectId}` };
    await say(mine, ana, 'safeguarding lead me');
    const surveyId = await publish(mine, ana); // published in Ana's 1:1 chat: not posted where anyone could answer

    // Before anyone is asked there is no denominator.
    expect((await app.digests.digest(tenantId)).newestLive[0]!.rate).toMatchObject({ kind: 'notKnown', why: 'notAsked' });

    // 1:1 to the six members of chat A (Ana included), then a session in chat B: Kid 5 and Kid 6 are new.
    await say({ tenantId, serviceUrl: connector.url, conversationType: 'groupChat', conversationId: chatA }, ana, 'survey send');
    await app.delivery.worker.drain();
    const whereB: Where = { tenantId, serviceUrl: connector.url, conversationType: 'groupChat', conversationId: chatB };
    const chooser = await say(whereB, ana, 'session start');
    const begin = findAction(chooser, 'Start session');
    await execute(whereB, ana, String(begin.verb), { ...(begin.data as object), surveyId });

    // Five young people answer; respondents come from the tally, the asked count from its counters.
    const survey = await app.surveys.get(tenantId, surveyId);
    for (const kid of kids.slice(0, 5)) {
      await execute(personal(mine, kid), kid, VERBS.surveyAnswer, { surveyId, version: survey.version, questionId: survey.questions[0]!.id, choice: '0' });
    }
    const card = await say(mine, ana, 'digest');
    expect(textOf(card)).toContain('5 of 8 responded (63%)');
    expect((await app.digests.digest(tenantId)).newestLive[0]!.rate).toEqual({ kind: 'rate', respondents: 5, asked: 8, percent: 63 });
  });
});

