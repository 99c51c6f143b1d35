import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../shared/clock';
import { type Actor, type StoredConversation, personKey } from '../shared/conversation';
import { toCsv } from '../shared/csv';
import { DomainError, isDomainError } from '../shared/errors';
import type { DueItem, DueItemRepository } from '../shared/ports';
import { type AnswerValue, type PlanApproval, type Question, type QuestionFormValues, type Survey, type SurveySettings, type SurveyTally, SURVEY_LIMITS, cellLabels, checkAnswerable, checkQuestionCount, parseAnswer, parseQuestion, questionOf } from './survey';
import { type SurveyResults, buildResults } from './survey-results';
import type { AttendanceRepository, ExportLinkRepository, SurveyRepository, TenantSettingsRepository } from './ports';
import type { PreferenceRepository } from '../preferences/ports';
import { DEFAULT_SUPPRESSION_THRESHOLD, checkThreshold, suppressCount } from '../shared/suppression';
import { templateById } from './survey-templates';
import { voterKey } from '../shared/voter-key';
import type { SearchItem } from '../search/search';
import type { SearchService } from '../search/search-service';
import { type FlaggedTextFilter, type WithholdTest, WITHHELD_CELL } from '../safeguarding/withheld-text';

export const SURVEY_CLOSE_JOB = 'survey.close';
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CACHE_MS = 2_000;
const EXPORT_LINK_MS = 15 * 60_000;
const FREE_TEXTS_SHOWN = 20;

/**
 * A check run before a survey is published; throws a DomainError (usually `forbidden`) to stop it.
 * Later features add theirs (a safeguarding lead must be set); the plan gate is `setPlanGate`.
 */
export type SurveyPublishGuard = (survey: Survey) => Promise<void> | void;

/** What puts a survey in front of people: publishing (or scheduling) it, sending it 1:1, running a session of it. */
export type GoingOut = 'publish' | 'send' | 'session';

/**
 * The approval gate (docs/approvals.md), implemented by engagement plans: `check` refuses a survey that
 * may not go out now and otherwise gives the approval of its plan, if it has one approved; `checkPlan`
 * refuses a plan the author may not attach (not theirs, nor their working groups').
 */
export interface SurveyPlanGate {
  check(survey: Survey, action: GoingOut): Promise<PlanApproval | undefined>;
  checkPlan(actor: Actor, planId: string): Promise<void>;
}

/** One change to a survey's questions, from the editor card. */
export type SurveyEdit =
  | { kind: 'add'; values: QuestionFormValues }
  | { kind: 'update'; questionId: string; values: QuestionFormValues }
  | { kind: 'move'; questionId: string; by: -1 | 1 }
  | { kind: 'remove'; questionId: string }
  | { kind: 'settings'; settings: SurveySettings };

/** How the cards for one person are drawn, from the survey and their communication preferences. */
export interface PersonalStyle {
  easyRead: boolean;
  twoPoint: boolean;
  extraTime: boolean;
}

/**
 * A person's own style as their answer cards carry it (`prefs` in the buttons' data): `e` easy read,
 * `t` two-point scale, `x` extra time, `-` none. Read from their preferences when the card was drawn,
 * so an answer needs no read of them; it only decides how that person's own next card looks.
 */
export function styleCode(style: PersonalStyle): string {
  return `${style.easyRead ? 'e' : ''}${style.twoPoint ? 't' : ''}${style.extraTime ? 'x' : ''}` || '-';
}

/** The style a card carried, or undefined for anything that is not a style code (then it is read). */
export function styleOfCode(code: unknown): PersonalStyle | undefined {
  if (typeof code !== 'string' || !/^(-|e?t?x?)$/.test(code) || code === '') return undefined;
  return { easyRead: code.includes('e'), twoPoint: code.includes('t'), extraTime: code.includes('x') };
}

export interface QuestionView {
  survey: Survey;
  question: Question;
  index: number;
  myAnswer?: AnswerValue;
  style: PersonalStyle;
  isOwner: boolean;
}

export interface SurveyServiceDeps {
  surveys: SurveyRepository;
  attendance: AttendanceRepository;
  preferences: PreferenceRepository;
  settings: TenantSettingsRepository;
  exportLinks: ExportLinkRepository;
  due: DueItemRepository;
  clock: Clock;
  voterHashSecret: string;
  /** Run in order before publishing; the first to throw stops it. */
  publishGuards?: SurveyPublishGuard[];
  /** Makes published surveys findable in the messaging extension. */
  search?: SearchService;
  /** Which free-text answers are withheld from results and exports (passed to the safeguarding lead). */
  withheld: FlaggedTextFilter;
  /** Supported answers and others present without Teams (docs/groups.md): counts only, shown with results. */
  contributions?: { counts(tenantId: string, surveyId: string): Promise<{ supported: number; others: number }> };
}

/** How a survey is listed in search: by its title, visible to its author and where it was posted. */
export function surveySearchItem(survey: Survey): SearchItem {
  return {
    tenantId: survey.tenantId,
    kind: 'survey',
    id: survey.surveyId,
    title: survey.title,
    subtitle: `Survey · ${survey.questions.length} question${survey.questions.length === 1 ? '' : 's'}`,
    ownerKey: survey.createdBy,
    conversationId: survey.conversation.conversationId || undefined,
    createdAt: survey.createdAt
  };
}

/** Use cases for surveys: authoring, publishing, answering, results and export. Framework-free. */
export class SurveyService {
  private readonly cache = new Map<string, { survey: Survey; at: number }>();
  private readonly reading = new Map<string, Promise<Survey>>();
  private readonly styles = new Map<string, { style: PersonalStyle; at: number }>();
  private readonly attended = new Set<string>();
  readonly publishGuards: SurveyPublishGuard[];
  private gate?: SurveyPlanGate;

  constructor(private readonly deps: SurveyServiceDeps) {
    this.publishGuards = deps.publishGuards ?? [];
  }

  /** Later features hook publishing here (a safeguarding lead must be set). */
  addPublishGuard(guard: SurveyPublishGuard): void {
    this.publishGuards.push(guard);
  }

  /** Engagement plans gate publishing, sending and sessions (docs/approvals.md, "The approval gate"). */
  setPlanGate(gate: SurveyPlanGate): void {
    this.gate = gate;
  }

  /** Refuses a survey that may not go out now (its plan is not approved); else its plan's approval, if any. */
  async checkGoingOut(survey: Survey, action: GoingOut): Promise<PlanApproval | undefined> {
    return this.gate?.check(survey, action);
  }

  // ---------- authoring ----------

  /** A new draft, from a template or blank. The id comes from the form, so a double click finds the first. */
  async createDraft(input: {
    surveyId: string;
    actor: Actor;
    settings: SurveySettings;
    templateId?: string;
    conversation: StoredConversation;
    timeZone: string;
    /** The engagement plan it is for (checked: the author's, or their working group's). */
    planId?: string;
  }): Promise<Survey> {
    if (!ID.test(input.surveyId)) throw new DomainError('invalid_input', 'This form is out of date. Type "survey new" to start again.');
    const template = input.templateId ? templateById(input.templateId) : undefined;
    if (input.templateId && !template) throw new DomainError('invalid_input', 'That template does not exist.');
    const planId = input.planId?.toLowerCase();
    if (planId) await this.gate?.checkPlan(input.actor, planId);
    const questions: Question[] = (template?.questions ?? []).map((q, i) => ({ ...q, id: `q${i + 1}` }));
    return this.deps.surveys.create({
      ...input.settings,
      tenantId: input.actor.tenantId,
      surveyId: input.surveyId.toLowerCase(),
      version: 1,
      status: 'draft',
      questions,
      nextQuestionNumber: questions.length + 1,
      createdBy: personKey(input.actor),
      createdByName: input.actor.name,
      createdByUserId: input.actor.userId,
      createdAt: this.deps.clock.now(),
      timeZone: input.timeZone,
      conversation: input.conversation,
      templateId: template?.id,
      planId
    });
  }

  /** The author chooses (or changes) the plan a draft is for; once published, a survey keeps its plan. */
  async choosePlan(tenantId: string, surveyId: unknown, actor: Actor, version: unknown, planId: unknown): Promise<Survey> {
    const survey = await this.getOwned(tenantId, surveyId, actor);
    if (survey.status !== 'draft') throw new DomainError('invalid_input', 'This survey has been published: it keeps the plan it went out under.');
    if (Number(version) !== survey.version) throw new DomainError('conflict', 'This survey was changed since this card was drawn. Here is the latest version.');
    if (typeof planId !== 'string' || planId.trim() === '') throw new DomainError('invalid_input', 'Choose the plan this survey is for.', { planId: 'Choose a plan.' });
    const id = planId.trim().toLowerCase();
    await this.gate?.checkPlan(actor, id);
    return this.store({ ...survey, planId: id, version: survey.version + 1 });
  }

  async get(tenantId: string, surveyId: unknown): Promise<Survey> {
    const survey = typeof surveyId === 'string' && ID.test(surveyId) ? await this.deps.surveys.get(tenantId, surveyId.toLowerCase()) : undefined;
    if (!survey) throw new DomainError('not_found', 'This survey no longer exists.');
    this.cache.set(`${tenantId}|${survey.surveyId}`, { survey, at: this.deps.clock.monotonicNow() });
    return survey;
  }

  /**
   * The survey as read at most a moment ago: the answer path's one read of the definition. When a
   * session's answers all miss at once, they share one read instead of each making their own.
   */
  async recent(tenantId: string, surveyId: unknown): Promise<Survey> {
    if (typeof surveyId !== 'string') return this.get(tenantId, surveyId);
    const key = `${tenantId}|${surveyId.toLowerCase()}`;
    const hit = this.cache.get(key);
    if (hit && this.deps.clock.monotonicNow() - hit.at < CACHE_MS) return hit.survey;
    let reading = this.reading.get(key);
    if (!reading) {
      reading = this.get(tenantId, surveyId).finally(() => this.reading.delete(key));
      this.reading.set(key, reading);
    }
    return reading;
  }

  async getOwned(tenantId: string, surveyId: unknown, actor: Actor): Promise<Survey> {
    const survey = await this.get(tenantId, surveyId);
    if (survey.createdBy !== personKey(actor)) throw new DomainError('forbidden', 'Only the person who made this survey can do that.');
    return survey;
  }

  /**
   * Applies one edit, guarded twice: the card's version must be the survey's (else someone changed
   * it since that card was drawn) and the save passes the ETag. A published survey may be reworded
   * and have questions added, never restructured, so its tallies keep their meaning.
   */
  async edit(tenantId: string, surveyId: unknown, actor: Actor, version: unknown, edit: SurveyEdit): Promise<Survey> {
    const survey = await this.getOwned(tenantId, surveyId, actor);
    if (survey.status === 'closed') throw new DomainError('closed', 'This survey is closed and cannot be changed.');
    if (Number(version) !== survey.version) {
      throw new DomainError('conflict', 'This survey was changed since this card was drawn. Here is the latest version.');
    }
    const questions = [...survey.questions];
    let nextQuestionNumber = survey.nextQuestionNumber;
    let settings: Partial<SurveySettings> = {};
    const at = (id: string): number => {
      const i = questions.findIndex((q) => q.id === id);
      if (i < 0) throw new DomainError('not_found', 'That question is not in this survey.');
      return i;
    };
    const published = survey.status === 'open';
    switch (edit.kind) {
      case 'add':
        if (questions.length >= SURVEY_LIMITS.maxQuestions) checkQuestionCount(questions.length + 1);
        questions.push(parseQuestion(edit.values, `q${nextQuestionNumber++}`));
        break;
      case 'update': {
        const i = at(edit.questionId);
        const updated = parseQuestion(edit.values, edit.questionId);
        const old = questions[i]!;
        if (published && (updated.type !== old.type || cellLabels(updated).length !== cellLabels(old).length || updated.scale !== old.scale)) {
          throw new DomainError('invalid_input', 'People are answering this survey: you can change the words, not the kind of question or the number of choices.');
        }
        questions[i] = updated;
        break;
      }
      case 'move': {
        if (published) throw new DomainError('invalid_input', 'People are answering this survey: questions cannot be moved now.');
        const i = at(edit.questionId);
        const j = i + edit.by;
        if (j >= 0 && j < questions.length) [questions[i], questions[j]] = [questions[j]!, questions[i]!];
        break;
      }
      case 'remove':
        if (published) throw new DomainError('invalid_input', 'People are answering this survey: questions cannot be removed now.');
        questions.splice(at(edit.questionId), 1);
        break;
      case 'settings':
        settings = published ? { title: edit.settings.title, audience: edit.settings.audience, nextSteps: edit.settings.nextSteps } : edit.settings;
        break;
    }
    return this.store({ ...survey, ...settings, questions, nextQuestionNumber, version: survey.version + 1 });
  }

  /** Publishes a draft: 1–20 questions, every guard passes; it can then be answered. */
  async publish(tenantId: string, surveyId: unknown, actor: Actor, version: unknown): Promise<Survey> {
    const survey = await this.getOwned(tenantId, surveyId, actor);
    if (survey.status !== 'draft') throw new DomainError('conflict', 'This survey has already been published.');
    if (Number(version) !== survey.version) throw new DomainError('conflict', 'This survey was changed since this card was drawn. Here is the latest version.');
    checkQuestionCount(survey.questions.length);
    // The working group's approval comes first: without it, nothing else about the survey matters yet.
    const planApproval = await this.checkGoingOut(survey, 'publish');
    for (const guard of this.publishGuards) await guard(survey);
    const now = this.deps.clock.now();
    if (survey.closesAt && survey.closesAt <= now) throw new DomainError('invalid_input', 'The closing time has passed. Please change it first.');
    if (survey.closesAt) {
      await this.deps.due.schedule({ tenantId, kind: SURVEY_CLOSE_JOB, key: survey.surveyId, dueAt: survey.closesAt, payload: { surveyId: survey.surveyId } });
    }
    const published = await this.store({ ...survey, status: 'open', publishedAt: now, planApproval, version: survey.version + 1 });
    await this.deps.search?.put(surveySearchItem(published));
    return published;
  }

  /**
   * A recurring survey's next round (docs/recurrence.md): a published copy of `source` (its questions
   * and settings as they are now, so changes carry forward) under the id given. Idempotent: a round
   * already created is returned (and published, if a crash left it a draft). The guards of a publish apply.
   */
  async openRound(source: Survey, surveyId: string, closesAt: Date | undefined): Promise<Survey> {
    let round = await this.deps.surveys.get(source.tenantId, surveyId);
    if (!round) {
      const { etag: _etag, inviteActivityId: _invite, publishedAt: _published, closedAt: _closed, planApproval: _approval, ...rest } = source;
      try {
        round = await this.deps.surveys.create({ ...rest, surveyId, version: 1, status: 'draft', opensAt: undefined, closesAt, createdAt: this.deps.clock.now() });
      } catch (error) {
        if (!(isDomainError(error) && error.code === 'conflict')) throw error;
        round = await this.deps.surveys.get(source.tenantId, surveyId);
        if (!round) throw error;
      }
    }
    if (round.status !== 'draft') return round;
    const planApproval = await this.checkGoingOut(round, 'publish');
    for (const guard of this.publishGuards) await guard(round);
    const now = this.deps.clock.now();
    if (round.closesAt) {
      await this.deps.due.schedule({ tenantId: round.tenantId, kind: SURVEY_CLOSE_JOB, key: round.surveyId, dueAt: round.closesAt, payload: { surveyId: round.surveyId } });
    }
    let published: Survey;
    try {
      published = await this.store({ ...round, status: 'open', publishedAt: now, planApproval, version: round.version + 1 });
    } catch (error) {
      // Another instance opened the same round first: theirs is the round.
      const other = isDomainError(error) && error.code === 'conflict' ? await this.deps.surveys.get(round.tenantId, round.surveyId) : undefined;
      if (other && other.status !== 'draft') return other;
      throw error;
    }
    await this.deps.search?.put(surveySearchItem(published));
    return published;
  }

  async attachInvite(survey: Survey, activityId: string): Promise<Survey> {
    return this.store({ ...survey, inviteActivityId: activityId });
  }

  /** Closes: the tally is frozen first, so nothing lands after the final result. Twice is harmless. */
  async close(tenantId: string, surveyId: unknown, actor?: Actor): Promise<Survey> {
    let survey = actor ? await this.getOwned(tenantId, surveyId, actor) : await this.get(tenantId, surveyId);
    if (survey.status === 'closed') return survey;
    await this.deps.surveys.freeze(tenantId, survey.surveyId);
    for (let attempt = 0; survey.status !== 'closed'; attempt++) {
      try {
        survey = await this.store({ ...survey, status: 'closed', closedAt: this.deps.clock.now() });
      } catch (error) {
        if (!(error instanceof DomainError && error.code === 'conflict') || attempt >= 5) throw error;
        survey = await this.get(tenantId, survey.surveyId);
      }
    }
    if (actor && survey.closesAt) await this.deps.due.cancel(tenantId, SURVEY_CLOSE_JOB, survey.surveyId);
    await this.deps.attendance.settle(tenantId, survey.surveyId);
    return survey;
  }

  /** Scheduler handler (SURVEY_CLOSE_JOB): the closed survey, or undefined when it was deleted since. */
  async runClose(item: DueItem): Promise<Survey | undefined> {
    try {
      return await this.close(item.tenantId, String(item.payload.surveyId));
    } catch (error) {
      if (isDomainError(error) && error.code === 'not_found') return undefined;
      throw error;
    }
  }

  private async store(survey: Survey): Promise<Survey> {
    const saved = await this.deps.surveys.save(survey);
    this.cache.set(`${saved.tenantId}|${saved.surveyId}`, { survey: saved, at: this.deps.clock.monotonicNow() });
    return saved;
  }

  async listMine(tenantId: string, actor: Actor, limit = 15): Promise<{ survey: Survey; respondents: number }[]> {
    const surveys = await this.deps.surveys.listByOwner(tenantId, personKey(actor), limit);
    const tallies = await Promise.all(surveys.map((s) => this.deps.surveys.tally(tenantId, s.surveyId)));
    return surveys.map((survey, i) => ({ survey, respondents: tallies[i]?.respondents ?? 0 }));
  }

  /** The owner's surveys in the given states (choosers for sessions and export). */
  async mineIn(tenantId: string, actor: Actor, statuses: Survey['status'][]): Promise<Survey[]> {
    const surveys = await this.deps.surveys.listByOwner(tenantId, personKey(actor), 15);
    return surveys.filter((s) => statuses.includes(s.status));
  }

  // ---------- answering ----------

  respondentKey(survey: Survey, actor: Actor): string {
    return voterKey(this.deps.voterHashSecret, survey.tenantId, `survey:${survey.surveyId}`, personKey(actor));
  }

  /** Easy-read and the two-point scale from the survey and the person's own preferences. */
  async styleFor(survey: Survey, actor: Actor): Promise<PersonalStyle> {
    const key = `${actor.tenantId}|${personKey(actor)}`;
    const hit = this.styles.get(key);
    let own: PersonalStyle | undefined = hit && this.deps.clock.monotonicNow() - hit.at < 30_000 ? hit.style : undefined;
    if (!own) {
      const prefs = await this.deps.preferences.get(actor.tenantId, personKey(actor));
      const needs = new Set(prefs?.needs ?? []);
      own = { easyRead: needs.has('easyRead') || needs.has('symbols'), twoPoint: needs.has('twoPoint'), extraTime: needs.has('extraTime') };
      this.styles.set(key, { style: own, at: this.deps.clock.monotonicNow() });
    }
    return { easyRead: survey.easyRead || own.easyRead, twoPoint: own.twoPoint, extraTime: own.extraTime };
  }

  /** Forget a cached style (the person changed their preferences). */
  forgetStyle(tenantId: string, key: string): void {
    this.styles.delete(`${tenantId}|${key}`);
  }

  /**
   * One person's view of question `index` (0-based), with their own answer if they gave one. `carried`:
   * the style their last card carried (`styleOfCode`), used instead of reading their preferences.
   */
  async questionView(tenantId: string, surveyId: unknown, actor: Actor, index: number, known?: Survey, carried?: PersonalStyle): Promise<QuestionView> {
    const survey = known ?? (await this.recent(tenantId, surveyId));
    const i = Math.max(0, Math.min(index, survey.questions.length - 1));
    const question = survey.questions[i];
    if (!question) throw new DomainError('not_found', 'This survey has no questions yet.');
    const [myAnswer, style] = await Promise.all([
      survey.status === 'draft' ? undefined : this.deps.surveys.answerOf(tenantId, survey.surveyId, question.id, this.respondentKey(survey, actor)),
      carried ? { ...carried, easyRead: survey.easyRead || carried.easyRead } : this.styleFor(survey, actor)
    ]);
    return { survey, question, index: i, myAnswer, style, isOwner: survey.createdBy === personKey(actor) };
  }

  /**
   * Records one answer. Checked in order: the survey is open, the card's version is current, the
   * question exists, the answer fits it; then the answer and its tally change commit together.
   * `via` records attendance (apart from the answer) the first time this person takes part.
   */
  async answer(
    tenantId: string,
    surveyId: unknown,
    actor: Actor,
    data: { version?: unknown; questionId?: unknown; choice?: unknown; skip?: unknown; text?: unknown; prefs?: unknown },
    via = '1:1'
  ): Promise<{ survey: Survey; question: Question; index: number; answer: AnswerValue; changed: boolean; style: PersonalStyle }> {
    const survey = await this.recent(tenantId, surveyId);
    const now = this.deps.clock.now();
    checkAnswerable(survey, now, data.version);
    const question = questionOf(survey, data.questionId);
    const answer = parseAnswer(question, data);
    const respondentKey = this.respondentKey(survey, actor);
    const carried = styleOfCode(data.prefs);
    const [{ changed }, , style] = await Promise.all([
      this.deps.surveys.recordAnswer({
        tenantId,
        surveyId: survey.surveyId,
        respondentKey,
        question,
        answer,
        respondent: survey.anonymity === 'named' ? { userId: actor.userId, name: actor.name } : undefined
      }),
      this.recordAttendance(survey, actor, via),
      // The next card needs the person's style: the card they answered on carries it; else read it while the answer commits.
      carried ? { ...carried, easyRead: survey.easyRead || carried.easyRead } : this.styleFor(survey, actor)
    ]);
    return { survey, question, index: survey.questions.indexOf(question), answer, changed, style };
  }

  private async recordAttendance(survey: Survey, actor: Actor, via: string): Promise<void> {
    const key = `${survey.tenantId}|${survey.surveyId}|${personKey(actor)}`;
    if (this.attended.has(key)) return;
    await this.deps.attendance.record(survey.tenantId, survey.surveyId, { personKey: personKey(actor), userId: actor.userId, name: actor.name }, via);
    if (this.attended.size > 50_000) this.attended.clear();
    this.attended.add(key);
  }

  /**
   * An answer the facilitator records for someone who gave it with support or offline (docs/groups.md):
   * stored and counted like any other under its own respondent key (from the form's entry id, so the
   * same form sent again changes rather than adds), with no attendance row: nobody is named.
   */
  async answerFor(survey: Survey, entryId: string, question: Question, answer: AnswerValue): Promise<{ respondentKey: string; changed: boolean }> {
    checkAnswerable(survey, this.deps.clock.now(), survey.version);
    const respondentKey = voterKey(this.deps.voterHashSecret, survey.tenantId, `survey:${survey.surveyId}`, `supported:${entryId}`);
    const { changed } = await this.deps.surveys.recordAnswer({ tenantId: survey.tenantId, surveyId: survey.surveyId, respondentKey, question, answer });
    return { respondentKey, changed };
  }

  /** How many took part: people in Teams (attendance) and others present without Teams (sessions). */
  async attendanceCount(tenantId: string, surveyId: string): Promise<{ inTeams: number; others: number }> {
    const [list, counts] = await Promise.all([this.deps.attendance.list(tenantId, surveyId), this.deps.contributions?.counts(tenantId, surveyId)]);
    return { inTeams: list.length, others: counts?.others ?? 0 };
  }

  /** Rewrites the survey's attendance rows together, so none keeps a time that matches an answer. */
  settleAttendance(tenantId: string, surveyId: string): Promise<void> {
    return this.deps.attendance.settle(tenantId, surveyId);
  }

  /** Who took part (never what they said): for telling exactly those people what changed. */
  attendees(tenantId: string, surveyId: string) {
    return this.deps.attendance.list(tenantId, surveyId);
  }

  // ---------- results and export ----------

  async threshold(tenantId: string): Promise<number> {
    const settings = await this.deps.settings.get(tenantId);
    return checkThreshold(settings?.suppressionThreshold ?? DEFAULT_SUPPRESSION_THRESHOLD);
  }

  async setThreshold(tenantId: string, threshold: number): Promise<void> {
    if (checkThreshold(threshold) !== threshold) throw new DomainError('invalid_input', 'The threshold must be a whole number from 2 to 50.');
    await this.deps.settings.put(tenantId, { suppressionThreshold: threshold });
  }

  tally(survey: Survey): Promise<SurveyTally> {
    return this.deps.surveys.tally(survey.tenantId, survey.surveyId);
  }

  /**
   * The results this person may see: exact (with free text) for the owner, suppressed for anyone
   * else, and refused when the visibility setting does not allow it yet. Reads the tally, not answers.
   * A free text passed to the safeguarding lead is never among the texts, only counted as withheld.
   */
  async results(tenantId: string, surveyId: unknown, actor: Actor): Promise<SurveyResults> {
    const survey = await this.get(tenantId, surveyId);
    const forOwner = survey.createdBy === personKey(actor);
    if (!forOwner) {
      if (survey.resultsVisibility === 'ownerOnly') throw new DomainError('forbidden', 'Only the person who made this survey can see its results.');
      if (survey.resultsVisibility === 'afterClose' && survey.status !== 'closed') {
        throw new DomainError('forbidden', 'The results will be shown when the survey closes.');
      }
    }
    const textQuestions = forOwner ? survey.questions.filter((q) => q.type === 'text') : [];
    const [tally, threshold, texts, withhold] = await Promise.all([
      this.tally(survey),
      this.threshold(tenantId),
      Promise.all(textQuestions.map((q) => this.deps.surveys.freeTexts(tenantId, survey.surveyId, q.id, FREE_TEXTS_SHOWN))),
      // No free text to show: no need to read the tenant's phrases.
      textQuestions.length > 0 ? this.deps.withheld.forTenant(tenantId) : WITHHOLD_ALL
    ]);
    const freeTexts: Record<string, string[]> = {};
    const withheldTexts: Record<string, number> = {};
    textQuestions.forEach((q, i) => {
      const all = texts[i] ?? [];
      const shown = all.filter((t) => !withhold(t));
      freeTexts[q.id] = shown;
      withheldTexts[q.id] = all.length - shown.length;
    });
    const results = buildResults(survey, tally, { forOwner, threshold, freeTexts, withheldTexts });
    const counts = await this.deps.contributions?.counts(tenantId, survey.surveyId);
    if (counts && counts.supported > 0) results.supported = forOwner ? { kind: 'exact', value: counts.supported } : suppressCount(counts.supported, threshold);
    if (counts && counts.others > 0) results.others = forOwner ? { kind: 'exact', value: counts.others } : suppressCount(counts.others, threshold);
    return results;
  }

  /** The owner's CSV: one row per respondent, identified by a pseudonymous id only; withheld texts say so. */
  async exportCsv(tenantId: string, surveyId: unknown, actor: Actor): Promise<{ survey: Survey; csv: string; rows: number }> {
    const survey = await this.getOwned(tenantId, surveyId, actor);
    return this.csvOf(survey);
  }

  private async csvOf(survey: Survey): Promise<{ survey: Survey; csv: string; rows: number }> {
    const [responses, withhold] = await Promise.all([this.deps.surveys.responses(survey.tenantId, survey.surveyId), this.deps.withheld.forTenant(survey.tenantId)]);
    const header = ['respondent', ...survey.questions.map((q, i) => `Q${i + 1} ${q.text}`)];
    const lines = [header];
    const ids = [...responses.keys()].map((key) => ({ key, id: `P-${createHash('sha256').update(`export|${key}`).digest('hex').slice(0, 12)}` }));
    ids.sort((a, b) => a.id.localeCompare(b.id));
    for (const { key, id } of ids) {
      const answers = responses.get(key)!;
      lines.push([id, ...survey.questions.map((q) => describeAnswer(q, answers.get(q.id), withhold))]);
    }
    const csv = toCsv(lines, { quoteAll: true });
    return { survey, csv, rows: ids.length };
  }

  /** An unguessable, expiring download link for the owner's CSV (local mode delivery). */
  async createExportLink(tenantId: string, surveyId: unknown, actor: Actor): Promise<{ survey: Survey; token: string; expiresAt: Date }> {
    const survey = await this.getOwned(tenantId, surveyId, actor);
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(this.deps.clock.now().getTime() + EXPORT_LINK_MS);
    await this.deps.exportLinks.create(hashToken(token), { tenantId, surveyId: survey.surveyId, ownerKey: survey.createdBy, expiresAt });
    return { survey, token, expiresAt };
  }

  /** The CSV behind a download link; `not_found` for an unknown or expired token. */
  async exportByToken(tenantId: string, token: string): Promise<{ survey: Survey; csv: string }> {
    const link = /^[A-Za-z0-9_-]{43}$/.test(token) ? await this.deps.exportLinks.get(tenantId, hashToken(token)) : undefined;
    if (!link || link.expiresAt <= this.deps.clock.now()) throw new DomainError('not_found', 'This download link has expired. Type "survey export" again.');
    const survey = await this.get(tenantId, link.surveyId);
    if (survey.createdBy !== link.ownerKey) throw new DomainError('not_found', 'This download link has expired.');
    return this.csvOf(survey);
  }
}

const WITHHOLD_ALL: WithholdTest = () => true;

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

function describeAnswer(question: Question, answer: AnswerValue | undefined, withhold: WithholdTest): string {
  if (!answer) return '';
  if (answer.kind === 'skip') return '(did not want to answer)';
  if (answer.kind === 'text') return withhold(answer.text) ? WITHHELD_CELL : answer.text;
  const labels = cellLabels(question);
  return answer.choices.map((c) => labels[c] ?? String(c)).join('; ');
}
