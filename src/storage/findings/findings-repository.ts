import { type TableClient, type TableEntityResult, odata } from '@azure/data-tables';
import type { Findings } from '../../domain/findings/findings';
import type { FindingsRepository, SendMarker } from '../../domain/findings/ports';
import { findingsKeys, idPart } from '../shared/keys';
import { createRow, getRow, insertRow, removeRow, saveRowIfMatch } from '../shared/rows';

interface FindingsEntity {
  partitionKey: string;
  rowKey: string;
  surveyId: string;
  planId: string;
  title: string;
  owner: string;
  ownerName?: string;
  ownerUserId: string;
  teamId: string;
  /** JSON: the themes and the responses. */
  youSaid: string;
  weDid: string;
  nextUpdate: string;
  state: string;
  roundCount: number;
  currentRoundId: string;
  /** JSON: the channel's conversation reference, or ''. */
  channel: string;
  channelActivityId: string;
  publishedAt: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

function toEntity(f: Findings): FindingsEntity {
  return {
    ...findingsKeys.findings(f.tenantId, f.surveyId),
    surveyId: f.surveyId,
    planId: f.planId ?? '',
    title: f.title,
    owner: f.owner,
    ownerName: f.ownerName,
    ownerUserId: f.ownerUserId,
    teamId: f.teamId ?? '',
    youSaid: JSON.stringify(f.youSaid),
    weDid: JSON.stringify(f.weDid),
    nextUpdate: f.nextUpdate,
    state: f.state,
    roundCount: f.roundCount,
    currentRoundId: f.currentRoundId ?? '',
    channel: f.channel ? JSON.stringify(f.channel) : '',
    channelActivityId: f.channelActivityId ?? '',
    publishedAt: f.publishedAt?.toISOString() ?? '',
    version: f.version,
    createdAt: f.createdAt.toISOString(),
    updatedAt: f.updatedAt.toISOString()
  };
}

function fromEntity(tenantId: string, e: TableEntityResult<FindingsEntity>): Findings {
  return {
    tenantId,
    surveyId: e.surveyId,
    planId: e.planId || undefined,
    title: e.title,
    owner: e.owner,
    ownerName: e.ownerName,
    ownerUserId: e.ownerUserId,
    teamId: e.teamId || undefined,
    youSaid: JSON.parse(e.youSaid) as Findings['youSaid'],
    weDid: JSON.parse(e.weDid) as Findings['weDid'],
    nextUpdate: e.nextUpdate,
    state: e.state as Findings['state'],
    roundCount: e.roundCount,
    currentRoundId: e.currentRoundId || undefined,
    channel: e.channel ? (JSON.parse(e.channel) as Findings['channel']) : undefined,
    channelActivityId: e.channelActivityId || undefined,
    publishedAt: e.publishedAt ? new Date(e.publishedAt) : undefined,
    version: e.version,
    createdAt: new Date(e.createdAt),
    updatedAt: new Date(e.updatedAt),
    etag: e.etag
  };
}

interface MarkerEntity {
  partitionKey: string;
  rowKey: string;
  personKey: string;
  what: string;
  state: string;
  activityId?: string;
  reason?: string;
}

/** Findings on Azure Tables: a row per survey's findings (ETag-guarded) and send markers per person. */
export class TableFindingsRepository implements FindingsRepository {
  constructor(private readonly table: TableClient) {}

  async create(findings: Findings): Promise<Findings> {
    return { ...findings, etag: await createRow(this.table, toEntity(findings), 'These findings exist already.') };
  }

  async get(tenantId: string, surveyId: string): Promise<Findings | undefined> {
    const e = await getRow<FindingsEntity>(this.table, findingsKeys.findings(tenantId, surveyId));
    return e ? fromEntity(tenantId, e) : undefined;
  }

  async save(findings: Findings): Promise<Findings> {
    const etag = await saveRowIfMatch(this.table, toEntity(findings), findings.etag, {
      changed: 'These findings were changed by someone else. Please try again.',
      deleted: 'These findings were deleted meanwhile.'
    });
    return { ...findings, etag };
  }

  async remove(tenantId: string, surveyId: string): Promise<void> {
    await removeRow(this.table, findingsKeys.findings(tenantId, surveyId));
  }

  async listByOwner(tenantId: string, owner: string): Promise<Findings[]> {
    const partitionKey = findingsKeys.partition(tenantId);
    const out: Findings[] = [];
    for await (const e of this.table.listEntities<FindingsEntity>({ queryOptions: { filter: odata`PartitionKey eq ${partitionKey} and owner eq ${owner}` } })) {
      if (e.partitionKey === partitionKey && e.owner === owner) out.push(fromEntity(tenantId, e));
    }
    return out.sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime());
  }

  async claimSend(tenantId: string, surveyId: string, personKey: string, what: string): Promise<boolean> {
    return (await insertRow<MarkerEntity>(this.table, { ...findingsKeys.sent(tenantId, surveyId, personKey, what), personKey, what, state: 'claimed' })) !== undefined;
  }

  /** Written only by the claimant of the marker (claimSend returned true to it), so no race to guard. */
  async recordSend(tenantId: string, surveyId: string, marker: SendMarker): Promise<void> {
    await this.table.upsertEntity<MarkerEntity>(
      { ...findingsKeys.sent(tenantId, surveyId, marker.personKey, marker.what), personKey: marker.personKey, what: marker.what, state: marker.state, activityId: marker.activityId ?? '', reason: marker.reason ?? '' },
      'Replace'
    );
  }

  async releaseSend(tenantId: string, surveyId: string, personKey: string, what: string): Promise<void> {
    await removeRow(this.table, findingsKeys.sent(tenantId, surveyId, personKey, what));
  }

  async sends(tenantId: string, surveyId: string, what: string): Promise<SendMarker[]> {
    const partitionKey = findingsKeys.sentPartition(tenantId, surveyId);
    const from = `${idPart(what)}|`;
    const to = `${idPart(what)}|~`;
    const out: SendMarker[] = [];
    const filter = odata`PartitionKey eq ${partitionKey} and RowKey gt ${from} and RowKey lt ${to}`;
    for await (const e of this.table.listEntities<MarkerEntity>({ queryOptions: { filter } })) {
      // Range results re-checked (Azurite was seen returning a row outside a range once).
      if (e.partitionKey !== partitionKey || !e.rowKey.startsWith(from)) continue;
      out.push({ personKey: e.personKey, what: e.what, state: e.state as SendMarker['state'], activityId: e.activityId || undefined, reason: e.reason || undefined });
    }
    return out;
  }
}

/** Every findings row of the tenant (one partition query): the annual participation audit only. */
export async function listAllFindings(table: TableClient, tenantId: string): Promise<Findings[]> {
  const partitionKey = findingsKeys.partition(tenantId);
  const out: Findings[] = [];
  for await (const e of table.listEntities<FindingsEntity>({ queryOptions: { filter: odata`PartitionKey eq ${partitionKey}` } })) {
    if (e.partitionKey === partitionKey) out.push(fromEntity(tenantId, e));
  }
  return out;
}
