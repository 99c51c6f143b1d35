import { type TableClient, type TableEntityResult, odata } from '@azure/data-tables';
import type { PlanRepository } from '../../domain/plans/ports';
import type { Plan, PlanDraft } from '../../domain/plans/plan';
import { planKeys } from '../shared/keys';
import { createRow, getRow, removeRow, saveRowIfMatch } from '../shared/rows';

interface PlanEntity {
  partitionKey: string;
  rowKey: string;
  planId: string;
  title: string;
  state: string;
  owner: string;
  ownerName?: string;
  ownerUserId: string;
  teamId: string;
  /** The rest of the form (purpose, levels, Lundy checklist, …) as JSON. */
  details: string;
  findings: string;
  createdAt: string;
  updatedAt: string;
  roundCount: number;
  currentRoundId?: string;
}

type Details = Omit<PlanDraft, 'title'>;

function toEntity(plan: Plan): PlanEntity {
  const details: Details = {
    purpose: plan.purpose,
    level: plan.level,
    serviceArea: plan.serviceArea,
    cohorts: plan.cohorts,
    startDate: plan.startDate,
    endDate: plan.endDate,
    ladder: plan.ladder,
    hartRung: plan.hartRung,
    lundy: plan.lundy,
    adjustments: plan.adjustments,
    adjustmentsNote: plan.adjustmentsNote,
    decisionMaker: plan.decisionMaker,
    feedbackBy: plan.feedbackBy
  };
  return {
    ...planKeys.plan(plan.tenantId, plan.planId),
    planId: plan.planId,
    title: plan.title,
    state: plan.state,
    owner: plan.owner,
    ownerName: plan.ownerName,
    ownerUserId: plan.ownerUserId,
    teamId: plan.teamId,
    details: JSON.stringify(details),
    findings: plan.findings,
    createdAt: plan.createdAt.toISOString(),
    updatedAt: plan.updatedAt.toISOString(),
    roundCount: plan.roundCount,
    currentRoundId: plan.currentRoundId ?? ''
  };
}

function fromEntity(tenantId: string, e: TableEntityResult<PlanEntity>): Plan {
  return {
    ...(JSON.parse(e.details) as Details),
    tenantId,
    planId: e.planId,
    title: e.title,
    state: e.state as Plan['state'],
    owner: e.owner,
    ownerName: e.ownerName,
    ownerUserId: e.ownerUserId,
    teamId: e.teamId,
    findings: e.findings ?? '',
    createdAt: new Date(e.createdAt),
    updatedAt: new Date(e.updatedAt),
    roundCount: e.roundCount,
    currentRoundId: e.currentRoundId || undefined,
    etag: e.etag
  };
}

/** Engagement plans on Azure Tables: a row per plan in the tenant's partition, ETag-guarded updates. */
export class TablePlanRepository implements PlanRepository {
  constructor(private readonly table: TableClient) {}

  async create(plan: Plan): Promise<Plan> {
    return { ...plan, etag: await createRow(this.table, toEntity(plan), 'This plan has already been saved.') };
  }

  async get(tenantId: string, planId: string): Promise<Plan | undefined> {
    const e = await getRow<PlanEntity>(this.table, planKeys.plan(tenantId, planId));
    return e ? fromEntity(tenantId, e) : undefined;
  }

  async save(plan: Plan): Promise<Plan> {
    const etag = await saveRowIfMatch(this.table, toEntity(plan), plan.etag, {
      changed: 'This plan was changed by someone else. Please try again.',
      deleted: 'This plan was deleted meanwhile.'
    });
    return { ...plan, etag };
  }

  async remove(tenantId: string, planId: string): Promise<void> {
    await removeRow(this.table, planKeys.plan(tenantId, planId));
  }

  /** Every plan of the tenant (one partition query): the annual participation audit only. */
  async listAll(tenantId: string): Promise<Plan[]> {
    const partitionKey = planKeys.plansPartition(tenantId);
    const out: Plan[] = [];
    for await (const e of this.table.listEntities<PlanEntity>({ queryOptions: { filter: odata`PartitionKey eq ${partitionKey}` } })) {
      if (e.partitionKey === partitionKey) out.push(fromEntity(tenantId, e));
    }
    return out;
  }

  async listByOwner(tenantId: string, owner: string): Promise<Plan[]> {
    const partitionKey = planKeys.plansPartition(tenantId);
    const filter = odata`PartitionKey eq ${partitionKey} and owner eq ${owner}`;
    const out: Plan[] = [];
    for await (const e of this.table.listEntities<PlanEntity>({ queryOptions: { filter } })) {
      // Checked again here: the local emulator has been seen returning rows of other partitions.
      if (e.partitionKey === partitionKey && e.owner === owner) out.push(fromEntity(tenantId, e));
    }
    return out;
  }
}
