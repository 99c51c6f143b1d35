/** Repository interfaces ("ports") of reports and report files; src/storage/reports implements them. */

/** The files VoiceLoop hands out: the participation audit (CSV), the board report and its easy-read version (HTML), a working group's audit trail (CSV). */
export const REPORT_FILE_KINDS = ['auditCsv', 'reportHtml', 'easyReadHtml', 'auditTrailCsv'] as const;
export type ReportFileKind = (typeof REPORT_FILE_KINDS)[number];

/** What a file is made from: it is made again when it is fetched, never stored. */
export interface ReportFileRequest {
  kind: ReportFileKind;
  /** The period (audit and report). */
  from?: string;
  to?: string;
  /** The working groups whose audit trail it is (the trail). */
  teamIds?: string[];
}

/** A download link or a file consent card's context, stored under the hash of its token. */
export interface ReportLink extends ReportFileRequest {
  tenantId: string;
  /** Who asked: only they can fetch it through Teams; ids only, no name. */
  requester: { userId: string; aadObjectId?: string };
  expiresAt: Date;
}

export interface ReportLinkRepository {
  create(tokenHash: string, link: ReportLink): Promise<void>;
  get(tenantId: string, tokenHash: string): Promise<ReportLink | undefined>;
  /**
   * Marks that something was done once (a person's quarterly report for a quarter); true when this call
   * made the mark, false when it was there already.
   */
  markOnce(tenantId: string, key: string): Promise<boolean>;
}
