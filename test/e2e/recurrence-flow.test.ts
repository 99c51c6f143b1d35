/**
 * Recurring surveys through the real endpoint (HTTP → routes → services → Azurite → fake Bot
 * Connector) with an injected clock across a month: rounds open on their day, wait for allowed hours,
 * count toward the fatigue cap, are sent once each, can be paused, changed and stopped, and their trend
 * is a line chart per question with suppressed rounds as gaps.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/shared/verbs';
import { roundSurveyId } from '../../src/domain/recurrence/series';
import { ManualClock } from '../../src/domain/shared/clock';
import { surveyJobId } from '../../src/domain/surveys/survey-delivery';
import { type TestApp, executeForCard, newTenant, pressForCard, sayForCard, withBotAndConnector } from '../helpers/app';
import { type TestUser, type Where, message, user } from '../helpers/activities';
import type { JsonObject } from '../helpers/card-validator';
import { cardElements } from '../helpers/card-query';
import type { FakeConnector } from '../helpers/fake-connector';

let app: TestApp;
let connector: FakeConnector;
// Monday 5 January 2026, 10:00 in London (GMT): inside staff allowed hours (weekdays 09:00–17:00).
const clock = new ManualClock('2026-01-05T10:00:00Z');

withBotAndConnector((started) => ({ app, connector } = started), { clock });

const textOf = (card: unknown): string => JSON.stringify(card);
const say = (where: Where, who: TestUser, text: string): Promise<JsonObject> => sayForCard(app, connector, where, who, text);
const personal = (where: Where, who: TestUser): Where => ({ tenantId: where.tenantId, serviceUrl: where.serviceUrl, conversationType: 'personal', conversationId: `a:1on1-${who.aadObjectId}` });

async function publishStaffSurvey(where: Where, owner: TestUser): Promise<string> {
  await say(personal(where, owner), owner, 'safeguarding lead me');
  const form = await say(where, owner, 'survey new');
  const editor = await pressForCard(app, where, owner, form, 'Create draft', { templateId: 'session-feedback', title: 'Team check-in', cohort: 'staff', anonymity: 'named' });
  const done = await pressForCard(app, where, owner, editor, 'Publish');
  expect(textOf(done)).toContain('Published.');
  const [survey] = await app.surveys.mineIn(where.tenantId, { tenantId: where.tenantId, userId: owner.id, aadObjectId: owner.aadObjectId, name: owner.name }, ['open']);
  return survey!.surveyId;
}

/** One person answers question 1 of a round with the choice titled `choice`. */
async function answer(where: Where, who: TestUser, surveyId: string, choice: string): Promise<void> {
  const chat = personal(where, who);
  const q1 = await executeForCard(app, chat, who, VERBS.surveyShow, { surveyId, index: 0 });
  await pressForCard(app, chat, who, q1, choice);
}

/** Invites of a survey that reached each person 1:1. */
function invitesOf(surveyId: string, chatId: string): Map<string, number> {
  const perChat = new Map<string, number>();
  for (const r of connector.sentRequests()) {
    if (r.conversationId === chatId || !textOf(r.body).includes(surveyId) || !textOf(r.body).includes('Start')) continue;
    perChat.set(r.conversationId!, (perChat.get(r.conversationId!) ?? 0) + 1);
  }
  return perChat;
}

async function at(iso: string): Promise<void> {
  clock.set(new Date(iso));
  // Two instances' worth of passes: a round runs once however often the scheduler looks.
  await app.scheduler.runDue();
  await app.scheduler.runDue();
  await app.delivery.worker.drain();
}

describe('recurring surveys across a month', () => {
  it('weekly rounds: allowed hours, the fatigue cap (and the author told), sent once each, own answers, trend with gaps; pause, change, stop', async () => {
    const tenantId = newTenant();
    const chatId = `19:staff-team-${Date.now()}@thread.v2`;
    const where: Where = { tenantId, serviceUrl: connector.url, conversationType: 'groupChat', conversationId: chatId };
    const ana = user('Ana Author');
    const staff = [user('Ade'), user('Bo'), user('Cai'), user('Dee')];
    connector.setRoster(chatId, staff.map((u) => ({ id: u.id, aadObjectId: u.aadObjectId, name: u.name })) as never);
    await app.surveys.setThreshold(tenantId, 2);
    const first = await publishStaffSurvey(where, ana);

    // Round 1 goes out now.
    expect(textOf(await say(where, ana, 'survey send'))).toContain('4 people will get it 1:1');
    await app.delivery.worker.drain();
    expect([...invitesOf(first, chatId).values()]).toEqual([1, 1, 1, 1]);

    // Repeat every Monday at 09:30: weekly rounds use the whole default fatigue allowance (2 in 14 days): the author is told.
    const set = await say(where, ana, 'survey repeat weekly monday 09:30');
    expect(textOf(set)).toContain('repeats every Monday at 09:30');
    expect(textOf(set)).toContain('Round 2 opens Mon 12 Jan, 09:30');
    expect(textOf(set)).not.toContain('outside the allowed hours');
    expect(textOf(set)).toContain('use the whole fatigue allowance');
    // Bad input: a clear message, nothing changed.
    expect(textOf(await say(where, ana, 'survey repeat fortnightly'))).toContain('How often?');
    expect(textOf(await say(where, ana, 'survey repeat monthly 31 10:00'))).toContain('1 to 28');

    // Round 1's answers: Ade and Bo like it, Cai and Dee do not.
    await answer(where, staff[0]!, first, '👍 I like it');
    await answer(where, staff[1]!, first, '👍 I like it');
    await answer(where, staff[2]!, first, "👎 I don't like it");
    await answer(where, staff[3]!, first, "👎 I don't like it");

    // Monday 12 Jan 09:29: nothing yet. 09:30: round 2 opens (round 1 closes) and goes out once.
    const second = roundSurveyId(first, 2);
    await at('2026-01-12T09:29:00Z');
    await expect(app.surveys.get(tenantId, second)).rejects.toThrow();
    await at('2026-01-12T09:30:00Z');
    expect((await app.surveys.get(tenantId, first)).status).toBe('closed');
    expect((await app.surveys.get(tenantId, second)).status).toBe('open');
    expect([...invitesOf(second, chatId).values()]).toEqual([1, 1, 1, 1]);
    // Round 2's answers are its own: only one person answers (a gap on the trend at threshold 2).
    await answer(where, staff[0]!, second, "👎 I don't like it");
    expect((await app.surveys.tally((await app.surveys.get(tenantId, second)))).respondents).toBe(1);

    // Monday 19 Jan: round 3 opens, but everyone has had 2 requests in 14 days: the cap skips them.
    const third = roundSurveyId(first, 3);
    await at('2026-01-19T09:30:00Z');
    expect(invitesOf(third, chatId).size).toBe(0);
    const progress3 = await app.delivery.service.progress(tenantId, surveyJobId(third));
    expect(progress3?.counts.skipped).toBe(4);
    expect(Object.keys(progress3?.counts.reasons ?? {}).join()).toContain('fatigue');

    // Paused over the 26th: no round 4. Resumed, and changed to Tuesdays 10:00 from the next round on.
    expect(textOf(await say(where, ana, 'survey repeat pause'))).toContain('Paused');
    await at('2026-01-26T10:00:00Z');
    const fourth = roundSurveyId(first, 4);
    await expect(app.surveys.get(tenantId, fourth)).rejects.toThrow();
    expect(textOf(await say(where, ana, 'survey repeat resume'))).toContain('Round 4 opens Mon 2 Feb, 09:30');
    const changed = await say(where, ana, 'survey repeat weekly tuesday 10:00');
    expect(textOf(changed)).toContain('Changed from the next round on');
    expect(textOf(changed)).toContain('Round 4 opens Tue 27 Jan, 10:00');
    await at('2026-01-27T10:00:00Z');
    expect([...invitesOf(fourth, chatId).values()]).toEqual([1, 1, 1, 1]);
    await answer(where, staff[1]!, fourth, '👍 I like it');
    await answer(where, staff[2]!, fourth, '👍 I like it');

    // Stopped: the next Tuesday opens nothing; nobody got any round twice.
    expect(textOf(await say(where, ana, 'survey repeat stop'))).toContain('Stopped');
    await at('2026-02-03T10:00:00Z');
    await expect(app.surveys.get(tenantId, roundSurveyId(first, 5))).rejects.toThrow();
    for (const id of [first, second, fourth]) expect([...invitesOf(id, chatId).values()]).toEqual([1, 1, 1, 1]);

    // The trend: a line chart per question; round 2 (one answer) and round 3 (none) have no point.
    const trend = await say(where, ana, 'survey trend');
    const charts = cardElements(trend).filter((e) => e.type === 'Chart.Line');
    expect(charts.length).toBeGreaterThan(0);
    const lines = charts[0]!.data as { legend: string; values: { x: string; y: number }[] }[];
    const like = lines.find((l) => l.legend.includes('I like it'))!;
    expect(like.values.map((v) => [v.x.split(' ·')[0], v.y])).toEqual([
      ['Round 1', 50],
      ['Round 4', 100]
    ]);
    expect(textOf(trend)).toContain('4 rounds');
    // Round 2 is hidden by suppression (a gap, said so); round 3 reached nobody (no answers, no point).
    expect(textOf(trend)).toMatch(/Not shown \(a gap\): Round 2 ·[^";]*\./);
    expect(textOf(trend)).toMatch(/Round 3 ·[^"]*: no answers/);
    // Nothing of round 2's single answer can be read off the card.
    expect(textOf(trend)).not.toMatch(/Round 2[^"]*\d+%/);
    // The text fallback says the same without a chart.
    const fallback = charts[0]!.fallback as JsonObject;
    expect(textOf(fallback)).toContain('50% 👍 I like it');
    // A month of rounds through the endpoint: about 10 s alone, more when the suite shares the machine.
  }, 120_000);

  it('a round due before allowed hours opens on time and its messages wait for the window (the author told when setting it up)', async () => {
    const tenantId = newTenant();
    const chatId = `19:early-${Date.now()}@thread.v2`;
    const where: Where = { tenantId, serviceUrl: connector.url, conversationType: 'groupChat', conversationId: chatId };
    const ana = user('Ana Author');
    const staff = [user('Di'), user('Ed')];
    connector.setRoster(chatId, staff.map((u) => ({ id: u.id, aadObjectId: u.aadObjectId, name: u.name })) as never);
    clock.set('2026-03-02T10:00:00Z');
    const first = await publishStaffSurvey(where, ana);
    const set = await say(where, ana, 'survey repeat monthly 9 07:00');
    expect(textOf(set)).toContain('every month on day 9 at 07:00');
    expect(textOf(set)).toContain('Round 2 opens Mon 9 Mar, 07:00');
    expect(textOf(set)).toContain('outside the allowed hours for this group: messages wait until Mon 9 Mar, 09:00');
    // Monthly rounds stay inside the default cap: no fatigue warning.
    expect(textOf(set)).not.toContain('fatigue');
    await at('2026-03-09T07:00:00Z');
    const second = roundSurveyId(first, 2);
    expect((await app.surveys.get(tenantId, second)).status).toBe('open');
    expect(invitesOf(second, chatId).size).toBe(0);
    const progress = await app.delivery.service.progress(tenantId, surveyJobId(second));
    expect(progress?.counts).toMatchObject({ total: 2, sent: 0, waiting: 2 });
    // The next round is due on 9 April.
    expect(textOf(await say(where, ana, 'survey repeat'))).toContain('Round 3 opens Thu 9 Apr, 07:00');
  });

  it('the same round run by two instances at once is one round, sent once, and the series moves on once', async () => {
    const tenantId = newTenant();
    const chatId = `19:race-${Date.now()}@thread.v2`;
    const where: Where = { tenantId, serviceUrl: connector.url, conversationType: 'groupChat', conversationId: chatId };
    const ana = user('Ana Author');
    const staff = [user('Fay'), user('Gus')];
    connector.setRoster(chatId, staff.map((u) => ({ id: u.id, aadObjectId: u.aadObjectId, name: u.name })) as never);
    clock.set('2026-04-06T10:00:00Z');
    const first = await publishStaffSurvey(where, ana);
    await say(where, ana, 'survey repeat weekly monday 10:00');
    const actor = { tenantId, userId: ana.id, aadObjectId: ana.aadObjectId, name: ana.name };
    const series = (await app.series.currentSeries(tenantId, actor))!;
    clock.set('2026-04-13T10:00:00Z');
    const outcomes = await Promise.all([app.series.runRound(series, 2), app.series.runRound(series, 2), app.scheduler.runDue()]);
    await app.delivery.worker.drain();
    const second = roundSurveyId(first, 2);
    expect(outcomes.slice(0, 2).every((o) => typeof o === 'object' && o.round?.surveyId === second)).toBe(true);
    expect([...invitesOf(second, chatId).values()]).toEqual([1, 1]);
    const after = (await app.series.currentSeries(tenantId, actor))!;
    expect(after.rounds.map((r) => r.n)).toEqual([1, 2]);
    expect(after.nextN).toBe(3);
    expect(after.nextAt).toEqual(new Date('2026-04-20T09:00:00Z'));
  });

  it('"after each session": ending a session opens the next round for the next session', async () => {
    const tenantId = newTenant();
    const where: Where = { tenantId, serviceUrl: connector.url, conversationType: 'groupChat', conversationId: `19:forum-${Date.now()}@thread.v2` };
    const ana = user('Ana Author');
    const first = await publishStaffSurvey(where, ana);
    const set = await say(where, ana, 'survey repeat after each session');
    expect(textOf(set)).toContain('Round 2 opens when a session of round 1 ends');
    const actor = { tenantId, userId: ana.id, aadObjectId: ana.aadObjectId, name: ana.name };
    const conversation = { tenantId, serviceUrl: connector.url, channelId: 'msteams', conversationId: where.conversationId!, conversationType: 'groupChat' as const, botId: 'bot', updatedAt: clock.now().toISOString() };
    await app.sessions.start({ sessionId: randomUUID(), actor, surveyId: first, conversation, memberCount: 3 });
    expect((await app.post(message(where, ana, 'session end'))).status).toBe(200);
    expect((await app.surveys.get(tenantId, roundSurveyId(first, 2))).status).toBe('open');
    expect((await app.surveys.get(tenantId, first)).status).toBe('closed');
  });
});
