/**
 * Wires quick polls (README.md, "Quick polls"): the poll repository and service, who may find a poll
 * in search, and the job that closes a poll at its closing time.
 */
import { pollCard } from '../cards/polls/poll-cards';
import { POLL_CLOSE_JOB, PollService } from '../domain/polls/poll-service';
import { SCHEDULED_POLL_JOB, ScheduledPollService } from '../domain/polls/scheduled-poll';
import { TableScheduledPollRepository } from '../storage/polls/scheduled-poll-repository';
import { ownerOrConversation } from '../domain/search/search';
import type { Scheduler } from '../scheduler/scheduler';
import { TablePollRepository } from '../storage/polls/poll-repository';
import { TABLES } from '../storage/shared/keys';
import type { TeamsBot } from '../teams/teams-bot';
import type { Shared } from './shared';

export function createPolls(shared: Shared) {
  // A poll is found by its owner and in the conversation it was posted in.
  shared.search.registerKind('poll', ownerOrConversation);
  const service = new PollService({
    search: shared.search,
    polls: new TablePollRepository(shared.tables.client(TABLES.polls)),
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
  return {
    service,
    scheduled,
    /** Closing at the closing time replaces the posted card for everyone, through the Teams bot. */
    registerJobs(scheduler: Scheduler, bot: Pick<TeamsBot, 'updatePollMessage'>): void {
      scheduler.register(POLL_CLOSE_JOB, async (item) => {
        const view = await service.runClose(item);
        if (view) await bot.updatePollMessage(view.poll, view.tally);
      });
      scheduler.register(SCHEDULED_POLL_JOB, async (item) => {
        const posted = await scheduled.run(item, (poll) => shared.proactive.sendToConversation(poll.conversation, pollCard(poll, { counts: poll.options.map(() => 0), voters: 0 })));
        shared.log.info({ pollId: item.payload.pollId, status: posted?.status ?? 'gone' }, 'scheduled poll due');
      });
    }
  };
}
