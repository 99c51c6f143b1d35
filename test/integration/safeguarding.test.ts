/**
 * The safeguarding flow on Azurite: alert once to the lead, sealed identity for anonymous answers,
 * easy-read reply; acknowledgement (ETag, audited), escalation to deputies by a leased due item at the
 * configured working time (virtual time), out-of-hours help on the card, the lead's list, and the words
 * deleted with the survey's answers.
 */
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { deliveryProgressCard } from '../../src/cards/delivery/delivery-cards';
import { safeguardingAlertCard, safeguardingReplyCard, safeguardingUnacknowledgedCard } from '../../src/cards/safeguarding/safeguarding-cards';
import { ManualClock } from '../../src/domain/shared/clock';
import type { Actor } from '../../src/domain/shared/conversation';
import type { CardPayload, DueItem } from '../../src/domain/shared/ports';
import { SAFEGUARDING_WORDS_JOB, WORDS_KEPT_AFTER_ACK_DAYS, categoryLabel } from '../../src/domain/safeguarding/safeguarding';
import type { AlertRef } from '../../src/domain/safeguarding/ports';
import { type SafeguardingDeps, SafeguardingService } from '../../src/domain/safeguarding/safeguarding-service';
import type { SafeguardingLead } from '../../src/domain/delivery/delivery-settings';
import { Scheduler } from '../../src/scheduler/scheduler';
import { TableAuditLog } from '../../src/storage/shared/audit-repository';
import { TABLES, keys } from '../../src/storage/shared/keys';
import { RETENTION_TABLES, TableRetentionStore } from '../../src/storage/privacy/retention-repository';
import { TableAlertLedger, TableSealedIdentities } from '../../src/storage/safeguarding/safeguarding-repository';
import { cardActionTitles, cardText } from '../helpers/card-query';
import { expectValidCard } from '../helpers/card-validator';
import { type Storage, storage } from '../helpers/delivery-harness';

let s: Storage;
let sealed: TableSealedIdentities;
let alerts: TableAlertLedger;
let audit: TableAuditLog;
const silent = pino({ level: 'silent' });

beforeAll(async () => {
  s = await storage();
  sealed = new TableSealedIdentities(s.tables.client(TABLES.sealedIdentities));
  alerts = new TableAlertLedger(s.tables.client(TABLES.safeguarding));
  audit = new TableAuditLog(s.tables.client(TABLES.audit));
});

const DEE: SafeguardingLead = { personKey: 'dee-aad', userId: '29:dee', name: 'Dee Lead' };
const DAN: SafeguardingLead = { personKey: 'dan-aad', userId: '29:dan', name: 'Dan Deputy' };
const EVE: SafeguardingLead = { personKey: 'eve-aad', userId: '29:eve', name: 'Eve Deputy' };
const actor = (tenantId: string, who: SafeguardingLead): Actor => ({ tenantId, userId: who.userId, aadObjectId: who.personKey, name: who.name });

interface Sent {
  personKey: string;
  card: CardPayload;
  activityId?: string;
}

/** A service on Azurite with a recording sender; `restart()` builds a new one on the same storage (as after a restart). */
function harness(options: { clock?: ManualClock; deliveredTo?: (personKey: string) => boolean; admins?: string[]; swap?: Partial<SafeguardingDeps> } = {}) {
  const clock = options.clock ?? new ManualClock('2026-01-05T16:00:00Z'); // Monday 16:00 in London (GMT)
  const sent: Sent[] = [];
  const updated: Sent[] = [];
  const errors: string[] = [];
  // Each harness its own due-item kind: no other test's scheduler (or this one) reaches another's items.
  const kind = `test.sg.${randomUUID().slice(0, 8)}`;
  let n = 0;
  const build = (): SafeguardingService =>
    new SafeguardingService({
      settings: s.settings,
      sealed,
      alerts,
      sender: {
        sendToPerson: async (_tenantId, personKey, card) => {
          if (options.deliveredTo && !options.deliveredTo(personKey)) {
            sent.push({ personKey, card });
            return { delivered: false, reason: 'no stored 1:1 conversation' };
          }
          const activityId = `activity-${++n}`;
          sent.push({ personKey, card, activityId });
          return { delivered: true, activityId };
        },
        updateForPerson: async (_tenantId, personKey, activityId, card) => void updated.push({ personKey, activityId, card })
      },
      alertCard: safeguardingAlertCard,
      replyCard: safeguardingReplyCard,
      unacknowledgedCard: safeguardingUnacknowledgedCard,
      due: s.due,
      escalationJob: kind,
      audit,
      clock,
      administrators: options.admins,
      log: { error: (_fields, message) => void errors.push(message), warn: () => undefined },
      // A collaborator swapped for one that fails, to show what a failure costs.
      ...options.swap
    });
  let service = build();
  const scheduler = (): Scheduler => new Scheduler({ due: s.due, clock, log: silent }).register(kind, (item) => service.runEscalation(item));
  return {
    get service() {
      return service;
    },
    restart: () => void (service = build()),
    scheduler,
    sent,
    updated,
    errors,
    clock,
    kind
  };
}

const answer = (tenantId: string, text: string, extra: object = {}) => ({
  tenantId, subjectId: 'survey-1', subjectTitle: 'Your short breaks', questionId: 'q3', questionText: 'Anything else?', responseKey: 'resp-1',
  text, anonymous: false, respondent: { name: 'Sam', userId: '29:sam' }, timeZone: 'Europe/London', ...extra
});
const REF: AlertRef = { subjectId: 'survey-1', alertKey: 'q3|resp-1' };

async function team(tenantId: string, change: { lead?: SafeguardingLead; deputies?: SafeguardingLead[]; ackMinutes?: number; number?: string }): Promise<void> {
  await s.settings.update(tenantId, (c) => ({
    ...c,
    safeguardingLead: change.lead,
    safeguardingDeputies: change.deputies ?? [],
    alertAckMinutes: change.ackMinutes ?? c.alertAckMinutes,
    outOfHoursNumber: change.number
  }));
}

const textOf = (card: CardPayload | undefined): string => {
  expectValidCard(card, 'card');
  return cardText(card);
};

describe('safeguarding alerts', () => {
  it('a concern alerts the lead 1:1 once, however often the answer is handled, and gives the young person the easy-read reply', async () => {
    const tenantId = randomUUID();
    const h = harness();
    await h.service.setLead(tenantId, DEE);
    const first = await h.service.screenAnswer(answer(tenantId, "I don't feel safe at home"));
    const again = await h.service.screenAnswer(answer(tenantId, "I don't feel safe at home"));
    expect(first).toMatchObject({ flagged: true, alerted: true });
    expect(again.alerted).toBe(true);
    expect(h.sent).toHaveLength(1);
    expect(h.sent[0]!.personKey).toBe('dee-aad');
    const text = textOf(h.sent[0]!.card);
    expect(text).toContain("I don't feel safe at home");
    expect(text).toContain(categoryLabel(first.categories[0]!));
    expect(text).toContain('Survey: Your short breaks');
    expect(text).toContain('Question: Anything else?');
    expect(text).toContain('Who: Sam');
    expect(text).toContain('When: Mon 5 Jan, 16:00');
    expect(text).toContain(
      "Nowhere else in VoiceLoop shows these words: the survey's owner and results, exports, digests, findings and search show 'An answer was passed to the safeguarding lead'."
    );
    expect(text).toContain('Not yet acknowledged');
    expect(text).not.toContain('outside working hours'); // Monday 16:00 is working time
    expect(cardActionTitles(h.sent[0]!.card as never)).toEqual(["I'm dealing with this"]);
    expectValidCard(first.reply, 'reply card');
    expect(JSON.stringify(first.reply)).toMatch(/cannot keep what you wrote a secret.*0800 1111/s);
    // The row holds what the escalation card needs; the state moved to sent.
    expect(await alerts.get(tenantId, REF)).toMatchObject({ state: 'sent', text: "I don't feel safe at home", respondent: 'Sam', categories: first.categories, ackMinutes: 60 });
  });

  it('anonymous: the identity comes from the sealed table, shown as revealed to the lead only, never kept on the alert; deleted with the survey', async () => {
    const tenantId = randomUUID();
    const h = harness();
    await h.service.setLead(tenantId, DEE);
    await h.service.screenAnswer(answer(tenantId, 'he hits me', { anonymous: true, respondent: undefined, identity: { personKey: 'aad-kid', userId: '29:kid', name: 'Kit' } }));
    expect(textOf(h.sent[0]!.card)).toContain('Who: Kit (anonymous: revealed to you only)');
    const row = await alerts.get(tenantId, REF);
    expect(row?.respondent).toBeUndefined();
    expect(JSON.stringify(row)).not.toContain('Kit');
    await sealed.deleteForSubject(tenantId, 'survey-1');
    expect(await sealed.read(tenantId, 'survey-1', 'resp-1')).toBeUndefined();
  });

  it('no concern: nothing sent, no reply; no lead or an undeliverable alert: the reply still shows, and it is retried next time', async () => {
    const tenantId = randomUUID();
    const h = harness();
    expect(await h.service.screenAnswer(answer(tenantId, 'I feel safe at the club'))).toMatchObject({ flagged: false, alerted: false });
    const noLead = await h.service.screenAnswer(answer(tenantId, 'I want to die'));
    expect(noLead).toMatchObject({ flagged: true, alerted: false });
    expect(noLead.reply).toBeDefined();
    expect(h.errors).toContain('safeguarding concern but no safeguarding lead or deputy is set');

    let reachable = false;
    const flaky = harness({ deliveredTo: () => reachable });
    await flaky.service.setLead(tenantId, DEE);
    expect((await flaky.service.screenAnswer(answer(tenantId, 'I want to die'))).alerted).toBe(false);
    reachable = true;
    expect((await flaky.service.screenAnswer(answer(tenantId, 'I want to die'))).alerted).toBe(true);
    // Naming the lead tried the alert that was waiting for one, then the answer's own attempt failed, then
    // the retry got through: at least once, never lost.
    expect(flaky.sent).toHaveLength(3);
  });

  it('a net\'s alert: the guess is kept on the alert and shown on the card and in the list as "possibly"', async () => {
    const tenantId = randomUUID();
    const h = harness();
    await h.service.setLead(tenantId, DEE);
    const result = await h.service.screenAnswer(answer(tenantId, 'there is only bread in the house again'));
    expect(result).toMatchObject({ flagged: true, alerted: true, categories: ['possible-harm'] });
    expect(result.possibly?.[0]).toBe('neglect');
    expect((await alerts.get(tenantId, REF))?.possibly).toEqual(result.possibly);
    expect(textOf(h.sent[0]!.card)).toContain('Category: Possible harm, possibly: Neglect');
    expect((await h.service.openAlerts(actor(tenantId, DEE))).open[0]?.possibly).toEqual(result.possibly);
  });

  it('no lead but deputies: the deputies are alerted at once', async () => {
    const tenantId = randomUUID();
    const h = harness();
    await team(tenantId, { deputies: [DAN, EVE] });
    expect((await h.service.screenAnswer(answer(tenantId, 'my dad hits me'))).alerted).toBe(true);
    expect(h.sent.map((x) => x.personKey).sort()).toEqual(['dan-aad', 'eve-aad']);
  });

  it('an answer changed to other words alerts again; the same words again do not', async () => {
    const tenantId = randomUUID();
    const h = harness();
    await h.service.setLead(tenantId, DEE);
    await h.service.screenAnswer(answer(tenantId, 'I get bullied at school'));
    await h.service.screenAnswer(answer(tenantId, 'I get  bullied at school!'));
    expect(h.sent).toHaveLength(1);
    const changed = await h.service.screenAnswer(answer(tenantId, 'I get bullied and my dad hits me'));
    expect(changed).toMatchObject({ flagged: true, alerted: true });
    expect(h.sent).toHaveLength(2);
    expect(textOf(h.sent[1]!.card)).toContain('my dad hits me');
    await h.service.screenAnswer(answer(tenantId, 'I get bullied and my dad hits me'));
    expect(h.sent).toHaveLength(2);
    // Both stay on record: the first alert's words are not overwritten.
    expect((await alerts.get(tenantId, REF))?.text).toBe('I get bullied at school');
  });

  it('no lead and no deputy: the administrators are told now without the words; the alert waits and reaches the lead once one is named', async () => {
    const tenantId = randomUUID();
    const h = harness({ admins: ['admin-aad'] });
    const result = await h.service.screenAnswer(answer(tenantId, 'my uncle touches me'));
    expect(result).toMatchObject({ flagged: true, alerted: false });
    expect(result.reply).toBeDefined();
    expect(h.sent.map((x) => x.personKey)).toEqual(['admin-aad']);
    const notice = textOf(h.sent[0]!.card);
    expect(notice).toContain('no designated safeguarding lead or deputy is set');
    expect(notice).not.toContain('uncle');
    expect(await alerts.get(tenantId, REF)).toMatchObject({ state: 'pending', text: 'my uncle touches me' });

    await h.service.setLead(tenantId, DEE);
    expect(h.sent.map((x) => x.personKey)).toEqual(['admin-aad', 'dee-aad']);
    expect(textOf(h.sent[1]!.card)).toContain('my uncle touches me');
    expect((await alerts.get(tenantId, REF))?.state).toBe('sent');
    // Naming a deputy later sends nothing again.
    await h.service.addDeputy(actor(tenantId, DEE), DAN);
    expect(h.sent).toHaveLength(2);
  });

  it('an identity that cannot be sealed or read never holds the alert back', async () => {
    const tenantId = randomUUID();
    const unavailable = async (): Promise<never> => Promise.reject(new Error('storage unavailable'));
    const h = harness({ swap: { sealed: { seal: unavailable, read: unavailable, deleteForSubject: async () => undefined } } });
    await h.service.setLead(tenantId, DEE);
    const result = await h.service.screenAnswer(answer(tenantId, 'he hits me', { anonymous: true, respondent: undefined, identity: { personKey: 'aad-kid', userId: '29:kid', name: 'Kit' } }));
    expect(result).toMatchObject({ flagged: true, alerted: true });
    expect(h.sent.map((x) => x.personKey)).toEqual(['dee-aad']);
    expect(textOf(h.sent[0]!.card)).toContain('he hits me');
    expect(h.errors).toContain('safeguarding: the identity could not be sealed; alerting without it');
  });

  it('a failure on the way to the lead never costs the young person the reply, and is logged', async () => {
    const tenantId = randomUUID();
    const h = harness({
      swap: {
        alerts: {
          begin: async () => Promise.reject(new Error('storage unavailable')),
          markSent: (t, sub, k, at) => alerts.markSent(t, sub, k, at),
          get: (t, r) => alerts.get(t, r),
          update: (t, r, c) => alerts.update(t, r, c),
          list: (t) => alerts.list(t)
        }
      }
    });
    await h.service.setLead(tenantId, DEE);
    const result = await h.service.screenAnswer(answer(tenantId, 'he hits me'));
    expect(result).toMatchObject({ flagged: true, alerted: false });
    expectValidCard(result.reply, 'reply card');
    expect(h.errors).toContain('safeguarding alert could not be raised');
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

describe('acknowledging an alert', () => {
  it('the first press is kept and audited (never the words), the escalation is cancelled, every copy shows who; a later press says who was first', async () => {
    const tenantId = randomUUID();
    const h = harness();
    await team(tenantId, { lead: DEE, deputies: [DAN] });
    await h.service.screenAnswer(answer(tenantId, 'mum is never there and there is nothing to eat'));
    h.clock.advance(5 * 60_000); // 16:05
    const pressed = await h.service.acknowledge(actor(tenantId, DEE), REF, h.sent[0]!.activityId);
    expect(pressed.first).toBe(true);
    const text = textOf(pressed.card);
    expect(text).toContain('Dealt with by Dee Lead since 16:05');
    expect(cardActionTitles(pressed.card as never)).toEqual([]);
    expect((await alerts.get(tenantId, REF))?.acknowledged).toEqual({ by: 'dee-aad', name: 'Dee Lead', at: new Date('2026-01-05T16:05:00Z') });

    const entries = (await audit.list(tenantId)).filter((e) => e.action === 'safeguarding.alert.acknowledged');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: 'dee-aad', actorName: 'Dee Lead', subjectType: 'safeguarding-alert', at: new Date('2026-01-05T16:05:00Z') });
    expect(JSON.stringify(entries)).not.toMatch(/never there|nothing to eat/);

    // A deputy pressing later: the lead stays the one dealing with it, and the deputy is told so.
    h.clock.advance(60_000);
    const later = await h.service.acknowledge(actor(tenantId, DAN), REF);
    expect(later.first).toBe(false);
    expect(textOf(later.card)).toContain('Dee Lead pressed "I\'m dealing with this" first, at 16:05');
    expect(textOf(later.card)).toContain('Dealt with by Dee Lead since 16:05');
    expect((await audit.list(tenantId)).filter((e) => e.action === 'safeguarding.alert.acknowledged')).toHaveLength(1);
    // The lead pressing again: idempotent.
    expect((await h.service.acknowledge(actor(tenantId, DEE), REF)).first).toBe(false);

    // The escalation never fires, even long after its time.
    h.clock.advance(3 * 86_400_000);
    expect(await h.scheduler().runDue()).toBe(0);
    expect(h.sent.filter((x) => x.personKey === 'dan-aad')).toHaveLength(0);
  });

  it('anyone but the lead and deputies is refused, and nothing is recorded', async () => {
    const tenantId = randomUUID();
    const h = harness();
    await team(tenantId, { lead: DEE, deputies: [DAN] });
    await h.service.screenAnswer(answer(tenantId, 'i want to kill myself'));
    const stranger: SafeguardingLead = { personKey: 'olly-aad', userId: '29:olly', name: 'Olly Owner' };
    await expect(h.service.acknowledge(actor(tenantId, stranger), REF)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(h.service.alertCardFor(actor(tenantId, stranger), REF)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(h.service.openAlerts(actor(tenantId, stranger))).rejects.toMatchObject({ code: 'forbidden' });
    expect((await alerts.get(tenantId, REF))?.acknowledged).toBeUndefined();
  });

  it('the lead and a deputy pressing at the same moment: one acknowledgement wins (ETag), both see the same person', async () => {
    const tenantId = randomUUID();
    const h = harness();
    await team(tenantId, { lead: DEE, deputies: [DAN] });
    await h.service.screenAnswer(answer(tenantId, 'my stepdad hurts me'));
    const [a, b] = await Promise.all([h.service.acknowledge(actor(tenantId, DEE), REF), h.service.acknowledge(actor(tenantId, DAN), REF)]);
    expect([a.first, b.first].filter(Boolean)).toHaveLength(1);
    const who = (await alerts.get(tenantId, REF))?.acknowledged?.name;
    expect(textOf(a.card)).toContain(`Dealt with by ${who} since 16:00`);
    expect(textOf(b.card)).toContain(`Dealt with by ${who} since 16:00`);
    expect((await audit.list(tenantId)).filter((e) => e.action === 'safeguarding.alert.acknowledged')).toHaveLength(1);
  });
});

describe('escalation to the deputies (leased due item, virtual time)', () => {
  it('fires at the configured working time and not before, to every deputy once, and survives a restart; an acknowledgement after it refreshes their cards', async () => {
    const tenantId = randomUUID();
    const h = harness();
    await team(tenantId, { lead: DEE, deputies: [DAN, EVE], ackMinutes: 30 });
    await h.service.screenAnswer(answer(tenantId, 'a man online said he would hurt me if i tell'));
    h.restart(); // the due item is in storage: a new instance runs it
    h.clock.set('2026-01-05T16:29:59Z');
    expect(await h.scheduler().runDue()).toBe(0);
    expect(h.sent).toHaveLength(1);
    h.clock.set('2026-01-05T16:30:00Z');
    expect(await h.scheduler().runDue()).toBe(1);
    const escalated = h.sent.slice(1);
    expect(escalated.map((x) => x.personKey).sort()).toEqual(['dan-aad', 'eve-aad']);
    const text = textOf(escalated[0]!.card);
    expect(text).toContain('Safeguarding alert: escalated');
    expect(text).toContain('Escalated to the deputy leads at 16:30: the lead had not acknowledged it within 30 working minutes.');
    expect(text).toContain('a man online said he would hurt me if i tell');
    expect(cardActionTitles(escalated[0]!.card as never)).toEqual(["I'm dealing with this"]);
    expect((await audit.list(tenantId)).filter((e) => e.action === 'safeguarding.alert.escalated')).toHaveLength(1);

    // Sent once: the item is gone, and scheduling it again (the answer handled again) does nothing.
    h.clock.advance(86_400_000);
    expect(await h.scheduler().runDue()).toBe(0);
    await h.service.screenAnswer(answer(tenantId, 'a man online said he would hurt me if i tell'));
    await h.scheduler().runDue();
    expect(h.sent).toHaveLength(3);

    // Eve deals with it: the lead's and Dan's cards say so.
    await h.service.acknowledge(actor(tenantId, EVE), REF, escalated.find((x) => x.personKey === 'eve-aad')!.activityId);
    expect(h.updated.map((x) => x.personKey).sort()).toEqual(['dan-aad', 'dee-aad']);
    for (const u of h.updated) expect(textOf(u.card)).toContain('Dealt with by Eve Deputy since');
  });

  it('counts working time only: an alert at 16:45 with 1 working hour escalates at 09:45 the next working day', async () => {
    const tenantId = randomUUID();
    const h = harness({ clock: new ManualClock('2026-01-09T16:45:00Z') }); // Friday 16:45 London
    await team(tenantId, { lead: DEE, deputies: [DAN] });
    await h.service.screenAnswer(answer(tenantId, 'my brother hits me'));
    h.clock.set('2026-01-12T09:44:00Z'); // Monday 09:44
    expect(await h.scheduler().runDue()).toBe(0);
    h.clock.set('2026-01-12T09:45:00Z');
    expect(await h.scheduler().runDue()).toBe(1);
    expect(h.sent.map((x) => x.personKey)).toEqual(['dee-aad', 'dan-aad']);
  });

  it('no deputy: the lead gets it again and the administrators a notice without the words; logged as an error', async () => {
    const tenantId = randomUUID();
    const h = harness({ admins: ['ada-aad', 'dee-aad'] });
    await team(tenantId, { lead: DEE });
    await h.service.screenAnswer(answer(tenantId, 'my uncle touches me'));
    h.clock.set('2026-01-05T17:00:00Z');
    expect(await h.scheduler().runDue()).toBe(1);
    const [, toLead, toAdmin, ...rest] = h.sent;
    expect(rest).toEqual([]);
    expect(toLead!.personKey).toBe('dee-aad');
    expect(textOf(toLead!.card)).toContain('no deputy lead is set');
    expect(textOf(toLead!.card)).toContain('my uncle touches me');
    expect(toAdmin!.personKey).toBe('ada-aad'); // the lead is an administrator too: told once, as the lead
    const notice = textOf(toAdmin!.card);
    expect(notice).toContain('has not been acknowledged within 1 working hour, and no deputy lead is set');
    expect(notice).not.toContain('uncle');
    expect(notice).not.toContain(categoryLabel((await alerts.get(tenantId, REF))!.categories[0]!));
    expect(h.errors.some((e) => e.includes('no deputy lead is set'))).toBe(true);
  });
});

describe('escalation when there is no lead: the deputies had it at once (virtual time)', () => {
  const headings = (sent: Sent[], key: string): string[] =>
    sent.filter((x) => x.personKey === key).map((x) => textOf(x.card).split('\n')[0]!);

  it('the deputies are alerted once; at the escalation time they get a reminder (not the alert again as new) and the administrators a notice; a deputy\'s press stops it', async () => {
    const tenantId = randomUUID();
    const h = harness({ admins: ['ada-aad'] });
    await team(tenantId, { deputies: [DAN, EVE], ackMinutes: 30 });
    await h.service.screenAnswer(answer(tenantId, 'nobody feeds me at home'));
    expect(h.sent.map((x) => x.personKey).sort()).toEqual(['dan-aad', 'eve-aad']);
    for (const x of h.sent) expect(textOf(x.card)).toMatch(/^Safeguarding alert\n/);

    h.clock.set('2026-01-05T16:29:59Z');
    expect(await h.scheduler().runDue()).toBe(0);
    expect(h.sent).toHaveLength(2);
    h.clock.set('2026-01-05T16:30:00Z');
    expect(await h.scheduler().runDue()).toBe(1);

    // Each deputy: the alert once, then one reminder that says it is the same alert, still not acknowledged.
    for (const key of ['dan-aad', 'eve-aad']) {
      expect(headings(h.sent, key)).toEqual(['Safeguarding alert', 'Safeguarding alert: still not acknowledged']);
    }
    const reminder = textOf(h.sent.find((x, i) => i >= 2 && x.personKey === 'dan-aad')!.card);
    expect(reminder).toContain('Reminder at 16:30: this alert is still not acknowledged after 30 working minutes. It is the alert you were sent when it was raised, not a new one');
    expect(reminder).not.toContain('Escalated to the deputy leads');
    expect(cardActionTitles(h.sent[2]!.card as never)).toEqual(["I'm dealing with this"]);
    // Something further still happens: the administrators are told, without the words, to make sure and to name a lead.
    const toAdmin = h.sent.filter((x) => x.personKey === 'ada-aad');
    expect(toAdmin).toHaveLength(1);
    const notice = textOf(toAdmin[0]!.card);
    expect(notice).toContain('went to the deputy leads (Dan Deputy, Eve Deputy) because no designated safeguarding lead is set');
    expect(notice).toContain('within 30 working minutes');
    expect(notice).toContain('safeguarding lead me');
    expect(notice).not.toContain('feeds');
    expect(h.sent).toHaveLength(5);
    expect(await alerts.get(tenantId, REF)).toMatchObject({ escalatedAs: 'again', escalatedWithoutLead: true, escalatedToDeputies: false });
    const escalated = (await audit.list(tenantId)).filter((e) => e.action === 'safeguarding.alert.escalated');
    expect(escalated).toHaveLength(1);
    expect(escalated[0]!.detail).toContain('a reminder to the 2 who had it; no lead set; 1 administrator(s) told, 3 reached');
    expect(h.errors.some((e) => e.includes('no safeguarding lead is set: a reminder to the deputies'))).toBe(true);

    // Once only: later runs and the same answer handled again send nothing.
    h.clock.advance(86_400_000);
    expect(await h.scheduler().runDue()).toBe(0);
    await h.service.screenAnswer(answer(tenantId, 'nobody feeds me at home'));
    expect(h.sent).toHaveLength(5);

    // Dan deals with it from the reminder: every other copy (both of Eve's, Dan's first) says so.
    const danReminder = h.sent.filter((x) => x.personKey === 'dan-aad')[1]!;
    expect((await h.service.acknowledge(actor(tenantId, DAN), REF, danReminder.activityId)).first).toBe(true);
    expect(h.updated.map((x) => x.personKey).sort()).toEqual(['dan-aad', 'eve-aad', 'eve-aad']);
    for (const u of h.updated) expect(textOf(u.card)).toContain('Dealt with by Dan Deputy since');
  });

  it('a deputy who acknowledges before the escalation time stops it: nothing more is sent to anyone', async () => {
    const tenantId = randomUUID();
    const h = harness({ admins: ['ada-aad'] });
    await team(tenantId, { deputies: [DAN, EVE], ackMinutes: 30 });
    await h.service.screenAnswer(answer(tenantId, 'my step dad hits me with a belt'));
    h.clock.set('2026-01-05T16:10:00Z');
    await h.service.acknowledge(actor(tenantId, EVE), REF, h.sent.find((x) => x.personKey === 'eve-aad')!.activityId);
    h.clock.set('2026-01-06T16:30:00Z');
    expect(await h.scheduler().runDue()).toBe(0);
    expect(h.sent.map((x) => x.personKey).sort()).toEqual(['dan-aad', 'eve-aad']);
    expect((await audit.list(tenantId)).filter((e) => e.action === 'safeguarding.alert.escalated')).toHaveLength(0);
  });

  it('a lead named after the alert went to the deputies: the escalation goes on to the lead, not again to the deputies', async () => {
    const tenantId = randomUUID();
    const h = harness({ admins: ['ada-aad'] });
    await team(tenantId, { deputies: [DAN], ackMinutes: 30 });
    await h.service.screenAnswer(answer(tenantId, 'i am scared to go home'));
    await h.service.setLead(tenantId, DEE);
    expect(h.sent.map((x) => x.personKey)).toEqual(['dan-aad']); // already sent: naming the lead sends nothing now
    h.clock.set('2026-01-05T16:30:00Z');
    expect(await h.scheduler().runDue()).toBe(1);
    expect(h.sent.map((x) => x.personKey)).toEqual(['dan-aad', 'dee-aad']);
    const text = textOf(h.sent[1]!.card);
    expect(text).toContain('Safeguarding alert: escalated');
    expect(text).toContain('Escalated to the designated safeguarding lead at 16:30: the deputy leads had not acknowledged it within 30 working minutes.');
    expect(text).toContain('i am scared to go home');
  });
});

describe('out of hours', () => {
  it('raised outside working hours: the council\'s number and a plain sentence that VoiceLoop is not monitored; no number: follow local procedures', async () => {
    const tenantId = randomUUID();
    // Saturday 10 January, 21:00 in London.
    const h = harness({ clock: new ManualClock('2026-01-10T21:00:00Z') });
    await team(tenantId, { lead: DEE });
    await h.service.screenAnswer(answer(tenantId, 'my dad hits me'));
    const without = textOf(h.sent[0]!.card);
    expect(without).toContain('Raised outside working hours. VoiceLoop is not monitored at night or at weekends.');
    expect(without).toContain('Your council has not set an out-of-hours number in VoiceLoop: follow your local out-of-hours procedures');

    await team(tenantId, { lead: DEE, number: '0300 123 4567' });
    const card = await h.service.alertCardFor(actor(tenantId, DEE), REF);
    const withNumber = textOf(card);
    expect(withNumber).toContain("call the council's out-of-hours team (children's services emergency duty team)");
    expect(withNumber).toContain('0300 123 4567');
    expect(withNumber).not.toContain('has not set');
  });

  it('summer time: 18:30 BST is out of hours, 16:30 BST is not', async () => {
    const tenantId = randomUUID();
    const late = harness({ clock: new ManualClock('2026-06-01T17:30:00Z') });
    await team(tenantId, { lead: DEE, number: '0300 123 4567' });
    await late.service.screenAnswer(answer(tenantId, 'my dad hits me'));
    expect(textOf(late.sent[0]!.card)).toContain('When: Mon 1 Jun, 18:30');
    expect(textOf(late.sent[0]!.card)).toContain('0300 123 4567');
    const day = harness({ clock: new ManualClock('2026-06-01T15:30:00Z') });
    await day.service.screenAnswer(answer(tenantId, 'my dad hits me', { questionId: 'q4' }));
    expect(textOf(day.sent[0]!.card)).not.toContain('outside working hours');
  });
});

describe('safeguarding alerts: the list for the lead and deputies', () => {
  it('open alerts first (oldest first), then those dealt with in the last 14 days; older ones and markers without details are left out', async () => {
    const tenantId = randomUUID();
    const h = harness({ clock: new ManualClock('2026-01-05T10:00:00Z') });
    await team(tenantId, { lead: DEE, deputies: [DAN] });
    const raise = (subjectId: string, title: string) => h.service.screenAnswer({ ...answer(tenantId, 'my dad hits me'), subjectId, subjectTitle: title });
    await raise('old', 'Dealt with long ago');
    await h.service.acknowledge(actor(tenantId, DEE), { subjectId: 'old', alertKey: REF.alertKey });
    h.clock.advance(15 * 86_400_000);
    await raise('a', 'First open');
    h.clock.advance(60_000);
    await raise('b', 'Second open');
    h.clock.advance(60_000);
    await raise('c', 'Recently dealt with');
    await h.service.acknowledge(actor(tenantId, DAN), { subjectId: 'c', alertKey: REF.alertKey });
    // A marker written before alerts kept their details.
    await s.tables.client(TABLES.safeguarding).createEntity({ partitionKey: `${tenantId}|alert|legacy`, rowKey: 'q1%7Cr', state: 'sent', at: '2026-01-01T10:00:00.000Z' });

    const list = await h.service.openAlerts(actor(tenantId, DAN));
    expect(list.open.map((a) => a.subjectTitle)).toEqual(['First open', 'Second open']);
    expect(list.dealtWith.map((a) => [a.subjectTitle, a.acknowledged?.name])).toEqual([['Recently dealt with', 'Dan Deputy']]);
  });
});

describe('the words are deleted with the survey\'s answers', () => {
  it('retention clears the text, evidence and named respondent from the alert; the alert, its categories and acknowledgement stay', async () => {
    const tenantId = randomUUID();
    const h = harness();
    await team(tenantId, { lead: DEE, deputies: [DAN] });
    await h.service.screenAnswer(answer(tenantId, 'my dad hits me'));
    await h.service.screenAnswer(answer(tenantId, 'he hits me too', { subjectId: 'survey-2' }));
    await h.service.acknowledge(actor(tenantId, DEE), REF);
    const retention = new TableRetentionStore(s.tables.pick(...RETENTION_TABLES));
    expect(await retention.deleteAlertWords(tenantId, 'survey-1', new Date('2027-01-05T10:00:00Z'))).toEqual({ cleared: 1, kept: 0 });
    expect(await retention.deleteAlertWords(tenantId, 'survey-1', new Date('2027-01-05T10:00:00Z'))).toEqual({ cleared: 0, kept: 0 });
    const row = await alerts.get(tenantId, REF);
    expect(row).toMatchObject({ text: '', matches: [], respondent: undefined, wordsDeletedAt: new Date('2027-01-05T10:00:00Z'), acknowledged: { by: 'dee-aad' } });
    expect(row?.categories.length).toBeGreaterThan(0);
    const raw = await s.tables.client(TABLES.safeguarding).getEntity(`${tenantId}|alert|survey-1`, 'q3%7Cresp-1');
    expect(JSON.stringify(raw)).not.toMatch(/hits|Sam/);
    const card = textOf(await h.service.alertCardFor(actor(tenantId, DAN), REF));
    expect(card).toContain("The words were deleted with the survey's answers");
    expect(card).toContain("Who: Deleted with the survey's answers");
    // Another survey's alert keeps its words.
    expect((await alerts.get(tenantId, { subjectId: 'survey-2', alertKey: REF.alertKey }))?.text).toBe('he hits me too');
  });
});

describe('retention never takes words nobody has read', () => {
  const dueAtOf = async (tenantId: string, key: string): Promise<Date | undefined> => {
    const k = keys.dueItem(tenantId, SAFEGUARDING_WORDS_JOB, key);
    const row = await s.tables.client(TABLES.dueItems).getEntity<{ dueAt: string }>(k.partitionKey, k.rowKey).catch(() => undefined);
    return row ? new Date(row.dueAt) : undefined;
  };
  const job = (tenantId: string): DueItem => ({ tenantId, kind: SAFEGUARDING_WORDS_JOB, key: 'survey-1', dueAt: new Date(0), payload: { surveyId: 'survey-1' }, attempts: 0 });

  it('an unacknowledged alert keeps its words through retention; they go WORDS_KEPT_AFTER_ACK_DAYS after someone acknowledges it', async () => {
    const tenantId = randomUUID();
    const h = harness({ clock: new ManualClock('2027-01-05T10:00:00Z') });
    await team(tenantId, { lead: DEE, deputies: [DAN] });
    await h.service.screenAnswer(answer(tenantId, 'my dad hits me'));
    const retention = new TableRetentionStore(s.tables.pick(...RETENTION_TABLES));

    // The survey's answers go; the unread alert keeps its words, marked due.
    expect(await retention.deleteAlertWords(tenantId, 'survey-1', h.clock.now())).toEqual({ cleared: 0, kept: 1 });
    expect(await retention.deleteAlertWords(tenantId, 'survey-1', h.clock.now())).toEqual({ cleared: 0, kept: 1 });
    const kept = await alerts.get(tenantId, REF);
    expect(kept).toMatchObject({ text: 'my dad hits me', wordsDueAt: h.clock.now() });
    expect(kept?.wordsDeletedAt).toBeUndefined();
    expect(textOf(await h.service.alertCardFor(actor(tenantId, DAN), REF))).toContain('my dad hits me');

    // The job finds it still unread: nothing goes, it looks again a day later.
    h.clock.advance(3 * 86_400_000);
    await h.service.runWordsRelease(job(tenantId));
    expect((await alerts.get(tenantId, REF))?.text).toBe('my dad hits me');
    expect(await dueAtOf(tenantId, 'survey-1')).toEqual(new Date(h.clock.now().getTime() + 86_400_000));

    // Acknowledged: the job is due WORDS_KEPT_AFTER_ACK_DAYS later, and the words stay until then.
    await h.service.acknowledge(actor(tenantId, DEE), REF);
    const release = new Date(h.clock.now().getTime() + WORDS_KEPT_AFTER_ACK_DAYS * 86_400_000);
    expect(await dueAtOf(tenantId, 'survey-1')).toEqual(release);
    h.clock.advance(WORDS_KEPT_AFTER_ACK_DAYS * 86_400_000 - 60_000);
    await h.service.runWordsRelease(job(tenantId));
    expect((await alerts.get(tenantId, REF))?.text).toBe('my dad hits me');
    expect(await dueAtOf(tenantId, 'survey-1')).toEqual(release);

    h.clock.advance(60_000);
    await h.service.runWordsRelease(job(tenantId));
    const cleared = await alerts.get(tenantId, REF);
    expect(cleared).toMatchObject({ text: '', matches: [], respondent: undefined, wordsDeletedAt: release, acknowledged: { by: 'dee-aad' } });
    expect((await audit.list(tenantId)).map((e) => e.action)).toContain('safeguarding.alert.wordsDeleted');
    // Run again: nothing more, nothing rescheduled.
    await h.service.runWordsRelease(job(tenantId));
    expect((await audit.list(tenantId)).filter((e) => e.action === 'safeguarding.alert.wordsDeleted')).toHaveLength(1);
  });

  it('an alert acknowledged only lately keeps its words through retention until its days are up', async () => {
    const tenantId = randomUUID();
    const h = harness({ clock: new ManualClock('2027-01-05T10:00:00Z') });
    await team(tenantId, { lead: DEE, deputies: [DAN] });
    await h.service.screenAnswer(answer(tenantId, 'my dad hits me'));
    await h.service.acknowledge(actor(tenantId, DEE), REF);
    h.clock.advance(86_400_000);
    const retention = new TableRetentionStore(s.tables.pick(...RETENTION_TABLES));
    expect(await retention.deleteAlertWords(tenantId, 'survey-1', h.clock.now())).toEqual({ cleared: 0, kept: 1 });
    h.clock.advance(WORDS_KEPT_AFTER_ACK_DAYS * 86_400_000);
    await h.service.runWordsRelease(job(tenantId));
    expect((await alerts.get(tenantId, REF))?.text).toBe('');
  });
});

describe('an acknowledgement a crash interrupted', () => {
  /** The audit log of a process killed just before it wrote its first acknowledgement. */
  const auditKilledOnFirstAck = (): SafeguardingDeps['audit'] => {
    let killed = false;
    return {
      append: async (entry) => {
        if (!killed && entry.action === 'safeguarding.alert.acknowledged') {
          killed = true;
          throw new Error('process killed before the audit was written');
        }
        await audit.append(entry);
      },
      list: (t) => audit.list(t)
    };
  };

  it('is finished by the next press (or the escalation job): the audit entry is written once, the escalation cancelled, copies refreshed', async () => {
    const tenantId = randomUUID();
    const h = harness({ swap: { audit: auditKilledOnFirstAck() } });
    await team(tenantId, { lead: DEE, deputies: [DAN] });
    await h.service.screenAnswer(answer(tenantId, 'my dad hits me'));
    await expect(h.service.acknowledge(actor(tenantId, DEE), REF)).rejects.toThrow(/killed/);
    const half = await alerts.get(tenantId, REF);
    expect(half).toMatchObject({ acknowledged: { by: 'dee-aad' }, ackSettled: false });

    // Dan presses later: Dee is shown as first, and her acknowledgement is now audited — once.
    const { first, card } = await h.service.acknowledge(actor(tenantId, DAN), REF);
    expect(first).toBe(false);
    expect(textOf(card)).toContain('Dee Lead pressed');
    await h.service.acknowledge(actor(tenantId, DEE), REF);
    const entries = (await audit.list(tenantId)).filter((e) => e.action === 'safeguarding.alert.acknowledged');
    expect(entries.map((e) => e.actor)).toEqual(['dee-aad']);
    expect((await alerts.get(tenantId, REF))?.ackSettled).toBe(true);

    // The escalation was cancelled: running the scheduler past the deadline sends nothing more.
    const sentBefore = h.sent.length;
    h.clock.advance(7 * 86_400_000);
    await h.scheduler().runDue();
    expect(h.sent.length).toBe(sentBefore);
  });

  it('the escalation job finishes it when nobody presses again', async () => {
    const tenantId = randomUUID();
    const h = harness({ swap: { audit: auditKilledOnFirstAck() } });
    await team(tenantId, { lead: DEE, deputies: [DAN] });
    await h.service.screenAnswer(answer(tenantId, 'my dad hits me'));
    await expect(h.service.acknowledge(actor(tenantId, DEE), REF)).rejects.toThrow(/killed/);
    h.clock.advance(7 * 86_400_000);
    const sentBefore = h.sent.length;
    await h.scheduler().runDue();
    // No escalation to the deputy (it was acknowledged), and the audit entry is there.
    expect(h.sent.length).toBe(sentBefore);
    expect((await audit.list(tenantId)).filter((e) => e.action === 'safeguarding.alert.acknowledged')).toHaveLength(1);
    expect((await alerts.get(tenantId, REF))?.ackSettled).toBe(true);
  });
});

