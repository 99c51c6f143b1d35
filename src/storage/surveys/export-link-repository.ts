import type { TableClient } from '@azure/data-tables';
import type { ExportLink, ExportLinkRepository } from '../../domain/surveys/ports';
import { surveyKeys } from '../shared/keys';
import { getRow } from '../shared/rows';

interface ExportLinkEntity {
  partitionKey: string;
  rowKey: string;
  surveyId: string;
  ownerKey: string;
  expiresAt: string;
}

/** Download links for survey exports, stored under the SHA-256 of their token. */
export class TableExportLinkRepository implements ExportLinkRepository {
  constructor(private readonly table: TableClient) {}

  async create(tokenHash: string, link: ExportLink): Promise<void> {
    await this.table.createEntity<ExportLinkEntity>({
      ...surveyKeys.exportLink(link.tenantId, tokenHash),
      surveyId: link.surveyId,
      ownerKey: link.ownerKey,
      expiresAt: link.expiresAt.toISOString()
    });
  }

  async get(tenantId: string, tokenHash: string): Promise<ExportLink | undefined> {
    const e = await getRow<ExportLinkEntity>(this.table, surveyKeys.exportLink(tenantId, tokenHash));
    return e ? { tenantId, surveyId: e.surveyId, ownerKey: e.ownerKey, expiresAt: new Date(e.expiresAt) } : undefined;
  }
}
