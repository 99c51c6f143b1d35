/**
 * Engagement plans and working-group approvals end to end, through the real HTTP endpoint with the
 * fake Bot Connector: set-up by card in the channel, submission, per-person approval cards, bad input,
 * changes requested and resubmission, reminders in virtual time, simultaneous decisions, the owner
 * told 1:1, and the audit export.
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/shared/verbs';
import { ESCALATION_JOB, REMINDER_JOB } from '../../src/domain/approvals/approval-service';
import { ManualClock } from '../../src/domain/shared/clock';
import { maySurveyBePublished } from '../../src/domain/plans/plan';
import { Scheduler } from '../../src/scheduler/scheduler';
import { TableDueItemRepository } from '../../src/storage/shared/due-item-repository';
import { TABLES } from '../../src/storage/shared/keys';
import { type TestApp, expectEveryCardValid, newTenant, startTestApp, sayForCards } from '../helpers/app';
import { type TestUser, type Where, executeAction, user } from '../helpers/activities';
import { cardActionTitles, cardElements, cardText } from '../helpers/card-query';
import { cardFromInvokeResponse, cardsInActivity, expectValidCard, type JsonObject } from '../helpers/card-validator';
import { type FakeConnector, startFakeConnector } from '../helpers/fake-connector';
import { validPlanForm } from '../helpers/plan-fixtures';

// Far from the dates other suites use, so no other app's scheduler reaches these reminders.
const clock = new ManualClock('2030-03-04T10:00:00Z'); // Monday, 10:00 in London (GMT)
let app: TestApp;
let connector: FakeConnector;
let reminders: Scheduler;

const tenantId = newTenant();
const TEAM = `19:team-${tenantId}@thread.tacv2`;
const ana = user('Ana Chair');
const ben = user('Ben Member');
const cara = user('Cara Member');
const olly = user('Olly Owner');
const dev = user('Dev Bystander');

beforeAll(async () => {
  connector = await startFakeConnector({
    rosters: { [TEAM]: [ana, ben, cara, olly, dev].map((u) => ({ id: u.id, name: u.name, aadObjectId: u.aadObjectId })) }
  });
  app = await startTestApp({ clock });
  // A scheduler with only the reminder kinds, on the app's table, driven in virtual time.
  reminders = new Scheduler({ due: new TableDueItemRepository(app.tables.client(TABLES.dueItems)), clock, log: pino({ level: 'silent' }) })
    .register(REMINDER_JOB, (item) => app.approvals.runReminder(item))
    .register(ESCALATION_JOB, (item) => app.approvals.runEscalation(item));
});
afterAll(async () => {
  if (connector) {
    expectEveryCardValid(connector);
    // No template binding is ever left unresolved (it would show as "${...}" text).
    for (const activity of [...connector.sent(), ...connector.updated()]) expect(JSON.stringify(activity)).not.toContain('${');
  }
  await app?.close();
  await connector?.close();
});

const channel = (): Where => ({ tenantId, serviceUrl: connector.url, conversationType: 'channel', conversationId: `19:wg-${tenantId}@thread.tacv2`, teamId: TEAM });
const personal = (who: TestUser): Where => ({ tenantId, serviceUrl: connector.url, conversationType: 'personal', conversationId: `a:1to1-${who.aadObjectId}` });

const elements = cardElements;
const text = cardText;
const actionTitles = cardActionTitles;

async function execute(where: Where, who: TestUser, verb: string, data: Record<string, unknown>, replyToId?: string): Promise<JsonObject> {
  const response = await app.post(executeAction(where, who, verb, data, replyToId));
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  const card = cardFromInvokeResponse(response.body);
  expectValidCard(card, `${verb} response`);
  return card;
}

/** Sends a message and returns the cards the bot sent back in that conversation. */
const say = (where: Where, who: TestUser, words: string): Promise<JsonObject[]> => sayForCards(app, connector, where, who, words);

/** Cards sent (proactively or not) to a conversation since `from`. */
function sentTo(conversationId: string, from = 0): { card: JsonObject; id?: string }[] {
  return connector
    .sentRequests()
    .slice(from)
    .filter((r) => r.conversationId === conversationId)
    .flatMap((r) => cardsInActivity(r.body as never).map((card) => ({ card, id: r.responseId })));
}

const FORM = validPlanForm({ startDate: '2030-04-01', endDate: '2030-04-20', feedbackBy: '2030-06-01' });
let planId = '';
let roundId = '';

describe('engagement plans and working-group approvals, end to end', () => {
  it('plan new before any working group exists says what to do', async () => {
    const [card] = await say(personal(olly), olly, 'plan new');
    expect(text(card!)).toContain('workinggroup setup');
  });

  it('workinggroup setup outside a team channel is refused with a clear message', async () => {
    const [card] = await say(personal(ana), ana, 'workinggroup setup');
    expect(text(card!)).toContain('channel');
  });

  it('the chair sets up the working group by card, from the team roster (paged members)', async () => {
    const [form] = await say(channel(), ana, 'workinggroup setup');
    expect(connector.requests.some((r) => r.kind === 'getConversationPagedMembers' && r.conversationId === TEAM)).toBe(true);
    const chairChoices = elements(form!).find((e) => e.id === 'chair')?.choices as { title: string }[];
    expect(chairChoices.map((c) => c.title)).toEqual(['Ana Chair', 'Ben Member', 'Cara Member', 'Olly Owner', 'Dev Bystander']);
    const formId = (elements(form!).find((e) => e.verb === VERBS.groupSave)?.data as { formId: string }).formId;

    // N of M with N bigger than the group: refused beside the field.
    const bad = await execute(channel(), ana, VERBS.groupSave, {
      formId,
      name: 'SEND working group',
      memberSource: 'named',
      members: [ana, ben, cara].map((u) => u.aadObjectId).join(','),
      chair: ana.aadObjectId,
      rule: 'nOfM',
      n: '4'
    });
    expect(text(bad)).toContain('N must be a whole number from 1 to 3');

    const saved = await execute(channel(), ana, VERBS.groupSave, {
      formId,
      name: 'SEND working group',
      memberSource: 'named',
      members: [ana, ben, cara].map((u) => u.aadObjectId).join(','),
      chair: ana.aadObjectId,
      rule: 'majority'
    });
    expect(text(saved)).toContain('Working group saved: SEND working group');
    expect(text(saved)).toContain('a majority of the 3 members approve');
  });

  it('a plan missing required fields comes back with a message beside each', async () => {
    // Olly, Ana and Ben have talked to VoiceLoop 1:1 (so they can be reached); Cara never has.
    for (const who of [olly, ana, ben]) await say(personal(who), who, 'help');
    const [form] = await say(personal(olly), olly, 'plan new');
    planId = (elements(form!).find((e) => e.verb === VERBS.planSubmit)?.data as { planId: string }).planId;
    expect(elements(form!).find((e) => e.id === 'teamId')?.value).toBe(TEAM);
    const bad = await execute(personal(olly), olly, VERBS.planSubmit, { ...FORM, planId, teamId: TEAM, purpose: '', lundy_space: '' });
    expect(text(bad)).toContain('Please write the purpose.');
    expect(text(bad)).toContain('Answer the Lundy check for space');
    expect(connector.sent().some((a) => a.conversation?.id === channel().conversationId && cardsInActivity(a).some((c) => text(c).includes(FORM.title as string)))).toBe(false);
  });

  it('submitting posts an approval card in the working-group channel; two simultaneous submits make one round', async () => {
    const before = connector.sentRequests().length;
    const [first, second] = await Promise.all([
      app.post(executeAction(personal(olly), olly, VERBS.planSubmit, { ...FORM, planId, teamId: TEAM })),
      app.post(executeAction(personal(olly), olly, VERBS.planSubmit, { ...FORM, planId, teamId: TEAM }))
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    const answers = [first, second].map((r) => text(cardFromInvokeResponse(r.body)));
    expect(answers.filter((t) => t.includes('Sent to the working group.'))).toHaveLength(1);
    expect(answers.filter((t) => /already/.test(t))).toHaveLength(1);

    const posted = sentTo(channel().conversationId!, before);
    expect(posted).toHaveLength(1);
    const card = posted[0]!.card;
    expectValidCard(card, 'approval card');
    roundId = ((card.refresh as JsonObject).action as { data: { roundId: string } }).data.roundId;
    expect(roundId).toBe(`plan-${planId}-r1`);
    expect((card.refresh as JsonObject).userIds).toEqual([ana.id, ben.id, cara.id]);
    expect(actionTitles(card)).toEqual(['Approve', 'Request changes', 'Abstain', 'Refresh']); // Refresh: for clients without user-specific refresh
    expect(text(card)).toContain('Space: Yes');
    expect(text(card)).toContain('Voice: Partly — Symbol boards');
    expect(text(card)).toContain('Still to decide: Ana Chair, Ben Member, Cara Member');
    expect((await app.plans.get(tenantId, planId)).state).toBe('submitted');
  });

  it('"plans" lists mine for the owner and what waits for a member', async () => {
    const [mine] = await say(personal(olly), olly, 'plans');
    expect(text(mine!)).toContain('Waiting for the working group');
    const [waiting] = await say(personal(ben), ben, 'plans');
    expect(text(waiting!)).toContain(FORM.title as string);
    expect(text(waiting!)).toContain('You have no plans yet');
  });

  it('refuses bad decisions clearly: non-member, missing comment, unknown round', async () => {
    const outsider = await execute(channel(), dev, VERBS.approvalDecide, { roundId, decision: 'approve' });
    expect(text(outsider)).toContain('Only members of the working group can decide');
    expect(actionTitles(outsider)).toEqual(['Refresh']);

    const noComment = await execute(channel(), ben, VERBS.approvalDecide, { roundId, decision: 'requestChanges', comment: ' ' });
    expect(text(noComment)).toContain('A comment is needed to request changes.');

    const unknown = await app.post(executeAction(channel(), ben, VERBS.approvalDecide, { roundId: 'plan-nope-r1', decision: 'approve' }));
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ type: 'application/vnd.microsoft.error' });

    const round = await app.approvals.get(tenantId, roundId);
    expect(round.decisions).toEqual({});
  });

  it('each member sees their own decision; request changes returns the plan with the comments; the card updates for everyone', async () => {
    const anaView = await execute(channel(), ana, VERBS.approvalDecide, { roundId, decision: 'requestChanges', comment: 'Add an easy-read consent form.' });
    expect(text(anaView)).toContain('You chose: Request changes');
    const benRefresh = await execute(channel(), ben, VERBS.approvalRefresh, { roundId });
    expect(text(benRefresh)).not.toContain('You chose');
    expect(text(benRefresh)).toContain('Request changes 1');

    const before = connector.sentRequests().length;
    const updatesBefore = connector.updated().length;
    const benView = await execute(channel(), ben, VERBS.approvalDecide, { roundId, decision: 'requestChanges', comment: 'Who tells them what changed?' });
    expect(text(benView)).toContain('Closed: changes requested');
    expect(actionTitles(benView)).toEqual([]);

    const update = connector.updated().slice(updatesBefore).at(-1)!;
    const [shared] = cardsInActivity(update);
    expect(text(shared!)).toContain('Closed: changes requested');
    expect(shared!.refresh).toBeUndefined();

    const toOwner = sentTo(personal(olly).conversationId!, before);
    expect(toOwner).toHaveLength(1);
    expect(text(toOwner[0]!.card)).toContain('Changes requested');
    expect(text(toOwner[0]!.card)).toContain('Ana Chair: Add an easy-read consent form.');
    expect((await app.plans.get(tenantId, planId)).state).toBe('changesRequested');

    const late = await execute(channel(), cara, VERBS.approvalDecide, { roundId, decision: 'approve' });
    expect(text(late)).toContain('This round has closed');
  });

  it('the owner edits and resubmits: a new round, the history of the first kept', async () => {
    const edit = await execute(personal(olly), olly, VERBS.planEdit, { planId });
    expect(elements(edit).find((e) => e.id === 'title')?.value).toBe(FORM.title);
    const before = connector.sentRequests().length;
    const card = await execute(personal(olly), olly, VERBS.planSubmit, { ...FORM, planId, teamId: TEAM, lundy_voice: 'yes', lundy_voice_note: 'Easy-read consent form added.' });
    expect(text(card)).toContain('Waiting for the working group');
    expect(text(card)).toContain('Changes requested by the working group');
    expect(text(card)).toContain('Decision — Ben Member: Request changes: Who tells them what changed?');
    roundId = `plan-${planId}-r2`;
    const posted = sentTo(channel().conversationId!, before);
    expect(posted).toHaveLength(1);
    expect(text(posted[0]!.card)).toContain('round 2');
  });

  it('reminders go 1:1 after 2 working days to those still undecided, stop when they decide, and record the unreachable', async () => {
    // Submitted Monday 10:00. Tuesday: nothing yet.
    clock.set('2030-03-05T10:00:00Z');
    const before = connector.sentRequests().length;
    await reminders.runDue();
    expect(connector.sentRequests().length).toBe(before);

    clock.set('2030-03-06T10:05:00Z'); // Wednesday: reminder 1
    await reminders.runDue();
    const toBen = sentTo(personal(ben).conversationId!, before);
    const toAna = sentTo(personal(ana).conversationId!, before);
    expect(toBen).toHaveLength(1);
    expect(toAna).toHaveLength(1);
    expect(text(toBen[0]!.card)).toContain('Reminder 1 of 3');
    expect(actionTitles(toBen[0]!.card)).toEqual(['Approve', 'Request changes', 'Abstain', 'Refresh']);
    const audit = await app.plans.history(tenantId, planId);
    expect(audit.filter((e) => e.action === 'reminder.notReachable' && e.roundId === roundId).map((e) => e.detail).join()).toContain('Cara Member');

    // Ben decides from his 1:1 reminder.
    const benCard = await execute(personal(ben), ben, VERBS.approvalDecide, { roundId, decision: 'approve' });
    expect(text(benCard)).toContain('You chose: Approve');

    await reminders.runDue(); // the same reminder again: nothing more
    clock.set('2030-03-08T10:05:00Z'); // Friday: reminder 2, Ana only
    const before2 = connector.sentRequests().length;
    await reminders.runDue();
    expect(sentTo(personal(ben).conversationId!, before2)).toHaveLength(0);
    expect(text(sentTo(personal(ana).conversationId!, before2)[0]!.card)).toContain('Reminder 2 of 3');
  });

  it('simultaneous decisions are all counted; the rule closes the round, the owner is told, reminders stop', async () => {
    const before = connector.sentRequests().length;
    const [a, c] = await Promise.all([
      app.post(executeAction(channel(), ana, VERBS.approvalDecide, { roundId, decision: 'approve' })),
      app.post(executeAction(channel(), cara, VERBS.approvalDecide, { roundId, decision: 'abstain' }))
    ]);
    expect([a.status, c.status]).toEqual([200, 200]);
    const round = await app.approvals.get(tenantId, roundId);
    expect(round).toMatchObject({ status: 'closed', outcome: 'approved' });
    // Ben and Ana approving meets the rule; Cara's abstention either landed first or was told the round had closed.
    expect(round.decisions[ana.aadObjectId]?.decision).toBe('approve');
    const caraAnswer = text(cardFromInvokeResponse(c.body));
    if (round.decisions[cara.aadObjectId]) expect(caraAnswer).toContain('You chose: Abstain');
    else expect(caraAnswer).toContain('This round has closed');
    expect(text(sentTo(personal(olly).conversationId!, before)[0]!.card)).toContain('Approved');
    const plan = await app.plans.get(tenantId, planId);
    expect(plan.state).toBe('approved');
    expect(maySurveyBePublished(plan)).toBe(true);

    clock.set('2030-03-12T10:05:00Z'); // reminder 3 would be due: the round is closed
    const before2 = connector.sentRequests().length;
    await reminders.runDue();
    expect(connector.sentRequests().length).toBe(before2);
  });

  it('the owner takes the plan through live, review and findings to loop closed', async () => {
    let card = await execute(personal(olly), olly, VERBS.planAct, { planId, event: 'goLive' });
    expect(text(card)).toContain('Live');
    const refused = await execute(personal(olly), olly, VERBS.planAct, { planId, event: 'closeLoop' });
    expect(text(refused)).toContain('You cannot close the loop now');
    card = await execute(personal(olly), olly, VERBS.planAct, { planId, event: 'startReview' });
    expect(actionTitles(card)).toContain('Send findings for approval');
    const before = connector.sentRequests().length;
    card = await execute(personal(olly), olly, VERBS.planFindings, { planId, findings: 'Young people want sessions after school and a say in staff training.' });
    const posted = sentTo(channel().conversationId!, before);
    expect(text(posted[0]!.card)).toContain('Findings for the working group');
    const findingsRound = `findings-${planId}-r3`;
    await execute(channel(), ana, VERBS.approvalDecide, { roundId: findingsRound, decision: 'approve' });
    await execute(channel(), ben, VERBS.approvalDecide, { roundId: findingsRound, decision: 'approve' });
    expect((await app.plans.get(tenantId, planId)).state).toBe('findingsApproved');
    card = await execute(personal(olly), olly, VERBS.planAct, { planId, event: 'closeLoop' });
    expect(text(card)).toContain('Loop closed');
  });

  it('audit export: the chair gets the CSV 1:1, as a file; anyone else is told only the chair can', async () => {
    const before = connector.sentRequests().length;
    const cards = await say(channel(), ana, 'audit export');
    expect(cards.map(text).join()).toContain('I have sent you the audit trail');
    // Issue 14: never a card of text rows. The 1:1 card has a button that hands out the file.
    const [offer] = sentTo(personal(ana).conversationId!, before).map((s) => s.card);
    expect(text(offer!)).toContain('Audit trail (CSV)');
    expect(elements(offer!).some((e) => e.fontType === 'Monospace')).toBe(false);
    const press = await app.post(executeAction(personal(ana), ana, VERBS.reportFiles, (elements(offer!).find((e) => e.verb === VERBS.reportFiles)!.data as JsonObject)));
    const answered = cardFromInvokeResponse(press.body);
    const link = ((answered.actions as JsonObject[]) ?? []).find((a) => a.type === 'Action.OpenUrl')!.url as string;
    const response = await fetch(`${app.url}${new URL(link).pathname}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="working-group-audit-trail.csv"');
    const csv = (await response.text()).replace(/^\uFEFF/, '');
    expect(csv.split('\r\n')[0]).toBe('at,actor,actorName,action,subjectType,subjectId,roundId,teamId,detail');
    for (const action of ['group.setUp', 'plan.submitted', 'round.decision', 'round.closed', 'reminder.sent', 'reminder.notReachable', 'owner.sent', 'plan.goLive', 'plan.closeLoop']) {
      expect(csv).toContain(`,${action},`);
    }
    // Someone else pressing the chair's button (or typing it) is refused.
    const stolen = await app.post(executeAction(personal(ben), ben, VERBS.reportFiles, (elements(offer!).find((e) => e.verb === VERBS.reportFiles)!.data as JsonObject)));
    expect(JSON.stringify(stolen.body)).toContain('Only the chair');
    const [refused] = await say(channel(), ben, 'audit export');
    expect(text(refused!)).toContain('Only the chair');
    const [nothing] = await say(personal(ben), ben, 'audit export');
    expect(text(nothing!)).toContain('Only the chair');
    // In the 1:1 chat the chair gets the file's link straight away, for every group they chair.
    const [direct] = await say(personal(ana), ana, 'audit export');
    expect(text(direct!)).toContain('Audit trail (CSV)');
    expect(((direct!.actions as JsonObject[]) ?? []).filter((a) => a.type === 'Action.OpenUrl').map((a) => a.title)).toEqual(['📄 working-group-audit-trail.csv']);
  });

  it('at the deadline the chair gets a 1:1 card naming who is outstanding; a deleted plan stops its reminders', async () => {
    clock.set('2030-03-18T10:00:00Z'); // Monday
    const submit = async () => {
      const [form] = await say(personal(olly), olly, 'plan new');
      const id = (elements(form!).find((e) => e.verb === VERBS.planSubmit)?.data as { planId: string }).planId;
      await execute(personal(olly), olly, VERBS.planSubmit, { ...FORM, planId: id, teamId: TEAM });
      return id;
    };
    const kept = await submit();
    const deleted = await submit();
    await execute(channel(), ben, VERBS.approvalDecide, { roundId: `plan-${kept}-r1`, decision: 'approve' });
    const updatesBefore = connector.updated().length;
    const gone = await execute(personal(olly), olly, VERBS.planDelete, { planId: deleted });
    expect(text(gone)).toContain('Plan deleted');
    const [withdrawnCard] = cardsInActivity(connector.updated().slice(updatesBefore).at(-1)!);
    expect(text(withdrawnCard!)).toContain('Closed: withdrawn by the owner');
    expect(actionTitles(withdrawnCard!)).toEqual([]);

    const before = connector.sentRequests().length;
    clock.set('2030-03-27T10:30:00Z'); // 7 working days later: reminders 1–3 all missed, the deadline reached
    await reminders.runDue();
    await reminders.runDue();
    const toAna = sentTo(personal(ana).conversationId!, before).map((s) => text(s.card));
    // One reminder (the latest, not three) and the escalation, both about the kept plan only.
    expect(toAna.filter((t) => t.includes('Reminder 3 of 3'))).toHaveLength(1);
    const escalation = toAna.filter((t) => t.includes('The deadline has passed'));
    expect(escalation).toHaveLength(1);
    expect(escalation[0]).toContain('Still to decide: Ana Chair, Cara Member');
    expect(sentTo(personal(ben).conversationId!, before)).toHaveLength(0); // Ben decided
    const trail = await app.plans.history(tenantId, deleted);
    expect(trail.map((e) => e.action)).toEqual(expect.arrayContaining(['round.withdrawn', 'plan.deleted']));
    expect(trail.map((e) => e.action)).not.toContain('reminder.sent');
  });
});
