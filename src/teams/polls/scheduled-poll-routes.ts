/**
 * Polls posted later (docs/recurrence.md): the scheduled poll's card, opened from `scheduled`, changes its
 * time or cancels it until it is posted. Only its author may; the time is a wall time in the poll's time zone.
 */
import { scheduledPollCard } from '../../cards/polls/scheduled-poll-cards';
import { VERBS } from '../../cards/shared/verbs';
import { type ScheduledPollService, parsePostAt } from '../../domain/polls/scheduled-poll';
import { DomainError } from '../../domain/shared/errors';
import { actorOf, tenantOf } from '../shared/activity';
import { sendCard } from '../shared/invoke';
import { type App, type TeamsDeps, invokeHandler, requireString } from '../shared/route-helpers';

export function registerScheduledPollRoutes(app: App, deps: TeamsDeps & { scheduledPolls: ScheduledPollService }): void {
  const { scheduledPolls, clock, log } = deps;

  app.adaptiveCards.actionExecute(
    VERBS.pollScheduledShow,
    invokeHandler(log, async (context, data) => {
      const view = await scheduledPolls.show(tenantOf(context.activity), actorOf(context.activity), requireString(data, 'pollId'));
      await sendCard(context, scheduledPollCard(view));
    })
  );

  app.adaptiveCards.actionExecute(
    VERBS.pollScheduledChange,
    invokeHandler(log, async (context, data) => {
      const tenantId = tenantOf(context.activity);
      const actor = actorOf(context.activity);
      const current = await scheduledPolls.show(tenantId, actor, requireString(data, 'pollId'));
      const at = parsePostAt(requireString(data, 'date'), requireString(data, 'time'), clock.now(), current.item.timeZone);
      if (!at) throw new DomainError('invalid_input', 'Choose the new day and time.');
      await sendCard(context, scheduledPollCard(await scheduledPolls.change(tenantId, actor, current.item.pollId, at), 'Time changed.'));
    })
  );

  app.adaptiveCards.actionExecute(
    VERBS.pollScheduledCancel,
    invokeHandler(log, async (context, data) => {
      const view = await scheduledPolls.cancel(tenantOf(context.activity), actorOf(context.activity), requireString(data, 'pollId'));
      await sendCard(context, scheduledPollCard(view, 'Cancelled: the poll will not be posted.'));
    })
  );
}
