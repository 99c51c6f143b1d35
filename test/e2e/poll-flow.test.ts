import { describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/shared/verbs';
import { type TestApp, newTenant, withBotAndConnector } from '../helpers/app';
import { type Where, executeAction, message, user } from '../helpers/activities';
import { cardFromInvokeResponse, cardsInActivity, expectValidCard, type JsonObject } from '../helpers/card-validator';
import type { FakeConnector } from '../helpers/fake-connector';
import { cardActionTitles, cardElements, cardText } from '../helpers/card-query';

let app: TestApp;
let connector: FakeConnector;

withBotAndConnector((started) => ({ app, connector } = started));

const texts = (card: JsonObject): string[] => cardText(card).split('\n');
const byType = (card: JsonObject, type: string): JsonObject | undefined => cardElements(card).find((e) => e.type === type);
const elements = cardElements;
const actionTitles = cardActionTitles;

/** Sends the invoke and returns the card that replaces the one the person clicked. */
async function execute(where: Where, who: ReturnType<typeof user>, verb: string, data: Record<string, unknown>, replyToId?: string) {
  const response = await app.post(executeAction(where, who, verb, data, replyToId));
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  const card = cardFromInvokeResponse(response.body);
  expectValidCard(card, `${verb} response`);
  return card;
}

async function createPoll(where: Where, author: ReturnType<typeof user>, form: Record<string, unknown>) {
  const before = connector.sent().length;
  expect((await app.post(message(where, author, 'poll'))).status).toBe(200);
  const [formActivity] = (await connector.waitForSent(before + 1)).slice(before);
  const [formCard] = cardsInActivity(formActivity);
  expectValidCard(formCard, 'poll form');
  const create = elements(formCard!).find((e) => e.type === 'Action.Execute' && e.verb === VERBS.pollCreate);
  const formId = (create?.data as { formId: string }).formId;
  const formMessageId = connector.sentRequests().at(-1)?.responseId;
  const response = await execute(where, author, VERBS.pollCreate, { formId, ...form }, formMessageId);
  return { formId, response };
}

describe('quick polls end to end', () => {
  it('creates a poll, takes votes with per-person views, changes a vote and closes with a chart', async () => {
    const where: Where = { tenantId: newTenant(), serviceUrl: connector.url };
    const ana = user('Ana Author');
    const ben = user('Ben Voter');

    const { formId, response } = await createPoll(where, ana, {
      question: 'Which day suits the next session?',
      options: 'Monday\nWednesday\nFriday',
      anonymous: 'false',
      resultsVisibility: 'live',
      chart: 'bar'
    });
    expect(texts(response).join(' ')).toContain('Poll posted');

    const pollMessage = connector.sent().at(-1)!;
    const pollMessageId = connector.sentRequests().at(-1)!.responseId;
    const [shared] = cardsInActivity(pollMessage);
    expectValidCard(shared, 'shared poll card');
    expect(texts(shared!)).toContain('Which day suits the next session?');
    expect((shared!.refresh as JsonObject | undefined)?.action).toMatchObject({ verb: VERBS.pollRefresh, data: { pollId: formId } });
    expect(actionTitles(shared!)).toEqual(['Vote', 'Refresh']); // nobody's own view: no Close button

    // Ben votes Wednesday; his card shows his choice.
    const benCard = await execute(where, ben, VERBS.pollVote, { pollId: formId, choice: '1' });
    expect(texts(benCard)).toContain('You chose: Wednesday');
    expect(byType(benCard, 'Input.ChoiceSet')?.value).toBe('1');
    expect(actionTitles(benCard)).toEqual(['Change my vote', 'Refresh']);
    const chart = byType(benCard, 'Chart.HorizontalBar');
    expect(chart?.data).toEqual([
      { x: 'Monday', y: 0 },
      { x: 'Wednesday', y: 1 },
      { x: 'Friday', y: 0 }
    ]);

    // Ben changes to Friday: still one voter.
    const changed = await execute(where, ben, VERBS.pollVote, { pollId: formId, choice: '2' });
    expect(texts(changed)).toContain('You chose: Friday');
    expect(texts(changed)).toContain('1 person has voted.');

    // Ana's refreshed view has Close; Ben's does not.
    const anaView = await execute(where, ana, VERBS.pollRefresh, { pollId: formId });
    expect(actionTitles(anaView)).toEqual(['Vote', 'Refresh', 'Close poll', 'Who has not voted']);
    const benView = await execute(where, ben, VERBS.pollRefresh, { pollId: formId });
    expect(actionTitles(benView)).not.toContain('Close poll');

    // Ben cannot close it.
    const refused = await app.post(executeAction(where, ben, VERBS.pollClose, { pollId: formId }));
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ statusCode: 403, type: 'application/vnd.microsoft.error' });

    // Ana closes: the shared message is replaced for everyone with the final result.
    const closed = await execute(where, ana, VERBS.pollClose, { pollId: formId });
    expect(texts(closed).join(' ')).toContain('Closed');
    const update = connector.updated().at(-1)!;
    expect(update.id).toBe(pollMessageId);
    const [finalCard] = cardsInActivity(update);
    expectValidCard(finalCard, 'final poll card');
    expect(finalCard!.refresh).toBeUndefined();
    expect(byType(finalCard!, 'Chart.HorizontalBar')?.data).toEqual([
      { x: 'Monday', y: 0 },
      { x: 'Wednesday', y: 0 },
      { x: 'Friday', y: 1 }
    ]);
    expect(actionTitles(finalCard!)).toEqual([]);

    // A vote after closing is refused with a clear message and not counted.
    const late = await execute(where, ben, VERBS.pollVote, { pollId: formId, choice: '0' });
    expect(texts(late).join(' ')).toContain('This poll is closed. Your vote was not counted.');
    expect(byType(late, 'Chart.HorizontalBar')?.data).toEqual(byType(finalCard!, 'Chart.HorizontalBar')?.data);
  });

  it('50 people voting at once through the endpoint, each twice and some changing their minds, give exact tallies', async () => {
    const where: Where = { tenantId: newTenant(), serviceUrl: connector.url };
    const { formId } = await createPoll(where, user('Author'), {
      question: 'Which room?',
      options: 'Red\nBlue',
      anonymous: 'true',
      resultsVisibility: 'live',
      chart: 'donut'
    });
    const voters = Array.from({ length: 50 }, (_, i) => user(`Voter ${i}`));
    const first = await Promise.all(voters.map((v, i) => app.post(executeAction(where, v, VERBS.pollVote, { pollId: formId, choice: String(i % 2) }))));
    expect(first.every((r) => r.status === 200)).toBe(true);
    // Every voter repeats (double click); the first ten switch to Red.
    const again = await Promise.all(
      voters.flatMap((v, i) => {
        const choice = i < 10 ? '0' : String(i % 2);
        const vote = () => app.post(executeAction(where, v, VERBS.pollVote, { pollId: formId, choice }));
        return [vote(), vote()];
      })
    );
    expect(again.every((r) => r.status === 200)).toBe(true);
    const view = await execute(where, voters[0]!, VERBS.pollRefresh, { pollId: formId });
    // Red: the 25 even-numbered voters plus the 5 odd ones among the first ten who switched.
    expect(byType(view, 'Chart.Donut')?.data).toEqual([
      { legend: 'Red', value: 30 },
      { legend: 'Blue', value: 20 }
    ]);
    expect(texts(view)).toContain('50 people have voted.');
  });
});
