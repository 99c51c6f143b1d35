/** Plans with the approval mechanism on Azurite: nothing half way when Teams fails, ETags on plans. */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { ApprovalNotifier } from '../../src/domain/approvals/ports';
import { ApprovalService } from '../../src/domain/approvals/approval-service';
import { ManualClock } from '../../src/domain/shared/clock';
import type { Actor } from '../../src/domain/shared/conversation';
import { DomainError } from '../../src/domain/shared/errors';
import { PlanService } from '../../src/domain/plans/plan-service';
import { TableApprovalRoundRepository, TableWorkingGroupRepository } from '../../src/storage/approvals/approval-repository';
import { TableAuditLog } from '../../src/storage/shared/audit-repository';
import { TableDueItemRepository } from '../../src/storage/shared/due-item-repository';
import { TABLES } from '../../src/storage/shared/keys';
import { TablePlanRepository } from '../../src/storage/plans/plan-repository';
import { Tables } from '../../src/storage/shared/tables';
import { validPlanForm } from '../helpers/plan-fixtures';

let tables: Tables;
beforeAll(async () => {
  tables = new Tables({ kind: 'connectionString', connectionString: inject('storageConnectionString') });
  await tables.ensureAll();
});

class FlakyNotifier implements ApprovalNotifier {
  failPost = false;
  failOwner = false;
  posted = 0;
  async postRound(): Promise<string> {
    if (this.failPost) throw new Error('Teams is down');
    this.posted++;
    return 'activity-1';
  }
  async updateRound(): Promise<void> {}
  async remind() {
    return { delivered: true as const, activityId: 'x' };
  }
  async escalate() {
    return { delivered: true as const, activityId: 'x' };
  }
  async tellOwner() {
    if (this.failOwner) throw new Error('Teams is down');
    return { delivered: true as const, activityId: 'x' };
  }
}

async function setup() {
  const tenantId = randomUUID();
  const clock = new ManualClock('2026-01-05T10:00:00Z');
  const notifier = new FlakyNotifier();
  const audit = new TableAuditLog(tables.client(TABLES.audit));
  const repo = new TablePlanRepository(tables.client(TABLES.plans));
  const approvals = new ApprovalService({
    rounds: new TableApprovalRoundRepository(tables.client(TABLES.approvals)),
    groups: new TableWorkingGroupRepository(tables.client(TABLES.approvals)),
    audit,
    due: new TableDueItemRepository(tables.client(TABLES.dueItems)),
    notifier,
    clock,
    jobKinds: { reminder: `test.r.${randomUUID()}`, escalation: `test.e.${randomUUID()}` }
  });
  const plans = new PlanService({ plans: repo, approvals, audit, clock });
  await new TableWorkingGroupRepository(tables.client(TABLES.approvals)).save({
    tenantId,
    teamId: 'team-1',
    name: 'WG',
    channel: { tenantId, serviceUrl: 'https://example.invalid/', channelId: 'msteams', conversationId: '19:wg', conversationType: 'channel', botId: 'b', teamId: 'team-1', updatedAt: '' },
    members: [{ key: 'm1', name: 'M1', userId: '29:m1' }],
    chair: 'm1',
    rule: { kind: 'all' },
    memberSource: 'named',
    updatedBy: 'm1',
    updatedAt: clock.now()
  });
  const owner: Actor = { tenantId, userId: '29:o', aadObjectId: 'owner', name: 'Owner' };
  const member: Actor = { tenantId, userId: '29:m1', aadObjectId: 'm1', name: 'M1' };
  return { tenantId, clock, notifier, repo, approvals, plans, owner, member, audit };
}

describe('plans with approvals on Azurite', () => {
  it('if the approval card cannot be posted, the plan goes back to draft and can be submitted again', async () => {
    const s = await setup();
    const planId = randomUUID();
    s.notifier.failPost = true;
    await expect(s.plans.submit({ planId, actor: s.owner, values: validPlanForm(), teamId: 'team-1' })).rejects.toThrow('Teams is down');
    const plan = await s.plans.get(s.tenantId, planId);
    expect(plan).toMatchObject({ state: 'draft', roundCount: 0 });
    expect(await s.approvals.roundsOf(s.tenantId, planId)).toEqual([]);
    s.notifier.failPost = false;
    const { round } = await s.plans.submit({ planId, actor: s.owner });
    expect(round.roundId).toBe(`plan-${planId}-r1`);
  });

  it('a plan left "submitted" without its round (a crash in between) is resumed by the next submit', async () => {
    const s = await setup();
    const planId = randomUUID();
    const draft = await s.plans.saveDraft({ planId, actor: s.owner, values: validPlanForm(), teamId: 'team-1' });
    await s.repo.save({ ...draft, state: 'submitted', roundCount: 1, currentRoundId: `plan-${planId}-r1` });
    const { round } = await s.plans.submit({ planId, actor: s.owner });
    expect(round.roundId).toBe(`plan-${planId}-r1`);
    await expect(s.plans.submit({ planId, actor: s.owner })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('a failed message to the owner does not fail the deciding member; it is audited', async () => {
    const s = await setup();
    const planId = randomUUID();
    const { round } = await s.plans.submit({ planId, actor: s.owner, values: validPlanForm(), teamId: 'team-1' });
    s.notifier.failOwner = true;
    const view = await s.approvals.decide(s.tenantId, round.roundId, s.member, 'approve', '');
    expect(view.closedNow).toBe(true);
    expect((await s.plans.get(s.tenantId, planId)).state).toBe('approved');
    const trail = await s.plans.history(s.tenantId, planId);
    expect(trail.map((e) => e.action)).toContain('owner.notReachable');
  });

  it('plans are ETag-guarded and only the owner changes one', async () => {
    const s = await setup();
    const planId = randomUUID();
    const plan = await s.plans.saveDraft({ planId, actor: s.owner, values: { title: 'First' }, teamId: 'team-1' });
    await s.repo.save({ ...plan, title: 'Second' });
    await expect(s.repo.save({ ...plan, title: 'Stale' })).rejects.toMatchObject({ code: 'conflict' });
    await expect(s.plans.saveDraft({ planId, actor: s.member, values: { title: 'Mine now' }, teamId: 'team-1' })).rejects.toBeInstanceOf(DomainError);
    await expect(s.plans.act(s.tenantId, planId, s.owner, 'goLive')).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(s.plans.submit({ planId, actor: s.owner })).rejects.toMatchObject({ code: 'invalid_input' }); // incomplete draft
  });
});
