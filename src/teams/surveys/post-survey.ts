/** Making a survey from a form and posting its invitation: used by the survey routes and by the messaging extension's dialog. */
import type { TurnContext } from 'botbuilder';
import { surveyInviteCard } from '../../cards/surveys/survey-cards';
import { isDomainError } from '../../domain/shared/errors';
import type { Survey, SurveySettings } from '../../domain/surveys/survey';
import { actorOf, storedConversationOf } from '../shared/activity';
import { postCard } from '../shared/card-message';
import type { TeamsDeps } from '../shared/route-helpers';

/**
 * The draft survey of this form, made in the turn's conversation; a form sent again (double click, a
 * resent dialog) finds the draft made the first time.
 */
export async function createSurveyDraft(
  context: TurnContext,
  deps: Pick<TeamsDeps, 'surveys' | 'clock'>,
  input: { formId: string; settings: SurveySettings; templateId?: string; timeZone: string }
): Promise<Survey> {
  const activity = context.activity;
  const actor = actorOf(activity);
  try {
    return await deps.surveys.createDraft({
      surveyId: input.formId,
      actor,
      settings: input.settings,
      templateId: input.templateId,
      conversation: storedConversationOf(activity, deps.clock.now()),
      timeZone: input.timeZone
    });
  } catch (error) {
    if (!isDomainError(error) || error.code !== 'conflict') throw error;
    return deps.surveys.getOwned(actor.tenantId, input.formId, actor);
  }
}

/** Posts a published survey's invitation in the turn's conversation and remembers the message (to update it on close). */
export async function postInvite(context: TurnContext, deps: Pick<TeamsDeps, 'surveys'>, survey: Survey): Promise<Survey> {
  const activityId = await postCard(context, surveyInviteCard(survey));
  return activityId ? deps.surveys.attachInvite(survey, activityId) : survey;
}
