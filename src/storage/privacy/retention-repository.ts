/**
 * Retention on Azure Tables (docs/privacy.md): the "answers deleted" marks, the erase-request ledger,
 * and the deletion of a survey's raw answers (the setting: privacy-settings-repository.ts). Works on
 * the tables through the key scheme (src/storage/shared/keys.ts) only: the survey repository is not changed.
 */
import { type TableClient, type TransactionAction, odata } from '@azure/data-tables';
import { DomainError } from '../../domain/shared/errors';
import { type EraseCounts, type RetentionCounts, type RetentionMark, emptyCounts } from '../../domain/privacy/privacy';
import type { ErasureLedger, ErasureState, RetentionStore } from '../../domain/privacy/ports';
import { wordsMayGo } from '../../domain/safeguarding/safeguarding';
import { surveyJobId } from '../../domain/surveys/survey-delivery';
import { backoff, isNotFound, isWriteConflict } from '../shared/errors';
import { type EntityKey, chosenGroupKeys, deliveryKeys, privacyKeys, surveyKeys } from '../shared/keys';
import { getRow, insertRow, removeRow } from '../shared/rows';

/**
 * Deletes rows, in entity-group transactions of at most 100 per partition. A batch that meets a row
 * already gone (a retry after a crash, a concurrent run) is done again row by row, ignoring 404s:
 * deleting is idempotent, so a run killed half way is finished by the next. Returns rows it removed.
 */
export async function deleteRows(table: TableClient, rows: EntityKey[]): Promise<number> {
  const byPartition = new Map<string, string[]>();
  for (const r of rows) {
    const list = byPartition.get(r.partitionKey) ?? [];
    if (!list.includes(r.rowKey)) list.push(r.rowKey);
    byPartition.set(r.partitionKey, list);
  }
  let removed = 0;
  for (const [partitionKey, rowKeys] of byPartition) {
    for (let i = 0; i < rowKeys.length; i += 100) {
      const batch = rowKeys.slice(i, i + 100);
      const actions: TransactionAction[] = batch.map((rowKey) => ['delete', { partitionKey, rowKey }]);
      try {
        await table.submitTransaction(actions);
        removed += batch.length;
      } catch (error) {
        if (!isNotFound(error)) throw error;
        for (const rowKey of batch) if (await removeRow(table, { partitionKey, rowKey })) removed++;
      }
    }
  }
  return removed;
}

/** Keys of the rows of one partition whose RowKey starts with `prefix` (re-checked here: Azurite once returned a row outside a range). */
export async function rowsWithPrefix(table: TableClient, partitionKey: string, prefix: string): Promise<EntityKey[]> {
  const filter = odata`PartitionKey eq ${partitionKey} and RowKey ge ${prefix} and RowKey lt ${`${prefix.slice(0, -1)}${String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1)}`}`;
  const out: EntityKey[] = [];
  for await (const e of table.listEntities({ queryOptions: { filter, select: ['PartitionKey', 'RowKey'] } })) {
    if (e.partitionKey === partitionKey && typeof e.rowKey === 'string' && e.rowKey.startsWith(prefix)) out.push({ partitionKey, rowKey: e.rowKey });
  }
  return out;
}

interface MarkEntity {
  partitionKey: string;
  rowKey: string;
  surveyId: string;
  state: string;
  startedAt: string;
  deletedAt?: string;
  retentionDays: number;
  counts?: string;
}

interface SurveyMetaEntity {
  partitionKey: string;
  rowKey: string;
  status?: string;
  closedAt?: string;
}

interface AlertWordsEntity {
  partitionKey: string;
  rowKey: string;
  text?: string;
  respondent?: string;
  matches?: string;
  ackAt?: string;
  wordsDueAt?: string;
}

interface ExportLinkEntity {
  partitionKey: string;
  rowKey: string;
  surveyId?: string;
}

/** The tables retention deletes from (a survey's raw rows, and what copies them). */
export const RETENTION_TABLES = ['privacy', 'surveys', 'exportLinks', 'deliveries', 'safeguarding', 'groups'] as const;
export type RetentionTables = Record<(typeof RETENTION_TABLES)[number], TableClient>;

/** Marks in `privacy` (`{tenant}|retention`, survey id) and deletion of a survey's raw rows. */
export class TableRetentionStore implements RetentionStore {
  constructor(private readonly tables: RetentionTables) {}

  async getMark(tenantId: string, surveyId: string): Promise<RetentionMark | undefined> {
    const k = privacyKeys.retentionMark(tenantId, surveyId);
    const e = await getRow<MarkEntity>(this.tables.privacy, k);
    return e ? markOf(e) : undefined;
  }

  async beginMark(tenantId: string, surveyId: string, at: Date, retentionDays: number): Promise<RetentionMark> {
    const k = privacyKeys.retentionMark(tenantId, surveyId);
    const created = await insertRow<MarkEntity>(this.tables.privacy, { ...k, surveyId, state: 'deleting', startedAt: at.toISOString(), retentionDays });
    if (created) return { surveyId, state: 'deleting', startedAt: at, retentionDays, etag: created.etag };
    const existing = await this.getMark(tenantId, surveyId);
    if (!existing) throw new DomainError('conflict', 'The retention mark changed meanwhile.');
    return existing;
  }

  async finishMark(tenantId: string, surveyId: string, at: Date, counts: RetentionCounts): Promise<void> {
    const k = privacyKeys.retentionMark(tenantId, surveyId);
    for (let attempt = 0; attempt < 10; attempt++) {
      const e = await getRow<MarkEntity>(this.tables.privacy, k);
      if (!e || e.state === 'deleted') return;
      try {
        await this.tables.privacy.updateEntity<MarkEntity>(
          { ...k, surveyId, state: 'deleted', startedAt: e.startedAt, deletedAt: at.toISOString(), retentionDays: e.retentionDays, counts: JSON.stringify(counts) },
          'Replace',
          { etag: e.etag }
        );
        return;
      } catch (error) {
        if (!isWriteConflict(error)) throw error;
        await backoff(attempt);
      }
    }
  }

  async deleteRawAnswers(tenantId: string, surveyId: string): Promise<{ answers: number; respondents: number }> {
    const partitionKey = surveyKeys.surveyPartition(tenantId, surveyId);
    // Only these prefixes: the definition and the `tally|…` rows and their copies (the counts everything
    // else reads) never match. The newest free texts in the summary partition are raw answers too.
    const answers = await deleteRows(this.tables.surveys, await rowsWithPrefix(this.tables.surveys, partitionKey, surveyKeys.surveyAnswerPrefix()));
    const respondents = await deleteRows(this.tables.surveys, await rowsWithPrefix(this.tables.surveys, partitionKey, 'resp|'));
    const summaryPartition = surveyKeys.surveySummaryPartition(tenantId, surveyId);
    await deleteRows(this.tables.surveys, await rowsWithPrefix(this.tables.surveys, summaryPartition, 'texts|'));
    return { answers, respondents };
  }

  async deleteExportLinks(tenantId: string, surveyId: string): Promise<number> {
    const partitionKey = privacyKeys.exportPartition(tenantId);
    const rows: EntityKey[] = [];
    const filter = odata`PartitionKey eq ${partitionKey} and surveyId eq ${surveyId}`;
    for await (const e of this.tables.exportLinks.listEntities<ExportLinkEntity>({ queryOptions: { filter, select: ['PartitionKey', 'RowKey', 'surveyId'] } })) {
      if (e.surveyId === surveyId) rows.push({ partitionKey, rowKey: e.rowKey as string });
    }
    return deleteRows(this.tables.exportLinks, rows);
  }

  /**
   * Young Commissioners' review comments on the survey's findings: the words go (a comment is free text
   * like an answer; a flagged one is on the lead's alert), the choice stays for the suppressed counts.
   * Idempotent: a row already without words is left alone.
   */
  async clearReviewComments(tenantId: string, surveyId: string): Promise<number> {
    const partitionKey = chosenGroupKeys.reviewPartition(tenantId, surveyId);
    const filter = odata`PartitionKey eq ${partitionKey} and RowKey ge 'v|' and RowKey lt 'v}'`;
    let cleared = 0;
    for await (const e of this.tables.groups.listEntities<{ comment?: string }>({ queryOptions: { filter, select: ['PartitionKey', 'RowKey', 'comment'] } })) {
      if (!e.comment) continue;
      await this.tables.groups.updateEntity({ partitionKey, rowKey: e.rowKey as string, comment: '' }, 'Merge', { etag: '*' });
      cleared++;
    }
    return cleared;
  }

  async deleteDeliveryRecords(tenantId: string, surveyId: string): Promise<number> {
    const partitionKey = deliveryKeys.jobPartition(tenantId, surveyJobId(surveyId));
    return deleteRows(this.tables.deliveries, await rowsWithPrefix(this.tables.deliveries, partitionKey, 'r|'));
  }

  async deleteAlertWords(tenantId: string, surveyId: string, at: Date): Promise<{ cleared: number; kept: number }> {
    // The alert stays (when it was raised, its categories, who dealt with it): the safeguarding record
    // that an alert was sent and acted on. What the young person wrote, and a named respondent, go —
    // but never before the alert is acknowledged (and a few days after): those are marked due instead
    // and the safeguarding words job clears them later.
    const partitionKey = deliveryKeys.alertPartition(tenantId, surveyId);
    let cleared = 0;
    let kept = 0;
    const filter = odata`PartitionKey eq ${partitionKey}`;
    const select = ['PartitionKey', 'RowKey', 'text', 'respondent', 'matches', 'ackAt', 'wordsDueAt'];
    for await (const e of this.tables.safeguarding.listEntities<AlertWordsEntity>({ queryOptions: { filter, select } })) {
      if (e.partitionKey !== partitionKey || (!e.text && !e.respondent && (!e.matches || e.matches === '[]'))) continue;
      const key = { partitionKey, rowKey: e.rowKey as string };
      // Merge writes only these fields; an acknowledgement racing it replaces with its ETag and retries.
      if (wordsMayGo(e.ackAt ? { at: new Date(e.ackAt) } : undefined, at)) {
        await this.tables.safeguarding.updateEntity({ ...key, text: '', respondent: '', matches: '[]', wordsDeletedAt: at.toISOString() }, 'Merge', { etag: '*' });
        cleared++;
      } else {
        if (!e.wordsDueAt) await this.tables.safeguarding.updateEntity({ ...key, wordsDueAt: at.toISOString() }, 'Merge', { etag: '*' });
        kept++;
      }
    }
    return { cleared, kept };
  }

  async closedSurveys(tenantId: string): Promise<{ surveyId: string; closedAt: Date }[]> {
    // Survey definitions live in each survey's summary partition (docs/storage.md).
    const { from, to } = privacyKeys.partitionsOf(tenantId, 'survey-sum');
    const filter = odata`PartitionKey ge ${from} and PartitionKey lt ${to} and RowKey eq ${'meta'} and status eq ${'closed'}`;
    const out: { surveyId: string; closedAt: Date }[] = [];
    for await (const e of this.tables.surveys.listEntities<SurveyMetaEntity>({ queryOptions: { filter, select: ['PartitionKey', 'RowKey', 'status', 'closedAt'] } })) {
      const pk = e.partitionKey as string;
      if (!pk.startsWith(from) || e.rowKey !== 'meta' || e.status !== 'closed' || !e.closedAt) continue;
      out.push({ surveyId: decodeURIComponent(pk.slice(from.length)), closedAt: new Date(e.closedAt) });
    }
    return out;
  }
}

function markOf(e: MarkEntity & { etag?: string }): RetentionMark {
  return {
    surveyId: e.surveyId,
    state: e.state === 'deleted' ? 'deleted' : 'deleting',
    startedAt: new Date(e.startedAt),
    deletedAt: e.deletedAt ? new Date(e.deletedAt) : undefined,
    retentionDays: e.retentionDays,
    counts: e.counts ? (JSON.parse(e.counts) as RetentionCounts) : undefined,
    etag: e.etag
  };
}

interface ErasureEntity {
  partitionKey: string;
  rowKey: string;
  state: string;
  by: string;
  startedAt: string;
  doneAt?: string;
  counts?: string;
}

/** Erase requests in `privacy` (`{tenant}|erasure`, request id): who asked, when, counts. Never whom. */
export class TableErasureLedger implements ErasureLedger {
  constructor(private readonly table: TableClient) {}

  async begin(tenantId: string, requestId: string, by: string, at: Date): Promise<ErasureState> {
    const k = privacyKeys.erasure(tenantId, requestId);
    if (await insertRow<ErasureEntity>(this.table, { ...k, state: 'running', by, startedAt: at.toISOString() })) return { state: 'new' };
    const e = await getRow<ErasureEntity>(this.table, k);
    if (e?.state === 'done') return { state: 'done', counts: { ...emptyCounts(), ...(JSON.parse(e.counts ?? '{}') as Partial<EraseCounts>) }, at: new Date(e.doneAt ?? e.startedAt) };
    return { state: 'running' };
  }

  async finish(tenantId: string, requestId: string, counts: EraseCounts, at: Date): Promise<boolean> {
    const k = privacyKeys.erasure(tenantId, requestId);
    const e = await getRow<ErasureEntity>(this.table, k);
    if (!e || e.state === 'done') return false;
    try {
      await this.table.updateEntity<ErasureEntity>(
        { ...k, state: 'done', by: e.by, startedAt: e.startedAt, doneAt: at.toISOString(), counts: JSON.stringify(counts) },
        'Replace',
        { etag: e.etag }
      );
      return true;
    } catch (error) {
      if (isWriteConflict(error)) return false;
      throw error;
    }
  }
}
