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
 * resent dialog) finds the draft made the first time, with the plan chosen this time.
 */
export async function createSurveyDraft(
  context: TurnContext,
  deps: Pick<TeamsDeps, 'surveys' | 'clock'>,
  input: { formId: string; settings: SurveySettings; templateId?: string; timeZone: string; planId?: string }
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
      timeZone: input.timeZone,
      planId: input.planId
    });
  } catch (error) {
    if (!isDomainError(error) || error.code !== 'conflict') throw error;
    const existing = await deps.surveys.getOwned(actor.tenantId, input.formId, actor);
    // Sent again with another plan (after the first was refused): the draft takes it.
    if (input.planId && existing.status === 'draft' && existing.planId !== input.planId.toLowerCase()) {
      return deps.surveys.choosePlan(actor.tenantId, existing.surveyId, actor, existing.version, input.planId);
    }
    return existing;
  }
}

/** Posts a published survey's invitation in the turn's conversation and remembers the message (to update it on close). */
export async function postInvite(context: TurnContext, deps: Pick<TeamsDeps, 'surveys'>, survey: Survey): Promise<Survey> {
  const activityId = await postCard(context, surveyInviteCard(survey));
  return activityId ? deps.surveys.attachInvite(survey, activityId) : survey;
}
