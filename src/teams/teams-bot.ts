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
import { AuthenticationError, type BotFrameworkAuthentication } from 'botframework-connector';
import type { BotCredentials } from '../config';
import { pollCard } from '../cards/polls/poll-cards';
import type { Poll, PollTally } from '../domain/polls/poll';
import { withLogContext } from '../log';
import { conversationTypeOf, referenceOf, storedConversationOf } from './shared/activity';
import { cardMessage } from './shared/card-message';
import { sendInvokeError } from './shared/invoke';
import { reuseConnectorClients } from './shared/client-reuse';
import { type DeliverySettingsRouteDeps, registerDeliverySettingsRoutes } from './delivery/delivery-settings-routes';
import { type DigestRouteDeps, registerDigestRoutes } from './digests/digest-routes';
import { type FindingsRouteDeps, registerFindingsRoutes } from './findings/findings-routes';
import { type LoopRouteDeps, registerLoopRoutes } from './loop/loop-routes';
import { registerPlanRoutes } from './plans/plan-routes';
import { type ReportRouteDeps, registerReportRoutes } from './reports/report-routes';
import { registerEngagementGateRoutes } from './plans/engagement-gate-routes';
import { registerLadderRoutes } from './plans/ladder-routes';
import { registerGuestGuard } from './shared/guests';
import { registerPollRoutes } from './polls/poll-routes';
import { registerPreferenceRoutes } from './preferences/preferences-routes';
import { freeTextScreener } from './safeguarding/free-text-screener';
import { type SafeguardingRouteDeps, registerSafeguardingRoutes } from './safeguarding/safeguarding-routes';
import { type SessionMeetingHooks, registerSessionRoutes } from './sessions/session-routes';
import { registerSurveyRoutes } from './surveys/survey-routes';
import { type SurveySendRouteDeps, registerSurveySendRoutes } from './surveys/survey-send-routes';
import { type MessageExtensionDeps, registerMessageExtensionRoutes } from './message-extension/message-extension-routes';
import { type PrivacyRouteDeps, registerPrivacyRoutes } from './privacy/privacy-routes';
import { registerFallbackRoutes } from './shared/route-helpers';
import { activityShapeProblem } from './shared/activity-shape';
import { type RecurrenceRouteDeps, registerRecurrenceRoutes } from './recurrence/recurrence-routes';
import { type SurveyWaitingRouteDeps, registerSurveyWaitingRoutes } from './surveys/survey-waiting-routes';
import { type ScheduledRouteDeps, registerScheduledRoutes } from './recurrence/scheduled-routes';
import { registerHelpRoutes, registerUnknownMessageRoute } from './help/help-routes';
import { type GroupRouteDeps, registerGroupRoutes } from './groups/group-routes';
import { type PresenceRouteDeps, registerPresenceRoutes } from './sessions/presence-routes';
import { type SupportRouteDeps, registerSupportRoutes } from './sessions/support-routes';
import { type PhotoRouteDeps, registerPhotoRoutes } from './findings/photo-routes';

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
  if (bot.openIdMetadataUrl || bot.tokenIssuer) {
    // Setting any of these makes botbuilder treat every endpoint as given: keep the public cloud's.
    options.ToBotFromChannelOpenIdMetadataUrl = bot.openIdMetadataUrl ?? 'https://login.botframework.com/v1/.well-known/openidconfiguration';
    options.ToBotFromChannelTokenIssuer = bot.tokenIssuer ?? 'https://api.botframework.com';
    options.ToChannelFromBotLoginUrl = `https://login.microsoftonline.com/${bot.tenantId ?? 'botframework.com'}`;
    options.ToChannelFromBotOAuthScope = 'https://api.botframework.com';
    options.ToBotFromEmulatorOpenIdMetadataUrl = 'https://login.microsoftonline.com/botframework.com/v2.0/.well-known/openid-configuration';
  }
  return options as unknown as ConfigurationBotFrameworkAuthenticationOptions;
}

/**
 * botbuilder answers 401 only for its own AuthenticationError; a token with a forged signature makes
 * the JWT library throw a plain error, which would surface as 500. Every failure to authenticate is
 * a 401: nothing about the request is processed either way.
 */
function everyAuthFailureIs401(adapter: TeamsAdapter): void {
  const auth = (adapter as unknown as { botFrameworkAuthentication: BotFrameworkAuthentication }).botFrameworkAuthentication;
  const authenticate = auth.authenticateRequest.bind(auth);
  auth.authenticateRequest = async (activity, authHeader) => {
    try {
      return await authenticate(activity, authHeader);
    } catch (error) {
      if (error instanceof AuthenticationError) throw error;
      throw new AuthenticationError(`Unauthorized: ${error instanceof Error ? error.message : 'invalid token'}`, 401);
    }
  };
}

export function createTeamsBot(
  deps: MessageExtensionDeps &
    Partial<SurveySendRouteDeps> &
    Partial<SafeguardingRouteDeps> &
    Partial<DeliverySettingsRouteDeps> &
    Partial<FindingsRouteDeps> &
    Partial<LoopRouteDeps> &
    Partial<DigestRouteDeps> &
    Partial<ReportRouteDeps> &
    Partial<PrivacyRouteDeps> &
    Partial<GroupRouteDeps> &
    Partial<PresenceRouteDeps> & Partial<Pick<SupportRouteDeps, 'support'>> & Partial<Pick<PhotoRouteDeps, 'photos'>> &
    Partial<RecurrenceRouteDeps> &
    Partial<SurveyWaitingRouteDeps> &
    Partial<ScheduledRouteDeps> &
    SessionMeetingHooks & { bot?: BotCredentials }
): TeamsBot {
  const { log } = deps;
  const adapter = new TeamsAdapter(authOptions(deps.bot));
  everyAuthFailureIs401(adapter);
  reuseConnectorClients(adapter);
  const botAppId = deps.bot?.appId ?? '';
  deps.proactive.attach(adapter, botAppId);

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

  // Guests from outside the council never reach admin, safeguarding, raw-answer or management routes (docs/approvals.md).
  registerGuestGuard(app, deps);
  registerHelpRoutes(app, deps);
  registerPollRoutes(app, deps);
  registerPlanRoutes(app, deps);
  registerEngagementGateRoutes(app, deps);
  registerLadderRoutes(app, deps);
  // 1:1 delivery and safeguarding (docs/delivery.md): `survey send`, `safeguarding lead`, `delivery settings`, free-text screening.
  const { delivery, safeguarding, deliverySettings, privacy } = deps;
  if (delivery && safeguarding) {
    registerSurveySendRoutes(app, { ...deps, delivery });
    registerSafeguardingRoutes(app, { ...deps, safeguarding, isAdmin: privacy ? (actor) => privacy.isAdmin(actor) : undefined });
    if (deliverySettings) registerDeliverySettingsRoutes(app, { ...deps, deliverySettings });
  }
  // The audit, the board report and their files (docs/audit-and-report.md); before surveys, whose file consent route takes any other.
  const { reports, participation } = deps;
  if (reports && participation) registerReportRoutes(app, { ...deps, reports, participation });
  registerSurveyRoutes(app, {
    ...deps,
    screenFreeText: safeguarding ? freeTextScreener(safeguarding, deps.surveys, deps.proactive, deps.log) : undefined,
    answersNote: privacy ? (survey) => privacy.note(survey) : undefined
  });
  // Recurring surveys (docs/recurrence.md): `survey repeat …`, `survey trend`; a session's end opens an "after each session" round.
  const { series } = deps;
  if (series) registerRecurrenceRoutes(app, { ...deps, series });
  // Who has not answered a survey sent 1:1, and "Nudge the rest" (docs/recurrence.md).
  const { waiting } = deps;
  if (waiting) registerSurveyWaitingRoutes(app, { ...deps, waiting });
  // `survey send at …`, `scheduled` (docs/recurrence.md).
  const { scheduledSends } = deps;
  if (scheduledSends) registerScheduledRoutes(app, { ...deps, scheduledSends });
  registerSessionRoutes(app, { ...deps, onSessionEnded: series ? (state) => series.sessionEnded(state.survey.tenantId, state.survey.surveyId, state.session.facilitatorKey) : undefined });
  registerPreferenceRoutes(app, deps);
  registerMessageExtensionRoutes(app, deps);
  // Closing the loop (docs/findings.md): `findings`, `findings publish`.
  const { findings } = deps;
  if (findings) registerFindingsRoutes(app, { ...deps, findings });
  // The loop both ways and Tell us (docs/two-way-loop.md).
  const { loop } = deps;
  if (loop) registerLoopRoutes(app, { ...deps, loop });
  // Photos as "You said" sources (docs/findings.md): `findings photo <caption>` with a photo, `findings photos`.
  const { photos } = deps;
  if (photos) registerPhotoRoutes(app, { ...deps, photos });
  const { digests } = deps;
  if (digests) registerDigestRoutes(app, { ...deps, digests });
  // Retention and erasure (docs/privacy.md): `privacy retention`, `privacy erase`.
  if (privacy) registerPrivacyRoutes(app, { ...deps, privacy });
  // Groups young people choose to join, recognition and reviews (docs/groups.md): `groups`, `group …`, `my voice`, `certificate`.
  const { groups, recognition, reviews } = deps;
  if (groups && recognition && reviews) registerGroupRoutes(app, { ...deps, groups, recognition, reviews });
  // Who was there in a session (docs/groups.md): `session present @name …`.
  const { presence } = deps;
  if (presence) registerPresenceRoutes(app, { ...deps, presence });
  // Supported answers and others present without Teams (docs/groups.md): `session support`, `session others N`.
  const { support } = deps;
  if (support) registerSupportRoutes(app, { ...deps, support });
  registerFallbackRoutes(app);
  registerUnknownMessageRoute(app);

  return {
    async handle(req, res) {
      const body = (req.body ?? {}) as { id?: string; conversation?: { id?: string } };
      // Without a token there is nothing to look at: refuse before reading the body.
      if (deps.bot && !req.headers.authorization) {
        res.status(401);
        res.send({ error: 'Unauthorized' });
        res.end();
        return;
      }
      // One schema for the fields VoiceLoop relies on (teams/shared/activity-shape.ts): a malformed activity never reaches the turn.
      const problem = activityShapeProblem(req.body);
      if (problem) {
        log.warn({ problem }, 'malformed activity refused');
        res.status(400);
        res.send({ error: `Not a valid activity: ${problem}.` });
        res.end();
        return;
      }
      await withLogContext({ activityId: body.id, conversationId: body.conversation?.id }, () =>
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
