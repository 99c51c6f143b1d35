/** The card of a poll to be posted later (docs/recurrence.md): when, and change or cancel it until it is posted. */
import type { ScheduledPollView } from '../../domain/polls/scheduled-poll';
import { wallClock } from '../../domain/shared/time';
import { type AdaptiveCardJson, renderCard } from '../shared/render';
import template from './scheduled-poll.json';

const pad = (n: number): string => String(n).padStart(2, '0');

const HEADINGS: Record<ScheduledPollView['item']['status'], string> = {
  scheduled: '🕒 Poll scheduled',
  posting: '📊 Posting now',
  posted: '📊 Posted',
  cancelled: '🗑️ Poll cancelled'
};

export function scheduledPollCard(view: ScheduledPollView, note = ''): AdaptiveCardJson {
  const { item } = view;
  const w = wallClock(item.at, item.timeZone);
  return renderCard(template, {
    heading: HEADINGS[item.status],
    note,
    question: item.draft.question,
    options: item.draft.options.join(' · '),
    when: view.when,
    editable: item.status === 'scheduled',
    date: `${w.year}-${pad(w.month)}-${pad(w.day)}`,
    time: `${pad(w.hour)}:${pad(w.minute)}`,
    timeZone: item.timeZone,
    pollId: item.pollId,
    speak: `${HEADINGS[item.status]}: ${item.draft.question}, ${view.when}.`
  });
}
