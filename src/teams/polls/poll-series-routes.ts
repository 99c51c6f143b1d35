/**
 * Recurring polls (docs/recurrence.md): `poll repeat` (how it stands), `poll repeat pause|resume|stop`,
 * `poll repeat weekly friday 16:00` / `monthly 1 10:00` (a new schedule from the next round on), and `poll trend`
 * (a line per option across rounds). They act on the author's newest recurring poll.
 */
import type { TurnContext } from 'botbuilder';
import { pollTrendCard } from '../../cards/polls/poll-trend-cards';
import { noticeCard } from '../../cards/shared/notice-card';
import type { PollSeriesService } from '../../domain/polls/poll-series';
import { parseRecurrence } from '../../domain/recurrence/series';
import { isDomainError } from '../../domain/shared/errors';
import { actorOf, tenantOf } from '../shared/activity';
import { cardMessage } from '../shared/card-message';
import type { App, TeamsDeps } from '../shared/route-helpers';

const REPEAT = /^\s*poll\s+repeat(?:\s+(.*?))?\s*$/i;
const TREND = /^\s*poll\s+trend\s*$/i;

export function registerPollSeriesRoutes(app: App, deps: TeamsDeps & { pollSeries: PollSeriesService }): void {
  const { pollSeries, log } = deps;

  const refused = async (context: TurnContext, error: unknown): Promise<void> => {
    if (!isDomainError(error)) throw error;
    log.info({ code: error.code }, 'poll repeat refused');
    await context.sendActivity(cardMessage(noticeCard('Not done', error.message, 'attention')));
  };

  app.message(REPEAT, async (context) => {
    const command = (REPEAT.exec(context.activity.text ?? '')?.[1] ?? '').trim().toLowerCase();
    const tenantId = tenantOf(context.activity);
    const actor = actorOf(context.activity);
    try {
      if (command === '') {
        const current = await pollSeries.current(tenantId, actor);
        const text = current ? pollSeries.describe(current) : 'None of your polls repeats. On the "poll" form, choose "Repeat" with a "Post on" time.';
        await context.sendActivity(cardMessage(noticeCard('🔁 Recurring poll', text)));
        return;
      }
      const changed =
        command === 'pause' || command === 'resume' || command === 'stop'
          ? await pollSeries[command](tenantId, actor)
          : await pollSeries.change(tenantId, actor, parseRecurrence(command));
      const said = command === 'stop' ? ' No more rounds; the rounds so far keep their votes, and "poll trend" still shows them.' : '';
      await context.sendActivity(cardMessage(noticeCard('🔁 Recurring poll', `${pollSeries.describe(changed)}${said}`, 'good')));
    } catch (error) {
      await refused(context, error);
    }
  });

  app.message(TREND, async (context) => {
    try {
      const series = await pollSeries.latest(tenantOf(context.activity), actorOf(context.activity));
      await context.sendActivity(cardMessage(pollTrendCard(series, await pollSeries.trend(series), pollSeries.describe(series))));
    } catch (error) {
      await refused(context, error);
    }
  });
}
