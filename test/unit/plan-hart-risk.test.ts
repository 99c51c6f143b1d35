/** Issue #14: the Hart warning (rungs 1–3) and the in-person risk assessment, in the domain and on the cards. */
import { describe, expect, it } from 'vitest';
import { approvalCard } from '../../src/cards/approvals/approval-cards';
import { planCard, planEditCard, planFormCard } from '../../src/cards/plans/plan-cards';
import type { ApprovalRound } from '../../src/domain/approvals/approval-round';
import { DomainError } from '../../src/domain/shared/errors';
import { HART_NON_PARTICIPATION_MAX, PLAN_LIMITS, type Plan, checkComplete, hartWarning, parsePlanForm, toFormValues } from '../../src/domain/plans/plan';
import { summaryOf } from '../../src/domain/plans/plan-service';
import { expectValidCard } from '../helpers/card-validator';
import { IN_PERSON_RISK as RISK, validPlanForm } from '../helpers/plan-fixtures';

const TODAY = '2026-01-05';
const AT = new Date('2026-01-05T10:00:00Z');

function fieldsOf(fn: () => unknown): Record<string, string> {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error.fields;
    throw error;
  }
  throw new Error('expected a DomainError');
}

function planFrom(values: Record<string, unknown>): Plan {
  return {
    ...parsePlanForm(validPlanForm(values), { complete: true, today: TODAY }),
    tenantId: 't',
    planId: '0b6f3c1e-1d2a-4c3b-9e8f-7a6b5c4d3e2f',
    state: 'submitted',
    owner: 'o',
    ownerName: 'Olly',
    ownerUserId: '29:o',
    teamId: 'team',
    createdAt: AT,
    updatedAt: AT,
    roundCount: 1,
    findings: ''
  };
}

const text = (card: object): string => JSON.stringify(card);

describe('Hart warning', () => {
  it('names the rung, says why it is not participation and what would move it up, for rungs 1–3 only', () => {
    expect(HART_NON_PARTICIPATION_MAX).toBe(3);
    expect(hartWarning(3)).toMatch(/^Rung 3, tokenism: young people are asked but have little or no choice about what they say or how it is used\. This is not participation\./);
    expect(hartWarning(1)).toMatch(/^Rung 1, manipulation: /);
    expect(hartWarning(2)).toMatch(/^Rung 2, decoration: /);
    for (const rung of [1, 2, 3]) expect(hartWarning(rung)).toContain('To move it up');
    for (const rung of [4, 5, 6, 7, 8]) expect(hartWarning(rung)).toBeUndefined();
    expect(hartWarning(undefined)).toBeUndefined();
  });

  it('does not block: a rung-3 plan is complete', () => {
    expect(parsePlanForm(validPlanForm({ hartRung: '3' }), { complete: true, today: TODAY }).hartRung).toBe(3);
  });

  it('shows on the plan form when rung 1–3 is chosen (re-shown after a check, or to edit), not otherwise', () => {
    const groups = [{ teamId: 'team', label: 'WG' }];
    const warned = planFormCard({ planId: 'p', groups, values: validPlanForm({ hartRung: '2', title: '' }), errors: { title: 'Please write the title.' } });
    expectValidCard(warned, 'plan form with Hart warning');
    expect(text(warned)).toContain('Rung 2, decoration');
    expect(text(planEditCard(planFrom({ hartRung: '1' }), groups))).toContain('Rung 1, manipulation');
    expect(text(planFormCard({ planId: 'p', groups, values: validPlanForm() }))).not.toContain('This is not participation');
    expect(text(planFormCard({ planId: 'p', groups }))).not.toContain('This is not participation');
  });
});

describe('in-person risk assessment', () => {
  it('is required to submit when in person, each field with its own message', () => {
    const fields = fieldsOf(() => parsePlanForm(validPlanForm({ inPerson: 'true' }), { complete: true, today: TODAY }));
    expect(fields).toEqual({
      venue: 'It is in person: say where it takes place (the venue).',
      supervision: 'It is in person: say who supervises, or the staff-to-young-person ratio.',
      consent: 'It is in person: say how parental and young person consent is gathered.',
      leadOnTheDay: 'It is in person: say who is the lead on the day.'
    });
  });

  it('is optional in a draft and when not in person, and length-limited always', () => {
    expect(parsePlanForm(validPlanForm({ inPerson: 'true' }), { complete: false, today: TODAY }).inPerson).toBe(true);
    expect(parsePlanForm(validPlanForm({ inPerson: 'false' }), { complete: true, today: TODAY })).toMatchObject({ inPerson: false, venue: '' });
    const long = fieldsOf(() => parsePlanForm(validPlanForm({ ...RISK, venue: 'x'.repeat(PLAN_LIMITS.venue + 1) }), { complete: false, today: TODAY }));
    expect(long.venue).toContain(`the most is ${PLAN_LIMITS.venue}`);
  });

  it('round-trips through the form values and passes the completeness check', () => {
    const draft = parsePlanForm(validPlanForm(RISK), { complete: true, today: TODAY });
    expect(draft).toMatchObject({ inPerson: true, venue: RISK.venue, leadOnTheDay: RISK.leadOnTheDay });
    expect(toFormValues(draft)).toMatchObject(RISK);
    expect(() => checkComplete(draft, TODAY)).not.toThrow();
    expect(() => checkComplete({ ...draft, consent: '' }, TODAY)).toThrow(/consent is gathered/);
  });

  it('a plan saved before the risk assessment existed reads as not in person', () => {
    const { inPerson: _i, venue: _v, supervision: _s, consent: _c, leadOnTheDay: _l, ...older } = planFrom({});
    expect(toFormValues(older)).toMatchObject({ inPerson: 'false', venue: '' });
    expect(summaryOf(older).riskAssessment).toEqual([]);
  });
});

describe('approval and plan cards', () => {
  const round: ApprovalRound = {
    tenantId: 't',
    roundId: 'plan-p-r1',
    subjectType: 'plan',
    subjectId: 'p',
    number: 1,
    teamId: 'team',
    members: [{ key: 'a', name: 'Ana', userId: '29:a' }],
    chair: 'a',
    rule: { kind: 'majority' },
    owner: 'o',
    ownerName: 'Olly',
    status: 'open',
    openedAt: AT,
    deadline: AT,
    decisions: {},
    channel: { tenantId: 't', serviceUrl: 'https://x/', channelId: 'msteams', conversationId: 'c', conversationType: 'channel', botId: 'b', updatedAt: '' }
  };

  it('the working group sees the Hart warning and the risk assessment before deciding', () => {
    const plan = planFrom({ hartRung: '3', ...RISK });
    const card = approvalCard(round, summaryOf(plan), { viewer: { isMember: true } });
    expectValidCard(card, 'approval card with Hart warning and risk assessment');
    const shown = text(card);
    expect(shown).toContain('Rung 3, tokenism: young people are asked but have little or no choice');
    expect(shown).toContain('Risk assessment (in person)');
    for (const value of [RISK.venue, RISK.supervision, RISK.consent, RISK.leadOnTheDay]) expect(shown).toContain(value);
    const own = planCard(plan, { summary: summaryOf(plan), history: [], isOwner: true });
    expectValidCard(own, 'plan card with Hart warning and risk assessment');
    expect(text(own)).toContain('Rung 3, tokenism');
    expect(text(own)).toContain(RISK.venue);
  });

  it('a findings round is past the activity: neither appears on it', () => {
    const summary = summaryOf(planFrom({ hartRung: '3', ...RISK }), 'findings');
    expect(summary.warnings).toEqual([]);
    expect(summary.riskAssessment).toEqual([]);
  });

  it('neither appears for a participatory plan that is not in person', () => {
    const plan = planFrom({});
    const card = approvalCard(round, summaryOf(plan));
    expectValidCard(card, 'approval card without warning');
    expect(text(card)).not.toContain('This is not participation');
    expect(text(card)).not.toContain('Risk assessment (in person)');
    expect(text(card)).not.toContain('${');
  });
});
