/**
 * Closing the loop (issue 6): the findings of an engagement activity — "You said" themes and "We did"
 * responses — and the pure rules around them. The findings belong to one survey (the activity's
 * survey: its results support the themes, its attendance says who took part), optionally linked to
 * the engagement plan it served. Pure: no SDK, no I/O. Design: docs/findings.md.
 */
import type { StoredConversation } from '../shared/conversation';
import { DomainError } from '../shared/errors';
import { type ShownCount, suppressCount } from '../shared/suppression';
import type { Question, Survey, SurveyTally } from '../surveys/survey';
import { type QuestionResult, buildResults } from '../surveys/survey-results';
import { cleanText } from '../shared/text';

export const WE_DID_STATUSES = ['planned', 'inProgress', 'done', 'notPossible'] as const;
export type WeDidStatus = (typeof WE_DID_STATUSES)[number];

export const STATUS_LABELS: Record<WeDidStatus, string> = {
  planned: 'Planned',
  inProgress: 'In progress',
  done: 'Done',
  notPossible: 'Not possible'
};

/** How a status reads in easy read: a symbol and one short sentence. */
export const STATUS_EASY: Record<WeDidStatus, { symbol: string; text: string }> = {
  planned: { symbol: '📅', text: 'We plan to do this.' },
  inProgress: { symbol: '🔧', text: 'We are doing this now.' },
  done: { symbol: '✅', text: 'We have done this.' },
  notPossible: { symbol: '🚫', text: 'We cannot do this.' }
};

export const FINDINGS_LIMITS = { text: 500, easyText: 200, reason: 300, owner: 120, maxThemes: 10, maxResponses: 10, maxSupport: 3 } as const;

/** A question of the survey that supports a theme; `choice` highlights one answer of it. */
export interface Support {
  questionId: string;
  choice?: number;
}

export interface YouSaid {
  id: string;
  /** For staff and the channel card. */
  text: string;
  /** The easy-read version for participants (defaults to `text`; must pass the easy-read check). */
  easyText: string;
  support: Support[];
  /** A free-text answer, quoted only because the owner chose it; never a safeguarding-flagged one. */
  quote?: string;
  /**
   * A photo (a mind map, a drawing) as the source of this theme (docs/findings.md): re-encoded without
   * metadata, kept in Blob storage, shown only to the owner and the working group, never on a card.
   */
  photo?: PhotoRef;
}

/** Where a findings photo is kept and what it is; never its original bytes or metadata. */
export interface PhotoRef {
  /** The blob's name inside the tenant's part of the container. */
  name: string;
  contentType: 'image/jpeg' | 'image/png';
  width: number;
  height: number;
  bytes: number;
}

export interface WeDid {
  id: string;
  text: string;
  easyText: string;
  status: WeDidStatus;
  /** Required when the status is "not possible". */
  reason: string;
  owner: string;
  /** YYYY-MM-DD: when it is planned, or was done. */
  when: string;
  updatedAt: string;
}

/** draft → (withGroup → approved | changesRequested) → published. Approval is optional. */
export type FindingsState = 'draft' | 'withGroup' | 'approved' | 'changesRequested' | 'published';

export const FINDINGS_STATE_LABELS: Record<FindingsState, string> = {
  draft: 'Draft',
  withGroup: 'With the working group',
  approved: 'Approved by the working group',
  changesRequested: 'Changes requested by the working group',
  published: 'Published'
};

export interface Findings {
  tenantId: string;
  /** The findings' id is the id of their survey: one set of findings per activity survey. */
  surveyId: string;
  planId?: string;
  title: string;
  owner: string;
  ownerName?: string;
  ownerUserId: string;
  /** The team whose working group approves them (the plan's, else the channel's where they were sent). */
  teamId?: string;
  youSaid: YouSaid[];
  weDid: WeDid[];
  /** YYYY-MM-DD: "when we will tell you more". */
  nextUpdate: string;
  state: FindingsState;
  roundCount: number;
  currentRoundId?: string;
  /** Where the standard card was posted, and its activity id (updated in place on status changes). */
  channel?: StoredConversation;
  channelActivityId?: string;
  publishedAt?: Date;
  /** Goes up on every change: the participants' follow-ups are keyed by it. */
  version: number;
  createdAt: Date;
  updatedAt: Date;
  etag?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function date(raw: unknown, field: string, required: boolean): string {
  const value = typeof raw === 'string' ? raw.trim() : '';
  if (value === '' && !required) return '';
  if (!DATE.test(value) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw new DomainError('invalid_input', `Give ${field} as a date.`, { [field]: `Give ${field} as a date.` });
  }
  return value;
}

/** A theme from the form: text, its easy-read version, the supporting questions and an optional quote. */
export function parseYouSaid(
  values: Record<string, unknown>,
  survey: Survey,
  id: string,
  options: { quotable: string[]; withheld: (text: string) => boolean }
): YouSaid {
  const text = cleanText(values.text, { field: 'theme (what people said)', maxLength: FINDINGS_LIMITS.text, required: true, multiline: true });
  const easyText = cleanText(values.easyText, { field: 'easy-read version', maxLength: FINDINGS_LIMITS.easyText, multiline: false }) || text;
  const questionIds = typeof values.questions === 'string' ? values.questions.split(',').map((s) => s.trim()).filter(Boolean) : [];
  if (questionIds.length > FINDINGS_LIMITS.maxSupport) throw new DomainError('invalid_input', `Choose at most ${FINDINGS_LIMITS.maxSupport} supporting questions.`);
  const support: Support[] = questionIds.map((questionId) => {
    const question = survey.questions.find((q) => q.id === questionId);
    if (!question) throw new DomainError('invalid_input', 'That question is not in the survey.');
    const choice = highlighted(values[`choice_${questionId}`], question);
    return choice === undefined ? { questionId } : { questionId, choice };
  });
  let quote: string | undefined;
  const rawQuote = values.quote;
  if (typeof rawQuote === 'string' && rawQuote !== '') {
    const index = Number(rawQuote);
    const chosen = Number.isInteger(index) ? options.quotable[index] : undefined;
    if (chosen === undefined) throw new DomainError('invalid_input', 'Choose the answer to quote from the list.');
    if (options.withheld(chosen)) throw new DomainError('forbidden', 'That answer was passed to the safeguarding lead. It cannot be quoted.');
    quote = chosen;
  }
  return { id, text, easyText, support, quote };
}

function highlighted(raw: unknown, question: Question): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || question.type === 'text') throw new DomainError('invalid_input', 'Choose an answer of the question.');
  return n;
}

/** A response from the form; "not possible" needs the reason. */
export function parseWeDid(values: Record<string, unknown>, id: string, now: Date): WeDid {
  const text = cleanText(values.text, { field: 'change or decision (what we did)', maxLength: FINDINGS_LIMITS.text, required: true, multiline: true });
  const easyText = cleanText(values.easyText, { field: 'easy-read version', maxLength: FINDINGS_LIMITS.easyText }) || text;
  const status = parseStatus(values.status);
  const reason = cleanText(values.reason, { field: 'reason', maxLength: FINDINGS_LIMITS.reason, multiline: true });
  checkReason(status, reason);
  const owner = cleanText(values.owner, { field: 'name of who owns it', maxLength: FINDINGS_LIMITS.owner, required: true });
  const when = date(values.when, 'when', status !== 'notPossible');
  return { id, text, easyText, status, reason, owner, when, updatedAt: now.toISOString() };
}

export function parseStatus(raw: unknown): WeDidStatus {
  if (typeof raw === 'string' && (WE_DID_STATUSES as readonly string[]).includes(raw)) return raw as WeDidStatus;
  throw new DomainError('invalid_input', 'Choose the status: planned, in progress, done or not possible.');
}

export function checkReason(status: WeDidStatus, reason: string): void {
  if (status === 'notPossible' && reason === '') {
    throw new DomainError('invalid_input', 'Say why it is not possible: people deserve to know.', { reason: 'Say why it is not possible.' });
  }
}

export const parseNextUpdate = (raw: unknown): string => date(raw, 'when you will tell people more', true);

/** The next id for a theme or response (`t3`, `w2`): never reused within the findings. */
export function nextId(prefix: 't' | 'w', items: { id: string }[]): string {
  const used = items.map((i) => Number(i.id.slice(1))).filter(Number.isInteger);
  return `${prefix}${Math.max(0, ...used) + 1}`;
}

/** Why the findings cannot be published yet; undefined when they can. */
export function publishProblem(findings: Findings, attendees: number): string | undefined {
  if (findings.weDid.length === 0) return 'Add at least one "We did" first: people need to hear what happened because of their views.';
  if (findings.state === 'withGroup') return 'The findings are with the working group. Publish them once they are approved.';
  if (findings.state === 'changesRequested') return 'The working group asked for changes. Change the findings and send them again first.';
  if (attendees === 0) return 'Nobody took part in this activity yet, so there is nobody to tell.';
  return undefined;
}

/** The counts behind the channel card: everything suppressed exactly as non-owner survey results. */
export interface FindingsFigures {
  threshold: number;
  respondents: ShownCount;
  /** Suppressed results of each supporting question, by question id. */
  questions: Record<string, QuestionResult>;
}

export function figuresOf(survey: Survey, tally: SurveyTally, threshold: number): FindingsFigures {
  const results = buildResults(survey, tally, { forOwner: false, threshold });
  return {
    threshold: results.threshold,
    respondents: suppressCount(tally.respondents, threshold),
    questions: Object.fromEntries(results.questions.map((q) => [q.question.id, q]))
  };
}
