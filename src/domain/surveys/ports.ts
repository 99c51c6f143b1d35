/**
 * Ports for surveys, sessions, attendance, communication preferences and tenant settings
 * (re-exported by ports.ts). Every method takes the tenant id first.
 */
import type { AnswerValue, Question, Survey, SurveyTally } from './survey';

export interface RecordAnswer {
  tenantId: string;
  surveyId: string;
  /** Keyed hash of the person for this survey: one answer per question without storing who. */
  respondentKey: string;
  question: Question;
  answer: AnswerValue;
  /** Named surveys only: who answered (kept on the respondent row, for the owner). */
  respondent?: { userId: string; name?: string };
}

export interface SurveyRepository {
  /** Creates the survey, its empty tally and its owner-index row; `conflict` if the id is taken. */
  create(survey: Survey): Promise<Survey>;
  get(tenantId: string, surveyId: string): Promise<Survey | undefined>;
  /** Saves a changed survey with the ETag it was read with; `conflict` if it changed since. */
  save(survey: Survey): Promise<Survey>;
  /** The owner's surveys, newest first (at most `limit`). */
  listByOwner(tenantId: string, ownerKey: string, limit: number): Promise<Survey[]>;
  /** The whole tally: a read of the shard rows, never of the answers. */
  tally(tenantId: string, surveyId: string): Promise<SurveyTally>;
  answerOf(tenantId: string, surveyId: string, questionId: string, respondentKey: string): Promise<AnswerValue | undefined>;
  /**
   * Stores or changes one answer and moves the tally in one transaction. A repeat of the same answer
   * changes nothing; `closed` once the tally is frozen.
   */
  recordAnswer(answer: RecordAnswer): Promise<{ previous?: AnswerValue; changed: boolean }>;
  /** Freezes the tally: no answer commits after this. */
  freeze(tenantId: string, surveyId: string): Promise<void>;
  /** Up to `limit` free-text answers to one question (owner only), read from that question's rows. */
  freeTexts(tenantId: string, surveyId: string, questionId: string, limit: number): Promise<string[]>;
  /** Every answer, grouped by respondent (export). */
  responses(tenantId: string, surveyId: string): Promise<Map<string, Map<string, AnswerValue>>>;
}

/** Who took part, kept apart from what they said: a different table, keyed by person, no answers. */
export interface Attendee {
  personKey: string;
  userId: string;
  name?: string;
}

export interface AttendanceRepository {
  /** Create-if-absent: true the first time this person is recorded for this survey. */
  record(tenantId: string, surveyId: string, attendee: Attendee, via: string): Promise<boolean>;
  list(tenantId: string, surveyId: string): Promise<Attendee[]>;
  /** Rewrites every row so none keeps the time it was first written (no timing link to answers). */
  settle(tenantId: string, surveyId: string): Promise<void>;
}

export interface TenantSettings {
  /** Counts from 1 to this minus one are shown as "fewer than N" beyond the owner. */
  suppressionThreshold: number;
}

export interface TenantSettingsRepository {
  get(tenantId: string): Promise<TenantSettings | undefined>;
  put(tenantId: string, settings: TenantSettings): Promise<void>;
}

export interface ExportLink {
  tenantId: string;
  surveyId: string;
  ownerKey: string;
  expiresAt: Date;
}

export interface ExportLinkRepository {
  /** Stores the link under a hash of its token (the token itself is never stored). */
  create(tokenHash: string, link: ExportLink): Promise<void>;
  get(tenantId: string, tokenHash: string): Promise<ExportLink | undefined>;
}
