import type { StoredConversation } from '../shared/conversation';
/** Repository interfaces ("ports") of Virtual sessions; src/storage/sessions implements them. */
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
  /** Meetings (docs/meetings.md): the Teams meeting the session runs in, once known. */
  meetingId?: string;
  /** Meetings: a short break; answers wait until the facilitator carries on. */
  paused?: boolean;
  /** Meetings: the facilitator shared the group's answers to the meeting stage. */
  stage?: boolean;
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

/** How a supported answer was given (docs/groups.md, "Supported and offline contributions"). */
export const SUPPORT_HOWS = ['symbols', 'drawing', 'conversation', 'supporter', 'paper'] as const;
export type SupportHow = (typeof SUPPORT_HOWS)[number];

/** Counts of a survey's supported answers and of the people present without Teams: never who. */
export interface ContributionCounts {
  /** People whose answers the facilitator recorded for them ("given with support"). */
  supported: number;
  byHow: Record<SupportHow, number>;
  /** People present without Teams, summed over the survey's sessions. */
  others: number;
}

/** Supported answers and others present, kept apart from answers and attendance; no row names anyone. */
export interface ContributionRepository {
  /** Create-if-absent, keyed by the form's entry id: true the first time this entry is marked. */
  markSupported(tenantId: string, surveyId: string, entryId: string, how: SupportHow): Promise<boolean>;
  /** Sets (not adds) the number of others present without Teams in one session. */
  setOthers(tenantId: string, surveyId: string, sessionId: string, count: number): Promise<void>;
  counts(tenantId: string, surveyId: string): Promise<ContributionCounts>;
}
