/**
 * Report files and the quarterly subscription (docs/audit-and-report.md).
 *
 * Files: the participation audit (CSV), the board report and its easy-read version (HTML) and a working
 * group's audit trail (CSV) are never put on a card. Each is handed out as an unguessable link (or, in
 * Teams production, the context of a file consent card) stored under the hash of its token with who
 * asked and for what; the file is made again, with the same rules, when it is fetched, so nothing but the
 * request is stored. Links expire after 15 minutes (as survey exports), consent cards after a day.
 *
 * Subscription: one due item per person (as the digest), due at 09:00 UK time on the first day of each
 * quarter, sending the previous quarter's summary card 1:1. A mark per person and quarter makes the send
 * happen at most once however often the leased job is retried.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../shared/clock';
import { type Actor, personKey } from '../shared/conversation';
import { DomainError } from '../shared/errors';
import type { CardPayload, Delivery, DueItem, DueItemRepository, ProactiveSender } from '../shared/ports';
import { zonedWallTimeToUtc } from '../shared/time';
import { londonDate } from '../plans/plan-service';
import type { ReportFileKind, ReportFileRequest, ReportLinkRepository } from './ports';
import { nextQuarterStart, previousQuarter } from './report';

export const REPORT_JOB = 'report.quarterly';
export const LINK_MS = 15 * 60_000;
export const CONSENT_MS = 24 * 60 * 60_000;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export interface ReportFile {
  filename: string;
  contentType: 'text/csv' | 'text/html';
  body: string;
}

export interface ReportServiceDeps {
  links: ReportLinkRepository;
  due: DueItemRepository;
  sender: ProactiveSender;
  clock: Clock;
  /** Makes a file from its request, for the person who asked (the audit trail re-checks they chair the group). */
  make: (tenantId: string, requester: Actor, request: ReportFileRequest) => Promise<ReportFile>;
  /** The quarterly summary card of a period. */
  summaryCard: (tenantId: string, range: { from: string; to: string }) => Promise<CardPayload>;
}

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export const FILE_NAMES: Record<ReportFileKind, (r: ReportFileRequest) => string> = {
  auditCsv: (r) => `participation-audit-${r.from}-to-${r.to}.csv`,
  reportHtml: (r) => `voiceloop-report-${r.from}-to-${r.to}.html`,
  easyReadHtml: (r) => `voiceloop-report-easy-read-${r.from}-to-${r.to}.html`,
  auditTrailCsv: () => 'working-group-audit-trail.csv'
};

export class ReportService {
  constructor(private readonly deps: ReportServiceDeps) {}

  /** A token for one file (a download link, or a consent card's context with `forConsent`). */
  async issue(actor: Actor, request: ReportFileRequest, options: { forConsent?: boolean } = {}): Promise<{ token: string; expiresAt: Date; filename: string }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(this.deps.clock.now().getTime() + (options.forConsent ? CONSENT_MS : LINK_MS));
    await this.deps.links.create(hashToken(token), {
      ...request,
      tenantId: actor.tenantId,
      requester: { userId: actor.userId, ...(actor.aadObjectId ? { aadObjectId: actor.aadObjectId } : {}) },
      expiresAt
    });
    return { token, expiresAt, filename: FILE_NAMES[request.kind](request) };
  }

  /** The file behind a token; `not_found` when unknown or expired, or (with `actor`) when someone else asked for it. */
  async file(tenantId: string, token: unknown, actor?: Actor): Promise<ReportFile> {
    const link = typeof token === 'string' && TOKEN.test(token) ? await this.deps.links.get(tenantId, hashToken(token)) : undefined;
    if (!link || link.expiresAt <= this.deps.clock.now()) throw new DomainError('not_found', 'This file has expired. Ask for it again ("report", "audit participation" or "audit export").');
    const requester: Actor = { tenantId, ...link.requester };
    if (actor && personKey(actor) !== personKey(requester)) throw new DomainError('not_found', 'This file was made for someone else.');
    return this.deps.make(tenantId, requester, link);
  }

  /** Subscribes to the quarterly report; returns when the first comes. */
  async subscribe(actor: Actor): Promise<{ next: Date }> {
    const next = this.quarterStart(londonDate(this.deps.clock.now()));
    await this.deps.due.schedule({ tenantId: actor.tenantId, kind: REPORT_JOB, key: personKey(actor), dueAt: next, payload: { personKey: personKey(actor) } });
    return { next };
  }

  unsubscribe(actor: Actor): Promise<void> {
    return this.deps.due.cancel(actor.tenantId, REPORT_JOB, personKey(actor));
  }

  /**
   * Scheduler handler (leased): schedules the next quarter first, then sends the quarter just ended once
   * per person (a retried or doubled run finds the mark and sends nothing).
   */
  async run(item: DueItem): Promise<Delivery | undefined> {
    const person = String(item.payload.personKey);
    const asOf = londonDate(new Date(Math.max(this.deps.clock.now().getTime(), item.dueAt.getTime())));
    const quarter = previousQuarter(asOf);
    await this.deps.due.schedule({ tenantId: item.tenantId, kind: REPORT_JOB, key: item.key, dueAt: this.quarterStart(asOf), payload: item.payload });
    if (!(await this.deps.links.markOnce(item.tenantId, `${quarter.name}|${person}`))) return undefined;
    return this.deps.sender.sendToPerson(item.tenantId, person, await this.deps.summaryCard(item.tenantId, quarter));
  }

  private quarterStart(today: string): Date {
    return zonedWallTimeToUtc(nextQuarterStart(today), '09:00', 'Europe/London');
  }
}
