/**
 * Issue 14, end to end through the real HTTP endpoint with the fake Bot Connector (docs/approvals.md):
 * the council's ladder as an administrator's audited choice, shown in the council's own words on the
 * plan form, plan card and approval card; the strategic outcome and the impact review ("Is anyone better
 * off?"); guests from outside the council as working-group members who decide and are reminded, and are
 * refused what only staff may do; plan ids from another tenant or working group.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/shared/verbs';
import { countOutcomesReviewed } from '../../src/domain/plans/impact-review';
import { ManualClock } from '../../src/domain/shared/clock';
import { TablePlanRepository } from '../../src/storage/plans/plan-repository';
import { TableAuditLog } from '../../src/storage/shared/audit-repository';
import { TABLES } from '../../src/storage/shared/keys';
import { type TestApp, expectEveryCardValid, newTenant, sayForCard, startTestApp } from '../helpers/app';
import { type TestUser, type Where, executeAction, user } from '../helpers/activities';
import { cardActionTitles, cardElements, cardText } from '../helpers/card-query';
import { type JsonObject, cardFromInvokeResponse, cardsInActivity, expectValidCard } from '../helpers/card-validator';
import { type FakeConnector, startFakeConnector } from '../helpers/fake-connector';
import { validPlanForm } from '../helpers/plan-fixtures';

// Tuesday 2 March 2032, 10:00 in London: working time, far from other suites' dates.
const clock = new ManualClock('2032-03-02T10:00:00Z');
const tenantId = newTenant();
const TEAM = `19:team-${tenantId}@thread.tacv2`;
const ada = user('Ada Admin');
const cleo = user('Cleo Chair');
const olly = user('Olly Owner');
const dev = user('Dev Bystander');
/** From the Parent Carer Forum: a guest of the council's tenant, on the working group — and (wrongly) listed as an admin. */
const pat = user('Pat Parent Carer Forum');
/** A guest on the team who is not on the working group, also listed as an admin. */
const gina = user('Gina Health Guest');

let app: TestApp;
let connector: FakeConnector;
let audit: TableAuditLog;

beforeAll(async () => {
  const staff = [ada, cleo, olly, dev].map((u) => ({ id: u.id, name: u.name, aadObjectId: u.aadObjectId, userRole: 'user' }));
  const guests = [pat, gina].map((u) => ({ id: u.id, name: u.name, aadObjectId: u.aadObjectId, userRole: 'guest' }));
  [app, connector] = await Promise.all([
    startTestApp({ clock, config: { admins: [ada.aadObjectId, pat.aadObjectId, gina.aadObjectId] } }),
    startFakeConnector({ rosters: { [TEAM]: [...staff, ...guests] } })
  ]);
  audit = new TableAuditLog(app.tables.client(TABLES.audit));
});
afterAll(async () => {
  if (connector) {
    expectEveryCardValid(connector);
    for (const activity of [...connector.sent(), ...connector.updated()]) expect(JSON.stringify(activity)).not.toContain('${');
  }
  await app?.close();
  await connector?.close();
});

const channel = (): Where => ({ tenantId, serviceUrl: connector.url, conversationType: 'channel', conversationId: `19:wg-${tenantId}@thread.tacv2`, teamId: TEAM });
const personal = (who: TestUser, tenant = tenantId): Where => ({ tenantId: tenant, serviceUrl: connector.url, conversationType: 'personal', conversationId: `a:1to1-${who.aadObjectId}` });
const say = (where: Where, who: TestUser, text: string): Promise<JsonObject> => sayForCard(app, connector, where, who, text);

async function execute(where: Where, who: TestUser, verb: string, data: Record<string, unknown>): Promise<JsonObject> {
  const response = await app.post(executeAction(where, who, verb, data));
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  const card = cardFromInvokeResponse(response.body);
  expectValidCard(card, verb);
  return card;
}

/** An invoke the bot refuses with an invoke error: its status and message. */
async function refusedInvoke(where: Where, who: TestUser, verb: string, data: Record<string, unknown>): Promise<{ status: number; message: string }> {
  const response = await app.post(executeAction(where, who, verb, data));
  const body = response.body as { value?: { message?: string } };
  return { status: response.status, message: body.value?.message ?? '' };
}

const factValue = (card: JsonObject, title: string): string | undefined => {
  for (const e of cardElements(card)) {
    if (e.type === 'FactSet') {
      const fact = (e.facts as { title: string; value: string }[]).find((f) => f.title === title);
      if (fact) return fact.value;
    }
  }
  return undefined;
};

const day = (offset: number): string => new Date(clock.now().getTime() + offset * 86_400_000).toISOString().slice(0, 10);
const FORM = (): Record<string, unknown> => validPlanForm({ startDate: day(7), endDate: day(21), feedbackBy: day(60) });

/** "plan new" in 1:1, then the form submitted with `values`: the answering card. */
async function submitPlan(who: TestUser, values: Record<string, unknown>): Promise<{ card: JsonObject; planId: string; form: JsonObject }> {
  const form = await say(personal(who), who, 'plan new');
  const planId = (cardElements(form).find((e) => e.verb === VERBS.planSubmit)?.data as { planId: string }).planId;
  const card = await execute(personal(who), who, VERBS.planSubmit, { ...values, planId, teamId: TEAM });
  return { card, planId, form };
}

/** The approval card posted in the working group's channel for a plan, newest first. */
function channelCardFor(title: string): JsonObject {
  const cards = connector
    .sent()
    .filter((a) => a.conversation?.id === channel().conversationId)
    .flatMap((a) => cardsInActivity(a))
    .filter((c) => cardText(c).includes(title) && cardElements(c).some((e) => e.verb === VERBS.approvalDecide));
  const card = cards.at(-1);
  if (!card) throw new Error(`no approval card for ${title}`);
  return card;
}

let tlapPlanId = '';
let wsPlanId = '';

describe('guests on the working group', () => {
  it('the chair sets up the working group from the roster; the Parent Carer Forum guest is marked and chosen as a member', async () => {
    const form = await say(channel(), cleo, 'workinggroup setup');
    const people = (cardElements(form).find((e) => e.id === 'members')?.choices as { title: string; value: string }[]).map((c) => c.title);
    expect(people).toContain('Pat Parent Carer Forum (guest)');
    expect(people).toContain('Cleo Chair');
    const formId = (cardElements(form).find((e) => e.verb === VERBS.groupSave)?.data as { formId: string }).formId;
    const saved = await execute(channel(), cleo, VERBS.groupSave, {
      formId,
      name: 'SEND co-production working group',
      memberSource: 'named',
      members: [cleo, pat].map((u) => u.aadObjectId).join(','),
      chair: cleo.aadObjectId,
      rule: 'all'
    });
    expect(cardText(saved)).toContain('Cleo Chair, Pat Parent Carer Forum (guest)');
    const group = await app.approvals.group(tenantId, TEAM);
    expect(group?.members.map((m) => [m.name, m.guest ?? false])).toEqual([
      ['Cleo Chair', false],
      ['Pat Parent Carer Forum', true]
    ]);
  });
});

describe('the council’s ladder', () => {
  it('is TLAP’s seven steps until an administrator chooses another; anyone else is refused and nothing changes', async () => {
    // Olly writes a plan under TLAP first: it keeps its ladder after the council changes.
    const { card, planId } = await submitPlan(olly, { ...FORM(), title: 'Short breaks under TLAP', ladder: 'coDesign' });
    tlapPlanId = planId;
    expect(factValue(card, 'TLAP ladder of co-production')).toBe('Co-design');

    expect(cardText(await say(personal(olly), olly, 'ladder'))).toContain('The council\'s ladder: TLAP ladder of co-production');
    const refused = await say(personal(olly), olly, 'ladder west sussex');
    expect(cardText(refused)).toContain('Only VoiceLoop administrators can do this.');
    expect(cardText(await say(personal(olly), olly, 'ladder'))).toContain('TLAP ladder of co-production');
    expect((await audit.list(tenantId)).filter((e) => e.action === 'plans.ladder.changed')).toEqual([]);

    const bad = await say(personal(ada), ada, 'ladder hart');
    expect(cardText(bad)).toContain('Choose one of the ladders');

    const changed = await say(personal(ada), ada, 'ladder west sussex');
    expect(cardText(changed)).toContain('The council\'s ladder is West Sussex ladder of participation');
    expect(cardText(changed)).toContain('No engagement → Information → Consultation → Participation → Co-production');
    expect(cardText(await say(personal(ada), ada, 'ladder West Sussex'))).toContain('(it already was)');
    const entries = (await audit.list(tenantId)).filter((e) => e.action === 'plans.ladder.changed');
    expect(entries.map((e) => [e.actor, e.actorName, e.subjectType, e.detail])).toEqual([
      [ada.aadObjectId, 'Ada Admin', 'tenant', 'Ladder: the TLAP seven steps → West Sussex’s five steps. Plans already made keep the ladder they were made with.']
    ]);
  });

  it('the plan form offers West Sussex’s steps and meanings; the plan and approval cards show the council’s words', async () => {
    const form = await say(personal(olly), olly, 'plan new');
    const ladderInput = cardElements(form).find((e) => e.id === 'ladder')!;
    expect(ladderInput.label).toBe('Step aimed for on the West Sussex ladder of participation');
    expect((ladderInput.choices as { title: string }[]).map((c) => c.title)).toEqual(['No engagement', 'Information', 'Consultation', 'Participation', 'Co-production']);
    expect(cardText(form)).toContain('The forum works with strategic groups and decision making groups to decide what should happen and shape services');
    expect(cardElements(form).some((e) => e.id === 'strategicOutcome')).toBe(true);

    // A TLAP step is refused beside the field; nothing is sent to the working group.
    const planId = (cardElements(form).find((e) => e.verb === VERBS.planSubmit)?.data as { planId: string }).planId;
    const bad = await execute(personal(olly), olly, VERBS.planSubmit, { ...FORM(), title: 'Local Offer redesign', ladder: 'coDesign', planId, teamId: TEAM });
    expect(cardText(bad)).toContain('Choose the step aimed for on the West Sussex ladder of participation.');
    await expect(app.plans.get(tenantId, planId)).rejects.toThrow('no longer exists');

    const card = await execute(personal(olly), olly, VERBS.planSubmit, { ...FORM(), title: 'Local Offer redesign', ladder: 'participation', planId, teamId: TEAM });
    wsPlanId = planId;
    expect(factValue(card, 'West Sussex ladder of participation')).toBe('Participation');
    expect(factValue(card, 'Strategic outcome (what should be better, for whom)')).toBe('Young people on short breaks get breaks they choose, at times that suit their families.');
    const stored = await app.plans.get(tenantId, planId);
    expect([stored.ladderId, stored.ladder, stored.state]).toEqual(['westSussex', 'participation', 'submitted']);

    const approval = channelCardFor('Local Offer redesign');
    expect(factValue(approval, 'West Sussex ladder of participation')).toBe('Participation');
    expect(factValue(approval, 'Strategic outcome (what should be better, for whom)')).toContain('Young people on short breaks');

    // The plan made under TLAP keeps its words.
    const old = await execute(personal(olly), olly, VERBS.planShow, { planId: tlapPlanId });
    expect(factValue(old, 'TLAP ladder of co-production')).toBe('Co-design');
    expect((await app.plans.get(tenantId, tlapPlanId)).ladderId).toBe('tlap');
  });
});

describe('the digest', () => {
  it('counts activities by step, each in the words of the ladder its plan was made with', async () => {
    const digest = await say(personal(ada), ada, 'digest');
    expect(cardText(digest)).toContain('Participation on the ladder of co-production');
    expect(factValue(digest, 'Co-design (TLAP ladder of co-production)')).toBe('1');
    expect(factValue(digest, 'Participation (West Sussex ladder of participation)')).toBe('1');
  });
});

/** The file behind a card's link named `…ending`, fetched from the app's own HTTP server (the link names the public URL). */
async function fileBehind(card: JsonObject, ending: string): Promise<string> {
  const link = ((card.actions as JsonObject[] | undefined) ?? []).find((a) => a.type === 'Action.OpenUrl' && String(a.title).endsWith(ending));
  if (!link) throw new Error(`no ${ending} link`);
  const response = await fetch(`${app.url}${new URL(String(link.url)).pathname}`);
  expect(response.status).toBe(200);
  return (await response.text()).replace(/^\uFEFF/, '');
}

describe('a guest member decides and is reminded', () => {
  it('gets the reminder 1:1, and their approval counts towards the rule', async () => {
    const plan = await app.plans.get(tenantId, wsPlanId);
    const roundId = plan.currentRoundId!;
    // Pat has talked to VoiceLoop 1:1 once (so a reminder can reach them).
    await say(personal(pat), pat, 'help');
    const before = connector.sent().length;
    await app.approvals.runReminder({ tenantId, kind: app.approvals.jobKinds.reminder, key: `${roundId}|1`, dueAt: clock.now(), payload: { roundId, reminder: 1 }, attempts: 0 });
    const toPat = connector
      .sent()
      .slice(before)
      .filter((a) => a.conversation?.id === personal(pat).conversationId)
      .flatMap((a) => cardsInActivity(a));
    expect(toPat).toHaveLength(1);
    expect(cardText(toPat[0]!)).toContain('Reminder 1 of');
    expect(cardText(toPat[0]!)).toContain('Local Offer redesign');

    // Pat decides on the channel card: it counts (under "all", Cleo's approval alone would not approve).
    const decided = await execute(channel(), pat, VERBS.approvalDecide, { roundId, decision: 'approve', comment: '' });
    expect(cardText(decided)).toContain('You chose: Approve');
    expect(cardText(decided)).toContain('Approve 1 ·');
    expect(cardText(decided)).toContain('Still to decide: Cleo Chair');
    expect((await app.plans.get(tenantId, wsPlanId)).state).toBe('submitted');
    await execute(channel(), cleo, VERBS.approvalDecide, { roundId, decision: 'approve', comment: '' });
    expect((await app.plans.get(tenantId, wsPlanId)).state).toBe('approved');
    const decisions = (await audit.list(tenantId, { subjectId: wsPlanId })).filter((e) => e.action === 'round.decision').map((e) => e.actorName);
    expect(decisions).toEqual(['Pat Parent Carer Forum', 'Cleo Chair']);
  });

  it('sees the plans of their working group, never other people’s plans elsewhere', async () => {
    const seen = await execute(personal(pat), pat, VERBS.planShow, { planId: wsPlanId });
    expect(cardText(seen)).toContain('Local Offer redesign');
    expect(cardActionTitles(seen)).toEqual([]);
  });
});

describe('guests are refused what only council staff may do', () => {
  it('a guest listed as an administrator still cannot turn the gate off or change the ladder; nothing changes', async () => {
    const auditBefore = (await audit.list(tenantId)).length;
    for (const words of ['engagement gate off', 'ladder bury', 'survey export', 'safeguarding lead me', 'digest']) {
      const card = await say(personal(pat), pat, words);
      expect(cardText(card), words).toContain('Not for guests');
      expect(cardText(card), words).toContain('This is for council staff.');
    }
    expect(cardText(await say(personal(olly), olly, 'engagement gate'))).toContain('On: a survey for young people or parent carers');
    expect(cardText(await say(personal(olly), olly, 'ladder'))).toContain('West Sussex ladder of participation');
    expect((await audit.list(tenantId)).length).toBe(auditBefore);
    // A card button for raw answers is refused the same way.
    const pressed = await execute(personal(pat), pat, VERBS.surveyExport, { surveyId: 'any' });
    expect(cardText(pressed)).toContain('Not for guests');
    // Looking is fine.
    expect(cardText(await say(personal(pat), pat, 'engagement gate'))).toContain('The approval gate');
  });

  it('a guest on no working group is recognised from the Teams roster (userRole: guest)', async () => {
    const card = await say(channel(), gina, 'engagement gate off');
    expect(cardText(card)).toContain('Not for guests');
    expect(connector.requests.some((r) => r.kind === 'getConversationMember' && r.memberId === gina.id)).toBe(true);
    expect(cardText(await say(personal(olly), olly, 'engagement gate'))).toContain('On: a survey');
  });
});

describe('strategic outcome and impact review', () => {
  it('the impact review waits for the loop to close; then the owner writes it, kept with who and when', async () => {
    const where = personal(olly);
    let card = await execute(where, olly, VERBS.planAct, { planId: wsPlanId, event: 'goLive' });
    expect(cardText(card)).not.toContain('Is anyone better off?');
    // Too early: refused with what to do, nothing stored.
    card = await execute(where, olly, VERBS.planImpact, { planId: wsPlanId, impact_changed: 'x', impact_evidence: 'y', impact_next: 'z' });
    expect(cardText(card)).toContain('The impact review comes once the loop is closed');
    expect((await app.plans.get(tenantId, wsPlanId)).impactReview).toBeUndefined();

    await execute(where, olly, VERBS.planAct, { planId: wsPlanId, event: 'startReview' });
    await execute(where, olly, VERBS.planFindings, { planId: wsPlanId, findings: 'Families want the Local Offer searchable by need, not by service.' });
    const roundId = (await app.plans.get(tenantId, wsPlanId)).currentRoundId!;
    for (const who of [pat, cleo]) await execute(channel(), who, VERBS.approvalDecide, { roundId, decision: 'approve', comment: '' });
    expect((await app.plans.get(tenantId, wsPlanId)).state).toBe('findingsApproved');

    card = await execute(where, olly, VERBS.planShow, { planId: wsPlanId });
    expect(cardText(card)).toContain('Is anyone better off?');
    expect(cardText(card)).toContain('Look back at the strategic outcome ("Young people on short breaks');
    expect(cardActionTitles(card)).toContain('Save the impact review');

    // Missing parts: each beside its field, nothing stored.
    card = await execute(where, olly, VERBS.planImpact, { planId: wsPlanId, impact_changed: 'The Local Offer is searchable by need.', impact_evidence: '', impact_next: '' });
    expect(cardText(card)).toContain('Please write the evidence.');
    expect(cardText(card)).toContain('Please write the what next.');
    expect(cardElements(card).find((e) => e.id === 'impact_changed')?.value).toBe('The Local Offer is searchable by need.');
    expect((await app.plans.get(tenantId, wsPlanId)).impactReview).toBeUndefined();

    card = await execute(where, olly, VERBS.planImpact, {
      planId: wsPlanId,
      impact_changed: 'The Local Offer is searchable by need.',
      impact_evidence: 'Searches that end on a service page rose from 40% to 70%.',
      impact_next: 'Ask the youth forum in June.'
    });
    expect(cardText(card)).toContain('Impact review saved.');
    expect(factValue(card, 'Is anyone better off? What changed')).toBe('The Local Offer is searchable by need.');
    expect(factValue(card, 'Impact reviewed by')).toBe('Olly Owner, 2032-03-02');
    expect(cardActionTitles(card)).toContain('Update the impact review');
    const stored = await app.plans.get(tenantId, wsPlanId);
    expect(stored.impactReview).toEqual({
      changed: 'The Local Offer is searchable by need.',
      evidence: 'Searches that end on a service page rose from 40% to 70%.',
      next: 'Ask the youth forum in June.',
      by: olly.aadObjectId,
      byName: 'Olly Owner',
      at: clock.now()
    });
    expect((await audit.list(tenantId, { subjectId: wsPlanId })).map((e) => e.action)).toContain('plan.impactReviewed');
    expect(countOutcomesReviewed(await new TablePlanRepository(app.tables.client(TABLES.plans)).listAll(tenantId))).toBe(1);

    // A working-group member sees the review, but no form.
    const member = await execute(personal(pat), pat, VERBS.planShow, { planId: wsPlanId });
    expect(factValue(member, 'Evidence')).toBe('Searches that end on a service page rose from 40% to 70%.');
    expect(cardActionTitles(member)).not.toContain('Update the impact review');
  });
});

describe('bad input: plans from elsewhere', () => {
  it('another tenant’s plan id is not found, another working group’s plan is refused; nothing changes', async () => {
    const before = await app.plans.get(tenantId, wsPlanId);
    const otherTenant = newTenant();
    const fromElsewhere = await refusedInvoke(personal(olly, otherTenant), olly, VERBS.planShow, { planId: wsPlanId });
    expect(fromElsewhere).toEqual({ status: 404, message: 'This plan no longer exists.' });
    const impact = await refusedInvoke(personal(olly, otherTenant), olly, VERBS.planImpact, { planId: wsPlanId, impact_changed: 'a', impact_evidence: 'b', impact_next: 'c' });
    expect(impact.status).toBe(404);

    const notTheirs = await refusedInvoke(personal(dev), dev, VERBS.planShow, { planId: wsPlanId });
    expect(notTheirs).toEqual({ status: 403, message: 'This plan belongs to another working group: only its owner and that group’s members can open it.' });
    const rewrite = await refusedInvoke(personal(dev), dev, VERBS.planImpact, { planId: wsPlanId, impact_changed: 'a', impact_evidence: 'b', impact_next: 'c' });
    expect(rewrite).toEqual({ status: 403, message: 'Only the person who wrote this plan can change it.' });
    const garbage = await refusedInvoke(personal(olly), olly, VERBS.planShow, { planId: '../../etc' });
    expect(garbage.status).toBe(404);

    const after = await app.plans.get(tenantId, wsPlanId);
    expect(after.etag).toBe(before.etag);
    expect(after.impactReview).toEqual(before.impactReview);
  });
});

describe('the audit and the board report on the council’s ladder', () => {
  // The two plans: "Local Offer redesign" at West Sussex's Participation, "Short breaks under TLAP" at TLAP's Co-design (made before the change).
  // Run last: an activity is a plan the working group approved, so both plans are approved first.
  beforeAll(async () => {
    const roundId = (await app.plans.get(tenantId, tlapPlanId)).currentRoundId!;
    for (const who of [pat, cleo]) await execute(channel(), who, VERBS.approvalDecide, { roundId, decision: 'approve', comment: '' });
    expect((await app.plans.get(tenantId, tlapPlanId)).state).toBe('approved');
  });

  it('the audit card and its CSV count West Sussex’s five steps in its words, and the TLAP plan under its own ladder’s name', async () => {
    const card = await say(personal(ada), ada, 'audit participation 2032-03-01 2033-02-28');
    expect(cardText(card)).toContain('Short breaks: 2 activities (micro 0, meso 2, macro 0) · West Sussex ladder of participation: Participation 1, Co-design (TLAP ladder of co-production) 1 · Hart rungs 6 ·');
    expect(cardText(card)).toContain('including each step of the West Sussex ladder of participation');
    expect(cardText(card)).not.toContain('Coercion');
    const csv = (await fileBehind(card, '.csv')).split('\r\n');
    expect(csv[0]).toContain(',Loops closed,Ladder: No engagement,Ladder: Information,Ladder: Consultation,Ladder: Participation,Ladder: Co-production,Ladder: other ladders,Hart rung 1,');
    expect(csv[0]).not.toContain('Coercion');
    expect(csv[1]!.split(',').slice(0, 2)).toEqual(['Short breaks', '2']);
    expect(csv[1]!.split(',').slice(10, 16)).toEqual(['0', '0', '0', '1', '0', '1']);
  });

  it('the report card’s chart and the HTML report name the steps in the council’s words', async () => {
    const summary = await say(personal(ada), ada, 'report 2032-03-01 2033-02-28');
    const pie = cardElements(summary).find((e) => e.type === 'Chart.Pie')!;
    expect(pie.title).toBe('🤝 Activities by step of the West Sussex ladder of participation');
    expect(pie.data).toEqual([
      { legend: 'Participation', value: 1 },
      { legend: 'Co-design (TLAP ladder of co-production)', value: 1 }
    ]);
    const html = await fileBehind(summary, ' voiceloop-report-2032-03-01-to-2033-02-28.html');
    expect(html).toContain('<caption>Activities by step on the West Sussex ladder of participation</caption>');
    expect(html).toContain('<th scope="row">No engagement</th><td class="n">0</td>');
    expect(html).toContain('<th scope="row">Participation</th><td class="n">1</td>');
    expect(html).toContain('<th scope="row">Co-design (TLAP ladder of co-production)</th><td class="n">1</td>');
    expect(html).not.toContain('Coercion');
  });
});
