/**
 * The impact review on Azurite (docs/approvals.md, "Strategic outcome and impact review"): ETag-safe
 * against the owner's other changes to the plan and against itself; nothing lost, nothing half way.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ApprovalService } from '../../src/domain/approvals/approval-service';
import type { ApprovalNotifier } from '../../src/domain/approvals/ports';
import { type Plan, parsePlanForm } from '../../src/domain/plans/plan';
import { PlanService } from '../../src/domain/plans/plan-service';
import { ManualClock } from '../../src/domain/shared/clock';
import type { Actor } from '../../src/domain/shared/conversation';
import type { DomainError } from '../../src/domain/shared/errors';
import { TableApprovalRoundRepository, TableWorkingGroupRepository } from '../../src/storage/approvals/approval-repository';
import { TablePlanRepository } from '../../src/storage/plans/plan-repository';
import { TableAuditLog } from '../../src/storage/shared/audit-repository';
import { TableDueItemRepository } from '../../src/storage/shared/due-item-repository';
import { TABLES } from '../../src/storage/shared/keys';
import { Tables } from '../../src/storage/shared/tables';
import { validPlanForm } from '../helpers/plan-fixtures';

let tables: Tables;
beforeAll(async () => {
  tables = new Tables({ kind: 'connectionString', connectionString: inject('storageConnectionString') });
  await tables.ensureAll();
});

/** Sends nothing: no round is opened in these tests. */
const quiet: ApprovalNotifier = {
  postRound: async () => 'a',
  updateRound: async () => undefined,
  remind: async () => ({ delivered: true, activityId: 'x' }),
  escalate: async () => ({ delivered: true, activityId: 'x' }),
  tellOwner: async () => ({ delivered: true, activityId: 'x' })
};

async function setup(state: Plan['state']) {
  const tenantId = randomUUID();
  const clock = new ManualClock('2026-01-05T10:00:00Z');
  const audit = new TableAuditLog(tables.client(TABLES.audit));
  const repo = new TablePlanRepository(tables.client(TABLES.plans));
  const approvals = new ApprovalService({
    rounds: new TableApprovalRoundRepository(tables.client(TABLES.approvals)),
    groups: new TableWorkingGroupRepository(tables.client(TABLES.approvals)),
    audit,
    due: new TableDueItemRepository(tables.client(TABLES.dueItems)),
    notifier: quiet,
    clock,
    jobKinds: { reminder: `test.r.${randomUUID()}`, escalation: `test.e.${randomUUID()}` }
  });
  const plans = new PlanService({ plans: repo, approvals, audit, clock });
  const owner: Actor = { tenantId, userId: '29:o', aadObjectId: 'owner', name: 'Owner' };
  const plan = await repo.create({
    ...parsePlanForm(validPlanForm({ ladder: 'participation' }), { complete: true, today: '2026-01-05', ladder: 'westSussex' }),
    tenantId,
    planId: randomUUID(),
    state,
    owner: 'owner',
    ownerName: 'Owner',
    ownerUserId: '29:o',
    teamId: 'team-1',
    createdAt: clock.now(),
    updatedAt: clock.now(),
    roundCount: 2,
    findings: 'Key findings.'
  });
  return { tenantId, repo, plans, owner, plan, audit, clock };
}

const review = (n: number) => ({ impact_changed: `Change ${n}`, impact_evidence: `Evidence ${n}`, impact_next: `Next ${n}` });

describe('impact review on Azurite', () => {
  it('keeps the ladder, strategic outcome and review through the row', async () => {
    const s = await setup('findingsApproved');
    const saved = await s.plans.reviewImpact(s.tenantId, s.plan.planId, s.owner, review(1));
    const read = await s.repo.get(s.tenantId, s.plan.planId);
    expect(read).toMatchObject({ ladderId: 'westSussex', ladder: 'participation', strategicOutcome: s.plan.strategicOutcome });
    expect(read?.impactReview).toEqual({ changed: 'Change 1', evidence: 'Evidence 1', next: 'Next 1', by: 'owner', byName: 'Owner', at: s.clock.now() });
    expect(saved.etag).toBe(read?.etag);
  });

  it('a review racing the owner closing the loop: the review always lands, and never undoes the close', async () => {
    for (let i = 0; i < 3; i++) {
      const s = await setup('findingsApproved');
      const [closed, reviewed] = await Promise.allSettled([
        s.plans.act(s.tenantId, s.plan.planId, s.owner, 'closeLoop'),
        s.plans.reviewImpact(s.tenantId, s.plan.planId, s.owner, review(1))
      ]);
      expect(reviewed.status).toBe('fulfilled');
      const read = await s.repo.get(s.tenantId, s.plan.planId);
      expect(read?.impactReview?.changed).toBe('Change 1');
      // The close either landed (and the review was applied to the closed plan) or was refused as a conflict (the
      // owner is told to try again): never a closed plan without the review, or a review that reopened it.
      if (closed.status === 'fulfilled') expect(read?.state).toBe('loopClosed');
      else {
        expect((closed.reason as DomainError).code).toBe('conflict');
        expect(read?.state).toBe('findingsApproved');
      }
    }
  });

  it('simultaneous revisions: each is applied to the fresh plan, one stands, each audited once', async () => {
    const s = await setup('loopClosed');
    await Promise.all([1, 2, 3].map((n) => s.plans.reviewImpact(s.tenantId, s.plan.planId, s.owner, review(n))));
    const read = await s.repo.get(s.tenantId, s.plan.planId);
    expect(['Change 1', 'Change 2', 'Change 3']).toContain(read?.impactReview?.changed);
    // The three texts stay together: never one review's change with another's evidence.
    const n = read!.impactReview!.changed.slice(-1);
    expect(read?.impactReview).toMatchObject({ evidence: `Evidence ${n}`, next: `Next ${n}` });
    const actions = (await s.audit.list(s.tenantId, { subjectId: s.plan.planId })).map((e) => e.action).sort();
    expect(actions).toEqual(['plan.impactReviewed', 'plan.impactRevised', 'plan.impactRevised']);
  });

  it('too early or not the owner: refused, nothing stored', async () => {
    const s = await setup('live');
    await expect(s.plans.reviewImpact(s.tenantId, s.plan.planId, s.owner, review(1))).rejects.toThrow('once the loop is closed');
    const other: Actor = { ...s.owner, userId: '29:x', aadObjectId: 'someone-else' };
    const closed = await setup('loopClosed');
    await expect(closed.plans.reviewImpact(closed.tenantId, closed.plan.planId, { ...other, tenantId: closed.tenantId }, review(1))).rejects.toThrow('Only the person who wrote this plan');
    expect((await s.repo.get(s.tenantId, s.plan.planId))?.impactReview).toBeUndefined();
    expect((await closed.repo.get(closed.tenantId, closed.plan.planId))?.impactReview).toBeUndefined();
  });
});
