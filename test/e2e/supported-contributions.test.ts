/**
 * Supported and offline contributions in a session, end to end (docs/groups.md): through the real endpoint,
 * Azurite and the fake Bot Connector. The facilitator records one person's answers given with support:
 * they are counted like any other and marked, a bad form stores nothing, the same form twice counts once,
 * words are screened for safeguarding; others present without Teams are counted in attendance and the
 * audit's source; nothing anywhere says who was supported.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/shared/verbs';
import { ManualClock } from '../../src/domain/shared/clock';
import { participationSource } from '../../src/modules/digests';
import { type TestApp, executeForCard, expectEveryCardValid, newTenant, pressForCard, sayForCard, sayForCards, startTestApp } from '../helpers/app';
import { type TestUser, type Where, user } from '../helpers/activities';
import { cardElements, cardText } from '../helpers/card-query';
import { type JsonObject, cardsInActivity } from '../helpers/card-validator';
import { type FakeConnector, startFakeConnector } from '../helpers/fake-connector';

const clock = new ManualClock('2026-01-05T16:00:00Z');
const officer = user('Olu Officer');
let app: TestApp;
let connector: FakeConnector;

beforeAll(async () => {
  connector = await startFakeConnector();
  app = await startTestApp({ clock, config: { admins: [officer.aadObjectId] } });
});
afterAll(async () => {
  if (connector) expectEveryCardValid(connector);
  await app?.close();
  await connector?.close();
});

const personal = (tenantId: string, who: TestUser): Where => ({ tenantId, serviceUrl: connector.url, conversationType: 'personal', conversationId: `a:1on1-${who.aadObjectId}` });
const chat = (tenantId: string, name: string): Where => ({ tenantId, serviceUrl: connector.url, conversationType: 'groupChat', conversationId: `19:${name}-${tenantId}@thread.v2` });

const say = (where: Where, who: TestUser, text: string): Promise<JsonObject> => sayForCard(app, connector, where, who, text);

async function publish(tenantId: string, where: Where): Promise<string> {
  clock.advance(60_000);
  const [form] = await sayForCards(app, connector, where, officer, 'survey new');
  const draft = await pressForCard(app, where, officer, form!, 'Create draft', { templateId: 'session-feedback', title: '', cohort: 'youngPeople' });
  const before = connector.sent().length;
  await pressForCard(app, where, officer, draft, 'Publish');
  const invite = cardsInActivity(connector.sent()[before])[0]!;
  return String((cardElements(invite).find((e) => e.title === '▶️ Start')!.data as { surveyId: string }).surveyId);
}

/** The form's question inputs, in order. */
const inputIds = (form: JsonObject): string[] => cardElements(form).filter((e) => typeof e.id === 'string' && String(e.id).startsWith('q_')).map((e) => String(e.id));

describe('supported and offline contributions in a session', () => {
  it('answers given with support are counted and marked, never who; others without Teams are counted in attendance', async () => {
    const tenantId = newTenant();
    await app.delivery.settings.update(tenantId, (s) => ({ ...s, engagementGate: false }));
    await say(personal(tenantId, officer), officer, 'safeguarding lead me');
    const room = chat(tenantId, 'room');
    const sam = user('Sam Young');
    connector.setRoster(room.conversationId!, [officer, sam].map((u) => ({ id: u.id, aadObjectId: u.aadObjectId, name: u.name })) as never);
    const surveyId = await publish(tenantId, room);

    expect(cardText(await say(room, officer, 'session support'))).toContain('No session is running');
    const [chooser] = await sayForCards(app, connector, room, officer, 'session start');
    await pressForCard(app, room, officer, chooser!, 'Start session', { surveyId });
    expect(cardText(await say(room, sam, 'session support'))).toContain('Only the person running this session');

    const form = await say(room, officer, 'session support');
    expect(cardText(form)).toContain('given with support');
    const [q1, q2, q3, q4] = inputIds(form);
    expect(q4).toBeDefined();
    const respondents = async (): Promise<number> => (await app.surveys.tally(await app.surveys.get(tenantId, surveyId))).respondents;

    // A bad answer (a choice that does not exist) or no "how": the form again with the reason, nothing stored.
    const bad = await pressForCard(app, room, officer, form, '💾 Save their answers', { how: 'symbols', [q1!]: '0', [q3!]: '7' });
    expect(cardText(bad)).toContain('Not saved: Question 3');
    expect(cardText(await pressForCard(app, room, officer, form, '💾 Save their answers', { [q1!]: '0' }))).toContain('Choose how the answers were given');
    expect(await respondents()).toBe(0);

    // Saved: counted like any answer, marked.
    const saved = await pressForCard(app, room, officer, form, '💾 Save their answers', { how: 'symbols', [q1!]: '0', [q2!]: '1', [q4!]: 'I liked the games' });
    expect(cardText(saved)).toContain('3 answers saved');
    expect(cardText(saved)).toContain('marked "given with support"');
    expect(await respondents()).toBe(1);
    // The same form again updates; it is not counted twice.
    expect(cardText(await pressForCard(app, room, officer, form, '💾 Save their answers', { how: 'symbols', [q1!]: '1', [q2!]: '1' }))).toContain('not counted twice');
    expect(await respondents()).toBe(1);

    // A second person, on a new form, whose words raise a concern: the lead is told; the facilitator is told to act.
    const second = await say(room, officer, 'session support');
    const before = connector.sentRequests().length;
    const flagged = await pressForCard(app, room, officer, second, '💾 Save their answers', { how: 'drawing', [q4!]: 'my dad hits me' });
    expect(cardText(flagged)).toContain('passed to the safeguarding lead');
    await connector.waitFor((r) => r.seq > before && r.conversationId === personal(tenantId, officer).conversationId && JSON.stringify(r.body).includes('my dad hits me'));
    expect(await respondents()).toBe(2);

    // Others present without Teams: a number, set (not added), refused when not a number.
    expect(cardText(await say(room, officer, 'session others lots'))).toContain('Give a number of others');
    await say(room, officer, 'session others 3');
    const others = await say(room, officer, 'session others 4');
    expect(cardText(others)).toContain('4 people took part');
    expect(cardText(others)).toContain('findings print');
    expect(await app.surveys.attendanceCount(tenantId, surveyId)).toEqual({ inTeams: 0, others: 4 });
    // The participation audit's source counts them (one key each).
    const keys = await participationSource({ surveys: app.surveys, plans: { listAll: async () => [] }, findings: { listAll: async () => [] } }).attendees(tenantId, surveyId);
    expect(keys).toHaveLength(4);

    // The owner's results: the supported count and the others, never who.
    const results = await executeForCard(app, room, officer, VERBS.surveyResults, { surveyId });
    const text = cardText(results);
    expect(text).toContain('2 people answered');
    expect(text).toContain('2 of them gave their answers with support');
    expect(text).toContain('4 more took part in the room without Teams');
    // Nobody is named: no attendance row for a supported answer, and neither Sam nor the facilitator in the results.
    expect(await app.surveys.attendees(tenantId, surveyId)).toEqual([]);
    expect(text).not.toContain('Sam');
    expect(text).not.toContain('Olu');
  });
});
