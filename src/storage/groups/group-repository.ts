/**
 * Groups people chose to join, participation officers and Young Commissioners' reviews, in the `groups`
 * table (docs/groups.md); what a person took part in, read from their attendance rows.
 */
import type { TableClient } from '@azure/data-tables';
import type { GroupMember, JoinedBy, ParticipationGroup } from '../../domain/groups/groups';
import type { ContributionsReader, OfficerRepository, ParticipationGroupRepository, ReviewRepository } from '../../domain/groups/ports';
import type { ReviewChoice, ReviewVote } from '../../domain/groups/review';
import { chosenGroupKeys, idPart, privacyKeys } from '../shared/keys';
import { createRow, getRow, insertRow, listPartition, removeRow } from '../shared/rows';

interface GroupEntity {
  groupId: string;
  name: string;
  purpose: string;
  createdBy: string;
  createdAt: string;
}

interface MemberEntity {
  personKey: string;
  userId: string;
  name: string;
  joinedBy: string;
  joinedAt: string;
}

const toGroup = (tenantId: string, e: GroupEntity & { etag?: string }): ParticipationGroup => ({
  tenantId,
  groupId: e.groupId,
  name: e.name,
  purpose: e.purpose,
  createdBy: e.createdBy,
  createdAt: new Date(e.createdAt),
  etag: e.etag
});

const toMember = (e: MemberEntity): GroupMember => ({
  personKey: e.personKey,
  userId: e.userId || undefined,
  name: e.name || undefined,
  joinedBy: (e.joinedBy === 'self' ? 'self' : 'staff') as JoinedBy,
  joinedAt: new Date(e.joinedAt)
});

export class TableChosenGroupRepository implements ParticipationGroupRepository {
  constructor(private readonly table: TableClient) {}

  async create(group: ParticipationGroup): Promise<ParticipationGroup> {
    const entity: GroupEntity = { groupId: group.groupId, name: group.name, purpose: group.purpose, createdBy: group.createdBy, createdAt: group.createdAt.toISOString() };
    const etag = await createRow(this.table, { ...chosenGroupKeys.group(group.tenantId, group.groupId), ...entity }, `There is already a group "${group.groupId}".`);
    return { ...group, etag };
  }

  async get(tenantId: string, groupId: string): Promise<ParticipationGroup | undefined> {
    const row = await getRow<GroupEntity>(this.table, chosenGroupKeys.group(tenantId, groupId));
    return row && toGroup(tenantId, row);
  }

  async list(tenantId: string): Promise<ParticipationGroup[]> {
    const rows = await listPartition<GroupEntity>(this.table, chosenGroupKeys.listPartition(tenantId), "RowKey ge 'group|' and RowKey lt 'group}'");
    return rows.filter((r) => String(r.rowKey).startsWith('group|')).map((r) => toGroup(tenantId, r)).sort((a, b) => a.name.localeCompare(b.name));
  }

  async putMember(tenantId: string, groupId: string, member: GroupMember): Promise<void> {
    const entity: MemberEntity = { personKey: member.personKey, userId: member.userId ?? '', name: member.name ?? '', joinedBy: member.joinedBy, joinedAt: member.joinedAt.toISOString() };
    await this.table.upsertEntity({ ...chosenGroupKeys.member(tenantId, groupId, member.personKey), ...entity }, 'Replace');
  }

  async getMember(tenantId: string, groupId: string, personKey: string): Promise<GroupMember | undefined> {
    const row = await getRow<MemberEntity>(this.table, chosenGroupKeys.member(tenantId, groupId, personKey));
    return row && toMember(row);
  }

  async removeMember(tenantId: string, groupId: string, personKey: string): Promise<boolean> {
    return removeRow(this.table, chosenGroupKeys.member(tenantId, groupId, personKey));
  }

  async members(tenantId: string, groupId: string): Promise<GroupMember[]> {
    const rows = await listPartition<MemberEntity>(this.table, chosenGroupKeys.memberPartition(tenantId, groupId));
    return rows.filter((r) => String(r.rowKey).startsWith('m|')).map(toMember).sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''));
  }
}

export class TableOfficerRepository implements OfficerRepository {
  constructor(private readonly table: TableClient) {}

  async isOfficer(tenantId: string, personKey: string): Promise<boolean> {
    return (await getRow(this.table, chosenGroupKeys.officer(tenantId, personKey), ['RowKey'])) !== undefined;
  }

  async add(tenantId: string, officer: { personKey: string; name?: string }): Promise<void> {
    await this.table.upsertEntity({ ...chosenGroupKeys.officer(tenantId, officer.personKey), officerKey: officer.personKey, name: officer.name ?? '' }, 'Replace');
  }

  async list(tenantId: string): Promise<{ personKey: string; name?: string }[]> {
    const rows = await listPartition<{ officerKey: string; name: string }>(this.table, chosenGroupKeys.listPartition(tenantId), "RowKey ge 'officer|' and RowKey lt 'officer}'");
    return rows.filter((r) => String(r.rowKey).startsWith('officer|')).map((r) => ({ personKey: r.officerKey, name: r.name || undefined }));
  }
}

interface ReviewEntity {
  itemId: string;
  reviewerKey: string;
  choice: string;
  comment: string;
}

export class TableReviewRepository implements ReviewRepository {
  constructor(private readonly table: TableClient) {}

  async put(tenantId: string, vote: ReviewVote): Promise<void> {
    const entity: ReviewEntity = { itemId: vote.itemId, reviewerKey: vote.reviewerKey, choice: vote.choice, comment: vote.comment };
    await this.table.upsertEntity({ ...chosenGroupKeys.review(tenantId, vote.surveyId, vote.itemId, vote.reviewerKey), ...entity }, 'Replace');
  }

  async list(tenantId: string, surveyId: string): Promise<ReviewVote[]> {
    const rows = await listPartition<ReviewEntity>(this.table, chosenGroupKeys.reviewPartition(tenantId, surveyId), "RowKey ge 'v|' and RowKey lt 'v}'");
    return rows.filter((r) => String(r.rowKey).startsWith('v|')).map((r) => ({ surveyId, itemId: r.itemId, reviewerKey: r.reviewerKey, choice: r.choice as ReviewChoice, comment: r.comment }));
  }

  async claimSend(tenantId: string, surveyId: string, groupId: string, personKey: string): Promise<boolean> {
    return (await insertRow(this.table, { ...chosenGroupKeys.reviewSent(tenantId, surveyId, groupId, personKey), sent: true })) !== undefined;
  }

  async releaseSend(tenantId: string, surveyId: string, groupId: string, personKey: string): Promise<void> {
    await removeRow(this.table, chosenGroupKeys.reviewSent(tenantId, surveyId, groupId, personKey));
  }
}

/**
 * The surveys a person took part in: their rows across the tenant's attendance partitions (one range
 * query, bounded by the tenant; attendance holds who took part, never what they said).
 */
export class TableContributionsReader implements ContributionsReader {
  constructor(private readonly attendance: TableClient) {}

  async surveysOf(tenantId: string, personKey: string): Promise<string[]> {
    const { from, to } = privacyKeys.partitionsOf(tenantId, 'attendance');
    const rowKey = idPart(personKey);
    const filter = `PartitionKey ge '${from}' and PartitionKey lt '${to}' and RowKey eq '${rowKey.replace(/'/g, "''")}'`;
    const out: string[] = [];
    for await (const e of this.attendance.listEntities({ queryOptions: { filter, select: ['PartitionKey', 'RowKey'] } })) {
      const pk = String(e.partitionKey);
      if (pk.startsWith(from) && e.rowKey === rowKey) out.push(decodeURIComponent(pk.slice(from.length)));
    }
    return out;
  }
}
