import type { Clock } from '../shared/clock';
import { type Actor, type StoredConversation, personKey } from '../shared/conversation';
import { DomainError, isDomainError } from '../shared/errors';
import { type Poll, type PollDraft, type PollTally, checkCanClose, checkVote } from './poll';
import type { DueItem, DueItemRepository } from '../shared/ports';
import type { PollRepository } from './ports';
import type { SearchItem } from '../search/search';
import type { SearchService } from '../search/search-service';
import { voterKey } from '../shared/voter-key';

export const POLL_CLOSE_JOB = 'poll.close';
const POLL_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** How a poll is listed in search: by its question, visible to its author and its conversation. */
export function pollSearchItem(poll: Poll): SearchItem {
  return {
    tenantId: poll.tenantId,
    kind: 'poll',
    id: poll.pollId,
    title: poll.question,
    subtitle: `Quick poll · ${poll.options.join(' · ')}`,
    ownerKey: poll.createdBy,
    conversationId: poll.conversation.conversationId,
    createdAt: poll.createdAt
  };
}

/** Everything a card needs to draw one person's view of a poll. */
export interface PollView {
  poll: Poll;
  tally: PollTally;
  /** The option this viewer voted for, if any. */
  myChoice?: number;
  isCreator: boolean;
}

export interface PollServiceDeps {
  polls: PollRepository;
  due: DueItemRepository;
  clock: Clock;
  voterHashSecret: string;
  /** Makes polls findable in the messaging extension. */
  search?: SearchService;
}

/** Use cases for quick polls. Framework-free: the Teams layer calls these and draws the cards. */
export class PollService {
  constructor(private readonly deps: PollServiceDeps) {}

  /**
   * Stores a new poll. The id comes from the form card, so a double-clicked "Post poll" finds the
   * first poll instead of creating a second (`conflict`).
   */
  async create(input: {
    pollId: string;
    actor: Actor;
    draft: PollDraft;
    conversation: StoredConversation;
    timeZone: string;
  }): Promise<Poll> {
    if (!POLL_ID.test(input.pollId)) throw new DomainError('invalid_input', 'This form is out of date. Type "poll" to start again.');
    const { draft, actor } = input;
    const pollId = input.pollId.toLowerCase();
    if (draft.closesAt) {
      // Scheduled first: a close job for a poll that never got stored finds nothing and ends.
      await this.deps.due.schedule({
        tenantId: actor.tenantId,
        kind: POLL_CLOSE_JOB,
        key: pollId,
        dueAt: draft.closesAt,
        payload: { pollId }
      });
    }
    const poll = await this.deps.polls.create({
      ...draft,
      tenantId: actor.tenantId,
      pollId,
      status: 'open',
      createdBy: personKey(actor),
      createdByName: actor.name,
      createdByUserId: actor.userId,
      createdAt: this.deps.clock.now(),
      conversation: input.conversation,
      timeZone: input.timeZone
    });
    await this.deps.search?.put(pollSearchItem(poll));
    return poll;
  }

  /** Remembers which message shows the poll, so closing can update it for everyone. */
  async attachMessage(poll: Poll, activityId: string): Promise<Poll> {
    return this.deps.polls.save({ ...poll, activityId });
  }

  /** Undo of create when the poll card could not be posted: nothing is left half way. */
  async discard(poll: Poll): Promise<void> {
    await this.deps.polls.remove(poll.tenantId, poll.pollId);
    await this.deps.due.cancel(poll.tenantId, POLL_CLOSE_JOB, poll.pollId);
    await this.deps.search?.remove(poll.tenantId, 'poll', poll.pollId);
  }

  async get(tenantId: string, pollId: string): Promise<Poll> {
    const poll = typeof pollId === 'string' && POLL_ID.test(pollId) ? await this.deps.polls.get(tenantId, pollId.toLowerCase()) : undefined;
    if (!poll) throw new DomainError('not_found', 'This poll no longer exists.');
    return poll;
  }

  /** What everyone sees: the poll and its tally, without anyone's own choice. */
  async snapshot(tenantId: string, pollId: string): Promise<{ poll: Poll; tally: PollTally }> {
    const poll = await this.get(tenantId, pollId);
    return { poll, tally: await this.tallyOf(poll) };
  }

  /** One person's view: the tally plus their own choice. */
  async view(tenantId: string, pollId: string, actor: Actor): Promise<PollView> {
    const poll = await this.get(tenantId, pollId);
    return this.viewOf(poll, actor);
  }

  /** Casts or changes the actor's vote. A repeat of the same vote changes nothing. */
  async vote(tenantId: string, pollId: string, actor: Actor, optionIndex: unknown): Promise<PollView> {
    const poll = await this.get(tenantId, pollId);
    const index = checkVote(poll, optionIndex);
    await this.deps.polls.castVote({
      tenantId,
      pollId: poll.pollId,
      voterKey: this.keyFor(poll, actor),
      optionIndex: index,
      optionCount: poll.options.length,
      at: this.deps.clock.now(),
      voter: poll.anonymous ? undefined : { userId: actor.userId, name: actor.name }
    });
    return this.viewOf(poll, actor);
  }

  /**
   * Closes the poll: the tally is frozen first, so no vote can land after the final result.
   * `actor` undefined means the scheduler closing it at its closing time. Closing twice is harmless.
   */
  async close(tenantId: string, pollId: string, actor?: Actor): Promise<{ view: PollView; alreadyClosed: boolean }> {
    let poll = await this.get(tenantId, pollId);
    if (actor) checkCanClose(poll, personKey(actor));
    const alreadyClosed = poll.status === 'closed';
    if (!alreadyClosed) {
      await this.deps.polls.freeze(tenantId, poll.pollId);
      for (let attempt = 0; poll.status !== 'closed'; attempt++) {
        try {
          poll = await this.deps.polls.save({ ...poll, status: 'closed', closedAt: this.deps.clock.now() });
        } catch (error) {
          if (!(error instanceof DomainError && error.code === 'conflict') || attempt >= 5) throw error;
          poll = await this.get(tenantId, pollId);
        }
      }
      if (actor && poll.closesAt) await this.deps.due.cancel(tenantId, POLL_CLOSE_JOB, poll.pollId);
    }
    const view = actor ? await this.viewOf(poll, actor) : { poll, tally: await this.tallyOf(poll), isCreator: false };
    return { view, alreadyClosed };
  }

  /** Scheduler handler (POLL_CLOSE_JOB): the closed poll's view to show, or undefined when the poll was deleted since. */
  async runClose(item: DueItem): Promise<PollView | undefined> {
    try {
      return (await this.close(item.tenantId, String(item.payload.pollId))).view;
    } catch (error) {
      if (isDomainError(error) && error.code === 'not_found') return undefined;
      throw error;
    }
  }

  private keyFor(poll: Poll, actor: Actor): string {
    return voterKey(this.deps.voterHashSecret, poll.tenantId, poll.pollId, personKey(actor));
  }

  private tallyOf(poll: Poll): Promise<PollTally> {
    return this.deps.polls.tally(poll.tenantId, poll.pollId, poll.options.length);
  }

  private async viewOf(poll: Poll, actor: Actor): Promise<PollView> {
    const [tally, myChoice] = await Promise.all([
      this.tallyOf(poll),
      this.deps.polls.choiceOf(poll.tenantId, poll.pollId, this.keyFor(poll, actor))
    ]);
    return { poll, tally, myChoice, isCreator: poll.createdBy === personKey(actor) };
  }
}
