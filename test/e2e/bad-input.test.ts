import { randomUUID } from 'node:crypto';
import { odata } from '@azure/data-tables';
import { describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/shared/verbs';
import { TABLES } from '../../src/storage/shared/keys';
import { type TestApp, newTenant, withBotAndConnector } from '../helpers/app';
import { type Where, executeAction, message, user } from '../helpers/activities';
import { cardFromInvokeResponse, cardsInActivity, expectValidCard, type JsonObject } from '../helpers/card-validator';
import type { FakeConnector } from '../helpers/fake-connector';

let app: TestApp;
let connector: FakeConnector;

withBotAndConnector((started) => ({ app, connector } = started));

const author = user('Author');
const validForm = { question: 'Is the new room better?', options: 'Yes\nNo', anonymous: 'false', resultsVisibility: 'live', chart: 'bar' };

async function pollRowsOf(tenantId: string): Promise<number> {
  let n = 0;
  const from = `${tenantId}|`;
  const to = `${tenantId}}`;
  for await (const _ of app.tables.client(TABLES.polls).listEntities({ queryOptions: { filter: odata`PartitionKey ge ${from} and PartitionKey lt ${to}` } })) n++;
  return n;
}

function allText(card: JsonObject): string {
  return JSON.stringify(card.body);
}

async function submitForm(where: Where, form: Record<string, unknown>) {
  const response = await app.post(executeAction(where, author, VERBS.pollCreate, { formId: randomUUID(), ...form }));
  return response;
}

async function expectStillServing(): Promise<void> {
  const where: Where = { tenantId: newTenant(), serviceUrl: connector.url };
  const response = await app.post(executeAction(where, author, VERBS.showHelp, {}));
  expect(response.status).toBe(200);
}

describe('bad input: clear messages, nothing stored half way, the server keeps serving', () => {
  it.each([
    ['an empty question', { ...validForm, question: '   ' }, 'Please write the question.'],
    ['a question over 500 characters', { ...validForm, question: 'x'.repeat(501) }, 'too long: 501 characters'],
    ['one option', { ...validForm, options: 'Only one' }, 'from 2 to 10 options'],
    ['eleven options', { ...validForm, options: Array.from({ length: 11 }, (_, i) => `Option ${i}`).join('\n') }, 'you gave 11'],
    ['a closing time in the past', { ...validForm, closeDate: '2020-01-01', closeTime: '10:00' }, 'must be in the future']
  ])('%s: the form comes back with the message and the person\'s own text, nothing stored', async (_name, form, expected) => {
    const where: Where = { tenantId: newTenant(), serviceUrl: connector.url };
    const sentBefore = connector.sent().length;
    const response = await submitForm(where, form);
    expect(response.status).toBe(200);
    const card = cardFromInvokeResponse(response.body);
    expectValidCard(card, 'form with errors');
    expect(allText(card)).toContain(expected);
    const question = card.body && JSON.stringify(card.body).includes('"id":"question"');
    expect(question).toBe(true);
    expect(await pollRowsOf(where.tenantId)).toBe(0);
    expect(connector.sent().length).toBe(sentBefore);
  });

  it('template syntax, Markdown links and control characters are data, never template source or links', async () => {
    const where: Where = { tenantId: newTenant(), serviceUrl: connector.url };
    const response = await submitForm(where, {
      ...validForm,
      question: 'Budget ${$root.verbs.pollVote} [click here](https://evil.example) \u0007ok\u202E?',
      options: '${1+1}\n{{name}}'
    });
    expect(response.status).toBe(200);
    const [card] = cardsInActivity(connector.sent().at(-1));
    expectValidCard(card, 'poll card');
    const body = JSON.stringify(card!.body);
    expect(body).toContain('Budget ${$root.verbs.pollVote} click here ok?');
    expect(body).not.toContain('https://evil.example');
    expect(body).not.toContain('\\u0007');
    expect(body).toContain('"title":"${1+1}"');
    expect(body).toContain('"title":"{{name}}"');
  });

  it('an unknown verb gets a 400 invoke error', async () => {
    const where: Where = { tenantId: newTenant(), serviceUrl: connector.url };
    const response = await app.post(executeAction(where, author, 'poll.explode', {}));
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'unknown_verb' } });
  });

  it('an invoke VoiceLoop does not handle gets a 400, not a 501', async () => {
    const where: Where = { tenantId: newTenant(), serviceUrl: connector.url };
    const activity = { ...executeAction(where, author, 'x', {}), name: 'task/unknownThing', value: {} };
    const response = await app.post(activity);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ type: 'application/vnd.microsoft.error' });
  });

  it('missing data gets a 400 invoke error naming what is missing', async () => {
    const where: Where = { tenantId: newTenant(), serviceUrl: connector.url };
    const response = await app.post(executeAction(where, author, VERBS.pollVote, { choice: '0' }));
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ type: 'application/vnd.microsoft.error', value: { message: 'The request is missing "pollId".' } });
  });

  it('a vote on an unknown poll gets a 404 invoke error', async () => {
    const where: Where = { tenantId: newTenant(), serviceUrl: connector.url };
    const response = await app.post(executeAction(where, author, VERBS.pollVote, { pollId: randomUUID(), choice: '0' }));
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ type: 'application/vnd.microsoft.error', value: { code: 'not_found' } });
  });

  it('a vote for an option that does not exist is refused on the card and not counted', async () => {
    const where: Where = { tenantId: newTenant(), serviceUrl: connector.url };
    const formId = randomUUID();
    await app.post(executeAction(where, author, VERBS.pollCreate, { formId, ...validForm }));
    const response = await app.post(executeAction(where, user('Voter'), VERBS.pollVote, { pollId: formId, choice: '7' }));
    expect(response.status).toBe(200);
    const card = cardFromInvokeResponse(response.body);
    expect(allText(card)).toContain('Please choose one of the options.');
    expect(allText(card)).toContain('No votes yet.');
  });

  it('a double-clicked "Post poll" posts one poll', async () => {
    const where: Where = { tenantId: newTenant(), serviceUrl: connector.url };
    const formId = randomUUID();
    const sentBefore = connector.sent().length;
    const [a, b] = await Promise.all([
      app.post(executeAction(where, author, VERBS.pollCreate, { formId, ...validForm })),
      app.post(executeAction(where, author, VERBS.pollCreate, { formId, ...validForm }))
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const texts = [a, b].map((r) => allText(cardFromInvokeResponse(r.body)));
    expect(texts.filter((t) => t.includes('Poll posted'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('Poll already posted'))).toHaveLength(1);
    expect(connector.sent().length - sentBefore).toBe(1);
  });

  it('if the poll card cannot be posted, the poll is not kept', async () => {
    const where: Where = { tenantId: newTenant(), serviceUrl: connector.url };
    connector.setFailNext((req) => (req.kind === 'replyToActivity' || req.kind === 'sendToConversation' ? 403 : undefined));
    try {
      const response = await submitForm(where, validForm);
      expect(response.status).toBe(500);
      expect(response.body).toMatchObject({ type: 'application/vnd.microsoft.error', value: { code: 'internal_error' } });
    } finally {
      connector.setFailNext(undefined);
    }
    expect(await pollRowsOf(where.tenantId)).toBe(0);
  });

  it.each([
    ['a JSON array', '[1,2]', 400],
    ['broken JSON', '{"type": "message",', 400],
    ['an activity without a conversation', JSON.stringify({ type: 'message', channelId: 'msteams', serviceUrl: 'http://127.0.0.1:9/', from: { id: 'x' }, recipient: { id: 'b' } }), 400],
    ['an activity without a type', JSON.stringify({ channelId: 'msteams' }), 400]
  ])('%s gets a %s and the server keeps serving', async (_name, body, status) => {
    const response = await app.post(body);
    expect(response.status).toBe(status);
    await expectStillServing();
  });

  it('a message with no tenant is answered without storing anything', async () => {
    const where: Where = { tenantId: newTenant(), serviceUrl: connector.url };
    const activity = message(where, author, 'poll') as Record<string, unknown>;
    activity.conversation = { id: 'a:no-tenant', conversationType: 'personal' };
    activity.channelData = {};
    const response = await app.post(activity);
    expect(response.status).toBe(200);
    await expectStillServing();
  });
});
