/**
 * Wires engagement plans (docs/approvals.md): the plan repository (counted in the digest aggregate),
 * the service, who may find a plan in search, and the approval gate on surveys.
 */
import type { ApprovalService } from '../domain/approvals/approval-service';
import type { DeliverySettingsRepository } from '../domain/delivery/ports';
import { plansWithAggregates } from '../domain/digests/aggregates';
import { EngagementGate } from '../domain/plans/engagement-gate';
import type { Findings } from '../domain/findings/findings';
import { DEFAULT_LADDER } from '../domain/plans/ladder';
import { LadderSetting } from '../domain/plans/ladder-setting';
import type { Plan } from '../domain/plans/plan';
import { PlanService } from '../domain/plans/plan-service';
import { type VisibilityRule, once } from '../domain/search/search';
import { personKey } from '../domain/shared/conversation';
import type { SurveyService } from '../domain/surveys/survey-service';
import { TablePlanRepository } from '../storage/plans/plan-repository';
import { TABLES } from '../storage/shared/keys';
import type { Shared } from './shared';

/** A plan is visible in search to its owner and to the members of the working group that approves it. */
export function planVisibility(approvals: Pick<ApprovalService, 'group'>): VisibilityRule {
  return async (item, viewer, _conversationId, memo) => {
    if (item.ownerKey === personKey(viewer)) return true;
    const teamId = item.teamId;
    const group = teamId ? await once(memo, `group|${teamId}`, () => approvals.group(item.tenantId, teamId)) : undefined;
    return group?.members.some((m) => m.key === personKey(viewer)) ?? false;
  };
}

export function createPlans(shared: Shared, approvals: ApprovalService) {
  const repository = new TablePlanRepository(shared.tables.client(TABLES.plans));
  shared.search.registerKind('plan', planVisibility(approvals));
  // Set once the tenant's policy row and the findings exist (they are built after plans: see app.ts).
  let ladder: LadderSetting | undefined;
  let listFindings: ((tenantId: string) => Promise<Findings[]>) | undefined;
  const service = new PlanService({
    plans: plansWithAggregates(repository, shared.aggregates),
    approvals,
    audit: shared.audit,
    clock: shared.clock,
    search: shared.search,
    ladder: {
      ladderOf: async (tenantId) => (ladder ? ladder.ladderOf(tenantId) : DEFAULT_LADDER),
      set: async (actor, id) => {
        if (!ladder) throw new Error('the council ladder is not wired');
        return ladder.set(actor, id);
      }
    },
    findingsPublished: async (tenantId, planId) => ((await listFindings?.(tenantId)) ?? []).some((f) => f.planId === planId && f.state === 'published')
  });
  return {
    service,
    /** Every plan of a tenant (the participation audit reads them all). */
    listAll: (tenantId: string): Promise<Plan[]> => repository.listAll(tenantId),
    /**
     * The approval gate (docs/approvals.md): surveys for young people and parent carers are published,
     * sent and run in sessions only under an approved plan; its on/off is kept with the tenant's policy.
     */
    gateSurveys(surveys: SurveyService, settings: DeliverySettingsRepository): EngagementGate {
      const gate = new EngagementGate({ plans: repository, approvals, settings, audit: shared.audit, clock: shared.clock, admins: shared.admins });
      surveys.setPlanGate(gate);
      // The council's ladder lives in the same policy row (docs/approvals.md, "The council's ladder").
      ladder = new LadderSetting({ settings, audit: shared.audit, clock: shared.clock, admins: shared.admins });
      return gate;
    },
    /** The impact review may be written once findings for the plan are published (docs/approvals.md). */
    linkFindings(list: (tenantId: string) => Promise<Findings[]>): void {
      listFindings = list;
    }
  };
}
