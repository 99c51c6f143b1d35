import { type TableClient, odata } from '@azure/data-tables';
import type { Findings } from '../../domain/findings/findings';
import type { FindingsRepository, SendMarker } from '../../domain/findings/ports';
import { findingsKeys, idPart } from '../shared/keys';
import { RemovableEntityTable, type RowOf, pick } from '../shared/entity-table';
import { insertRow, listPartition, removeRow } from '../shared/rows';

/** What a findings row holds as the findings have it. */
const COLUMNS = ['surveyId', 'title', 'owner', 'ownerName', 'ownerUserId', 'nextUpdate', 'roundCount', 'version'] as const;

function toEntity(f: Findings) {
  return {
    ...pick(f, COLUMNS),
    planId: f.planId ?? '',
    teamId: f.teamId ?? '',
    // JSON: the themes and the responses.
    youSaid: JSON.stringify(f.youSaid),
    weDid: JSON.stringify(f.weDid),
    state: f.state,
    currentRoundId: f.currentRoundId ?? '',
    // JSON: the channel's conversation reference, or ''.
    channel: f.channel ? JSON.stringify(f.channel) : '',
    channelActivityId: f.channelActivityId ?? '',
    publishedAt: f.publishedAt?.toISOString() ?? '',
    createdAt: f.createdAt.toISOString(),
    updatedAt: f.updatedAt.toISOString()
  };
}

function fromEntity(e: RowOf<typeof toEntity>, tenantId: string): Findings {
  return {
    ...pick(e, COLUMNS),
    tenantId,
    planId: e.planId || undefined,
    teamId: e.teamId || undefined,
    youSaid: JSON.parse(e.youSaid) as Findings['youSaid'],
    weDid: JSON.parse(e.weDid) as Findings['weDid'],
    state: e.state as Findings['state'],
    currentRoundId: e.currentRoundId || undefined,
    channel: e.channel ? (JSON.parse(e.channel) as Findings['channel']) : undefined,
    channelActivityId: e.channelActivityId || undefined,
    publishedAt: e.publishedAt ? new Date(e.publishedAt) : undefined,
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
export class TableFindingsRepository extends RemovableEntityTable<Findings, ReturnType<typeof toEntity>> implements FindingsRepository {
  constructor(table: TableClient) {
    super(table, {
      key: findingsKeys.findings,
      idOf: (findings) => findings.surveyId,
      toEntity,
      fromEntity,
      exists: 'These findings exist already.',
      changed: 'These findings were changed by someone else. Please try again.',
      deleted: 'These findings were deleted meanwhile.'
    });
  }

  async listByOwner(tenantId: string, owner: string): Promise<Findings[]> {
    const rows = await this.listPartition(findingsKeys.partition(tenantId), { owner });
    return rows.map((e) => fromEntity(e, tenantId)).sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime());
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
    const from = `${idPart(what)}|`;
    const rows = await listPartition<MarkerEntity>(this.table, findingsKeys.sentPartition(tenantId, surveyId), odata`RowKey gt ${from} and RowKey lt ${`${from}~`}`);
    // Range results re-checked (Azurite was seen returning a row outside a range once).
    return rows
      .filter((e) => e.rowKey.startsWith(from))
      .map((e) => ({ personKey: e.personKey, what: e.what, state: e.state as SendMarker['state'], activityId: e.activityId || undefined, reason: e.reason || undefined }));
  }
}

/** Every findings row of the tenant (one partition query): the annual participation audit only. */
export async function listAllFindings(table: TableClient, tenantId: string): Promise<Findings[]> {
  return (await listPartition<ReturnType<typeof toEntity>>(table, findingsKeys.partition(tenantId))).map((e) => fromEntity(e, tenantId));
}
