/**
 * Recurring surveys (docs/recurrence.md): `survey repeat weekly tuesday 16:00 [group <name>]`,
 * `survey repeat monthly 1 10:00`, `survey repeat after each session`, `survey repeat` (how it stands),
 * `survey repeat pause|resume|stop`, and `survey trend` (a line chart per question across rounds).
 */
import type { TurnContext } from 'botbuilder';
import { seriesTrendCard } from '../../cards/recurrence/series-cards';
import { noticeCard } from '../../cards/shared/notice-card';
import type { SeriesService } from '../../domain/recurrence/series-service';
import { parseRecurrence } from '../../domain/recurrence/series';
import { targetOf } from '../surveys/survey-send-routes';
import { personKey } from '../../domain/shared/conversation';
import { isDomainError } from '../../domain/shared/errors';
import { actorOf, conversationTypeOf, storedConversationOf, teamIdOf, tenantOf } from '../shared/activity';
import { cardMessage } from '../shared/card-message';
import type { App, TeamsDeps } from '../shared/route-helpers';

export interface RecurrenceRouteDeps {
  series: SeriesService;
}

const REPEAT = /^\s*survey\s+repeat(?:\s+(.*?))?\s*$/i;
const GROUP = /\s+group\s+(\S+)\s*$/i;
const TREND = /^\s*survey\s+trend\s*$/i;

export function registerRecurrenceRoutes(app: App, deps: TeamsDeps & RecurrenceRouteDeps): void {
  const { series, conversations, log } = deps;

  const refused = async (context: TurnContext, error: unknown): Promise<void> => {
    if (!isDomainError(error)) throw error;
    log.info({ code: error.code }, 'survey repeat refused');
    await context.sendActivity(cardMessage(noticeCard('Not done', error.message, 'attention')));
  };

  app.message(REPEAT, async (context) => {
    const words = (REPEAT.exec(context.activity.text ?? '')?.[1] ?? '').trim();
    const actor = actorOf(context.activity);
    const tenantId = tenantOf(context.activity);
    try {
      const command = words.toLowerCase();
      if (command === '') {
        const current = await series.currentSeries(tenantId, actor);
        const text = current ? (await series.notesFor(current)).join('\n\n') : 'None of your surveys repeats. Try "survey repeat weekly tuesday 16:00" in the chat whose members should get it.';
        await context.sendActivity(cardMessage(noticeCard('🔁 Recurring survey', text)));
        return;
      }
      if (command === 'pause' || command === 'resume' || command === 'stop') {
        const changed = await series[command](tenantId, actor);
        const said = { pause: 'Paused: no new rounds until "survey repeat resume".', resume: (await series.notesFor(changed)).join('\n\n'), stop: 'Stopped: no more rounds. The rounds so far keep their answers; "survey trend" still shows them.' }[command];
        await context.sendActivity(cardMessage(noticeCard(`🔁 ${changed.title}`, said, 'good')));
        return;
      }
      const group = GROUP.exec(words);
      const recurrence = parseRecurrence(group ? words.slice(0, group.index) : words);
      const here = storedConversationOf(context.activity, deps.clock.now());
      const progressIn = (await conversations.getPersonal(tenantId, personKey(actor))) ?? here;
      const outcome = await series.repeat(tenantId, {
        actor,
        recurrence,
        // In a 1:1 chat without a group: a change keeps the series' people (a new series is refused, saying where to type it).
        target: recurrence.kind === 'afterSession' || (!group && conversationTypeOf(context.activity) === 'personal') ? undefined : targetOf(context, group?.[1]),
        reach: { serviceUrl: context.activity.serviceUrl, botId: context.activity.recipient.id, teamId: teamIdOf(context.activity) },
        progressIn
      });
      const title = outcome.changed ? `🔁 Changed from the next round on: ${outcome.series.title}` : `🔁 Repeating: ${outcome.series.title}`;
      await context.sendActivity(cardMessage(noticeCard(title, outcome.notes.join('\n\n'), 'good')));
    } catch (error) {
      await refused(context, error);
    }
  });

  app.message(TREND, async (context) => {
    try {
      const { series: found, trend } = await series.trend(tenantOf(context.activity), actorOf(context.activity));
      await context.sendActivity(cardMessage(seriesTrendCard(found, trend)));
    } catch (error) {
      await refused(context, error);
    }
  });
}
