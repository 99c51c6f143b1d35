import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import { helpCard } from '../../cards/help/help-cards';
import { noticeCard } from '../../cards/shared/notice-card';
import { pollCard, pollFormCard } from '../../cards/polls/poll-cards';
import { VERBS } from '../../cards/shared/verbs';
import { isDomainError } from '../../domain/shared/errors';
import { type Poll, type PollDraft, type PollTally, parsePollForm } from '../../domain/polls/poll';
import type { PollView } from '../../domain/polls/poll-service';
import { actorOf, storedConversationOf, tenantOf, timeZoneOf } from '../shared/activity';
import { cardMessage } from '../shared/card-message';
import { sendCard } from '../shared/invoke';
import { type App, type TeamsDeps, invokeHandler, requireString } from '../shared/route-helpers';

/** Quick polls: the form, posting, voting (user-specific views), refresh and closing. */
export function registerPollRoutes(app: App, deps: TeamsDeps): void {
  const { polls, clock, log } = deps;

  const sendForm = async (context: TurnContext): Promise<void> => {
    const card = pollFormCard({ formId: randomUUID(), timeZone: timeZoneOf(context.activity) });
    await context.sendActivity(cardMessage(card));
  };

  app.message(/^\s*poll\s*$/i, sendForm);

  // The help card's button: the form arrives as its own message; the help card stays as it was.
  app.adaptiveCards.actionExecute(
    VERBS.pollForm,
    invokeHandler(log, async (context) => {
      await sendForm(context);
      await sendCard(context, helpCard('help'));
    })
  );

  app.adaptiveCards.actionExecute(
    VERBS.pollCreate,
    invokeHandler(log, async (context, data) => {
      const activity = context.activity;
      const formId = requireString(data, 'formId');
      const timeZone = timeZoneOf(activity);
      const now = clock.now();
      let draft;
      try {
        draft = parsePollForm(data, now, timeZone);
      } catch (error) {
        if (!isDomainError(error) || error.code !== 'invalid_input') throw error;
        // The form comes back with the person's own values and a message beside each problem.
        await sendCard(context, pollFormCard({ formId, timeZone, values: data, errors: { ...error.fields, ...(Object.keys(error.fields).length ? {} : { form: error.message }) } }));
        return;
      }

      const poll = await postPoll(context, deps, formId, draft, timeZone);
      if (!poll) {
        await sendCard(context, noticeCard('Poll already posted', 'This poll is already in the conversation. Type "poll" to make another.'));
        return;
      }

      const done = noticeCard('Poll posted', `Your poll "${poll.question}" is in the conversation. People can vote on it now.`, 'good');
      if (activity.replyToId) {
        // Everyone else saw the empty form: replace it for them too.
        await context.updateActivity(cardMessage(done, activity.replyToId)).catch((error: unknown) => {
          log.warn({ err: error }, 'could not replace the poll form message');
        });
      }
      await sendCard(context, done);
    })
  );

  app.adaptiveCards.actionExecute(
    VERBS.pollVote,
    invokeHandler(log, async (context, data) => {
      const activity = context.activity;
      const pollId = requireString(data, 'pollId');
      const actor = actorOf(activity);
      try {
        const view = await polls.vote(tenantOf(activity), pollId, actor, data.choice);
        await sendCard(context, viewCard(view));
      } catch (error) {
        // A closed poll or a missing choice: show the person the current card with the reason.
        if (!isDomainError(error) || (error.code !== 'closed' && error.code !== 'invalid_input')) throw error;
        const view = await polls.view(tenantOf(activity), pollId, actor);
        await sendCard(context, viewCard(view, error.message));
      }
    })
  );

  app.adaptiveCards.actionExecute(
    VERBS.pollRefresh,
    invokeHandler(log, async (context, data) => {
      const view = await polls.view(tenantOf(context.activity), requireString(data, 'pollId'), actorOf(context.activity));
      await sendCard(context, viewCard(view));
    })
  );

  app.adaptiveCards.actionExecute(
    VERBS.pollClose,
    invokeHandler(log, async (context, data) => {
      const activity = context.activity;
      const { view } = await polls.close(tenantOf(activity), requireString(data, 'pollId'), actorOf(activity));
      if (view.poll.activityId) {
        await context.updateActivity(cardMessage(pollCard(view.poll, view.tally), view.poll.activityId));
      }
      await sendCard(context, viewCard(view));
    })
  );
}

/**
 * Stores the poll and posts its card in the turn's conversation; undefined when this form's poll was
 * already posted (double click, or a resent preview). A poll whose card cannot be posted is not kept.
 */
export async function postPoll(context: TurnContext, deps: TeamsDeps, formId: string, draft: PollDraft, timeZone: string): Promise<Poll | undefined> {
  const activity = context.activity;
  let poll: Poll;
  try {
    poll = await deps.polls.create({ pollId: formId, actor: actorOf(activity), draft, conversation: storedConversationOf(activity, deps.clock.now()), timeZone });
  } catch (error) {
    if (isDomainError(error) && error.code === 'conflict') return undefined;
    throw error;
  }
  try {
    const posted = await context.sendActivity(cardMessage(pollCard(poll, emptyTally(poll))));
    if (!posted?.id) throw new Error('the poll message was sent but Teams returned no id');
    return await deps.polls.attachMessage(poll, posted.id);
  } catch (error) {
    await deps.polls.discard(poll); // nothing half way: no poll without its message
    throw error;
  }
}

function viewCard(view: PollView, notice?: string) {
  return pollCard(view.poll, view.tally, view, notice);
}

export function emptyTally(poll: Pick<Poll, 'options'>): PollTally {
  return { counts: poll.options.map(() => 0), voters: 0 };
}
