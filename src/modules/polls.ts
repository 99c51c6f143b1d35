/**
 * Wires quick polls (README.md, "Quick polls"): the poll repository and service, who may find a poll
 * in search, and the job that closes a poll at its closing time.
 */
import { POLL_CLOSE_JOB, PollService } from '../domain/polls/poll-service';
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
  return {
    service,
    /** Closing at the closing time replaces the posted card for everyone, through the Teams bot. */
    registerJobs(scheduler: Scheduler, bot: Pick<TeamsBot, 'updatePollMessage'>): void {
      scheduler.register(POLL_CLOSE_JOB, async (item) => {
        const view = await service.runClose(item);
        if (view) await bot.updatePollMessage(view.poll, view.tally);
      });
    }
  };
}
