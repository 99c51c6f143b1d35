/**
 * Proactive messages: cards sent outside a turn, to a person 1:1 (by their stored personal
 * conversation reference) or to a stored chat or channel. Uses `adapter.continueConversationAsync`.
 */
import type { CloudAdapter, ConversationParameters, TurnContext } from 'botbuilder';
import type { StoredConversation } from '../../domain/shared/conversation';
import type { CardPayload, ConversationRepository, Delivery, ProactiveSender } from '../../domain/shared/ports';
import { referenceOf } from './activity';
import { cardMessage, postCard } from './card-message';

/** The audience of tokens for the Bot Connector (public cloud). */
const BOT_FRAMEWORK_AUDIENCE = 'https://api.botframework.com';

/** The connector refuses for good (bot blocked or removed, conversation gone): not worth retrying. */
const GONE = new Set([403, 404]);

function statusOf(error: unknown): number | undefined {
  const status = error && typeof error === 'object' && 'statusCode' in error ? (error as { statusCode: unknown }).statusCode : undefined;
  return typeof status === 'number' ? status : undefined;
}

export class TeamsProactiveSender implements ProactiveSender {
  private adapter: CloudAdapter | undefined;
  private botAppId = '';

  constructor(private readonly conversations: ConversationRepository) {}

  /** Called once by createTeamsBot with the adapter that handles the bot's turns. */
  attach(adapter: CloudAdapter, botAppId: string): void {
    this.adapter = adapter;
    this.botAppId = botAppId;
  }

  async sendToPerson(tenantId: string, personKey: string, card: CardPayload): Promise<Delivery> {
    const conversation = await this.conversations.getPersonal(tenantId, personKey);
    // Starting a 1:1 conversation with someone who never talked to VoiceLoop comes in a later issue.
    if (!conversation) return { delivered: false, reason: 'no 1:1 chat with VoiceLoop is stored for this person' };
    try {
      return { delivered: true, activityId: await this.sendToConversation(conversation, card) };
    } catch (error) {
      const status = statusOf(error);
      if (status !== undefined && GONE.has(status)) return { delivered: false, reason: `Teams refused the message (${status})` };
      throw error;
    }
  }

  async openPersonal(via: StoredConversation, person: { userId: string; personKey: string }): Promise<StoredConversation | undefined> {
    let conversationId = '';
    try {
      await this.require().createConversationAsync(
        this.botAppId,
        via.channelId || 'msteams',
        via.serviceUrl,
        BOT_FRAMEWORK_AUDIENCE,
        { isGroup: false, bot: { id: via.botId, name: via.botName ?? 'VoiceLoop' }, members: [{ id: person.userId, name: '' }], tenantId: via.tenantId, channelData: { tenant: { id: via.tenantId } } } as ConversationParameters,
        async (context) => {
          conversationId = context.activity.conversation?.id ?? '';
        }
      );
    } catch (error) {
      const status = statusOf(error);
      if (status !== undefined && GONE.has(status)) return undefined;
      throw error;
    }
    if (!conversationId) throw new Error('Teams created the 1:1 chat but returned no id');
    const conversation: StoredConversation = {
      tenantId: via.tenantId,
      serviceUrl: via.serviceUrl,
      channelId: via.channelId || 'msteams',
      conversationId,
      conversationType: 'personal',
      botId: via.botId,
      botName: via.botName,
      userId: person.userId,
      userAadObjectId: person.personKey !== person.userId ? person.personKey : undefined,
      updatedAt: new Date().toISOString()
    };
    await this.conversations.upsert(conversation);
    return conversation;
  }

  /** Replaces a card sent 1:1 before (e.g. a safeguarding alert someone has acknowledged). */
  async updateForPerson(tenantId: string, personKey: string, activityId: string, card: CardPayload): Promise<void> {
    const conversation = await this.conversations.getPersonal(tenantId, personKey);
    if (conversation) await this.updateInConversation(conversation, activityId, card);
  }

  async sendToConversation(conversation: StoredConversation, card: CardPayload): Promise<string> {
    let id = '';
    await this.require().continueConversationAsync(this.botAppId, referenceOf(conversation), async (context) => {
      id = (await postCard(context, card)) ?? '';
    });
    if (!id) throw new Error('the message was sent but Teams returned no id');
    return id;
  }

  async updateInConversation(conversation: StoredConversation, activityId: string, card: CardPayload): Promise<void> {
    await this.require().continueConversationAsync(this.botAppId, referenceOf(conversation), async (context) => {
      await context.updateActivity(cardMessage(card, activityId));
    });
  }

  /** Runs `work` in a turn of a stored conversation (meeting APIs need one: docs/meetings.md). */
  async inConversation<T>(conversation: StoredConversation, work: (context: TurnContext) => Promise<T>): Promise<T> {
    let outcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
    // The adapter would hand a failure to its turn-error handler: carried out here instead, for the caller.
    await this.require().continueConversationAsync(this.botAppId, referenceOf(conversation), async (context) => {
      try {
        outcome = { ok: true, value: await work(context) };
      } catch (error) {
        outcome = { ok: false, error };
      }
    });
    if (!outcome) throw new Error('the conversation turn did not run');
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  private require(): CloudAdapter {
    if (!this.adapter) throw new Error('the proactive sender is not attached to the bot adapter yet');
    return this.adapter;
  }
}
