import type { Clock } from '../shared/clock';
import { type Actor, type StoredConversation, personKey } from '../shared/conversation';
import { DomainError } from '../shared/errors';
import type { ReachRepository } from '../digests/ports';
import type { Survey, SurveyTally } from '../surveys/survey';
import type { CommunicationNeed } from '../preferences/preferences';
import type { PreferenceRepository } from '../preferences/ports';
import type { Session, SessionRepository } from './ports';
import type { SurveyService } from '../surveys/survey-service';

/** Above this many members a session card offers a 1:1 start instead of answering in the chat. */
export const SESSION_IN_CHAT_MAX_MEMBERS = 60;
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface SessionState {
  session: Session;
  survey: Survey;
}

/** What the facilitator sees: answers per question (counts only, never who). */
export interface FacilitatorCounts {
  perQuestion: { number: number; answers: number }[];
}

/** Needs the bot cannot apply on a card, shown to the facilitator before the session. */
export interface SessionNeeds {
  name?: string;
  needs: CommunicationNeed[];
  note?: string;
}

export interface SessionServiceDeps {
  sessions: SessionRepository;
  surveys: SurveyService;
  preferences: PreferenceRepository;
  clock: Clock;
  /** Records the people present (the chat's members) as asked: the denominator of response rates. */
  reach?: ReachRepository;
}

/** Virtual sessions in a meeting chat or group chat: one survey, everyone on the same question. */
export class SessionService {
  constructor(private readonly deps: SessionServiceDeps) {}

  /**
   * Starts a session of an open survey in this chat; the facilitator must own the survey. `members`
   * (the chat's members when Teams says who they are) are counted as asked, except the facilitator.
   */
  async start(input: {
    sessionId: string;
    actor: Actor;
    surveyId: unknown;
    conversation: StoredConversation;
    memberCount: number;
    members?: { personKey: string }[];
    /** The Teams meeting of a meeting chat (docs/meetings.md). */
    meetingId?: string;
  }): Promise<SessionState> {
    if (!ID.test(input.sessionId)) throw new DomainError('invalid_input', 'This card is out of date. Type "session start" again.');
    if (input.conversation.conversationType === 'personal') {
      throw new DomainError('unsupported', 'Start a session in a meeting chat or group chat.');
    }
    const survey = await this.deps.surveys.getOwned(input.actor.tenantId, input.surveyId, input.actor);
    if (survey.status !== 'open') throw new DomainError('closed', 'Publish the survey before you start a session with it.');
    await this.deps.surveys.checkGoingOut(survey, 'session');
    const session = await this.deps.sessions.create({
      tenantId: input.actor.tenantId,
      sessionId: input.sessionId.toLowerCase(),
      surveyId: survey.surveyId,
      surveyVersion: survey.version,
      conversation: input.conversation,
      facilitatorKey: personKey(input.actor),
      facilitatorUserId: input.actor.userId,
      facilitatorName: input.actor.name,
      current: -1,
      status: 'open',
      memberCount: input.memberCount,
      meetingId: input.meetingId,
      startedAt: this.deps.clock.now()
    });
    const present = (input.members ?? []).map((m) => m.personKey).filter((key) => key !== session.facilitatorKey);
    if (present.length > 0) await this.deps.reach?.add(session.tenantId, survey.surveyId, present);
    return { session, survey };
  }

  async get(tenantId: string, sessionId: unknown): Promise<SessionState> {
    const session = typeof sessionId === 'string' && ID.test(sessionId) ? await this.deps.sessions.get(tenantId, sessionId.toLowerCase()) : undefined;
    if (!session) throw new DomainError('not_found', 'This session no longer exists.');
    return { session, survey: await this.deps.surveys.recent(tenantId, session.surveyId) };
  }

  async activeIn(tenantId: string, conversationId: string): Promise<SessionState> {
    const session = await this.deps.sessions.activeIn(tenantId, conversationId);
    if (!session || session.status !== 'open') throw new DomainError('not_found', 'No session is running in this chat. Type "session start" to begin one.');
    return { session, survey: await this.deps.surveys.get(tenantId, session.surveyId) };
  }

  async attachMessage(session: Session, activityId: string): Promise<Session> {
    return this.deps.sessions.save({ ...session, activityId });
  }

  /** Moves everyone to the next question (the facilitator only). At the last question it stays there. */
  async next(tenantId: string, conversationId: string, actor: Actor): Promise<SessionState & { moved: boolean }> {
    const state = await this.activeIn(tenantId, conversationId);
    this.checkFacilitator(state.session, actor);
    const last = state.survey.questions.length - 1;
    if (state.session.current >= last) return { ...state, moved: false };
    const session = await this.deps.sessions.save({ ...state.session, current: state.session.current + 1 });
    return { session, survey: state.survey, moved: true };
  }

  /** Ends the session: the chat is free again and the thank-you card replaces the question. */
  async end(tenantId: string, conversationId: string, actor: Actor): Promise<SessionState> {
    const state = await this.activeIn(tenantId, conversationId);
    this.checkFacilitator(state.session, actor);
    const session = await this.deps.sessions.save({ ...state.session, status: 'ended', endedAt: this.deps.clock.now() });
    await this.deps.sessions.release(tenantId, conversationId, session.sessionId);
    return { session, survey: state.survey };
  }

  checkFacilitator(session: Session, actor: Actor): void {
    if (session.facilitatorKey !== personKey(actor)) throw new DomainError('forbidden', 'Only the person running this session can do that.');
  }

  isFacilitator(session: Session, actor: Actor): boolean {
    return session.facilitatorKey === personKey(actor);
  }

  /** Answers so far per question: from the tally, so no answer is read and nobody is named. */
  countsOf(survey: Survey, tally: SurveyTally): FacilitatorCounts {
    return {
      perQuestion: survey.questions.map((q, i) => {
        const cells = tally.questions[q.id] ?? [];
        const n = cells.length;
        // the last two cells: skipped, answered
        const answers = n >= 2 ? (cells[n - 1] ?? 0) + (cells[n - 2] ?? 0) : 0;
        return { number: i + 1, answers };
      })
    };
  }

  /** The needs of the chat's members that a card cannot meet (BSL, AAC, extra time…), for the facilitator. */
  async needsOf(tenantId: string, members: { personKey: string; name?: string }[]): Promise<SessionNeeds[]> {
    const prefs = await Promise.all(members.map((m) => this.deps.preferences.get(tenantId, m.personKey)));
    const shown: CommunicationNeed[] = ['bsl', 'aac', 'extraTime', 'readAloud', 'twoPoint', 'easyRead', 'symbols'];
    return prefs
      .map((p, i) => ({ name: members[i]?.name ?? p?.name, needs: (p?.needs ?? []).filter((n) => shown.includes(n)), note: p?.note }))
      .filter((p) => p.needs.length > 0 || p.note);
  }
}
