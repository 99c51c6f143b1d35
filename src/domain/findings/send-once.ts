import type { Delivery } from '../shared/ports';
import type { FindingsRepository } from './ports';

/**
 * Sends one card to each person at most once, by the findings' send markers: the marker is created
 * before the send and only its creator sends (a retried job skips everyone already claimed); a send
 * that throws gives its marker back (nothing was sent) and the error goes on; every other outcome is
 * recorded on the marker (`sent` with the activity id, or `failed` with the reason). Used for the
 * published findings, their follow-ups and the "Has it made things better?" check.
 */
export async function sendOncePerPerson<P extends { personKey: string }>(
  markers: Pick<FindingsRepository, 'claimSend' | 'recordSend' | 'releaseSend'>,
  at: { tenantId: string; surveyId: string; what: string },
  people: readonly P[],
  send: (person: P) => Promise<Delivery>
): Promise<{ sent: number; failed: number }> {
  const { tenantId, surveyId, what } = at;
  let sent = 0;
  let failed = 0;
  for (const person of people) {
    if (!(await markers.claimSend(tenantId, surveyId, person.personKey, what))) continue;
    let delivery: Delivery;
    try {
      delivery = await send(person);
    } catch (error) {
      await markers.releaseSend(tenantId, surveyId, person.personKey, what);
      throw error;
    }
    await markers.recordSend(tenantId, surveyId, {
      personKey: person.personKey,
      what,
      state: delivery.delivered ? 'sent' : 'failed',
      activityId: delivery.delivered ? delivery.activityId : undefined,
      reason: delivery.delivered ? undefined : delivery.reason
    });
    if (delivery.delivered) sent++;
    else failed++;
  }
  return { sent, failed };
}
