/** The safeguarding flow on Azurite: alert once to the lead, sealed identity for anonymous answers, easy-read reply. */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { deliveryProgressCard, safeguardingAlertCard, safeguardingReplyCard } from '../../src/cards/delivery-cards';
import { ManualClock } from '../../src/domain/clock';
import type { CardPayload } from '../../src/domain/ports';
import { SafeguardingService } from '../../src/domain/safeguarding-service';
import { TABLES } from '../../src/storage/keys';
import { TableAlertLedger, TableSealedIdentities } from '../../src/storage/safeguarding-repository';
import { expectValidCard } from '../helpers/card-validator';
import { type Storage, storage } from '../helpers/delivery-harness';

let s: Storage;
let sealed: TableSealedIdentities;
let alerts: TableAlertLedger;
const clock = new ManualClock('2026-01-05T16:00:00Z');
beforeAll(async () => {
  s = await storage();
  sealed = new TableSealedIdentities(s.tables.client(TABLES.sealedIdentities));
  alerts = new TableAlertLedger(s.tables.client(TABLES.safeguarding));
});

function service(sent: { personKey: string; card: CardPayload }[], delivered = true) {
  return new SafeguardingService({
    settings: s.settings,
    sealed,
    alerts,
    sender: {
      sendToPerson: async (_tenantId, personKey, card) => {
        sent.push({ personKey, card });
        return delivered ? { delivered: true, activityId: 'x' } : { delivered: false, reason: 'no stored 1:1 conversation' };
      }
    },
    alertCard: safeguardingAlertCard,
    replyCard: safeguardingReplyCard,
    clock
  });
}

const answer = (tenantId: string, text: string, extra: object = {}) => ({
  tenantId, subjectId: 'survey-1', subjectTitle: 'Your short breaks', questionId: 'q3', questionText: 'Anything else?', responseKey: 'resp-1',
  text, anonymous: false, respondent: { name: 'Sam', userId: '29:sam' }, ...extra
});

describe('safeguarding alerts', () => {
  it('a concern alerts the lead 1:1 once, however often the answer is handled, and gives the young person the easy-read reply', async () => {
    const tenantId = randomUUID();
    const sent: { personKey: string; card: CardPayload }[] = [];
    const sg = service(sent);
    await sg.setLead(tenantId, { personKey: 'dsl-aad', userId: '29:dsl', name: 'Dee (DSL)' });
    const first = await sg.screenAnswer(answer(tenantId, "I don't feel safe at home"));
    const again = await sg.screenAnswer(answer(tenantId, "I don't feel safe at home"));
    expect(first).toMatchObject({ flagged: true, alerted: true, matches: ['dont feel safe'] });
    expect(again.alerted).toBe(true);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.personKey).toBe('dsl-aad');
    const card = JSON.stringify(sent[0]!.card);
    expect(card).toContain("I don't feel safe at home");
    expect(card).toContain('Your short breaks');
    expect(card).toContain('Sam');
    expectValidCard(sent[0]!.card, 'alert card');
    expectValidCard(first.reply, 'reply card');
    expect(JSON.stringify(first.reply)).toMatch(/cannot keep what you wrote a secret.*0800 1111/s);
  });

  it('anonymous: the identity comes from the sealed table, and only the alert reads it; it is deleted with the survey', async () => {
    const tenantId = randomUUID();
    const sent: { personKey: string; card: CardPayload }[] = [];
    const sg = service(sent);
    await sg.setLead(tenantId, { personKey: 'dsl', userId: '29:dsl' });
    await sealed.seal(tenantId, 'survey-1', 'resp-1', { personKey: 'aad-kid', userId: '29:kid', name: 'Kit' });
    await sg.screenAnswer(answer(tenantId, 'he hits me', { anonymous: true, respondent: undefined }));
    expect(JSON.stringify(sent[0]!.card)).toContain('Kit');
    await sealed.deleteForSubject(tenantId, 'survey-1');
    expect(await sealed.read(tenantId, 'survey-1', 'resp-1')).toBeUndefined();
  });

  it('no concern: nothing sent, no reply; no lead or an undeliverable alert: the reply still shows, and it is retried next time', async () => {
    const tenantId = randomUUID();
    const sent: { personKey: string; card: CardPayload }[] = [];
    expect(await service(sent).screenAnswer(answer(tenantId, 'I feel safe at the club'))).toMatchObject({ flagged: false, alerted: false });
    const noLead = await service(sent).screenAnswer(answer(tenantId, 'I want to die'));
    expect(noLead).toMatchObject({ flagged: true, alerted: false });
    expect(noLead.reply).toBeDefined();

    await service(sent).setLead(tenantId, { personKey: 'dsl', userId: '29:dsl' });
    expect((await service(sent, false).screenAnswer(answer(tenantId, 'I want to die'))).alerted).toBe(false);
    expect((await service(sent).screenAnswer(answer(tenantId, 'I want to die'))).alerted).toBe(true);
    expect(sent).toHaveLength(2); // the failed attempt and the retry: at least once, never lost
  });

  it('the progress card is a valid card with counts and reasons', () => {
    const card = deliveryProgressCard(
      { title: 'Short breaks' } as never,
      { total: 10, queued: 0, sending: 0, sent: 7, failed: 2, skipped: 1, waiting: 0, reasons: { 'blocked or uninstalled (403)': 2, 'fatigue: at most 2 survey requests in 14 days': 1 } },
      true
    );
    expectValidCard(card, 'progress card');
    expect(JSON.stringify(card)).toContain('7 of 10 people have it. 3 could not be sent it');
  });
});
