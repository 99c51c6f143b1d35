/**
 * Where a message can be sent later: the parts of a Bot Framework conversation reference VoiceLoop
 * keeps. Stored per user for personal chats and per conversation for group chats and channels.
 */
export interface StoredConversation {
  tenantId: string;
  serviceUrl: string;
  channelId: string;
  conversationId: string;
  conversationType: 'personal' | 'groupChat' | 'channel';
  botId: string;
  botName?: string;
  /** For personal chats: the user's ids. */
  userId?: string;
  userAadObjectId?: string;
  /** For channels: the team the channel belongs to. */
  teamId?: string;
  updatedAt: string;
}

/** Who is acting in a turn, as the domain needs it. */
export interface Actor {
  tenantId: string;
  /** Channel user id (29:...). */
  userId: string;
  /** Entra object id when Teams provides it: the stable key for a person. */
  aadObjectId?: string;
  name?: string;
  /**
   * A guest of the council's tenant (Teams guest access: `userRole: guest`), e.g. a Parent Carer Forum or
   * SENDIASS member of the working group. Guests are never administrators (docs/approvals.md, "Guests").
   */
  guest?: boolean;
}

/** The stable key for a person: the Entra object id when known, else the channel user id. */
export const personKey = (actor: Actor): string => actor.aadObjectId ?? actor.userId;
