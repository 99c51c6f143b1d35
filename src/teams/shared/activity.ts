import { type Activity, type ConversationReference, TurnContext } from 'botbuilder';
import type { Actor, StoredConversation } from '../../domain/shared/conversation';
import { DomainError } from '../../domain/shared/errors';
import { cleanName } from '../../domain/shared/text';
import { isValidTimeZone } from '../../domain/shared/time';

interface TeamsChannelData {
  tenant?: { id?: string };
  team?: { id?: string };
  meeting?: { id?: string };
}

const channelData = (activity: Activity): TeamsChannelData => (activity.channelData ?? {}) as TeamsChannelData;

/** The Microsoft 365 tenant the activity came from; every stored key starts with it. */
export function tenantOf(activity: Activity): string {
  const tenantId = activity.conversation?.tenantId ?? channelData(activity).tenant?.id;
  if (!tenantId) throw new DomainError('invalid_input', 'This conversation has no Microsoft 365 tenant.');
  return tenantId;
}

/** The Teams team the activity came from (a message in one of its channels); undefined elsewhere. */
export const teamIdOf = (activity: Activity): string | undefined => channelData(activity).team?.id;

/** The Teams meeting of a meeting chat (docs/meetings.md); undefined in other chats. */
export const meetingIdOf = (activity: Activity): string | undefined => channelData(activity).meeting?.id || undefined;

/** Who sent the activity. */
export function actorOf(activity: Activity): Actor {
  const from = activity.from;
  if (!from?.id) throw new DomainError('invalid_input', 'The activity does not say who sent it.');
  const guest = (from as { userRole?: string }).userRole === 'guest';
  return { tenantId: tenantOf(activity), userId: from.id, aadObjectId: from.aadObjectId || undefined, name: cleanName(from.name), ...(guest ? { guest } : {}) };
}

/** The person's time zone as Teams reports it, else the councils' own. */
export function timeZoneOf(activity: Activity): string {
  const zone = activity.localTimezone;
  return zone && isValidTimeZone(zone) ? zone : 'Europe/London';
}

export function conversationTypeOf(activity: Activity): StoredConversation['conversationType'] {
  const type = activity.conversation?.conversationType;
  if (type === 'channel') return 'channel';
  if (type === 'groupChat' || activity.conversation?.isGroup) return 'groupChat';
  return 'personal';
}

/**
 * The conversation itself, without the thread: Teams gives a message in a channel thread the id
 * "19:…@thread.tacv2;messageid=…", while VoiceLoop stores (and posts new cards to) the channel's id.
 */
export const baseConversationId = (conversationId: string): string => conversationId.split(';')[0] ?? conversationId;

/** The parts of the conversation reference needed to message this conversation later. */
export function storedConversationOf(activity: Activity, now: Date): StoredConversation {
  const reference = TurnContext.getConversationReference(activity);
  if (!reference.conversation?.id || !reference.serviceUrl || !reference.bot?.id) {
    throw new DomainError('invalid_input', 'The activity has no conversation to reply to.');
  }
  const type = conversationTypeOf(activity);
  return {
    tenantId: tenantOf(activity),
    serviceUrl: reference.serviceUrl,
    channelId: reference.channelId ?? 'msteams',
    conversationId: reference.conversation.id,
    conversationType: type,
    botId: reference.bot.id,
    botName: reference.bot.name || undefined,
    userId: type === 'personal' ? activity.from?.id : undefined,
    userAadObjectId: type === 'personal' ? activity.from?.aadObjectId || undefined : undefined,
    teamId: teamIdOf(activity),
    updatedAt: now.toISOString()
  };
}

/** Rebuilds a Bot Framework conversation reference for a proactive turn. */
export function referenceOf(conversation: StoredConversation): Partial<ConversationReference> {
  return {
    serviceUrl: conversation.serviceUrl,
    channelId: conversation.channelId,
    bot: { id: conversation.botId, name: conversation.botName ?? 'VoiceLoop' },
    conversation: {
      id: conversation.conversationId,
      conversationType: conversation.conversationType,
      tenantId: conversation.tenantId,
      isGroup: conversation.conversationType !== 'personal',
      name: ''
    },
    user: conversation.userId ? { id: conversation.userId, name: '', aadObjectId: conversation.userAadObjectId } : undefined
  };
}

/**
 * Whether the activity comes from the Microsoft 365 Agents Playground rather than Teams: the
 * Playground's mock Bot Connector lives at `http://localhost:<port>/_connector` (Teams' service URLs
 * are `https://smba.trafficmanager.net/…`). It matters only where the Playground cannot show what
 * Teams can (messaging-extension `tap` results and `botMessagePreview`, see README).
 */
export function fromAgentsPlayground(activity: Pick<Activity, 'serviceUrl'>): boolean {
  try {
    const url = new URL(activity.serviceUrl ?? '');
    return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) && /^\/_connector\/?$/.test(url.pathname);
  } catch {
    return false;
  }
}
