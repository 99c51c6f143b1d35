/**
 * The loop goes both ways (issue 15), end to end through the real HTTP endpoint with the fake Bot
 * Connector and Azurite: six young people who took part get the easy-read "We did" card with
 * "That's right / Not what we said / Tell us more"; reactions are one per person, changeable, counted
 * and suppressed; a "Not what we said" majority is flagged in the digest; a comment with a disclosure
 * goes to the safeguarding lead and never to the owner; the "Has it made things better?" check goes on
 * its day (injected clock), once; Tell us is routed to the service area's owner, screened and acknowledged.
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkEasyRead } from '../../src/cards/shared/easy-read';
import { VERBS } from '../../src/cards/shared/verbs';
import { FINDINGS_SEND_JOB } from '../../src/domain/findings/findings-service';
import { LOOP_CHECK_JOB } from '../../src/domain/loop/loop-service';
import { ManualClock } from '../../src/domain/shared/clock';
import { Scheduler } from '../../src/scheduler/scheduler';
import { TableDueItemRepository } from '../../src/storage/shared/due-item-repository';
import { TABLES } from '../../src/storage/shared/keys';
import { type TestApp, executeForCard, expectEveryCardValid, newTenant, pressForCard, sayForCards, startTestApp } from '../helpers/app';
import { type TestUser, type Where, installationUpdate, message, user } from '../helpers/activities';
import { cardActionTitles, cardElements, cardText } from '../helpers/card-query';
import { cardsInActivity, type JsonObject } from '../helpers/card-validator';
import { type FakeConnector, startFakeConnector } from '../helpers/fake-connector';

// Monday 3 March 2031, 16:00 in London: inside young people's allowed hours (15:30–19:30).
const clock = new ManualClock('2031-03-03T16:00:00Z');
let app: TestApp;
let connector: FakeConnector;
let jobs: Scheduler;

const tenantId = newTenant();
const olly = user('Olly Owner');
const lee = user('Lee Lead');
const ada = user('Ada Admin');
const owen = user('Owen Areaowner');
const wes = user('Wes Watcher');
const young = ['Ann', 'Ben', 'Cat', 'Dan', 'Eve', 'Fay'].map((n) => user(`${n} Young`));
const [ann, ben, cat, dan, eve, fay] = young as [TestUser, TestUser, TestUser, TestUser, TestUser, TestUser];

beforeAll(async () => {
  connector = await startFakeConnector({ rosters: { [TEAM]: [olly].map((u) => ({ id: u.id, name: u.name, aadObjectId: u.aadObjectId })) } });
  app = await startTestApp({ clock, config: { admins: [ada.aadObjectId, lee.aadObjectId] } });
  await app.delivery.settings.update(tenantId, (settings) => ({ ...settings, engagementGate: false }));
  await app.surveys.setThreshold(tenantId, 3);
  jobs = new Scheduler({ due: new TableDueItemRepository(app.tables.client(TABLES.dueItems)), clock, log: pino({ level: 'silent' }) })
    .register(FINDINGS_SEND_JOB, (item) => app.findings.runSend(item))
    .register(LOOP_CHECK_JOB, (item) => app.loop.runCheck(item));
});
afterAll(async () => {
  if (connector) expectEveryCardValid(connector);
  await app?.close();
  await connector?.close();
});

const personal = (who: TestUser): Where => ({ tenantId, serviceUrl: connector.url, conversationType: 'personal', conversationId: `a:1to1-${who.aadObjectId}` });
const groupChat = (): Where => ({ tenantId, serviceUrl: connector.url, conversationType: 'groupChat', conversationId: `19:club-${tenantId}@thread.v2` });
const TEAM = `19:team-${tenantId}@thread.tacv2`;
const news = (): Where => ({ tenantId, serviceUrl: connector.url, conversationType: 'channel', conversationId: `19:news-${tenantId}@thread.tacv2`, teamId: TEAM });
const say = (where: Where, who: TestUser, words: string) => sayForCards(app, connector, where, who, words);
const execute = (where: Where, who: TestUser, verb: string, data: Record<string, unknown>) => executeForCard(app, where, who, verb, data);
const press = (where: Where, who: TestUser, card: JsonObject, title: string, inputs: Record<string, unknown> = {}) => pressForCard(app, where, who, card, title, inputs);

/** Cards sent to a person's 1:1 chat since request number `from`. */
const sentTo = (who: TestUser, from = 0): JsonObject[] =>
  connector
    .sentRequests()
    .slice(from)
    .filter((r) => r.conversationId === personal(who).conversationId)
    .flatMap((r) => cardsInActivity(r.body as never));

const easy = (card: JsonObject, label: string) => expect(checkEasyRead(card), label).toEqual([]);

let surveyId = '';
let weDidCard: JsonObject;

async function figures(who: TestUser, where: Where = personal(who)): Promise<string> {
  const [card] = await say(where, who, 'findings reactions');
  return cardText(card!);
}

describe('the loop both ways', () => {
  it('six young people take part; the findings are published and each gets the "We did" card with the three buttons', async () => {
    for (const who of [olly, lee, ada, owen, wes, ...young]) await say(personal(who), who, 'help');
    await say(personal(lee), lee, 'safeguarding lead me');
    const [form] = await say(groupChat(), olly, 'survey new');
    const draft = await press(groupChat(), olly, form!, 'Create draft', { templateId: 'session-feedback', title: '', cohort: 'youngPeople' });
    const before = connector.sent().length;
    await press(groupChat(), olly, draft, 'Publish');
    const invite = cardsInActivity(connector.sent()[before])[0]!;
    surveyId = String((cardElements(invite).find((e) => e.title === '▶️ Start')!.data as { surveyId: string }).surveyId);
    for (const who of young) {
      const survey = await app.surveys.get(tenantId, surveyId);
      await execute(personal(who), who, VERBS.surveyAnswer, { surveyId, version: survey.version, questionId: 'q1', choice: '0' });
    }
    const opened = await execute(personal(olly), olly, VERBS.findingsOpen, { surveyId });
    const editor = await press(personal(olly), olly, opened, 'Add "You said"', { ys_text: 'You want more music', ys_easyText: 'You want more music' });
    await press(personal(olly), olly, editor, 'Add "We did"', {
      wd_text: 'We will hold a music night every month',
      wd_easyText: 'We will have a music night every month',
      wd_status: 'planned',
      wd_owner: 'Youth club lead',
      wd_when: '2031-04-07'
    });
    // The working group of the news team approves them (so they are that group's findings).
    await app.post(installationUpdate(news(), olly, 'add'));
    const [setup] = await say(news(), olly, 'workinggroup setup');
    const formId = (cardElements(setup!).find((e) => e.verb === VERBS.groupSave)?.data as { formId: string }).formId;
    await execute(news(), olly, VERBS.groupSave, { formId, name: 'Youth working group', memberSource: 'named', members: olly.aadObjectId, chair: olly.aadObjectId, rule: 'all' });
    const submitted = await execute(personal(olly), olly, VERBS.findingsSubmit, { surveyId, teamId: TEAM });
    expect(cardText(submitted)).toContain('With the working group');
    const round = (await app.approvals.roundsOf(tenantId, surveyId)).at(-1)!;
    await execute(news(), olly, VERBS.approvalDecide, { roundId: round.roundId, decision: 'approve' });
    expect((await app.findings.get(tenantId, surveyId)).state).toBe('approved');
    const sends = connector.sentRequests().length;
    const done = await execute(news(), olly, VERBS.findingsPublish, { surveyId });
    // Issue 17: no number before the sends; the author hears 1:1 how many the card reached.
    expect(cardText(done)).toContain('goes 1:1 to everyone who took part');
    await jobs.runDue();
    expect(sentTo(olly, sends).map((c) => cardText(c))).toEqual([expect.stringContaining('Sent to 6.')]);
    for (const who of young) {
      const got = sentTo(who, sends);
      expect(got.length, who.name).toBe(1);
      easy(got[0]!, who.name);
      expect(cardActionTitles(got[0]!)).toEqual(["👍 That's right", '👎 Not what we said', '📨 Send']);
      expect(cardElements(got[0]!).some((e) => e.type === 'Action.ShowCard' && e.title === '💬 Tell us more')).toBe(true);
    }
    weDidCard = sentTo(ann, sends)[0]!;
  });

  it('reactions: one per person, changeable, counted and suppressed; only people who took part; shown to the owner only', async () => {
    let card = await press(personal(ann), ann, weDidCard, "👍 That's right");
    expect(cardText(card)).toContain("You told us this is right");
    easy(card, 'after a reaction');
    await press(personal(ann), ann, weDidCard, "👍 That's right"); // twice: still one
    expect(await figures(olly)).toContain('👍 fewer than 3 · 👎 0');
    card = await press(personal(ann), ann, weDidCard, '👎 Not what we said'); // changed her mind
    expect(cardText(card)).toContain('not what you said');
    expect(await figures(olly)).toContain('👍 0 · 👎 fewer than 3');

    const refused = await press(personal(wes), wes, weDidCard, "👍 That's right");
    expect(cardText(refused)).toContain('Only people who took part');
    easy(refused, 'refusal');
    // Someone else sees nothing of these findings 1:1, nor in another team's channel; in the working group's channel, anyone there does.
    expect(await figures(wes)).toContain('No published findings to show here.');
    const elsewhere: Where = { ...news(), conversationId: `19:other-${tenantId}@thread.tacv2`, teamId: `19:other-team-${tenantId}@thread.tacv2` };
    expect(await figures(wes, elsewhere)).toContain('No published findings to show here.');
    expect(await figures(wes, news())).toContain('👍 0 · 👎 fewer than 3');

    for (const who of [ben, cat]) await press(personal(who), who, weDidCard, '👎 Not what we said');
    for (const who of [dan, eve, fay]) await press(personal(who), who, weDidCard, "👍 That's right");
    const even = await figures(olly);
    expect(even).toContain('👍 3 · 👎 3');
    expect(even).not.toContain('⚠️ How was'); // 3 of 6: not a majority
  });

  it('a "Not what we said" majority is flagged (suppressed counts) and appears in the digest', async () => {
    await press(personal(dan), dan, weDidCard, '👎 Not what we said'); // 2 right, 4 not what we said
    const text = await figures(olly);
    expect(text).toContain("⚠️ How was today's session?: We will hold a music night every month");
    expect(text).toContain('👍 fewer than 3 · 👎 4'); // the 2 is small: never shown
    expect(text).not.toMatch(/👍 2/);
    const [digest] = await say(personal(olly), olly, 'digest');
    expect(cardText(digest!)).toContain("⚠️ Not what we said: How was today's session?: We will hold a music night every month");
  });

  it('"Tell us more": a plain comment reaches the owner without a name; a disclosure reaches the lead, never the owner', async () => {
    let before = connector.sentRequests().length;
    const thanks = await press(personal(eve), eve, weDidCard, '📨 Send', { more_w1: 'Can it be on Fridays?' });
    expect(cardText(thanks)).toContain('We have sent what you told us');
    const toOwner = sentTo(olly, before);
    expect(toOwner.length).toBe(1);
    expect(cardText(toOwner[0]!)).toContain('They said: Can it be on Fridays?');
    expect(cardText(toOwner[0]!)).not.toContain('Eve');

    before = connector.sentRequests().length;
    await press(personal(fay), fay, weDidCard, '📨 Send', { more_w1: 'I do not feel safe on the bus home' });
    const alert = sentTo(lee, before);
    expect(alert.length).toBe(1);
    expect(cardText(alert[0]!)).toContain('Safeguarding alert');
    expect(cardText(alert[0]!)).toContain('I do not feel safe on the bus home');
    expect(cardText(alert[0]!)).toContain('Fay Young'); // who wrote it: for the lead only
    expect(sentTo(olly, before)).toEqual([]); // the owner never sees it
    const reply = sentTo(fay, before);
    expect(reply.length).toBe(1); // the easy-read safeguarding reply, to her alone
    easy(reply[0]!, 'safeguarding reply');
    // An empty comment is refused clearly; the comments are counted (suppressed).
    const empty = await press(personal(ann), ann, weDidCard, '📨 Send', { more_w1: '' });
    expect(cardText(empty)).toMatch(/what you want to tell us/i);
    expect(await figures(olly)).toContain('💬 fewer than 3');
  });

  it('marked done: "Has it made things better?" goes on its day (28 days later), in allowed hours, once', async () => {
    const editor = await execute(personal(olly), olly, VERBS.findingsOpen, { surveyId });
    await press(personal(olly), olly, editor, 'Update status', { status_w1: 'done', reason_w1: '' });
    await jobs.runDue(); // the status follow-up
    const before = connector.sentRequests().length;
    clock.set(new Date('2031-03-30T16:00:00Z')); // 27 days later: not yet
    await jobs.runDue();
    expect(young.flatMap((who) => sentTo(who, before)).filter((c) => cardText(c).includes('Has it made things better?'))).toEqual([]);
    clock.set(new Date('2031-03-31T16:05:00Z')); // its day, in the window
    await jobs.runDue();
    await jobs.runDue();
    for (const who of young) {
      const checks = sentTo(who, before).filter((c) => cardText(c).includes('Has it made things better?'));
      expect(checks.length, who.name).toBe(1);
      easy(checks[0]!, 'check');
      expect(cardActionTitles(checks[0]!)).toEqual(['😀 Yes', '🙂 A bit', '🙁 No']);
    }
    const check = sentTo(ann, before).find((c) => cardText(c).includes('Has it made things better?'))!;
    for (const who of [ann, ben, cat]) await press(personal(who), who, check, '😀 Yes');
    const saved = await press(personal(dan), dan, check, '🙂 A bit');
    expect(cardText(saved)).toContain('We saved your answer');
    const text = await figures(olly);
    expect(text).toContain('Better? yes 3, a bit fewer than 3, no 0');
    const actions = (await app.plans.history(tenantId, surveyId)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['loop.comment', 'loop.checkSent']));
  });
});

describe('the printable page for people who took part without Teams', () => {
  it('"findings print" gives the owner a signed link; the page has the 1:1 card\'s words, escaped, prints cleanly; tampered or expired links are refused', async () => {
    const [card] = await say(personal(olly), olly, 'findings print');
    const link = cardElements(card!).find((e) => e.type === 'Action.OpenUrl')!;
    const url = String(link.url);
    expect(url.startsWith('https://voiceloop.test/voice/')).toBe(true);
    const local = `${app.url}${url.slice('https://voiceloop.test'.length)}`;
    const page = await fetch(local);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await page.text();
    expect(html).toContain('How your views changed things');
    expect(html).toContain('You told us: You want more music.');
    expect(html).toContain('We will have a music night every month.');
    expect(html).toContain('We have done this.');
    expect(html).toContain('@media print');
    expect(html).not.toMatch(/<script|<button|<form/i);
    // Someone else has no links; a changed signature, another findings id or an expired link: 404.
    const [none] = await say(personal(wes), wes, 'findings print');
    expect(cardElements(none!).some((e) => e.type === 'Action.OpenUrl')).toBe(false);
    expect((await fetch(local.replace(/sig=([A-Za-z0-9_-])/, (_m, c: string) => `sig=${c === 'A' ? 'B' : 'A'}`))).status).toBe(404);
    expect((await fetch(local.replace(surveyId, '00000000-0000-4000-8000-000000000000'))).status).toBe(404);
    const later = clock.now();
    clock.set(new Date(later.getTime() + 31 * 86_400_000));
    expect((await fetch(local)).status).toBe(404);
    clock.set(later);
  });
});

describe('Tell us', () => {
  it('is closed until an administrator sets the service areas; only administrators can', async () => {
    const [closed] = await say(personal(ann), ann, 'tell us');
    expect(cardText(closed!)).toContain('Tell us is not ready yet');
    const [refused] = await say(personal(olly), olly, 'tell us areas');
    expect(cardText(refused!)).toContain('Only administrators');
    const [areas] = await say(personal(ada), ada, 'tell us areas');
    expect(cardText(areas!)).toContain('No areas yet');
    const [bad] = await say(personal(ada), ada, 'tell us area add Short breaks');
    expect(cardText(bad!)).toContain('Choose the person');
    const [notAdmin] = await say(personal(olly), olly, `tell us area add Short breaks ${owen.aadObjectId}`);
    expect(cardText(notAdmin!)).toContain('Only administrators');
    const mention = {
      ...message(personal(ada), ada, 'tell us area add Short breaks <at>Owen Areaowner</at>'),
      entities: [{ type: 'mention', mentioned: { id: owen.id, name: 'Owen Areaowner', aadObjectId: owen.aadObjectId }, text: '<at>Owen Areaowner</at>' }]
    };
    const before = connector.sent().length;
    expect((await app.post(mention)).status).toBe(200);
    const added = cardsInActivity(connector.sent()[before])[0]!;
    expect(cardText(added)).toContain('Short breaks → Owen Areaowner');
    const [again] = await say(personal(ada), ada, `tell us area add short breaks ${owen.aadObjectId}`);
    expect(cardText(again!)).toContain('already an area');
    const [second] = await say(personal(ada), ada, `tell us area add School transport ${owen.aadObjectId}`);
    expect(cardText(second!)).toContain('School transport → owner set');
    const removed = await execute(personal(ada), ada, VERBS.tellUsAreaRemove, { areaId: 'a2' });
    expect(cardText(removed)).toContain('Area removed.');
    expect(cardText(removed)).not.toContain('School transport');
    expect((await app.plans.history(tenantId, 'a1')).map((e) => e.action)).toContain('tellus.areaAdded');
  });

  it('from the help card or "tell us": easy read; routed to the area\'s owner; acknowledged; counted and audited', async () => {
    const [help] = await say(personal(ann), ann, 'help easy');
    const form = await press(personal(ann), ann, help!, '💬 Tell us');
    easy(form, 'tell us form');
    const missing = await press(personal(ann), ann, form, '📨 Send', { role: 'youngPerson', text: 'The bus is always late' });
    expect(cardText(missing)).toContain('Choose what it is about');
    easy(missing, 'tell us form with a problem');
    const before = connector.sentRequests().length;
    const sent = await press(personal(ann), ann, form, '📨 Send', { role: 'youngPerson', area: 'a1', text: 'The bus is always late' });
    expect(cardText(sent)).toContain('We sent it to the person in charge of Short breaks');
    easy(sent, 'tell us acknowledgement');
    const toOwen = sentTo(owen, before);
    expect(toOwen.length).toBe(1);
    expect(cardText(toOwen[0]!)).toContain('They said: The bus is always late');
    expect(cardText(toOwen[0]!)).toContain('Ann Young (A young person)');
    // The same press again (a retry) neither sends nor counts twice.
    await press(personal(ann), ann, form, '📨 Send', { role: 'youngPerson', area: 'a1', text: 'The bus is always late' });
    expect(sentTo(owen, before).length).toBe(1);
  });

  it('a disclosure goes to the lead with the words; the owner hears only that a view was passed on', async () => {
    const [form] = await say(personal(ben), ben, 'tell us');
    const before = connector.sentRequests().length;
    const sent = await press(personal(ben), ben, form!, '📨 Send', { role: 'youngPerson', area: 'a1', text: 'My dad hits me when I get home' });
    expect(cardText(sent)).toContain('Thank you');
    const alert = sentTo(lee, before);
    expect(alert.length).toBe(1);
    expect(cardText(alert[0]!)).toContain('My dad hits me');
    const toOwen = sentTo(owen, before);
    expect(toOwen.length).toBe(1);
    expect(cardText(toOwen[0]!)).toContain('passed to the safeguarding lead');
    expect(cardText(toOwen[0]!)).not.toContain('hits');
    expect(cardText(toOwen[0]!)).not.toContain('Ben');
    expect(sentTo(ben, before).length).toBe(1); // the easy-read safeguarding reply
  });

  it('a parent carer or staff member can tell us too; counts for the digest and the audit', async () => {
    const [form] = await say(personal(wes), wes, 'tell us');
    await press(personal(wes), wes, form!, '📨 Send', { role: 'parentCarer', area: 'a1', text: 'Please send letters earlier' });
    expect(await app.loop.countTellUs(tenantId, '2031-03-01', '2031-04-30')).toBe(3);
    expect(await app.loop.countTellUs(tenantId, '2031-05-01', '2031-05-31')).toBe(0);
    const audit = (await app.plans.history(tenantId, 'a1')).filter((e) => e.action === 'tellus.raised');
    expect(audit.length).toBe(3);
    for (const entry of audit) expect(entry.detail).not.toMatch(/bus|hits|letters/);
    const [digest] = await say(personal(olly), olly, 'digest');
    expect(cardText(digest!)).toContain('Tell us views (7 days): 3');
  });
});

describe('easyread check (1:1)', () => {
  it('lists the sentences that break the rules and sends a suggested easy-read card; only in a 1:1 chat', async () => {
    const [report, suggested] = await say(personal(olly), olly, 'easyread check The SENCO will review your EHCP. We met on Monday.');
    expect(cardText(report!)).toContain('1 sentence to change');
    expect(cardText(report!)).toContain('The SENCO will review your EHCP.: "SENCO" is not easy read');
    expect(checkEasyRead(suggested!)).toEqual([]);
    expect(cardText(suggested!)).not.toContain('SENCO');
    const [empty] = await say(personal(olly), olly, 'easyread check');
    expect(cardText(empty!)).toContain('Type "easyread check" and then your text');
    const [shared] = await say(groupChat(), olly, 'easyread check Hello there.');
    expect(cardText(shared!)).toContain('in your chat with VoiceLoop');
  });
});
