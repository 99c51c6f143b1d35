/**
 * Wires engagement plans (docs/approvals.md): the plan repository (counted in the digest aggregate),
 * the service, who may find a plan in search, and the approval gate on surveys.
 */
import type { ApprovalService } from '../domain/approvals/approval-service';
import type { DeliverySettingsRepository } from '../domain/delivery/ports';
import { plansWithAggregates } from '../domain/digests/aggregates';
import { EngagementGate } from '../domain/plans/engagement-gate';
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
  return {
    service: new PlanService({ plans: plansWithAggregates(repository, shared.aggregates), approvals, audit: shared.audit, clock: shared.clock, search: shared.search }),
    /** Every plan of a tenant (the participation audit reads them all). */
    listAll: (tenantId: string): Promise<Plan[]> => repository.listAll(tenantId),
    /**
     * The approval gate (docs/approvals.md): surveys for young people and parent carers are published,
     * sent and run in sessions only under an approved plan; its on/off is kept with the tenant's policy.
     */
    gateSurveys(surveys: SurveyService, settings: DeliverySettingsRepository): EngagementGate {
      const gate = new EngagementGate({ plans: repository, approvals, settings, audit: shared.audit, clock: shared.clock, admins: shared.admins });
      surveys.setPlanGate(gate);
      return gate;
    }
  };
}
