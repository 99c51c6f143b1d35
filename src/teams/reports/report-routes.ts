/**
 * The participation audit, the board report and the working group's audit trail, as cards and files
 * (docs/audit-and-report.md): `audit participation <from> <to>`, `report <from> <to>`, `report subscribe`,
 * `report stop`, `audit export`, the "get the files" button and the file consent answers for them.
 */
import { ActivityTypes, type TurnContext } from 'botbuilder';
import { fileOfferCard, participationAuditCard, reportConsentAttachment, reportSummaryCard, type FilesOffer } from '../../cards/reports/report-cards';
import { easyNoticeCard, fileInfoAttachment } from '../../cards/surveys/survey-cards';
import { noticeCard } from '../../cards/shared/notice-card';
import { VERBS } from '../../cards/shared/verbs';
import type { ApprovalService } from '../../domain/approvals/approval-service';
import { type ParticipationAuditDeps, auditFor, parseRange, readAuditInputs } from '../../domain/plans/participation-audit';
import { REPORT_FILE_KINDS, type ReportFileKind, type ReportFileRequest } from '../../domain/reports/ports';
import { buildReport } from '../../domain/reports/report';
import type { ReportService } from '../../domain/reports/report-service';
import { type Actor, personKey } from '../../domain/shared/conversation';
import { DomainError, isDomainError } from '../../domain/shared/errors';
import { formatForPeople } from '../../domain/shared/time';
import { actorOf, conversationTypeOf, teamIdOf, tenantOf } from '../shared/activity';
import { cardMessage } from '../shared/card-message';
import { sendCard, sendFailure, sendInvoke } from '../shared/invoke';
import { type App, type InvokeData, type TeamsDeps, invokeHandler } from '../shared/route-helpers';
import { uploadTarget } from '../surveys/survey-routes';

export interface ReportRouteDeps {
  reports: ReportService;
  participation: ParticipationAuditDeps;
  approvals: ApprovalService;
  publicUrl: string;
}

/** The download link of a report file: served by the bot's own HTTP server (src/http/http-server.ts). */
export const fileLink = (publicUrl: string, tenantId: string, token: string, filename: string): string =>
  `${publicUrl.replace(/\/+$/, '')}/files/${encodeURIComponent(tenantId)}/${token}.${filename.endsWith('.html') ? 'html' : 'csv'}`;

const DESCRIPTIONS: Record<ReportFileKind, string> = {
  auditCsv: 'The participation audit per service area (small numbers suppressed).',
  reportHtml: 'The board report: open it in a browser to read or print it.',
  easyReadHtml: 'The easy-read one-page report for young people and families.',
  auditTrailCsv: 'The working group audit trail.'
};

const withEasyRead = (request: ReportFileRequest): ReportFileRequest[] => (request.kind === 'reportHtml' ? [request, { ...request, kind: 'easyReadHtml' }] : [request]);

/** The chats where Teams can save a file for the person: their 1:1 chat with the bot, in production. */
const canConsent = (context: TurnContext, deps: TeamsDeps) => deps.exportDelivery === 'fileConsent' && conversationTypeOf(context.activity) === 'personal';

export function registerReportRoutes(app: App, deps: TeamsDeps & ReportRouteDeps): void {
  const { reports, log } = deps;

  /**
   * Hands out the files of a request: Teams file consent cards (returned, to send after the card) in a
   * 1:1 chat in production, else expiring links on the card. Never the content on a card.
   */
  const offerFor = async (context: TurnContext, request: ReportFileRequest): Promise<{ offer: FilesOffer; attachments: unknown[] }> => {
    const actor = actorOf(context.activity);
    const tenantId = tenantOf(context.activity);
    if (canConsent(context, deps)) {
      const attachments = [];
      for (const r of withEasyRead(request)) {
        const { token, filename } = await reports.issue(actor, r, { forConsent: true });
        const { body } = await reports.file(tenantId, token, actor);
        attachments.push(reportConsentAttachment({ name: filename, sizeInBytes: Buffer.byteLength(`\uFEFF${body}`), token, description: DESCRIPTIONS[r.kind] }));
      }
      return { offer: { consent: true }, attachments };
    }
    const links = [];
    for (const r of withEasyRead(request)) {
      const { token, filename } = await reports.issue(actor, r);
      links.push({ name: filename, url: fileLink(deps.publicUrl, tenantId, token, filename) });
    }
    return { offer: { links }, attachments: [] };
  };

  const sendAttachments = async (context: TurnContext, attachments: unknown[]) => {
    if (attachments.length) await context.sendActivity({ type: ActivityTypes.Message, attachments: attachments as never });
  };

  /** In a 1:1 chat the files come straight away; in a channel or group chat only on the button, to whoever presses it. */
  const shared = (context: TurnContext) => conversationTypeOf(context.activity) !== 'personal';

  const reportCard = async (tenantId: string, range: { from: string; to: string }, offer: FilesOffer) =>
    reportSummaryCard(buildReport(await readAuditInputs(deps.participation, tenantId, range)), offer);

  /** The working groups whose audit trail this person may export: this channel's, or every group they chair. */
  const chairedGroups = async (context: TurnContext, actor: Actor): Promise<string[]> => {
    const teamId = conversationTypeOf(context.activity) === 'channel' ? teamIdOf(context.activity) || undefined : undefined;
    const groups = await deps.approvals.groups(actor.tenantId);
    return groups.filter((g) => g.chair === personKey(actor) && (!teamId || g.teamId === teamId)).map((g) => g.teamId);
  };

  const refuse = (context: TurnContext, title: string) => async (error: unknown) => {
    if (!isDomainError(error)) throw error;
    await context.sendActivity(cardMessage(noticeCard(title, error.message, 'attention')));
  };

  // ---- commands ---------------------------------------------------------------------------------

  app.message(/^\s*report\s+subscribe\s*$/i, async (context) => {
    const { next } = await reports.subscribe(actorOf(context.activity));
    await context.sendActivity(
      cardMessage(noticeCard('Report subscribed', `You will get the board report 1:1 at the start of every quarter, for the quarter just ended. The first comes ${formatForPeople(next, 'Europe/London')}. Type "report stop" to stop it.`, 'good'))
    );
  });

  app.message(/^\s*report\s+stop\s*$/i, async (context) => {
    await reports.unsubscribe(actorOf(context.activity));
    await context.sendActivity(cardMessage(noticeCard('Report stopped', 'You will not get the quarterly report any more. Type "report subscribe" to start again.', 'default')));
  });

  app.message(/^\s*report\b(.*)$/i, async (context) => {
    const words = /^\s*report\b(.*)$/i.exec(context.activity.text ?? '')?.[1] ?? '';
    try {
      const range = parseRange(words, 'report');
      const tenantId = tenantOf(context.activity);
      if (shared(context)) {
        await context.sendActivity(cardMessage(await reportCard(tenantId, range, { button: true })));
        return;
      }
      const { offer, attachments } = await offerFor(context, { kind: 'reportHtml', ...range });
      await context.sendActivity(cardMessage(await reportCard(tenantId, range, offer)));
      await sendAttachments(context, attachments);
    } catch (error) {
      await refuse(context, 'Report')(error);
    }
  });

  // The annual participation audit: a card per service area; the CSV as a file.
  app.message(/^\s*audit\s+participation\b(.*)$/i, async (context) => {
    const words = /^\s*audit\s+participation\b(.*)$/i.exec(context.activity.text ?? '')?.[1] ?? '';
    try {
      const range = parseRange(words);
      const audit = await auditFor(deps.participation, tenantOf(context.activity), range);
      if (shared(context) || audit.areas.length === 0) {
        await context.sendActivity(cardMessage(participationAuditCard(audit, { button: true })));
        return;
      }
      const { offer, attachments } = await offerFor(context, { kind: 'auditCsv', ...range });
      await context.sendActivity(cardMessage(participationAuditCard(audit, offer)));
      await sendAttachments(context, attachments);
    } catch (error) {
      await refuse(context, 'Participation audit')(error);
    }
  });

  // The working group's audit trail names people: it goes to the chair 1:1, as a file.
  app.message(/^\s*audit\s+export\s*$/i, async (context) => {
    const actor = actorOf(context.activity);
    const teamIds = await chairedGroups(context, actor);
    if (teamIds.length === 0) {
      await context.sendActivity(cardMessage(noticeCard('Nothing to export', 'Only the chair of a working group can export its audit trail.', 'attention')));
      return;
    }
    const request: ReportFileRequest = { kind: 'auditTrailCsv', teamIds };
    const text = `The audit trail of ${teamIds.length === 1 ? 'your working group' : `the ${teamIds.length} working groups you chair`}, as a CSV file.`;
    if (conversationTypeOf(context.activity) === 'personal') {
      const { offer, attachments } = await offerFor(context, request);
      await context.sendActivity(cardMessage(fileOfferCard({ title: 'Audit trail (CSV)', text, request, offer })));
      await sendAttachments(context, attachments);
      return;
    }
    const delivery = await deps.proactive.sendToPerson(actor.tenantId, personKey(actor), fileOfferCard({ title: 'Audit trail (CSV)', text, request, offer: { button: true } }));
    await context.sendActivity(
      cardMessage(
        delivery.delivered
          ? noticeCard('Audit trail sent', 'I have sent you the audit trail in our 1:1 chat.', 'good')
          : noticeCard('Message me first', 'I cannot reach you 1:1 yet. Open a chat with VoiceLoop and type "audit export" there.', 'attention')
      )
    );
  });

  // ---- the "get the files" button ---------------------------------------------------------------

  const requestOf = (data: InvokeData): ReportFileRequest => {
    const kind = data.kind;
    if (typeof kind !== 'string' || !(REPORT_FILE_KINDS as readonly string[]).includes(kind) || kind === 'easyReadHtml') throw new DomainError('invalid_input', 'That file is not one VoiceLoop makes.');
    if (kind === 'auditTrailCsv') {
      const teamIds = typeof data.teamIds === 'string' ? data.teamIds.split(',').filter(Boolean) : [];
      if (teamIds.length === 0) throw new DomainError('invalid_input', 'Which working group\'s audit trail is missing.');
      return { kind, teamIds };
    }
    return { kind: kind as ReportFileKind, ...parseRange(`${String(data.from ?? '')} ${String(data.to ?? '')}`, kind === 'reportHtml' ? 'report' : 'audit participation') };
  };

  app.adaptiveCards.actionExecute(
    VERBS.reportFiles,
    invokeHandler(log, async (context, data) => {
      const request = requestOf(data);
      const actor = actorOf(context.activity);
      const tenantId = tenantOf(context.activity);
      if (request.kind === 'auditTrailCsv') {
        const mine = new Set(await chairedGroups(context, actor));
        if (!request.teamIds!.every((t) => mine.has(t))) throw new DomainError('forbidden', 'Only the chair of the working group can export its audit trail.');
      }
      const { offer, attachments } = await offerFor(context, request);
      if (request.kind === 'reportHtml') await sendCard(context, await reportCard(tenantId, { from: request.from!, to: request.to! }, offer));
      else if (request.kind === 'auditCsv') await sendCard(context, participationAuditCard(await auditFor(deps.participation, tenantId, { from: request.from!, to: request.to! }), offer));
      else await sendCard(context, fileOfferCard({ title: 'Audit trail (CSV)', text: 'The audit trail, as a CSV file.', request, offer }));
      await sendAttachments(context, attachments);
    })
  );

  // ---- Teams saved (or declined) a report file ---------------------------------------------------

  app.activity(
    async (context) =>
      context.activity.type === ActivityTypes.Invoke &&
      context.activity.name === 'fileConsent/invoke' &&
      typeof (context.activity.value as { context?: { reportToken?: unknown } } | undefined)?.context?.reportToken === 'string',
    async (context) => {
      try {
        const value = context.activity.value as {
          action?: string;
          context: { reportToken: string };
          uploadInfo?: { uploadUrl?: string; contentUrl?: string; name?: string; uniqueId?: string; fileType?: string };
        };
        if (value.action !== 'accept') {
          await sendInvoke(context, { status: 200 });
          await context.sendActivity(cardMessage(easyNoticeCard('Not saved', 'No file was saved. Ask for the report or the audit again.', false)));
          return;
        }
        const upload = value.uploadInfo ?? {};
        const target = uploadTarget(upload.uploadUrl);
        const file = await reports.file(tenantOf(context.activity), value.context.reportToken, actorOf(context.activity));
        const body = Buffer.from(`\uFEFF${file.body}`, 'utf8');
        const put = await fetch(target, {
          method: 'PUT',
          headers: { 'content-type': file.contentType, 'content-length': String(body.length), 'content-range': `bytes 0-${body.length - 1}/${body.length}` },
          body
        });
        if (!put.ok) throw new Error(`the file upload was refused (${put.status})`);
        await sendInvoke(context, { status: 200 });
        if (upload.contentUrl && upload.name) {
          const info = fileInfoAttachment({ name: upload.name, contentUrl: upload.contentUrl, uniqueId: upload.uniqueId ?? '', fileType: upload.fileType ?? 'csv' });
          await context.sendActivity({ type: ActivityTypes.Message, attachments: [info] }).catch((error: unknown) => {
            log.warn({ err: error }, 'the report file was saved but the file card could not be sent');
          });
        }
      } catch (error) {
        await sendFailure(context, error, log);
      }
    }
  );
}
