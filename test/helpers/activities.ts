/** Teams-shaped activities as Teams sends them, for end-to-end tests through /api/messages. */
import { randomUUID } from 'node:crypto';

export interface TestUser {
  id: string;
  aadObjectId: string;
  name: string;
}

export interface Where {
  tenantId: string;
  serviceUrl: string;
  conversationId?: string;
  conversationType?: 'personal' | 'groupChat' | 'channel';
  teamId?: string;
}

export const BOT = { id: '28:voiceloop-bot', name: 'VoiceLoop' };

export function user(name: string): TestUser {
  const aad = randomUUID();
  return { id: `29:${aad}`, aadObjectId: aad, name };
}

function base(where: Where, from: TestUser | undefined) {
  const conversationType = where.conversationType ?? 'groupChat';
  const conversationId = where.conversationId ?? `19:${conversationType}-${where.tenantId}@thread.v2`;
  return {
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: where.serviceUrl,
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    localTimezone: 'Europe/London',
    locale: 'en-GB',
    from: from ? { id: from.id, aadObjectId: from.aadObjectId, name: from.name } : undefined,
    recipient: BOT,
    conversation: {
      id: conversationId,
      conversationType,
      tenantId: where.tenantId,
      isGroup: conversationType !== 'personal'
    },
    channelData: {
      tenant: { id: where.tenantId },
      ...(where.teamId ? { team: { id: where.teamId }, channel: { id: conversationId } } : {})
    }
  };
}

export function message(where: Where, from: TestUser, text: string) {
  return { ...base(where, from), type: 'message', text, textFormat: 'plain' };
}

export function executeAction(
  where: Where,
  from: TestUser,
  verb: string,
  data: Record<string, unknown>,
  replyToId?: string,
  trigger: 'manual' | 'automatic' = 'manual'
) {
  return {
    ...base(where, from),
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId,
    value: { action: { type: 'Action.Execute', verb, data }, trigger }
  };
}

export function membersAdded(where: Where, from: TestUser, members: { id: string; name?: string }[]) {
  return { ...base(where, from), type: 'conversationUpdate', membersAdded: members };
}

export function membersRemoved(where: Where, from: TestUser, members: { id: string; name?: string }[]) {
  return { ...base(where, from), type: 'conversationUpdate', membersRemoved: members };
}

export function installationUpdate(where: Where, from: TestUser, action: 'add' | 'remove') {
  return { ...base(where, from), type: 'installationUpdate', action };
}

/** A messaging-extension invoke (`composeExtension/query`, `/fetchTask`, `/submitAction`, `/queryLink`). */
export function composeExtension(where: Where, from: TestUser, name: string, value: Record<string, unknown>) {
  return { ...base(where, from), type: 'invoke', name: `composeExtension/${name}`, value };
}
