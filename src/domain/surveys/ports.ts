/**
 * Ports for surveys, sessions, attendance, communication preferences and tenant settings
 * (re-exported by ports.ts). Every method takes the tenant id first.
 */
import type { StoredConversation } from '../shared/conversation';
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

export type SessionStatus = 'open' | 'ended';

export interface Session {
  tenantId: string;
  sessionId: string;
  surveyId: string;
  surveyVersion: number;
  conversation: StoredConversation;
  facilitatorKey: string;
  facilitatorUserId: string;
  facilitatorName?: string;
  /** -1: the welcome and consent card; 0…n-1: the question everyone is on. */
  current: number;
  status: SessionStatus;
  /** Members of the chat when it started; above 60 the card offers a 1:1 start instead. */
  memberCount: number;
  activityId?: string;
  startedAt: Date;
  endedAt?: Date;
  etag?: string;
}

export interface SessionRepository {
  /** Creates the session and makes it the conversation's active one; `conflict` if one is running there. */
  create(session: Session): Promise<Session>;
  get(tenantId: string, sessionId: string): Promise<Session | undefined>;
  /** The running session of a chat, if any. */
  activeIn(tenantId: string, conversationId: string): Promise<Session | undefined>;
  save(session: Session): Promise<Session>;
  /** Clears the conversation's active pointer. */
  release(tenantId: string, conversationId: string, sessionId: string): Promise<void>;
}

export const COMMUNICATION_NEEDS = ['symbols', 'easyRead', 'readAloud', 'twoPoint', 'bsl', 'aac', 'extraTime'] as const;
export type CommunicationNeed = (typeof COMMUNICATION_NEEDS)[number];

export interface CommunicationPreferences {
  personKey: string;
  name?: string;
  needs: CommunicationNeed[];
  note?: string;
  updatedBy: string;
  updatedAt: Date;
}

export interface PreferenceRepository {
  get(tenantId: string, personKey: string): Promise<CommunicationPreferences | undefined>;
  put(tenantId: string, preferences: CommunicationPreferences): Promise<void>;
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
