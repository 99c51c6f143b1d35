/**
 * What the meeting pages show (docs/meetings.md), built from the very cards the chat flow sends: the
 * welcome and end lines are the cards' own text, the question and its choices are worded as the
 * question card words them, and the read-aloud text is the card's `speak`. `pageAsCard` turns a page
 * back into card shape so the easy-read check (src/cards/shared/easy-read.ts) runs over what it shows.
 */
import type { PanelState, StageState } from '../../domain/meetings/meeting-service';
import { type ShownCount, describeCount } from '../../domain/shared/suppression';
import { SKIP_LABEL, SKIP_SYMBOL, choicesOf } from '../../domain/surveys/survey';
import { sessionEndCard, sessionWelcomeCard } from '../sessions/session-cards';
import { checkEasyRead } from '../shared/easy-read';
import type { AdaptiveCardJson } from '../shared/render';
import { stripSymbol } from '../shared/text';
import { answerText, questionCard } from '../surveys/survey-cards';

export type PanelScreen = 'waiting' | 'welcome' | 'question' | 'paused' | 'ended';

export interface PageChoice {
  value: number;
  symbol: string;
  label: string;
  chosen: boolean;
}

export interface PanelQuestion {
  sessionId: string;
  surveyId: string;
  version: number;
  questionId: string;
  progress: string;
  text: string;
  /** One choice each (press one), or several (tick, then send). */
  multiple: boolean;
  /** A written answer (screened as in the chat). */
  freeText: boolean;
  choices: PageChoice[];
  skip: PageChoice;
  answered: string;
}

export interface PageControl {
  action: string;
  label: string;
}

export interface PanelPage {
  screen: PanelScreen;
  revision: string;
  sessionId?: string;
  title: string;
  lines: string[];
  question?: PanelQuestion;
  /** Read aloud (en-GB): the same text as the chat card's `speak`. */
  speak: string;
  role: string;
  /** Organiser and presenters: the session's controls. */
  controls: PageControl[];
  /** The welcome's consent: the button, and what it says once pressed (kept on the device, as in the chat). */
  consent?: { button: string; thanks: string };
}

export interface StageRow {
  symbol: string;
  label: string;
  /** "12", "fewer than 5", "hidden": as the results card says it. */
  shown: string;
  /** Bar length 0…100; 0 for any count that is not shown exactly. */
  percent: number;
  exact: boolean;
}

export interface StagePage {
  screen: PanelScreen;
  revision: string;
  title: string;
  progress: string;
  question: string;
  symbols: string[];
  /** Lines under the chart ("We show answers once 5 people have answered."). */
  notes: string[];
  rows: StageRow[];
  speak: string;
}

/** The body text of a card (its TextBlocks), as the page shows it. */
function textsOf(card: AdaptiveCardJson): string[] {
  const body = (card as { body?: unknown }).body;
  return Array.isArray(body) ? body.filter((b): b is { type: string; text: string } => b?.type === 'TextBlock' && typeof b.text === 'string').map((b) => b.text) : [];
}

const speakOf = (card: AdaptiveCardJson): string => String((card as { speak?: unknown }).speak ?? '');

function controlsFor(state: PanelState): PageControl[] {
  if (!state.canFacilitate || !state.session) return [];
  const { session, summary } = state;
  const last = summary.index >= summary.total - 1;
  const out: PageControl[] = [];
  if (summary.phase === 'welcome') out.push({ action: 'start', label: '▶️ Start the questions' });
  if (summary.phase === 'question' && !last) out.push({ action: 'next', label: '➡️ Next question' });
  if (summary.phase === 'question') out.push({ action: 'pause', label: '⏸️ Take a break' });
  if (summary.phase === 'paused') out.push({ action: 'resume', label: '▶️ Carry on' });
  out.push(session.stage ? { action: 'unshare', label: '🙈 Hide group answers' } : { action: 'share', label: '📺 Share to the stage' });
  out.push({ action: 'end', label: '🏁 End session' });
  return out;
}

/** The side panel for one person. */
export function panelPage(state: PanelState): PanelPage {
  const { summary, session, survey } = state;
  const base = { revision: summary.revision, sessionId: session?.sessionId, role: state.role, controls: controlsFor(state) };
  if (!session || !survey) {
    const lines = ['⏳ Waiting for the session to start.', '💬 The person running it starts it in the meeting chat.'];
    return { ...base, screen: 'waiting', title: '👋 Hello!', lines, speak: 'Hello! Waiting for the session to start.' };
  }
  if (summary.phase === 'welcome') {
    const card = sessionWelcomeCard(session, survey, { isFacilitator: false });
    const [title = '👋 Welcome!', ...lines] = textsOf(card);
    const thanks = textsOf(sessionWelcomeCard(session, survey, { isFacilitator: false, ready: true })).at(-1) ?? '';
    return { ...base, screen: 'welcome', title, lines, speak: speakOf(card), consent: { button: "👍 I'm ready", thanks } };
  }
  if (summary.phase === 'paused') {
    const lines = ['☕ We are having a short break.', '⏳ The questions will come back soon.'];
    return { ...base, screen: 'paused', title: '⏸️ Short break', lines, speak: 'Short break. We are having a short break. The questions will come back soon.' };
  }
  const view = state.question;
  if (!view) return { ...base, screen: 'waiting', title: '⏳ Please wait', lines: [], speak: 'Please wait.' };
  const card = questionCard(view, { mode: 'session', session: { session, isFacilitator: false, refreshUserIds: [] } });
  const { question, myAnswer, style } = view;
  const chosen = myAnswer?.kind === 'choice' ? myAnswer.choices : [];
  return {
    ...base,
    screen: 'question',
    title: `📋 Question ${view.index + 1} of ${survey.questions.length}`,
    lines: [],
    question: {
      sessionId: session.sessionId,
      surveyId: survey.surveyId,
      version: survey.version,
      questionId: question.id,
      progress: `📋 Question ${view.index + 1} of ${survey.questions.length}`,
      text: `❓ ${stripSymbol(question.text)}`,
      multiple: question.type === 'multiple',
      freeText: question.type === 'text',
      choices: choicesOf(question, { twoPoint: style.twoPoint }).map((c) => ({ ...c, chosen: chosen.includes(c.value) })),
      skip: { value: -1, symbol: SKIP_SYMBOL, label: SKIP_LABEL, chosen: myAnswer?.kind === 'skip' },
      answered: answerText(question, myAnswer)
    },
    speak: speakOf(card)
  };
}

/** The side panel once the session has ended (the page remembers it was in one). */
export function panelEndPage(state: Pick<PanelState, 'survey'> & { revision: string; role: string }): PanelPage {
  const lines = state.survey ? textsOf(sessionEndCard(state.survey)) : ['🏁 The session has ended.', '💛 Thank you for sharing your views.'];
  const [title = '🎉 Thank you for taking part!', ...rest] = state.survey ? lines : ['🎉 Thank you for taking part!', ...lines];
  return {
    screen: 'ended',
    revision: state.revision,
    title,
    lines: rest,
    speak: state.survey ? speakOf(sessionEndCard(state.survey)) : 'Thank you for taking part! The session has ended.',
    role: state.role,
    controls: []
  };
}

const shownText = (shown: ShownCount, threshold: number): string => describeCount(shown, threshold);

/** The stage: the question with big symbols and the group's answers, suppressed; never a name, never free text. */
export function stagePage(state: StageState): StagePage {
  const { summary, survey, question, chart } = state;
  const base = { revision: summary.revision, title: survey ? `🗣️ Our voice: ${survey.title}` : '🗣️ Our voice' };
  if (!survey || !question) {
    const ended = summary.phase === 'none';
    const text = ended ? '⏳ No questions on the stage yet.' : '👋 We will start soon.';
    return { ...base, screen: summary.phase === 'welcome' ? 'welcome' : 'waiting', progress: '', question: text, symbols: [], notes: [], rows: [], speak: stripSymbol(text) };
  }
  const index = summary.index;
  const choices = choicesOf(question);
  const progress = `📋 Question ${index + 1} of ${summary.total}`;
  const text = `❓ ${stripSymbol(question.text)}`;
  let rows: StageRow[] = [];
  const notes: string[] = [];
  switch (chart.kind) {
    case 'shown': {
      const { result, threshold } = chart;
      const widest = Math.max(1, ...result.rows.map((r) => (r.shown.kind === 'exact' ? r.shown.value : 0)));
      rows = result.rows.map((r) => ({
        symbol: r.symbol,
        label: r.label,
        shown: shownText(r.shown, threshold),
        percent: r.shown.kind === 'exact' ? Math.round((100 * r.shown.value) / widest) : 0,
        exact: r.shown.kind === 'exact'
      }));
      rows.push({ symbol: SKIP_SYMBOL, label: SKIP_LABEL, shown: shownText(result.skipped, threshold), percent: 0, exact: result.skipped.kind === 'exact' });
      if (!result.complete) notes.push(`🔒 Small numbers are hidden to keep answers private.`);
      notes.push(`👥 The chart changes when ${threshold} more people have answered.`);
      break;
    }
    case 'waiting':
      notes.push(`⏳ We show the answers once ${chart.threshold} people have answered.`);
      break;
    case 'notShared':
      notes.push('🙈 The group answers are not shared yet.');
      break;
    case 'private':
      notes.push('🔒 The answers to this survey are kept private.');
      break;
    case 'freeText':
      notes.push('✏️ Written answers are not shown here.');
      break;
    case 'none':
      break;
  }
  if (summary.phase === 'paused') notes.unshift('☕ We are having a short break.');
  const spokenRows = rows.map((r) => `${r.label}: ${r.shown}.`).join(' ');
  return {
    ...base,
    screen: summary.phase === 'paused' ? 'paused' : 'question',
    progress,
    question: text,
    symbols: choices.map((c) => c.symbol),
    notes,
    rows,
    speak: [`Question ${index + 1} of ${summary.total}.`, stripSymbol(text), spokenRows, ...notes.map(stripSymbol)].filter((s) => s !== '').join(' ')
  };
}

/** A page in card shape (large text, buttons as actions), for the easy-read check. */
export function pageAsCard(page: PanelPage | StagePage): AdaptiveCardJson {
  const block = (text: string) => ({ type: 'TextBlock', text, size: 'Large', wrap: true });
  const body: unknown[] = [block(page.title)];
  const actions: unknown[] = [];
  if ('lines' in page) {
    body.push(...page.lines.map(block));
    if (page.consent) {
      body.push(block(page.consent.thanks));
      actions.push({ type: 'Action.Execute', title: page.consent.button });
    }
    if (page.question) {
      body.push(block(page.question.text));
      if (page.question.answered) body.push(block(page.question.answered));
      actions.push(...[...page.question.choices, page.question.skip].map((c) => ({ type: 'Action.Execute', title: `${c.symbol} ${c.label}` })));
    }
    actions.push(...page.controls.map((c) => ({ type: 'Action.Execute', title: c.label })));
  } else {
    if (page.progress) body.push(block(page.progress));
    body.push(block(page.question), ...page.notes.map(block));
    body.push(...page.rows.map((r) => block(`${r.symbol} ${r.label}: ${r.shown}`)));
  }
  return { type: 'AdaptiveCard', version: '1.5', speak: page.speak, body, actions } as AdaptiveCardJson;
}

/** The easy-read problems of what a page shows; empty when it passes. */
export const pageEasyReadProblems = (page: PanelPage | StagePage): string[] => checkEasyRead(pageAsCard(page));
