/**
 * Cards for closing the loop (docs/findings.md): the owner's editor, the standard channel card, the
 * easy-read card and follow-up for participants (these pass the easy-read check, src/cards/shared/easy-read.ts).
 * Every count shown comes from the suppressed results (src/domain/findings/findings.ts figuresOf).
 */
import chooseTemplate from './findings-choose.json';
import editorTemplate from './findings-editor.json';
import standardTemplate from './findings-standard.json';
import { FINDINGS_STATE_LABELS, type Findings, STATUS_EASY, STATUS_LABELS, WE_DID_STATUSES, type WeDid } from '../../domain/findings/findings';
import { type FindingsView, type SendReport, describeSendReport } from '../../domain/findings/findings-service';
import { noticeCard } from '../shared/notice-card';
import { type ShownCount, describeCount } from '../../domain/shared/suppression';
import type { Survey } from '../../domain/surveys/survey';
import { easyInfoCard, line } from '../shared/easy-info-card';
import { type AdaptiveCardJson, renderCard } from '../shared/render';
import { sentence, stripSymbol } from '../shared/text';

/** "Monday 2 March 2026" from YYYY-MM-DD (a wall date: no time zone arithmetic). */
export function dateForPeople(date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })
    .format(new Date(`${date}T12:00:00Z`))
    .replace(',', '');
}

const people = (shown: ShownCount, threshold: number): string => {
  const n = describeCount(shown, threshold);
  return shown.kind === 'exact' && shown.value === 1 ? '1 person' : `${n} people`;
};

/** The supporting figures of one theme: the question's suppressed results, a chart only when every count is exact. */
function supportOf(view: FindingsView, questionId: string, choice: number | undefined) {
  const result = view.figures.questions[questionId];
  if (!result) return undefined;
  const t = view.figures.threshold;
  const rows = result.rows.map((r, i) => ({
    title: `${i === choice ? '👉 ' : ''}${r.symbol} ${r.label}`,
    value: `${describeCount(r.shown, t)}${r.percent !== undefined ? ` (${r.percent}%)` : ''}`
  }));
  const showChart = result.complete && result.rows.some((r) => r.shown.kind === 'exact' && r.shown.value > 0);
  const footer = result.complete
    ? `${describeCount(result.answered, t)} answered; ${describeCount(result.skipped, t)} did not want to answer.`
    : `🔒 Some numbers are hidden so nobody can be identified (small numbers show as "fewer than ${t}").`;
  return {
    heading: `❓ ${stripSymbol(result.question.text)}`,
    showChart,
    chart: result.rows.map((r) => ({ x: `${r.symbol} ${r.label}`, y: r.shown.kind === 'exact' ? r.shown.value : 0 })),
    rows,
    footer
  };
}

const STATUS_COLOR: Record<WeDid['status'], string> = { planned: 'Default', inProgress: 'Accent', done: 'Good', notPossible: 'Attention' };

function responseDetail(w: WeDid): string {
  return [`Owner: ${w.owner}`, w.when ? `${w.status === 'done' ? 'Done' : 'When'}: ${dateForPeople(w.when)}` : '', w.reason ? `Why: ${w.reason}` : '']
    .filter(Boolean)
    .join(' · ');
}

/** The standard card for a channel: what we asked, how many took part, what you said, what we did, when more. */
export function findingsStandardCard(view: FindingsView): AdaptiveCardJson {
  const { findings, survey, figures } = view;
  const t = figures.threshold;
  const themes = findings.youSaid.map((theme) => ({
    text: `🗣️ ${theme.text}`,
    quote: theme.quote ?? '',
    support: theme.support.map((s) => supportOf(view, s.questionId, s.choice)).filter((s) => s !== undefined)
  }));
  const responses = findings.weDid.map((w) => ({
    symbol: STATUS_EASY[w.status].symbol,
    status: STATUS_LABELS[w.status],
    text: w.text,
    color: STATUS_COLOR[w.status],
    detail: responseDetail(w)
  }));
  const asked = askedOf(survey);
  const tookPart = `${people(figures.respondents, t)} took part.`;
  const note = figures.respondents.kind === 'exact' ? '' : `🔒 Small numbers show as "fewer than ${t}" so nobody can be identified.`;
  const nextUpdate = dateForPeople(findings.nextUpdate);
  return renderCard(standardTemplate, {
    title: findings.title,
    asked,
    tookPart,
    note,
    themes,
    responses,
    nextUpdate,
    speak: [
      sentence(`You said, we did: ${findings.title}`),
      sentence(`What we asked: ${asked}`),
      tookPart,
      ...findings.youSaid.map((y) => sentence(`You said: ${y.text}`)),
      ...findings.weDid.map((w) => sentence(`${STATUS_LABELS[w.status]}: ${w.text}`)),
      sentence(`We will tell you more by ${nextUpdate}`)
    ].join(' ')
  });
}

function askedOf(survey: Survey): string {
  const texts = survey.questions.map((q) => stripSymbol(q.text));
  return texts.length <= 3 ? texts.join(' · ') : `${texts.slice(0, 3).join(' · ')} and ${texts.length - 3} more`;
}

/** An easy-read card of lines, without buttons. */
const easyCard = (title: string, lines: { text: string; color: string }[]): AdaptiveCardJson => easyInfoCard({ title, lines, buttons: [], easyRead: true });

/** The easy-read lines of one "We did" (also the two-way loop's cards and printable page). */
export function weDidLines(w: WeDid): { text: string; color: string }[] {
  const status = STATUS_EASY[w.status];
  const out = [line(`🛠️ ${sentence(w.easyText)}`), line(`${status.symbol} ${status.text}`, w.status === 'done' ? 'Good' : 'Default')];
  if (w.status === 'notPossible' && w.reason) out.push(line(`💬 This is why: ${sentence(w.reason)}`));
  return out;
}

/** The easy-read card sent 1:1 to every person who took part. No numbers: nothing small to hide. */
export function findingsEasyCard(view: FindingsView): AdaptiveCardJson {
  const { findings } = view;
  return easyCard('📣 How your views changed things', [
    line('👋 Thank you for telling us what you think.'),
    ...findings.youSaid.map((y) => line(`🗣️ You told us: ${sentence(y.easyText)}`)),
    ...findings.weDid.flatMap(weDidLines),
    line(`📅 We will tell you more by ${dateForPeople(findings.nextUpdate)}.`)
  ]);
}

/** The short easy-read follow-up when a "We did" status changes. */
export function findingsFollowUpCard(view: FindingsView, item: WeDid): AdaptiveCardJson {
  return easyCard('📣 News about your views', [...weDidLines(item), line(`📅 We will tell you more by ${dateForPeople(view.findings.nextUpdate)}.`)]);
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** What the owner does next, in one line (the editor is long: say where they are). */
function nextStepOf(f: Findings, canPublishHere: boolean): string {
  const publish = canPublishHere ? 'press Publish here' : 'type "findings publish" in the channel or chat where people should see them';
  if (f.state === 'withGroup') return 'Next: wait for the working group. You will hear their decision in this chat.';
  if (f.state === 'published') return 'Published. When a change moves on, use Change status: the posted card updates and everyone who took part hears.';
  if (f.youSaid.length === 0) return 'Next: add what people said ("You said"), then what you did or will do about it ("We did").';
  if (f.weDid.length === 0) return 'Next: add what you did or will do ("We did"). People need to hear what happened because of their views.';
  if (f.state === 'approved') return `Approved by the working group. Next: ${publish}.`;
  return `Next: send them to the working group to approve (optional), then ${publish}.`;
}

/**
 * The owner's editor. `canPublishHere`: the card is shown where the published card can go.
 * `groups`: working groups to choose from when the findings have none yet (not linked to a plan)
 * and the editor is not in a working group's channel; `inTeamChannel`: that channel's team is used.
 */
export function findingsEditorCard(input: {
  view: FindingsView;
  quotes: string[];
  canPublishHere: boolean;
  notice?: string;
  noticeColor?: 'Default' | 'Good' | 'Attention';
  groups?: { teamId: string; name: string }[];
  inTeamChannel?: boolean;
}): AdaptiveCardJson {
  const { findings, survey } = input.view;
  const editable = findings.state !== 'withGroup';
  const themes = findings.youSaid.map((y) => ({
    id: y.id,
    label: `🗣️ ${y.text}`,
    detail: [
      y.easyText !== y.text ? `Easy read: ${y.easyText}` : '',
      y.support.length ? `Supported by: ${y.support.map((s) => survey.questions.find((q) => q.id === s.questionId)?.text ?? s.questionId).join('; ')}` : '',
      y.quote ? `Quote: “${y.quote}”` : ''
    ]
      .filter(Boolean)
      .join(' · ')
  }));
  const responses = findings.weDid.map((w) => ({
    id: w.id,
    label: `${STATUS_EASY[w.status].symbol} ${STATUS_LABELS[w.status]}: ${w.text}`,
    detail: [w.easyText !== w.text ? `Easy read: ${w.easyText}` : '', responseDetail(w)].filter(Boolean).join(' · '),
    status: w.status,
    reason: w.reason
  }));
  return renderCard(editorTemplate, {
    surveyId: findings.surveyId,
    title: findings.title,
    stateLine: `${FINDINGS_STATE_LABELS[findings.state]}${findings.planId ? ' · linked to your plan' : ''} · ${plural(findings.youSaid.length, 'theme', 'themes')}, ${plural(findings.weDid.length, 'response', 'responses')}`,
    nextStep: nextStepOf(findings, input.canPublishHere),
    notice: input.notice ?? '',
    noticeColor: input.noticeColor ?? 'Default',
    editable,
    themes,
    responses,
    questions: survey.questions.map((q) => ({ title: stripSymbol(q.text), value: q.id })),
    quotes: input.quotes.map((q, i) => ({ title: q.length > 120 ? `${q.slice(0, 117)}…` : q, value: String(i) })),
    statuses: WE_DID_STATUSES.map((s) => ({ title: STATUS_LABELS[s], value: s })),
    nextUpdate: findings.nextUpdate,
    canSubmit: editable && findings.state !== 'published',
    groupKnown: findings.teamId !== undefined || input.inTeamChannel === true,
    groups: (input.groups ?? []).map((g) => ({ title: g.name, value: g.teamId })),
    canPublishHere: input.canPublishHere,
    speak: `Findings for ${findings.title}. ${FINDINGS_STATE_LABELS[findings.state]}. ${plural(findings.youSaid.length, 'theme', 'themes')} and ${plural(findings.weDid.length, 'response', 'responses')}. ${nextStepOf(findings, input.canPublishHere)}`
  });
}

/** A list of surveys or findings with one button each. */
export function findingsChooseCard(input: {
  heading: string;
  empty: string;
  buttonTitle: string;
  verb: string;
  items: { surveyId: string; title: string; detail: string }[];
}): AdaptiveCardJson {
  return renderCard(chooseTemplate, { ...input, speak: `${input.heading}. ${input.items.length} to choose from.` });
}

export const findingsDetail = (f: Findings): string =>
  `${FINDINGS_STATE_LABELS[f.state]} · ${plural(f.youSaid.length, 'theme', 'themes')}, ${plural(f.weDid.length, 'response', 'responses')}`;

/** For the author, 1:1, once the published card's 1:1 sends are done: "Sent to 2, 1 not reachable: app not installed." */
export function findingsSentCard(report: SendReport): AdaptiveCardJson {
  const missed = report.notReached.reduce((n, r) => n + r.count, 0);
  const advice = missed > 0 ? ' Those not reached can see the findings where they were published, or you can share them another way.' : '';
  return noticeCard(`Findings sent: ${report.title}`, `${describeSendReport(report)}${advice}`, missed > 0 ? 'attention' : 'good');
}
