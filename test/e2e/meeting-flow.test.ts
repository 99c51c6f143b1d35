/**
 * Virtual sessions inside the Teams meeting (docs/meetings.md), end to end through the real HTTP
 * endpoint: the session started in the meeting chat, the side panel's API called with Teams SSO tokens
 * minted by the test issuer (its keys stand in for Entra's), roles read from the meeting through the
 * fake Bot Connector, the in-meeting prompt as the connector records it, and the stage's suppression.
 */
import { randomUUID } from 'node:crypto';
import { odata } from '@azure/data-tables';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageEasyReadProblems, type PanelPage, type StagePage } from '../../src/cards/meetings/meeting-page';
import { TABLES, surveyKeys } from '../../src/storage/shared/keys';
import { issuersFor } from '../../src/http/sso';
import { type TestApp, expectEveryCardValid, newTenant, pressForCard, sayForCard, startTestApp } from '../helpers/app';
import { type TestUser, type Where, executeAction, user } from '../helpers/activities';
import { cardsInActivity, type JsonObject } from '../helpers/card-validator';
import { cardElements } from '../helpers/card-query';
import { type FakeConnector, startFakeConnector } from '../helpers/fake-connector';
import { type JwtIssuer, startJwtIssuer } from '../helpers/jwt-issuer';
import { approvedPlan } from '../helpers/plan-fixtures';

const CLIENT_ID = '5a1c3e2b-7d4f-4a6b-9c8d-0e1f2a3b4c5d';
const RESOURCE = `api://voiceloop.test/${CLIENT_ID}`;

let app: TestApp;
let connector: FakeConnector;
let issuer: JwtIssuer;

beforeAll(async () => {
  issuer = await startJwtIssuer({ endorsements: [] });
  [app, connector] = await Promise.all([
    startTestApp({ config: { sso: { clientId: CLIENT_ID, resource: RESOURCE, jwksUrl: issuer.jwksUri } } }),
    startFakeConnector()
  ]);
});
afterAll(async () => {
  expectEveryCardValid(connector);
  await app?.close();
  await connector?.close();
  await issuer?.close();
});

/** A Teams SSO token as Entra issues it for the page (v2), for this person; `claims` override. */
function tokenFor(tenantId: string, who: TestUser, claims: Record<string, unknown> = {}, options: Parameters<JwtIssuer['sign']>[1] = {}): string {
  return issuer.sign({ aud: RESOURCE, iss: issuersFor(tenantId)[0], tid: tenantId, oid: who.aadObjectId, name: who.name, ...claims }, options);
}

interface Meeting {
  where: Where;
  tenantId: string;
  chat: string;
  meetingId: string;
  fay: TestUser;
  kids: TestUser[];
  sessionId: string;
  surveyId: string;
}

type Call = { status: number; body: Record<string, unknown> };

async function call(method: 'GET' | 'POST', path: string, params: Record<string, unknown>, token?: string): Promise<Call> {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  let url = `${app.url}${path}`;
  let body: string | undefined;
  if (method === 'GET') url += `?${new URLSearchParams(params as Record<string, string>)}`;
  else {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(params);
  }
  const response = await fetch(url, { method, headers, body });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const scope = (m: Meeting) => ({ tenant: m.tenantId, chat: m.chat, meeting: m.meetingId });
const panel = async (m: Meeting, who: TestUser) => call('GET', '/api/meeting/panel', scope(m), tokenFor(m.tenantId, who));
const act = async (m: Meeting, who: TestUser, action: string) => call('POST', '/api/meeting/action', { ...scope(m), sessionId: m.sessionId, action }, tokenFor(m.tenantId, who));
const answer = async (m: Meeting, who: TestUser, page: PanelPage, choice: Record<string, unknown>) =>
  call('POST', '/api/meeting/answer', { ...scope(m), sessionId: m.sessionId, questionId: page.question!.questionId, version: page.question!.version, ...choice }, tokenFor(m.tenantId, who));

/** A meeting: Fay (organiser) started a session in its chat; kids are attendees; Pat is a presenter. */
async function meetingWithSession(tenantId = newTenant()): Promise<Meeting & { pat: TestUser }> {
  const chat = `19:meeting_${randomUUID()}@thread.v2`;
  const meetingId = `MCMx${randomUUID()}`;
  const where: Where = { tenantId, serviceUrl: connector.url, conversationId: chat };
  const fay = user('Fay Facilitator');
  const pat = user('Pat Presenter');
  const kids = Array.from({ length: 6 }, (_, i) => user(`Kid ${i + 1}`));
  const everyone = [fay, pat, ...kids];
  connector.setRoster(chat, everyone.map((u) => ({ id: u.id, aadObjectId: u.aadObjectId, name: u.name }) as never));
  connector.setMeetingParticipants(
    meetingId,
    everyone.map((u) => ({
      user: { id: u.id, aadObjectId: u.aadObjectId, name: u.name, tenantId } as never,
      meeting: { role: u === fay ? 'Organizer' : u === pat ? 'Presenter' : 'Attendee', inMeeting: true },
      conversation: { id: chat, isGroup: true, conversationType: 'groupChat' } as never
    }))
  );
  // A published young people's survey (four questions), its plan approved, the owner its safeguarding lead.
  const personal = { tenantId, serviceUrl: connector.url, conversationType: 'personal' as const, conversationId: `a:fay-${tenantId}` };
  await sayForCard(app, connector, personal, fay, 'safeguarding lead me');
  const { planId } = await approvedPlan(app, { tenantId, serviceUrl: connector.url, member: fay, now: new Date() });
  const form = await sayForCard(app, connector, where, fay, 'survey new');
  const editor = await pressForCard(app, where, fay, form, 'Create draft', { templateId: 'session-feedback', title: '', cohort: 'youngPeople', planId });
  const before = connector.sent().length;
  await pressForCard(app, where, fay, editor, 'Publish');
  const invite = cardsInActivity(connector.sent()[before])[0]!;
  const surveyId = String((cardElements(invite).find((e) => e.title === '▶️ Start')!.data as JsonObject).surveyId);
  // `session start` in the meeting chat: Teams says which meeting the chat belongs to.
  const chooser = await sayForCard(app, connector, where, fay, 'session start');
  const startAt = connector.sent().length;
  const meetingWhere = { ...where };
  const startButton = cardElements(chooser).find((e) => e.title === 'Start session')!;
  const response = await app.post({
    ...executeAction(meetingWhere, fay, String(startButton.verb), { ...(startButton.data as JsonObject), surveyId }),
    channelData: { tenant: { id: tenantId }, meeting: { id: meetingId } }
  });
  expect(response.status).toBe(200);
  const welcome = cardsInActivity(connector.sent()[startAt])[0]!;
  const sessionId = String((((welcome.refresh as JsonObject).action as JsonObject).data as JsonObject).sessionId);
  return { where, tenantId, chat, meetingId, fay, pat, kids, sessionId, surveyId };
}

describe('meeting side panel and stage, end to end', () => {
  let m: Meeting & { pat: TestUser };
  beforeAll(async () => {
    m = await meetingWithSession();
  });

  it('SSO: the right token passes; wrong tenant, audience, expiry, signature, issuer or meeting are refused', async () => {
    const kid = m.kids[0]!;
    const ok = await panel(m, kid);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect((ok.body as unknown as PanelPage).screen).toBe('welcome');

    const get = (token?: string, params: Record<string, unknown> = scope(m)) => call('GET', '/api/meeting/panel', params, token);
    expect((await get()).status, 'no token').toBe(401);
    expect((await get('not-a-token')).status, 'garbage').toBe(401);
    expect((await get(tokenFor(m.tenantId, kid, { aud: `api://elsewhere/${randomUUID()}` }))).status, 'audience').toBe(401);
    expect((await get(tokenFor(m.tenantId, kid, {}, { expiresInSeconds: -600 }))).status, 'expired').toBe(401);
    expect((await get(issuer.signWithForeignKey({ aud: RESOURCE, iss: issuersFor(m.tenantId)[0], tid: m.tenantId, oid: kid.aadObjectId }))).status, 'foreign key').toBe(401);
    expect((await get(issuer.signWithForeignKey({ aud: RESOURCE, iss: issuersFor(m.tenantId)[0], tid: m.tenantId, oid: kid.aadObjectId }, { kid: issuer.kid }))).status, 'forged with the real kid').toBe(401);
    expect((await get(tokenFor(m.tenantId, kid, { iss: 'https://login.microsoftonline.com/evil/v2.0' }))).status, 'issuer').toBe(401);
    expect((await get(tokenFor(m.tenantId, kid, { iss: issuersFor(newTenant())[0] }))).status, "another tenant's issuer").toBe(401);
    // A valid token from another tenant, for this meeting: 403.
    const other = newTenant();
    expect((await get(tokenFor(other, kid, { iss: issuersFor(other)[0] }))).status, 'another tenant').toBe(403);
    // Someone not in this meeting; and a real participant asking about another meeting's chat.
    expect((await get(tokenFor(m.tenantId, user('Stranger')))).status, 'not a participant').toBe(403);
    const elsewhere = await meetingWithSession(m.tenantId);
    expect((await get(tokenFor(m.tenantId, kid), { ...scope(m), meeting: elsewhere.meetingId })).status, 'another meeting').toBe(403);
    expect((await get(tokenFor(m.tenantId, kid), { ...scope(m), chat: elsewhere.chat })).status, "another meeting's chat").toBe(403);
    // The participant lookups went through the connector's meeting API.
    const lookups = connector.requests.filter((r) => r.kind === 'getMeetingParticipant');
    expect(lookups.length).toBeGreaterThan(0);
    expect(lookups.every((r) => r.query.tenantId !== undefined)).toBe(true);
  });

  it('roles: attendees cannot start, move on, pause, share or end — not from the panel API, not from the chat', async () => {
    const kid = m.kids[1]!;
    for (const action of ['start', 'next', 'pause', 'share', 'end']) {
      const refused = await act(m, kid, action);
      expect(refused.status, action).toBe(403);
    }
    expect((await act(m, kid, 'explode')).status).toBe(400);
    const chat = await sayForCard(app, connector, m.where, kid, 'next');
    expect(JSON.stringify(chat)).toContain('Only the person running this session can do that.');
    const still = (await panel(m, kid)).body as unknown as PanelPage;
    expect(still.screen).toBe('welcome');
    expect(still.controls).toEqual([]);
  });

  it('the presenter starts; the prompt goes to those without the panel open; answers stored as in the chat; the stage suppresses', async () => {
    // Two kids have their panel open (they polled it); the rest do not.
    await panel(m, m.kids[0]!);
    await panel(m, m.kids[1]!);
    const presenterView = (await panel(m, m.pat)).body as unknown as PanelPage;
    expect(presenterView.controls.map((c) => c.action)).toEqual(['start', 'share', 'end']);
    const notifiedBefore = connector.requests.filter((r) => r.kind === 'sendMeetingNotification').length;
    const updatesBefore = connector.updated().length;
    const started = await act(m, m.pat, 'start');
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    expect((started.body as unknown as PanelPage).screen).toBe('question');

    // The in-meeting prompt, as the connector recorded it: targeted, on the stage, opening the panel.
    const prompts = connector.requests.filter((r) => r.kind === 'sendMeetingNotification').slice(notifiedBefore);
    expect(prompts).toHaveLength(1);
    expect(prompts[0]!.meetingId).toBe(m.meetingId);
    const value = (prompts[0]!.body as { type: string; value: { recipients: string[]; surfaces: JsonObject[] } });
    expect(value.type).toBe('targetedMeetingNotification');
    expect(value.value.recipients.sort()).toEqual(m.kids.slice(2).map((u) => u.id).sort()); // not Fay (running it), not Pat or kids 1–2 (panel open)
    expect(value.value.surfaces[0]).toMatchObject({ surface: 'meetingStage', contentType: 'task', content: { value: { url: 'https://voiceloop.test/meeting/panel', title: 'Question 1 of 4' } } });
    // The chat's card moved too.
    expect(connector.updated().length).toBe(updatesBefore + 1);
    expect(JSON.stringify(cardsInActivity(connector.updated().at(-1))[0])).toContain('Question 1 of 4');

    // Kids answer question 1 by their panel.
    const q1 = (await panel(m, m.kids[0]!)).body as unknown as PanelPage;
    expect(pageEasyReadProblems(q1)).toEqual([]);
    expect(q1.question!.text).toMatch(/^❓ /);
    expect(q1.question!.choices.every((c) => c.symbol !== '' && c.label !== '')).toBe(true);
    expect(q1.speak).toMatch(/^Question 1 of 4\. /);
    const picks = [0, 0, 0, 1, 2, 0];
    for (const [i, kid] of m.kids.entries()) {
      const page = (await panel(m, kid)).body as unknown as PanelPage;
      const choice = picks[i] === 2 ? { skip: true } : { choice: String(picks[i]) };
      const answered = await answer(m, kid, page, choice);
      expect(answered.status, JSON.stringify(answered.body)).toBe(200);
      expect((answered.body as unknown as PanelPage).question!.answered).toMatch(/^✅ You chose: /);
    }
    // An answer to another question than the current one is refused.
    const stale = await call('POST', '/api/meeting/answer', { ...scope(m), sessionId: m.sessionId, questionId: 'q2', version: q1.question!.version, choice: '0' }, tokenFor(m.tenantId, m.kids[0]!));
    expect(stale.status).toBe(409);

    // The stage: nothing until shared; the presenter shares; counts suppressed, no names.
    const stageOf = async () => (await call('GET', '/api/meeting/stage', scope(m), tokenFor(m.tenantId, m.kids[0]!))).body as unknown as StagePage;
    expect((await stageOf()).notes).toContain('🙈 The group answers are not shared yet.');
    expect((await act(m, m.kids[0]!, 'share')).status).toBe(403);
    expect((await act(m, m.pat, 'share')).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 2_100)); // the shared summary cache
    const stage = await stageOf();
    expect(pageEasyReadProblems(stage)).toEqual([]);
    // 4 chose the first, 1 the second, 1 skipped: the small ones read "fewer than 5", and the 4 is hidden too.
    expect(stage.rows.map((r) => r.shown)).not.toContain('1');
    expect(stage.rows.some((r) => r.shown === 'fewer than 5')).toBe(true);
    // The chart moves in steps: one changed answer does not show (nobody sees one person's answer arrive).
    const kid4 = (await panel(m, m.kids[3]!)).body as unknown as PanelPage;
    expect((await answer(m, m.kids[3]!, kid4, { choice: '0' })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect((await stageOf()).rows).toEqual(stage.rows);
    const shownText = JSON.stringify(stage);
    for (const kid of m.kids) expect(shownText).not.toContain(kid.name);
    expect(shownText).not.toContain(m.fay.name);

    // Attendance apart from answers, exactly as in the chat flow.
    const attendance: Record<string, unknown>[] = [];
    for await (const e of app.tables.client(TABLES.attendance).listEntities({ queryOptions: { filter: odata`PartitionKey eq ${surveyKeys.attendancePartition(m.tenantId, m.surveyId)}` } })) attendance.push(e);
    expect(attendance.map((a) => a.name).sort()).toEqual(m.kids.map((k) => k.name).sort());
    expect(attendance.every((a) => a.via === `session:${m.sessionId}`)).toBe(true);
    const answerRows: Record<string, unknown>[] = [];
    for await (const e of app.tables.client(TABLES.surveys).listEntities({ queryOptions: { filter: odata`PartitionKey eq ${surveyKeys.surveyPartition(m.tenantId, m.surveyId)}` } })) answerRows.push(e);
    expect(answerRows.length).toBeGreaterThan(0);
    const answerText = JSON.stringify(answerRows);
    for (const kid of m.kids) {
      expect(answerText).not.toContain(kid.aadObjectId);
      expect(answerText).not.toContain(kid.name);
    }

    // Pause: answers wait; the organiser ends: the panel thanks, the chat is free again.
    expect((await act(m, m.fay, 'pause')).status).toBe(200);
    const paused = (await panel(m, m.kids[0]!)).body as unknown as PanelPage;
    expect(paused.screen).toBe('paused');
    expect(pageEasyReadProblems(paused)).toEqual([]);
    expect((await act(m, m.fay, 'resume')).status).toBe(200);
    const next = await act(m, m.fay, 'next');
    expect((next.body as unknown as PanelPage).title).toBe('📋 Question 2 of 4');
    await act(m, m.fay, 'next');
    const last = (await act(m, m.fay, 'next')).body as unknown as PanelPage;
    expect(last.controls.map((c) => c.action)).not.toContain('next');
    // A written answer from the panel: stored (and screened) as in the chat.
    const q4 = (await panel(m, m.kids[0]!)).body as unknown as PanelPage;
    expect(q4.question!.freeText).toBe(true);
    expect(pageEasyReadProblems(q4)).toEqual([]);
    const written = await answer(m, m.kids[0]!, q4, { text: 'More games please.' });
    expect(written.status, JSON.stringify(written.body)).toBe(200);
    expect((written.body as unknown as PanelPage).question!.answered).toBe('✅ Thank you. We have your answer.');
    expect((await act(m, m.fay, 'end')).status).toBe(200);
    const ended = await call('GET', '/api/meeting/panel', { ...scope(m), session: m.sessionId }, tokenFor(m.tenantId, m.kids[0]!));
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    expect((ended.body as unknown as PanelPage).screen).toBe('ended');
    expect(pageEasyReadProblems(ended.body as unknown as PanelPage)).toEqual([]);
    // Nothing more is taken after the end.
    expect((await answer(m, m.kids[0]!, q1, { choice: '1' })).status).toBe(409);
  });
});
