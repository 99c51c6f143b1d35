/**
 * Wires "You said, we did" findings (docs/findings.md): the findings repository (counted in the digest
 * aggregate), the service with its cards and easy-read check, who may find published findings in
 * search, and the job that sends them 1:1 in allowed hours.
 */
import { findingsEasyCard, findingsFollowUpCard, findingsSentCard, findingsStandardCard } from '../cards/findings/findings-cards';
import { checkEasyRead } from '../cards/shared/easy-read';
import type { ApprovalService } from '../domain/approvals/approval-service';
import type { DeliverySettingsRepository } from '../domain/delivery/ports';
import { findingsWithAggregates } from '../domain/digests/aggregates';
import type { Findings } from '../domain/findings/findings';
import { FINDINGS_SEND_JOB, FindingsService } from '../domain/findings/findings-service';
import type { PlanService } from '../domain/plans/plan-service';
import { ownerOrConversation } from '../domain/search/search';
import type { SurveyService } from '../domain/surveys/survey-service';
import type { Scheduler } from '../scheduler/scheduler';
import { TableFindingsRepository, listAllFindings } from '../storage/findings/findings-repository';
import { TABLES } from '../storage/shared/keys';
import type { Shared } from './shared';

export interface FindingsNeeds {
  surveys: SurveyService;
  plans: PlanService;
  approvals: ApprovalService;
  /** The tenant's allowed hours for 1:1 sends. */
  deliverySettings: DeliverySettingsRepository;
}

export function createFindings(shared: Shared, needs: FindingsNeeds) {
  const table = shared.tables.client(TABLES.findings);
  const service = new FindingsService({
    findings: findingsWithAggregates(new TableFindingsRepository(table), shared.aggregates),
    surveys: needs.surveys,
    plans: needs.plans,
    approvals: needs.approvals,
    conversations: shared.conversations,
    sender: shared.proactive,
    due: shared.due,
    audit: shared.audit,
    clock: shared.clock,
    cards: { standard: findingsStandardCard, easy: findingsEasyCard, followUp: findingsFollowUpCard, sentReport: findingsSentCard },
    checkEasyRead,
    allowedHours: async (tenantId) => (await needs.deliverySettings.get(tenantId)).allowedHours,
    withheld: shared.withheld,
    search: shared.search
  });
  // Published findings are found by their owner and in the channel they went to.
  shared.search.registerKind('summary', ownerOrConversation);
  return {
    service,
    /** Every findings of a tenant (the participation audit reads them all). */
    listAll: (tenantId: string): Promise<Findings[]> => listAllFindings(table, tenantId),
    registerJobs(scheduler: Scheduler): void {
      scheduler.register(FINDINGS_SEND_JOB, (item) => service.runSend(item));
    }
  };
}
