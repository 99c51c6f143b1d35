/**
 * What happens after a flag, through the real endpoint (HTTP → Teams routes → services → Azurite →
 * fake Bot Connector), in virtual time: the lead's alert card, "I'm dealing with this" (the lead and
 * deputies only), escalation to the deputies at the configured working time and not before, the
 * out-of-hours number on an alert raised at night, and `safeguarding alerts`.
 */
import type { TableClient, TableEntityResult } from '@azure/data-tables';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/shared/verbs';
import { ManualClock } from '../../src/domain/shared/clock';
import { formOf } from '../../src/domain/delivery/delivery-settings-service';
import { SAFEGUARDING_ESCALATION_JOB } from '../../src/domain/safeguarding/safeguarding-service';
import { Scheduler } from '../../src/scheduler/scheduler';
import { TableAuditLog } from '../../src/storage/shared/audit-repository';
import { type DueItemEntity, TableDueItemRepository } from '../../src/storage/shared/due-item-repository';
import { TABLES } from '../../src/storage/shared/keys';
import { type TestApp, expectEveryCardValid, newTenant, sayForCard, startTestApp } from '../helpers/app';
import { type TestUser, type Where, executeAction, user } from '../helpers/activities';
import { cardActionTitles, cardText } from '../helpers/card-query';
import { type JsonObject, cardFromInvokeResponse, cardsInActivity, expectValidCard } from '../helpers/card-validator';
import { type FakeConnector, type RecordedRequest, startFakeConnector } from '../helpers/fake-connector';
import { approvedPlan } from '../helpers/plan-fixtures';

// Monday 5 January 2032, 16:00 in London (GMT): working time. Far from the dates other suites use, so
// no other app's scheduler reaches these escalations.
const clock = new ManualClock('2032-01-05T16:00:00Z');
let app: TestApp;
let connector: FakeConnector;
let escalations: Scheduler;

const tenantId = newTenant();
const dee = user('Dee Lead');
const dan = user('Dan Deputy');
const ada = user('Ada Admin');
const olly = user('Olly Owner');
const kit = user('Kit');
const kai = user('Kai');

/** Only this file's tenant: other suites' items of the same kind are never claimed here. */
class OwnTenant extends TableDueItemRepository {
  override async listDue(now: Date, limit: number, kinds: string[]): Promise<TableEntityResult<DueItemEntity>[]> {
    return (await super.listDue(now, 1000, kinds)).filter((e) => e.tenantId === tenantId).slice(0, limit);
  }
}

beforeAll(async () => {
  connector = await startFakeConnector();
  app = await startTestApp({ clock, config: { admins: [dee.aadObjectId, dan.aadObjectId, ada.aadObjectId] } });
  const table: TableClient = app.tables.client(TABLES.dueItems);
  escalations = new Scheduler({ due: new OwnTenant(table), clock, log: pino({ level: 'silent' }) }).register(SAFEGUARDING_ESCALATION_JOB, (item) =>
    app.safeguarding.runEscalation(item)
  );
});
afterAll(async () => {
  if (connector) {
    expectEveryCardValid(connector);
    for (const activity of [...connector.sent(), ...connector.updated()]) expect(JSON.stringify(activity)).not.toContain('${');
  }
  await app?.close();
  await connector?.close();
});

const personal = (who: TestUser): Where => ({ tenantId, serviceUrl: connector.url, conversationType: 'personal', conversationId: `a:1on1-${who.aadObjectId}` });
const inGroup = (): Where => ({ tenantId, serviceUrl: connector.url, conversationType: 'groupChat', conversationId: `19:club-${tenantId}@thread.v2` });

const say = (where: Where, who: TestUser, text: string): Promise<JsonObject> => sayForCard(app, connector, where, who, text);

async function execute(where: Where, who: TestUser, verb: string, data: Record<string, unknown>, replyToId?: string): Promise<JsonObject> {
  const response = await app.post(executeAction(where, who, verb, data, replyToId));
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  const card = cardFromInvokeResponse(response.body);
  expectValidCard(card, `${verb} response`);
  return card;
}

function findAction(card: unknown, title: string): JsonObject {
  const all: JsonObject[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      all.push(v as JsonObject);
      Object.values(v).forEach(walk);
    }
  };
  walk(card);
  const found = all.find((n) => n.title === title && typeof n.verb === 'string');
  if (!found) throw new Error(`no action ${title}`);
  return found;
}

/** Cards sent to a person's 1:1 chat since `from` (a count of sent requests). */
const toChatOf = (who: TestUser, from: number): RecordedRequest[] =>
  connector.sentRequests().slice(from).filter((r) => r.conversationId === personal(who).conversationId);
const cardOf = (request: RecordedRequest): JsonObject => {
  const [card] = cardsInActivity(request.body as never);
  expectValidCard(card, 'card sent');
  return card!;
};

let surveyId = '';

async function answerFreeText(kid: TestUser, text: string): Promise<void> {
  const chat = personal(kid);
  const q4 = await execute(chat, kid, VERBS.surveyShow, { surveyId, index: 3 });
  const send = findAction(q4, '📨 Send my answer');
  const before = connector.sent().length;
  await execute(chat, kid, String(send.verb), { ...(send.data as object), text });
  await connector.waitForSent(before + 2); // the reply to the young person and the alert
}

describe('after a flag', () => {
  it('an administrator names the lead and a deputy; anyone else is refused; "safeguarding lead" lists both', async () => {
    expect(cardText(await say(personal(dee), dee, 'safeguarding lead me'))).toContain('You are the designated safeguarding lead');
    expect(cardText(await say(personal(olly), olly, 'safeguarding deputy me'))).toContain('Only a VoiceLoop administrator can become a deputy');
    expect(cardText(await say(inGroup(), dan, 'safeguarding deputy me'))).toContain('in your 1:1 chat');
    expect(cardText(await say(personal(dan), dan, 'safeguarding deputy me'))).toContain('You are a deputy safeguarding lead');
    expect(cardText(await say(personal(dan), dan, 'safeguarding deputy me'))).toContain('already a deputy');
    expect(cardText(await say(personal(olly), olly, 'safeguarding lead'))).toContain('The designated safeguarding lead is Dee Lead. The deputy lead is Dan Deputy.');
    expect(cardText(await say(personal(olly), olly, 'safeguarding deputy clear'))).toContain('Only a VoiceLoop administrator can remove');
    const changes = (await app.delivery.settings.get(tenantId)).safeguardingDeputies;
    expect(changes.map((d) => d.name)).toEqual(['Dan Deputy']);
    const actions = (await new TableAuditLog(app.tables.client(TABLES.audit)).list(tenantId)).map((e) => `${e.action} by ${e.actorName}: ${e.detail}`);
    expect(actions).toEqual(['safeguarding.lead.set by Dee Lead: lead: Dee Lead', 'safeguarding.deputy.added by Dan Deputy: deputy: Dan Deputy']);
  });

  it('the administrator sets 30 working minutes and the out-of-hours number on the settings card', async () => {
    const form = formOf(await app.delivery.settings.get(tenantId));
    const saved = await execute(personal(ada), ada, VERBS.deliverySettingsSave, { ...form, alertAckMinutes: '30', outOfHoursNumber: '0300 123 4567' });
    expect(cardText(saved)).toContain('Safeguarding alerts go to the deputies after: 60 → 30 working minutes');
    expect(cardText(saved)).toContain('Out-of-hours number: not set → 0300 123 4567');
    expect(await app.delivery.settings.get(tenantId)).toMatchObject({ alertAckMinutes: 30, outOfHoursNumber: '0300 123 4567' });
  });

  it('a worrying answer: the lead\'s card names the category and what nobody else sees; only the lead and deputies may press', async () => {
    // Young people's surveys go out only under an approved engagement plan (the approval gate).
    const { planId } = await approvedPlan(app, { tenantId, serviceUrl: connector.url, member: olly, now: clock.now() });
    const form = await say(inGroup(), olly, 'survey new');
    const create = findAction(form, 'Create draft');
    const editor = await execute(inGroup(), olly, String(create.verb), { ...(create.data as object), templateId: 'session-feedback', title: '', cohort: 'youngPeople', planId });
    const publish = findAction(editor, 'Publish');
    expect(cardText(await execute(inGroup(), olly, String(publish.verb), publish.data as Record<string, unknown>))).toContain('Published.');
    surveyId = String((publish.data as { surveyId: string }).surveyId);

    const before = connector.sentRequests().length;
    await answerFreeText(kit, "I don't feel safe at home");
    const [alert] = toChatOf(dee, before);
    const card = cardOf(alert!);
    const text = cardText(card);
    expect(text).toMatch(/^Safeguarding alert\nCategor/);
    expect(text).toContain("I don't feel safe at home");
    expect(text).toContain('Who: Kit');
    expect(text).toContain('When: Mon 5 Jan, 16:00');
    expect(text).toContain("the survey's owner and results, exports, digests, findings and search show 'An answer was passed to the safeguarding lead'");
    expect(text).not.toContain('outside working hours');
    const ack = findAction(card, "I'm dealing with this");

    // The survey's owner is not the lead: refused, and nothing is recorded.
    const refused = await app.post(executeAction(personal(olly), olly, String(ack.verb), ack.data as Record<string, unknown>));
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).toContain('Only the designated safeguarding lead and the deputy leads');
    expect(cardText(await say(personal(olly), olly, 'safeguarding alerts'))).toContain('Only the designated safeguarding lead and the deputy leads see safeguarding alerts.');
  });

  it('not acknowledged: at 16:29 nothing; at 16:30 the deputy gets the escalated card; the deputy\'s press refreshes the lead\'s card', async () => {
    const before = connector.sentRequests().length;
    clock.set('2032-01-05T16:29:00Z');
    expect(await escalations.runDue()).toBe(0);
    expect(toChatOf(dan, before)).toHaveLength(0);
    clock.set('2032-01-05T16:30:00Z');
    expect(await escalations.runDue()).toBe(1);
    const [escalated] = toChatOf(dan, before);
    const card = cardOf(escalated!);
    expect(cardText(card)).toContain('Escalated to the deputy leads at 16:30: the lead had not acknowledged it within 30 working minutes.');
    expect(cardText(card)).toContain("I don't feel safe at home");
    expect(await escalations.runDue()).toBe(0); // once

    clock.set('2032-01-05T16:31:00Z');
    const ack = findAction(card, "I'm dealing with this");
    const pressed = await execute(personal(dan), dan, String(ack.verb), ack.data as Record<string, unknown>, escalated!.responseId);
    expect(cardText(pressed)).toContain('Dealt with by Dan Deputy since 16:31');
    expect(cardActionTitles(pressed)).toEqual([]);
    // The lead's copy is updated in place to say who is dealing with it.
    const update = await connector.waitFor((r) => r.kind === 'updateActivity' && r.conversationId === personal(dee).conversationId);
    expect(cardText(cardOf(update))).toContain('Dealt with by Dan Deputy since 16:31');

    // The lead presses afterwards: Dan stays the one dealing with it, and Dee is told.
    const again = await execute(personal(dee), dee, String(ack.verb), ack.data as Record<string, unknown>);
    expect(cardText(again)).toContain('Dan Deputy pressed "I\'m dealing with this" first, at 16:31');
  });

  it('raised on a Saturday night: the out-of-hours number and "not monitored"; acknowledged at once, it never escalates', async () => {
    clock.set('2032-01-10T21:00:00Z'); // Saturday 21:00 London
    const before = connector.sentRequests().length;
    await answerFreeText(kai, 'my dad hits me');
    const [alert] = toChatOf(dee, before);
    const card = cardOf(alert!);
    const text = cardText(card);
    expect(text).toContain('Raised outside working hours. VoiceLoop is not monitored at night or at weekends.');
    expect(text).toContain("children's services emergency duty team");
    expect(text).toContain('0300 123 4567');

    // Listed as open for the lead, in the 1:1 chat only.
    expect(cardText(await say(inGroup(), dee, 'safeguarding alerts'))).toContain('alerts are never shown in a shared chat');
    const list = await say(personal(dee), dee, 'safeguarding alerts');
    const listed = cardText(list);
    expect(listed).toContain('Waiting for someone to deal with them (1)');
    expect(listed).toContain('Dealt with in the last 14 days (1)');
    expect(listed).toContain('dealt with by Dan Deputy');
    expect(listed).not.toContain('my dad hits me'); // the words are only on the alert card
    // "Show the alert" sends the card again, with its button.
    const show = findAction(list, 'Show the alert');
    const sentBefore = connector.sent().length;
    await execute(personal(dee), dee, String(show.verb), show.data as Record<string, unknown>);
    const [shown] = cardsInActivity((await connector.waitForSent(sentBefore + 1))[sentBefore]);
    expect(cardText(shown!)).toContain('my dad hits me');
    expect(cardActionTitles(shown!)).toEqual(["I'm dealing with this"]);

    clock.set('2032-01-10T21:05:00Z');
    const ack = findAction(card, "I'm dealing with this");
    expect(cardText(await execute(personal(dee), dee, String(ack.verb), ack.data as Record<string, unknown>))).toContain('Dealt with by Dee Lead since 21:05');
    // Monday 09:30 would have been its escalation time: nothing goes to the deputy.
    const later = connector.sentRequests().length;
    clock.set('2032-01-12T12:00:00Z');
    expect(await escalations.runDue()).toBe(0);
    expect(toChatOf(dan, later)).toHaveLength(0);
    expect(cardText(await say(personal(dan), dan, 'safeguarding alerts'))).toContain('Waiting for someone to deal with them (0)');
  });

  it('a deputy steps down; an administrator clears the rest', async () => {
    expect(cardText(await say(personal(dan), dan, 'safeguarding deputy remove'))).toContain('You are no longer a deputy safeguarding lead.');
    expect(cardText(await say(personal(dan), dan, 'safeguarding alerts'))).toContain('Only the designated safeguarding lead and the deputy leads');
    await say(personal(dan), dan, 'safeguarding deputy me');
    expect(cardText(await say(personal(ada), ada, 'safeguarding deputy remove Nobody'))).toContain('No deputy lead is called "Nobody"');
    expect(cardText(await say(personal(ada), ada, 'safeguarding deputy clear'))).toContain('Removed: Dan Deputy. No deputy lead is set.');
    expect((await app.delivery.settings.get(tenantId)).safeguardingDeputies).toEqual([]);
  });
});
