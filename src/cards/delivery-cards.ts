/** Cards of 1:1 delivery and safeguarding (docs/delivery.md). */
import progressTemplate from './templates/delivery-progress.json';
import alertTemplate from './templates/safeguarding-alert.json';
import replyTemplate from './templates/safeguarding-reply.json';
import type { DeliveryCounts, DeliveryJob } from '../domain/delivery';
import type { AlertCardInput } from '../domain/safeguarding-service';
import { formatForPeople } from '../domain/time';
import { type AdaptiveCardJson, renderCard } from './render';

interface Fact {
  title: string;
  value: string;
}

/** The author's progress card: one card, updated every few seconds until everyone is done. */
export function deliveryProgressCard(job: DeliveryJob, counts: DeliveryCounts, finished: boolean): AdaptiveCardJson {
  const heading = finished ? `Finished sending: ${job.title}` : `Sending: ${job.title}`;
  const notSent = counts.failed + counts.skipped;
  const summary = finished
    ? `${counts.sent} of ${counts.total} ${counts.total === 1 ? 'person has' : 'people have'} it.${notSent > 0 ? ` ${notSent} could not be sent it: see why below.` : ''}`
    : `${counts.sent} of ${counts.total} sent so far.${counts.waiting > 0 ? ` ${counts.waiting} wait for their allowed hours.` : ''}`;
  const facts: Fact[] = [
    { title: 'Sent', value: String(counts.sent) },
    { title: 'Waiting to send', value: String(counts.queued + counts.sending) },
    { title: 'Of which waiting for allowed hours', value: String(counts.waiting) },
    { title: 'Not sent', value: String(notSent) }
  ];
  const reasons: Fact[] = Object.entries(counts.reasons)
    .sort((a, b) => b[1] - a[1])
    .map(([reason, count]) => ({ title: reason, value: String(count) }));
  return renderCard(progressTemplate, {
    heading,
    summary,
    color: finished && notSent === 0 ? 'Good' : 'Default',
    facts,
    reasons,
    speak: `${heading}. ${summary}`
  });
}


/** 1:1 to the designated safeguarding lead. */
export function safeguardingAlertCard(m: AlertCardInput): AdaptiveCardJson {
  const facts: Fact[] = [
    { title: 'Survey', value: m.subjectTitle },
    ...(m.questionText ? [{ title: 'Question', value: m.questionText }] : []),
    { title: 'When', value: formatForPeople(m.at, m.timeZone) },
    { title: 'Who', value: m.respondent ?? 'Not known (the answer came without a name)' }
  ];
  const note = m.anonymous
    ? 'The survey is anonymous. Who wrote this was kept sealed and is shown only to you, for safeguarding. It is not in any result or export.'
    : 'This answer is kept out of results shared beyond the survey owner, exports and channel posts.';
  return renderCard(alertTemplate, {
    facts,
    text: m.text,
    matches: m.matches.join(', '),
    note,
    speak: `Safeguarding alert. A young person's answer to ${m.subjectTitle} may show they are not safe.`
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
