import type { TableClient } from '@azure/data-tables';
import type { PlanRepository } from '../../domain/plans/ports';
import type { ImpactReview, Plan, PlanDraft } from '../../domain/plans/plan';
import { planKeys } from '../shared/keys';
import { RemovableEntityTable, type RowOf, pick } from '../shared/entity-table';

/** What a plan's row holds as the plan has it. */
const COLUMNS = ['planId', 'title', 'owner', 'ownerName', 'ownerUserId', 'teamId', 'roundCount'] as const;

/** The rest of the form (purpose, levels, Lundy checklist, …): one JSON column. */
type Details = Omit<PlanDraft, 'title'>;
const DETAILS = [
  'purpose', 'level', 'serviceArea', 'cohorts', 'startDate', 'endDate', 'ladder',
  'hartRung', 'lundy', 'adjustments', 'adjustmentsNote', 'decisionMaker', 'feedbackBy',
  'inPerson', 'venue', 'supervision', 'consent', 'leadOnTheDay', 'ladderId', 'strategicOutcome'
] as const;

/** The impact review, kept whole in its own column (its date as ISO); '' when none yet. */
const reviewToColumn = (review: ImpactReview | undefined): string => (review ? JSON.stringify({ ...review, at: review.at.toISOString() }) : '');
function reviewFromColumn(column: string | undefined): ImpactReview | undefined {
  if (!column) return undefined;
  const stored = JSON.parse(column) as Omit<ImpactReview, 'at'> & { at: string };
  return { ...stored, at: new Date(stored.at) };
}

function toEntity(plan: Plan) {
  const details: Details = pick(plan, DETAILS);
  return {
    ...pick(plan, COLUMNS),
    state: plan.state,
    details: JSON.stringify(details),
    findings: plan.findings,
    impactReview: reviewToColumn(plan.impactReview),
    createdAt: plan.createdAt.toISOString(),
    updatedAt: plan.updatedAt.toISOString(),
    currentRoundId: plan.currentRoundId ?? ''
  };
}

function fromEntity(e: RowOf<typeof toEntity>, tenantId: string): Plan {
  return {
    ...(JSON.parse(e.details) as Details),
    ...pick(e, COLUMNS),
    tenantId,
    state: e.state as Plan['state'],
    findings: e.findings ?? '',
    impactReview: reviewFromColumn(e.impactReview),
    createdAt: new Date(e.createdAt),
    updatedAt: new Date(e.updatedAt),
    currentRoundId: e.currentRoundId || undefined,
    etag: e.etag
  };
}

/** Engagement plans on Azure Tables: a row per plan in the tenant's partition, ETag-guarded updates. */
export class TablePlanRepository extends RemovableEntityTable<Plan, ReturnType<typeof toEntity>> implements PlanRepository {
  constructor(table: TableClient) {
    super(table, {
      key: planKeys.plan,
      idOf: (plan) => plan.planId,
      toEntity,
      fromEntity,
      exists: 'This plan has already been saved.',
      changed: 'This plan was changed by someone else. Please try again.',
      deleted: 'This plan was deleted meanwhile.'
    });
  }

  /** Every plan of the tenant (one partition query): the annual participation audit only. */
  async listAll(tenantId: string): Promise<Plan[]> {
    return (await this.listPartition(planKeys.plansPartition(tenantId))).map((e) => fromEntity(e, tenantId));
  }

  async listByOwner(tenantId: string, owner: string): Promise<Plan[]> {
    return (await this.listPartition(planKeys.plansPartition(tenantId), { owner })).map((e) => fromEntity(e, tenantId));
  }
}
