/**
 * Who has not answered (docs/recurrence.md): `survey waiting` (your newest open survey), its Refresh, and
 * "Nudge the rest". The card is the author's own: named staff surveys list names, pseudonymous ones a count,
 * every other survey the response rate only.
 */
import { noticeCard } from '../../cards/shared/notice-card';
import { VERBS } from '../../cards/shared/verbs';
import { surveyWaitingCard } from '../../cards/surveys/survey-waiting-card';
import { isDomainError } from '../../domain/shared/errors';
import type { SurveyWaiting } from '../../domain/surveys/survey-waiting';
import { actorOf, tenantOf } from '../shared/activity';
import { cardMessage } from '../shared/card-message';
import { sendCard } from '../shared/invoke';
import { type App, type TeamsDeps, invokeHandler, requireString } from '../shared/route-helpers';

export interface SurveyWaitingRouteDeps {
  waiting: SurveyWaiting;
}

export function registerSurveyWaitingRoutes(app: App, deps: TeamsDeps & SurveyWaitingRouteDeps): void {
  const { waiting, log } = deps;

  app.message(/^\s*survey\s+waiting\s*$/i, async (context) => {
    try {
      const view = await waiting.view(tenantOf(context.activity), actorOf(context.activity));
      await context.sendActivity(cardMessage(surveyWaitingCard(view)));
    } catch (error) {
      if (!isDomainError(error)) throw error;
      await context.sendActivity(cardMessage(noticeCard('Nothing to show', error.message, 'attention')));
    }
  });

  app.adaptiveCards.actionExecute(
    VERBS.surveyWaiting,
    invokeHandler(log, async (context, data) => {
      await sendCard(context, surveyWaitingCard(await waiting.view(tenantOf(context.activity), actorOf(context.activity), requireString(data, 'surveyId'))));
    })
  );

  app.adaptiveCards.actionExecute(
    VERBS.surveyNudge,
    invokeHandler(log, async (context, data) => {
      const { view, queued } = await waiting.nudge(tenantOf(context.activity), actorOf(context.activity), requireString(data, 'surveyId'));
      const text =
        queued > 0
          ? `Nudged ${queued} ${queued === 1 ? 'person' : 'people'}: one reminder each, in their allowed hours.`
          : 'Everyone who has not answered has had their one nudge already: nobody is nudged twice.';
      log.info({ queued }, 'survey nudge');
      await sendCard(context, surveyWaitingCard(view, { text, good: queued > 0 }));
    })
  );
}
