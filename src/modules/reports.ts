/**
 * Wires the audit and board report files and the quarterly report (docs/audit-and-report.md): the link
 * table, how each file is made (the audit's CSV, the report's HTML pages, a working group's trail), the
 * quarterly job, and the HTTP download.
 */
import { reportSummaryCard } from '../cards/reports/report-cards';
import { easyReadHtml, reportHtml } from '../cards/reports/report-page';
import type { ApprovalService } from '../domain/approvals/approval-service';
import { type ParticipationAuditDeps, auditCsv as participationCsv, auditFor, readAuditInputs } from '../domain/plans/participation-audit';
import { londonDate } from '../domain/plans/plan-service';
import type { ReportFileRequest } from '../domain/reports/ports';
import { buildReport } from '../domain/reports/report';
import { FILE_NAMES, REPORT_JOB, type ReportFile, ReportService } from '../domain/reports/report-service';
import { auditCsv as trailCsv } from '../domain/shared/audit';
import type { Actor } from '../domain/shared/conversation';
import type { Scheduler } from '../scheduler/scheduler';
import { TableReportLinkRepository } from '../storage/reports/report-link-repository';
import { TABLES } from '../storage/shared/keys';
import type { Shared } from './shared';

export interface ReportNeeds {
  participation: ParticipationAuditDeps;
  approvals: ApprovalService;
}

export function createReports(shared: Shared, { participation, approvals }: ReportNeeds) {
  const range = (r: ReportFileRequest) => ({ from: r.from ?? '', to: r.to ?? '' });
  const make = async (tenantId: string, requester: Actor, request: ReportFileRequest): Promise<ReportFile> => {
    const filename = FILE_NAMES[request.kind](request);
    switch (request.kind) {
      case 'auditCsv':
        return { filename, contentType: 'text/csv', body: participationCsv(await auditFor(participation, tenantId, range(request))) };
      case 'reportHtml':
      case 'easyReadHtml': {
        const report = buildReport(await readAuditInputs(participation, tenantId, range(request)));
        const body = request.kind === 'reportHtml' ? reportHtml(report, londonDate(shared.clock.now())) : easyReadHtml(report);
        return { filename, contentType: 'text/html', body };
      }
      case 'auditTrailCsv': {
        // The chair is checked again (and the export recorded) every time the trail is fetched.
        const entries = [];
        for (const teamId of request.teamIds ?? []) entries.push(...(await approvals.auditFor(requester, teamId)));
        return { filename, contentType: 'text/csv', body: trailCsv(entries) };
      }
    }
  };
  const service = new ReportService({
    links: new TableReportLinkRepository(shared.tables.client(TABLES.reportLinks)),
    due: shared.due,
    sender: shared.proactive,
    clock: shared.clock,
    make,
    summaryCard: async (tenantId, period) => reportSummaryCard(buildReport(await readAuditInputs(participation, tenantId, period)), { button: true })
  });
  return {
    service,
    /** GET /files/{tenant}/{token}.{csv|html}: a report file behind its expiring link. */
    file: (tenantId: string, token: string): Promise<ReportFile> => service.file(tenantId, token),
    registerJobs(scheduler: Scheduler): void {
      scheduler.register(REPORT_JOB, async (item) => {
        await service.run(item);
      });
    }
  };
}
