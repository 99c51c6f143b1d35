/**
 * For the meeting smoke and bench: a running session in a group chat, started as a newcomer would in the
 * Playground (safeguarding lead, approval gate off as the local administrator, a survey from the "How was
 * today's session?" template, `session start`), through /api/messages with the fake Bot Connector.
 */
import { randomUUID } from 'node:crypto';
import type { VoiceLoop } from '../src/voiceloop';
import { type TestUser, type Where, executeAction, message, user } from '../test/helpers/activities';
import { cardFromInvokeResponse, cardsInActivity, type JsonObject } from '../test/helpers/card-validator';
import { cardElements } from '../test/helpers/card-query';
import type { FakeConnector } from '../test/helpers/fake-connector';

export async function startSessionOverHttp(app: VoiceLoop, connector: FakeConnector): Promise<{ tenantId: string; chat: string; facilitator: TestUser }> {
  const tenantId = randomUUID();
  const group: Where = { tenantId, serviceUrl: connector.url, conversationId: `19:meeting_${randomUUID()}@thread.v2` };
  const personal: Where = { tenantId, serviceUrl: connector.url, conversationType: 'personal', conversationId: `a:${randomUUID()}` };
  const fay = user('Fay');
  const post = async (activity: unknown): Promise<JsonObject | undefined> => {
    const before = connector.sent().length;
    const response = await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    const body: unknown = await response.json().catch(() => undefined);
    if (body && typeof body === 'object' && 'statusCode' in body) return cardFromInvokeResponse(body);
    return cardsInActivity(connector.sent()[before])[0];
  };
  const press = async (card: JsonObject | undefined, title: string, inputs: Record<string, unknown> = {}) => {
    const found = card && cardElements(card).find((e) => e.title === title);
    if (!found) throw new Error(`no "${title}" on the card`);
    return post(executeAction(group, fay, String(found.verb), { ...(found.data as JsonObject), ...inputs }));
  };
  await post(message(personal, fay, 'safeguarding lead me'));
  await post(message(group, fay, 'engagement gate off'));
  const form = await post(message(group, fay, 'survey new'));
  const editor = await press(form, 'Create draft', { templateId: 'session-feedback', title: '', cohort: 'youngPeople' });
  await press(editor, 'Publish');
  const chooser = await post(message(group, fay, 'session start'));
  const surveyId = String((cardElements(chooser!).find((e) => e.id === 'surveyId')?.choices as { value: string }[] | undefined)?.[0]?.value ?? '');
  await press(chooser, 'Start session', { surveyId });
  return { tenantId, chat: group.conversationId!, facilitator: fay };
}
