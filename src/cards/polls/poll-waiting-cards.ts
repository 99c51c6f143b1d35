/** Who has not voted in a named poll, for its author (docs/recurrence.md), and the 1:1 nudge itself. */
import { type PollWaitingView, WAITING_NAMES_SHOWN } from '../../domain/polls/poll-waiting';
import type { Poll } from '../../domain/polls/poll';
import { noticeCard } from '../shared/notice-card';
import { type AdaptiveCardJson, renderCard } from '../shared/render';
import template from './poll-waiting.json';

export function pollWaitingCard(view: PollWaitingView, note = ''): AdaptiveCardJson {
  const waiting = view.notVoted.length;
  const names = view.notVoted.slice(0, WAITING_NAMES_SHOWN).map((p) => p.name ?? 'Someone without a display name');
  const summary = waiting === 0 ? `Everyone in the chat has voted (${view.voted} of ${view.members}).` : `${waiting} of ${view.members} in the chat have not voted yet.`;
  return renderCard(template, {
    question: view.poll.question,
    note,
    summary,
    names: names.join(', '),
    more: waiting > WAITING_NAMES_SHOWN ? `and ${waiting - WAITING_NAMES_SHOWN} more.` : '',
    canNudge: view.poll.status === 'open' && waiting > 0,
    pollId: view.poll.pollId,
    speak: `${view.poll.question}: ${summary}`
  });
}

/** The 1:1 reminder: what the poll asks and where it is. */
export function pollNudgeCard(poll: Poll): AdaptiveCardJson {
  const from = poll.createdByName ? ` from ${poll.createdByName}` : '';
  return noticeCard('🔔 A poll is waiting for your vote', `The quick poll${from} "${poll.question}" is open in your team chat. Vote there when you have a moment.`);
}
