/**
 * Supported and offline contributions (docs/groups.md): in a running session the facilitator records the
 * answers of someone who gave them with help or offline (a symbol board, a drawing, a conversation, a
 * supporter, paper). They are stored and counted like any other answer, under a respondent key made from
 * the form's random entry id (never from a person), and marked "given with support": a count by how it
 * was given, never who. Free text is screened for safeguarding like any answer (by the route, which knows
 * the turn). The facilitator also records how many others were present without Teams: attendance and
 * the participation audit count them; they hear back through the printable page (`findings print`).
 */
import type { Actor } from '../shared/conversation';
import { DomainError } from '../shared/errors';
import { type AnswerValue, type Question, type Survey, parseAnswer } from '../surveys/survey';
import type { SurveyService } from '../surveys/survey-service';
import { type ContributionRepository, SUPPORT_HOWS, type SupportHow } from './ports';
import type { SessionService, SessionState } from './session-service';

/** At most this many others present without Teams in one session. */
export const OTHERS_MAX = 500;
const ENTRY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const SUPPORT_LABELS: Record<SupportHow, string> = {
  symbols: '🔣 Symbol board or AAC',
  drawing: '🎨 A drawing',
  conversation: '💬 Talking with someone',
  supporter: '🤝 With a supporter',
  paper: '📝 On paper'
};

/** The input id of question `id` on the support form. */
export const supportInputId = (questionId: string): string => `q_${questionId}`;

export interface SupportedAnswer {
  question: Question;
  answer: AnswerValue;
}

export interface SupportedDeps {
  sessions: SessionService;
  surveys: SurveyService;
  contributions: ContributionRepository;
}

export class SupportedContributions {
  constructor(private readonly deps: SupportedDeps) {}

  /** The running session and its survey, for the facilitator only (the support form). */
  async formFor(tenantId: string, conversationId: string, actor: Actor): Promise<SessionState> {
    const state = await this.deps.sessions.activeIn(tenantId, conversationId);
    this.deps.sessions.checkFacilitator(state.session, actor);
    return state;
  }

  /**
   * Records one person's supported answers. Every answer is checked before any is stored: a bad one
   * refuses the whole form with nothing stored. Unanswered questions are left out (not "skipped").
   */
  async record(
    tenantId: string,
    conversationId: string,
    actor: Actor,
    data: Record<string, unknown>
  ): Promise<{ survey: Survey; respondentKey: string; answers: SupportedAnswer[]; how: SupportHow; first: boolean }> {
    const { session, survey } = await this.formFor(tenantId, conversationId, actor);
    if (data.sessionId !== session.sessionId) throw new DomainError('invalid_input', 'This form is from another session. Type "session support" again.');
    const entryId = typeof data.entryId === 'string' && ENTRY.test(data.entryId) ? data.entryId.toLowerCase() : undefined;
    if (!entryId) throw new DomainError('invalid_input', 'This form is out of date. Type "session support" again.');
    const how = SUPPORT_HOWS.find((h) => h === data.how);
    if (!how) throw new DomainError('invalid_input', 'Choose how the answers were given.');
    const answers: SupportedAnswer[] = [];
    for (const [i, question] of survey.questions.entries()) {
      const raw = data[supportInputId(question.id)];
      if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) continue;
      try {
        answers.push({ question, answer: question.type === 'text' ? parseAnswer(question, { text: raw }) : parseAnswer(question, { choice: raw }) });
      } catch (error) {
        if (error instanceof DomainError) throw new DomainError('invalid_input', `Question ${i + 1}: ${error.message}`);
        throw error;
      }
    }
    if (answers.length === 0) throw new DomainError('invalid_input', 'Record at least one answer.');
    let respondentKey = '';
    for (const { question, answer } of answers) respondentKey = (await this.deps.surveys.answerFor(survey, entryId, question, answer)).respondentKey;
    const first = await this.deps.contributions.markSupported(tenantId, survey.surveyId, entryId, how);
    return { survey, respondentKey, answers, how, first };
  }

  /** Sets how many others were present without Teams in this session (0 clears it). */
  async recordOthers(tenantId: string, conversationId: string, actor: Actor, count: number): Promise<{ title: string; inTeams: number; others: number }> {
    const { session, survey } = await this.formFor(tenantId, conversationId, actor);
    if (!Number.isInteger(count) || count < 0 || count > OTHERS_MAX) throw new DomainError('invalid_input', `Give a number of others from 0 to ${OTHERS_MAX}.`);
    await this.deps.contributions.setOthers(tenantId, survey.surveyId, session.sessionId, count);
    const { inTeams, others } = await this.deps.surveys.attendanceCount(tenantId, survey.surveyId);
    return { title: survey.title, inTeams, others };
  }
}
