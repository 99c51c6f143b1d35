/**
 * Wires quick polls (README.md, "Quick polls"): the poll repository and service, who may find a poll
 * in search, and the job that closes a poll at its closing time.
 */
import { pollCard } from '../cards/polls/poll-cards';
import type { Poll } from '../domain/polls/poll';
import { pollNudgeCard } from '../cards/polls/poll-waiting-cards';
import { PollWaiting } from '../domain/polls/poll-waiting';
import type { DeliveryService } from '../domain/delivery/delivery-service';
import type { DeliveryConnector } from '../domain/delivery/ports';
import { POLL_CLOSE_JOB, PollService } from '../domain/polls/poll-service';
import { SCHEDULED_POLL_JOB, ScheduledPollService } from '../domain/polls/scheduled-poll';
import { TableScheduledPollRepository } from '../storage/polls/scheduled-poll-repository';
import { POLL_ROUND_JOB, PollSeriesService } from '../domain/polls/poll-series';
import { TablePollSeriesRepository } from '../storage/polls/poll-series-repository';
import { ownerOrConversation } from '../domain/search/search';
import type { Scheduler } from '../scheduler/scheduler';
import { TablePollRepository } from '../storage/polls/poll-repository';
import { TABLES } from '../storage/shared/keys';
import type { TeamsBot } from '../teams/teams-bot';
import type { Shared } from './shared';

export function createPolls(shared: Shared) {
  // A poll is found by its owner and in the conversation it was posted in.
  shared.search.registerKind('poll', ownerOrConversation);
  const repository = new TablePollRepository(shared.tables.client(TABLES.polls));
  const service = new PollService({
    search: shared.search,
    polls: repository,
    due: shared.due,
    clock: shared.clock,
    voterHashSecret: shared.config.voterHashSecret
  });
  // The poll form's "Post at" (docs/recurrence.md): kept beside the scheduled survey sends, posted by a leased job.
  const scheduled = new ScheduledPollService({
    scheduled: new TableScheduledPollRepository(shared.tables.client(TABLES.scheduledSends)),
    polls: service,
    due: shared.due,
    clock: shared.clock
  });
  // The poll form's "Repeat": a round per occurrence (POLL_ROUND_JOB, leased, one due item per series and occurrence).
  const series = new PollSeriesService({ series: new TablePollSeriesRepository(shared.tables.client(TABLES.series)), polls: service, due: shared.due, clock: shared.clock });
  const post = (poll: Poll): Promise<string> => shared.proactive.sendToConversation(poll.conversation, pollCard(poll, { counts: poll.options.map(() => 0), voters: 0 }));
  return {
    service,
    scheduled,
    series,
    /** Who has not voted in a named poll, and "Nudge the rest" through 1:1 delivery (built once delivery exists). */
    waiting: (delivery: { service: DeliveryService; connector: Pick<DeliveryConnector, 'members'> }): PollWaiting =>
      new PollWaiting({ polls: service, voters: repository, connector: delivery.connector, delivery: delivery.service, nudgeCard: pollNudgeCard }),
    /** Closing at the closing time replaces the posted card for everyone, through the Teams bot. */
    registerJobs(scheduler: Scheduler, bot: Pick<TeamsBot, 'updatePollMessage'>): void {
      scheduler.register(POLL_CLOSE_JOB, async (item) => {
        const view = await service.runClose(item);
        if (view) await bot.updatePollMessage(view.poll, view.tally);
      });
      scheduler.register(SCHEDULED_POLL_JOB, async (item) => {
        const posted = await scheduled.run(item, post);
        shared.log.info({ pollId: item.payload.pollId, status: posted?.status ?? 'gone' }, 'scheduled poll due');
      });
      scheduler.register(POLL_ROUND_JOB, async (item) => {
        const outcome = await series.runDue(item, { post, closed: (view) => bot.updatePollMessage(view.poll, view.tally) });
        if (outcome.skipped) shared.log.info({ seriesId: item.payload.seriesId, n: item.payload.n, skipped: outcome.skipped }, 'poll round not run');
      });
    }
  };
}
