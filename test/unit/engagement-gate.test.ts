import { describe, expect, it } from 'vitest';
import type { ApprovalRound } from '../../src/domain/approvals/approval-round';
import type { WorkingGroup } from '../../src/domain/approvals/working-group';
import { type DeliverySettings, withDefaults } from '../../src/domain/delivery/delivery-settings';
import { EngagementGate } from '../../src/domain/plans/engagement-gate';
import { type Plan, type PlanState, checkSurveyMayBePublished, parsePlanForm } from '../../src/domain/plans/plan';
import type { AuditEntry } from '../../src/domain/shared/audit';
import { ManualClock } from '../../src/domain/shared/clock';
import { DomainError } from '../../src/domain/shared/errors';
import { type Survey, approvalLine, isEngagement } from '../../src/domain/surveys/survey';
import { validPlanForm } from '../helpers/plan-fixtures';

const TENANT = 'tenant-1';
const TEAM = '19:send-team';
const owen = { tenantId: TENANT, userId: '29:owen', aadObjectId: 'owen', name: 'Owen' };
const mia = { tenantId: TENANT, userId: '29:mia', aadObjectId: 'mia', name: 'Mia Member' };
const stranger = { tenantId: TENANT, userId: '29:sam', aadObjectId: 'sam', name: 'Sam' };
const admin = { tenantId: TENANT, userId: '29:ada', aadObjectId: 'ada-admin', name: 'Ada Admin' };
const APPROVED_AT = new Date('2026-03-03T11:00:00Z');

const id = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function plan(n: number, state: PlanState, overrides: Partial<Plan> = {}): Plan {
  return {
    ...parsePlanForm(validPlanForm(), { complete: true, today: '2026-01-05' }),
    title: `Plan ${n}`,
    tenantId: TENANT,
    planId: id(n),
    state,
    owner: 'owen',
    ownerUserId: '29:owen',
    teamId: TEAM,
    createdAt: new Date(Date.UTC(2026, 0, n)),
    updatedAt: new Date(Date.UTC(2026, 0, n)),
    roundCount: 1,
    findings: '',
    ...overrides
  };
}

const group: WorkingGroup = {
  tenantId: TENANT,
  teamId: TEAM,
  name: 'the SEND working group',
  channel: { tenantId: TENANT, serviceUrl: 'https://x', channelId: 'msteams', conversationId: TEAM, conversationType: 'channel', botId: 'b', updatedAt: '' },
  members: [{ key: 'mia', name: 'Mia Member', userId: '29:mia' }],
  chair: 'mia',
  rule: { kind: 'all' },
  memberSource: 'named',
  updatedBy: 'mia',
  updatedAt: new Date()
};

function setup(plans: Plan[]) {
  let settings: DeliverySettings = withDefaults({});
  const audit: AuditEntry[] = [];
  const round = (planId: string): ApprovalRound =>
    ({ tenantId: TENANT, roundId: `plan-${planId}-r1`, subjectType: 'plan', subjectId: planId, number: 1, status: 'closed', outcome: 'approved', closedAt: APPROVED_AT }) as ApprovalRound;
  const gate = new EngagementGate({
    plans: {
      get: async (_t, planId) => plans.find((p) => p.planId === planId),
      listAll: async () => plans
    },
    approvals: {
      group: async (_t, teamId) => (teamId === TEAM ? group : undefined),
      groups: async () => [group],
      roundsOf: async (_t, planId) => {
        const p = plans.find((x) => x.planId === planId);
        return p && p.state !== 'draft' && p.state !== 'submitted' ? [round(planId)] : [];
      }
    },
    settings: {
      get: async () => settings,
      update: async (_t, change) => (settings = withDefaults(change(settings)))
    },
    audit: { append: async (entry) => void audit.push(entry), list: async () => audit },
    clock: new ManualClock('2026-03-10T10:00:00Z'),
    admins: { admins: ['ada-admin'], localMode: false }
  });
  return { gate, audit };
}

const survey = (cohort: Survey['cohort'], planId?: string): Survey =>
  ({ tenantId: TENANT, surveyId: id(99), cohort, planId, title: 'How was the club?', timeZone: 'Europe/London' }) as Survey;

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the approval gate', () => {
  it('young people and parent carers are engagement; staff are not', () => {
    expect(['youngPeople', 'parentCarers', 'staff'].map((c) => isEngagement({ cohort: c as Survey['cohort'] }))).toEqual([true, true, false]);
  });

  it('needs no plan for a staff survey', async () => {
    const { gate } = setup([]);
    await expect(gate.check(survey('staff'), 'publish')).resolves.toBeUndefined();
  });

  it('refuses a young people’s survey with no plan, telling the author to choose one', async () => {
    const { gate } = setup([]);
    const error = await refusal(gate.check(survey('youngPeople'), 'publish'));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('This survey is for young people: it can be published only under an engagement plan the working group has approved.');
    expect(error.message).toContain('Choose its plan');
  });

  it('refuses sending or a session while the plan waits, naming the plan, its state and what to do', async () => {
    const { gate } = setup([plan(1, 'submitted')]);
    const sent = await refusal(gate.check(survey('parentCarers', id(1)), 'send'));
    expect(sent.code).toBe('forbidden');
    expect(sent.message).toBe(
      'The plan "Plan 1" is waiting for the working group: a survey can be sent only once the working group has approved it. Wait for the working group’s decision ("plans" shows where it is).'
    );
    expect((await refusal(gate.check(survey('youngPeople', id(1)), 'session'))).message).toContain('can be run in a session only once');
  });

  it('refuses a plan that no longer exists, and one whose activity has ended', async () => {
    const { gate } = setup([plan(2, 'loopClosed')]);
    expect((await refusal(gate.check(survey('youngPeople', id(7)), 'publish'))).message).toContain('no longer exists');
    expect((await refusal(gate.check(survey('youngPeople', id(2)), 'publish'))).message).toContain('Its activity has ended');
  });

  it('lets an approved (or live) plan’s survey go out, with who approved it and when', async () => {
    const { gate } = setup([plan(3, 'approved'), plan(4, 'live')]);
    const approval = await gate.check(survey('youngPeople', id(3)), 'publish');
    expect(approval).toEqual({ groupName: 'the SEND working group', approvedAt: APPROVED_AT });
    expect(approvalLine(approval!, 'Europe/London')).toBe('Approved by the SEND working group on 3 March');
    await expect(gate.check(survey('parentCarers', id(4)), 'send')).resolves.toBeDefined();
  });

  it('the date is the survey’s own: late on 2 March in London is 3 March in Auckland', () => {
    const approval = { groupName: 'G', approvedAt: new Date('2026-03-02T20:00:00Z') };
    expect(approvalLine(approval, 'Europe/London')).toBe('Approved by G on 2 March');
    expect(approvalLine(approval, 'Pacific/Auckland')).toBe('Approved by G on 3 March');
  });

  it('is off only when an administrator turns it off; each change is audited once', async () => {
    const { gate, audit } = setup([]);
    expect(await gate.isOn(TENANT)).toBe(true);
    const refused = await refusal(gate.set(owen, false));
    expect(refused.code).toBe('forbidden');
    expect(refused.message).toContain('Only VoiceLoop administrators');
    expect(await gate.isOn(TENANT)).toBe(true);
    expect(audit).toEqual([]);

    expect(await gate.set(admin, false)).toEqual({ changed: true });
    expect(await gate.set(admin, false)).toEqual({ changed: false });
    expect(await gate.isOn(TENANT)).toBe(false);
    await expect(gate.check(survey('youngPeople'), 'publish')).resolves.toBeUndefined();
    expect(audit.map((a) => [a.action, a.actor, a.subjectType])).toEqual([['engagement.gate.off', 'ada-admin', 'tenant']]);

    await gate.set(admin, true);
    expect(await gate.isOn(TENANT)).toBe(true);
    expect(audit.map((a) => a.action)).toEqual(['engagement.gate.off', 'engagement.gate.on']);
  });

  it('offers the author’s plans and their working groups’, newest first; refuses anyone else’s', async () => {
    const others = plan(6, 'approved', { owner: 'sam', teamId: '19:other-team' });
    const { gate } = setup([plan(1, 'draft'), plan(5, 'approved'), others]);
    expect((await gate.plansFor(owen)).map((p) => p.title)).toEqual(['Plan 5', 'Plan 1']);
    // Mia owns none of them but sits on the SEND working group.
    expect((await gate.plansFor(mia)).map((p) => p.title)).toEqual(['Plan 5', 'Plan 1']);
    expect(await gate.plansFor(stranger)).toEqual([others]);
    await expect(gate.checkPlan(mia, id(5))).resolves.toBeUndefined();
    const error = await refusal(gate.checkPlan(owen, id(6)));
    expect(error.fields.planId).toContain('not one of yours or your working groups');
    expect((await refusal(gate.checkPlan(owen, 'not-an-id'))).code).toBe('invalid_input');
  });

  it('describes a draft’s plan on the author’s card', async () => {
    const { gate } = setup([plan(1, 'submitted'), plan(3, 'approved')]);
    expect(await gate.describe(survey('staff'))).toBeUndefined();
    expect((await gate.describe(survey('youngPeople')))?.tone).toBe('attention');
    expect(await gate.describe(survey('youngPeople', id(1)))).toEqual({
      text: '🗂️ Plan "Plan 1": waiting for the working group. It can be published once the working group has approved it.',
      tone: 'attention'
    });
    expect(await gate.describe(survey('youngPeople', id(3)))).toEqual({ text: '🗂️ Plan "Plan 3": Approved by the SEND working group on 3 March.', tone: 'good' });
  });

  it('says what to do for each state a plan can be refused in', () => {
    expect(() => checkSurveyMayBePublished({ state: 'draft', title: 'T' })).toThrow(/Finish the plan and send it to the working group/);
    expect(() => checkSurveyMayBePublished({ state: 'changesRequested', title: 'T' }, 'sent')).toThrow(/can be sent only once.*asked for changes/);
  });
});
