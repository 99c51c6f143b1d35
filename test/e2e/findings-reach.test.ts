/**
 * Findings publish never announces a number that was not sent (issue 17): three young people take part —
 * one in their 1:1 chat, two only in the group chat (no 1:1 chat stored). Publishing creates the 1:1 chat
 * where the app is installed (as survey delivery does), and for the one Teams refuses (app not installed) the
 * author hears 1:1 "Sent to 2, 1 not reachable: app not installed". Real endpoint, Azurite, fake connector.
 */
import { describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/shared/verbs';
import { ManualClock } from '../../src/domain/shared/clock';
import { type TestApp, executeForCard, newTenant, pressForCard, sayForCards, withBotAndConnector } from '../helpers/app';
import { type TestUser, type Where, installationUpdate, user } from '../helpers/activities';
import { cardElements, cardText } from '../helpers/card-query';
import { type JsonObject, cardsInActivity } from '../helpers/card-validator';
import type { FakeConnector } from '../helpers/fake-connector';
import { approvedPlan } from '../helpers/plan-fixtures';
import { TableConversationRepository } from '../../src/storage/shared/conversation-repository';
import { TableFindingsRepository } from '../../src/storage/findings/findings-repository';
import { TABLES } from '../../src/storage/shared/keys';

const conversations = () => new TableConversationRepository(app.tables.client(TABLES.conversations));
const findingsTable = () => new TableFindingsRepository(app.tables.client(TABLES.findings));

// Monday 3 March 2031, 16:00 in London: inside young people's allowed hours (findings go 1:1 at once).
const clock = new ManualClock('2031-03-03T16:00:00Z');
let app: TestApp;
let connector: FakeConnector;

const tenantId = newTenant();
const olly = user('Olly Owner');
const yara = user('Yara Young'); // answers in her 1:1 chat
const gina = user('Gina Group'); // answers only in the group chat; the app is installed for her
const hana = user('Hana Hidden'); // answers only in the group chat; Teams refuses a 1:1 chat (app not installed)

withBotAndConnector((started) => ({ app, connector } = started), { clock });
/** Teams answers 403 when the bot asks for a 1:1 chat with someone the app is not installed for. */
const refuseHana = () => connector.setFailNext((req) => (req.kind === 'createConversation' && JSON.stringify(req.body).includes(hana.id) ? 403 : undefined));

const personal = (who: TestUser): Where => ({ tenantId, serviceUrl: connector.url, conversationType: 'personal', conversationId: `a:1to1-${who.aadObjectId}` });
const groupChat = (): Where => ({ tenantId, serviceUrl: connector.url, conversationType: 'groupChat', conversationId: `19:club-${tenantId}@thread.v2` });
const execute = (where: Where, who: TestUser, verb: string, data: Record<string, unknown>): Promise<JsonObject> => executeForCard(app, where, who, verb, data);
const say = (where: Where, who: TestUser, words: string): Promise<JsonObject[]> => sayForCards(app, connector, where, who, words);
const press = (where: Where, who: TestUser, card: JsonObject, title: string, inputs: Record<string, unknown> = {}): Promise<JsonObject> =>
  pressForCard(app, where, who, card, title, inputs);
const cardsTo = (conversationId: string, from = 0): JsonObject[] =>
  connector
    .sentRequests()
    .slice(from)
    .filter((r) => r.conversationId === conversationId && r.kind !== 'createConversation')
    .flatMap((r) => cardsInActivity(r.body as never));

describe('findings publish: the count the author hears is the count sent', () => {
  let surveyId = '';

  it('three take part: one 1:1, two only in the group chat', async () => {
    refuseHana();
    const { planId } = await approvedPlan(app, { tenantId, serviceUrl: connector.url, member: olly, now: clock.now() });
    await say(personal(olly), olly, 'safeguarding lead me');
    const [form] = await say(groupChat(), olly, 'survey new');
    const draft = await press(groupChat(), olly, form!, 'Create draft', { templateId: 'session-feedback', title: '', cohort: 'youngPeople', planId });
    const before = connector.sent().length;
    await press(groupChat(), olly, draft, 'Publish');
    const invite = cardsInActivity(connector.sent()[before])[0]!;
    surveyId = String((cardElements(invite).find((e) => e.title === '▶️ Start')!.data as { surveyId: string }).surveyId);
    const survey = await app.surveys.get(tenantId, surveyId);
    await say(personal(yara), yara, 'help'); // Yara's 1:1 chat is stored
    for (const [who, where] of [[yara, personal(yara)], [gina, groupChat()], [hana, groupChat()]] as const) {
      await execute(where, who, VERBS.surveyAnswer, { surveyId, version: survey.version, questionId: 'q1', choice: '0' });
    }
    expect((await app.surveys.attendees(tenantId, surveyId)).map((a) => a.name).sort()).toEqual(['Gina Group', 'Hana Hidden', 'Yara Young']);
    expect(await conversations().getPersonal(tenantId, gina.aadObjectId)).toBeUndefined();
  });

  it('publishing announces no number; the sends reach Yara and Gina (1:1 chat created), and the author hears "Sent to 2, 1 not reachable"', async () => {
    const [chooser] = await say(personal(olly), olly, 'findings');
    let editor = await press(personal(olly), olly, chooser!, 'Open findings');
    editor = await press(personal(olly), olly, editor, 'Add "You said"', { ys_text: 'You liked the music', ys_easyText: 'You liked the music', ys_questions: 'q1' });
    await press(personal(olly), olly, editor, 'Add "We did"', {
      wd_text: 'A music night every month',
      wd_easyText: 'A music night every month',
      wd_status: 'planned',
      wd_owner: 'Youth club lead',
      wd_when: '2031-04-07'
    });
    await app.post(installationUpdate(groupChat(), olly, 'add'));
    const before = connector.sentRequests().length;
    const [publishChooser] = await say(groupChat(), olly, 'findings publish');
    const published = await press(groupChat(), olly, publishChooser!, 'Publish here');
    const notice = cardText(published);
    expect(notice).toContain('goes 1:1 to everyone who took part, now');
    expect(notice).not.toMatch(/\b3\b/);

    await app.scheduler.runDue();
    expect(cardsTo(personal(yara).conversationId!, before).map(cardText)).toEqual([expect.stringContaining('How your views changed things')]);
    // Gina: the 1:1 chat created where the app is installed for her, stored, and the card in it.
    const ginaChat = await conversations().getPersonal(tenantId, gina.aadObjectId);
    expect(ginaChat?.conversationType).toBe('personal');
    expect(cardsTo(ginaChat!.conversationId, before).map(cardText)).toEqual([expect.stringContaining('How your views changed things')]);
    // Hana: Teams refused the chat; nothing stored, nothing sent.
    expect(await conversations().getPersonal(tenantId, hana.aadObjectId)).toBeUndefined();
    const markers = await findingsTable().sends(tenantId, surveyId, 'publish');
    expect(markers.map((m) => [m.state, m.reason ?? ''])).toEqual(expect.arrayContaining([['sent', ''], ['sent', ''], ['failed', 'not reachable: app not installed']]));

    const report = cardsTo(personal(olly).conversationId!, before).map(cardText);
    expect(report).toHaveLength(1);
    expect(report[0]).toContain('Sent to 2, 1 not reachable: app not installed.');

    // Running the sends again sends nobody anything twice and tells the author nothing new.
    const again = connector.sentRequests().length;
    await app.scheduler.runDue();
    expect(cardsTo(personal(olly).conversationId!, again)).toEqual([]);
  });
});
