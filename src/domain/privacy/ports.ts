import type { PrivacySettings, RetentionMark, RetentionCounts, PersonIdentity, EraseCounts } from './privacy';
/** Repository interfaces ("ports") of Retention and erasure (docs/privacy.md); src/storage/privacy implements them. */
export interface PrivacySettingsRepository {
  /** The tenant's settings, or the defaults when none are stored. */
  get(tenantId: string): Promise<PrivacySettings>;
  /** Read-change-write with the ETag, retried on a race. */
  update(tenantId: string, change: (current: PrivacySettings) => PrivacySettings): Promise<PrivacySettings>;
}

export interface RetentionStore {
  getMark(tenantId: string, surveyId: string): Promise<RetentionMark | undefined>;
  /** Create-if-absent "deleting"; returns the mark as stored (an earlier, unfinished or finished one). */
  beginMark(tenantId: string, surveyId: string, at: Date, retentionDays: number): Promise<RetentionMark>;
  /** "deleting" → "deleted" with the counts. */
  finishMark(tenantId: string, surveyId: string, at: Date, counts: RetentionCounts): Promise<void>;
  /** Deletes the `answer|…` and `resp|…` rows of the survey's partition (meta and tally rows stay). */
  deleteRawAnswers(tenantId: string, surveyId: string): Promise<{ answers: number; respondents: number }>;
  deleteExportLinks(tenantId: string, surveyId: string): Promise<number>;
  /** The survey's 1:1 delivery records (who was sent it); the job row stays. */
  deleteDeliveryRecords(tenantId: string, surveyId: string): Promise<number>;
  /**
   * The words (and named respondent) kept on the survey's safeguarding alerts; the alerts stay. Words of
   * an alert not yet acknowledged (or acknowledged lately) are kept, marked due: `kept` says how many.
   */
  deleteAlertWords(tenantId: string, surveyId: string, at: Date): Promise<{ cleared: number; kept: number }>;
  /** Clears the words of review comments on the survey's findings (the choices stay); how many. */
  clearReviewComments(tenantId: string, surveyId: string): Promise<number>;
  /** Every closed survey of the tenant with its closing time. */
  closedSurveys(tenantId: string): Promise<{ surveyId: string; closedAt: Date }[]>;
}

/** What erasure needs to find a person's rows keyed by a hash (named and pseudonymous tiers only). */
export interface ErasurePlan {
  tenantId: string;
  person: PersonIdentity;
  surveyRows: { surveyId: string; respondentKey: string; questionIds: string[] }[];
  pollVotes: { pollId: string; voterKey: string }[];
  dueItems: { kind: string; key: string }[];
}

export interface PersonDataStore {
  /** Person keys seen with this Teams user id (conversation references, attendance, deliveries, groups). */
  keysOfUserId(tenantId: string, userId: string): Promise<string[]>;
  /** Teams user ids of a person key (from their 1:1 conversation reference). */
  userIdsOf(tenantId: string, personKey: string): Promise<string[]>;
  /** Surveys of the tenant that are not anonymous, with their question ids. */
  linkableSurveys(tenantId: string): Promise<{ surveyId: string; questionIds: string[] }[]>;
  /** Named (not anonymous) polls of the tenant. */
  namedPolls(tenantId: string): Promise<string[]>;
  /** Counts (dryRun) or deletes everything in the plan; a repeat finds nothing. */
  erase(plan: ErasurePlan, dryRun: boolean): Promise<Omit<EraseCounts, 'safeguardingLead'>>;
}

export type ErasureState = { state: 'new' } | { state: 'running' } | { state: 'done'; counts: EraseCounts; at: Date };

export interface ErasureLedger {
  /** Create-if-absent "running"; says what state an existing request is in. */
  begin(tenantId: string, requestId: string, by: string, at: Date): Promise<ErasureState>;
  /** running → done with the counts; true for the one caller that moved it. */
  finish(tenantId: string, requestId: string, counts: EraseCounts, at: Date): Promise<boolean>;
}

export interface LeadRole {
  leadKey(tenantId: string): Promise<string | undefined>;
  /** The deputy leads' person keys. */
  deputyKeys?(tenantId: string): Promise<string[]>;
  /** Clears the lead role, and the deputy role, if still this person's. */
  clearIf(tenantId: string, personKey: string): Promise<void>;
}
