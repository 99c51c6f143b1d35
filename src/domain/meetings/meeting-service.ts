/**
 * Virtual sessions inside the Teams meeting (docs/meetings.md): the side panel and the stage view read
 * the session the meeting chat runs (`session start` there), answer through the same survey service
 * (same respondent key, attendance apart), and the organiser or a presenter moves it on.
 *
 * Live views poll: every read they make goes through a short cache shared by all viewers (the
 * session's summary, the tally), so storage work per second does not grow with the people watching.
 */
import type { Clock } from '../shared/clock';
import { type Actor, personKey } from '../shared/conversation';
import { DomainError } from '../shared/errors';
import { checkThreshold } from '../shared/suppression';
import type { Session, SessionRepository } from '../sessions/ports';
import type { SessionState } from '../sessions/session-service';
import { type QuestionResult, buildResults } from '../surveys/survey-results';
import { type AnswerValue, type Question, type Survey, type SurveyTally, answeredCell, skipCell } from '../surveys/survey';
import type { QuestionView, SurveyService } from '../surveys/survey-service';
import type { MeetingGateway, MeetingParticipant, MeetingRole } from './ports';

/** How long every viewer shares one read of the session and of its tally. */
export const SUMMARY_CACHE_MS = 2_000;
/** How long a participant's role is trusted for reads (actions always ask Teams again). */
export const ROLE_CACHE_MS = 60_000;
/** A side panel that polled within this is open: its person gets no in-meeting prompt. */
export const PANEL_OPEN_MS = 30_000;
/** Teams takes at most this many recipients per targeted meeting notification. */
export const PROMPT_BATCH = 50;

export const FACILITATOR_ACTIONS = ['start', 'next', 'pause', 'resume', 'end', 'share', 'unshare'] as const;
export type FacilitatorAction = (typeof FACILITATOR_ACTIONS)[number];

/** Who a verified SSO token says the person is. */
export interface MeetingIdentity {
  tenantId: string;
  aadObjectId: string;
  name?: string;
}

/** Which meeting and chat a page is in (from its Teams context). */
export interface MeetingScope {
  tenantId: string;
  conversationId: string;
  /** Absent in local mode (no Teams host). */
  meetingId?: string;
}

export interface MeetingViewer {
  actor: Actor;
  role: MeetingRole;
}

export type SessionPhase = 'none' | 'welcome' | 'question' | 'paused' | 'ended';

/** The small row every page polls: enough to know whether its view changed. */
export interface SessionSummary {
  phase: SessionPhase;
  sessionId?: string;
  /** 0-based question on now; -1 at the welcome. */
  index: number;
  total: number;
  /** The facilitator shared the group's answers to the stage. */
  stage: boolean;
  /** Changes whenever anything a page shows changes. */
  revision: string;
}

export interface PanelState {
  summary: SessionSummary;
  role: MeetingRole;
  canFacilitate: boolean;
  survey?: Survey;
  session?: Session;
  /** The current question with this person's own answer (phase 'question' or 'paused'). */
  question?: QuestionView;
}

export type StageChart =
  | { kind: 'shown'; result: QuestionResult; threshold: number }
  /** Fewer than the threshold of people have answered: nothing is shown yet. */
  | { kind: 'waiting'; threshold: number }
  /** Not shared by the facilitator yet, kept private by the survey, or nothing to show on this question. */
  | { kind: 'notShared' | 'private' | 'freeText' | 'none' };

export interface StageState {
  summary: SessionSummary;
  survey?: Survey;
  question?: Question;
  chart: StageChart;
}

export interface MeetingServiceDeps {
  sessions: SessionRepository;
  surveys: SurveyService;
  clock: Clock;
  /** Teams (absent in local mode without a bot): roles, members, prompts and the chat's card. */
  gateway?: MeetingGateway;
  /** Updates the session's card in the meeting chat after a move from the panel. */
  refreshChat?: (state: SessionState) => Promise<void>;
  /** Screens a written answer once stored (safeguarding), as the chat does. */
  screen?: (survey: Survey, question: Question, answer: AnswerValue, actor: Actor) => Promise<void>;
  /** The side panel's address, opened by the in-meeting prompt. */
  panelUrl: string;
  /** Logged, never thrown: a prompt that failed does not undo the move. */
  warn?: (message: string, detail: Record<string, unknown>) => void;
}

interface Cached<T> {
  at: number;
  value: Promise<T>;
}

const FACILITATING: readonly MeetingRole[] = ['organizer', 'presenter'];
const EMPTY_TALLY: SurveyTally = { questions: {}, respondents: 0 };

/** How many people reached a question: answered it or chose not to. */
function reachedOf(question: Question, tally: SurveyTally): number {
  const cells = tally.questions[question.id] ?? [];
  return (cells[answeredCell(question)] ?? 0) + (cells[skipCell(question)] ?? 0);
}

/** The session of a meeting chat, as the meeting's pages see and move it. */
export class MeetingSessionService {
  private readonly summaries = new Map<string, Cached<{ summary: SessionSummary; session?: Session; survey?: Survey }>>();
  private readonly tallies = new Map<string, Cached<SurveyTally>>();
  private readonly roles = new Map<string, { at: number; participant: MeetingParticipant | undefined }>();
  private readonly openPanels = new Map<string, Map<string, number>>();
  /** The tally last shown on each session's stage, per question: it moves in steps (see `stepped`). */
  private readonly shown = new Map<string, { question: string; tally: SurveyTally }>();

  constructor(private readonly deps: MeetingServiceDeps) {}

  /**
   * The person behind a verified token, in this meeting: Teams must say they are a participant of
   * `meetingId` and that the meeting's chat is `conversationId`; else `forbidden` (another meeting).
   */
  async viewer(identity: MeetingIdentity, scope: MeetingScope, fresh = false, endedSessionId?: string): Promise<MeetingViewer> {
    if (identity.tenantId !== scope.tenantId) throw new DomainError('forbidden', 'This sign-in is for another organisation.');
    if (!scope.meetingId) throw new DomainError('forbidden', 'Open this page from the meeting.');
    const gateway = this.deps.gateway;
    // Once the session has ended the chat has none running: the page's own (ended) session says where to ask.
    const session = (await this.read(scope.tenantId, scope.conversationId)).session ?? (await this.ended(scope, endedSessionId));
    if (!gateway || !session) throw new DomainError('not_found', 'No session is running in this meeting.');
    const participant = await this.participant(session, scope.meetingId, identity.aadObjectId, fresh);
    if (!participant || participant.conversationId !== scope.conversationId) throw new DomainError('forbidden', 'You are not in this meeting.');
    return {
      actor: { tenantId: identity.tenantId, userId: participant.userId, aadObjectId: identity.aadObjectId, name: participant.name ?? identity.name },
      role: participant.role
    };
  }

  /**
   * Local mode (no Teams host, loopback only): the local user, as the bot's local mode has it. With no
   * one named, the person who started the session in the chat (who runs it); anyone named is an attendee.
   */
  async localViewer(scope: MeetingScope, user?: { key: string; name?: string }): Promise<MeetingViewer> {
    const { session } = await this.read(scope.tenantId, scope.conversationId);
    if (!user) {
      if (!session) throw new DomainError('not_found', 'No session is running in this chat.');
      const actor: Actor = { tenantId: scope.tenantId, userId: session.facilitatorUserId, aadObjectId: session.facilitatorKey, name: session.facilitatorName };
      return { actor, role: 'organizer' };
    }
    const actor: Actor = { tenantId: scope.tenantId, userId: user.key, aadObjectId: user.key, name: user.name };
    return { actor, role: session && session.facilitatorKey === personKey(actor) ? 'organizer' : 'attendee' };
  }

  /** The chat's session as every page sees it, read at most once per SUMMARY_CACHE_MS whoever asks. */
  async summary(tenantId: string, conversationId: string): Promise<SessionSummary> {
    return (await this.read(tenantId, conversationId)).summary;
  }

  /** One person's side panel: the summary, and the current question with their own answer. */
  async panel(viewer: MeetingViewer, scope: MeetingScope): Promise<PanelState> {
    const { summary, session, survey } = await this.read(scope.tenantId, scope.conversationId);
    const canFacilitate = FACILITATING.includes(viewer.role);
    if (session) this.noteOpen(session, viewer.actor.userId);
    const state: PanelState = { summary, role: viewer.role, canFacilitate, survey, session };
    if (session && survey && session.current >= 0 && session.status === 'open') {
      state.question = await this.deps.surveys.questionView(scope.tenantId, survey.surveyId, viewer.actor, session.current, survey);
    }
    return state;
  }

  /** Records an answer to the question everyone is on (never another one), as the chat flow does. */
  async answer(
    viewer: MeetingViewer,
    scope: MeetingScope,
    data: { sessionId?: unknown; questionId?: unknown; version?: unknown; choice?: unknown; skip?: unknown; text?: unknown }
  ): Promise<{ changed: boolean }> {
    const session = await this.current(scope, data.sessionId);
    if (session.paused) throw new DomainError('closed', 'We are having a short break. Please answer when we carry on.');
    const survey = await this.deps.surveys.recent(scope.tenantId, session.surveyId);
    const question = survey.questions[session.current];
    if (!question || data.questionId !== question.id) throw new DomainError('conflict', 'We have moved on to another question. Here is the new one.');
    if (question.type === 'text' && !this.deps.screen) throw new DomainError('unsupported', 'Please write this answer in the meeting chat.');
    const stored = await this.deps.surveys.answer(scope.tenantId, session.surveyId, viewer.actor, data, `session:${session.sessionId}`);
    await this.deps.screen?.(stored.survey, stored.question, stored.answer, viewer.actor);
    return { changed: stored.changed };
  }

  /**
   * A facilitator's action: the organiser and presenters only, their role asked of Teams afresh.
   * Every change is saved with the ETag it was read with (two presenters pressing Next move once).
   */
  async act(viewer: MeetingViewer, scope: MeetingScope, action: unknown, sessionId: unknown): Promise<SessionSummary> {
    if (typeof action !== 'string' || !(FACILITATOR_ACTIONS as readonly string[]).includes(action)) {
      throw new DomainError('invalid_input', `The action must be one of: ${FACILITATOR_ACTIONS.join(', ')}.`);
    }
    if (!FACILITATING.includes(viewer.role)) throw new DomainError('forbidden', 'Only the organiser or a presenter can do that.');
    const session = await this.current(scope, sessionId, true);
    const survey = await this.deps.surveys.recent(scope.tenantId, session.surveyId);
    const last = survey.questions.length - 1;
    let next: Session = { ...session, meetingId: session.meetingId ?? scope.meetingId };
    let moved = false;
    switch (action as FacilitatorAction) {
      case 'start':
        if (session.current < 0) {
          next = { ...next, current: 0, paused: false };
          moved = true;
        }
        break;
      case 'next':
        if (session.current < last) {
          next = { ...next, current: session.current + 1, paused: false };
          moved = true;
        }
        break;
      case 'pause':
        next = { ...next, paused: true };
        break;
      case 'resume':
        next = { ...next, paused: false };
        break;
      case 'share':
        next = { ...next, stage: true };
        break;
      case 'unshare':
        next = { ...next, stage: false };
        break;
      case 'end':
        next = { ...next, status: 'ended', paused: false, endedAt: this.deps.clock.now() };
        moved = true;
        break;
    }
    const saved = await this.deps.sessions.save(next);
    if (action === 'end') {
      await this.deps.sessions.release(scope.tenantId, scope.conversationId, saved.sessionId);
      await this.deps.surveys.settleAttendance(scope.tenantId, saved.surveyId);
    }
    this.forget(scope.tenantId, scope.conversationId);
    if (moved) {
      const state = { session: saved, survey };
      await this.deps.refreshChat?.(state).catch((error: unknown) => this.deps.warn?.('could not update the session card in the chat', { err: String(error) }));
      await this.moved(state);
    }
    return this.summary(scope.tenantId, scope.conversationId);
  }

  /**
   * After the session moved (from the panel or the chat): every page sees it at its next poll, and
   * the people in the meeting without the side panel open get an in-meeting prompt to open it.
   */
  async moved(state: SessionState): Promise<void> {
    const { session } = state;
    this.forget(session.tenantId, session.conversation.conversationId);
    const gateway = this.deps.gateway;
    if (!gateway || !session.meetingId || session.status !== 'open' || session.current < 0) return;
    try {
      const open = this.openPanels.get(session.sessionId) ?? new Map<string, number>();
      const now = this.deps.clock.monotonicNow();
      const recipients = (await gateway.members(session.conversation))
        .filter((m) => m.personKey !== session.facilitatorKey && m.userId !== session.facilitatorUserId)
        .filter((m) => now - (open.get(m.userId) ?? Number.NEGATIVE_INFINITY) > PANEL_OPEN_MS)
        .map((m) => m.userId);
      const prompt = { title: `Question ${session.current + 1} of ${state.survey.questions.length}`, url: this.deps.panelUrl };
      for (let i = 0; i < recipients.length; i += PROMPT_BATCH) {
        await gateway.notify(session.conversation, session.meetingId, recipients.slice(i, i + PROMPT_BATCH), prompt);
      }
    } catch (error) {
      this.deps.warn?.('the in-meeting prompt could not be sent', { sessionId: session.sessionId, err: String(error) });
    }
  }

  /**
   * The stage: the current question and, once the facilitator shares it, the group's answers with
   * the results' small-number suppression. Never a name, never free text. The counts shown move in
   * steps of at least the threshold of people, so nobody watching sees one person's answer arrive.
   */
  async stage(scope: MeetingScope): Promise<StageState> {
    const { summary, session, survey } = await this.read(scope.tenantId, scope.conversationId);
    const question = session && survey && session.current >= 0 ? survey.questions[session.current] : undefined;
    const state: StageState = { summary, survey, question, chart: { kind: 'none' } };
    if (!session || !survey || !question) return state;
    if (!session.stage) return { ...state, chart: { kind: 'notShared' } };
    if (survey.resultsVisibility === 'ownerOnly') return { ...state, chart: { kind: 'private' } };
    if (question.type === 'text') return { ...state, chart: { kind: 'freeText' } };
    const [tally, threshold] = await Promise.all([this.tally(survey), this.deps.surveys.threshold(scope.tenantId)]);
    const shownTally = this.stepped(session, question, tally, checkThreshold(threshold));
    if (reachedOf(question, shownTally) === 0) return { ...state, chart: { kind: 'waiting', threshold } };
    const results = buildResults(survey, shownTally, { forOwner: false, threshold });
    const result = results.questions[session.current];
    return result ? { ...state, chart: { kind: 'shown', result, threshold } } : state;
  }

  /**
   * The tally to show: the one shown last for this question, until at least `threshold` more people
   * reached it; nothing before the first `threshold` people. A changed answer waits for the next step.
   */
  private stepped(session: Session, question: Question, tally: SurveyTally, threshold: number): SurveyTally {
    const reached = (t: SurveyTally): number => reachedOf(question, t);
    const last = this.shown.get(session.sessionId);
    const base = last && last.question === question.id ? last.tally : EMPTY_TALLY;
    const grown = reached(tally) - reached(base);
    if (grown >= 0 && grown < threshold) return base;
    if (this.shown.size > 1_000) this.shown.clear();
    this.shown.set(session.sessionId, { question: question.id, tally });
    return tally;
  }

  /** The session the page is in; `closed` once it has ended (or when the page is a session behind). */
  private async current(scope: MeetingScope, sessionId: unknown, fresh = false): Promise<Session> {
    if (fresh) this.forget(scope.tenantId, scope.conversationId);
    const { session } = await this.read(scope.tenantId, scope.conversationId);
    if (!session || session.status !== 'open') throw new DomainError('closed', 'This session has ended. Your answer was not saved.');
    if (typeof sessionId !== 'string' || sessionId.toLowerCase() !== session.sessionId) {
      throw new DomainError('conflict', 'This page is showing an older session. It will now show the new one.');
    }
    return session;
  }

  /** A session of this chat by its id (the one a page was showing, now ended). */
  private async ended(scope: MeetingScope, sessionId: string | undefined): Promise<Session | undefined> {
    if (!sessionId || !/^[0-9a-f-]{36}$/i.test(sessionId)) return undefined;
    const session = await this.deps.sessions.get(scope.tenantId, sessionId.toLowerCase());
    return session && session.conversation.conversationId === scope.conversationId ? session : undefined;
  }

  private noteOpen(session: Session, userId: string): void {
    let open = this.openPanels.get(session.sessionId);
    if (!open) {
      if (this.openPanels.size > 1_000) this.openPanels.clear();
      open = new Map();
      this.openPanels.set(session.sessionId, open);
    }
    open.set(userId, this.deps.clock.monotonicNow());
  }

  private async participant(session: Session, meetingId: string, aadObjectId: string, fresh: boolean): Promise<MeetingParticipant | undefined> {
    const key = `${session.tenantId}|${meetingId}|${aadObjectId}`;
    const hit = this.roles.get(key);
    const now = this.deps.clock.monotonicNow();
    if (!fresh && hit && now - hit.at < ROLE_CACHE_MS) return hit.participant;
    const participant = await this.deps.gateway!.participant(session.conversation, meetingId, aadObjectId);
    if (this.roles.size > 10_000) this.roles.clear();
    this.roles.set(key, { at: now, participant });
    return participant;
  }

  private forget(tenantId: string, conversationId: string): void {
    this.summaries.delete(`${tenantId}|${conversationId}`);
  }

  private tally(survey: Survey): Promise<SurveyTally> {
    return this.cached(this.tallies, `${survey.tenantId}|${survey.surveyId}`, () => this.deps.surveys.tally(survey));
  }

  private read(tenantId: string, conversationId: string): Promise<{ summary: SessionSummary; session?: Session; survey?: Survey }> {
    return this.cached(this.summaries, `${tenantId}|${conversationId}`, async () => {
      const session = await this.deps.sessions.activeIn(tenantId, conversationId);
      if (!session || session.status !== 'open') return { summary: { phase: 'none', index: -1, total: 0, stage: false, revision: 'none' } };
      const survey = await this.deps.surveys.recent(tenantId, session.surveyId);
      const phase: SessionPhase = session.paused ? 'paused' : session.current < 0 ? 'welcome' : 'question';
      const stage = session.stage === true;
      const summary: SessionSummary = {
        phase,
        sessionId: session.sessionId,
        index: session.current,
        total: survey.questions.length,
        stage,
        revision: `${session.sessionId}:${session.current}:${phase}:${stage ? 1 : 0}:${survey.version}`
      };
      return { summary, session, survey };
    });
  }

  /** One read per key per SUMMARY_CACHE_MS, shared by everyone asking meanwhile (a failed read is not kept). */
  private cached<T>(map: Map<string, Cached<T>>, key: string, load: () => Promise<T>): Promise<T> {
    const now = this.deps.clock.monotonicNow();
    const hit = map.get(key);
    if (hit && now - hit.at < SUMMARY_CACHE_MS) return hit.value;
    const value = load();
    value.catch(() => {
      if (map.get(key)?.value === value) map.delete(key);
    });
    if (map.size > 10_000) map.clear();
    map.set(key, { at: now, value });
    return value;
  }
}
