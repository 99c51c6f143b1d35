/** The author's progress card of a 1:1 delivery (docs/delivery.md). */
import progressTemplate from './delivery-progress.json';
import type { DeliveryCounts, DeliveryJob } from '../../domain/delivery/delivery';
import { type AdaptiveCardJson, renderCard } from '../shared/render';

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
