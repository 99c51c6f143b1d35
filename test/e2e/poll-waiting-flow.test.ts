/**
 * Who has not voted (docs/recurrence.md), through the real endpoint: for a NAMED poll in a group chat its author
 * sees how many of the chat's members have not voted and who; "Nudge the rest" sends each one 1:1 reminder through
 * delivery (allowed hours), pressed twice nobody gets two; never for an anonymous poll, never for anyone but the author.
 */
import { describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/shared/verbs';
import { ManualClock } from '../../src/domain/shared/clock';
import { type TestApp, newTenant, pressForCard, withBotAndConnector } from '../helpers/app';
import { type TestUser, type Where, executeAction, message, user } from '../helpers/activities';
import { cardFromInvokeResponse, cardsInActivity, expectValidCard } from '../helpers/card-validator';
import { cardActionTitles, cardElements } from '../helpers/card-query';
import type { FakeConnector } from '../helpers/fake-connector';

let app: TestApp;
let connector: FakeConnector;
// Monday 5 January 2026, 10:00 in London: inside the staff allowed hours.
const clock = new ManualClock('2026-01-05T10:00:00Z');
withBotAndConnector((started) => ({ app, connector } = started), { clock });

const textOf = (card: unknown): string => JSON.stringify(card);

async function pollIn(members: TestUser[], author: TestUser, anonymous: boolean) {
  const where: Where = { tenantId: newTenant(), serviceUrl: connector.url, conversationType: 'groupChat', conversationId: `19:waiting-${Date.now()}-${Math.random()}@thread.v2` };
  connector.setRoster(where.conversationId!, [author, ...members].map((u) => ({ id: u.id, aadObjectId: u.aadObjectId, name: u.name })) as never);
  const before = connector.sent().length;
  expect((await app.post(message(where, author, 'poll'))).status).toBe(200);
  const [formCard] = cardsInActivity((await connector.waitForSent(before + 1))[before]);
  const create = cardElements(formCard!).find((e) => e.type === 'Action.Execute' && e.verb === VERBS.pollCreate);
  const pollId = (create?.data as { formId: string }).formId;
  const response = await app.post(executeAction(where, author, VERBS.pollCreate, { formId: pollId, question: 'Team lunch on Friday?', options: 'Yes\nNo', anonymous: String(anonymous), resultsVisibility: 'live', chart: 'bar' }));
  expect(response.status).toBe(200);
  return { where, pollId };
}

async function view(where: Where, who: TestUser, pollId: string) {
  const response = await app.post(executeAction(where, who, VERBS.pollRefresh, { pollId }));
  const card = cardFromInvokeResponse(response.body);
  expectValidCard(card, 'poll view');
  return card;
}

const nudgesTo = (where: Where) => connector.sentRequests().filter((r) => r.conversationId !== where.conversationId && textOf(r.body).includes('A poll is waiting for your vote'));

describe('who has not voted in a poll', () => {
  it('named poll: the author sees who has not voted; one nudge each, in allowed hours, never twice', async () => {
    const ana = user('Ana Author');
    const [ben, cy, dee] = [user('Ben Voter'), user('Cy Quiet'), user('Dee Quiet')];
    const { where, pollId } = await pollIn([ben, cy, dee], ana, false);
    expect((await app.post(executeAction(where, ben, VERBS.pollVote, { pollId, choice: '0' }))).status).toBe(200);

    const anaView = await view(where, ana, pollId);
    const waiting = await pressForCard(app, where, ana, anaView, 'Who has not voted');
    expect(textOf(waiting)).toContain('2 of 3 in the chat have not voted yet.');
    expect(textOf(waiting)).toContain('Cy Quiet, Dee Quiet');
    expect(textOf(waiting)).not.toContain('Ben Voter');
    expect(textOf(waiting)).not.toContain('Ana Author');

    // Someone else cannot see it or nudge.
    expect(cardActionTitles(await view(where, ben, pollId))).not.toContain('Who has not voted');
    expect((await app.post(executeAction(where, ben, VERBS.pollWaiting, { pollId }))).status).toBe(403);
    expect((await app.post(executeAction(where, ben, VERBS.pollNudge, { pollId }))).status).toBe(403);

    const nudged = await pressForCard(app, where, ana, waiting, '🔔 Nudge the rest');
    expect(textOf(nudged)).toContain('Nudged 2');
    await app.delivery.worker.drain();
    expect(nudgesTo(where)).toHaveLength(2);
    // Pressed again (or an old card): nobody gets a second one.
    const again = await pressForCard(app, where, ana, waiting, '🔔 Nudge the rest');
    expect(textOf(again)).toContain('Nobody new to nudge');
    await app.delivery.worker.drain();
    expect(nudgesTo(where)).toHaveLength(2);

    // Cy votes: the view follows; once closed, no more nudging.
    expect((await app.post(executeAction(where, cy, VERBS.pollVote, { pollId, choice: '1' }))).status).toBe(200);
    expect(textOf(await pressForCard(app, where, ana, waiting, 'Refresh'))).toContain('1 of 3 in the chat have not voted yet.');
    expect((await app.post(executeAction(where, ana, VERBS.pollClose, { pollId }))).status).toBe(200);
    const late = await app.post(executeAction(where, ana, VERBS.pollNudge, { pollId }));
    expect(late.status).toBeGreaterThanOrEqual(400);
    expect(textOf(late.body)).toContain('closed');
  });

  it('a nudge pressed in the evening is held back: nothing goes outside the staff allowed hours', async () => {
    clock.set('2026-01-05T20:00:00Z');
    const ana = user('Ana Author');
    const [ben, cy] = [user('Ben Evening'), user('Cy Evening')];
    const { where, pollId } = await pollIn([ben, cy], ana, false);
    const before = nudgesTo(where).length;
    const waiting = await pressForCard(app, where, ana, await view(where, ana, pollId), 'Who has not voted');
    expect(textOf(await pressForCard(app, where, ana, waiting, '🔔 Nudge the rest'))).toContain('Nudged 2');
    await app.delivery.worker.drain();
    // Held back (the delivery queue releases it at the next allowed time: the delivery tests cover the release).
    expect(nudgesTo(where).length - before).toBe(0);
    expect(app.delivery.worker.outcomes.delayed).toBeGreaterThanOrEqual(2);
    clock.set('2026-01-05T10:00:00Z');
  });

  it('anonymous poll: no button, no count of non-voters, no nudge', async () => {
    const ana = user('Ana Author');
    const [ben, cy] = [user('Ben Voter'), user('Cy Quiet')];
    const { where, pollId } = await pollIn([ben, cy], ana, true);
    const before = nudgesTo(where).length;
    expect(cardActionTitles(await view(where, ana, pollId))).toEqual(['Vote', 'Refresh', 'Close poll']);
    const refused = await app.post(executeAction(where, ana, VERBS.pollWaiting, { pollId }));
    expect(refused.status).toBe(403);
    expect(textOf(refused.body)).toContain('anonymous');
    expect(textOf(refused.body)).not.toContain('Cy Quiet');
    expect((await app.post(executeAction(where, ana, VERBS.pollNudge, { pollId }))).status).toBe(403);
    await app.delivery.worker.drain();
    expect(nudgesTo(where)).toHaveLength(before);
  });
});
