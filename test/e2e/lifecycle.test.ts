import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/shared/verbs';
import { ManualClock } from '../../src/domain/shared/clock';
import { TableConversationRepository } from '../../src/storage/shared/conversation-repository';
import { TABLES } from '../../src/storage/shared/keys';
import { type TestApp, expectEveryCardValid, newTenant, startTestApp } from '../helpers/app';
import { BOT, type Where, executeAction, installationUpdate, membersAdded, membersRemoved, message, user } from '../helpers/activities';
import { cardFromInvokeResponse, cardsInActivity, expectValidCard, type JsonObject } from '../helpers/card-validator';
import { type FakeConnector, startFakeConnector } from '../helpers/fake-connector';

let connector: FakeConnector;
beforeAll(async () => {
  connector = await startFakeConnector();
});
afterAll(async () => {
  if (connector) expectEveryCardValid(connector);
  await connector?.close();
});

const text = (card: JsonObject | undefined): string => JSON.stringify(card?.body ?? '');

describe('installation, welcome and help', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app?.close());

  it('on install in a personal chat: stores the reference per person and welcomes once', async () => {
    const tenantId = newTenant();
    const person = user('Priya');
    const where: Where = { tenantId, serviceUrl: connector.url, conversationType: 'personal', conversationId: `a:${randomUUID()}` };
    const before = connector.sent().length;
    // Teams sends both events on install, sometimes at the same time.
    const responses = await Promise.all([
      app.post(installationUpdate(where, person, 'add')),
      app.post(membersAdded(where, person, [{ id: BOT.id }, { id: person.id }]))
    ]);
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    const welcomes = connector.sent().slice(before).filter((a) => a.conversation?.id === where.conversationId);
    expect(welcomes).toHaveLength(1);
    const [card] = cardsInActivity(welcomes[0]);
    expectValidCard(card, 'welcome card');
    expect(text(card)).toContain('Welcome to VoiceLoop');
    const buttons = (card!.actions as JsonObject[]).map((a) => a.verb);
    expect(buttons).toContain(VERBS.pollForm);

    const conversations = new TableConversationRepository(app.tables.client(TABLES.conversations));
    const stored = await conversations.getPersonal(tenantId, person.aadObjectId);
    expect(stored).toMatchObject({ conversationId: where.conversationId, serviceUrl: connector.url, conversationType: 'personal', userId: person.id });
  });

  it('in a team channel: stores the reference per channel; removing the bot deletes it', async () => {
    const tenantId = newTenant();
    const owner = user('Team owner');
    const channelId = `19:${randomUUID()}@thread.tacv2`;
    const where: Where = { tenantId, serviceUrl: connector.url, conversationType: 'channel', conversationId: channelId, teamId: channelId };
    await app.post(membersAdded(where, owner, [{ id: BOT.id }]));
    const conversations = new TableConversationRepository(app.tables.client(TABLES.conversations));
    expect(await conversations.getConversation(tenantId, channelId)).toMatchObject({ conversationType: 'channel', teamId: channelId });

    // Another member joining is not a reason to welcome again.
    const before = connector.sent().length;
    await app.post(membersAdded(where, owner, [{ id: user('New member').id }]));
    expect(connector.sent().length).toBe(before);

    await app.post(membersRemoved(where, owner, [{ id: BOT.id }]));
    expect(await conversations.getConversation(tenantId, channelId)).toBeUndefined();
  });

  it('"help" returns the command card; anything else points to help', async () => {
    const where: Where = { tenantId: newTenant(), serviceUrl: connector.url };
    await app.post(message(where, user('Sam'), '  HELP '));
    const [card] = cardsInActivity(connector.sent().at(-1));
    expectValidCard(card, 'help card');
    expect(text(card)).toContain('What VoiceLoop can do');
    expect(text(card)).toContain('"title":"poll"');

    await app.post(message(where, user('Sam'), 'what is this?'));
    expect(connector.sent().at(-1)?.text).toContain('Type **help**');
  });

  it('the help card\'s "Create a poll" button posts a new form and leaves the help card as it was', async () => {
    const where: Where = { tenantId: newTenant(), serviceUrl: connector.url };
    const before = connector.sent().length;
    const response = await app.post(executeAction(where, user('Sam'), VERBS.pollForm, {}));
    expect(response.status).toBe(200);
    expect(text(cardFromInvokeResponse(response.body))).toContain('What VoiceLoop can do');
    const [form] = cardsInActivity(connector.sent().slice(before)[0]);
    expectValidCard(form, 'poll form');
    expect(text(form)).toContain('Create a quick poll');
  });

  it('health and readiness endpoints answer', async () => {
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('every log line written while handling an activity carries its id', async () => {
    const where: Where = { tenantId: newTenant(), serviceUrl: connector.url };
    const activity = executeAction(where, user('Sam'), VERBS.pollVote, { pollId: randomUUID(), choice: '0' });
    await app.post(activity);
    const lines = app.logs.filter((l) => l.activityId === activity.id);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.some((l) => String(l.msg).includes('This poll no longer exists'))).toBe(true);
  });
});

describe('persistence and the scheduler', () => {
  it('polls and votes survive a restart of the app', async () => {
    const where: Where = { tenantId: newTenant(), serviceUrl: connector.url };
    const author = user('Author');
    const voter = user('Voter');
    const formId = randomUUID();
    const first = await startTestApp();
    try {
      await first.post(
        executeAction(where, author, VERBS.pollCreate, { formId, question: 'Keep?', options: 'A\nB', resultsVisibility: 'live', chart: 'donut' })
      );
      await first.post(executeAction(where, voter, VERBS.pollVote, { pollId: formId, choice: '1' }));
    } finally {
      await first.close();
    }
    const second = await startTestApp();
    try {
      const response = await second.post(executeAction(where, voter, VERBS.pollRefresh, { pollId: formId }));
      const card = cardFromInvokeResponse(response.body);
      expectValidCard(card, 'refreshed after restart');
      expect(text(card)).toContain('You chose: B');
      expect(text(card)).toContain('"type":"Chart.Donut"');
      expect(text(card)).toContain('{"legend":"B","value":1}');
    } finally {
      await second.close();
    }
  });

  it('a poll with a closing time closes itself and the card updates for everyone', async () => {
    const clock = new ManualClock(new Date());
    const app = await startTestApp({ clock });
    try {
      const where: Where = { tenantId: newTenant(), serviceUrl: connector.url };
      const formId = randomUUID();
      const tomorrow = new Date(clock.now().getTime() + 86_400_000).toISOString().slice(0, 10);
      const created = await app.post(
        executeAction(where, user('Author'), VERBS.pollCreate, {
          formId,
          question: 'Closes itself?',
          options: 'Yes\nNo',
          resultsVisibility: 'afterClose',
          closeDate: tomorrow,
          closeTime: '12:00'
        })
      );
      expect(created.status).toBe(200);
      const pollMessageId = connector.sentRequests().at(-1)?.responseId;
      await app.post(executeAction(where, user('Voter'), VERBS.pollVote, { pollId: formId, choice: '0' }));

      const updatesOfPoll = () => connector.updated().filter((a) => a.id === pollMessageId);
      await app.scheduler.runDue();
      expect(updatesOfPoll()).toHaveLength(0); // not yet due
      clock.advance(3 * 86_400_000);
      await app.scheduler.runDue();
      const [update] = updatesOfPoll();
      expect(update).toBeDefined();
      const [card] = cardsInActivity(update);
      expectValidCard(card, 'closed by the scheduler');
      expect(text(card)).toContain('Closed');
      expect(text(card)).toContain('{"x":"Yes","y":1}');
      await app.scheduler.runDue();
      expect(updatesOfPoll()).toHaveLength(1); // and only once
    } finally {
      await app.close();
    }
  });
});
