/**
 * Groups young people choose to join, end to end (docs/groups.md): through the real endpoint, Azurite and
 * the fake Bot Connector. Opt-in from the thank-you card and leaving; officers only manage groups; the
 * fatigue cap skipped only for the chosen group's own request to those who joined themselves; `my voice`
 * and the certificate. Every young people's card passes the easy-read check and the official parser.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionEndCard } from '../../src/cards/sessions/session-cards';
import { checkEasyRead } from '../../src/cards/shared/easy-read';
import { VERBS } from '../../src/cards/shared/verbs';
import { ManualClock } from '../../src/domain/shared/clock';
import { surveyJobId } from '../../src/domain/surveys/survey-delivery';
import { type TestApp, executeForCard, expectEveryCardValid, newTenant, pressForCard, sayForCards, startTestApp } from '../helpers/app';
import { type TestUser, type Where, executeAction, installationUpdate, message, user } from '../helpers/activities';
import { cardActionTitles, cardElements, cardText } from '../helpers/card-query';
import { type JsonObject, cardsInActivity, expectValidCard } from '../helpers/card-validator';
import { type FakeConnector, startFakeConnector } from '../helpers/fake-connector';

// Monday 5 January 2026, 16:00 in London: inside young people's allowed hours.
const clock = new ManualClock('2026-01-05T16:00:00Z');
const officer = user('Olu Officer');
let app: TestApp;
let connector: FakeConnector;

beforeAll(async () => {
  connector = await startFakeConnector();
  // The officer is the one administrator: everyone else is refused what only officers may do.
  app = await startTestApp({ clock, config: { admins: [officer.aadObjectId] } });
});
afterAll(async () => {
  if (connector) expectEveryCardValid(connector);
  await app?.close();
  await connector?.close();
});

const personal = (tenantId: string, who: TestUser): Where => ({ tenantId, serviceUrl: connector.url, conversationType: 'personal', conversationId: `a:1on1-${who.aadObjectId}` });
const chat = (tenantId: string, name: string): Where => ({ tenantId, serviceUrl: connector.url, conversationType: 'groupChat', conversationId: `19:${name}-${tenantId}@thread.v2` });

async function say(where: Where, who: TestUser, text: string, mentions: TestUser[] = []): Promise<JsonObject> {
  const before = connector.sent().length;
  const activity = {
    ...message(where, who, `${text}${mentions.map((m) => ` <at>${m.name}</at>`).join('')}`),
    entities: mentions.map((m) => ({ type: 'mention', text: `<at>${m.name}</at>`, mentioned: { id: m.id, name: m.name, aadObjectId: m.aadObjectId } }))
  };
  expect((await app.post(activity)).status).toBe(200);
  const sent = await connector.waitForSent(before + 1);
  const [card] = cardsInActivity(sent[before]);
  // Named in the failure: what came instead of a card, and any error the app logged.
  expectValidCard(card, card ? text : `${text}: got ${JSON.stringify(sent[before]).slice(0, 400)}; errors ${JSON.stringify(app.logs.filter((l) => Number(l.level) >= 50)).slice(0, 1000)}`);
  return card!;
}

const easy = (card: JsonObject, label: string): JsonObject => {
  expect(checkEasyRead(card), label).toEqual([]);
  return card;
};

/** A young people's survey published by the officer in a group chat (the council's gate is off: not under test here). */
async function publish(tenantId: string, where: Where): Promise<string> {
  clock.advance(60_000); // `survey send` sends the newest open survey: each one a minute newer
  const [form] = await sayForCards(app, connector, where, officer, 'survey new');
  const draft = await pressForCard(app, where, officer, form!, 'Create draft', { templateId: 'session-feedback', title: '', cohort: 'youngPeople' });
  const before = connector.sent().length;
  await pressForCard(app, where, officer, draft, 'Publish');
  const invite = cardsInActivity(connector.sent()[before])[0]!;
  const start = cardElements(invite).find((e) => e.title === '▶️ Start')!;
  return String((start.data as { surveyId: string }).surveyId);
}

async function newCouncil(): Promise<string> {
  const tenantId = newTenant();
  await app.delivery.settings.update(tenantId, (s) => ({ ...s, engagementGate: false }));
  await say(personal(tenantId, officer), officer, 'safeguarding lead me');
  return tenantId;
}

describe('groups young people choose to join', () => {
  it('an officer creates a group; a young person cannot; the thank-you card offers it; joining and leaving are one button each', async () => {
    const tenantId = await newCouncil();
    const kit = user('Kit Young');
    const refused = await say(personal(tenantId, kit), kit, 'group new Secret Club');
    expect(cardText(refused)).toContain('Only participation officers');
    expect(cardText(await say(personal(tenantId, officer), officer, 'group new Youth Forum'))).toContain('Created');
    expect(cardText(await say(personal(tenantId, officer), officer, 'group new youth forum'))).toContain('already a group');
    expect(cardText(await say(personal(tenantId, officer), officer, 'group new !!!'))).toContain('letters or numbers');

    const surveyId = await publish(tenantId, chat(tenantId, 'club'));
    const survey = await app.surveys.get(tenantId, surveyId);
    // After the last question: the easy-read thank-you card, with the optional button.
    const done = easy(await executeForCard(app, personal(tenantId, kit), kit, VERBS.surveyShow, { surveyId, index: survey.questions.length }), 'thank you');
    expect(cardActionTitles(done)).toContain('🙋 I want to help more');
    const offer = easy(await pressForCard(app, personal(tenantId, kit), kit, done, '🙋 I want to help more'), 'offer');
    expect(cardText(offer)).toContain('Youth Forum');
    expect(cardText(offer)).toContain('You do not have to join');
    expect(cardText(offer)).toContain('You can leave at any time');
    const joined = easy(await pressForCard(app, personal(tenantId, kit), kit, offer, '✅ Join Youth Forum'), 'joined');
    expect(cardText(joined)).toContain('You joined Youth Forum');
    // Pressed twice (a double tap): still one member.
    await pressForCard(app, personal(tenantId, kit), kit, offer, '✅ Join Youth Forum');

    const view = await say(personal(tenantId, officer), officer, 'group youth-forum');
    expect(cardText(view)).toContain('Kit Young: chose to join');
    expect(JSON.stringify(view)).toContain('{"title":"Members","value":"1"}');
    expect(JSON.stringify(view)).toContain('{"title":"Chose to join","value":"1"}');
    // A young person cannot see who is in it.
    expect(cardText(await say(personal(tenantId, kit), kit, 'group youth-forum'))).toContain('Only participation officers');

    const left = easy(await pressForCard(app, personal(tenantId, kit), kit, joined, '🚪 Leave Youth Forum'), 'left');
    expect(cardText(left)).toContain('You left Youth Forum');
    expect(cardText(await say(personal(tenantId, officer), officer, 'group youth-forum'))).toContain('Nobody has joined yet');
    // Leaving again is not an error; an unknown group is a clear refusal.
    await pressForCard(app, personal(tenantId, kit), kit, joined, '🚪 Leave Youth Forum');
    const bad = await app.post(executeAction(personal(tenantId, kit), kit, VERBS.groupsJoin, { groupId: 'no-such-group' }));
    expect(bad.status).toBe(404);
    expect(JSON.stringify(bad.body)).toContain('There is no group');
  });

  it('privacy erase removes a person\'s memberships of groups they chose, with saved-group memberships', async () => {
    const tenantId = await newCouncil();
    const lou = user('Lou Young');
    await say(personal(tenantId, officer), officer, 'group new Youth Forum');
    await executeForCard(app, personal(tenantId, lou), lou, VERBS.groupsJoin, { groupId: 'youth-forum' });
    const admin = { tenantId, userId: officer.id, aadObjectId: officer.aadObjectId, name: officer.name };
    const preview = await app.privacy.previewErase(admin, { kind: 'aad', id: lou.aadObjectId });
    expect(preview.counts.groupMemberships).toBe(1);
    await app.privacy.erase(admin, preview.requestId, preview.person);
    expect(cardText(await say(personal(tenantId, officer), officer, 'group youth-forum'))).toContain('Nobody has joined yet');
  });

  it('the session-end card of a young people\'s session offers it too, in easy read', async () => {
    const tenantId = await newCouncil();
    const surveyId = await publish(tenantId, chat(tenantId, 'session'));
    const card = easy(sessionEndCard(await app.surveys.get(tenantId, surveyId)) as JsonObject, 'session end');
    expectValidCard(card, 'session end');
    expect(cardActionTitles(card)).toEqual(['🙋 I want to help more']);
  });
});

describe('the fatigue cap and groups people chose', () => {
  it('skips the cap only for the chosen group\'s own request, only for members who joined themselves; other requests stay capped', async () => {
    const tenantId = await newCouncil();
    await app.delivery.settings.update(tenantId, (s) => ({ ...s, fatigue: { maxRequests: 1, windowDays: 14 } }));
    const ade = user('Ade Young'); // will join the group herself
    const bo = user('Bo Young'); // added by staff
    const club = chat(tenantId, 'club');
    connector.setRoster(club.conversationId!, [officer, ade, bo].map((u) => ({ id: u.id, aadObjectId: u.aadObjectId, name: u.name })) as never);
    for (const who of [ade, bo]) await say(personal(tenantId, who), who, 'help');

    // Survey A to the whole chat: everyone's one request in the window is used.
    const a = await publish(tenantId, club);
    await say(club, officer, 'survey send');
    await app.delivery.worker.drain();
    expect((await app.delivery.service.progress(tenantId, surveyJobId(a)))?.counts).toMatchObject({ sent: 3 });

    await say(personal(tenantId, officer), officer, 'group new Young Commissioners');
    await executeForCard(app, personal(tenantId, ade), ade, VERBS.groupsJoin, { groupId: 'young-commissioners' });
    const added = await say(personal(tenantId, officer), officer, 'group young-commissioners add', [bo]);
    expect(cardText(added)).toContain('1 added');
    expect(cardText(added)).toContain('Bo Young: added by staff');

    // Survey B to the group: Ade chose it (not capped), Bo did not (capped); the author is told.
    const b = await publish(tenantId, club);
    const notice = await say(club, officer, 'survey send group Young-Commissioners'); // ids are not case-sensitive
    expect(cardText(notice)).toContain('2 people will get it 1:1');
    expect(cardText(notice)).toContain('1 member chose to join Young Commissioners: the fatigue cap does not apply to them');
    expect(cardText(notice)).toContain('1 added by staff still count toward the cap');
    await app.delivery.worker.drain();
    const recordsB = await app.delivery.deliveries.list(tenantId, surveyJobId(b), 0);
    const statusOf = (records: typeof recordsB, who: TestUser) => records.find((r) => r.personKey === who.aadObjectId);
    expect(statusOf(recordsB, ade)).toMatchObject({ status: 'sent', viaGroup: 'young-commissioners' });
    expect(statusOf(recordsB, bo)).toMatchObject({ status: 'skipped' });
    expect(statusOf(recordsB, bo)?.reason).toContain('fatigue');

    // Survey C to the whole chat (not the group's request): Ade is capped like anyone.
    const c = await publish(tenantId, club);
    const plain = await say(club, officer, 'survey send');
    expect(cardText(plain)).not.toContain('fatigue cap does not apply');
    await app.delivery.worker.drain();
    const recordsC = await app.delivery.deliveries.list(tenantId, surveyJobId(c), 0);
    expect(statusOf(recordsC, ade)).toMatchObject({ status: 'skipped' });

    // Once she leaves, the group's next request is capped for her too.
    await executeForCard(app, personal(tenantId, ade), ade, VERBS.groupsLeave, { groupId: 'young-commissioners' });
    await executeForCard(app, personal(tenantId, bo), bo, VERBS.groupsJoin, { groupId: 'young-commissioners' });
    const d = await publish(tenantId, club);
    await say(club, officer, 'survey send group young-commissioners');
    await app.delivery.worker.drain();
    const recordsD = await app.delivery.deliveries.list(tenantId, surveyJobId(d), 0);
    expect(recordsD.map((r) => r.personKey)).toEqual([bo.aadObjectId]);
    expect(statusOf(recordsD, bo)).toMatchObject({ status: 'sent' }); // Bo chose it now
  });
});

describe('recognition: my voice and the certificate', () => {
  it('shows what a young person took part in and what changed because of it; an officer sends the certificate 1:1', async () => {
    const tenantId = await newCouncil();
    const mo = user('Mo Young');
    const club = chat(tenantId, 'club');
    await say(personal(tenantId, mo), mo, 'help');
    const empty = easy(await say(personal(tenantId, mo), mo, 'my voice'), 'my voice, empty');
    expect(cardText(empty)).toContain('You have not taken part yet');

    const surveyId = await publish(tenantId, club);
    const survey = await app.surveys.get(tenantId, surveyId);
    await executeForCard(app, personal(tenantId, mo), mo, VERBS.surveyAnswer, { surveyId, version: survey.version, questionId: 'q1', choice: '0' });
    const waiting = easy(await say(personal(tenantId, mo), mo, 'my voice'), 'my voice, waiting');
    expect(cardText(waiting)).toContain(`You helped with: ${survey.title}`);
    expect(cardText(waiting)).toContain('We are still working on what to do');

    // The officer writes and publishes the findings (their own flow is tested in findings-flow).
    const actor = { tenantId, userId: officer.id, aadObjectId: officer.aadObjectId, name: officer.name };
    await app.findings.open(tenantId, surveyId, actor);
    await app.findings.addYouSaid(tenantId, surveyId, actor, { text: 'You want more music', easyText: 'You want more music', questions: 'q1' });
    await app.findings.addWeDid(tenantId, surveyId, actor, { text: 'A music night every month', easyText: 'We will have a music night every month', status: 'planned', owner: 'Youth club lead', when: '2026-04-07' });
    expect((await app.post(installationUpdate(club, officer, 'add'))).status).toBe(200); // VoiceLoop is in the chat
    await app.findings.publish(tenantId, surveyId, actor, club.conversationId!);

    const changed = easy(await say(personal(tenantId, mo), mo, 'my voice'), 'my voice, changed');
    expect(cardText(changed)).toContain('We will have a music night every month');
    // Someone else sees only their own.
    const other = user('Nia Young');
    expect(cardText(await say(personal(tenantId, other), other, 'my voice'))).not.toContain(survey.title);

    // Only officers send certificates; a person who never took part is refused with a reason.
    expect(cardText(await say(personal(tenantId, other), other, 'certificate', [mo]))).toContain('Only participation officers');
    expect(cardText(await say(personal(tenantId, officer), officer, 'certificate', [other]))).toContain('have not taken part');
    const before = connector.sentRequests().length;
    await say(personal(tenantId, officer), officer, 'certificate', [mo]);
    await connector.waitForSent(before + 2);
    const toOfficer = connector.sentRequests().slice(before).filter((r) => r.conversationId === personal(tenantId, officer).conversationId);
    expect(cardText(cardsInActivity(toOfficer[0]!.body as never)[0]!)).toContain('Certificate sent');
    const toMo = connector.sentRequests().slice(before).filter((r) => r.conversationId === personal(tenantId, mo).conversationId);
    expect(toMo).toHaveLength(1);
    const certificate = easy(cardsInActivity(toMo[0]!.body as never)[0]!, 'certificate');
    expect(cardText(certificate)).toContain('Thank you for helping to change things');
    expect(cardText(certificate)).toContain('We will have a music night every month');
    expect(cardText(certificate)).toContain('From: Olu Officer');
  });
});

describe('Young Commissioners review recommendations', () => {
  it('one easy-read card per "We did" to each member (once); views counted and suppressed; a worrying comment goes to the lead, never to the results', async () => {
    const tenantId = await newCouncil();
    const club = chat(tenantId, 'club');
    const members = [user('Ana Commissioner'), user('Ben Commissioner'), user('Cy Commissioner')];
    const outsider = user('Dot Outsider');
    for (const who of [...members, outsider]) await say(personal(tenantId, who), who, 'help');
    await say(personal(tenantId, officer), officer, 'group new Young Commissioners');
    for (const who of members) await executeForCard(app, personal(tenantId, who), who, VERBS.groupsJoin, { groupId: 'young-commissioners' });

    const surveyId = await publish(tenantId, club);
    const actor = { tenantId, userId: officer.id, aadObjectId: officer.aadObjectId, name: officer.name };
    await app.findings.open(tenantId, surveyId, actor);
    await app.findings.addWeDid(tenantId, surveyId, actor, { text: 'A music night every month', easyText: 'We will have a music night every month', status: 'planned', owner: 'Youth club lead', when: '2026-04-07' });
    await app.findings.addWeDid(tenantId, surveyId, actor, { text: 'Longer opening hours', easyText: 'The club will open for longer', status: 'inProgress', owner: 'Youth club lead', when: '2026-05-01' });

    // Only officers ask for a review.
    expect(cardText(await say(personal(tenantId, outsider), outsider, 'group young-commissioners review'))).toContain('Only participation officers');
    const chooser = await say(personal(tenantId, officer), officer, 'group young-commissioners review');
    const before = connector.sentRequests().length;
    const sent = await pressForCard(app, personal(tenantId, officer), officer, chooser, `📨 Send "How was today's session?"`);
    expect(cardText(sent)).toContain('3 members got the review cards');
    const again = await pressForCard(app, personal(tenantId, officer), officer, chooser, `📨 Send "How was today's session?"`);
    expect(cardText(again)).toContain('3 had them already');
    const cardsTo = (who: TestUser) =>
      connector.sentRequests().slice(before).filter((r) => r.conversationId === personal(tenantId, who).conversationId).flatMap((r) => cardsInActivity(r.body as never));
    expect(cardsTo(members[0]!)).toHaveLength(2); // one per "We did", sent once
    for (const card of cardsTo(members[0]!)) {
      expectValidCard(card, 'review card');
      easy(card, 'review card');
    }
    const [music] = cardsTo(members[0]!).filter((c) => cardText(c).includes('music night'));
    expect(cardText(music!)).toContain('Do you agree with this idea?');

    // Views: two agree, one disagrees; a comment that raises a concern.
    const thanks = easy(await pressForCard(app, personal(tenantId, members[0]!), members[0]!, music!, '📨 Send my view', { choice: 'agree', comment: 'Great idea, more music!' }), 'thanks');
    expect(cardText(thanks)).toContain('We have your view');
    await pressForCard(app, personal(tenantId, members[1]!), members[1]!, music!, '📨 Send my view', { choice: 'agree', comment: '' });
    const toLeadBefore = connector.sentRequests().length;
    const reply = await pressForCard(app, personal(tenantId, members[2]!), members[2]!, music!, '📨 Send my view', { choice: 'disagree', comment: "I don't feel safe at home" });
    expect(cardText(reply)).toMatch(/cannot keep what you wrote a secret/);
    await connector.waitForSent(connector.sent().length);
    const toLead = connector.sentRequests().slice(toLeadBefore).filter((r) => r.conversationId === personal(tenantId, officer).conversationId);
    expect(JSON.stringify(toLead.map((r) => r.body))).toContain("I don't feel safe at home");
    // Bad input: no choice; someone not in the group.
    const noChoice = await app.post(executeAction(personal(tenantId, members[0]!), members[0]!, VERBS.groupsReviewSend, { ...(cardElements(music!).find((e) => e.title === '📨 Send my view')!.data as object), choice: '' }));
    expect(noChoice.status).toBe(400);
    const outside = await app.post(executeAction(personal(tenantId, outsider), outsider, VERBS.groupsReviewSend, { ...(cardElements(music!).find((e) => e.title === '📨 Send my view')!.data as object), choice: 'agree' }));
    expect(outside.status).toBe(403);

    // The owner's view: small counts suppressed like survey results; the flagged comment never shown.
    const results = await pressForCard(app, personal(tenantId, officer), officer, sent, '📊 See the review');
    const text = cardText(results);
    expect(text).toContain('I agree: fewer than 5');
    expect(text).toContain('I disagree: fewer than 5');
    expect(text).toContain('Great idea, more music!');
    expect(text).not.toContain('feel safe');
    expect(text).not.toMatch(/I agree: 2/);
    // Someone else cannot see it.
    const forbidden = await app.post(executeAction(personal(tenantId, outsider), outsider, VERBS.groupsReviewResults, { surveyId }));
    expect(forbidden.status).toBe(403);
  });
});

describe('who was there: people who took part in the room', () => {
  it('the facilitator records them in a running session; they count as taking part and see it in "my voice"; nobody else may', async () => {
    const tenantId = await newCouncil();
    const room = chat(tenantId, 'room');
    const [sam, kit] = [user('Sam Young'), user('Kit Young')];
    connector.setRoster(room.conversationId!, [officer, sam, kit].map((u) => ({ id: u.id, aadObjectId: u.aadObjectId, name: u.name })) as never);
    const surveyId = await publish(tenantId, room);
    // No session yet: a clear message.
    expect(cardText(await say(room, officer, 'session present', [sam]))).toContain('No session is running in this chat');
    const [chooser] = await sayForCards(app, connector, room, officer, 'session start');
    await pressForCard(app, room, officer, chooser!, 'Start session', { surveyId });

    expect(cardText(await say(room, sam, 'session present', [kit]))).toContain('Only the person running this session');
    expect(cardText(await say(room, officer, 'session present'))).toContain('@mention who was there');
    const recorded = await say(room, officer, 'session present', [sam, kit]);
    expect(cardText(recorded)).toContain('2 people took part');
    expect(cardText(await say(room, officer, 'session present', [sam]))).toContain('1 was recorded already');
    expect((await app.surveys.attendees(tenantId, surveyId)).map((a) => a.name).sort()).toEqual(['Kit Young', 'Sam Young']);

    const survey = await app.surveys.get(tenantId, surveyId);
    expect(cardText(easy(await say(personal(tenantId, sam), sam, 'my voice'), 'my voice, in the room'))).toContain(`You helped with: ${survey.title}`);
  });
});
