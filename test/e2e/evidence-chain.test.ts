/**
 * The evidence chain end to end (issue 14, "Links that make the evidence count"), through the real HTTP
 * endpoint with the fake Bot Connector: an approved plan; a young people's survey made under it; answers
 * from six young people; findings opened for the survey, which belong to its plan without being asked;
 * published and the loop closed; a second survey under the plan, answered by two of them and one more;
 * then `audit participation` for the period shows the exact figures, each person counted once, with its CSV
 * as a file; `report` gives the summary card and the full and easy-read reports as files, small numbers
 * suppressed throughout; bad ranges are refused.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/shared/verbs';
import type { Plan } from '../../src/domain/plans/plan';
import { ManualClock } from '../../src/domain/shared/clock';
import { type TestApp, expectEveryCardValid, newTenant, sayForCards, startTestApp, executeForCard, pressForCard } from '../helpers/app';
import { type TestUser, type Where, installationUpdate, message, user } from '../helpers/activities';
import { cardElements, cardText } from '../helpers/card-query';
import { type JsonObject, cardsInActivity, expectValidCard } from '../helpers/card-validator';
import { checkText } from '../../src/cards/shared/easy-read';
import { odata } from '@azure/data-tables';
import { REPORT_JOB } from '../../src/domain/reports/report-service';
import { TABLES, reportKeys } from '../../src/storage/shared/keys';
import { type FakeConnector, startFakeConnector } from '../helpers/fake-connector';
import { approvedPlan } from '../helpers/plan-fixtures';

// Monday 7 June 2032, 17:00 in London (BST): inside young people's allowed hours, far from other suites' dates.
const clock = new ManualClock('2032-06-07T16:00:00Z');
let app: TestApp;
let connector: FakeConnector;

const tenantId = newTenant();
const olly = user('Olly Owner');
const young = ['Ali', 'Bea', 'Cal', 'Dee', 'Eli', 'Fay'].map((name) => user(`${name} Young`));
const gus = user('Gus Young');

beforeAll(async () => {
  [app, connector] = await Promise.all([startTestApp({ clock }), startFakeConnector()]);
});
afterAll(async () => {
  if (connector) expectEveryCardValid(connector);
  await app?.close();
  await connector?.close();
});

const personal = (who: TestUser): Where => ({ tenantId, serviceUrl: connector.url, conversationType: 'personal', conversationId: `a:1to1-${who.aadObjectId}` });
const groupChat = (): Where => ({ tenantId, serviceUrl: connector.url, conversationType: 'groupChat', conversationId: `19:club-${tenantId}@thread.v2` });
const news = (): Where => ({ tenantId, serviceUrl: connector.url, conversationType: 'channel', conversationId: `19:news-${tenantId}@thread.tacv2`, teamId: `19:team-${tenantId}@thread.tacv2` });

const execute = (where: Where, who: TestUser, verb: string, data: Record<string, unknown>): Promise<JsonObject> => executeForCard(app, where, who, verb, data);

const say = (where: Where, who: TestUser, words: string): Promise<JsonObject[]> => sayForCards(app, connector, where, who, words);

const press = (where: Where, who: TestUser, card: JsonObject, title: string, inputs: Record<string, unknown> = {}): Promise<JsonObject> =>
  pressForCard(app, where, who, card, title, inputs);

let plan: Plan;
let surveyId = '';
let editor: JsonObject;

/** A young people's survey made under the plan and published in the group chat; returns its id. */
async function publishUnderPlan(templateId: string): Promise<string> {
  const [form] = await say(groupChat(), olly, 'survey new');
  const draft = await press(groupChat(), olly, form!, 'Create draft', { templateId, title: '', cohort: 'youngPeople', planId: plan.planId });
  const before = connector.sent().length;
  await press(groupChat(), olly, draft, 'Publish');
  const invite = cardsInActivity(connector.sent()[before])[0]!;
  return String((cardElements(invite).find((e) => e.title === '▶️ Start')!.data as { surveyId: string }).surveyId);
}

async function answer(who: TestUser, id: string): Promise<void> {
  const survey = await app.surveys.get(tenantId, id);
  await execute(personal(who), who, VERBS.surveyAnswer, { surveyId: id, version: survey.version, questionId: 'q1', choice: '0' });
}

describe('plan → approval → survey → answers → findings → publish → close → audit', () => {
  it('a survey made under the approved plan is published and answered by six young people', async () => {
    plan = await approvedPlan(app, { tenantId, serviceUrl: connector.url, member: olly, now: clock.now() });
    expect(plan.state).not.toBe('draft');
    await say(personal(olly), olly, 'safeguarding lead me');
    surveyId = await publishUnderPlan('session-feedback');
    expect((await app.surveys.get(tenantId, surveyId)).planId).toBe(plan.planId);
    for (const who of young) await answer(who, surveyId);
    expect((await app.surveys.attendees(tenantId, surveyId)).length).toBe(6);
  });

  it('findings opened for the survey belong to its plan, never asked for', async () => {
    editor = await execute(personal(olly), olly, VERBS.findingsOpen, { surveyId });
    expect(cardText(editor)).toContain('linked to your plan');
    const findings = await app.findings.get(tenantId, surveyId);
    expect(findings.planId).toBe(plan.planId);
    expect(findings.teamId).toBe(plan.teamId);
    expect(findings.nextUpdate).toBe(plan.feedbackBy);

    editor = await press(personal(olly), olly, editor, 'Add "You said"', { ys_text: 'The sessions are too early', ys_easyText: 'Sessions start too early', ys_questions: 'q1' });
    editor = await press(personal(olly), olly, editor, 'Add "We did"', {
      wd_text: 'Sessions start at 16:30 from July',
      wd_easyText: 'Sessions start later from July',
      wd_status: 'planned',
      wd_owner: 'Short breaks lead',
      wd_when: '2032-07-01'
    });
    editor = await press(personal(olly), olly, editor, 'Add "We did"', {
      wd_text: 'A second minibus',
      wd_easyText: 'Another minibus',
      wd_status: 'notPossible',
      wd_reason: 'There is no money for it this year.',
      wd_owner: 'Transport lead'
    });
    expect((await app.findings.get(tenantId, surveyId)).weDid.length).toBe(2);
  });

  it('published in a channel, then the loop is closed', async () => {
    await app.post(installationUpdate(news(), olly, 'add'));
    const published = await execute(news(), olly, VERBS.findingsPublish, { surveyId });
    expect(cardText(published)).not.toMatch(/not in that channel/);
    expect((await app.findings.get(tenantId, surveyId)).state).toBe('published');
    await execute(personal(olly), olly, VERBS.findingsStatus, { surveyId, itemId: 'w1', status_w1: 'done', reason_w1: '' });
    expect((await app.findings.get(tenantId, surveyId)).weDid.map((w) => w.status)).toEqual(['done', 'notPossible']);
  });

  it('a second survey under the plan: two of the six and one more answer; its findings are linked too, published with a change still planned', async () => {
    const second = await publishUnderPlan('session-feedback');
    for (const who of [young[0]!, young[1]!, gus]) await answer(who, second);
    let edit = await execute(personal(olly), olly, VERBS.findingsOpen, { surveyId: second });
    expect((await app.findings.get(tenantId, second)).planId).toBe(plan.planId);
    edit = await press(personal(olly), olly, edit, 'Add "You said"', { ys_text: 'The room is too loud', ys_easyText: 'The room is too loud', ys_questions: 'q1' });
    await press(personal(olly), olly, edit, 'Add "We did"', { wd_text: 'A quiet room at every session', wd_easyText: 'A quiet room every time', wd_status: 'planned', wd_owner: 'Short breaks lead', wd_when: '2032-10-01' });
    await execute(news(), olly, VERBS.findingsPublish, { surveyId: second });
    const published = await app.findings.get(tenantId, second);
    expect(published.state).toBe('published');
    expect(published.nextUpdate).toBe(plan.feedbackBy);
  });

  /** A file behind a card's link, fetched from the app's own HTTP server (the link names the public URL). */
  const fetchLink = async (url: string): Promise<Response> => fetch(`${app.url}${new URL(url).pathname}`);
  const linksOf = (card: JsonObject): { title: string; url: string }[] =>
    ((card.actions as JsonObject[] | undefined) ?? []).filter((a) => a.type === 'Action.OpenUrl').map((a) => ({ title: String(a.title), url: String(a.url) }));

  it('audit participation for the period: the exact, non-zero figures on the card and in the CSV file', async () => {
    // 1 September: the second findings' promised update (6 August) has passed with a change still planned.
    clock.set('2032-09-01T09:00:00Z');
    const [card] = await say(personal(olly), olly, 'audit participation 2032-04-01 2033-03-31');
    const text = cardText(card!);
    expect(text).toContain('Participation audit 2032-04-01 to 2033-03-31');
    expect(text).toContain(
      '1 activity (micro 0, meso 1, macro 0) · TLAP ladder of co-production: Co-design 1 · Hart rungs 6 · Lundy all four: 0 · participants 7 · themes 2 · changes made 1, in progress 0, planned 1, not possible 1 · loops closed 1 · loops overdue 1 · outcomes reviewed 0'
    );
    // The CSV is a file, never rows on the card.
    expect(cardElements(card!).some((e) => e.fontType === 'Monospace')).toBe(false);
    const [csvLink] = linksOf(card!);
    expect(csvLink!.url).toMatch(/^https:\/\/voiceloop\.test\/files\/.+\/[A-Za-z0-9_-]{43}\.csv$/);
    const response = await fetchLink(csvLink!.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="participation-audit-2032-04-01-to-2033-03-31.csv"');
    const csv = (await response.text()).replace(/^\uFEFF/, '').split('\r\n');
    expect(csv[0]).toMatch(/^Service area,Activities,Micro,Meso,Macro,Hart rungs reached,Lundy: all four met,Participants,Changes made,Loops closed,Ladder: Coercion,/);
    // Short breaks; ladder: co-design; Hart rung 6; Lundy yes: space, audience, influence; 2 themes; planned 1, in progress 0, done 1, not possible 1; 1 overdue; 0 reviewed.
    expect(csv[1]).toBe('Short breaks,1,0,1,0,6,0,7,1,1,0,0,0,0,0,1,0,0,0,0,0,0,0,1,0,0,1,0,1,1,2,1,0,1,1,1,0');
    expect(csv[2]).toBe('All areas,,,,,,,7,,,,,,,,,,,,,,,,,,,,,,,,,,,,,');
  });

  let summary: JsonObject;
  let reportHtml = '';
  let easyHtml = '';

  it('report for the period: a summary card with charts and the full and easy-read reports as files', async () => {
    const cards = await say(personal(olly), olly, 'report 2032-04-01 2033-03-31');
    expect(cards.length).toBe(1);
    summary = cards[0]!;
    expectValidCard(summary, 'report summary');
    const text = cardText(summary);
    expect(text).toContain('Activities: 1');
    expect(text).toContain('People who took part: 7');
    expect(text).toContain('"You said" themes: 2');
    expect(text).toContain('Changes made: 1');
    expect(text).toContain('Loops closed: 1');
    expect(text).toContain('Overdue: 1 loops past their promised update');
    expect(text).toContain('• Sessions start at 16:30 from July (Short breaks)');
    const bars = cardElements(summary).filter((e) => e.type === 'Chart.HorizontalBar');
    expect(bars.map((b) => b.title)).toEqual(['🪜 Activities by commissioning level', '🧗 Activities by rung of Hart’s ladder']);
    expect((bars[0]!.data as { x: string; y: number }[]).map((d) => d.y)).toEqual([0, 1, 0]);
    expect(bars.every((b) => b.displayMode === 'AbsoluteNoAxis' && (b.data as { y: unknown }[]).every((d) => Number.isInteger(d.y)))).toBe(true);
    const pie = cardElements(summary).find((e) => e.type === 'Chart.Pie')!;
    expect(pie.data).toEqual([{ legend: 'Co-design', value: 1 }]);
    const links = linksOf(summary);
    expect(links.map((l) => l.title)).toEqual(['📄 voiceloop-report-2032-04-01-to-2033-03-31.html', '📄 voiceloop-report-easy-read-2032-04-01-to-2033-03-31.html']);
    const [full, easy] = await Promise.all(links.map((l) => fetchLink(l.url)));
    expect(full!.status).toBe(200);
    expect(full!.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(full!.headers.get('content-security-policy')).toContain("default-src 'none'");
    reportHtml = await full!.text();
    easyHtml = await easy!.text();
    expect(reportHtml).toContain('@media print');
    expect(reportHtml).toContain('<th scope="row">People who took part</th><td class="n">7</td>');
    expect(reportHtml).toContain('<th scope="row">Loops overdue (promised update date passed)</th><td class="n">1</td>');
    expect(reportHtml).toContain('<li>Sessions start at 16:30 from July');
    // No one is named: not the young people, not the owner.
    for (const who of [...young, gus, olly]) expect(reportHtml + easyHtml).not.toContain(who.name.split(' ')[0]!);
    const lines = [...easyHtml.matchAll(/<li><span class="symbol" aria-hidden="true">(.+?)<\/span><span>(.+?)<\/span><\/li>/g)].map((m) => m[2]!);
    expect(lines).toEqual([
      'This is about 1 April 2032 to 31 March 2033.',
      '7 people took part.',
      'You told us 2 things.',
      'We changed 1 thing.',
      'We are still working on 1 thing.',
      'We could not do 1 thing. We told you why.',
      'Sessions start later from July',
      'Ask your worker if you want to know more.'
    ]);
    for (const line of lines) expect(checkText(line, 'easy-read report')).toEqual([]);
  });

  it('the links are for one file each, expire, and are refused for another tenant or extension', async () => {
    const [html] = linksOf(summary);
    const path = new URL(html!.url).pathname;
    expect((await fetch(`${app.url}${path.replace(encodeURIComponent(tenantId), newTenant())}`)).status).toBe(404);
    expect((await fetch(`${app.url}${path.replace(/\.html$/, '.csv')}`)).status).toBe(404);
    clock.set(new Date(clock.now().getTime() + 16 * 60_000).toISOString());
    expect((await fetch(`${app.url}${path}`)).status).toBe(404);
  });

  it('bad ranges: malformed, reversed or over five years get a clear message and no file', async () => {
    const partitionKey = reportKeys.link(tenantId, 'x').partitionKey;
    const stored = async () => {
      let n = 0;
      for await (const _row of app.tables.client(TABLES.reportLinks).listEntities({ queryOptions: { filter: odata`PartitionKey eq ${partitionKey}` } })) n++;
      return n;
    };
    const before = await stored();
    expect(before).toBeGreaterThan(0); // the links handed out above
    for (const [words, message] of [
      ['report last year', 'Give two dates: "report 2025-04-01 2026-03-31".'],
      ['report 2033-03-31 2032-04-01', 'The second date cannot be before the first.'],
      ['report 2027-04-01 2032-04-01', 'The dates cover more than 5 years.'],
      ['audit participation 2032-02-30 2033-01-01', 'Give two dates: "audit participation 2025-04-01 2026-03-31".'],
      ['audit participation 2033-03-31 2032-04-01', 'The second date cannot be before the first.'],
      ['audit participation 2020-01-01 2032-01-01', 'The dates cover more than 5 years.']
    ] as const) {
      const cards = await say(personal(olly), olly, words);
      expect(cards.length, words).toBe(1);
      expect(cardText(cards[0]!), words).toContain(message);
      expect(linksOf(cards[0]!), words).toEqual([]);
    }
    expect(await stored()).toBe(before); // nothing stored
    // Five years less a day is allowed.
    const [ok] = await say(personal(olly), olly, 'report 2027-09-02 2032-09-01');
    expect(cardText(ok!)).toContain('Activities: 1');
  });

  it('in a channel the summary is posted with a button; the files come only to whoever presses it', async () => {
    const [posted] = await say(news(), olly, 'report 2032-04-01 2033-03-31');
    expect(linksOf(posted!)).toEqual([]);
    const answered = await press(news(), olly, posted!, '📄 Get the full report');
    expect(linksOf(answered).length).toBe(2);
    expect(cardText(answered)).toContain('People who took part: 7');
  });

  it('a second activity in another area with two people: small numbers are suppressed everywhere in the files', async () => {
    const transport = await approvedPlan(app, { tenantId, serviceUrl: connector.url, member: olly, now: clock.now(), title: 'Travel to college', values: { serviceArea: 'Transport' } });
    plan = transport;
    const third = await publishUnderPlan('session-feedback');
    for (const who of [young[2]!, young[3]!]) await answer(who, third);
    await execute(personal(olly), olly, VERBS.findingsOpen, { surveyId: third });
    const [card] = await say(personal(olly), olly, 'report 2032-04-01 2033-03-31');
    expect(cardText(card!)).toContain('People who took part: not shown');
    const [full, easy] = await Promise.all(linksOf(card!).map((l) => fetchLink(l.url)));
    const html = await full!.text();
    const easyText = await easy!.text();
    expect(html).toContain('<th scope="row">Transport</th><td class="n">1</td><td class="n">fewer than 5</td>');
    // 7 with the small area's 2 would give it away from a total of 9: hidden too, and no total.
    expect(html).toContain('<th scope="row">Short breaks</th><td class="n">1</td><td class="n">hidden</td>');
    expect(html).toContain('<th scope="row">People who took part</th><td class="n">not shown');
    // Every count of people in the file: the areas' column and the total; none is a number.
    const areaPeople = [...html.matchAll(/<tr><th scope="row">(Short breaks|Transport)<\/th><td class="n">\d+<\/td><td class="n">(.*?)<\/td>/g)].map((m) => m[2]);
    expect(areaPeople).toEqual(['hidden', 'fewer than 5']);
    expect(html).not.toMatch(/People who took part<\/th><td class="n">\d/);
    expect(easyText).not.toMatch(/\b(2|7|9) people\b/);
    expect(easyText).toContain('Young people and families took part.');
    const [audit] = await say(personal(olly), olly, 'audit participation 2032-04-01 2033-03-31');
    const csv = await (await fetchLink(linksOf(audit!)[0]!.url)).text();
    expect(csv).toContain('Transport,1,0,1,0,6,0,fewer than 5,');
    expect(csv).toContain('Short breaks,1,0,1,0,6,0,hidden,');
    expect(csv).not.toContain('All areas');
  });

  it('report subscribe: the quarter just ended comes 1:1 at the start of the next, once however often the job runs', async () => {
    const [confirm] = await say(personal(olly), olly, 'report subscribe');
    expect(cardText(confirm!)).toContain('The first comes');
    expect(cardText(confirm!)).toContain('Fri 1 Oct, 09:00');
    const before = connector.sentRequests().length;
    const oneToOne = () => connector.sentRequests().slice(before).filter((r) => r.conversationId === personal(olly).conversationId).flatMap((r) => cardsInActivity(r.body as never)).filter((c) => cardText(c).includes('Participation report'));
    clock.set('2032-10-01T08:00:30Z'); // 09:00 in London (BST)
    await app.scheduler.runDue();
    await app.scheduler.runDue();
    expect(oneToOne().length).toBe(1);
    const card = oneToOne()[0]!;
    expectValidCard(card, 'quarterly report');
    expect(cardText(card)).toContain('1 July 2032 to 30 September 2032');
    expect(cardElements(card).some((e) => e.type === 'Action.Execute' && e.verb === VERBS.reportFiles)).toBe(true);
    // The same quarter's job run again (a retry after a crash, a second instance): nothing more is sent.
    const again = await app.reports.run({ tenantId, kind: REPORT_JOB, key: olly.aadObjectId, dueAt: new Date('2032-10-01T08:00:00Z'), payload: { personKey: olly.aadObjectId }, attempts: 1 });
    expect(again).toBeUndefined();
    expect(oneToOne().length).toBe(1);
    // The next quarter's is due on 1 January; after "report stop" nothing comes.
    await say(personal(olly), olly, 'report stop');
    clock.set('2033-01-01T09:00:30Z');
    await app.scheduler.runDue();
    expect(oneToOne().length).toBe(1);
  });

  it('Teams file consent (production 1:1): the accepted report file is uploaded where Teams says, only for who asked, only over https', async () => {
    const uploads: { headers: Record<string, unknown>; body: string }[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        uploads.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.statusCode = 201;
        res.end('{}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const actor = { tenantId, userId: olly.id, aadObjectId: olly.aadObjectId, name: olly.name };
      const { token, filename } = await app.reports.issue(actor, { kind: 'auditCsv', from: '2032-04-01', to: '2033-03-31' }, { forConsent: true });
      expect(filename).toBe('participation-audit-2032-04-01-to-2033-03-31.csv');
      const consent = (who: TestUser, action: string, uploadUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/upload`) => ({
        ...message(personal(who), who, ''),
        type: 'invoke',
        name: 'fileConsent/invoke',
        text: undefined,
        value: { type: 'fileUpload', action, context: { reportToken: token }, uploadInfo: { name: filename, uploadUrl, contentUrl: 'https://contoso.sharepoint.com/a.csv', uniqueId: 'u-1', fileType: 'csv' } }
      });
      expect((await app.post(consent(olly, 'accept'))).status).toBe(200);
      expect(uploads).toHaveLength(1);
      expect(uploads[0]!.headers['content-type']).toBe('text/csv');
      expect(uploads[0]!.body).toContain('Transport,1,0,1,0,6,0,fewer than 5,');
      expect((await app.post(consent(gus, 'accept'))).status).not.toBe(200);
      expect((await app.post(consent(olly, 'accept', 'http://example.org/steal'))).status).toBe(400);
      expect((await app.post(consent(olly, 'decline'))).status).toBe(200);
      expect(uploads).toHaveLength(1);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
