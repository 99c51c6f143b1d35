/**
 * The free-text safeguarding screener (docs/delivery.md, "Safeguarding"): after a young person's typed
 * answer is stored, screens it, alerts the lead and sends the easy-read reply, only ever to them.
 */
import type { TurnContext } from 'botbuilder';
import { personKey } from '../../domain/shared/conversation';
import { type SafeguardingService, surveyAnswerToScreen } from '../../domain/safeguarding/safeguarding-service';
import type { AnswerValue, Question, Survey } from '../../domain/surveys/survey';
import type { SurveyService } from '../../domain/surveys/survey-service';
import { actorOf, conversationTypeOf } from '../shared/activity';
import { cardMessage } from '../shared/card-message';
import type { TeamsProactiveSender } from '../shared/proactive';
import type { Logger } from '../../log';

/** Called by the survey routes after an answer is stored: screens free text, replies and alerts. */
export type FreeTextScreener = (context: TurnContext, survey: Survey, question: Question, answer: AnswerValue, inSession: boolean) => Promise<void>;

export function freeTextScreener(safeguarding: SafeguardingService, surveys: SurveyService, proactive: TeamsProactiveSender, log: Logger): FreeTextScreener {
  return async (context, survey, question, answer, inSession) => {
    if (answer.kind !== 'text') return;
    const actor = actorOf(context.activity);
    const result = await safeguarding.screenAnswer(surveyAnswerToScreen(survey, question, answer.text, actor, surveys.respondentKey(survey, actor)));
    if (!result.reply) return;
    // Only ever to the young person: in a session (a group chat) the reply goes 1:1, never to the group.
    // The answer is stored and the lead alerted by now: a failed reply is logged, never shown as a problem
    // with the answer (nor, in a session, on the group's card).
    try {
      if (!inSession && conversationTypeOf(context.activity) === 'personal') await context.sendActivity(cardMessage(result.reply));
      else await proactive.sendToPerson(survey.tenantId, personKey(actor), result.reply);
    } catch (error) {
      log.error({ tenantId: survey.tenantId, surveyId: survey.surveyId, err: String(error) }, 'safeguarding: the easy-read reply could not be sent');
    }
  };
}
