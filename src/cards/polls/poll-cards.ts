import formTemplate from './poll-form.json';
import pollTemplate from './poll.json';
import { type Poll, type PollTally, percentages, resultsAccess, POLL_LIMITS } from '../../domain/polls/poll';
import type { PollView } from '../../domain/polls/poll-service';
import { formatForPeople } from '../../domain/shared/time';
import { type AdaptiveCardJson, renderCard } from '../shared/render';

export interface PollFormModel {
  formId: string;
  question: string;
  options: string;
  anonymous: string;
  resultsVisibility: string;
  chart: string;
  closeDate: string;
  closeTime: string;
  /** "Post at" (optional): the poll waits until then (docs/recurrence.md). */
  postDate: string;
  postTime: string;
  /** "none", "weekly" or "monthly": a recurring poll (docs/recurrence.md). */
  repeat: string;
  timeZone: string;
  /** In a messaging-extension dialog the form submits (Action.Submit) for a preview. */
  inTaskModule: boolean;
  /** The dialog's button: "Preview" (Teams shows a preview before sending), or what it does instead. */
  submitTitle: string;
  hasErrors: boolean;
  errorSummary: string;
  errors: { question: string; options: string; closeDate: string; postDate: string; repeat: string };
}

/** The form for a new poll; re-rendered with the person's own values and messages when invalid. */
export function pollFormCard(input: {
  formId: string;
  timeZone: string;
  values?: Record<string, unknown>;
  errors?: Record<string, string>;
  inTaskModule?: boolean;
  submitTitle?: string;
}): AdaptiveCardJson {
  const v = input.values ?? {};
  const text = (key: string, fallback = ''): string => (typeof v[key] === 'string' ? (v[key] as string) : fallback);
  const errors = input.errors ?? {};
  const otherErrors = Object.entries(errors)
    .filter(([field]) => !['question', 'options', 'closeDate', 'postDate', 'repeat'].includes(field))
    .map(([, message]) => message);
  return renderCard<PollFormModel>(formTemplate, {
    formId: input.formId,
    question: text('question'),
    options: text('options'),
    anonymous: text('anonymous', 'false'),
    resultsVisibility: text('resultsVisibility', 'live'),
    chart: text('chart', 'bar'),
    closeDate: text('closeDate'),
    closeTime: text('closeTime'),
    postDate: text('postDate'),
    postTime: text('postTime'),
    repeat: text('repeat', 'none'),
    timeZone: input.timeZone,
    inTaskModule: input.inTaskModule === true,
    submitTitle: input.submitTitle ?? 'Preview',
    hasErrors: Object.keys(errors).length > 0,
    errorSummary: otherErrors.length > 0 ? otherErrors.join(' ') : 'see the messages below.',
    errors: { question: errors.question ?? '', options: errors.options ?? '', closeDate: errors.closeDate ?? '', postDate: errors.postDate ?? '', repeat: errors.repeat ?? '' }
  });
}

export interface PollCardModel {
  pollId: string;
  heading: string;
  question: string;
  statusLine: string;
  notice: string;
  myChoiceText: string;
  myChoiceValue: string;
  canVote: boolean;
  voteButton: string;
  canClose: boolean;
  /** The author's view of an open NAMED poll: who has not voted (docs/recurrence.md). */
  canSeeWaiting: boolean;
  choices: { title: string; value: string }[];
  showResults: boolean;
  chart: string;
  results: { label: string; count: number; percent: number; text: string }[];
  resultsNote: string;
  votersText: string;
  refresh: boolean;
  refreshUserIds: string[];
  speak: string;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

function votersText(voters: number, open: boolean): string {
  if (voters === 0) return open ? 'No votes yet.' : 'Nobody voted.';
  const who = voters === 1 ? '1 person' : `${voters} people`;
  return `${who} ${open ? (voters === 1 ? 'has voted' : 'have voted') : 'voted'}.`;
}

/**
 * The poll card. `viewer` present: one person's view (their choice, Close for the author), returned
 * from an invoke or a refresh. Absent: the shared message everyone sees until their view refreshes.
 */
export function pollCard(poll: Poll, tally: PollTally, viewer?: Omit<PollView, 'poll' | 'tally'>, notice = ''): AdaptiveCardJson {
  const open = poll.status === 'open';
  const access = resultsAccess(poll, tally);
  const pct = percentages(tally.counts);
  const results = poll.options.map((label, i) => {
    const count = tally.counts[i] ?? 0;
    return { label, count, percent: pct[i] ?? 0, text: `${plural(count, 'vote', 'votes')} (${pct[i] ?? 0}%)` };
  });
  const myChoice = viewer?.myChoice;
  const myChoiceLabel = myChoice !== undefined ? poll.options[myChoice] : undefined;

  const status: string[] = [open ? 'Open' : 'Closed'];
  if (poll.anonymous) status.push('anonymous');
  if (open && poll.closesAt) status.push(`closes ${formatForPeople(poll.closesAt, poll.timeZone)}`);
  if (!open && poll.closedAt) status.push(formatForPeople(poll.closedAt, poll.timeZone));

  const resultsNote =
    access === 'hiddenUntilClose'
      ? 'Results will be shown when the poll closes.'
      : access === 'tooFewVoters'
        ? `To keep votes anonymous, results show once at least ${POLL_LIMITS.anonymousMinVotersForResults} people have voted.`
        : '';
  const showResults = access === 'shown' && tally.voters > 0;
  const summary = showResults ? results.map((r) => `${r.label}: ${r.text}`).join('. ') : resultsNote;

  const model: PollCardModel = {
    pollId: poll.pollId,
    heading: poll.createdByName ? `Quick poll from ${poll.createdByName}` : 'Quick poll',
    question: poll.question,
    statusLine: status.join(' · '),
    notice,
    myChoiceText: myChoiceLabel !== undefined ? `You chose: ${myChoiceLabel}` : '',
    myChoiceValue: myChoice !== undefined ? String(myChoice) : '',
    canVote: open,
    voteButton: myChoice !== undefined ? 'Change my vote' : 'Vote',
    canClose: open && viewer?.isCreator === true,
    canSeeWaiting: open && viewer?.isCreator === true && !poll.anonymous && poll.conversation.conversationType !== 'personal',
    choices: poll.options.map((title, i) => ({ title, value: String(i) })),
    showResults,
    chart: poll.chart,
    results,
    resultsNote,
    votersText: votersText(tally.voters, open),
    refresh: open,
    refreshUserIds: [poll.createdByUserId],
    speak: `${poll.question}. ${status.join(', ')}. ${summary}`.trim()
  };
  return renderCard<PollCardModel>(pollTemplate, model);
}
