/**
 * Recurring polls through the real endpoint (Azurite, fake Bot Connector, injected clock across a month): the poll
 * form's "Repeat" posts a new poll each week in the same chat, closes the round before, each round with its own
 * votes; pause, resume, a new schedule, stop; and `poll trend` draws a line per option per round, with a round an
 * anonymous poll does not show (too few voters) as a gap.
 */
import { describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/shared/verbs';
import { ManualClock } from '../../src/domain/shared/clock';
import { roundPollId } from '../../src/domain/polls/poll-series';
import { type TestApp, newTenant, sayForCard, withBotAndConnector } from '../helpers/app';
import { type TestUser, type Where, executeAction, message, user } from '../helpers/activities';
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
  return { tenantId: newTenant(), serviceUrl: connector.url, conversationType: 'groupChat', conversationId: `19:polls-repeat-${Date.now()}-${Math.random()}@thread.v2` };
}

async function submitForm(where: Where, who: TestUser, form: Record<string, unknown>) {
  const before = connector.sent().length;
  expect((await app.post(message(where, who, 'poll'))).status).toBe(200);
  const [formCard] = cardsInActivity((await connector.waitForSent(before + 1))[before]);
  const create = cardElements(formCard!).find((e) => e.type === 'Action.Execute' && e.verb === VERBS.pollCreate);
  const formId = (create?.data as { formId: string }).formId;
  const response = await app.post(executeAction(where, who, VERBS.pollCreate, { formId, ...form }, connector.sentRequests().at(-1)?.responseId));
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  const card = cardFromInvokeResponse(response.body);
  expectValidCard(card, 'poll create answer');
  return { formId, card };
}

const pollsPostedIn = (where: Where) =>
  connector.sentRequests().filter((r) => r.conversationId === where.conversationId && textOf(r.body).includes(VERBS.pollVote));

async function at(iso: string): Promise<void> {
  clock.set(iso);
  await app.scheduler.runDue();
  await app.scheduler.runDue();
}

async function vote(where: Where, who: TestUser, pollId: string, choice: string): Promise<void> {
  const response = await app.post(executeAction(where, who, VERBS.pollVote, { pollId, choice }));
  expect(response.status, JSON.stringify(response.body)).toBe(200);
}

const chartOf = (card: JsonObject) => cardElements(card).find((e) => e.type === 'Chart.Line')?.data as { legend: string; values: { x: string; y: number }[] }[] | undefined;

describe('recurring polls', () => {
  it('a weekly poll: a new poll each Friday in the same chat, the round before closed, paused, resumed, moved to monthly, stopped; trend per round', async () => {
    clock.set('2026-01-05T10:00:00Z');
    const where = chat();
    const ana = user('Ana Author');
    const [ben, cy, dee] = [user('Ben'), user('Cy'), user('Dee')];
    const { formId, card } = await submitForm(where, ana, { question: 'How was this week?', options: 'Good\nOK\nHard', anonymous: 'false', resultsVisibility: 'live', chart: 'bar', postDate: '2026-01-09', postTime: '16:00', repeat: 'weekly' });
    expect(textOf(card)).toContain('Repeats every Friday at 16:00');
    expect(textOf(card)).toContain('Next round: Fri 9 Jan, 16:00 (Europe/London)');

    await at('2026-01-09T15:59:00Z');
    expect(pollsPostedIn(where)).toHaveLength(0);
    await at('2026-01-09T16:00:00Z');
    expect(pollsPostedIn(where)).toHaveLength(1);
    const round1 = formId;
    await vote(where, ben, round1, '0');
    await vote(where, cy, round1, '0');
    await vote(where, dee, round1, '2');

    await at('2026-01-16T16:00:00Z');
    await at('2026-01-16T16:05:00Z');
    expect(pollsPostedIn(where)).toHaveLength(2);
    const round2 = roundPollId(formId, 2);
    expect(textOf(pollsPostedIn(where)[1]!.body)).toContain(round2);
    // Round 1 is closed (its card updated for everyone); round 2 has its own votes.
    expect((await app.polls.get(where.tenantId, round1)).status).toBe('closed');
    const round1Message = (await app.polls.get(where.tenantId, round1)).activityId;
    const closedCard = connector.updated().filter((a) => a.id === round1Message).at(-1);
    expect(closedCard).toBeDefined();
    expect(textOf(closedCard)).toContain('Closed');
    const late = await app.post(executeAction(where, ben, VERBS.pollVote, { pollId: round1, choice: '1' }));
    expect(textOf(late.body)).toContain('This poll is closed');
    await vote(where, ben, round2, '1');
    expect((await app.polls.snapshot(where.tenantId, round2)).tally).toEqual({ counts: [0, 1, 0], voters: 1 });

    // Paused over the 23rd; resumed, the next round is the 30th (the missed one is not made up).
    expect(textOf(await sayForCard(app, connector, where, ana, 'poll repeat pause'))).toContain('Paused');
    await at('2026-01-23T16:00:00Z');
    expect(pollsPostedIn(where)).toHaveLength(2);
    const resumed = await sayForCard(app, connector, where, ana, 'poll repeat resume');
    expect(textOf(resumed)).toContain('Next round: Fri 30 Jan, 16:00');
    await at('2026-01-30T16:00:00Z');
    expect(pollsPostedIn(where)).toHaveLength(3);
    // Round 3 (the 30th) gets no votes: on the trend it says so, and it has no point.

    // Monthly from the next round on: the 1st at 10:00.
    const monthly = await sayForCard(app, connector, where, ana, 'poll repeat monthly 1 10:00');
    expect(textOf(monthly)).toContain('Next round: Sun 1 Feb, 10:00');
    await at('2026-02-01T10:00:00Z');
    expect(pollsPostedIn(where)).toHaveLength(4);
    // Run again: never twice.
    await at('2026-02-01T10:30:00Z');
    expect(pollsPostedIn(where)).toHaveLength(4);

    const trend = await sayForCard(app, connector, where, ana, 'poll trend');
    expect(textOf(trend)).toContain('How was this week?');
    const chart = chartOf(trend);
    expect(chart).toEqual([
      { legend: 'Good', values: [{ x: 'Round 1', y: 67 }, { x: 'Round 2', y: 0 }] },
      { legend: 'OK', values: [{ x: 'Round 1', y: 0 }, { x: 'Round 2', y: 100 }] },
      { legend: 'Hard', values: [{ x: 'Round 1', y: 33 }, { x: 'Round 2', y: 0 }] }
    ]);
    expect(textOf(trend)).toContain('Round 3 · Fri 30 Jan, 16:00: no votes');

    const stopped = await sayForCard(app, connector, where, ana, 'poll repeat stop');
    expect(textOf(stopped)).toContain('Stopped');
    await at('2026-03-01T10:00:00Z');
    expect(pollsPostedIn(where)).toHaveLength(4);
    expect(textOf(await sayForCard(app, connector, where, ana, 'poll repeat'))).toContain('None of your polls repeats');
  });

  it('an anonymous weekly poll: a round with fewer voters than its results need is a gap on the trend, never a number', async () => {
    clock.set('2026-01-05T10:00:00Z');
    const where = chat();
    const ana = user('Ana Author');
    const voters = [user('V1'), user('V2'), user('V3')];
    const { formId } = await submitForm(where, ana, { question: 'Feel safe here?', options: 'Yes\nNo', anonymous: 'true', resultsVisibility: 'live', chart: 'bar', postDate: '2026-01-06', postTime: '18:00', repeat: 'weekly' });
    await at('2026-01-06T18:00:00Z');
    for (const v of voters) await vote(where, v, formId, '0');
    await at('2026-01-13T18:00:00Z');
    const round2 = roundPollId(formId, 2);
    await vote(where, voters[0]!, round2, '1');
    await vote(where, voters[1]!, round2, '0');
    const trend = await sayForCard(app, connector, where, ana, 'poll trend');
    expect(chartOf(trend)).toEqual([
      { legend: 'Yes', values: [{ x: 'Round 1', y: 100 }] },
      { legend: 'No', values: [{ x: 'Round 1', y: 0 }] }
    ]);
    expect(textOf(trend)).toContain('Round 2 · Tue 13 Jan, 18:00: not shown');
    expect(textOf(trend)).toContain('fewer than 3 voters');
    expect(textOf(trend)).not.toContain('50%');
  });

  it('refuses a repeat without a first posting time, or with a closing date: the form comes back, nothing kept', async () => {
    clock.set('2026-01-05T10:00:00Z');
    const where = chat();
    const ana = user('Ana Author');
    const base = { question: 'Q?', options: 'A\nB', anonymous: 'false', resultsVisibility: 'live', chart: 'bar' };
    expect(textOf((await submitForm(where, ana, { ...base, repeat: 'weekly' })).card)).toContain('Choose when the first round is posted');
    expect(textOf((await submitForm(where, ana, { ...base, repeat: 'monthly', postDate: '2026-01-30', postTime: '10:00' })).card)).toContain('from the 1st to the 28th');
    expect(textOf((await submitForm(where, ana, { ...base, repeat: 'weekly', postDate: '2026-01-08', postTime: '10:00', closeDate: '2026-01-20', closeTime: '10:00' })).card)).toContain('has no closing date');
    expect(textOf(await sayForCard(app, connector, where, ana, 'poll repeat'))).toContain('None of your polls repeats');
    await at('2026-02-08T12:00:00Z');
    expect(pollsPostedIn(where)).toHaveLength(0);
  });
});
