/**
 * Nothing of a disclosure in shared places (issue #12), end to end through the real HTTP endpoint,
 * Azurite and the fake Bot Connector: a young person writes a disclosure in one free-text answer and
 * something ordinary in another. The lead reads the disclosure on their alert; the owner (not the lead)
 * sees "An answer was passed to the safeguarding lead" in its place in the results, the CSV (download
 * link and Teams file upload) says so in its cell, the findings editor never offers it and refuses a
 * forged choice, and neither the digest, the published findings nor search results carry it. An answer
 * stored before a phrase that flags it was added is withheld too: the screen runs when texts are shown.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/shared/verbs';
import { ManualClock } from '../../src/domain/shared/clock';
import { TABLES, tenantPart } from '../../src/storage/shared/keys';
import { type TestApp, expectEveryCardValid, newTenant, sayForCards, startTestApp, executeForCard, pressForCard } from '../helpers/app';
import { type TestUser, type Where, composeExtension, installationUpdate, message, user } from '../helpers/activities';
import { cardElements, cardText } from '../helpers/card-query';
import { type JsonObject, cardsInActivity } from '../helpers/card-validator';
import { type FakeConnector, startFakeConnector } from '../helpers/fake-connector';
import { approvedPlan } from '../helpers/plan-fixtures';

// Monday 3 March 2031, 16:00 in London: inside young people's allowed hours (findings go 1:1 at once).
const clock = new ManualClock('2031-03-03T16:00:00Z');
let app: TestApp;
let connector: FakeConnector;

const DISCLOSURE = 'I want to kill myself';
const ORDINARY = 'More trips to the seaside please';
const OTHER = 'The music was great';
const PLACEHOLDER = 'An answer was passed to the safeguarding lead';

const tenantId = newTenant();
const olly = user('Olly Owner');
const lee = user('Lee Lead');
const yara = user('Yara Young');
const zak = user('Zak Young');

beforeAll(async () => {
  connector = await startFakeConnector();
  app = await startTestApp({ clock });
});
afterAll(async () => {
  if (connector) expectEveryCardValid(connector);
  await app?.close();
  await connector?.close();
});

const personal = (who: TestUser, tenant = tenantId): Where => ({ tenantId: tenant, serviceUrl: connector.url, conversationType: 'personal', conversationId: `a:1to1-${who.aadObjectId}` });
const groupChat = (tenant = tenantId): Where => ({ tenantId: tenant, serviceUrl: connector.url, conversationType: 'groupChat', conversationId: `19:club-${tenant}@thread.v2` });

const execute = (where: Where, who: TestUser, verb: string, data: Record<string, unknown>): Promise<JsonObject> => executeForCard(app, where, who, verb, data);

const say = (where: Where, who: TestUser, words: string): Promise<JsonObject[]> => sayForCards(app, connector, where, who, words);

const press = (where: Where, who: TestUser, card: JsonObject, title: string, inputs: Record<string, unknown> = {}): Promise<JsonObject> =>
  pressForCard(app, where, who, card, title, inputs);

/** A young-people survey published in the group chat from the session template, plus a second free-text question. */
async function publishSurvey(owner: TestUser, tenant = tenantId): Promise<string> {
  // Young people's surveys go out only under an approved engagement plan (the approval gate).
  const { planId } = await approvedPlan(app, { tenantId: tenant, serviceUrl: connector.url, member: owner, now: clock.now() });
  const [form] = await say(groupChat(tenant), owner, 'survey new');
  let draft = await press(groupChat(tenant), owner, form!, 'Create draft', { templateId: 'session-feedback', title: '', cohort: 'youngPeople', planId });
  draft = await press(groupChat(tenant), owner, draft, 'Add question', { qtype: 'text', qtext: 'What would make the club better?' });
  const before = connector.sent().length;
  await press(groupChat(tenant), owner, draft, 'Publish');
  const invite = cardsInActivity(connector.sent()[before])[0]!;
  const start = cardElements(invite).find((e) => e.title === '▶️ Start')!;
  return String((start.data as { surveyId: string }).surveyId);
}

async function answer(who: TestUser, surveyId: string, questionId: string, value: Record<string, unknown>, tenant = tenantId): Promise<void> {
  const survey = await app.surveys.get(tenant, surveyId);
  await execute(personal(who, tenant), who, VERBS.surveyAnswer, { surveyId, version: survey.version, questionId, ...value });
}

/** Everything the connector carried (sent and updated), as JSON, except to the given conversations. */
function trafficExcept(...conversationIds: string[]): string {
  const sent = connector.sentRequests().filter((r) => !conversationIds.includes(r.conversationId ?? '')).map((r) => r.body);
  const updated = connector.updated().filter((a) => !conversationIds.includes(a.conversation?.id ?? ''));
  return JSON.stringify([...sent, ...updated]);
}

/** The lead's alerts go to their 1:1 chat, which VoiceLoop opens itself. */
const leadChat = (): string[] => [...new Set(connector.sentRequests().map((r) => r.conversationId ?? '').filter((id) => id.includes(lee.aadObjectId)))];

let surveyId = '';

describe('a disclosure in a free-text answer reaches only the safeguarding lead', () => {
  it('a young person writes a disclosure and an ordinary answer; another writes an ordinary answer; the lead is alerted with the words', async () => {
    await say(personal(lee), lee, 'safeguarding lead me');
    surveyId = await publishSurvey(olly);
    for (const who of [yara, zak]) await say(personal(who), who, 'help'); // their 1:1 chats, for the findings card
    await answer(yara, surveyId, 'q1', { choice: '0' });
    await answer(yara, surveyId, 'q4', { text: DISCLOSURE });
    await answer(yara, surveyId, 'q5', { text: ORDINARY });
    await answer(zak, surveyId, 'q1', { choice: '0' });
    await answer(zak, surveyId, 'q4', { text: OTHER });

    const toLead = connector.sentRequests().filter((r) => leadChat().includes(r.conversationId ?? ''));
    expect(toLead.length).toBeGreaterThan(0);
    expect(JSON.stringify(toLead.map((r) => r.body))).toContain(DISCLOSURE); // the lead sees it in full
  });

  it("the owner's results: the ordinary answers, the placeholder in place of the disclosure, and a line saying so", async () => {
    const results = await execute(personal(olly), olly, VERBS.surveyResults, { surveyId });
    const text = cardText(results);
    expect(text).toContain(`💬 ${ORDINARY}`);
    expect(text).toContain(`💬 ${OTHER}`);
    expect(text).toContain(`🛡️ ${PLACEHOLDER}.`);
    expect(text).toContain('1 answer was passed to the safeguarding lead. Its words are shown only to them.');
    expect(text).toContain('2 people answered'); // counts stay exact for the owner
    expect(JSON.stringify(results)).not.toContain('kill myself'); // nor in what is spoken
  });

  it('the CSV behind the download link has the ordinary answers and "(passed to the safeguarding lead)" in place of the disclosure', async () => {
    const exported = await execute(personal(olly), olly, VERBS.surveyExport, { surveyId });
    const link = cardElements(exported).find((e) => e.title === 'Download CSV')!;
    const response = await fetch(`${app.url}${new URL(String(link.url)).pathname}`);
    expect(response.status).toBe(200);
    const csv = await response.text();
    expect(csv).toContain(`"${ORDINARY}"`);
    expect(csv).toContain(`"${OTHER}"`);
    expect(csv).toContain('"(passed to the safeguarding lead)"');
    expect(csv).not.toContain('kill myself');
  });

  it('the CSV uploaded through a Teams file consent card says the same', async () => {
    const uploads: string[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        uploads.push(Buffer.concat(chunks).toString('utf8'));
        res.statusCode = 201;
        res.end('{}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const uploadUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/upload`;
      const consent = {
        ...message(personal(olly), olly, ''),
        type: 'invoke',
        name: 'fileConsent/invoke',
        text: undefined,
        value: {
          type: 'fileUpload',
          action: 'accept',
          context: { surveyId },
          uploadInfo: { name: 'survey.csv', uploadUrl, contentUrl: 'https://contoso.sharepoint.com/survey.csv', uniqueId: 'u-1', fileType: 'csv' }
        }
      };
      expect((await app.post(consent)).status).toBe(200);
      expect(uploads).toHaveLength(1);
      expect(uploads[0]).toContain(`"${ORDINARY}"`);
      expect(uploads[0]).toContain('"(passed to the safeguarding lead)"');
      expect(uploads[0]).not.toContain('kill myself');
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it('findings: the disclosure is never offered as a quote, a forged choice is refused, and nothing of it is stored', async () => {
    const [chooser] = await say(personal(olly), olly, 'findings');
    let editor = await press(personal(olly), olly, chooser!, 'Open findings');
    const quotes = (cardElements(editor).find((e) => e.id === 'ys_quote')!.choices as { title: string; value: string }[]);
    expect(quotes.map((q) => q.title).sort()).toEqual([OTHER, ORDINARY].sort());
    expect(JSON.stringify(editor)).not.toContain('kill myself');

    // Forged choices: an index past the list, and the disclosure's own words in place of an index.
    for (const forged of [String(quotes.length), DISCLOSURE]) {
      const refused = await press(personal(olly), olly, editor, 'Add "You said"', { ys_text: 'What people said', ys_quote: forged });
      expect(cardText(refused)).toContain('Choose the answer to quote from the list.');
    }
    expect(JSON.stringify(await app.findings.get(tenantId, surveyId))).not.toContain('kill myself');

    const music = quotes.find((q) => q.title === OTHER)!.value;
    editor = await press(personal(olly), olly, editor, 'Add "You said"', { ys_text: 'You liked the music', ys_easyText: 'You liked the music', ys_quote: music });
    expect(cardText(editor)).toContain(`Quote: “${OTHER}”`);
    editor = await press(personal(olly), olly, editor, 'Add "We did"', {
      wd_text: 'A music night every month',
      wd_easyText: 'A music night every month',
      wd_status: 'planned',
      wd_owner: 'Youth club lead',
      wd_when: '2031-04-07'
    });
    await app.post(installationUpdate(groupChat(), olly, 'add')); // VoiceLoop is in the group chat
    const [publishChooser] = await say(groupChat(), olly, 'findings publish');
    const published = await press(groupChat(), olly, publishChooser!, 'Publish here');
    expect(cardText(published)).toContain('goes 1:1 to everyone who took part'); // issue 17: the count is told once sent
    await app.scheduler.runDue(); // the easy-read card 1:1 to everyone who took part
    const toZak = connector.sentRequests().filter((r) => r.conversationId === personal(zak).conversationId);
    expect(toZak.some((r) => cardText(cardsInActivity(r.body as never)[0]!).includes('How your views changed things'))).toBe(true);
  });

  it('search: no result, by any word of the disclosure or none, carries it, and the index holds nothing of it', async () => {
    for (const words of ['kill', 'myself', 'want', 'said', 'session', '']) {
      const response = await app.post(composeExtension(groupChat(), olly, 'query', { commandId: 'search', parameters: [{ name: 'query', value: words }], queryOptions: { skip: 0, count: 25 } }));
      expect(response.status).toBe(200);
      expect(JSON.stringify(response.body), `search "${words}"`).not.toMatch(/kill|myself/i);
    }
    // Proof it found something at all: the published findings are there, under the owner's words.
    const found = await app.post(composeExtension(groupChat(), olly, 'query', { commandId: 'search', parameters: [{ name: 'query', value: 'music' }], queryOptions: { skip: 0, count: 25 } }));
    expect(JSON.stringify(found.body)).toContain('You said, we did');
    const rows: unknown[] = [];
    for await (const row of app.tables.client(TABLES.search).listEntities()) if (String(row.partitionKey).startsWith(tenantPart(tenantId))) rows.push(row);
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toMatch(/kill|myself/i);
  });

  it('the digest counts the alert and carries nothing of the words', async () => {
    const [digest] = await say(personal(olly), olly, 'digest');
    expect(cardText(digest!)).toMatch(/Alerts raised: 1/);
    expect(JSON.stringify(digest)).not.toMatch(/kill myself/i);
  });

  it('once closed, the results of someone else (here the lead) show no written answer at all', async () => {
    await execute(personal(olly), olly, VERBS.surveyClose, { surveyId });
    const results = await execute(personal(lee), lee, VERBS.surveyResults, { surveyId });
    const shown = JSON.stringify(results);
    for (const words of ['kill myself', ORDINARY, OTHER, PLACEHOLDER]) expect(shown).not.toContain(words);
  });

  it('nothing the bot sent anywhere but to the lead (and the young person\'s own chat) carries the disclosure', () => {
    const everywhereElse = trafficExcept(...leadChat(), personal(yara).conversationId!);
    expect(everywhereElse).toContain(OTHER); // the published findings quote, to the group chat and 1:1
    expect(everywhereElse).not.toMatch(/kill myself/i);
  });
});

describe('the screen runs when answers are shown', () => {
  it('an answer stored before a phrase that flags it was added is withheld from the results, the CSV and a quote already chosen (the owner is also the lead)', async () => {
    const tenant = newTenant();
    const owner = user('Ona Owner-and-Lead');
    const kit = user('Kit');
    await say(personal(owner, tenant), owner, 'safeguarding lead me');
    const id = await publishSurvey(owner, tenant);
    await answer(kit, id, 'q4', { text: 'The minibus was purple' }, tenant);
    await answer(kit, id, 'q5', { text: 'More games' }, tenant);
    // Quoted in the findings while nothing flagged it.
    let editor = await execute(personal(owner, tenant), owner, VERBS.findingsOpen, { surveyId: id });
    const quotes = cardElements(editor).find((e) => e.id === 'ys_quote')!.choices as { title: string; value: string }[];
    const purple = quotes.find((q) => q.title === 'The minibus was purple')!.value;
    editor = await press(personal(owner, tenant), owner, editor, 'Add "You said"', { ys_text: 'Transport', ys_easyText: 'The bus', ys_quote: purple });
    expect(cardText(editor)).toContain('Quote: “The minibus was purple”');

    // The council adds a phrase that flags it; the phrases read before are at most 10 seconds old.
    await app.delivery.settings.update(tenant, (current) => ({ ...current, concernPhrases: { add: ['minibus was purple'], remove: [] } }));
    clock.advance(10_000);

    const results = await execute(personal(owner, tenant), owner, VERBS.surveyResults, { surveyId: id });
    expect(cardText(results)).toContain('💬 More games');
    expect(cardText(results)).toContain(`🛡️ ${PLACEHOLDER}.`);
    expect(JSON.stringify(results)).not.toContain('minibus');

    const exported = await execute(personal(owner, tenant), owner, VERBS.surveyExport, { surveyId: id });
    const link = cardElements(exported).find((e) => e.title === 'Download CSV')!;
    const csv = await (await fetch(`${app.url}${new URL(String(link.url)).pathname}`)).text();
    expect(csv).toContain('"(passed to the safeguarding lead)"');
    expect(csv).toContain('"More games"');
    expect(csv).not.toContain('minibus');

    // The quote is no longer offered or shown (it stays stored: the owner's theme is untouched).
    editor = await execute(personal(owner, tenant), owner, VERBS.findingsOpen, { surveyId: id });
    expect(cardText(editor)).toContain('Transport');
    expect(JSON.stringify(editor)).not.toContain('minibus');
  });
});
