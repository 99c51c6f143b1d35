import type { Plan } from './plan';
/** Repository interfaces ("ports") of Engagement plans; src/storage/plans implements them. */
export interface PlanRepository {
  /** `conflict` if the id is taken (a double-clicked "Save"). */
  create(plan: Plan): Promise<Plan>;
  get(tenantId: string, planId: string): Promise<Plan | undefined>;
  /** `conflict` if the plan changed since it was read (ETag). */
  save(plan: Plan): Promise<Plan>;
  remove(tenantId: string, planId: string): Promise<void>;
  listByOwner(tenantId: string, owner: string): Promise<Plan[]>;
  /** Every plan of the tenant (the participation audit; the plans a survey may belong to). */
  listAll(tenantId: string): Promise<Plan[]>;
}
