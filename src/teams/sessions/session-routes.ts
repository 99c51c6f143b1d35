import { randomUUID } from 'node:crypto';
import { type TurnContext, TeamsInfo } from 'botbuilder';
import type { AdaptiveCardJson } from '../../cards/shared/render';
import { chooseSurveyCard, easyNoticeCard, questionCard } from '../../cards/surveys/survey-cards';
import { sessionEndCard, sessionNeedsCard, sessionWelcomeCard } from '../../cards/sessions/session-cards';
import { VERBS } from '../../cards/shared/verbs';
import { personKey } from '../../domain/shared/conversation';
import { isDomainError } from '../../domain/shared/errors';
import type { SessionState } from '../../domain/sessions/session-service';
import type { Session } from '../../domain/sessions/ports';
import { actorOf, conversationTypeOf, meetingIdOf, storedConversationOf, tenantOf } from '../shared/activity';
import { cardMessage, postCard, replaceCard } from '../shared/card-message';
import { sendCard } from '../shared/invoke';
import { type App, type InvokeData, type TeamsDeps, invokeHandler, requireString } from '../shared/route-helpers';
import { sessionCardFor } from './session-view';

const MAX_MEMBERS_READ = 500;

/** The chat's members (for the size rule and the facilitator's list of needs); empty if Teams will not say. */
async function membersOf(context: TurnContext): Promise<{ personKey: string; name?: string }[]> {
  const out: { personKey: string; name?: string }[] = [];
  try {
    let token: string | undefined;
    do {
      const page = await TeamsInfo.getPagedMembers(context, 100, token);
      for (const m of page.members ?? []) if (m.id) out.push({ personKey: m.aadObjectId || m.id, name: m.name || undefined });
      token = page.continuationToken || undefined;
    } while (token && out.length < MAX_MEMBERS_READ);
  } catch {
    return out;
  }
  return out;
}

/** The shared card everyone sees in the chat (before their own view refreshes). */
export function sharedCard(state: SessionState): AdaptiveCardJson {
  const { session, survey } = state;
  if (session.status === 'ended') return sessionEndCard(survey);
  if (session.current < 0) return sessionWelcomeCard(session, survey, { isFacilitator: false }, [session.facilitatorUserId]);
  const question = survey.questions[session.current]!;
  return questionCard(
    { survey, question, index: session.current, style: { easyRead: true, twoPoint: false, extraTime: false }, isOwner: false },
    { mode: 'session', session: { session, isFacilitator: false, refreshUserIds: [session.facilitatorUserId] } }
  );
}

/** Meetings (docs/meetings.md): told when the chat moves the session on, to prompt the meeting. */
export interface SessionMeetingHooks {
  sessionMoved?: (state: SessionState) => Promise<void>;
}

/**
 * Virtual sessions in a meeting chat or group chat: start (welcome and consent), next, end; each
 * participant answers on the shared card and sees their own answer (Universal Actions refresh).
 */
export function registerSessionRoutes(app: App, deps: TeamsDeps & SessionMeetingHooks & { onSessionEnded?: (state: SessionState) => Promise<unknown> }): void {
  const { sessions, surveys, clock, log } = deps;

  const updateShared = async (context: TurnContext, state: SessionState): Promise<void> => {
    if (state.session.activityId) await replaceCard(context, state.session.activityId, sharedCard(state), log, 'could not update the session card');
  };

  app.message(/^\s*session\s+start\s*$/i, async (context) => {
    if (conversationTypeOf(context.activity) === 'personal') {
      await context.sendActivity(cardMessage(easyNoticeCard('Sessions run in a chat', 'Start a session in a meeting chat or group chat.', false)));
      return;
    }
    const mine = await surveys.mineIn(tenantOf(context.activity), actorOf(context.activity), ['open']);
    await context.sendActivity(
      cardMessage(
        chooseSurveyCard({
          title: 'Start a session',
          intro: mine.length === 0 ? 'Publish a survey first (type "survey new").' : 'Choose the survey to run with the people in this chat.',
          button: 'Start session',
          verb: VERBS.sessionBegin,
          formId: randomUUID(),
          surveys: mine
        })
      )
    );
  });

  app.adaptiveCards.actionExecute(
    VERBS.sessionBegin,
    invokeHandler(log, async (context, data) => {
      const activity = context.activity;
      const actor = actorOf(activity);
      const members = await membersOf(context);
      let state: SessionState;
      try {
        state = await sessions.start({
          sessionId: requireString(data, 'formId'),
          actor,
          surveyId: data.surveyId,
          conversation: storedConversationOf(activity, clock.now()),
          memberCount: members.length,
          members,
          meetingId: meetingIdOf(activity)
        });
      } catch (error) {
        // Refused (e.g. by the approval gate: its plan is not approved yet): said on the card, with what to do.
        if (!isDomainError(error) || !['forbidden', 'invalid_input'].includes(error.code)) throw error;
        await sendCard(context, easyNoticeCard('🗂️ Not started', error.message, false));
        return;
      }
      let session: Session = state.session;
      const activityId = await postCard(context, sharedCard(state));
      if (activityId) session = await sessions.attachMessage(session, activityId);
      // Before the session: what people asked for that a card cannot do (BSL, AAC, extra time…).
      const needs = await sessions.needsOf(actor.tenantId, members.filter((m) => m.personKey !== personKey(actor)));
      await sendCard(context, sessionNeedsCard(needs));
      log.info({ sessionId: session.sessionId, members: members.length }, 'session started');
    })
  );

  app.adaptiveCards.actionExecute(
    VERBS.sessionReady,
    invokeHandler(log, async (context, data) => {
      await sendCard(context, await sessionCardFor(deps, context, requireString(data, 'sessionId'), undefined, undefined, true));
    })
  );

  app.adaptiveCards.actionExecute(
    VERBS.sessionRefresh,
    invokeHandler(log, async (context, data) => {
      await sendCard(context, await sessionCardFor(deps, context, requireString(data, 'sessionId')));
    })
  );

  const next = async (context: TurnContext): Promise<SessionState> => {
    const state = await sessions.next(tenantOf(context.activity), context.activity.conversation.id, actorOf(context.activity));
    if (state.moved) await updateShared(context, state);
    if (state.moved) await deps.sessionMoved?.(state);
    return state;
  };
  const end = async (context: TurnContext): Promise<SessionState> => {
    const state = await sessions.end(tenantOf(context.activity), context.activity.conversation.id, actorOf(context.activity));
    await updateShared(context, state);
    await surveys.settleAttendance(state.survey.tenantId, state.survey.surveyId);
    // A recurring survey "after each session" opens its next round, ready for the next session.
    await deps.onSessionEnded?.(state);
    await deps.sessionMoved?.(state);
    return state;
  };

  const typed = (action: (context: TurnContext) => Promise<unknown>) => async (context: TurnContext) => {
    try {
      await action(context);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      await context.sendActivity(cardMessage(easyNoticeCard('⚠️ Sorry', error.message, false)));
    }
  };
  app.message(/^\s*next\s*$/i, typed(next));
  app.message(/^\s*session\s+end\s*$/i, typed(end));

  app.adaptiveCards.actionExecute(
    VERBS.sessionNext,
    invokeHandler(log, async (context, data: InvokeData) => {
      const state = await next(context);
      await sendCard(context, await sessionCardFor(deps, context, String(data.sessionId ?? state.session.sessionId), state.survey));
    })
  );

  app.adaptiveCards.actionExecute(
    VERBS.sessionEnd,
    invokeHandler(log, async (context) => {
      const state = await end(context);
      await sendCard(context, sessionEndCard(state.survey));
    })
  );

  // Above 60 members Teams does not refresh everyone's card: "Start" opens the survey 1:1 instead.
  app.adaptiveCards.actionExecute(
    VERBS.sessionOpen,
    invokeHandler(log, async (context, data) => {
      const tenantId = tenantOf(context.activity);
      const actor = actorOf(context.activity);
      const { session, survey } = await sessions.get(tenantId, data.sessionId);
      const index = Math.max(0, session.current);
      const view = await surveys.questionView(tenantId, survey.surveyId, actor, index, survey);
      const card = questionCard(view, { mode: 'answer' });
      const delivery = await deps.proactive.sendToPerson(tenantId, personKey(actor), card);
      if (delivery.delivered) {
        await sendCard(context, easyNoticeCard('📨 Sent', 'The survey is in your private chat with VoiceLoop.'));
        return;
      }
      // No 1:1 chat with VoiceLoop yet: answer right here instead.
      await sendCard(context, card);
    })
  );
}
