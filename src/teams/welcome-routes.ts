import { ActivityTypes, type TurnContext } from 'botbuilder';
import { helpCard } from '../cards/help-cards';
import { VERBS } from '../cards/verbs';
import { personKey } from '../domain/conversation';
import { actorOf, conversationTypeOf, storedConversationOf, tenantOf } from './activity';
import { cardMessage } from './cards';
import { sendCard } from './invoke';
import { type App, type TeamsDeps, invokeHandler } from './routes';

/**
 * Installation, welcome and help. The conversation reference is stored whenever VoiceLoop is added
 * (per person for personal chats, per chat or channel otherwise) so later features can message
 * people proactively; it is deleted when VoiceLoop is removed.
 */
export function registerWelcomeRoutes(app: App, deps: TeamsDeps): void {
  const { conversations, clock, log } = deps;

  const remember = async (context: TurnContext): Promise<void> => {
    await conversations.upsert(storedConversationOf(context.activity, clock.now()));
  };

  const welcome = async (context: TurnContext): Promise<void> => {
    await remember(context);
    const activity = context.activity;
    // Teams sends both installationUpdate and conversationUpdate on install: welcome once.
    if (await conversations.claimWelcome(tenantOf(activity), activity.conversation.id)) {
      await context.sendActivity(cardMessage(helpCard('welcome')));
    }
  };

  const forget = async (context: TurnContext): Promise<void> => {
    const activity = context.activity;
    const tenantId = tenantOf(activity);
    await conversations.removeConversation(tenantId, activity.conversation.id);
    if (conversationTypeOf(activity) === 'personal') await conversations.removePersonal(tenantId, personKey(actorOf(activity)));
    log.info('VoiceLoop removed from a conversation: its reference was deleted');
  };

  const botIsAmong = (context: TurnContext, members: { id: string }[] | undefined): boolean =>
    (members ?? []).some((m) => m.id === context.activity.recipient?.id);

  app.conversationUpdate('membersAdded', async (context) => {
    if (botIsAmong(context, context.activity.membersAdded)) await welcome(context);
  });

  app.conversationUpdate('membersRemoved', async (context) => {
    if (botIsAmong(context, context.activity.membersRemoved)) await forget(context);
  });

  app.activity(ActivityTypes.InstallationUpdate, async (context) => {
    const action = context.activity.action ?? '';
    if (action === 'add' || action === 'add-upgrade') await welcome(context);
    else if (action === 'remove' || action === 'remove-upgrade') await forget(context);
  });

  app.message(/^\s*(help|hi|hello|start|\?)\s*$/i, async (context) => {
    await context.sendActivity(cardMessage(helpCard('help')));
  });

  app.adaptiveCards.actionExecute(
    VERBS.showHelp,
    invokeHandler(log, async (context) => {
      await sendCard(context, helpCard('help'));
    })
  );
}

/** Registered after every command: anything else gets a short pointer to help. */
export function registerUnknownMessageRoute(app: App): void {
  app.activity(ActivityTypes.Message, async (context) => {
    await context.sendActivity('Sorry, I did not understand that. Type **help** to see what I can do.');
  });
}
