/**
 * Supported answers and others present (docs/groups.md, "Supported and offline contributions"), in the
 * sessions table, one partition per survey: `supported|<entry id>` (create-if-absent, so a repeated form
 * counts once) with how the answer was given, and `others|<session id>` with the number of people present
 * without Teams (set, not added, so saying it again corrects it). No row names a person or holds an answer.
 */
import type { TableClient } from '@azure/data-tables';
import { type ContributionCounts, type ContributionRepository, SUPPORT_HOWS, type SupportHow } from '../../domain/sessions/ports';
import { idPart, surveyKeys } from '../shared/keys';
import { insertRow, listPartition } from '../shared/rows';

interface ContributionEntity {
  partitionKey: string;
  rowKey: string;
  how?: string;
  count?: number;
}

export class TableContributionRepository implements ContributionRepository {
  constructor(private readonly table: TableClient) {}

  async markSupported(tenantId: string, surveyId: string, entryId: string, how: SupportHow): Promise<boolean> {
    const created = await insertRow<ContributionEntity>(this.table, { partitionKey: surveyKeys.contributionPartition(tenantId, surveyId), rowKey: `supported|${idPart(entryId)}`, how });
    return created !== undefined;
  }

  async setOthers(tenantId: string, surveyId: string, sessionId: string, count: number): Promise<void> {
    await this.table.upsertEntity<ContributionEntity>(
      { partitionKey: surveyKeys.contributionPartition(tenantId, surveyId), rowKey: `others|${idPart(sessionId)}`, count },
      'Replace'
    );
  }

  async counts(tenantId: string, surveyId: string): Promise<ContributionCounts> {
    const rows = await listPartition<ContributionEntity>(this.table, surveyKeys.contributionPartition(tenantId, surveyId));
    const byHow = Object.fromEntries(SUPPORT_HOWS.map((h) => [h, 0])) as Record<SupportHow, number>;
    let supported = 0;
    let others = 0;
    for (const row of rows) {
      if (row.rowKey.startsWith('supported|')) {
        supported++;
        if ((SUPPORT_HOWS as readonly string[]).includes(row.how ?? '')) byHow[row.how as SupportHow]++;
      } else if (row.rowKey.startsWith('others|')) others += Math.max(0, Number(row.count) || 0);
    }
    return { supported, byHow, others };
  }
}
