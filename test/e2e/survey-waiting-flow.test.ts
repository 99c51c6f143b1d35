/**
 * Who has not answered, through the real endpoint (Azurite, fake Bot Connector, injected clock): names for
 * named staff surveys, a count for pseudonymous ones, only the response rate for anonymous and young
 * people's surveys; "Nudge the rest" sends one reminder to each non-responder, once.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/shared/verbs';
import { NUDGE_ROUND } from '../../src/domain/delivery/delivery-service';
import { ManualClock } from '../../src/domain/shared/clock';
import { type TestApp, executeForCard, newTenant, pressForCard, sayForCard, withBotAndConnector } from '../helpers/app';
import { type TestUser, type Where, executeAction, user } from '../helpers/activities';
import { cardActionTitles } from '../helpers/card-query';
import type { JsonObject } from '../helpers/card-validator';
import type { FakeConnector } from '../helpers/fake-connector';
import { approvedPlan } from '../helpers/plan-fixtures';

let app: TestApp;
let connector: FakeConnector;
// Tuesday 6 January 2026, 16:00 in London: inside staff and young people's allowed hours.
const clock = new ManualClock('2026-01-06T16:00:00Z');
withBotAndConnector((started) => ({ app, connector } = started), { clock });
beforeEach(() => clock.set('2026-01-06T16:00:00Z'));

const textOf = (card: unknown): string => JSON.stringify(card);
const say = (where: Where, who: TestUser, text: string): Promise<JsonObject> => sayForCard(app, connector, where, who, text);
const personal = (where: Where, who: TestUser): Where => ({ tenantId: where.tenantId, serviceUrl: where.serviceUrl, conversationType: 'personal', conversationId: `a:1on1-${who.aadObjectId}` });

/** A survey published in a new group chat with these members and sent to them 1:1; `answering` answer question 1. */
async function sentSurvey(form: Record<string, unknown>, members: TestUser[], answering: TestUser[]) {
  const tenantId = newTenant();
  const chatId = `19:waiting-${Date.now()}-${Math.random()}@thread.v2`;
  const where: Where = { tenantId, serviceUrl: connector.url, conversationType: 'groupChat', conversationId: chatId };
  const ana = user('Ana Author');
  connector.setRoster(chatId, members.map((u) => ({ id: u.id, aadObjectId: u.aadObjectId, name: u.name })) as never);
  await say(personal(where, ana), ana, 'safeguarding lead me');
  const plan = form.cohort === 'staff' ? {} : { planId: (await approvedPlan(app, { tenantId, serviceUrl: connector.url, member: ana, now: clock.now() })).planId };
  const editor = await pressForCard(app, where, ana, await say(where, ana, 'survey new'), 'Create draft', { templateId: 'session-feedback', title: '', ...plan, ...form });
  expect(textOf(await pressForCard(app, where, ana, editor, 'Publish'))).toContain('Published.');
  const [survey] = await app.surveys.mineIn(tenantId, { tenantId, userId: ana.id, aadObjectId: ana.aadObjectId, name: ana.name }, ['open']);
  await say(where, ana, 'survey send');
  await app.delivery.worker.drain();
  for (const who of answering) {
    const q1 = await executeForCard(app, personal(where, who), who, VERBS.surveyShow, { surveyId: survey!.surveyId, index: 0 });
    await pressForCard(app, personal(where, who), who, q1, '👍 I like it');
  }
  return { where, ana, surveyId: survey!.surveyId };
}

describe('who has not answered', () => {
  it('named staff survey: how many and who; "Nudge the rest" reminds each non-responder once, never twice', async () => {
    const [ade, bo, cai] = [user('Ade Adams'), user('Bo Brown'), user('Cai Cole')];
    const { where, ana, surveyId } = await sentSurvey({ cohort: 'staff', anonymity: 'named' }, [ade, bo, cai], [ade]);
    const view = await say(personal(where, ana), ana, 'survey waiting');
    expect(textOf(view)).toContain('2 of the 3 people it reached 1:1 have not answered (33% answered)');
    expect(textOf(view)).toContain('Bo Brown');
    expect(textOf(view)).toContain('Cai Cole');
    expect(textOf(view)).not.toContain('Ade Adams');
    expect(cardActionTitles(view)).toContain('🔔 Nudge the rest');

    const before = connector.sentRequests().length;
    const nudged = await pressForCard(app, personal(where, ana), ana, view, '🔔 Nudge the rest');
    expect(textOf(nudged)).toContain('Nudged 2 people');
    expect(cardActionTitles(nudged)).not.toContain('🔔 Nudge the rest');
    await app.delivery.worker.drain();
    const reminders = connector.sentRequests().slice(before).filter((r) => textOf(r.body).includes(surveyId));
    expect(reminders).toHaveLength(2);
    expect(new Set(reminders.map((r) => r.conversationId)).size).toBe(2);

    // Pressed again (an old card, a double click): nobody is nudged twice.
    const again = await pressForCard(app, personal(where, ana), ana, view, '🔔 Nudge the rest');
    expect(textOf(again)).toContain('nobody is nudged twice');
    await app.delivery.worker.drain();
    expect(connector.sentRequests().slice(before).filter((r) => textOf(r.body).includes(surveyId))).toHaveLength(2);
    expect(textOf(again)).toContain('2 of them have been nudged already');
  });

  it('a nudge outside allowed hours waits for them', async () => {
    const [ivy, jo] = [user('Ivy Irons'), user('Jo Jones')];
    clock.set('2026-01-08T16:00:00Z');
    const { where, ana, surveyId } = await sentSurvey({ cohort: 'staff', anonymity: 'named' }, [ivy, jo], [ivy]);
    clock.set('2026-01-08T18:00:00Z'); // Thursday evening: after staff hours (09:00–17:00)
    const view = await say(personal(where, ana), ana, 'survey waiting');
    const before = connector.sentRequests().length;
    expect(textOf(await pressForCard(app, personal(where, ana), ana, view, '🔔 Nudge the rest'))).toContain('Nudged 1 person');
    await app.delivery.worker.drain();
    expect(connector.sentRequests().slice(before).filter((r) => textOf(r.body).includes(surveyId))).toHaveLength(0);
    expect(await app.delivery.deliveries.counts(where.tenantId, `survey-${surveyId}`, NUDGE_ROUND)).toMatchObject({ total: 1, waiting: 1, sent: 0 });
  });

  it('pseudonymous staff survey: how many, never who', async () => {
    const [di, ed] = [user('Di Dean'), user('Ed Evans')];
    const { where, ana } = await sentSurvey({ cohort: 'staff', anonymity: 'pseudonymous' }, [di, ed], [di]);
    const view = await say(personal(where, ana), ana, 'survey waiting');
    expect(textOf(view)).toContain('1 of the 2 people it reached 1:1 has not answered');
    expect(textOf(view)).not.toContain('Ed Evans');
    expect(textOf(view)).not.toContain('Di Dean');
  });

  it('anonymous staff surveys, young people\'s and parent carers\' surveys: only the response rate, no names, no count, no nudge', async () => {
    // Each at a time inside the group's allowed hours (parent carers: 10:00–14:00 on weekdays).
    for (const [form, at] of [
      [{ cohort: 'staff', anonymity: 'anonymous' }, '2026-01-06T16:00:00Z'],
      [{ cohort: 'youngPeople', anonymity: 'named' }, '2026-01-06T16:00:00Z'],
      [{ cohort: 'parentCarers', anonymity: 'pseudonymous' }, '2026-01-07T11:00:00Z']
    ] as const) {
      clock.set(at);
      const [fay, gus] = [user('Fay Ford'), user('Gus Grey')];
      const { where, ana, surveyId } = await sentSurvey(form, [fay, gus], [fay]);
      const view = await say(personal(where, ana), ana, 'survey waiting');
      expect(textOf(view), JSON.stringify(form)).toContain('Response rate: 50% of the 2 people it reached 1:1.');
      expect(textOf(view)).not.toContain('Gus Grey');
      expect(textOf(view)).not.toContain('not answered (');
      expect(cardActionTitles(view)).not.toContain('🔔 Nudge the rest');
      // The verb pressed anyway is refused, and nothing is sent.
      const before = connector.sentRequests().length;
      const refused = await app.post(executeAction(personal(where, ana), ana, VERBS.surveyNudge, { surveyId }));
      expect(refused.status).toBeGreaterThanOrEqual(400);
      await app.delivery.worker.drain();
      expect(connector.sentRequests().length).toBe(before);
    }
  });

  it('only the author sees it', async () => {
    const [hal] = [user('Hal Hart')];
    const { where, surveyId } = await sentSurvey({ cohort: 'staff', anonymity: 'named' }, [hal], []);
    const response = await app.post(executeAction(personal(where, hal), hal, VERBS.surveyWaiting, { surveyId }));
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(textOf(response.body)).not.toContain('Hal Hart');
  });
});
