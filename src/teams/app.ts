/**
 * The Teams bot: the only place (with the other files of this folder) that knows botbuilder and
 * teams-ai, so a move to the Teams SDK v2 touches this folder alone.
 */
import {
  ActivityTypes,
  INVOKE_RESPONSE_KEY,
  type ConfigurationBotFrameworkAuthenticationOptions, type Request,
  type Response,
  type TurnContext
} from 'botbuilder';
import { Application, TeamsAdapter, type TurnState } from '@microsoft/teams-ai';
import type { BotCredentials } from '../config';
import { pollCard } from '../cards/poll-cards';
import type { Poll, PollTally } from '../domain/poll';
import { withLogContext } from '../log';
import { conversationTypeOf, referenceOf, storedConversationOf } from './activity';
import { cardMessage } from './cards';
import { sendInvokeError } from './invoke';
import { registerPollRoutes } from './poll-routes';
import { type TeamsDeps, registerFallbackRoutes } from './routes';
import { registerUnknownMessageRoute, registerWelcomeRoutes } from './welcome-routes';

export interface TeamsBot {
  /** Handles one POST to /api/messages: authenticates it, runs the turn, writes the response. */
  handle(req: Request, res: Response): Promise<void>;
  /** Replaces a posted poll card for everyone (used when the scheduler closes a poll). */
  updatePollMessage(poll: Poll, tally: PollTally): Promise<void>;
}

function authOptions(bot?: BotCredentials): ConfigurationBotFrameworkAuthenticationOptions {
  // No credentials (explicit local mode only): botbuilder skips token validation.
  if (!bot) return {} as ConfigurationBotFrameworkAuthenticationOptions;
  const options: Record<string, string> = {
    MicrosoftAppId: bot.appId,
    MicrosoftAppType: bot.appType,
    MicrosoftAppPassword: bot.password ?? '',
    MicrosoftAppTenantId: bot.tenantId ?? ''
  };
  if (bot.openIdMetadataUrl) options.ToBotFromChannelOpenIdMetadataUrl = bot.openIdMetadataUrl;
  if (bot.tokenIssuer) options.ToBotFromChannelTokenIssuer = bot.tokenIssuer;
  return options as unknown as ConfigurationBotFrameworkAuthenticationOptions;
}

export function createTeamsBot(deps: TeamsDeps & { bot?: BotCredentials }): TeamsBot {
  const { log } = deps;
  const adapter = new TeamsAdapter(authOptions(deps.bot));
  const botAppId = deps.bot?.appId ?? '';

  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    log.error({ err: error }, 'unhandled error in turn');
    if (context.activity.type === ActivityTypes.Invoke) {
      if (!context.turnState.get(INVOKE_RESPONSE_KEY)) {
        await sendInvokeError(context, 500, 'internal_error', 'Sorry, something went wrong. Please try again.').catch(() => undefined);
      }
      return;
    }
    await context.sendActivity('Sorry, something went wrong. Please try again.').catch((sendError: unknown) => {
      log.warn({ err: sendError }, 'could not tell the user about the error');
    });
  };

  const app = new Application<TurnState>({
    adapter,
    botAppId,
    removeRecipientMention: true,
    startTypingTimer: false,
    longRunningMessages: false
  });

  // Keep each person's 1:1 conversation reference fresh (the service URL can move); at most once
  // per person per process so a chatty user does not cost a write per message.
  const seen = new Set<string>();
  app.turn('beforeTurn', async (context) => {
    const activity = context.activity;
    if (activity.type === ActivityTypes.Message && conversationTypeOf(activity) === 'personal' && activity.from?.id) {
      const stored = storedConversationOf(activity, deps.clock.now());
      const key = `${stored.tenantId}|${stored.userAadObjectId ?? stored.userId}|${stored.serviceUrl}`;
      if (!seen.has(key)) {
        await deps.conversations.upsert(stored);
        if (seen.size > 10_000) seen.clear();
        seen.add(key);
      }
    }
    return true;
  });

  registerWelcomeRoutes(app, deps);
  registerPollRoutes(app, deps);
  registerFallbackRoutes(app);
  registerUnknownMessageRoute(app);

  return {
    handle(req, res) {
      const body = (req.body ?? {}) as { id?: string; conversation?: { id?: string } };
      return withLogContext({ activityId: body.id, conversationId: body.conversation?.id }, () =>
        adapter.process(req, res, async (context) => {
          await app.run(context);
        })
      );
    },

    async updatePollMessage(poll, tally) {
      if (!poll.activityId) return;
      const activityId = poll.activityId;
      await adapter.continueConversationAsync(botAppId, referenceOf(poll.conversation), async (context) => {
        await context.updateActivity(cardMessage(pollCard(poll, tally), activityId));
      });
    }
  };
}
