/**
 * Polls posted later through the real endpoint (Azurite, fake Bot Connector, injected clock): the poll form's
 * "Post on … at …" keeps the poll, `scheduled` lists it beside survey sends, its time can be changed and it can be
 * cancelled until it is posted; at its time the leased job posts it once in the chat it was made in, and then it
 * takes votes like any poll and can no longer be cancelled.
 */
import { describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/shared/verbs';
import { ManualClock } from '../../src/domain/shared/clock';
import { type TestApp, newTenant, pressForCard, sayForCard, withBotAndConnector } from '../helpers/app';
import { BOT, type TestUser, type Where, executeAction, message, user } from '../helpers/activities';
import { type JsonObject, cardFromInvokeResponse, cardsInActivity, expectValidCard } from '../helpers/card-validator';
import { cardElements } from '../helpers/card-query';
import type { FakeConnector } from '../helpers/fake-connector';

let app: TestApp;
let connector: FakeConnector;
// Monday 5 January 2026, 10:00 in London.
const clock = new ManualClock('2026-01-05T10:00:00Z');
withBotAndConnector((started) => ({ app, connector } = started), { clock });

const textOf = (card: unknown): string => JSON.stringify(card);

function chat(): Where {
  return { tenantId: newTenant(), serviceUrl: connector.url, conversationType: 'groupChat', conversationId: `19:polls-later-${Date.now()}-${Math.random()}@thread.v2` };
}

/** Types "poll", fills the form and presses its button; the invoke's answer (status and card, if any). */
async function submitForm(where: Where, who: TestUser, form: Record<string, unknown>, formId?: string) {
  const before = connector.sent().length;
  expect((await app.post(message(where, who, 'poll'))).status).toBe(200);
  const [formCard] = cardsInActivity((await connector.waitForSent(before + 1))[before]);
  expectValidCard(formCard, 'poll form');
  const create = cardElements(formCard!).find((e) => e.type === 'Action.Execute' && e.verb === VERBS.pollCreate);
  const id = formId ?? (create?.data as { formId: string }).formId;
  const response = await app.post(executeAction(where, who, VERBS.pollCreate, { formId: id, ...form }, connector.sentRequests().at(-1)?.responseId));
  const card = response.status === 200 ? cardFromInvokeResponse(response.body) : undefined;
  if (card) expectValidCard(card, 'poll create answer');
  return { formId: id, status: response.status, card, body: response.body };
}

const question = (q: string) => ({ question: q, options: 'Yes\nNo\nNot sure', anonymous: 'false', resultsVisibility: 'live', chart: 'bar' });
/** Poll cards posted in the chat for this poll (not the form, not the author's own invoke answers). */
const postedIn = (where: Where, pollId: string) =>
  connector.sentRequests().filter((r) => r.conversationId === where.conversationId && textOf(r.body).includes(VERBS.pollVote) && textOf(r.body).includes(pollId));

async function at(iso: string): Promise<void> {
  clock.set(iso);
  await app.scheduler.runDue();
  await app.scheduler.runDue();
}

function showAction(list: JsonObject, pollId: string): JsonObject | undefined {
  let found: JsonObject | undefined;
  JSON.stringify(list, (_key, value: unknown) => {
    const v = value as JsonObject | null;
    if (v && typeof v === 'object' && v.verb === VERBS.pollScheduledShow && (v.data as { pollId?: string } | undefined)?.pollId === pollId) found = v;
    return value;
  });
  return found;
}

describe('polls posted later', () => {
  it('scheduled in the author time zone, listed, changed, posted once at its time in the same chat, then votable and not cancellable', async () => {
    clock.set('2026-01-05T10:00:00Z');
    const where = chat();
    const ana = user('Ana Author');
    const { formId, card } = await submitForm(where, ana, { ...question('Was the Friday drop-in useful?'), postDate: '2026-01-09', postTime: '16:00' });
    expect(textOf(card)).toContain('Poll scheduled');
    expect(textOf(card)).toContain('Fri 9 Jan, 16:00 (Europe/London)');
    expect(postedIn(where, formId)).toHaveLength(0);
    // The form in the chat is replaced for everyone by a notice (nothing to vote on yet).
    expect(connector.updated().some((a) => textOf(a).includes('will be posted here at Fri 9 Jan, 16:00'))).toBe(true);
    // A double click finds the first: still one scheduled poll.
    await submitForm(where, ana, { ...question('Was the Friday drop-in useful?'), postDate: '2026-01-09', postTime: '16:00' }, formId);

    const list = await sayForCard(app, connector, where, ana, 'scheduled');
    expect(textOf(list)).toContain('Was the Friday drop-in useful?');
    expect(textOf(list)).toContain('Poll posted at Fri 9 Jan, 16:00 (Europe/London)');
    expect(textOf(list).split(`"pollId":"${formId}"`).length - 1).toBe(1);
    const show = showAction(list, formId);
    expect(show).toBeDefined();

    // Someone else cannot change or cancel it.
    const ben = user('Ben Colleague');
    const refused = await app.post(executeAction(where, ben, VERBS.pollScheduledCancel, { pollId: formId }));
    expect(refused.status).toBe(403);

    // Opened from the list, moved to 17:30 the same day.
    const response = await app.post(executeAction(where, ana, String(show!.verb), show!.data as Record<string, unknown>));
    const opened = cardFromInvokeResponse(response.body);
    expectValidCard(opened, 'scheduled poll');
    const changed = await pressForCard(app, where, ana, opened, '🕒 Change time', { date: '2026-01-09', time: '17:30' });
    expect(textOf(changed)).toContain('Time changed.');
    expect(textOf(changed)).toContain('Fri 9 Jan, 17:30 (Europe/London)');

    await at('2026-01-09T16:00:00Z');
    await at('2026-01-09T17:29:00Z');
    expect(postedIn(where, formId)).toHaveLength(0);
    await at('2026-01-09T17:30:00Z');
    await at('2026-01-09T17:45:00Z');
    const posted = postedIn(where, formId);
    expect(posted).toHaveLength(1);
    const [pollCard] = cardsInActivity(posted[0]!.body as never);
    expectValidCard(pollCard, 'posted poll');
    expect(textOf(pollCard)).toContain('Was the Friday drop-in useful?');

    // It is a poll like any other: Ben votes, and the stored poll knows its message (so closing can update it).
    const vote = await app.post(executeAction(where, ben, VERBS.pollVote, { pollId: formId, choice: '0' }));
    expect(vote.status).toBe(200);
    expect(textOf(cardFromInvokeResponse(vote.body))).toContain('You chose: Yes');
    const poll = await app.polls.get(where.tenantId, formId);
    expect(poll.activityId).toBe(posted[0]!.responseId);
    expect(poll.conversation.conversationId).toBe(where.conversationId);

    // Nothing left in "scheduled"; the old card's Cancel is refused and says why.
    expect(textOf(await sayForCard(app, connector, where, ana, 'scheduled'))).toContain('Nothing is scheduled');
    const late = await app.post(executeAction(where, ana, VERBS.pollScheduledCancel, { pollId: formId }));
    expect(late.status).toBe(409);
    expect(textOf(late.body)).toContain('has been posted');
  });

  it('a cancelled poll is never posted', async () => {
    clock.set('2026-01-05T10:00:00Z');
    const where = chat();
    const ana = user('Ana Author');
    const { formId, card } = await submitForm(where, ana, { ...question('Pizza or sandwiches?'), postDate: '2026-01-06', postTime: '09:00' });
    const cancelled = await pressForCard(app, where, ana, card!, '🗑️ Cancel poll');
    expect(textOf(cancelled)).toContain('Cancelled: the poll will not be posted.');
    expect(textOf(await sayForCard(app, connector, where, ana, 'scheduled'))).toContain('Nothing is scheduled');
    await at('2026-01-06T09:00:00Z');
    await at('2026-01-06T10:00:00Z');
    expect(postedIn(where, formId)).toHaveLength(0);
    await expect(app.polls.get(where.tenantId, formId)).rejects.toThrow('no longer exists');
  });

  it('posts once after a crash: a poll already made but not posted is posted (not made twice); one already posted is not posted again', async () => {
    clock.set('2026-01-05T10:00:00Z');
    const where = chat();
    const ana = user('Ana Author');
    const made = await submitForm(where, ana, { ...question('Made, not posted?'), postDate: '2026-01-07', postTime: '12:00' });
    const posted = await submitForm(where, ana, { ...question('Made and posted?'), postDate: '2026-01-07', postTime: '12:00' });
    // What a run that crashed half way would have left: the polls exist (with the scheduled ids); one has its message.
    const actor = { tenantId: where.tenantId, userId: ana.id, aadObjectId: ana.aadObjectId, name: ana.name };
    const conversation = { tenantId: where.tenantId, serviceUrl: connector.url, channelId: 'msteams', conversationId: where.conversationId!, conversationType: 'groupChat' as const, botId: BOT.id, updatedAt: clock.now().toISOString() };
    const draft = (q: string) => ({ question: q, options: ['Yes', 'No', 'Not sure'], anonymous: false, resultsVisibility: 'live' as const, chart: 'bar' as const });
    await app.polls.create({ pollId: made.formId, actor, draft: draft('Made, not posted?'), conversation, timeZone: 'Europe/London' });
    const second = await app.polls.create({ pollId: posted.formId, actor, draft: draft('Made and posted?'), conversation, timeZone: 'Europe/London' });
    await app.polls.attachMessage(second, 'already-posted-message');
    await at('2026-01-07T12:00:00Z');
    await at('2026-01-07T12:10:00Z');
    expect(postedIn(where, made.formId)).toHaveLength(1);
    expect((await app.polls.get(where.tenantId, made.formId)).activityId).toBe(postedIn(where, made.formId)[0]!.responseId);
    expect(postedIn(where, posted.formId)).toHaveLength(0);
    expect((await app.polls.get(where.tenantId, posted.formId)).activityId).toBe('already-posted-message');
    expect(textOf(await sayForCard(app, connector, where, ana, 'scheduled'))).toContain('Nothing is scheduled');
  });

  it('refuses a time that has passed, a day without a time, and a poll that would close before it is posted: the form comes back, nothing is kept', async () => {
    clock.set('2026-01-05T10:00:00Z');
    const where = chat();
    const ana = user('Ana Author');
    const past = await submitForm(where, ana, { ...question('Past?'), postDate: '2026-01-05', postTime: '09:00' });
    expect(textOf(past.card)).toContain('That time has passed');
    expect(textOf(past.card)).toContain('postDate');
    const noTime = await submitForm(where, ana, { ...question('No time?'), postDate: '2026-01-07' });
    expect(textOf(noTime.card)).toContain('Choose the time to post the poll at');
    const closesFirst = await submitForm(where, ana, { ...question('Closes first?'), postDate: '2026-01-08', postTime: '10:00', closeDate: '2026-01-07', closeTime: '10:00' });
    expect(closesFirst.status).toBe(200);
    expect(textOf(closesFirst.card)).toContain('would close before it is posted');
    expect(textOf(await sayForCard(app, connector, where, ana, 'scheduled'))).toContain('Nothing is scheduled');
    await at('2026-01-08T12:00:00Z');
    for (const f of [past, noTime, closesFirst]) expect(postedIn(where, f.formId)).toHaveLength(0);
  });
});
