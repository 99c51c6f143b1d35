import { ActivityTypes, type TurnContext } from 'botbuilder';
import { easyHelpCard, helpCard } from '../../cards/help/help-cards';
import type { AdaptiveCardJson } from '../../cards/shared/render';
import { VERBS } from '../../cards/shared/verbs';
import { personKey } from '../../domain/shared/conversation';
import { isDomainError } from '../../domain/shared/errors';
import { type HelpStyle, asksForEasyRead, helpStyleFor } from '../../domain/preferences/preferences';
import { actorOf, conversationTypeOf, storedConversationOf, tenantOf } from '../shared/activity';
import { cardMessage } from '../shared/card-message';
import { sendCard } from '../shared/invoke';
import { type App, type TeamsDeps, invokeHandler } from '../shared/route-helpers';

/** "help", "help easy", "help staff" and the greetings that mean help. */
const HELP = /^\s*(?:help(?:\s+(easy|staff))?|hi|hello|start|\?)\s*$/i;

const askedStyle = (word: unknown): HelpStyle | undefined =>
  typeof word !== 'string' ? undefined : word.toLowerCase() === 'easy' ? 'easyRead' : word.toLowerCase() === 'staff' ? 'staff' : undefined;

/**
 * Installation, welcome and help. The conversation reference is stored whenever VoiceLoop is added
 * (per person for personal chats, per chat or channel otherwise) so later features can message
 * people proactively; it is deleted when VoiceLoop is removed.
 */
export function registerHelpRoutes(app: App, deps: TeamsDeps): void {
  const { conversations, clock, log, preferenceService, sessions } = deps;

  /** A participant (not the facilitator) of a live session of a young people's or easy-read survey here. */
  const inYoungPeopleSession = async (context: TurnContext): Promise<boolean> => {
    if (conversationTypeOf(context.activity) === 'personal') return false;
    try {
      const { session, survey } = await sessions.activeIn(tenantOf(context.activity), context.activity.conversation.id);
      return (survey.cohort === 'youngPeople' || survey.easyRead) && !sessions.isFacilitator(session, actorOf(context.activity));
    } catch (error) {
      if (isDomainError(error) && error.code === 'not_found') return false; // no live session here
      throw error;
    }
  };

  /** The help card the person named, else the one helpStyleFor chooses for them. */
  const helpFor = async (context: TurnContext, asked: HelpStyle | undefined): Promise<AdaptiveCardJson> => {
    const cardOf = (style: HelpStyle): AdaptiveCardJson => (style === 'easyRead' ? easyHelpCard() : helpCard('help'));
    if (asked) return cardOf(asked);
    const needs = (await preferenceService.get(tenantOf(context.activity), personKey(actorOf(context.activity))))?.needs ?? [];
    // The session is read only when the preferences have not already decided.
    return cardOf(helpStyleFor({ needs, inYoungPeopleSession: !asksForEasyRead(needs) && (await inYoungPeopleSession(context)) }));
  };

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

  app.message(HELP, async (context) => {
    await context.sendActivity(cardMessage(await helpFor(context, askedStyle(HELP.exec(context.activity.text ?? '')?.[1]))));
  });

  app.adaptiveCards.actionExecute(
    VERBS.showHelp,
    invokeHandler(log, async (context, data) => {
      await sendCard(context, await helpFor(context, askedStyle(data.style)));
    })
  );
}

/** Registered after every command: anything else gets a short pointer to help. */
export function registerUnknownMessageRoute(app: App): void {
  app.activity(ActivityTypes.Message, async (context) => {
    await context.sendActivity('Sorry, I did not understand that. Type **help** to see what I can do.');
  });
}
