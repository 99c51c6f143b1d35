import { describe, expect, it } from 'vitest';
import { checkEasyRead } from '../../src/cards/shared/easy-read';
import { VERBS } from '../../src/cards/shared/verbs';
import { surveyEditorCard, surveyInviteCard, surveyNewCard, surveyPlanCard } from '../../src/cards/surveys/survey-cards';
import { type Plan, parsePlanForm } from '../../src/domain/plans/plan';
import { cardActionTitles, cardElements, cardText } from '../helpers/card-query';
import { expectValidCard } from '../helpers/card-validator';
import { makeSurvey } from '../helpers/fixtures';
import { validPlanForm } from '../helpers/plan-fixtures';

const plan = (n: number, state: Plan['state']): Plan => ({
  ...parsePlanForm(validPlanForm(), { complete: true, today: '2026-01-05' }),
  title: `Plan ${n}`,
  tenantId: 't',
  planId: `00000000-0000-4000-8000-00000000000${n}`,
  state,
  owner: 'owner',
  ownerUserId: '29:owner',
  teamId: 'team',
  createdAt: new Date(),
  updatedAt: new Date(),
  roundCount: 1,
  findings: ''
});
const plans = [plan(2, 'approved'), plan(1, 'submitted')];
const approved = { groupName: 'the SEND working group', approvedAt: new Date('2026-03-03T10:00:00Z') };
const survey = makeSurvey([{ type: 'yesno', text: 'Did you like it?' }]);

describe('survey cards and the approval gate', () => {
  it('the new-survey form offers the author’s plans with their state, and the way to write one', () => {
    const card = surveyNewCard({ formId: 'f', timeZone: 'Europe/London', plans, errors: { planId: 'That plan is not one of yours.' } });
    expectValidCard(card, 'new survey with plans');
    const choices = cardElements(card).find((e) => e.id === 'planId')?.choices as { title: string; value: string }[];
    expect(choices.map((c) => c.title)).toEqual(['Plan 2 (approved)', 'Plan 1 (waiting for the working group)']);
    expect(cardText(card)).toContain('None fits? Type **plan new** to write one.');
    expect(cardText(card)).toContain('That plan is not one of yours.');

    const none = surveyNewCard({ formId: 'f', timeZone: 'Europe/London', plans: [] });
    expectValidCard(none, 'new survey without plans');
    expect(cardElements(none).some((e) => e.id === 'planId')).toBe(false);
    expect(cardText(none)).toContain('You have no plans yet. Type **plan new** to write one');
  });

  it('a young people’s draft offers "Choose its plan" and says what its plan needs; a staff draft does not', () => {
    const draft = { ...survey, status: 'draft' as const };
    const card = surveyEditorCard(draft, { plan: { text: '🗂️ No engagement plan yet.', tone: 'attention' } });
    expectValidCard(card, 'editor with a plan note');
    expect(cardText(card)).toContain('🗂️ No engagement plan yet.');
    expect(cardActionTitles(card)).toContain('Choose its plan');
    expect(cardActionTitles(surveyEditorCard({ ...draft, planId: plans[0]!.planId }))).toContain('Change its plan');
    expect(cardActionTitles(surveyEditorCard({ ...draft, cohort: 'staff' }))).not.toContain('Choose its plan');
  });

  it('the author’s card and the invitation say who approved the plan and when', () => {
    const published = { ...survey, planApproval: approved };
    expect(cardText(surveyEditorCard(published))).toContain('✅ Approved by the SEND working group on 3 March.');
    const invite = surveyInviteCard(published);
    expectValidCard(invite, 'invite with approval');
    expect(cardText(invite)).toContain('✅ Approved by the SEND working group on 3 March.');
    // The group's name is the council's own words: a plain one keeps the invitation easy read.
    expect(checkEasyRead(surveyInviteCard({ ...survey, planApproval: { ...approved, groupName: 'the youth voice working group' } }))).toEqual([]);
    expect(cardText(surveyInviteCard(survey))).not.toContain('Approved by');
  });

  it('the plan chooser saves the plan for the draft, or says there is none to choose', () => {
    const card = surveyPlanCard({ ...survey, status: 'draft' }, plans);
    expectValidCard(card, 'plan chooser');
    const save = cardElements(card).find((e) => e.verb === VERBS.surveyPlanSet);
    expect(save?.data).toEqual({ surveyId: survey.surveyId, version: String(survey.version) });
    const empty = surveyPlanCard({ ...survey, status: 'draft' }, [], 'Choose a plan.');
    expectValidCard(empty, 'plan chooser with none');
    expect(cardActionTitles(empty)).toEqual(['Back to the survey']);
    expect(cardText(empty)).toContain('You have no plans yet.');
  });
});
