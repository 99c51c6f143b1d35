/**
 * Accessible surveys: questions, settings, validation, answers and tallies. Pure: no SDK, no I/O.
 * See docs/surveys.md for the design (anonymity tiers, suppression, attendance apart from answers).
 */
import type { StoredConversation } from '../shared/conversation';
import { DomainError } from '../shared/errors';
import { parseOptionList } from '../shared/options';
import { cleanText } from '../shared/text';
import { formatDayForPeople, isValidTimeZone, zonedWallTimeToUtc } from '../shared/time';

export const SURVEY_LIMITS = {
  minQuestions: 1,
  maxQuestions: 20,
  titleMaxLength: 120,
  questionMaxLength: 300,
  optionMaxLength: 80,
  minOptions: 2,
  maxOptions: 10,
  freeTextMaxLength: 1000,
  aboutMaxLength: 200,
  maxOpenDays: 366
} as const;

export type QuestionType = 'single' | 'multiple' | 'scale' | 'rating' | 'yesno' | 'text';
/** The Talking Mats wordings of the symbol scale (DOMAIN.md). */
export type ScaleVariant = 'like' | 'going' | 'managing';
export type Cohort = 'youngPeople' | 'parentCarers' | 'staff';
/**
 * anonymous: nothing about the person is kept with their answers (only a keyed hash that makes one
 * answer per question possible); pseudonymous: the same, and the hash is the person's stable id in
 * the export; named: the owner can see who answered (name kept on the respondent row, never in CSV).
 */
export type Anonymity = 'anonymous' | 'pseudonymous' | 'named';
export type SurveyResultsVisibility = 'live' | 'afterClose' | 'ownerOnly';
export type SurveyStatus = 'draft' | 'open' | 'closed';

export const QUESTION_TYPES: readonly QuestionType[] = ['single', 'multiple', 'scale', 'rating', 'yesno', 'text'];
export const SCALE_VARIANTS: readonly ScaleVariant[] = ['like', 'going', 'managing'];
export const COHORTS: readonly Cohort[] = ['youngPeople', 'parentCarers', 'staff'];
export const ANONYMITIES: readonly Anonymity[] = ['anonymous', 'pseudonymous', 'named'];
export const VISIBILITIES: readonly SurveyResultsVisibility[] = ['live', 'afterClose', 'ownerOnly'];

export interface Question {
  /** Stable within the survey ("q1", "q2", …): tallies and answers are keyed by it. */
  id: string;
  type: QuestionType;
  text: string;
  /** single and multiple only. */
  options?: string[];
  /** scale only. */
  scale?: ScaleVariant;
  /** scale only: the two-point version (no middle). */
  twoPoint?: boolean;
}

export interface SurveySettings {
  title: string;
  cohort: Cohort;
  anonymity: Anonymity;
  resultsVisibility: SurveyResultsVisibility;
  /** One question per card with symbols and large text. Default on for young people. */
  easyRead: boolean;
  opensAt?: Date;
  closesAt?: Date;
  /** Lundy's Audience: who will hear the views ("the people who run the youth club"). */
  audience: string;
  /** Lundy's Influence: what happens next and when people hear back. */
  nextSteps: string;
}

export interface Survey extends SurveySettings {
  tenantId: string;
  surveyId: string;
  /** Goes up on every change of the questions or settings; cards carry it so stale answers are refused. */
  version: number;
  status: SurveyStatus;
  questions: Question[];
  /** The next number for a question id; ids are never reused. */
  nextQuestionNumber: number;
  createdBy: string;
  createdByName?: string;
  createdByUserId: string;
  createdAt: Date;
  publishedAt?: Date;
  closedAt?: Date;
  timeZone: string;
  /** Where it was written and published: the invite card is posted there. */
  conversation: StoredConversation;
  inviteActivityId?: string;
  templateId?: string;
  /** The engagement plan this survey belongs to (young people and parent carers: docs/approvals.md, "The approval gate"). */
  planId?: string;
  /** Its plan's approval, as it stood when the survey was published: shown on its cards. */
  planApproval?: PlanApproval;
  etag?: string;
}

/** Who approved a survey's plan, and when: "Approved by the SEND working group on 3 March". */
export interface PlanApproval {
  groupName: string;
  approvedAt: Date;
}

/** Surveys for these cohorts are engagement activities: they belong to a plan the working group approves. Staff surveys are not. */
export const ENGAGEMENT_COHORTS: readonly Cohort[] = ['youngPeople', 'parentCarers'];
export const isEngagement = (survey: Pick<Survey, 'cohort'>): boolean => ENGAGEMENT_COHORTS.includes(survey.cohort);

/** "Approved by the SEND working group on 3 March", the date as the survey's time zone has it. */
export function approvalLine(approval: PlanApproval, timeZone: string): string {
  return `Approved by ${approval.groupName} on ${formatDayForPeople(approval.approvedAt, isValidTimeZone(timeZone) ? timeZone : 'Europe/London')}`;
}

/** One choice as people see it: a symbol and a word, always together. */
export interface Choice {
  value: number;
  symbol: string;
  label: string;
}

export const SKIP_LABEL = "I don't want to answer";
export const SKIP_SYMBOL = '🙅';

const SCALES: Record<ScaleVariant, [Choice, Choice, Choice]> = {
  like: [
    { value: 0, symbol: '👍', label: 'I like it' },
    { value: 1, symbol: '🤔', label: 'Not sure' },
    { value: 2, symbol: '👎', label: "I don't like it" }
  ],
  going: [
    { value: 0, symbol: '😀', label: 'Going well' },
    { value: 1, symbol: '😐', label: 'Sometimes' },
    { value: 2, symbol: '🙁', label: 'Not going well' }
  ],
  managing: [
    { value: 0, symbol: '💪', label: 'Managing' },
    { value: 1, symbol: '🤝', label: 'Need some help' },
    { value: 2, symbol: '🆘', label: 'Not managing' }
  ]
};
const RATING: Choice[] = [
  { value: 0, symbol: '⭐', label: '1 star: very bad' },
  { value: 1, symbol: '⭐⭐', label: '2 stars: bad' },
  { value: 2, symbol: '⭐⭐⭐', label: '3 stars: OK' },
  { value: 3, symbol: '⭐⭐⭐⭐', label: '4 stars: good' },
  { value: 4, symbol: '⭐⭐⭐⭐⭐', label: '5 stars: very good' }
];
const YES_NO: Choice[] = [
  { value: 0, symbol: '✅', label: 'Yes' },
  { value: 1, symbol: '❌', label: 'No' }
];
/** Symbols for author-written options that do not start with their own. */
const OPTION_SYMBOLS = ['🔴', '🟢', '🔵', '🟡', '🟣', '🟠', '🟤', '⚫', '⚪', '🔶'];
const LEADING_SYMBOL = /^(\p{Extended_Pictographic}(?:\uFE0F|\u200D\p{Extended_Pictographic}|\p{Emoji_Modifier})*)\s*(.*)$/u;

/** Number of stored answer cells (choices) of a question; free text has none. */
export function cellCount(question: Question): number {
  switch (question.type) {
    case 'single':
    case 'multiple':
      return question.options?.length ?? 0;
    case 'scale':
      return 3;
    case 'rating':
      return 5;
    case 'yesno':
      return 2;
    case 'text':
      return 0;
  }
}

/**
 * The choices offered, each with a symbol and a word. A two-point scale (the question's own, or the
 * person's preference) offers the two ends; its answers are stored as the ends of the three-point
 * scale, so one tally serves both.
 */
export function choicesOf(question: Question, options: { twoPoint?: boolean } = {}): Choice[] {
  switch (question.type) {
    case 'single':
    case 'multiple':
      return (question.options ?? []).map((option, value) => {
        const match = LEADING_SYMBOL.exec(option);
        return match && match[2]
          ? { value, symbol: match[1] ?? '', label: match[2] }
          : { value, symbol: OPTION_SYMBOLS[value % OPTION_SYMBOLS.length] ?? '🔹', label: option };
      });
    case 'scale': {
      const [a, b, c] = SCALES[question.scale ?? 'like'];
      return question.twoPoint || options.twoPoint ? [a, c] : [a, b, c];
    }
    case 'rating':
      return RATING;
    case 'yesno':
      return YES_NO;
    case 'text':
      return [];
  }
}

/** All labels of the cells of a question, in cell order (for results and export). */
export function cellLabels(question: Question): string[] {
  if (question.type === 'scale') return SCALES[question.scale ?? 'like'].map((c) => c.label);
  return choicesOf(question).map((c) => c.label);
}

// ---------- validation of authoring input ----------

const asFlag = (value: unknown): boolean => value === true || value === 'true';

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T | undefined {
  if (value === undefined || value === null || value === '' || value === 'default') return fallback;
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** Raw values of a question form. */
export interface QuestionFormValues {
  type?: unknown;
  text?: unknown;
  options?: unknown;
  scale?: unknown;
  twoPoint?: unknown;
}

/** Validates one question; `id` is assigned by the caller. Problems are reported per field. */
export function parseQuestion(values: QuestionFormValues, id: string): Question {
  const fields: Record<string, string> = {};
  const type = oneOf(values.type, QUESTION_TYPES, 'single');
  if (!type) fields.type = 'Choose a type of question.';
  let text: string | undefined;
  try {
    text = cleanText(values.text, { field: 'question', maxLength: SURVEY_LIMITS.questionMaxLength, required: true });
  } catch (error) {
    fields.text = (error as Error).message;
  }
  let options: string[] | undefined;
  if (type === 'single' || type === 'multiple') {
    try {
      options = parseOptions(values.options);
    } catch (error) {
      fields.options = (error as Error).message;
    }
  }
  const scale = oneOf(values.scale, SCALE_VARIANTS, 'like');
  if (type === 'scale' && !scale) fields.scale = 'Choose the words of the scale.';
  if (Object.keys(fields).length > 0 || !type || text === undefined) {
    throw new DomainError('invalid_input', Object.values(fields).join(' '), fields);
  }
  const question: Question = { id, type, text };
  if (options) question.options = options;
  if (type === 'scale') {
    question.scale = scale ?? 'like';
    if (asFlag(values.twoPoint)) question.twoPoint = true;
  }
  return question;
}

/** The options typed one per line (or given as a list). */
function parseOptions(raw: unknown): string[] {
  return parseOptionList(Array.isArray(raw) ? raw.join('\n') : raw, { ...SURVEY_LIMITS, maxLength: 2_000 });
}

export interface SurveySettingsValues {
  title?: unknown;
  cohort?: unknown;
  anonymity?: unknown;
  resultsVisibility?: unknown;
  easyRead?: unknown;
  openDate?: unknown;
  openTime?: unknown;
  closeDate?: unknown;
  closeTime?: unknown;
  audience?: unknown;
  nextSteps?: unknown;
}

export const DEFAULT_AUDIENCE = 'The people who run this service.';
export const DEFAULT_NEXT_STEPS = 'We will tell you what changed within 6 weeks.';

/**
 * Validates survey settings. Young people get the high-privacy defaults: anonymous, easy-read on,
 * results shown after close (live counts would let a watcher see one person's answer arrive).
 */
export function parseSurveySettings(values: SurveySettingsValues, now: Date, timeZone: string): SurveySettings {
  const fields: Record<string, string> = {};
  const text = (field: keyof SurveySettingsValues, max: number, required: boolean, fallback = ''): string => {
    try {
      return cleanText(values[field] ?? fallback, { field: field === 'title' ? 'title' : String(field), maxLength: max, required }) || fallback;
    } catch (error) {
      fields[field] = (error as Error).message;
      return fallback;
    }
  };
  const title = text('title', SURVEY_LIMITS.titleMaxLength, true);
  const cohort = oneOf(values.cohort, COHORTS, 'youngPeople');
  if (!cohort) fields.cohort = 'Choose who the survey is for.';
  const youth = cohort === 'youngPeople';
  const anonymity = oneOf(values.anonymity, ANONYMITIES, youth ? 'anonymous' : 'pseudonymous');
  if (!anonymity) fields.anonymity = 'Choose how answers are kept.';
  const resultsVisibility = oneOf(values.resultsVisibility, VISIBILITIES, youth ? 'afterClose' : 'live');
  if (!resultsVisibility) fields.resultsVisibility = 'Choose when results are shown.';
  const easyRead = values.easyRead === undefined || values.easyRead === '' || values.easyRead === 'default' ? youth : asFlag(values.easyRead);
  const audience = text('audience', SURVEY_LIMITS.aboutMaxLength, false, DEFAULT_AUDIENCE);
  const nextSteps = text('nextSteps', SURVEY_LIMITS.aboutMaxLength, false, DEFAULT_NEXT_STEPS);
  const zone = isValidTimeZone(timeZone) ? timeZone : 'Europe/London';
  let opensAt: Date | undefined;
  let closesAt: Date | undefined;
  try {
    opensAt = wallTime(values.openDate, values.openTime, zone, '09:00');
  } catch (error) {
    fields.openDate = (error as Error).message;
  }
  try {
    closesAt = wallTime(values.closeDate, values.closeTime, zone, '17:00');
    if (closesAt && closesAt.getTime() <= now.getTime() + 60_000) throw new DomainError('invalid_input', 'The closing time must be in the future.');
    if (closesAt && closesAt.getTime() > now.getTime() + SURVEY_LIMITS.maxOpenDays * 86_400_000) {
      throw new DomainError('invalid_input', 'A survey can stay open for a year at most.');
    }
    if (closesAt && opensAt && closesAt <= opensAt) throw new DomainError('invalid_input', 'The survey must close after it opens.');
  } catch (error) {
    fields.closeDate = (error as Error).message;
  }
  if (Object.keys(fields).length > 0 || !cohort || !anonymity || !resultsVisibility) {
    throw new DomainError('invalid_input', Object.values(fields).join(' '), fields);
  }
  return { title, cohort, anonymity, resultsVisibility, easyRead, opensAt, closesAt, audience, nextSteps };
}

function wallTime(date: unknown, time: unknown, zone: string, defaultTime: string): Date | undefined {
  const hasDate = typeof date === 'string' && date.trim() !== '';
  const hasTime = typeof time === 'string' && time.trim() !== '';
  if (!hasDate && !hasTime) return undefined;
  if (!hasDate) throw new DomainError('invalid_input', 'Please choose a date as well as a time.');
  return zonedWallTimeToUtc((date as string).trim(), hasTime ? (time as string).trim() : defaultTime, zone);
}

/** A survey may be published with 1 to 20 questions; more can never be added. */
export function checkQuestionCount(count: number): void {
  if (count < SURVEY_LIMITS.minQuestions || count > SURVEY_LIMITS.maxQuestions) {
    throw new DomainError(
      'invalid_input',
      `A survey needs from ${SURVEY_LIMITS.minQuestions} to ${SURVEY_LIMITS.maxQuestions} questions (this one has ${count}).`
    );
  }
}

// ---------- answers ----------

export type AnswerValue = { kind: 'skip' } | { kind: 'choice'; choices: number[] } | { kind: 'text'; text: string };

/**
 * Validates an answer from a card. `skip` wins ("I don't want to answer"); a single-choice question
 * takes one choice, a multiple-choice one takes one or more; free text is cleaned and limited.
 */
export function parseAnswer(question: Question, raw: { skip?: unknown; choice?: unknown; text?: unknown }): AnswerValue {
  if (asFlag(raw.skip)) return { kind: 'skip' };
  if (question.type === 'text') {
    const text = cleanText(raw.text, { field: 'answer', maxLength: SURVEY_LIMITS.freeTextMaxLength, multiline: true, required: true });
    return { kind: 'text', text };
  }
  const cells = cellCount(question);
  const parts =
    typeof raw.choice === 'number'
      ? [String(raw.choice)]
      : typeof raw.choice === 'string'
        ? raw.choice.split(',').map((s) => s.trim()).filter((s) => s !== '')
        : [];
  if (parts.length === 0) throw new DomainError('invalid_input', 'Please choose an answer, or press "I don\'t want to answer".');
  const allowed = new Set(choicesOf(question).map((c) => c.value));
  const choices = [...new Set(parts.map((p) => (/^\d+$/.test(p) ? Number(p) : -1)))].sort((a, b) => a - b);
  if (choices.some((c) => c < 0 || c >= cells || !allowed.has(c))) {
    throw new DomainError('invalid_input', 'That answer is not one of the choices.');
  }
  if (question.type !== 'multiple' && choices.length !== 1) throw new DomainError('invalid_input', 'Please choose one answer.');
  return { kind: 'choice', choices };
}

/**
 * Tally cells of a question: one per choice, then "skipped", then "answered" (people who gave an
 * answer other than skip; for multiple choice the choices add up to more than this).
 */
export const skipCell = (question: Question): number => cellCount(question);
export const answeredCell = (question: Question): number => cellCount(question) + 1;

/** The cells an answer adds one to. */
export function cellsOf(question: Question, answer: AnswerValue): number[] {
  if (answer.kind === 'skip') return [skipCell(question)];
  if (answer.kind === 'text') return [answeredCell(question)];
  return [...answer.choices, answeredCell(question)];
}

/** Per-question cell counts plus the number of respondents (people who answered anything). */
export interface SurveyTally {
  questions: Record<string, number[]>;
  respondents: number;
}

/** Moves one person's answer in a tally (previous undefined: their first answer to this question). */
export function applyAnswer(
  tally: SurveyTally,
  question: Question,
  previous: AnswerValue | undefined,
  next: AnswerValue,
  newRespondent: boolean
): SurveyTally {
  const size = cellCount(question) + 2;
  const cells = [...(tally.questions[question.id] ?? [])];
  while (cells.length < size) cells.push(0);
  if (previous) for (const c of cellsOf(question, previous)) cells[c] = (cells[c] ?? 0) - 1;
  for (const c of cellsOf(question, next)) cells[c] = (cells[c] ?? 0) + 1;
  return { questions: { ...tally.questions, [question.id]: cells }, respondents: tally.respondents + (newRespondent ? 1 : 0) };
}

export function sumSurveyTallies(parts: SurveyTally[]): SurveyTally {
  const questions: Record<string, number[]> = {};
  let respondents = 0;
  for (const part of parts) {
    respondents += part.respondents;
    for (const [id, cells] of Object.entries(part.questions)) {
      const into = (questions[id] ??= []);
      cells.forEach((n, i) => (into[i] = (into[i] ?? 0) + n));
    }
  }
  return { questions, respondents };
}

export const sameAnswer = (a: AnswerValue | undefined, b: AnswerValue): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Whether an answer may be taken now; storage re-checks "open" atomically with the tally. */
export function checkAnswerable(survey: Survey, now: Date, version: unknown): void {
  if (survey.status === 'draft') throw new DomainError('closed', 'This survey is not open yet.');
  if (survey.status === 'closed' || (survey.closesAt && survey.closesAt <= now)) {
    throw new DomainError('closed', 'This survey is closed. Your answer was not saved.');
  }
  if (survey.opensAt && survey.opensAt > now) throw new DomainError('closed', 'This survey is not open yet.');
  const v = typeof version === 'string' && /^\d+$/.test(version) ? Number(version) : version;
  if (v !== survey.version) {
    throw new DomainError('conflict', 'This survey has changed since this card was sent. Here is the new card: please answer again.');
  }
}

export function questionOf(survey: Survey, questionId: unknown): Question {
  const question = typeof questionId === 'string' ? survey.questions.find((q) => q.id === questionId) : undefined;
  if (!question) throw new DomainError('not_found', 'That question is not in this survey.');
  return question;
}

/** Who sees the results card now: the owner always; others as the visibility setting says. */
export function canSeeResults(survey: Survey, isOwner: boolean): boolean {
  if (isOwner) return true;
  if (survey.resultsVisibility === 'ownerOnly') return false;
  if (survey.resultsVisibility === 'afterClose') return survey.status === 'closed';
  return survey.status !== 'draft';
}

export const COHORT_LABELS: Record<Cohort, string> = {
  youngPeople: 'Young people',
  parentCarers: 'Parent carers',
  staff: 'Staff'
};
export const TYPE_LABELS: Record<QuestionType, string> = {
  single: 'One choice',
  multiple: 'Several choices',
  scale: 'Symbol scale (like / not sure / don’t like)',
  rating: 'Rating from 1 to 5 stars',
  yesno: 'Yes or no',
  text: 'Tell us more (free text)'
};
