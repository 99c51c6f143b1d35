/** Cards of scheduled sends (docs/recurrence.md): one send (preview, scheduled, changed, cancelled) and the list. */
import type { SchedulePreview } from '../../domain/recurrence/scheduled-send';
import type { ScheduledPollView } from '../../domain/polls/scheduled-poll';
import { COHORT_LABELS } from '../../domain/delivery/delivery-settings-service';
import { wallClock } from '../../domain/shared/time';
import { type AdaptiveCardJson, renderCard } from '../shared/render';
import sendTemplate from './scheduled-send.json';
import listTemplate from './scheduled-list.json';

const pad = (n: number): string => String(n).padStart(2, '0');

const HEADINGS: Record<SchedulePreview['send']['status'], string> = {
  preview: '🕒 Send later? Check the time',
  scheduled: '🕒 Scheduled',
  starting: '📨 Sending now',
  started: '📨 Sent',
  cancelled: '🗑️ Cancelled'
};

export function scheduledSendCard(view: SchedulePreview, note = ''): AdaptiveCardJson {
  const { send } = view;
  const w = wallClock(send.at, send.timeZone);
  const editable = send.status === 'preview' || send.status === 'scheduled';
  const waits = view.waitsUntil ? `That is outside the allowed hours for ${COHORT_LABELS[send.cohort].toLowerCase()}: messages will wait until ${view.waitsUntil}.` : '';
  return renderCard(sendTemplate, {
    heading: HEADINGS[send.status],
    note,
    title: send.title,
    when: view.when,
    cohort: COHORT_LABELS[send.cohort],
    allowedHours: view.allowedHours,
    waits,
    editable,
    confirmable: send.status === 'preview',
    date: `${w.year}-${pad(w.month)}-${pad(w.day)}`,
    time: `${pad(w.hour)}:${pad(w.minute)}`,
    timeZone: send.timeZone,
    sendId: send.sendId,
    speak: `${HEADINGS[send.status]}: ${send.title}, ${view.when}. ${waits}`
  });
}

/** Survey sends and polls to be posted later (docs/recurrence.md), each opening its own card to change or cancel. */
export function scheduledListCard(views: SchedulePreview[], pollViews: ScheduledPollView[] = []): AdaptiveCardJson {
  const sends = views.map((v) => ({ title: v.send.title, when: v.when, sendId: v.send.sendId }));
  const polls = pollViews.map((v) => ({ question: v.item.draft.question, when: v.when, pollId: v.item.pollId }));
  const all = [...sends.map((s) => `${s.title}, ${s.when}`), ...polls.map((p) => `poll ${p.question}, ${p.when}`)];
  return renderCard(listTemplate, { sends, polls, speak: all.length ? `${all.length} scheduled: ${all.join('; ')}` : 'Nothing is scheduled.' });
}
