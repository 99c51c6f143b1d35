import type { TableClient } from '@azure/data-tables';
import type { ApprovalRoundRepository, WorkingGroupRepository } from '../../domain/approvals/ports';
import type { ApprovalRound } from '../../domain/approvals/approval-round';
import type { StoredConversation } from '../../domain/shared/conversation';
import type { WorkingGroup } from '../../domain/approvals/working-group';
import { planKeys } from '../shared/keys';
import { EntityTable, RemovableEntityTable, type RowOf, pick } from '../shared/entity-table';
import { insertRow, removeRow } from '../shared/rows';

/** What a round's row holds as the round has it. */
const ROUND_COLUMNS = ['roundId', 'subjectId', 'number', 'teamId', 'chair', 'owner', 'ownerName'] as const;

function roundToEntity(r: ApprovalRound) {
  return {
    ...pick(r, ROUND_COLUMNS),
    subjectType: r.subjectType,
    members: JSON.stringify(r.members),
    rule: JSON.stringify(r.rule),
    status: r.status,
    outcome: r.outcome ?? '',
    openedAt: r.openedAt.toISOString(),
    deadline: r.deadline.toISOString(),
    closedAt: r.closedAt?.toISOString() ?? '',
    // Every member's decision in one row, so a decision and the close it causes are one ETag-guarded write.
    decisions: JSON.stringify(r.decisions),
    channel: JSON.stringify(r.channel),
    activityId: r.activityId ?? ''
  };
}

function roundFromEntity(e: RowOf<typeof roundToEntity>, tenantId: string): ApprovalRound {
  return {
    ...pick(e, ROUND_COLUMNS),
    tenantId,
    subjectType: e.subjectType as ApprovalRound['subjectType'],
    members: JSON.parse(e.members) as ApprovalRound['members'],
    rule: JSON.parse(e.rule) as ApprovalRound['rule'],
    status: e.status === 'closed' ? 'closed' : 'open',
    outcome: (e.outcome || undefined) as ApprovalRound['outcome'],
    openedAt: new Date(e.openedAt),
    deadline: new Date(e.deadline),
    closedAt: e.closedAt ? new Date(e.closedAt) : undefined,
    decisions: JSON.parse(e.decisions) as ApprovalRound['decisions'],
    channel: JSON.parse(e.channel) as StoredConversation,
    activityId: e.activityId || undefined,
    etag: e.etag
  };
}

/** Approval rounds and their send markers on Azure Tables (table `approvals`). */
export class TableApprovalRoundRepository extends RemovableEntityTable<ApprovalRound, ReturnType<typeof roundToEntity>> implements ApprovalRoundRepository {
  constructor(table: TableClient) {
    super(table, {
      key: planKeys.round,
      idOf: (round) => round.roundId,
      toEntity: roundToEntity,
      fromEntity: roundFromEntity,
      exists: 'This approval round has already started.',
      changed: 'This round changed meanwhile. Please try again.',
      deleted: 'This round was deleted meanwhile.'
    });
  }

  async listOpen(tenantId: string): Promise<ApprovalRound[]> {
    return (await this.listPartition(planKeys.roundsPartition(tenantId), { status: 'open' })).map((e) => roundFromEntity(e, tenantId));
  }

  async listBySubject(tenantId: string, subjectId: string): Promise<ApprovalRound[]> {
    return (await this.listPartition(planKeys.roundsPartition(tenantId), { subjectId })).map((e) => roundFromEntity(e, tenantId));
  }

  async claimSend(tenantId: string, roundId: string, personKey: string, what: string): Promise<boolean> {
    return (await insertRow(this.table, { ...planKeys.sent(tenantId, roundId, personKey, what), at: new Date().toISOString() })) !== undefined;
  }

  async releaseSend(tenantId: string, roundId: string, personKey: string, what: string): Promise<void> {
    await removeRow(this.table, planKeys.sent(tenantId, roundId, personKey, what));
  }
}

/** What a working group's row holds as the group has it. */
const GROUP_COLUMNS = ['teamId', 'name', 'chair', 'updatedBy'] as const;

function groupToEntity(group: WorkingGroup) {
  return {
    ...pick(group, GROUP_COLUMNS),
    channel: JSON.stringify(group.channel),
    members: JSON.stringify(group.members),
    rule: JSON.stringify(group.rule),
    memberSource: group.memberSource,
    updatedAt: group.updatedAt.toISOString()
  };
}

function groupFromEntity(e: RowOf<typeof groupToEntity>, tenantId: string): WorkingGroup {
  return {
    ...pick(e, GROUP_COLUMNS),
    tenantId,
    channel: JSON.parse(e.channel) as StoredConversation,
    members: JSON.parse(e.members) as WorkingGroup['members'],
    rule: JSON.parse(e.rule) as WorkingGroup['rule'],
    memberSource: e.memberSource === 'named' ? 'named' : 'team',
    updatedAt: new Date(e.updatedAt),
    etag: e.etag
  };
}

/** Working groups (one per team) on Azure Tables (table `approvals`). */
export class TableWorkingGroupRepository extends EntityTable<WorkingGroup, ReturnType<typeof groupToEntity>> implements WorkingGroupRepository {
  constructor(table: TableClient) {
    const changed = 'The working group was changed by someone else meanwhile. Please try again.';
    super(table, {
      key: planKeys.workingGroup,
      idOf: (group) => group.teamId,
      toEntity: groupToEntity,
      fromEntity: groupFromEntity,
      // Saving a group read as absent creates it: a group there by then was written meanwhile.
      exists: changed,
      changed,
      deleted: 'The working group was deleted meanwhile. Please try again.'
    });
  }

  /** Creates the group when it was read as absent (no ETag), else replaces it as read. */
  override async save(group: WorkingGroup): Promise<WorkingGroup> {
    return group.etag ? super.save(group) : super.create(group);
  }

  async list(tenantId: string): Promise<WorkingGroup[]> {
    return (await this.listPartition(planKeys.groupsPartition(tenantId))).map((e) => groupFromEntity(e, tenantId));
  }
}
