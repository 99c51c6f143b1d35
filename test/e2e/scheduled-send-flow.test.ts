/**
 * Scheduled sends through the real endpoint (Azurite, fake Bot Connector, injected clock): previewed in the
 * author's time zone with the group's allowed hours, confirmed, listed, changed, fired once at its time,
 * cancelled before it starts (then nothing goes), and not cancellable once started.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/shared/clock';
import { type TestApp, newTenant, pressForCard, sayForCard, withBotAndConnector } from '../helpers/app';
import { type TestUser, type Where, executeAction, message, user } from '../helpers/activities';
import { type JsonObject, cardsInActivity, expectValidCard } from '../helpers/card-validator';
import type { FakeConnector } from '../helpers/fake-connector';

let app: TestApp;
let connector: FakeConnector;
// Monday 5 January 2026, 10:00 in London.
const clock = new ManualClock('2026-01-05T10:00:00Z');
withBotAndConnector((started) => ({ app, connector } = started), { clock });

const textOf = (card: unknown): string => JSON.stringify(card);
const say = (where: Where, who: TestUser, text: string): Promise<JsonObject> => sayForCard(app, connector, where, who, text);
const personal = (where: Where, who: TestUser): Where => ({ tenantId: where.tenantId, serviceUrl: where.serviceUrl, conversationType: 'personal', conversationId: `a:1on1-${who.aadObjectId}` });

async function staffSurveyIn(members: TestUser[]) {
  const tenantId = newTenant();
  const chatId = `19:later-${Date.now()}-${Math.random()}@thread.v2`;
  const where: Where = { tenantId, serviceUrl: connector.url, conversationType: 'groupChat', conversationId: chatId };
  const ana = user('Ana Author');
  connector.setRoster(chatId, members.map((u) => ({ id: u.id, aadObjectId: u.aadObjectId, name: u.name })) as never);
  await say(personal(where, ana), ana, 'safeguarding lead me');
  const editor = await pressForCard(app, where, ana, await say(where, ana, 'survey new'), 'Create draft', { templateId: 'session-feedback', title: 'Staff pulse', cohort: 'staff' });
  expect(textOf(await pressForCard(app, where, ana, editor, 'Publish'))).toContain('Published.');
  const [survey] = await app.surveys.mineIn(tenantId, { tenantId, userId: ana.id, aadObjectId: ana.aadObjectId, name: ana.name }, ['open']);
  return { where, ana, chatId, surveyId: survey!.surveyId };
}

const invites = (surveyId: string, chatId: string) =>
  connector.sentRequests().filter((r) => r.conversationId !== chatId && textOf(r.body).includes(surveyId) && textOf(r.body).includes('Start'));

async function at(iso: string): Promise<void> {
  clock.set(iso);
  await app.scheduler.runDue();
  await app.scheduler.runDue();
  await app.delivery.worker.drain();
}

describe('scheduled sends', () => {
  it('previewed with allowed hours, confirmed, listed, changed, sent once at its time; once started it cannot be cancelled', async () => {
    const members = [user('Ade'), user('Bo')];
    const { where, ana, chatId, surveyId } = await staffSurveyIn(members);
    const preview = await say(where, ana, 'survey send at tomorrow 08:00');
    expect(textOf(preview)).toContain('Tue 6 Jan, 08:00 (Europe/London)');
    expect(textOf(preview)).toContain('weekdays 09:00–17:00');
    expect(textOf(preview)).toContain('messages will wait until Tue 6 Jan, 09:00');
    // Not confirmed yet: nothing listed.
    expect(textOf(await say(where, ana, 'scheduled'))).toContain('Nothing is scheduled');
    const confirmed = await pressForCard(app, where, ana, preview, '✅ Schedule it');
    expect(textOf(confirmed)).toContain('Scheduled.');
    const list = await say(personal(where, ana), ana, 'scheduled');
    expect(textOf(list)).toContain('Staff pulse');
    expect(textOf(list)).toContain('Tue 6 Jan, 08:00');

    // Changed to 10:30 the same day.
    const changed = await pressForCard(app, where, ana, confirmed, '🕒 Change time', { date: '2026-01-06', time: '10:30' });
    expect(textOf(changed)).toContain('Time changed.');
    expect(textOf(changed)).toContain('Tue 6 Jan, 10:30 (Europe/London)');
    expect(textOf(changed)).not.toContain('will wait');
    await at('2026-01-06T08:00:00Z');
    await at('2026-01-06T10:29:00Z');
    expect(invites(surveyId, chatId)).toHaveLength(0);
    await at('2026-01-06T10:30:00Z');
    await at('2026-01-06T10:31:00Z');
    expect(new Set(invites(surveyId, chatId).map((r) => r.conversationId)).size).toBe(2);
    expect(invites(surveyId, chatId)).toHaveLength(2);
    expect(textOf(await say(personal(where, ana), ana, 'scheduled'))).toContain('Nothing is scheduled');

    // The old card's Cancel once it has started: refused, and it said why.
    const late = await app.post(executeAction(where, ana, String((cardButtons(changed).find((a) => a.title === '🗑️ Cancel send') ?? {}).verb), { sendId: (cardButtons(changed)[0]!.data as { sendId: string }).sendId }));
    expect(late.status).toBeGreaterThanOrEqual(400);
    expect(textOf(late.body)).toContain('has started');
  });

  it('cancelled before its time: nothing is sent', async () => {
    const members = [user('Cai')];
    const { where, ana, chatId, surveyId } = await staffSurveyIn(members);
    clock.set('2026-01-07T10:00:00Z');
    const preview = await say(where, ana, 'survey send at thursday 11:00');
    expect(textOf(preview)).toContain('Thu 8 Jan, 11:00');
    const confirmed = await pressForCard(app, where, ana, preview, '✅ Schedule it');
    const cancelled = await pressForCard(app, where, ana, confirmed, '🗑️ Cancel send');
    expect(textOf(cancelled)).toContain('Cancelled: nothing will be sent.');
    await at('2026-01-08T11:00:00Z');
    expect(invites(surveyId, chatId)).toHaveLength(0);
  });

  it("in the author's time zone (Teams' local time zone, else clientInfo), refusing a time that has passed", async () => {
    const members = [user('Dee')];
    const { where, ana, chatId, surveyId } = await staffSurveyIn(members);
    clock.set('2026-01-12T10:00:00Z');
    const before = connector.sent().length;
    const activity = { ...message(where, ana, 'survey send at 2026-01-13 05:00'), localTimezone: undefined, entities: [{ type: 'clientInfo', locale: 'en-US', timezone: 'America/New_York' }] };
    expect((await app.post(activity)).status).toBe(200);
    const [card] = cardsInActivity((await connector.waitForSent(before + 1))[before]);
    expectValidCard(card, 'preview');
    expect(textOf(card)).toContain('Tue 13 Jan, 05:00 (America/New_York)');
    await pressForCard(app, where, ana, card!, '✅ Schedule it');
    await at('2026-01-13T09:59:00Z');
    expect(invites(surveyId, chatId)).toHaveLength(0);
    await at('2026-01-13T10:00:00Z');
    expect(invites(surveyId, chatId)).toHaveLength(1);
    expect(textOf(await say(where, ana, 'survey send at 2026-01-01 09:00'))).toContain('That time has passed');
    expect(textOf(await say(where, ana, 'survey send at someday 09:00'))).toContain('I did not understand');
  });
});

function cardButtons(card: JsonObject): JsonObject[] {
  return ((card.actions ?? []) as JsonObject[]).filter((a) => a.type === 'Action.Execute');
}
