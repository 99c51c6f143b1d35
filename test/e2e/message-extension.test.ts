import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/shared/verbs';
import { SURVEY_TEMPLATES } from '../../src/domain/surveys/survey-templates';
import { TableWorkingGroupRepository } from '../../src/storage/approvals/approval-repository';
import { approvedPlan, validPlanForm } from '../helpers/plan-fixtures';
import { type TestApp, expectEveryCardValid, newTenant, withBotAndConnector } from '../helpers/app';
import { type TestUser, type Where, composeExtension, executeAction, message, user } from '../helpers/activities';
import { cardFromInvokeResponse, expectValidCard, type JsonObject } from '../helpers/card-validator';
import { type FakeConnector, startFakeConnector } from '../helpers/fake-connector';

let app: TestApp;
let connector: FakeConnector;

withBotAndConnector((started) => ({ app, connector } = started));

interface ComposeResult {
  type: string;
  text?: string;
  attachmentLayout?: string;
  attachments?: { contentType: string; content: JsonObject; preview?: { content: { title: string } } }[];
  activityPreview?: { attachments: { content: JsonObject }[] };
}

async function query(where: Where, who: TestUser, text: string | undefined): Promise<ComposeResult> {
  const parameters = text === undefined ? [] : [{ name: 'query', value: text }];
  const response = await app.post(composeExtension(where, who, 'query', { commandId: 'search', parameters, queryOptions: { skip: 0, count: 25 } }));
  expect(response.status).toBe(200);
  return (response.body as { composeExtension: ComposeResult }).composeExtension;
}

async function createPollIn(where: Where, who: TestUser, question: string): Promise<string> {
  const formId = randomUUID();
  const response = await app.post(
    executeAction(where, who, VERBS.pollCreate, { formId, question, options: 'Yes\nNo', resultsVisibility: 'live', chart: 'bar' })
  );
  expect(response.status).toBe(200);
  return formId;
}

/** A date (YYYY-MM-DD) this many days ahead: the app under test runs on the real clock. */
const daysFromNow = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const titles = (result: ComposeResult): string[] => (result.attachments ?? []).map((a) => a.preview?.content.title ?? '');

describe('messaging extension: search', () => {
  const tenantId = newTenant();
  const chatA: Where = { tenantId, serviceUrl: '', conversationId: '19:chat-a@thread.v2' };
  const chatB: Where = { tenantId, serviceUrl: '', conversationId: '19:chat-b@thread.v2' };
  const ana = user('Ana');
  const ben = user('Ben');

  beforeAll(async () => {
    chatA.serviceUrl = connector.url;
    chatB.serviceUrl = connector.url;
    await createPollIn(chatA, ana, 'Should the summer youth club open on Saturdays?');
    await createPollIn(chatA, ana, 'Budget for the sensory room');
    await createPollIn(chatB, ben, 'Saturday transport budget');
  });

  it('finds items by the start of words in their title; choosing one inserts the live card', async () => {
    const result = await query(chatA, ana, 'satur');
    expect(result.type).toBe('result');
    expect(titles(result)).toEqual(['Should the summer youth club open on Saturdays?']);
    // In Teams a result is a light thumbnail read from the index alone; its tap asks for the card.
    expect(result.attachments![0]!.contentType).toBe('application/vnd.microsoft.card.thumbnail');
    const tap = (result.attachments![0]!.preview!.content as unknown as { tap: { type: string; value: Record<string, unknown> } }).tap;
    expect(tap.type).toBe('invoke');

    const chosen = await app.post(composeExtension(chatA, ana, 'selectItem', tap.value));
    expect(chosen.status).toBe(200);
    const full = (chosen.body as { composeExtension: ComposeResult }).composeExtension;
    const card = full.attachments![0]!.content;
    expectValidCard(card, 'chosen search result');
    // The inserted card is live: its vote action carries the poll id.
    expect(JSON.stringify(card)).toContain(`"verb":"${VERBS.pollVote}"`);
    expect(JSON.stringify(card)).toContain('Should the summer youth club open on Saturdays?');

    // Choosing is checked again: someone who may not see the poll gets a message, not the card.
    const elsewhere: Where = { tenantId, serviceUrl: connector.url, conversationId: '19:other@thread.v2' };
    const refused = await app.post(composeExtension(elsewhere, user('Stranger'), 'selectItem', tap.value));
    expect((refused.body as { composeExtension: ComposeResult }).composeExtension).toMatchObject({ type: 'message' });
    const bogus = await app.post(composeExtension(chatA, ana, 'selectItem', { kind: 'nonsense', id: 'x' }));
    expect((bogus.body as { composeExtension: ComposeResult }).composeExtension).toMatchObject({ type: 'message' });
  });

  it('returns only what the user may see: their own items and items of the conversation they are in', async () => {
    expect(titles(await query(chatB, ana, 'budget')).sort()).toEqual(['Budget for the sensory room', 'Saturday transport budget']);
    // Ben sees his own poll (made in chat B) and, being in chat A, the poll posted there.
    expect(titles(await query(chatA, ben, 'budget')).sort()).toEqual(['Budget for the sensory room', 'Saturday transport budget']);
    // Ben, in chat B, does not see Ana's poll from chat A.
    expect(titles(await query(chatB, ben, 'summer'))).toEqual([]);
    const stranger = user('Stranger');
    const elsewhere: Where = { tenantId, serviceUrl: connector.url, conversationId: '19:other@thread.v2' };
    expect(titles(await query(elsewhere, stranger, 'budget'))).toEqual([]);
  });

  it('never returns another tenant\'s items', async () => {
    const other: Where = { tenantId: newTenant(), serviceUrl: connector.url, conversationId: chatA.conversationId };
    expect(titles(await query(other, ana, 'budget'))).toEqual([]);
  });

  it('needs every word of the query', async () => {
    expect(titles(await query(chatA, ana, 'budget sensory'))).toEqual(['Budget for the sensory room']);
    expect(titles(await query(chatA, ana, 'budget swimming'))).toEqual([]);
  });

  it('an empty query lists the user\'s own recent items; with none, a message', async () => {
    expect(titles(await query(chatA, ana, ''))).toEqual(['Budget for the sensory room', 'Should the summer youth club open on Saturdays?']);
    expect(titles(await query(chatA, ana, undefined))).toHaveLength(2);
    const nobody = await query(chatA, user('New person'), '');
    expect(nobody).toMatchObject({ type: 'message' });
  });

  it('a 1,000-character query gets a message result, not an error', async () => {
    const result = await query(chatA, ana, 'a'.repeat(1000));
    expect(result.type).toBe('message');
    expect(result.text).toContain('fewer words');
  });

  it('an unknown command id gets a 400 invoke error', async () => {
    const response = await app.post(composeExtension(chatA, ana, 'query', { commandId: 'noSuchCommand', parameters: [] }));
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ type: 'application/vnd.microsoft.error' });
  });
});

describe('messaging extension: create a poll from the compose box', () => {
  it('fetchTask opens the form; submit previews; edit reopens it filled in; send posts a live card', async () => {
    const where: Where = { tenantId: newTenant(), serviceUrl: connector.url };
    const author = user('Author');
    const fetched = await app.post(composeExtension(where, author, 'fetchTask', { commandId: 'createPoll', commandContext: 'compose' }));
    expect(fetched.status).toBe(200);
    const task = (fetched.body as { task: { type: string; value: { card: { content: JsonObject } } } }).task;
    expect(task.type).toBe('continue');
    const form = task.value.card.content;
    expectValidCard(form, 'dialog form');
    const submit = (form.actions as JsonObject[]).find((a) => a.type === 'Action.Submit');
    const formId = (submit?.data as { formId: string }).formId;

    // Invalid: the dialog comes back with the message.
    const invalid = await app.post(composeExtension(where, author, 'submitAction', { commandId: 'createPoll', data: { formId, question: '', options: 'One' } }));
    const again = (invalid.body as { task: { type: string; value: { card: { content: JsonObject } } } }).task;
    expect(again.type).toBe('continue');
    expect(JSON.stringify(again.value.card.content)).toContain('Please write the question.');

    // Valid: a preview.
    const values = { formId, question: 'Move the meeting to Thursday?', options: 'Yes\nNo', resultsVisibility: 'live', chart: 'bar' };
    const submitted = await app.post(composeExtension(where, author, 'submitAction', { commandId: 'createPoll', data: values }));
    const preview = (submitted.body as { composeExtension: ComposeResult }).composeExtension;
    expect(preview.type).toBe('botMessagePreview');
    const previewCard = preview.activityPreview!.attachments[0]!.content;
    expectValidCard(previewCard, 'preview card');

    // Edit: the form again, with what was typed.
    const edited = await app.post(
      composeExtension(where, author, 'submitAction', { commandId: 'createPoll', botMessagePreviewAction: 'edit', botActivityPreview: [preview.activityPreview] })
    );
    const editTask = (edited.body as { task: { value: { card: { content: JsonObject } } } }).task;
    expect(JSON.stringify(editTask.value.card.content)).toContain('Move the meeting to Thursday?');

    // Send: the bot posts the live card.
    const before = connector.sent().length;
    const sent = await app.post(
      composeExtension(where, author, 'submitAction', { commandId: 'createPoll', botMessagePreviewAction: 'send', botActivityPreview: [preview.activityPreview] })
    );
    expect(sent.status).toBe(200);
    const posted = connector.sent().slice(before);
    expect(posted).toHaveLength(1);
    const vote = await app.post(executeAction(where, user('Voter'), VERBS.pollVote, { pollId: formId, choice: '0' }));
    expect(vote.status).toBe(200);
    expect(JSON.stringify(cardFromInvokeResponse(vote.body))).toContain('You chose: Yes');

    // Sending the same preview twice posts once.
    await app.post(
      composeExtension(where, author, 'submitAction', { commandId: 'createPoll', botMessagePreviewAction: 'send', botActivityPreview: [preview.activityPreview] })
    );
    expect(connector.sent().slice(before).filter((a) => JSON.stringify(a).includes('Move the meeting'))).toHaveLength(1);
  });

  it('a submitAction with missing or wrong fields gets a task message, not a crash', async () => {
    const where: Where = { tenantId: newTenant(), serviceUrl: connector.url };
    const response = await app.post(composeExtension(where, user('A'), 'submitAction', { commandId: 'createPoll', data: { question: 'No form id' } }));
    expect(response.status).toBe(200);
    expect((response.body as { task: { type: string; value: string } }).task).toEqual({ type: 'message', value: 'This form is out of date. Please open it again.' });
  });
});

describe('messaging extension: link unfurling', () => {
  it('a link to a poll unfurls into its card; a deleted one or a foreign link gets a message', async () => {
    const where: Where = { tenantId: newTenant(), serviceUrl: connector.url };
    const pollId = await createPollIn(where, user('Author'), 'Which colour for the new logo?');
    const unfurl = async (url: string) => {
      const response = await app.post(composeExtension(where, user('Reader'), 'queryLink', { url }));
      expect(response.status).toBe(200);
      return (response.body as { composeExtension: ComposeResult }).composeExtension;
    };
    const found = await unfurl(`https://voiceloop.test/polls/${pollId}`);
    expect(titles(found)).toEqual(['Which colour for the new logo?']);
    expectValidCard(found.attachments![0]!.content, 'unfurled card');
    expect(await unfurl(`https://voiceloop.test/polls/${randomUUID()}`)).toMatchObject({ type: 'message', text: 'This poll no longer exists.' });
    expect(await unfurl('https://elsewhere.example/polls/x')).toMatchObject({ type: 'message' });
  });
});

describe('messaging extension: surveys and plans', () => {
  it('creates a survey from a template: dialog, preview, send publishes it and posts the live invitation once', async () => {
    const where: Where = { tenantId: newTenant(), serviceUrl: connector.url, conversationId: `19:${randomUUID()}@thread.v2` };
    const author = user('Staff author');
    const fetched = await app.post(composeExtension(where, author, 'fetchTask', { commandId: 'createSurvey', commandContext: 'compose' }));
    const dialog = (fetched.body as { task: { value: { card: { content: JsonObject } } } }).task.value.card.content;
    expectValidCard(dialog, 'survey template dialog');
    const formId = ((dialog.actions as JsonObject[])[0]!.data as { formId: string }).formId;
    const choices = JSON.stringify(dialog);
    expect(choices).toContain('Waiting times');

    const noTemplate = await app.post(composeExtension(where, author, 'submitAction', { commandId: 'createSurvey', data: { formId } }));
    expect(JSON.stringify(noTemplate.body)).toContain('Please choose a template.');

    // A template for adults: no safeguarding lead is needed to publish it. For parent carers, it needs an approved plan (the approval gate).
    const template = SURVEY_TEMPLATES.find((t) => t.cohort !== 'youngPeople')!;
    const { planId } = await approvedPlan(app, { tenantId: where.tenantId, serviceUrl: connector.url, member: author, now: new Date(), title: 'Approved for the gate' });
    const submitted = await app.post(
      composeExtension(where, author, 'submitAction', { commandId: 'createSurvey', data: { formId, templateId: template.id, title: 'Our team survey', planId } })
    );
    const preview = (submitted.body as { composeExtension: ComposeResult }).composeExtension;
    expect(preview.type).toBe('botMessagePreview');
    expectValidCard(preview.activityPreview!.attachments[0]!.content, 'survey preview');

    const before = connector.sent().length;
    const send = () =>
      app.post(composeExtension(where, author, 'submitAction', { commandId: 'createSurvey', botMessagePreviewAction: 'send', botActivityPreview: [preview.activityPreview] }));
    expect((await send()).status).toBe(200);
    await send();
    const posted = connector.sent().slice(before);
    expect(posted.filter((a) => JSON.stringify(a).includes('Our team survey'))).toHaveLength(1);
    const survey = await app.surveys.get(where.tenantId, formId);
    expect(survey.status).toBe('open');

    // Now findable, and choosing it gives the live invitation.
    const found = await query(where, user('Colleague'), 'team survey');
    expect(titles(found)).toEqual(['Our team survey']);
  });

  it('"Add to findings" adds the selected message as a "You said" item to one of my live plans, without the author unless chosen', async () => {
    const tenantId = newTenant();
    const owner = user('Plan owner');
    const member = user('Member');
    const teamId = `19:${randomUUID()}@thread.tacv2`;
    await new TableWorkingGroupRepository(app.tables.client('approvals')).save({
      tenantId,
      teamId,
      name: 'SEND working group',
      channel: { tenantId, serviceUrl: connector.url, channelId: 'msteams', conversationId: teamId, conversationType: 'channel', botId: '28:voiceloop-bot', teamId, updatedAt: '' },
      members: [{ key: member.aadObjectId, name: member.name, userId: member.id }],
      chair: member.aadObjectId,
      rule: { kind: 'all' },
      memberSource: 'named',
      updatedBy: member.aadObjectId,
      updatedAt: new Date()
    });
    const ownerActor = { tenantId, userId: owner.id, aadObjectId: owner.aadObjectId, name: owner.name };
    const planId = randomUUID();
    const { round } = await app.plans.submit({
      planId,
      actor: ownerActor,
      values: validPlanForm({ title: 'Short breaks review', startDate: daysFromNow(30), endDate: daysFromNow(50), feedbackBy: daysFromNow(90) }),
      teamId
    });
    await app.approvals.decide(tenantId, round.roundId, { tenantId, userId: member.id, aadObjectId: member.aadObjectId, name: member.name }, 'approve', '');
    await app.plans.act(tenantId, planId, ownerActor, 'goLive');

    const where: Where = { tenantId, serviceUrl: connector.url, conversationId: `19:${randomUUID()}@thread.v2` };
    const messagePayload = { id: '1', body: { contentType: 'html', content: '<p>The bus to college is <b>always</b> late &amp; we miss lessons</p>' }, from: { user: { displayName: 'Young person A' } } };
    const fetched = await app.post(composeExtension(where, owner, 'fetchTask', { commandId: 'addToFindings', commandContext: 'message', messagePayload }));
    const dialog = (fetched.body as { task: { value: { card: { content: JsonObject } } } }).task.value.card.content;
    expectValidCard(dialog, 'findings dialog');
    expect(JSON.stringify(dialog)).toContain('The bus to college is always late & we miss lessons');
    expect(JSON.stringify(dialog)).toContain('Short breaks review');

    const added = await app.post(
      composeExtension(where, owner, 'submitAction', { commandId: 'addToFindings', commandContext: 'message', messagePayload, data: { planId, includeAuthor: 'false' } })
    );
    expect((added.body as { task: { value: string } }).task.value).toBe('Added to the findings of "Short breaks review".');
    let plan = await app.plans.get(tenantId, planId);
    expect(plan.findings).toBe('You said: "The bus to college is always late & we miss lessons"');
    expect(plan.findings).not.toContain('Young person A');

    await app.post(
      composeExtension(where, owner, 'submitAction', { commandId: 'addToFindings', commandContext: 'message', messagePayload, data: { planId, includeAuthor: 'true' } })
    );
    plan = await app.plans.get(tenantId, planId);
    expect(plan.findings.split('\n')[1]).toBe('You said: "The bus to college is always late & we miss lessons" (Young person A)');

    // Someone else cannot add to this plan; a missing plan id is a clear message.
    const refused = await app.post(
      composeExtension(where, member, 'submitAction', { commandId: 'addToFindings', commandContext: 'message', messagePayload, data: { planId } })
    );
    expect((refused.body as { task: { type: string } }).task.type).toBe('message');
    expect((await app.plans.get(tenantId, planId)).findings.split('\n')).toHaveLength(2);
    const missing = await app.post(composeExtension(where, owner, 'submitAction', { commandId: 'addToFindings', messagePayload, data: {} }));
    expect((missing.body as { task: { value: string } }).task.value).toBe('Please choose a plan.');

    // The plan is findable by its working group member, and not by a stranger.
    expect(titles(await query(where, member, 'short breaks'))).toEqual(['Short breaks review']);
    expect(titles(await query(where, user('Stranger'), 'short breaks'))).toEqual([]);
  });
});

/**
 * The Microsoft 365 Agents Playground (0.2.28) accepts a search result only when no attachment or
 * preview has a `tap` and no attachment is itself a thumbnail or connector card; it lists the
 * `preview` (hero or thumbnail) and inserts the attachment when one is chosen. It cannot show a
 * `botMessagePreview`. It is recognised by its mock connector's address, `http://localhost:<port>/_connector`.
 */
describe('messaging extension in the Agents Playground', () => {
  let playground: FakeConnector;
  const tenantId = newTenant();
  const chat: Where = { tenantId, serviceUrl: '', conversationType: 'personal', conversationId: randomUUID() };
  const alex = user('Alex');

  beforeAll(async () => {
    playground = await startFakeConnector({ pathPrefix: '_connector' });
    chat.serviceUrl = playground.url;
  });
  afterAll(async () => {
    expectEveryCardValid(playground);
    await playground.close();
  });

  /** What the Playground's search box sends: no command id unless one is typed in, an unnamed parameter. */
  const playgroundQuery = async (text: string, who: TestUser = alex, where: Where = chat): Promise<ComposeResult> => {
    const response = await app.post(
      composeExtension(where, who, 'query', { parameters: [{ value: text }], queryOptions: { skip: 0, count: 25 }, commandContext: 'compose', context: { theme: 'default' } })
    );
    expect(response.status).toBe(200);
    return (response.body as { composeExtension: ComposeResult }).composeExtension;
  };

  /** The checks of the Playground's own validation of a search result (its bundled client JS). */
  const expectPlaygroundAccepts = (result: ComposeResult): void => {
    expect(result.type).toBe('result');
    expect(result.attachmentLayout).toBe('list');
    for (const attachment of result.attachments ?? []) {
      expect(['application/vnd.microsoft.card.adaptive', 'application/vnd.microsoft.card.hero']).toContain(attachment.contentType);
      expect(JSON.stringify(attachment)).not.toContain('"tap"');
      expect(attachment.preview).toMatchObject({ contentType: 'application/vnd.microsoft.card.thumbnail' });
    }
  };

  it('search results carry the full live card and a preview, no tap; choosing one needs no round trip', async () => {
    const pollId = await createPollIn(chat, alex, 'Which room for the parent carers forum?');
    await createPollIn(chat, alex, 'Forum snacks budget');

    const result = await playgroundQuery('forum room');
    expectPlaygroundAccepts(result);
    expect(titles(result)).toEqual(['Which room for the parent carers forum?']);
    const card = result.attachments![0]!.content;
    expectValidCard(card, 'search result card in the Playground');
    expect(JSON.stringify(card)).toContain(`"verb":"${VERBS.pollVote}"`);
    expect(JSON.stringify(card)).toContain(pollId);

    // Sending the inserted card: the bot does not answer the message (no "I did not understand") …
    const before = playground.sent().length;
    const inserted = {
      ...message(chat, alex, '\n<span class="inline-compose-card" itemid="0" itemtype="http://schema.skype.com/InputExtension">\n  <span content="0" itemprop="cardId"></span>\n</span>\n'),
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }]
    };
    expect((await app.post(inserted)).status).toBe(200);
    expect(playground.sent().slice(before)).toEqual([]);
    // … and the card is live: voting on it works.
    const vote = await app.post(executeAction(chat, user('Sam'), VERBS.pollVote, { pollId, choice: '1' }, 'inserted-message-id'));
    expect(vote.status).toBe(200);
    expect(JSON.stringify(cardFromInvokeResponse(vote.body))).toContain('You chose: No');

    // An empty search lists my recent items, also with their cards; others' items stay hidden.
    const recent = await playgroundQuery('');
    expectPlaygroundAccepts(recent);
    expect(titles(recent)).toEqual(['Forum snacks budget', 'Which room for the parent carers forum?']);
    const strangersChat: Where = { ...chat, conversationId: randomUUID() };
    expect(titles(await playgroundQuery('forum', user('Stranger'), strangersChat))).toEqual([]);
  });

  it('a deleted item is left out of the results rather than failing the search', async () => {
    const pollId = await createPollIn(chat, alex, 'Kayak trip date');
    const poll = await app.polls.get(tenantId, pollId);
    await app.polls.discard(poll);
    const result = await playgroundQuery('kayak');
    expect(result.type).toBe('result');
    expect(result.attachments).toEqual([]);
  });

  it('"Create a poll" posts the live card at once (no botMessagePreview) and answers with a task message', async () => {
    const fetched = await app.post(composeExtension(chat, alex, 'fetchTask', { commandId: 'createPoll', commandContext: 'compose' }));
    const form = (fetched.body as { task: { value: { card: { content: JsonObject } } } }).task.value.card.content;
    const button = (form.actions as JsonObject[]).find((a) => a.type === 'Action.Submit')!;
    expect(button.title).toBe('Post poll'); // "Preview" in Teams
    const formId = (button.data as { formId: string }).formId;
    const values = { formId, question: 'Picnic or bowling?', options: 'Picnic\nBowling', resultsVisibility: 'live', chart: 'bar' };
    const before = playground.sent().length;
    const submit = () => app.post(composeExtension(chat, alex, 'submitAction', { commandId: 'createPoll', commandContext: 'compose', data: values }));
    const first = await submit();
    expect((first.body as { task: unknown }).task).toEqual({ type: 'message', value: 'Your poll "Picnic or bowling?" is in the conversation.' });
    const posted = playground.sent().slice(before);
    expect(posted).toHaveLength(1);
    expect(JSON.stringify(posted[0])).toContain('Picnic or bowling?');
    expect((await app.polls.get(tenantId, formId)).activityId).toBeDefined();
    // Pressing Submit twice posts once.
    expect(((await submit()).body as { task: unknown }).task).toEqual({ type: 'message', value: 'This poll is already in the conversation.' });
    expect(playground.sent().slice(before)).toHaveLength(1);
  });

  it('"Create a survey" publishes it and posts the invitation at once', async () => {
    const formId = randomUUID();
    const template = SURVEY_TEMPLATES.find((t) => t.cohort !== 'youngPeople')!;
    const { planId } = await approvedPlan(app, { tenantId, serviceUrl: playground.url, member: alex, now: new Date(), title: 'Approved for the gate' });
    const before = playground.sent().length;
    const submitted = await app.post(
      composeExtension(chat, alex, 'submitAction', { commandId: 'createSurvey', data: { formId, templateId: template.id, title: 'Playground survey', planId } })
    );
    expect((submitted.body as { task: unknown }).task).toEqual({ type: 'message', value: 'Your survey "Playground survey" is in the conversation.' });
    expect(playground.sent().slice(before).filter((a) => JSON.stringify(a).includes('Playground survey'))).toHaveLength(1);
    const survey = await app.surveys.get(tenantId, formId);
    expect(survey.status).toBe('open');
    expect(survey.inviteActivityId).toBeDefined();
  });
});
