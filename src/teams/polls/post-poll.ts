/** Posting a poll in the turn's conversation: used by the `poll` form and by the messaging extension's dialog. */
import type { TurnContext } from 'botbuilder';
import { pollCard } from '../../cards/polls/poll-cards';
import { isDomainError } from '../../domain/shared/errors';
import type { Poll, PollDraft, PollTally } from '../../domain/polls/poll';
import { actorOf, storedConversationOf } from '../shared/activity';
import { postCard } from '../shared/card-message';
import type { TeamsDeps } from '../shared/route-helpers';

/** The tally of a poll nobody has voted on yet (a new poll, or its preview). */
export function emptyTally(poll: Pick<Poll, 'options'>): PollTally {
  return { counts: poll.options.map(() => 0), voters: 0 };
}

/**
 * Stores the poll and posts its card in the turn's conversation; undefined when this form's poll was
 * already posted (double click, or a resent preview). A poll whose card cannot be posted is not kept.
 */
export async function postPoll(
  context: TurnContext,
  deps: Pick<TeamsDeps, 'polls' | 'clock'>,
  formId: string,
  draft: PollDraft,
  timeZone: string
): Promise<Poll | undefined> {
  const activity = context.activity;
  let poll: Poll;
  try {
    poll = await deps.polls.create({ pollId: formId, actor: actorOf(activity), draft, conversation: storedConversationOf(activity, deps.clock.now()), timeZone });
  } catch (error) {
    if (isDomainError(error) && error.code === 'conflict') return undefined;
    throw error;
  }
  try {
    const activityId = await postCard(context, pollCard(poll, emptyTally(poll)));
    if (!activityId) throw new Error('the poll message was sent but Teams returned no id');
    return await deps.polls.attachMessage(poll, activityId);
  } catch (error) {
    await deps.polls.discard(poll); // nothing half way: no poll without its message
    throw error;
  }
}
