import { describe, expect, it } from 'vitest';
import { auditCsv } from '../../src/domain/shared/audit';
import { DomainError } from '../../src/domain/shared/errors';
import {
  PLAN_STATES,
  type PlanEvent,
  type PlanState,
  checkSurveyMayBePublished,
  maySurveyBePublished,
  nextState,
  ownerEvents,
  parsePlanForm
} from '../../src/domain/plans/plan';
import { validPlanForm } from '../helpers/plan-fixtures';

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

describe('plan form', () => {
  it('accepts a complete plan', () => {
    const draft = parsePlanForm(validPlanForm(), { complete: true, today: TODAY });
    expect(draft).toMatchObject({ level: 'meso', cohorts: ['youngPeople', 'parentCarers'], hartRung: 6, ladder: 'coDesign' });
    expect(draft.lundy.voice).toEqual({ answer: 'partly', note: 'Symbol boards for those who use AAC; easy-read consent.' });
    expect(draft.adjustments).toEqual(['symbols', 'easyRead', 'aac', 'virtual']);
  });

  it('reports every missing required field at once', () => {
    const fields = fieldsOf(() => parsePlanForm({ title: 'Only a title' }, { complete: true, today: TODAY }));
    expect(Object.keys(fields).sort()).toEqual(
      [
        'purpose',
        // issue 14: the strategic outcome (what should be better, for whom) is needed to submit
        'strategicOutcome',
        'level',
        'serviceArea',
        'cohorts',
        'startDate',
        'endDate',
        'ladder',
        'lundy_space',
        'lundy_voice',
        'lundy_audience',
        'lundy_influence',
        'decisionMaker',
        'feedbackBy'
      ].sort()
    );
  });

  it('needs a Hart rung when young people take part, a note for partly/no, and dates in order', () => {
    expect(fieldsOf(() => parsePlanForm(validPlanForm({ hartRung: '' }), { complete: true, today: TODAY }))).toHaveProperty('hartRung');
    expect(parsePlanForm(validPlanForm({ hartRung: '', cohorts: 'practitioners' }), { complete: true, today: TODAY }).hartRung).toBeUndefined();
    expect(fieldsOf(() => parsePlanForm(validPlanForm({ lundy_voice_note: '' }), { complete: true, today: TODAY }))).toHaveProperty('lundy_voice_note');
    expect(fieldsOf(() => parsePlanForm(validPlanForm({ endDate: '2026-03-01' }), { complete: true, today: TODAY }))).toHaveProperty('endDate');
    expect(fieldsOf(() => parsePlanForm(validPlanForm({ feedbackBy: '2026-03-10' }), { complete: true, today: TODAY }))).toHaveProperty('feedbackBy');
    expect(fieldsOf(() => parsePlanForm(validPlanForm({ startDate: '2025-12-01' }), { complete: true, today: TODAY }))).toHaveProperty('startDate');
    expect(fieldsOf(() => parsePlanForm(validPlanForm({ startDate: '2026-02-30' }), { complete: true, today: TODAY }))).toHaveProperty('startDate');
  });

  it('refuses values that are not on the lists', () => {
    const fields = fieldsOf(() => parsePlanForm(validPlanForm({ level: 'mega', cohorts: 'aliens', hartRung: '9', adjustments: 'telepathy' }), { complete: true, today: TODAY }));
    expect(Object.keys(fields).sort()).toEqual(['adjustments', 'cohorts', 'hartRung', 'level'].sort());
  });

  it('a draft needs only a title, and cleans text', () => {
    const draft = parsePlanForm({ title: 'Ask about [transport](https://x.example)' }, { complete: false, today: TODAY });
    expect(draft.title).toBe('Ask about transport');
    expect(draft.level).toBe('');
    expect(fieldsOf(() => parsePlanForm({}, { complete: false, today: TODAY }))).toHaveProperty('title');
  });
});

describe('plan lifecycle', () => {
  const path: [PlanState, PlanEvent, PlanState][] = [
    ['draft', 'submit', 'submitted'],
    ['submitted', 'roundChangesRequested', 'changesRequested'],
    ['changesRequested', 'submit', 'submitted'],
    ['submitted', 'roundApproved', 'approved'],
    ['approved', 'goLive', 'live'],
    ['live', 'startReview', 'reviewing'],
    ['reviewing', 'submitFindings', 'reviewing'],
    ['reviewing', 'findingsApproved', 'findingsApproved'],
    ['findingsApproved', 'closeLoop', 'loopClosed']
  ];

  it.each(path)('%s --%s--> %s', (from, event, to) => {
    expect(nextState(from, event)).toBe(to);
  });

  it('refuses every other transition: nothing goes live unapproved', () => {
    const allowed = new Set(path.map(([from, event]) => `${from}|${event}`));
    const events: PlanEvent[] = ['submit', 'roundApproved', 'roundChangesRequested', 'goLive', 'startReview', 'submitFindings', 'findingsApproved', 'findingsChangesRequested', 'closeLoop'];
    let refused = 0;
    for (const state of PLAN_STATES) {
      for (const event of events) {
        if (allowed.has(`${state}|${event}`) || (state === 'reviewing' && event === 'findingsChangesRequested')) continue;
        expect(() => nextState(state, event)).toThrow(DomainError);
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(50);
    expect(() => nextState('draft', 'goLive')).toThrow(/cannot make this plan live/);
    expect(() => nextState('submitted', 'goLive')).toThrow(DomainError);
  });

  it('owners only see the buttons their state allows; approvals are never a button', () => {
    expect(ownerEvents('draft')).toEqual(['submit']);
    expect(ownerEvents('submitted')).toEqual([]);
    expect(ownerEvents('approved')).toEqual(['goLive']);
    expect(ownerEvents('reviewing')).toEqual(['submitFindings']);
  });

  it('a survey attached to a plan may be published only when the plan is approved or live', () => {
    const may = PLAN_STATES.filter((state) => maySurveyBePublished({ state }));
    expect(may).toEqual(['approved', 'live']);
    expect(() => checkSurveyMayBePublished({ state: 'submitted', title: 'T' })).toThrow(/only once the working group has approved/);
    expect(() => checkSurveyMayBePublished({ state: 'live', title: 'T' })).not.toThrow();
  });
});

describe('audit CSV', () => {
  it('quotes, escapes and neutralises spreadsheet formulas', () => {
    const csv = auditCsv([
      {
        tenantId: 't',
        at: new Date('2026-01-05T10:00:00Z'),
        actor: 'a1',
        actorName: 'Ana, "Chair"',
        action: 'round.decision',
        subjectType: 'plan',
        subjectId: 'p1',
        roundId: 'plan-p1-r1',
        teamId: 'team',
        detail: '=HYPERLINK("x")'
      }
    ]);
    const [header, row] = csv.split('\r\n');
    expect(header).toBe('at,actor,actorName,action,subjectType,subjectId,roundId,teamId,detail');
    expect(row).toBe('2026-01-05T10:00:00.000Z,a1,"Ana, ""Chair""",round.decision,plan,p1,plan-p1-r1,team,"\'=HYPERLINK(""x"")"');
  });
});
