import type { Findings } from './findings';
/** Repository interfaces ("ports") of Findings (docs/findings.md); src/storage/findings implements them. */
/** One send to one person: `what` is "publish" or "status-{responseId}-{status}". */
export interface SendMarker {
  personKey: string;
  what: string;
  state: 'claimed' | 'sent' | 'failed';
  activityId?: string;
  reason?: string;
}

export interface FindingsRepository {
  /** `conflict` if findings exist for this survey already. */
  create(findings: Findings): Promise<Findings>;
  get(tenantId: string, surveyId: string): Promise<Findings | undefined>;
  /** ETag-guarded; `conflict` if changed or deleted since read. */
  save(findings: Findings): Promise<Findings>;
  remove(tenantId: string, surveyId: string): Promise<void>;
  listByOwner(tenantId: string, owner: string): Promise<Findings[]>;
  /** Create-if-absent marker before a send: true exactly once per (findings, person, what). */
  claimSend(tenantId: string, surveyId: string, personKey: string, what: string): Promise<boolean>;
  /** Records the outcome on the marker. */
  recordSend(tenantId: string, surveyId: string, marker: SendMarker): Promise<void>;
  /** Gives a claim back when the send threw (so a retry can send). */
  releaseSend(tenantId: string, surveyId: string, personKey: string, what: string): Promise<void>;
  /** The markers of one kind of send ("publish"): where each person's card is, for updates in place. */
  sends(tenantId: string, surveyId: string, what: string): Promise<SendMarker[]>;
}
