import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import { helpCard } from '../../cards/help/help-cards';
import { noticeCard } from '../../cards/shared/notice-card';
import { pollCard, pollFormCard } from '../../cards/polls/poll-cards';
import { VERBS } from '../../cards/shared/verbs';
import { parsePollForm } from '../../domain/polls/poll';
import type { PollView } from '../../domain/polls/poll-service';
import { checkCloses, parsePostAt } from '../../domain/polls/scheduled-poll';
import { parseRepeat } from '../../domain/polls/poll-series';
import { DomainError, isDomainError } from '../../domain/shared/errors';
import { scheduledPollCard } from '../../cards/polls/scheduled-poll-cards';
import { pollWaitingCard } from '../../cards/polls/poll-waiting-cards';
import { actorOf, storedConversationOf, teamIdOf, tenantOf, timeZoneOf } from '../shared/activity';
import { cardMessage, replaceCard } from '../shared/card-message';
import { sendCard, sendCardOrRefusal, sendCardToAll } from '../shared/invoke';
import { type App, type TeamsDeps, formErrorsOf, invokeHandler, requireString } from '../shared/route-helpers';
import { postPoll } from './post-poll';
import { registerScheduledPollRoutes } from './scheduled-poll-routes';
import { registerPollSeriesRoutes } from './poll-series-routes';

/** Quick polls: the form, posting, voting (user-specific views), refresh and closing. */
export function registerPollRoutes(app: App, deps: TeamsDeps): void {
  const { polls, scheduledPolls, pollSeries, clock, log } = deps;

  const sendForm = async (context: TurnContext): Promise<void> => {
    const card = pollFormCard({ formId: randomUUID(), timeZone: timeZoneOf(context.activity) });
    await context.sendActivity(cardMessage(card));
  };

  app.message(/^\s*poll\s*$/i, sendForm);
  if (scheduledPolls) registerScheduledPollRoutes(app, { ...deps, scheduledPolls });
  if (pollSeries) registerPollSeriesRoutes(app, { ...deps, pollSeries });
  const { pollWaiting } = deps;
  if (pollWaiting) {
    // Who has not voted (named polls, the author only) and "Nudge the rest" (docs/recurrence.md).
    app.adaptiveCards.actionExecute(
      VERBS.pollWaiting,
      invokeHandler(log, async (context, data) => {
        await sendCard(context, pollWaitingCard(await pollWaiting.waiting(tenantOf(context.activity), actorOf(context.activity), requireString(data, 'pollId'))));
      })
    );
    app.adaptiveCards.actionExecute(
      VERBS.pollNudge,
      invokeHandler(log, async (context, data) => {
        const activity = context.activity;
        const reach = { serviceUrl: activity.serviceUrl, botId: activity.recipient.id, teamId: teamIdOf(activity) };
        const { view, queued } = await pollWaiting.nudge(tenantOf(activity), actorOf(activity), requireString(data, 'pollId'), reach);
        const note = queued > 0 ? `Nudged ${queued}: each gets one reminder 1:1, in the allowed hours.` : 'Nobody new to nudge: everyone who has not voted has had a reminder already.';
        await sendCard(context, pollWaitingCard(view, note));
      })
    );
  }

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
      let postAt;
      let recurrence;
      try {
        draft = parsePollForm(data, now, timeZone);
        postAt = parsePostAt(data.postDate, data.postTime, now, timeZone);
        if (postAt) checkCloses(draft, postAt);
        recurrence = parseRepeat(data.repeat, postAt, draft.closesAt, timeZone);
        if (recurrence && !pollSeries) throw new DomainError('invalid_input', 'Polls cannot repeat here: choose "Once".', { repeat: 'Polls cannot repeat here.' });
        if (postAt && !scheduledPolls) throw new DomainError('invalid_input', 'Polls cannot be scheduled here: leave "Post on" empty.', { postDate: 'Polls cannot be scheduled here.' });
      } catch (error) {
        // The form comes back with the person's own values and a message beside each problem.
        await sendCard(context, pollFormCard({ formId, timeZone, values: data, errors: formErrorsOf(error) }));
        return;
      }

      if (recurrence && postAt && pollSeries) {
        // "Repeat": a series whose rounds are posted here from "Post at" on (docs/recurrence.md); a double click finds the first.
        const series = await pollSeries.start({ seriesId: formId, actor: actorOf(activity), draft, conversation: storedConversationOf(activity, now), recurrence, firstAt: postAt, timeZone });
        const notice = noticeCard('🔁 Repeating poll', `${pollSeries.describe(series)} Each round is a new poll here; the round before closes when the next is posted. "poll repeat pause|resume|stop" and "poll trend".`, 'good');
        await sendCardToAll(context, notice, log, 'could not replace the poll form message');
        return;
      }
      if (postAt && scheduledPolls) {
        // "Post at": kept and posted later by the scheduler (docs/recurrence.md); a double click finds the first.
        let view;
        try {
          view = await scheduledPolls.schedule({ pollId: formId, actor: actorOf(activity), draft, conversation: storedConversationOf(activity, now), at: postAt, timeZone });
        } catch (error) {
          if (!isDomainError(error) || error.code !== 'conflict') throw error;
          view = await scheduledPolls.show(tenantOf(activity), actorOf(activity), formId);
        }
        const notice = noticeCard('Poll scheduled', `"${view.item.draft.question}" will be posted here at ${view.when}.`, 'good');
        if (activity.replyToId) await replaceCard(context, activity.replyToId, notice, log, 'could not replace the poll form message');
        await sendCard(context, scheduledPollCard(view, 'Scheduled. "scheduled" lists it; change or cancel it here until it is posted.'));
        return;
      }

      const poll = await postPoll(context, deps, formId, draft, timeZone);
      if (!poll) {
        await sendCard(context, noticeCard('Poll already posted', 'This poll is already in the conversation. Type "poll" to make another.'));
        return;
      }

      const done = noticeCard('Poll posted', `Your poll "${poll.question}" is in the conversation. People can vote on it now.`, 'good');
      await sendCardToAll(context, done, log, 'could not replace the poll form message');
    })
  );

  app.adaptiveCards.actionExecute(
    VERBS.pollVote,
    invokeHandler(log, async (context, data) => {
      const activity = context.activity;
      const pollId = requireString(data, 'pollId');
      const actor = actorOf(activity);
      // A closed poll or a missing choice: show the person the current card with the reason.
      await sendCardOrRefusal(
        context,
        ['closed', 'invalid_input'],
        async () => viewCard(await polls.vote(tenantOf(activity), pollId, actor, data.choice)),
        async (error) => viewCard(await polls.view(tenantOf(activity), pollId, actor), error.message)
      );
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

function viewCard(view: PollView, notice?: string) {
  return pollCard(view.poll, view.tally, view, notice);
}
