/**
 * Issue #14, the approval gate: a plan on Hart's rungs 1–3 for in-person activity goes to the working
 * group with the Hart warning and its risk assessment on the approval card, through the real HTTP
 * endpoint with the fake Bot Connector. The warning does not block submission.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/shared/verbs';
import { ManualClock } from '../../src/domain/shared/clock';
import { type TestApp, expectEveryCardValid, newTenant, startTestApp, sayForCards, executeForCard } from '../helpers/app';
import { type TestUser, type Where, user } from '../helpers/activities';
import { cardElements, cardText } from '../helpers/card-query';
import { cardsInActivity, type JsonObject } from '../helpers/card-validator';
import { type FakeConnector, startFakeConnector } from '../helpers/fake-connector';
import { IN_PERSON_RISK as RISK, validPlanForm } from '../helpers/plan-fixtures';

// Far from the dates other suites use, so no other app's scheduler reaches this round's reminders.
const clock = new ManualClock('2033-05-09T10:00:00Z'); // Monday, 10:00 in London (BST)
let app: TestApp;
let connector: FakeConnector;

const tenantId = newTenant();
const TEAM = `19:team-${tenantId}@thread.tacv2`;
const ana = user('Ana Chair');
const ben = user('Ben Member');
const olly = user('Olly Owner');

const FORM = validPlanForm({ startDate: '2033-06-01', endDate: '2033-06-20', feedbackBy: '2033-07-15', hartRung: '3', ...RISK });

beforeAll(async () => {
  connector = await startFakeConnector({
    rosters: { [TEAM]: [ana, ben, olly].map((u) => ({ id: u.id, name: u.name, aadObjectId: u.aadObjectId })) }
  });
  app = await startTestApp({ clock });
});
afterAll(async () => {
  if (connector) expectEveryCardValid(connector);
  await app?.close();
  await connector?.close();
});

const channel = (): Where => ({ tenantId, serviceUrl: connector.url, conversationType: 'channel', conversationId: `19:wg-${tenantId}@thread.tacv2`, teamId: TEAM });
const personal = (who: TestUser): Where => ({ tenantId, serviceUrl: connector.url, conversationType: 'personal', conversationId: `a:1to1-${who.aadObjectId}` });

const execute = (where: Where, who: TestUser, verb: string, data: Record<string, unknown>): Promise<JsonObject> => executeForCard(app, where, who, verb, data);

describe('a tokenistic, in-person plan before the working group', () => {
  it('the form warns about rung 3 when re-shown, the plan still goes, and the approval card shows the warning and the risk assessment', async () => {
    const [form] = await sayForCards(app, connector, channel(), ana, 'workinggroup setup');
    const formId = (cardElements(form!).find((e) => e.verb === VERBS.groupSave)?.data as { formId: string }).formId;
    const members = [ana, ben].map((u) => u.aadObjectId).join(',');
    await execute(channel(), ana, VERBS.groupSave, { formId, name: 'SEND working group', memberSource: 'named', members, chair: ana.aadObjectId, rule: 'majority' });

    await sayForCards(app, connector, personal(olly), olly, 'help');
    const [planForm] = await sayForCards(app, connector, personal(olly), olly, 'plan new');
    const planId = (cardElements(planForm!).find((e) => e.verb === VERBS.planSubmit)?.data as { planId: string }).planId;

    // Re-shown after a check: the risk assessment is required in person, and the rung-3 warning shows.
    const bad = await execute(personal(olly), olly, VERBS.planSubmit, { ...FORM, planId, teamId: TEAM, venue: '' });
    expect(cardText(bad)).toContain('It is in person: say where it takes place (the venue).');
    expect(cardText(bad)).toContain('Rung 3, tokenism: young people are asked but have little or no choice about what they say or how it is used');

    const before = connector.sentRequests().length;
    const sent = await execute(personal(olly), olly, VERBS.planSubmit, { ...FORM, planId, teamId: TEAM });
    expect(cardText(sent)).toContain('Sent to the working group.');
    const posted = connector
      .sentRequests()
      .slice(before)
      .filter((r) => r.conversationId === channel().conversationId)
      .flatMap((r) => cardsInActivity(r.body as never));
    expect(posted).toHaveLength(1);
    const approval = cardText(posted[0]!);
    expect(approval).toContain('Rung 3, tokenism');
    expect(approval).toContain('To move it up');
    expect(approval).toContain('Risk assessment (in person)');
    for (const value of [RISK.venue, RISK.supervision, RISK.consent, RISK.leadOnTheDay]) expect(approval).toContain(value);
    expect((await app.plans.get(tenantId, planId)).venue).toBe(RISK.venue);
  });
});
