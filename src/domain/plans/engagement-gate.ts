/**
 * The approval gate (docs/approvals.md, "The approval gate"): a survey for young people or parent carers
 * is an engagement activity. It belongs to an engagement plan, and it is published (or scheduled), sent
 * 1:1 or run in a session only once the working group has approved that plan. Staff surveys and polls
 * are not engagement activities. An administrator can turn the gate off for a council that governs its
 * engagement elsewhere (audited); it is on by default.
 */
import type { ApprovalService } from '../approvals/approval-service';
import type { DeliverySettingsRepository } from '../delivery/ports';
import { type AdminPolicy, requireAdmin } from '../privacy/privacy';
import type { Clock } from '../shared/clock';
import { type Actor, personKey } from '../shared/conversation';
import { DomainError } from '../shared/errors';
import type { AuditLog } from '../shared/ports';
import { COHORT_LABELS, type PlanApproval, type Survey, approvalLine, isEngagement } from '../surveys/survey';
import type { GoingOut, SurveyPlanGate } from '../surveys/survey-service';
import { type GatedAction, type Plan, STATE_LABELS, checkSurveyMayBePublished, maySurveyBePublished } from './plan';
import type { PlanRepository } from './ports';

const PLAN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const WORDS: Record<GoingOut, GatedAction> = { publish: 'published', send: 'sent', session: 'run in a session' };
/** The button on the author's survey card that attaches a plan (src/cards/surveys). */
export const CHOOSE_PLAN = 'Choose its plan';

export interface EngagementGateDeps {
  plans: Pick<PlanRepository, 'get' | 'listAll'>;
  approvals: Pick<ApprovalService, 'group' | 'groups' | 'roundsOf'>;
  /** The tenant's policy row, where the gate's on/off is kept. */
  settings: DeliverySettingsRepository;
  audit: AuditLog;
  clock: Clock;
  admins: AdminPolicy;
}

/** What the author's survey card says about its plan. */
export interface PlanNote {
  text: string;
  tone: 'good' | 'attention' | 'default';
}

export class EngagementGate implements SurveyPlanGate {
  constructor(private readonly deps: EngagementGateDeps) {}

  async isOn(tenantId: string): Promise<boolean> {
    return (await this.deps.settings.get(tenantId)).engagementGate !== false;
  }

  /** Administrators turn the gate on or off; a change is audited. `changed` is false when it already was so. */
  async set(actor: Actor, on: boolean): Promise<{ changed: boolean }> {
    requireAdmin(this.deps.admins, actor);
    let changed = false;
    await this.deps.settings.update(actor.tenantId, (current) => {
      const { engagementGate: _was, ...rest } = current;
      changed = (current.engagementGate !== false) !== on;
      return on ? rest : { ...rest, engagementGate: false };
    });
    if (changed) {
      await this.deps.audit.append({
        tenantId: actor.tenantId,
        at: this.deps.clock.now(),
        actor: personKey(actor),
        actorName: actor.name,
        action: on ? 'engagement.gate.on' : 'engagement.gate.off',
        subjectType: 'tenant',
        subjectId: actor.tenantId,
        detail: on
          ? 'Approval gate on: surveys for young people and parent carers need an approved plan.'
          : 'Approval gate off: surveys for young people and parent carers go out without an approved plan.'
      });
    }
    return { changed };
  }

  /** Plans the author may attach a survey to: their own and their working groups', newest first. */
  async plansFor(actor: Actor): Promise<Plan[]> {
    const key = personKey(actor);
    // One partition read of the tenant's plans: the participation audit reads the same.
    const [plans, groups] = await Promise.all([this.deps.plans.listAll(actor.tenantId), this.deps.approvals.groups(actor.tenantId)]);
    const teams = new Set(groups.filter((g) => g.chair === key || g.members.some((m) => m.key === key)).map((g) => g.teamId));
    return plans.filter((p) => p.owner === key || teams.has(p.teamId)).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  }

  /** Refuses a plan the author may not attach: unknown, another tenant's, or neither theirs nor their working group's. */
  async checkPlan(actor: Actor, planId: string): Promise<void> {
    const plan = PLAN_ID.test(planId) ? await this.deps.plans.get(actor.tenantId, planId.toLowerCase()) : undefined;
    const key = personKey(actor);
    const group = plan && plan.owner !== key ? await this.deps.approvals.group(actor.tenantId, plan.teamId) : undefined;
    if (!plan || (plan.owner !== key && !(group && (group.chair === key || group.members.some((m) => m.key === key))))) {
      const message = 'That plan is not one of yours or your working groups’. Choose one from the list, or type "plan new" to write one.';
      throw new DomainError('invalid_input', message, { planId: message });
    }
  }

  /**
   * The gate itself: refuses an engagement survey whose plan is missing or not approved (while the gate
   * is on); otherwise gives its plan's approval, if the plan is approved, for the survey's cards.
   */
  async check(survey: Survey, action: GoingOut): Promise<PlanApproval | undefined> {
    const [plan, gated] = await Promise.all([this.planOf(survey), isEngagement(survey) ? this.isOn(survey.tenantId) : false]);
    if (gated) {
      const who = COHORT_LABELS[survey.cohort].toLowerCase();
      if (!survey.planId) {
        throw new DomainError(
          'invalid_input',
          `This survey is for ${who}: it can be ${WORDS[action]} only under an engagement plan the working group has approved. Choose the plan it is for ("${CHOOSE_PLAN}" on the survey card), or type "plan new" to write one.`
        );
      }
      if (!plan) throw new DomainError('invalid_input', `The plan this survey was for no longer exists. Choose another ("${CHOOSE_PLAN}" on the survey card).`);
      checkSurveyMayBePublished(plan, WORDS[action]);
    }
    return plan ? this.approvalOf(plan) : undefined;
  }

  /** The working group's approval of the plan while it stands (approved or live): who, and when. */
  async approvalOf(plan: Plan): Promise<PlanApproval | undefined> {
    if (!maySurveyBePublished(plan)) return undefined;
    const [rounds, group] = await Promise.all([this.deps.approvals.roundsOf(plan.tenantId, plan.planId), this.deps.approvals.group(plan.tenantId, plan.teamId)]);
    const round = rounds.filter((r) => r.subjectType === 'plan' && r.outcome === 'approved' && r.closedAt).at(-1);
    return round?.closedAt ? { groupName: group?.name ?? 'the working group', approvedAt: round.closedAt } : undefined;
  }

  /** For a draft's card: its plan and the plan's state, or that it needs one. Empty for a staff survey with no plan. */
  async describe(survey: Survey): Promise<PlanNote | undefined> {
    const [plan, gated] = await Promise.all([this.planOf(survey), isEngagement(survey) ? this.isOn(survey.tenantId) : false]);
    if (!survey.planId) {
      if (!gated) return undefined;
      return { text: '🗂️ No engagement plan yet: choose the plan this survey is for. It can be published once the working group has approved it.', tone: 'attention' };
    }
    if (!plan) return { text: '🗂️ Its plan no longer exists: choose another.', tone: 'attention' };
    const approval = await this.approvalOf(plan);
    if (approval) return { text: `🗂️ Plan "${plan.title}": ${approvalLine(approval, survey.timeZone)}.`, tone: 'good' };
    const wait = gated ? ' It can be published once the working group has approved it.' : '';
    return { text: `🗂️ Plan "${plan.title}": ${STATE_LABELS[plan.state].toLowerCase()}.${wait}`, tone: gated ? 'attention' : 'default' };
  }

  private async planOf(survey: Survey): Promise<Plan | undefined> {
    return survey.planId && PLAN_ID.test(survey.planId) ? this.deps.plans.get(survey.tenantId, survey.planId) : undefined;
  }
}
