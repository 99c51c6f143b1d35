/**
 * Who has not voted in a poll (docs/recurrence.md, "Polls: who has not voted"). Polls are posted into a chat or
 * channel, never sent 1:1, so the people asked are the chat's roster. Only for NAMED polls (they store who voted),
 * only for the author, never for anonymous polls. "Nudge the rest" sends each non-voter one 1:1 reminder through
 * the ordinary delivery: a job per poll (pressing twice nudges nobody twice), purpose `reminder` (not counted by
 * the fatigue cap), queued in the staff allowed hours.
 */
import type { DeliveryCard, Reach, Recipient } from '../delivery/delivery';
import type { DeliveryService } from '../delivery/delivery-service';
import type { DeliveryConnector } from '../delivery/ports';
import { type Actor, personKey } from '../shared/conversation';
import { DomainError } from '../shared/errors';
import type { Poll } from './poll';
import type { PollService } from './poll-service';
import type { PollVoters } from './ports';

export const pollNudgeJobId = (pollId: string): string => `poll-nudge-${pollId}`;
/** How many names the card lists; the rest are counted. */
export const WAITING_NAMES_SHOWN = 40;

export interface PollWaitingView {
  poll: Poll;
  /** People in the chat (the author and the bot left out). */
  members: number;
  voted: number;
  notVoted: Recipient[];
}

export class PollWaiting {
  constructor(
    private readonly deps: {
      polls: PollService;
      voters: PollVoters;
      connector: Pick<DeliveryConnector, 'members'>;
      delivery: Pick<DeliveryService, 'start'>;
      nudgeCard: (poll: Poll) => DeliveryCard;
    }
  ) {}

  async waiting(tenantId: string, actor: Actor, pollId: string): Promise<PollWaitingView> {
    const poll = await this.deps.polls.get(tenantId, pollId);
    if (poll.createdBy !== personKey(actor)) throw new DomainError('forbidden', 'Only the person who created this poll can see who has not voted.');
    if (poll.anonymous) throw new DomainError('forbidden', 'This poll is anonymous: it shows how many voted, never who has not.');
    if (poll.conversation.conversationType === 'personal') throw new DomainError('invalid_input', 'This poll is in a 1:1 chat: there is nobody else to ask.');
    const members = (await this.roster(poll)).filter((m) => m.personKey !== poll.createdBy && m.userId !== poll.createdByUserId);
    const voted = new Set(await this.deps.voters.votersOf(tenantId, poll.pollId));
    const notVoted = members.filter((m) => !(m.userId && voted.has(m.userId)));
    return { poll, members: members.length, voted: members.length - notVoted.length, notVoted };
  }

  /** One 1:1 reminder to each member who has not voted (and was not nudged before); in allowed hours. */
  async nudge(tenantId: string, actor: Actor, pollId: string, reach: Reach): Promise<{ view: PollWaitingView; queued: number }> {
    const view = await this.waiting(tenantId, actor, pollId);
    if (view.poll.status !== 'open') throw new DomainError('closed', 'This poll has closed: nobody can be nudged.');
    if (view.notVoted.length === 0) return { view, queued: 0 };
    const card = this.deps.nudgeCard(view.poll);
    const { added } = await this.deps.delivery.start({
      tenantId,
      jobId: pollNudgeJobId(view.poll.pollId),
      subjectKind: 'poll',
      subjectId: view.poll.pollId,
      title: view.poll.question,
      purpose: 'reminder',
      cohort: 'staff',
      message: { card, summary: `A reminder to vote: ${view.poll.question}` },
      maxReminders: 0,
      createdBy: view.poll.createdBy,
      reach,
      target: { kind: 'people', people: view.notVoted }
    });
    return { view, queued: added };
  }

  private async roster(poll: Poll): Promise<Recipient[]> {
    const people: Recipient[] = [];
    let token: string | undefined;
    do {
      const page = await this.deps.connector.members(poll.conversation.serviceUrl, poll.conversation.conversationId, token);
      if (!page.ok) throw new DomainError('unsupported', 'Teams did not give the chat\'s member list. Please try again later.');
      people.push(...page.value.members);
      token = page.value.continuationToken;
    } while (token);
    return people;
  }
}
