/**
 * `delivery settings` through the real endpoint (HTTP → Teams routes → service → Azurite): everyone
 * sees them, administrators (VOICELOOP_ADMINS) change them on the card, a stale form never overwrites
 * a newer change, a bad field saves nothing, and every change is audited.
 */
import { odata } from '@azure/data-tables';
import { describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/shared/verbs';
import { ManualClock } from '../../src/domain/shared/clock';
import { type DeliverySettingsForm, formOf } from '../../src/domain/delivery/delivery-settings-service';
import { TABLES } from '../../src/storage/shared/keys';
import { type TestApp, newTenant, sayForCard, withBotAndConnector } from '../helpers/app';
import { type TestUser, type Where, executeAction, user } from '../helpers/activities';
import { cardText } from '../helpers/card-query';
import { type JsonObject, cardFromInvokeResponse, expectValidCard } from '../helpers/card-validator';
import type { FakeConnector } from '../helpers/fake-connector';

let app: TestApp;
let connector: FakeConnector;
const clock = new ManualClock('2026-03-02T10:00:00Z');
const admin = user('Ada Admin');
const staff = user('Sid Staff');

withBotAndConnector((started) => ({ app, connector } = started), { clock, config: { admins: [admin.aadObjectId] } });

const personal = (tenantId: string, who: TestUser): Where => ({ tenantId, serviceUrl: connector.url, conversationType: 'personal', conversationId: `a:${who.id}` });

async function save(tenantId: string, who: TestUser, data: Record<string, unknown>): Promise<{ status: number; card?: JsonObject }> {
  const response = await app.post(executeAction(personal(tenantId, who), who, VERBS.deliverySettingsSave, data));
  if (response.status !== 200) return { status: response.status };
  const card = cardFromInvokeResponse(response.body);
  expectValidCard(card, 'delivery settings');
  return { status: 200, card };
}

/** Saves the form as it is now (or `base`), with `changes`: the answer card's text and JSON. */
async function saveChanges(tenantId: string, changes: Record<string, string>, base?: DeliverySettingsForm): Promise<{ text: string; json: string }> {
  const form = base ?? formOf(await app.delivery.settings.get(tenantId));
  const { status, card } = await save(tenantId, admin, { ...form, ...changes });
  expect(status).toBe(200);
  return { text: cardText(card!), json: JSON.stringify(card) };
}

describe('delivery settings', () => {
  it('anyone sees them; a non-admin gets no form, and a forged Save is refused', async () => {
    const tenantId = newTenant();
    const card = await sayForCard(app, connector, personal(tenantId, staff), staff, 'delivery settings');
    expect(cardText(card)).toContain('weekdays 15:30–19:30; weekends 10:00–18:00');
    expect(JSON.stringify(card)).not.toContain(VERBS.deliverySettingsSave);
    const forged = await save(tenantId, staff, { ...formOf(await app.delivery.settings.get(tenantId)), fatigueMax: '9' });
    expect(forged.status).toBe(403);
    expect((await app.delivery.settings.get(tenantId)).fatigue.maxRequests).toBe(2);
  });

  it('an admin saves a change; it is used at once, shown, and audited with what changed', async () => {
    const tenantId = newTenant();
    const card = await sayForCard(app, connector, personal(tenantId, admin), admin, 'delivery settings');
    expect(JSON.stringify(card)).toContain(VERBS.deliverySettingsSave);
    const { text } = await saveChanges(tenantId, { youngPeopleWeekdays: '16:00-19:00', fatigueMax: '3', phrasesAdd: 'scared to go home' });
    expect(text).toContain('Saved. What changed:');
    expect(text).toContain('Young people, weekdays: 15:30-19:30 → 16:00-19:00');
    const stored = await app.delivery.settings.get(tenantId);
    expect(stored.allowedHours.windows.youngPeople).toContainEqual({ days: 'weekdays', start: '16:00', end: '19:00' });
    expect(stored.fatigue.maxRequests).toBe(3);
    expect(stored.concernPhrases.add).toEqual(['scared to go home']);
    // The new phrase is screened for at once.
    expect((await app.safeguarding.screenAnswer({ tenantId, subjectId: 's', subjectTitle: 'S', questionId: 'q', questionText: 'Q', responseKey: 'r', text: 'I am scared to go home', timeZone: 'Europe/London', anonymous: true })).flagged).toBe(true);
    const audit = [];
    for await (const e of app.tables.client(TABLES.audit).listEntities<{ action: string; detail: string }>({ queryOptions: { filter: odata`action eq ${'delivery.settings.set'}` } })) {
      if (String(e.partitionKey).startsWith(tenantId)) audit.push(e);
    }
    expect(audit).toHaveLength(1);
    expect(audit[0]?.detail).toContain('Fatigue cap: 2 in 14 days → 3 in 14 days');
  });

  it('a form opened before someone else saved is refused with the settings as they are now', async () => {
    const tenantId = newTenant();
    const stale = formOf(await app.delivery.settings.get(tenantId));
    expect((await saveChanges(tenantId, { fatigueDays: '21' }, stale)).text).toContain('Saved');
    expect((await saveChanges(tenantId, { remindersMax: '2' }, stale)).text).toContain('Someone changed these settings after this form was opened');
    const stored = await app.delivery.settings.get(tenantId);
    expect(stored.fatigue.windowDays).toBe(21);
    expect(stored.reminders.max).toBe(1);
  });

  it('a bad field saves nothing and comes back marked, with what was typed', async () => {
    const tenantId = newTenant();
    const refused = await saveChanges(tenantId, { staffWeekdays: '5pm-9am', fatigueMax: '2', phrasesAdd: 'kept as typed', alertAckMinutes: '10', outOfHoursNumber: 'ring the duty team' });
    expect(refused.text).toContain('Not saved');
    expect(refused.text).toContain('Staff, weekdays');
    expect(refused.text).toContain('15 minutes to 8 hours');
    expect(refused.text).toContain('digits, spaces, + and brackets');
    expect(refused.json).toContain('kept as typed');
    expect(refused.json).toContain('ring the duty team');
    const stored = await app.delivery.settings.get(tenantId);
    expect(stored.concernPhrases.add).toEqual([]);
    expect(stored).toMatchObject({ alertAckMinutes: 60, outOfHoursNumber: undefined });
  });
});
