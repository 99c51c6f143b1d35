/**
 * Cards for surveys: typed view models expanded into the JSON templates. Cards meant for young people
 * pass the easy-read check (src/cards/shared/easy-read.ts).
 */
import chooseTemplate from './survey-choose.json';
import editorTemplate from './survey-editor.json';
import listTemplate from './survey-list.json';
import newTemplate from './survey-new.json';
import planTemplate from './survey-plan.json';
import questionTemplate from './survey-question.json';
import resultsTemplate from './survey-results.json';
import { CHOOSE_PLAN, type PlanNote } from '../../domain/plans/engagement-gate';
import { type Plan, STATE_LABELS } from '../../domain/plans/plan';
import type { FacilitatorCounts } from '../../domain/sessions/session-service';
import { type ShownCount, describeCount } from '../../domain/shared/suppression';
import { type AnswerValue, COHORT_LABELS, type Question, SKIP_LABEL, SKIP_SYMBOL, type Survey, TYPE_LABELS, approvalLine, canSeeResults, choicesOf, isEngagement } from '../../domain/surveys/survey';
import type { QuestionResult, SurveyResults } from '../../domain/surveys/survey-results';
import { type PersonalStyle, type QuestionView, styleCode } from '../../domain/surveys/survey-service';
import type { Session } from '../../domain/sessions/ports';
import { SURVEY_TEMPLATES } from '../../domain/surveys/survey-templates';
import { formatForPeople } from '../../domain/shared/time';
import { WITHHELD_ANSWER } from '../../domain/safeguarding/withheld-text';
import { safetyPromiseFor } from '../safeguarding/safety-promise';
import { type InfoButton, easyInfoCard, execute, line, sizes } from '../shared/easy-info-card';
import { helpMoreButton } from '../groups/group-cards';
import { type AdaptiveCardJson, renderCard } from '../shared/render';
import { sentence, stripSymbol } from '../shared/text';
import { VERBS } from '../shared/verbs';

// ---------- authoring ----------

/** The plans a survey may belong to, as choices: title and state, newest first (as given). */
const planChoices = (plans: Plan[]) => plans.map((p) => ({ title: `${p.title} (${STATE_LABELS[p.state].toLowerCase()})`, value: p.planId }));

const planHint = (plans: Plan[]): string =>
  plans.length === 0
    ? 'You have no plans yet. Type **plan new** to write one: the working group approves it before a survey for young people or parent carers goes out. Staff surveys need no plan.'
    : 'None fits? Type **plan new** to write one. Staff surveys need no plan.';

export function surveyNewCard(input: {
  formId: string;
  timeZone: string;
  /** The plans the author may choose from (theirs and their working groups'), newest first. */
  plans?: Plan[];
  values?: Record<string, unknown>;
  errors?: Record<string, string>;
}): AdaptiveCardJson {
  const v = input.values ?? {};
  const text = (key: string, fallback = ''): string => (typeof v[key] === 'string' ? (v[key] as string) : fallback);
  const errors = input.errors ?? {};
  const plans = input.plans ?? [];
  const other = Object.entries(errors)
    .filter(([field]) => !['title', 'closeDate', 'planId'].includes(field))
    .map(([, message]) => message);
  return renderCard(newTemplate, {
    formId: input.formId,
    templates: [
      { title: 'A blank survey', value: 'blank' },
      ...SURVEY_TEMPLATES.map((t) => ({ title: `${t.title} (${COHORT_LABELS[t.cohort].toLowerCase()}, ${t.questions.length} questions)`, value: t.id }))
    ],
    templateId: text('templateId', SURVEY_TEMPLATES[0]?.id ?? ''),
    title: text('title'),
    cohort: text('cohort', 'youngPeople'),
    planId: text('planId'),
    plans: planChoices(plans),
    planHint: planHint(plans),
    anonymity: text('anonymity', 'default'),
    resultsVisibility: text('resultsVisibility', 'default'),
    easyRead: text('easyRead', 'default'),
    audience: text('audience'),
    nextSteps: text('nextSteps'),
    openDate: text('openDate'),
    openTime: text('openTime'),
    closeDate: text('closeDate'),
    closeTime: text('closeTime'),
    timeZone: input.timeZone,
    hasErrors: Object.keys(errors).length > 0,
    errorSummary: other.length > 0 ? other.join(' ') : 'see the messages below.',
    errors: { title: errors.title ?? '', closeDate: errors.closeDate ?? errors.openDate ?? '', planId: errors.planId ?? '' }
  });
}

/** Choosing (or changing) the plan a draft survey is for. */
export function surveyPlanCard(survey: Survey, plans: Plan[], error = ''): AdaptiveCardJson {
  return renderCard(planTemplate, {
    surveyId: survey.surveyId,
    version: String(survey.version),
    title: survey.title,
    planId: survey.planId ?? '',
    plans: planChoices(plans),
    planHint: planHint(plans),
    error,
    speak: `Which plan is ${survey.title} for? ${plans.length === 0 ? 'You have no plans yet.' : `${plans.length} plans to choose from.`}`
  });
}

function describeQuestion(q: Question): string {
  const kind = TYPE_LABELS[q.type];
  if (q.type === 'single' || q.type === 'multiple') return `${kind}: ${choicesOf(q).map((c) => `${c.symbol} ${c.label}`).join(' · ')}`;
  if (q.type === 'scale') return `${q.twoPoint ? 'Two-point' : 'Three-point'} symbol scale: ${choicesOf(q).map((c) => `${c.symbol} ${c.label}`).join(' · ')}`;
  return kind;
}

export function statusLineOf(survey: Survey): string {
  const parts = [
    survey.status === 'draft' ? 'Draft' : survey.status === 'open' ? 'Open' : 'Closed',
    `${survey.questions.length} ${survey.questions.length === 1 ? 'question' : 'questions'}`,
    COHORT_LABELS[survey.cohort],
    survey.anonymity,
    survey.easyRead ? 'easy read' : 'standard',
    { live: 'results live', afterClose: 'results after close', ownerOnly: 'results for you only' }[survey.resultsVisibility]
  ];
  if (survey.closesAt && survey.status !== 'closed') parts.push(`closes ${formatForPeople(survey.closesAt, survey.timeZone)}`);
  return parts.join(' · ');
}

/** The draft editor: the questions with edit/move/remove, a form to add or change one, preview and publish. */
export function surveyEditorCard(
  survey: Survey,
  options: {
    notice?: string;
    tone?: 'good' | 'attention';
    editingId?: string;
    formValues?: Record<string, unknown>;
    errors?: Record<string, string>;
    /** A draft's plan and its state (src/domain/plans/engagement-gate.ts); a published survey shows its approval. */
    plan?: PlanNote;
  } = {}
): AdaptiveCardJson {
  const draft = survey.status === 'draft';
  const plan: PlanNote | undefined = survey.planApproval ? { text: `✅ ${approvalLine(survey.planApproval, survey.timeZone)}.`, tone: 'good' } : options.plan;
  const editing = options.editingId ? survey.questions.find((q) => q.id === options.editingId) : undefined;
  const fv = options.formValues ?? {};
  const pick = (key: string, fallback: string): string => (typeof fv[key] === 'string' ? (fv[key] as string) : fallback);
  const form = {
    type: pick('qtype', editing?.type ?? 'scale'),
    text: pick('qtext', editing?.text ?? ''),
    options: pick('qoptions', editing?.options?.join('\n') ?? ''),
    scale: pick('qscale', editing?.scale ?? 'like'),
    twoPoint: pick('qtwoPoint', editing?.twoPoint ? 'true' : 'false')
  };
  const questions = survey.questions.map((q, i) => ({
    id: q.id,
    number: i + 1,
    text: q.text,
    detail: describeQuestion(q),
    canUp: draft && i > 0,
    canDown: draft && i < survey.questions.length - 1,
    canRemove: draft
  }));
  const editingNumber = editing ? survey.questions.indexOf(editing) + 1 : 0;
  return renderCard(editorTemplate, {
    surveyId: survey.surveyId,
    version: String(survey.version),
    title: survey.title,
    statusLine: `${statusLineOf(survey)} · version ${survey.version}`,
    notice: options.notice ?? '',
    noticeColor: options.tone === 'attention' ? 'Attention' : 'Good',
    // A refusal that names the plan already says what the plan line would: it is not said twice.
    planLine: options.tone === 'attention' && plan?.tone === 'attention' && /\bplan\b/i.test(options.notice ?? '') ? '' : (plan?.text ?? ''),
    planColor: { good: 'Good', attention: 'Attention', default: 'Default' }[plan?.tone ?? 'default'],
    canChoosePlan: draft && (isEngagement(survey) || survey.planId !== undefined),
    choosePlanTitle: survey.planId ? 'Change its plan' : CHOOSE_PLAN,
    questions,
    canAdd: survey.questions.length < 20 && survey.status !== 'closed',
    canPublish: draft,
    editingId: editing?.id ?? '',
    formTitle: editing ? `Change question ${editingNumber}` : 'Add a question',
    formButton: editing ? 'Save question' : 'Add question',
    formVerb: editing ? VERBS.surveyQuestionSave : VERBS.surveyQuestionAdd,
    form,
    types: (Object.keys(TYPE_LABELS) as (keyof typeof TYPE_LABELS)[]).map((value) => ({ title: TYPE_LABELS[value], value })),
    errors: { text: options.errors?.text ?? '', options: options.errors?.options ?? '' },
    speak: `${survey.title}. ${statusLineOf(survey)}. ${plan ? `${sentence(stripSymbol(plan.text))} ` : ''}${questions.map((q) => `Question ${q.number}: ${q.text}`).join('. ')}`
  });
}

// ---------- answering ----------

export interface QuestionCardOptions {
  mode: 'answer' | 'preview' | 'session';
  notice?: string;
  session?: {
    session: Session;
    isFacilitator: boolean;
    counts?: FacilitatorCounts;
    refreshUserIds: string[];
  };
}

export function answerText(question: Question, answer: AnswerValue | undefined): string {
  if (!answer) return '';
  if (answer.kind === 'skip') return `✅ You chose: ${SKIP_SYMBOL} ${SKIP_LABEL}.`;
  if (answer.kind === 'text') return '✅ Thank you. We have your answer.';
  const choices = choicesOf(question, { twoPoint: false });
  const labels = answer.choices.map((c) => choices.find((x) => x.value === c)).map((c) => (c ? `${c.symbol} ${c.label}` : ''));
  return `✅ You chose: ${labels.join(', ')}.`;
}

/** One question on one card: easy read (large text, a symbol and a word on every choice) or standard. */
/**
 * Question cards drawn for nobody in particular: a 1:1 answer card with no answer on it yet and no
 * notice depends only on the survey's version, the question and the style, so it is expanded once
 * (per process, frozen so nobody can change it) and the same card goes to everyone who reaches it.
 */
const drawnCards = new Map<string, AdaptiveCardJson>();
const DRAWN_CARDS_MAX = 2_000;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** The card under `key`, drawn by `draw` the first time. */
function drawnOnce(key: string, draw: () => AdaptiveCardJson): AdaptiveCardJson {
  let card = drawnCards.get(key);
  if (!card) {
    card = deepFreeze(draw());
    if (drawnCards.size >= DRAWN_CARDS_MAX) drawnCards.clear();
    drawnCards.set(key, card);
  }
  return card;
}

export function questionCard(view: QuestionView, options: QuestionCardOptions): AdaptiveCardJson {
  if (options.mode !== 'answer' || options.notice || view.myAnswer) return drawQuestionCard(view, options);
  const { survey, question, index, style } = view;
  return drawnOnce(`question|${survey.tenantId}|${survey.surveyId}|${survey.version}|${survey.questions.length}|${index}|${question.id}|${styleCode(style)}`, () =>
    drawQuestionCard(view, options)
  );
}

function drawQuestionCard(view: QuestionView, options: QuestionCardOptions): AdaptiveCardJson {
  const { survey, question, index, style, myAnswer } = view;
  const total = survey.questions.length;
  const easy = style.easyRead;
  const choices = choicesOf(question, { twoPoint: style.twoPoint });
  const single = question.type !== 'multiple' && question.type !== 'text';
  const inSession = options.mode === 'session';
  const preview = options.mode === 'preview';
  const session = options.session;
  const isFacilitator = session?.isFacilitator === true;
  const chosen = myAnswer?.kind === 'choice' ? myAnswer.choices : [];
  const buttons = single
    ? choices.map((c) => ({ title: `${c.symbol} ${c.label}`, value: String(c.value), style: chosen.includes(c.value) ? 'positive' : 'default' }))
    : [];
  const progress = `📋 Question ${index + 1} of ${total}`;
  const questionText = `❓ ${stripSymbol(question.text)}`;
  // Before a written answer, where anonymity ends: only written answers are screened.
  const safetyNote = question.type === 'text' ? safetyPromiseFor(survey.cohort) : '';
  const offered =
    question.type === 'text' ? `You can write your answer. ${stripSymbol(safetyNote)}` : `Your choices are: ${choices.map((c) => sentence(c.label)).join(' ')}`;
  const extra = style.extraTime ? ' Take all the time you need.' : '';
  const navVerb = preview ? VERBS.surveyPreview : VERBS.surveyShow;
  const counts = (session?.counts?.perQuestion ?? []).map((c) => ({ title: `Question ${c.number}`, value: `${c.answers} ${c.answers === 1 ? 'answer' : 'answers'}` }));
  return renderCard(questionTemplate, {
    ...sizes(easy),
    surveyId: survey.surveyId,
    version: String(survey.version),
    questionId: question.id,
    sessionId: session?.session.sessionId ?? '',
    answerVerb: preview ? VERBS.surveyPreview : VERBS.surveyAnswer,
    navVerb,
    progress,
    previewNote: preview ? '👀 This is a preview. Answers are not saved.' : '',
    questionText,
    notice: options.notice ? `⚠️ ${options.notice}` : '',
    myAnswerText: answerText(question, myAnswer),
    buttons,
    multiple: question.type === 'multiple',
    multipleLabel: '✅ Choose all that you want',
    checkboxes: question.type === 'multiple' ? choices.map((c) => ({ title: `${c.symbol} ${c.label}`, value: String(c.value) })) : [],
    myChoices: chosen.join(','),
    freeText: question.type === 'text',
    safetyNote,
    myText: myAnswer?.kind === 'text' ? myAnswer.text : '',
    canSkip: true,
    nextIndex: String(preview || !inSession ? index + 1 : index),
    // The person's own style rides on their 1:1 answer buttons (styleCode): their next card needs no read of it.
    prefs: options.mode === 'answer' ? styleCode(style) : '',
    backIndex: String(index - 1),
    hasNav: !inSession,
    hasBack: !inSession && index > 0,
    hasNext: !inSession && index < total - 1,
    hasEdit: preview,
    isFacilitator,
    counts,
    canMoveOn: inSession && index < total - 1,
    refresh: inSession && session?.session.status === 'open',
    refreshUserIds: session?.refreshUserIds ?? [],
    speak: `Question ${index + 1} of ${total}. ${sentence(stripSymbol(question.text))} ${offered} Or choose: ${SKIP_LABEL}.${extra}`
  });
}

/** The card posted where the survey was published: anyone presses Start and answers on it. */
export function surveyInviteCard(survey: Survey): AdaptiveCardJson {
  const open = survey.status === 'open';
  const n = survey.questions.length;
  return easyInfoCard({
    title: `📋 ${survey.title}`,
    easyRead: survey.easyRead,
    lines: [
      line(`❓ There ${n === 1 ? 'is 1 question' : `are ${n} questions`}.`),
      line(survey.anonymity === 'named' ? '👤 The person who made this survey will see your name.' : '🙈 Your name will not be shown.'),
      // Every invite, even without a written question now: questions can be added after publishing.
      line(safetyPromiseFor(survey.cohort)),
      line(`🙅 You can skip any question.`),
      ...(survey.planApproval ? [line(`✅ ${approvalLine(survey.planApproval, survey.timeZone)}.`)] : []),
      line(open ? '▶️ Press Start when you are ready.' : '🔒 This survey is closed.', open ? 'Default' : 'Attention')
    ],
    buttons: [
      ...(open ? [execute('▶️ Start', VERBS.surveyStart, { surveyId: survey.surveyId, version: String(survey.version) }, 'positive')] : []),
      ...resultsButton(survey)
    ]
  });
}

/** "See the results" wherever everyone may see them (live, or after close once closed). */
function resultsButton(survey: Survey): InfoButton[] {
  return canSeeResults(survey, false) ? [execute('📊 See the results', VERBS.surveyResults, { surveyId: survey.surveyId })] : [];
}

/** After the last question: thanks, who will hear, what happens next (Lundy's Audience and Influence). */
export function surveyDoneCard(survey: Survey, style: PersonalStyle, inSession = false): AdaptiveCardJson {
  // The same for everyone who finishes this version of the survey in its state (closing keeps the version).
  const key = `done|${survey.tenantId}|${survey.surveyId}|${survey.version}|${survey.status}|${style.easyRead}|${inSession}`;
  return drawnOnce(key, () => drawDoneCard(survey, style, inSession));
}

function drawDoneCard(survey: Survey, style: PersonalStyle, inSession: boolean): AdaptiveCardJson {
  return easyInfoCard({
    title: '🎉 Thank you!',
    easyRead: style.easyRead,
    lines: [
      line('✅ We have your answers.'),
      line(`👂 Who will hear your views: ${survey.audience}`),
      line(`📅 What happens next: ${survey.nextSteps}`)
    ],
    buttons: [
      ...(inSession ? [] : [execute('⬅️ Check my answers', VERBS.surveyShow, { surveyId: survey.surveyId, index: '0' }), ...resultsButton(survey)]),
      ...(survey.cohort === 'youngPeople' ? [helpMoreButton()] : [])
    ]
  });
}

/** A short easy-read message (errors and confirmations young people may see). */
export function easyNoticeCard(title: string, text: string, easyRead = true): AdaptiveCardJson {
  return easyInfoCard({ title, easyRead, lines: [line(/^\s*\p{Extended_Pictographic}/u.test(text) ? text : `ℹ️ ${text}`)], buttons: [] });
}

// ---------- lists, results, export ----------

export function chooseSurveyCard(input: {
  title: string;
  intro: string;
  button: string;
  verb: string;
  formId: string;
  surveys: Survey[];
}): AdaptiveCardJson {
  const choices = input.surveys.map((s) => ({ title: `${s.title} (${statusLineOf(s)})`, value: s.surveyId }));
  return renderCard(chooseTemplate, {
    ...input,
    choices,
    selected: choices[0]?.value ?? '',
    speak: `${input.title}. ${input.intro}`
  });
}

export function surveyListCard(items: { survey: Survey; respondents: number }[]): AdaptiveCardJson {
  const surveys = items.map(({ survey, respondents }) => ({
    surveyId: survey.surveyId,
    title: survey.title,
    statusLine: `${statusLineOf(survey)} · ${respondents} ${respondents === 1 ? 'response' : 'responses'}`,
    canEdit: survey.status !== 'closed',
    canResults: survey.status !== 'draft',
    canClose: survey.status === 'open'
  }));
  return renderCard(listTemplate, {
    surveys,
    speak: surveys.length === 0 ? 'You have no surveys yet.' : `Your surveys. ${surveys.map((s) => `${s.title}: ${s.statusLine}`).join('. ')}`
  });
}

const countText = (shown: ShownCount, threshold: number): string => describeCount(shown, threshold);

/**
 * The owner's written answers: those that may be shown, then one line per answer passed to the
 * safeguarding lead (after the others, so its place in the list does not hint at when it was written).
 */
function freeTextLines(qr: QuestionResult): { icon: string; text: string }[] {
  const withheld = qr.withheldTexts ?? 0;
  return [
    ...(qr.freeTexts ?? []).map((text) => ({ icon: '💬', text })),
    ...Array.from({ length: withheld }, () => ({ icon: '🛡️', text: `${WITHHELD_ANSWER}.` }))
  ];
}

/** Says how many of the listed answers went to the lead, and that only they read them. */
function withheldNote(qr: QuestionResult): string {
  const withheld = qr.withheldTexts ?? 0;
  if (withheld === 0) return '';
  const listed = (qr.freeTexts ?? []).length + withheld;
  const answered = qr.answered.kind === 'exact' ? qr.answered.value : listed;
  const words = withheld === 1 ? 'Its words are shown only to them.' : 'Their words are shown only to them.';
  if (answered > listed) return `🛡️ Of the newest ${listed} answers, ${withheld} ${withheld === 1 ? 'was' : 'were'} passed to the safeguarding lead. ${words}`;
  return `🛡️ ${withheld} ${withheld === 1 ? 'answer was' : 'answers were'} passed to the safeguarding lead. ${words}`;
}

/** A chart per question (text fallback); suppressed counts shown as words, never drawn. */
export function surveyResultsCard(results: SurveyResults, retentionNote?: string): AdaptiveCardJson {
  const { survey, threshold } = results;
  const questions = results.questions.map((qr) => {
    const rows = qr.rows.map((r) => ({
      title: `${r.symbol} ${r.label}`,
      value: `${countText(r.shown, threshold)}${r.percent !== undefined ? ` (${r.percent}%)` : ''}`
    }));
    const chartable = qr.complete && qr.rows.length > 0 && qr.rows.some((r) => r.shown.kind === 'exact' && r.shown.value > 0);
    const answered = countText(qr.answered, threshold);
    const skipped = countText(qr.skipped, threshold);
    const footer = qr.complete
      ? `✅ ${answered} answered. 🙅 ${skipped} did not want to answer.`
      : `🔒 Some numbers are hidden to keep people safe.${skipped === '0' ? '' : ` 🙅 Did not want to answer: ${skipped}.`}`;
    return {
      heading: `❓ ${qr.number}. ${stripSymbol(qr.question.text)}`,
      showChart: chartable,
      chartTitle: qr.question.text,
      chart: qr.rows.map((r) => ({ x: `${r.symbol} ${r.label}`, y: r.shown.kind === 'exact' ? r.shown.value : 0 })),
      rows,
      footer,
      texts: freeTextLines(qr),
      withheldNote: withheldNote(qr)
    };
  });
  const respondents = countText(results.respondents, threshold);
  const summary = [
    `👥 ${respondents} ${results.respondents.kind === 'exact' && results.respondents.value === 1 ? 'person' : 'people'} answered.`,
    // Supported and offline contributions (docs/groups.md): counts only, never who.
    ...(results.supported ? [`🤝 ${countText(results.supported, threshold)} of them gave their answers with support.`] : []),
    ...(results.others ? [`🏫 ${countText(results.others, threshold)} more took part in the room without Teams.`] : [])
  ].join(' ');
  const note = results.forOwner
    ? `🔑 You made this survey, so you see exact numbers and written answers. ${statusLineOf(survey)}`
    : `🔒 Small numbers show as "fewer than ${threshold}". This keeps people safe.`;
  const fullNote = retentionNote ? `${note}\n\n${retentionNote}` : note;
  const spoken = questions.map((q) =>
    [sentence(stripSymbol(q.heading)), ...q.rows.map((r) => sentence(`${stripSymbol(r.title)}: ${r.value}`)), ...(q.withheldNote ? [stripSymbol(q.withheldNote)] : [])].join(' ')
  );
  return renderCard(resultsTemplate, {
    title: survey.title,
    summary,
    note: fullNote,
    questions,
    speak: [sentence(`Results of ${survey.title}`), stripSymbol(summary), ...(retentionNote ? [stripSymbol(retentionNote)] : []), ...spoken].join(' ')
  });
}

export function exportCard(input: { survey: Survey; rows: number; url?: string; expiresAt?: Date; note?: string }): AdaptiveCardJson {
  const lines = [line(`${input.rows} ${input.rows === 1 ? 'person' : 'people'} answered. Each has a code, never a name.`)];
  if (input.expiresAt) lines.push(line(`The link works for 15 minutes (until ${formatForPeople(input.expiresAt, input.survey.timeZone)}) and only for you.`));
  if (input.note) lines.push(line(input.note));
  return easyInfoCard({
    title: `CSV of "${input.survey.title}"`,
    easyRead: false,
    lines,
    buttons: input.url ? [{ kind: 'link', title: 'Download CSV', verb: '', url: input.url, style: 'positive', data: {} }] : []
  });
}

// ---------- Teams file consent (CSV export in a 1:1 chat) ----------

/** A Teams attachment that is not an Adaptive Card (file consent and file info cards). */
export interface FileAttachment {
  contentType: string;
  name: string;
  contentUrl?: string;
  content: Record<string, unknown>;
}

/** Asks the owner to let VoiceLoop save the CSV to their OneDrive (Teams 1:1 chats only). */
export function fileConsentAttachment(input: { name: string; sizeInBytes: number; surveyId: string; title: string }): FileAttachment {
  const context = { surveyId: input.surveyId };
  return {
    contentType: 'application/vnd.microsoft.teams.card.file.consent',
    name: input.name,
    content: {
      description: `Responses to "${input.title}": one row per person, pseudonymous codes only.`,
      sizeInBytes: input.sizeInBytes,
      acceptContext: context,
      declineContext: context
    }
  };
}

/** The uploaded file, shown in the chat after the owner accepted. */
export function fileInfoAttachment(upload: { name: string; contentUrl: string; uniqueId: string; fileType: string }): FileAttachment {
  return {
    contentType: 'application/vnd.microsoft.teams.card.file.info',
    name: upload.name,
    contentUrl: upload.contentUrl,
    content: { uniqueId: upload.uniqueId, fileType: upload.fileType }
  };
}
