import type { TurnContext } from 'botbuilder';
import type { AdaptiveCardJson } from '../../cards/shared/render';
import { questionCard } from '../../cards/surveys/survey-cards';
import { sessionEndCard, sessionWelcomeCard } from '../../cards/sessions/session-cards';
import type { SessionState } from '../../domain/sessions/session-service';
import type { Survey } from '../../domain/surveys/survey';
import { actorOf, tenantOf } from '../shared/activity';
import type { TeamsDeps } from '../shared/route-helpers';

/** One person's view of the session's current card: welcome, a question (with their answer), or the end. */
export async function sessionCardFor(
  deps: Pick<TeamsDeps, 'sessions' | 'surveys'>,
  context: TurnContext,
  sessionId: string | SessionState,
  known?: Survey,
  notice?: string,
  ready = false
): Promise<AdaptiveCardJson> {
  const tenantId = tenantOf(context.activity);
  const actor = actorOf(context.activity);
  const state = typeof sessionId === 'string' ? await deps.sessions.get(tenantId, sessionId) : sessionId;
  const survey = known && known.surveyId === state.survey.surveyId && known.version >= state.survey.version ? known : state.survey;
  const { session } = state;
  const isFacilitator = deps.sessions.isFacilitator(session, actor);
  if (session.status === 'ended') return sessionEndCard(survey);
  if (session.current < 0) return sessionWelcomeCard(session, survey, { isFacilitator, ready }, [session.facilitatorUserId]);
  const view = await deps.surveys.questionView(tenantId, survey.surveyId, actor, session.current, survey);
  const counts = isFacilitator ? deps.sessions.countsOf(survey, await deps.surveys.tally(survey)) : undefined;
  return questionCard(view, { mode: 'session', notice, session: { session, isFacilitator, counts, refreshUserIds: [session.facilitatorUserId] } });
}
