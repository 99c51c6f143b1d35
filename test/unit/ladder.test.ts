/**
 * The council's ladder (src/domain/plans/ladder.ts), the strategic outcome and impact review
 * (src/domain/plans/impact-review.ts) and the guest rules (issue 14; docs/approvals.md): pure rules.
 */
import { describe, expect, it } from 'vitest';
import { memberName, isGuestMember, parseGroupForm } from '../../src/domain/approvals/working-group';
import { withDefaults } from '../../src/domain/delivery/delivery-settings';
import { checkMayReviewImpact, countOutcomesReviewed, mayReviewImpact, parseImpactReview } from '../../src/domain/plans/impact-review';
import {
  LADDERS,
  describeStepKey,
  ladderOf,
  parseLadderChoice,
  planRungLine,
  rungPosition,
  rungWords,
  stepKey,
  stepValues
} from '../../src/domain/plans/ladder';
import { type ImpactReview, type PlanState, checkComplete, parsePlanForm } from '../../src/domain/plans/plan';
import { isAdmin } from '../../src/domain/privacy/privacy';
import { DomainError } from '../../src/domain/shared/errors';
import { isGuarded } from '../../src/teams/shared/guests';
import { VERBS } from '../../src/cards/shared/verbs';
import { validPlanForm } from '../helpers/plan-fixtures';
import { planEditCard, planFormCard } from '../../src/cards/plans/plan-cards';
import { cardElements, cardText } from '../helpers/card-query';
import { expectValidCard } from '../helpers/card-validator';
import type { Plan } from '../../src/domain/plans/plan';

const TODAY = '2026-01-05';

function fieldsOf(fn: () => unknown): Record<string, string> {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error.fields;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('the council’s ladder', () => {
  it('has each council’s steps, bottom to top, in its own words', () => {
    expect(LADDERS.tlap.steps.map((s) => s.words)).toEqual(['Coercion', 'Educating', 'Informing', 'Consultation', 'Engagement', 'Co-design', 'Co-production']);
    expect(LADDERS.westSussex.steps.map((s) => s.words)).toEqual(['No engagement', 'Information', 'Consultation', 'Participation', 'Co-production']);
    expect(LADDERS.bury.steps.map((s) => s.words)).toEqual(['Consultation', 'Engagement', 'Participation', 'Co-production']);
    // The councils' own meanings, word for word from their strategies.
    expect(LADDERS.westSussex.steps[3]!.meaning).toBe('The forum works with strategic groups and decision making groups to decide what should happen and shape services');
    expect(LADDERS.bury.steps[0]!.meaning).toMatch(/^People who use services may be asked to fill in surveys, attend meetings or events\./);
  });

  it('gives a rung’s words for a ladder; no ladder (older plans and settings) is TLAP', () => {
    expect(rungWords('westSussex', 'participation')).toBe('Participation');
    expect(rungWords('bury', 'coProduction')).toBe('Co-production');
    expect(rungWords('tlap', 'coDesign')).toBe('Co-design');
    expect(rungWords(undefined, 'coDesign')).toBe('Co-design');
    expect(rungWords('westSussex', '')).toBe('');
    expect(ladderOf('somethingElse').id).toBe('tlap');
    expect(stepValues('bury')).toEqual(['consultation', 'engagement', 'participation', 'coProduction']);
    expect(rungPosition('westSussex', 'participation')).toBe(4);
    expect(rungPosition('bury', 'coDesign')).toBe(0);
  });

  it('says which ladder a plan’s step belongs to when the council has changed ladder since', () => {
    expect(planRungLine('tlap', 'coDesign', 'tlap')).toBe('Co-design');
    expect(planRungLine('tlap', 'coDesign', 'westSussex')).toBe('Co-design (TLAP ladder of co-production)');
    expect(planRungLine(undefined, 'coDesign', 'bury')).toBe('Co-design (TLAP ladder of co-production)');
    expect(describeStepKey(stepKey('westSussex', 'participation'), 'westSussex')).toEqual({ words: 'Participation', order: 4 });
    expect(describeStepKey(stepKey('tlap', 'coercion'), 'westSussex').words).toBe('Coercion (TLAP ladder of co-production)');
  });

  it('reads an administrator’s choice as people type it, and refuses anything else', () => {
    expect(parseLadderChoice('West Sussex')).toBe('westSussex');
    expect(parseLadderChoice("west sussex's")).toBe('westSussex');
    expect(parseLadderChoice('BURY')).toBe('bury');
    expect(parseLadderChoice('tlap')).toBe('tlap');
    expect(() => parseLadderChoice('hart')).toThrow('Choose one of the ladders');
  });

  it('the plan form accepts the council’s steps only, and the plan keeps its ladder', () => {
    const ws = parsePlanForm(validPlanForm({ ladder: 'participation' }), { complete: true, today: TODAY, ladder: 'westSussex' });
    expect(ws).toMatchObject({ ladder: 'participation', ladderId: 'westSussex' });
    expect(fieldsOf(() => parsePlanForm(validPlanForm({ ladder: 'coDesign' }), { complete: true, today: TODAY, ladder: 'westSussex' })).ladder).toBe(
      'Choose the step aimed for on the West Sussex ladder of participation.'
    );
    expect(parsePlanForm(validPlanForm(), { complete: true, today: TODAY })).toMatchObject({ ladder: 'coDesign', ladderId: 'tlap' });
    // A stored plan is re-checked on its own ladder, whatever the council uses now.
    expect(() => checkComplete(ws, TODAY)).not.toThrow();
    expect(() => checkComplete({ ...ws, ladderId: 'tlap' }, TODAY)).toThrow('ladder of co-production');
  });

  it('is kept in the tenant’s policy row only when it is not the default', () => {
    expect(withDefaults({ ladder: 'bury' }).ladder).toBe('bury');
    expect(withDefaults({ ladder: 'tlap' })).not.toHaveProperty('ladder');
    expect(withDefaults({ ladder: 'nonsense' as never })).not.toHaveProperty('ladder');
  });
});

describe('the plan form on the council’s ladder', () => {
  const plan: Plan = {
    ...parsePlanForm(validPlanForm(), { complete: false, today: TODAY }),
    tenantId: 't',
    planId: 'p',
    state: 'draft',
    owner: 'o',
    ownerUserId: '29:o',
    teamId: 'team',
    createdAt: new Date(),
    updatedAt: new Date(),
    roundCount: 0,
    findings: ''
  };
  const groups = [{ teamId: 'team', label: 'WG' }];

  it('offers Bury’s descriptors with Bury’s meanings', () => {
    const card = planFormCard({ planId: 'p', groups, ladder: 'bury' });
    expectValidCard(card, 'plan form (Bury)');
    const input = cardElements(card).find((e) => e.id === 'ladder')!;
    expect(input.label).toBe('Step aimed for on the Bury co-production descriptors');
    expect((input.choices as { value: string }[]).map((c) => c.value)).toEqual(['consultation', 'engagement', 'participation', 'coProduction']);
    expect(cardText(card)).toContain('Co-production is an equal relationship between people who use services');
  });

  it('TLAP shows its steps without meanings (none in the seeds)', () => {
    const card = planFormCard({ planId: 'p', groups });
    expectValidCard(card, 'plan form (TLAP)');
    expect(cardElements(card).some((e) => e.type === 'FactSet')).toBe(false);
  });

  it('a draft made under TLAP, edited after the council moved to West Sussex, asks for the step again and says why', () => {
    const card = planEditCard(plan, groups, 'westSussex');
    expectValidCard(card, 'plan edit');
    expect(cardElements(card).find((e) => e.id === 'ladder')?.value ?? '').toBe('');
    expect(cardText(card)).toContain('This plan was made on the TLAP ladder of co-production ("Co-design"). The council now uses the West Sussex ladder of participation: choose the step again.');
    const same = planEditCard(plan, groups, 'tlap');
    expect(cardElements(same).find((e) => e.id === 'ladder')?.value).toBe('coDesign');
    expect(cardText(same)).not.toContain('choose the step again');
  });
});

describe('strategic outcome and impact review', () => {
  it('a plan needs its strategic outcome to be submitted; a draft may leave it out', () => {
    expect(fieldsOf(() => parsePlanForm(validPlanForm({ strategicOutcome: '' }), { complete: true, today: TODAY }))).toHaveProperty('strategicOutcome');
    expect(parsePlanForm(validPlanForm({ strategicOutcome: '' }), { complete: false, today: TODAY }).strategicOutcome).toBe('');
    expect(fieldsOf(() => parsePlanForm(validPlanForm({ strategicOutcome: 'x'.repeat(1001) }), { complete: false, today: TODAY }))).toHaveProperty('strategicOutcome');
  });

  it('the impact review needs what changed, the evidence and what next, each beside its field', () => {
    expect(Object.keys(fieldsOf(() => parseImpactReview({ impact_changed: ' ', impact_evidence: '', impact_next: undefined }))).sort()).toEqual([
      'impact_changed',
      'impact_evidence',
      'impact_next'
    ]);
    expect(parseImpactReview({ impact_changed: ' Breaks after school ', impact_evidence: '30 families', impact_next: 'Review in June' })).toEqual({
      changed: 'Breaks after school',
      evidence: '30 families',
      next: 'Review in June'
    });
  });

  it('comes once the loop is closed: findings approved, loop closed, or findings published', () => {
    const open: PlanState[] = ['draft', 'submitted', 'approved', 'changesRequested', 'live', 'reviewing'];
    for (const state of open) expect(mayReviewImpact({ state }, false)).toBe(false);
    expect(mayReviewImpact({ state: 'live' }, true)).toBe(true);
    expect(mayReviewImpact({ state: 'findingsApproved' }, false)).toBe(true);
    expect(mayReviewImpact({ state: 'loopClosed' }, false)).toBe(true);
    expect(() => checkMayReviewImpact({ state: 'live' }, false)).toThrow('once the loop is closed');
  });

  it('counts the plans whose outcomes were reviewed', () => {
    const review: ImpactReview = { changed: 'a', evidence: 'b', next: 'c', by: 'k', at: new Date() };
    expect(countOutcomesReviewed([{ impactReview: review }, {}, { impactReview: review }, { impactReview: undefined }])).toBe(2);
    expect(countOutcomesReviewed([])).toBe(0);
  });
});

describe('guests', () => {
  const roster = [
    { userId: '29:chair', aadObjectId: 'chair', name: 'Cleo Chair' },
    { userId: '29:pcf', aadObjectId: 'pcf', name: 'Pat Parent Carer Forum', guest: true }
  ];

  it('a guest on the roster can be a working-group member, marked as a guest', () => {
    const group = parseGroupForm({ name: 'WG', memberSource: 'team', chair: 'chair', rule: 'all' }, roster);
    expect(group.members).toEqual([
      { key: 'chair', name: 'Cleo Chair', userId: '29:chair' },
      { key: 'pcf', name: 'Pat Parent Carer Forum', userId: '29:pcf', guest: true }
    ]);
    expect(group.members.map(memberName)).toEqual(['Cleo Chair', 'Pat Parent Carer Forum (guest)']);
    expect(isGuestMember([group], 'pcf')).toBe(true);
    expect(isGuestMember([group], 'chair')).toBe(false);
  });

  it('a guest is never an administrator, even if listed or in local mode', () => {
    const guest = { tenantId: 't', userId: '29:pcf', aadObjectId: 'pcf', guest: true };
    expect(isAdmin({ admins: ['pcf'], localMode: false }, guest)).toBe(false);
    expect(isAdmin({ admins: [], localMode: true }, guest)).toBe(false);
    expect(isAdmin({ admins: ['pcf'], localMode: false }, { ...guest, guest: undefined })).toBe(true);
  });

  it('guards admin changes, safeguarding, raw answers, survey making and management figures; not plans or decisions', () => {
    const msg = (text: string) => ({ type: 'message', text }) as never;
    const act = (verb: string) => ({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { verb } } }) as never;
    for (const text of ['engagement gate off', 'ladder bury', 'safeguarding lead me', 'safeguarding alerts', 'survey export', 'survey new', 'survey send', 'session start', 'privacy erase', 'delivery settings', 'digest', 'audit participation 2025-04-01 2026-03-31', 'audit export', 'report 2025-04-01 2026-03-31']) {
      expect(isGuarded(msg(text)), text).toBe(true);
    }
    for (const text of ['engagement gate', 'ladder', 'plans', 'plan new', 'help', 'preferences', 'surveys']) expect(isGuarded(msg(text)), text).toBe(false);
    for (const verb of [VERBS.surveyExport, VERBS.surveyCreate, VERBS.safeguardingAcknowledge, VERBS.deliverySettingsSave]) expect(isGuarded(act(verb)), verb).toBe(true);
    for (const verb of [VERBS.approvalDecide, VERBS.approvalRefresh, VERBS.planShow, VERBS.surveyAnswer]) expect(isGuarded(act(verb)), verb).toBe(false);
    expect(isGuarded({ type: 'invoke', name: 'composeExtension/fetchTask', value: { commandId: 'createSurvey' } } as never)).toBe(true);
    expect(isGuarded({ type: 'invoke', name: 'composeExtension/query', value: { commandId: 'search' } } as never)).toBe(false);
  });
});
