/** Cards of safeguarding (docs/delivery.md, "Safeguarding"): the alert, the list of alerts, the reply to the young person. */
import alertTemplate from './safeguarding-alert.json';
import listTemplate from './safeguarding-alerts.json';
import replyTemplate from './safeguarding-reply.json';
import { type ScreeningCategory, categoryLabel } from '../../domain/safeguarding/safeguarding';
import type { HarmCategory } from '../../domain/safeguarding/harm-categories';
import type { EscalationKind } from '../../domain/safeguarding/ports';
import { type AlertCardInput, type AlertSummary, type UnacknowledgedNoticeInput, clockTime, workingTimeText } from '../../domain/safeguarding/safeguarding-service';
import { formatForPeople } from '../../domain/shared/time';
import { noticeCard } from '../shared/notice-card';
import { type AdaptiveCardJson, renderCard } from '../shared/render';

interface Fact {
  title: string;
  value: string;
}

const SHOWN_ELSEWHERE =
  "Nowhere else in VoiceLoop shows these words: the survey's owner and results, exports, digests, findings and search show 'An answer was passed to the safeguarding lead'.";

/** "Mon 5 Jan" in the time zone. */
const dayOf = (at: Date, timeZone: string): string =>
  new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short' }).format(at);

/** An asterisk in card text is markdown: a council phrase such as "kick* me" shows as "kick… me". */
const plain = (phrase: string): string => phrase.replace(/\*/g, '…');

/**
 * "Neglect; Domestic abuse at home", or the screening failure in words. A net's alert ("possible harm")
 * carries the guess: "Possible harm, possibly: Neglect or Emotional abuse (a guess from the words: please read the answer)".
 */
function categoriesText(categories: readonly ScreeningCategory[], possibly: readonly HarmCategory[] = []): string {
  const guess = possibly.length > 0 ? `Possible harm, possibly: ${possibly.map(categoryLabel).join(' or ')} (a guess from the words: please read the answer)` : undefined;
  const named = categories.filter((c) => c !== 'not-screened').map((c) => (c === 'possible-harm' && guess ? guess : categoryLabel(c)));
  if (named.length === 0) return categories.includes('not-screened') ? 'This answer could not be screened automatically' : 'A concern';
  return named.join('; ');
}

const escalationKind = (e: NonNullable<AlertCardInput['escalation']>): EscalationKind => e.as ?? (e.toDeputies ? 'deputies' : 'again');

/**
 * The line saying why the card came again: on to people who did not have it, or — to people who already
 * had it — a reminder that it is still not acknowledged, never dressed up as a new alert.
 */
function escalationText(e: NonNullable<AlertCardInput['escalation']>, timeZone: string): string {
  const at = clockTime(e.at, timeZone);
  const within = workingTimeText(e.workingMinutes);
  const told = 'The administrators were told an alert is waiting, without its words.';
  switch (escalationKind(e)) {
    case 'deputies':
      return e.noLead
        ? `Escalated to the deputy leads at ${at}: nobody had acknowledged it within ${within}, and no designated safeguarding lead is set. ${told}`
        : `Escalated to the deputy leads at ${at}: the lead had not acknowledged it within ${within}.`;
    case 'lead':
      return `Escalated to the designated safeguarding lead at ${at}: the deputy leads had not acknowledged it within ${within}.`;
    case 'again':
      return e.noLead
        ? `Reminder at ${at}: this alert is still not acknowledged after ${within}. It is the alert you were sent when it was raised, not a new one: no designated safeguarding lead is set, so it went straight to the deputy leads. ${told}`
        : `Sent again at ${at}: nobody had acknowledged it within ${within}, and no deputy lead is set. ${told}`;
  }
}

/**
 * 1:1 to the designated safeguarding lead (and deputies): what kind of concern, whether someone is
 * dealing with it, out-of-hours help, the words, where they came from, and what nobody else sees.
 */
export function safeguardingAlertCard(m: AlertCardInput): AdaptiveCardJson {
  const notScreened = m.categories.length > 0 && m.categories.every((c) => c === 'not-screened');
  const what = notScreened
    ? categoriesText(m.categories)
    : `${m.categories.filter((c) => c !== 'not-screened').length > 1 ? 'Categories' : 'Category'}: ${categoriesText(m.categories, m.possibly)}`;
  const ask = notScreened
    ? 'VoiceLoop could not screen this answer automatically. Please read it: it may show a young person is not safe.'
    : "A young person's answer may show they are not safe. Please read it and act as you would on any disclosure.";
  const status = m.acknowledged
    ? `Dealt with by ${m.acknowledged.name} since ${clockTime(m.acknowledged.at, m.timeZone)} (${dayOf(m.acknowledged.at, m.timeZone)}).`
    : 'Not yet acknowledged. Press "I\'m dealing with this" when you take it on.';
  const escalation = m.escalation ? escalationText(m.escalation, m.timeZone) : '';
  const outOfHours = !m.outOfHours
    ? ''
    : m.outOfHours.number
      ? "Raised outside working hours. VoiceLoop is not monitored at night or at weekends. If a child may be in danger now, call the council's out-of-hours team (children's services emergency duty team), or 999 in an emergency:"
      : 'Raised outside working hours. VoiceLoop is not monitored at night or at weekends. Your council has not set an out-of-hours number in VoiceLoop: follow your local out-of-hours procedures, or call 999 in an emergency.';
  const who = m.wordsDeleted
    ? "Deleted with the survey's answers"
    : m.anonymous
      ? `${m.respondent ?? 'Not known'} (anonymous: revealed to you only)`
      : (m.respondent ?? 'Not known (the answer came without a name)');
  const facts: Fact[] = [
    { title: 'Survey', value: m.subjectTitle },
    ...(m.questionText ? [{ title: 'Question', value: m.questionText }] : []),
    { title: 'Who', value: who },
    { title: 'When', value: formatForPeople(m.at, m.timeZone) }
  ];
  const heading = !m.escalation ? 'Safeguarding alert' : escalationKind(m.escalation) === 'again' ? 'Safeguarding alert: still not acknowledged' : 'Safeguarding alert: escalated';
  return renderCard(alertTemplate, {
    heading,
    what,
    ask,
    escalation,
    status,
    statusColor: m.acknowledged ? 'Good' : 'Attention',
    notice: m.notice ?? '',
    outOfHours,
    outOfHoursNumber: m.outOfHours?.number ?? '',
    text: m.wordsDeleted ? "The words were deleted with the survey's answers, under your council's retention rule." : m.text,
    facts,
    evidence: m.matches.length > 0 ? `Why it was flagged: ${m.matches.map((x) => `"${plain(x)}"`).join(', ')}` : '',
    shownElsewhere: SHOWN_ELSEWHERE,
    canAcknowledge: !m.acknowledged,
    ref: m.ref,
    speak: `${heading}. ${what}. ${escalation ? `${escalation} ` : ''}${status}${outOfHours ? ` ${outOfHours} ${m.outOfHours?.number ?? ''}` : ''}`
  });
}

/** To the administrators when an alert waits and no deputy is set: no words, no category, no person. */
export function safeguardingUnacknowledgedCard(n: UnacknowledgedNoticeInput): AdaptiveCardJson {
  if (n.noLead) {
    return noticeCard(
      'A safeguarding alert has nobody to go to',
      `An answer to the survey "${n.subjectTitle}", given ${formatForPeople(n.at, n.timeZone)}, raised a safeguarding concern, and no designated safeguarding lead or deputy is set. ` +
        'Please name one now: an administrator who is the designated safeguarding lead types "safeguarding lead me" in their 1:1 chat with VoiceLoop, and the alert goes to them at once. ' +
        'You are not shown what was written: only the lead and deputy leads see that.',
      'attention'
    );
  }
  if (n.deputies) {
    return noticeCard(
      'A safeguarding alert is waiting',
      `An alert raised ${formatForPeople(n.at, n.timeZone)} from the survey "${n.subjectTitle}" went to the deputy leads (${n.deputies.join(', ')}) because no designated safeguarding lead is set, ` +
        `and nobody has acknowledged it within ${workingTimeText(n.workingMinutes)}. Please make sure a deputy lead has seen it, and name a lead: ` +
        'the designated safeguarding lead types "safeguarding lead me" in their 1:1 chat with VoiceLoop. You are not shown what was written: only the lead and deputy leads see that.',
      'attention'
    );
  }
  return noticeCard(
    'A safeguarding alert is waiting',
    `An alert to the designated safeguarding lead${n.leadName ? ` (${n.leadName})` : ''}, raised ${formatForPeople(n.at, n.timeZone)} from the survey "${n.subjectTitle}", ` +
      `has not been acknowledged within ${workingTimeText(n.workingMinutes)}, and no deputy lead is set. Please make sure the lead has seen it. ` +
      'You are not shown what was written: only the lead and deputy leads see that. A deputy lead types "safeguarding deputy me" in their 1:1 chat with VoiceLoop.',
    'attention'
  );
}

/** The most alerts of each kind the list shows (the oldest open ones first). */
const LIST_LIMIT = 20;

/** `safeguarding alerts`, for the lead and deputies: no words, a button to the alert card. */
export function safeguardingAlertsCard(list: { open: AlertSummary[]; dealtWith: AlertSummary[] }, days: number): AdaptiveCardJson {
  const item = (a: AlertSummary) => ({
    subjectId: a.ref.subjectId,
    alertKey: a.ref.alertKey,
    what: `${categoriesText(a.categories, a.possibly)}: ${a.subjectTitle}`,
    detail: [
      `Raised ${formatForPeople(a.raisedAt, a.timeZone)}`,
      a.escalatedAt ? `escalated ${formatForPeople(a.escalatedAt, a.timeZone)}` : '',
      a.acknowledged ? `dealt with by ${a.acknowledged.name} since ${formatForPeople(a.acknowledged.at, a.timeZone)}` : 'nobody has acknowledged it yet'
    ]
      .filter(Boolean)
      .join(' · ')
  });
  const hidden = Math.max(0, list.open.length - LIST_LIMIT) + Math.max(0, list.dealtWith.length - LIST_LIMIT);
  const openHeading = `Waiting for someone to deal with them (${list.open.length})`;
  const dealtHeading = `Dealt with in the last ${days} days (${list.dealtWith.length})`;
  return renderCard(listTemplate, {
    intro: 'Open alerts first, oldest first. The words are only on each alert card: press "Show the alert".',
    openHeading,
    openColor: list.open.length > 0 ? 'Attention' : 'Default',
    open: list.open.slice(0, LIST_LIMIT).map(item),
    dealtHeading,
    dealtWith: list.dealtWith.slice(0, LIST_LIMIT).map(item),
    more: hidden > 0 ? `${hidden} more not shown here.` : '',
    footer: 'Only the designated safeguarding lead and deputy leads see this list.',
    speak: `Safeguarding alerts. ${openHeading}. ${dealtHeading}.`
  });
}

/** Easy-read reply to the young person who wrote it. */
export function safeguardingReplyCard(): AdaptiveCardJson {
  return renderCard(replyTemplate, {
    speak:
      'Thank you for telling us. We cannot keep what you wrote a secret. We have told a person whose job is to keep you safe. ' +
      'They will talk to you soon. They want to help. You can call Childline for free on 0800 1111. Any time, day or night. ' +
      'If you are in danger now, call 999.'
  });
}
