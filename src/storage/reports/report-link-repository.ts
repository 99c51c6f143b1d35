import type { TableClient } from '@azure/data-tables';
import { REPORT_FILE_KINDS, type ReportFileKind, type ReportLink, type ReportLinkRepository } from '../../domain/reports/ports';
import { reportKeys } from '../shared/keys';
import { getRow, insertRow } from '../shared/rows';

interface ReportLinkEntity {
  partitionKey: string;
  rowKey: string;
  kind: string;
  from: string;
  to: string;
  /** JSON array of team ids ('' when none). */
  teamIds: string;
  userId: string;
  aadObjectId: string;
  expiresAt: string;
}

/** Report file requests under the SHA-256 of their token, and once-only marks (docs/audit-and-report.md). */
export class TableReportLinkRepository implements ReportLinkRepository {
  constructor(private readonly table: TableClient) {}

  async create(tokenHash: string, link: ReportLink): Promise<void> {
    await this.table.createEntity<ReportLinkEntity>({
      ...reportKeys.link(link.tenantId, tokenHash),
      kind: link.kind,
      from: link.from ?? '',
      to: link.to ?? '',
      teamIds: link.teamIds ? JSON.stringify(link.teamIds) : '',
      userId: link.requester.userId,
      aadObjectId: link.requester.aadObjectId ?? '',
      expiresAt: link.expiresAt.toISOString()
    });
  }

  async get(tenantId: string, tokenHash: string): Promise<ReportLink | undefined> {
    const e = await getRow<ReportLinkEntity>(this.table, reportKeys.link(tenantId, tokenHash));
    if (!e || !(REPORT_FILE_KINDS as readonly string[]).includes(e.kind)) return undefined;
    return {
      tenantId,
      kind: e.kind as ReportFileKind,
      ...(e.from ? { from: e.from, to: e.to } : {}),
      ...(e.teamIds ? { teamIds: JSON.parse(e.teamIds) as string[] } : {}),
      requester: { userId: e.userId, ...(e.aadObjectId ? { aadObjectId: e.aadObjectId } : {}) },
      expiresAt: new Date(e.expiresAt)
    };
  }

  async markOnce(tenantId: string, key: string): Promise<boolean> {
    return (await insertRow(this.table, { ...reportKeys.mark(tenantId, key), at: new Date().toISOString() })) !== undefined;
  }
}
