import { type TableClient, type TableEntityResult, odata } from '@azure/data-tables';
import type { ApprovalRoundRepository, WorkingGroupRepository } from '../../domain/approvals/ports';
import type { ApprovalRound } from '../../domain/approvals/approval-round';
import type { StoredConversation } from '../../domain/shared/conversation';
import type { WorkingGroup } from '../../domain/approvals/working-group';
import { planKeys } from '../shared/keys';
import { createRow, getRow, insertRow, removeRow, saveRowIfMatch } from '../shared/rows';

interface RoundEntity {
  partitionKey: string;
  rowKey: string;
  roundId: string;
  subjectType: string;
  subjectId: string;
  number: number;
  teamId: string;
  members: string;
  chair: string;
  rule: string;
  owner: string;
  ownerName?: string;
  status: string;
  outcome: string;
  openedAt: string;
  deadline: string;
  closedAt: string;
  /** Every member's decision, JSON: one row, so a decision and the close it causes are one ETag-guarded write. */
  decisions: string;
  channel: string;
  activityId: string;
}

function roundToEntity(r: ApprovalRound): RoundEntity {
  return {
    ...planKeys.round(r.tenantId, r.roundId),
    roundId: r.roundId,
    subjectType: r.subjectType,
    subjectId: r.subjectId,
    number: r.number,
    teamId: r.teamId,
    members: JSON.stringify(r.members),
    chair: r.chair,
    rule: JSON.stringify(r.rule),
    owner: r.owner,
    ownerName: r.ownerName,
    status: r.status,
    outcome: r.outcome ?? '',
    openedAt: r.openedAt.toISOString(),
    deadline: r.deadline.toISOString(),
    closedAt: r.closedAt?.toISOString() ?? '',
    decisions: JSON.stringify(r.decisions),
    channel: JSON.stringify(r.channel),
    activityId: r.activityId ?? ''
  };
}

function roundFromEntity(tenantId: string, e: TableEntityResult<RoundEntity>): ApprovalRound {
  return {
    tenantId,
    roundId: e.roundId,
    subjectType: e.subjectType as ApprovalRound['subjectType'],
    subjectId: e.subjectId,
    number: e.number,
    teamId: e.teamId,
    members: JSON.parse(e.members) as ApprovalRound['members'],
    chair: e.chair,
    rule: JSON.parse(e.rule) as ApprovalRound['rule'],
    owner: e.owner,
    ownerName: e.ownerName,
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
export class TableApprovalRoundRepository implements ApprovalRoundRepository {
  constructor(private readonly table: TableClient) {}

  async create(round: ApprovalRound): Promise<ApprovalRound> {
    return { ...round, etag: await createRow(this.table, roundToEntity(round), 'This approval round has already started.') };
  }

  async get(tenantId: string, roundId: string): Promise<ApprovalRound | undefined> {
    const e = await getRow<RoundEntity>(this.table, planKeys.round(tenantId, roundId));
    return e ? roundFromEntity(tenantId, e) : undefined;
  }

  async save(round: ApprovalRound): Promise<ApprovalRound> {
    const etag = await saveRowIfMatch(this.table, roundToEntity(round), round.etag, {
      changed: 'This round changed meanwhile. Please try again.',
      deleted: 'This round was deleted meanwhile.'
    });
    return { ...round, etag };
  }

  async remove(tenantId: string, roundId: string): Promise<void> {
    await removeRow(this.table, planKeys.round(tenantId, roundId));
  }

  async listOpen(tenantId: string): Promise<ApprovalRound[]> {
    const rounds = await this.query(tenantId, odata`PartitionKey eq ${planKeys.roundsPartition(tenantId)} and status eq ${'open'}`);
    return rounds.filter((r) => r.status === 'open');
  }

  async listBySubject(tenantId: string, subjectId: string): Promise<ApprovalRound[]> {
    const rounds = await this.query(tenantId, odata`PartitionKey eq ${planKeys.roundsPartition(tenantId)} and subjectId eq ${subjectId}`);
    return rounds.filter((r) => r.subjectId === subjectId);
  }

  async claimSend(tenantId: string, roundId: string, personKey: string, what: string): Promise<boolean> {
    return (await insertRow(this.table, { ...planKeys.sent(tenantId, roundId, personKey, what), at: new Date().toISOString() })) !== undefined;
  }

  async releaseSend(tenantId: string, roundId: string, personKey: string, what: string): Promise<void> {
    await removeRow(this.table, planKeys.sent(tenantId, roundId, personKey, what));
  }

  private async query(tenantId: string, filter: string): Promise<ApprovalRound[]> {
    const out: ApprovalRound[] = [];
    const partitionKey = planKeys.roundsPartition(tenantId);
    for await (const e of this.table.listEntities<RoundEntity>({ queryOptions: { filter } })) {
      // Checked again here: the local emulator has been seen returning rows of other partitions.
      if (e.partitionKey === partitionKey) out.push(roundFromEntity(tenantId, e));
    }
    return out;
  }
}

interface GroupEntity {
  partitionKey: string;
  rowKey: string;
  teamId: string;
  name: string;
  channel: string;
  members: string;
  chair: string;
  rule: string;
  memberSource: string;
  updatedBy: string;
  updatedAt: string;
}

function groupFromEntity(tenantId: string, e: TableEntityResult<GroupEntity>): WorkingGroup {
  return {
    tenantId,
    teamId: e.teamId,
    name: e.name,
    channel: JSON.parse(e.channel) as StoredConversation,
    members: JSON.parse(e.members) as WorkingGroup['members'],
    chair: e.chair,
    rule: JSON.parse(e.rule) as WorkingGroup['rule'],
    memberSource: e.memberSource === 'named' ? 'named' : 'team',
    updatedBy: e.updatedBy,
    updatedAt: new Date(e.updatedAt),
    etag: e.etag
  };
}

/** Working groups (one per team) on Azure Tables (table `approvals`). */
export class TableWorkingGroupRepository implements WorkingGroupRepository {
  constructor(private readonly table: TableClient) {}

  async get(tenantId: string, teamId: string): Promise<WorkingGroup | undefined> {
    const e = await getRow<GroupEntity>(this.table, planKeys.workingGroup(tenantId, teamId));
    return e ? groupFromEntity(tenantId, e) : undefined;
  }

  async save(group: WorkingGroup): Promise<WorkingGroup> {
    const entity: GroupEntity = {
      ...planKeys.workingGroup(group.tenantId, group.teamId),
      teamId: group.teamId,
      name: group.name,
      channel: JSON.stringify(group.channel),
      members: JSON.stringify(group.members),
      chair: group.chair,
      rule: JSON.stringify(group.rule),
      memberSource: group.memberSource,
      updatedBy: group.updatedBy,
      updatedAt: group.updatedAt.toISOString()
    };
    const changed = 'The working group was changed by someone else meanwhile. Please try again.';
    const etag = group.etag
      ? await saveRowIfMatch(this.table, entity, group.etag, { changed, deleted: 'The working group was deleted meanwhile. Please try again.' })
      : await createRow(this.table, entity, changed);
    return { ...group, etag };
  }

  async list(tenantId: string): Promise<WorkingGroup[]> {
    const out: WorkingGroup[] = [];
    const partitionKey = planKeys.groupsPartition(tenantId);
    const filter = odata`PartitionKey eq ${partitionKey}`;
    for await (const e of this.table.listEntities<GroupEntity>({ queryOptions: { filter } })) {
      if (e.partitionKey === partitionKey) out.push(groupFromEntity(tenantId, e));
    }
    return out;
  }
}
