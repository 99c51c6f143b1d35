/**
 * Scheduled sends (docs/recurrence.md): `survey send at <day> <HH:MM> [group <name>] [reminders <n>]` previews
 * the send (the time in your time zone, the group's allowed hours) and waits for "Schedule it"; `scheduled`
 * lists what is to come; each can have its time changed or be cancelled until it starts.
 */
import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { scheduledListCard, scheduledSendCard } from '../../cards/recurrence/scheduled-cards';
import { noticeCard } from '../../cards/shared/notice-card';
import { VERBS } from '../../cards/shared/verbs';
import { SETTING_LIMITS } from '../../domain/delivery/delivery-settings-service';
import { type ScheduledSendService, parseSendTime } from '../../domain/recurrence/scheduled-send';
import { personKey } from '../../domain/shared/conversation';
import { DomainError, isDomainError } from '../../domain/shared/errors';
import { isValidTimeZone } from '../../domain/shared/time';
import { targetOf } from '../surveys/survey-send-routes';
import { actorOf, storedConversationOf, teamIdOf, tenantOf } from '../shared/activity';
import { cardMessage } from '../shared/card-message';
import { sendCard } from '../shared/invoke';
import { type App, type TeamsDeps, invokeHandler, requireString } from '../shared/route-helpers';

export interface ScheduledRouteDeps {
  scheduledSends: ScheduledSendService;
}

const SEND_AT = /^\s*survey\s+send\s+at\s+(\S+)(?:\s+(\d{1,2}:\d{2}))?(?:\s+group\s+(\S+))?(?:\s+reminders?\s+(\S+))?\s*$/i;

/** The author's time zone: the activity's local time zone, else the clientInfo entity's, else the councils'. */
function authorTimeZone(activity: Activity): string {
  const candidates = [activity.localTimezone, ...(activity.entities ?? []).filter((e) => e.type === 'clientInfo').map((e) => (e as { timezone?: unknown }).timezone)];
  const zone = candidates.find((z): z is string => typeof z === 'string' && isValidTimeZone(z));
  return zone ?? 'Europe/London';
}

function remindersOf(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > SETTING_LIMITS.remindersMax) {
    throw new DomainError('invalid_input', `Reminders must be a whole number from 0 to ${SETTING_LIMITS.remindersMax}.`);
  }
  return n;
}

export function registerScheduledRoutes(app: App, deps: TeamsDeps & ScheduledRouteDeps): void {
  const { scheduledSends, conversations, clock, log } = deps;

  app.message(SEND_AT, async (context) => {
    const [, day, time, group, reminders] = SEND_AT.exec(context.activity.text ?? '') ?? [];
    const actor = actorOf(context.activity);
    const tenantId = tenantOf(context.activity);
    try {
      const timeZone = authorTimeZone(context.activity);
      const at = parseSendTime(day ?? '', time, clock.now(), timeZone);
      const here = storedConversationOf(context.activity, clock.now());
      const preview = await scheduledSends.preview({
        sendId: randomUUID(),
        actor,
        at,
        timeZone,
        target: targetOf(context, group, 'survey send at <day> <time>'),
        reach: { serviceUrl: context.activity.serviceUrl, botId: context.activity.recipient.id, teamId: teamIdOf(context.activity) },
        progressIn: (await conversations.getPersonal(tenantId, personKey(actor))) ?? here,
        maxReminders: remindersOf(reminders)
      });
      await context.sendActivity(cardMessage(scheduledSendCard(preview)));
    } catch (error) {
      if (!isDomainError(error)) throw error;
      log.info({ code: error.code }, 'scheduled send refused');
      await context.sendActivity(cardMessage(noticeCard('Not scheduled', error.message, 'attention')));
    }
  });

  app.message(/^\s*scheduled\s*$/i, async (context) => {
    const [tenantId, actor] = [tenantOf(context.activity), actorOf(context.activity)];
    // Polls to be posted later are listed with the survey sends (docs/recurrence.md).
    const polls = (await deps.scheduledPolls?.upcoming(tenantId, actor)) ?? [];
    await context.sendActivity(cardMessage(scheduledListCard(await scheduledSends.upcoming(tenantId, actor), polls)));
  });

  app.adaptiveCards.actionExecute(
    VERBS.scheduledConfirm,
    invokeHandler(log, async (context, data) => {
      const view = await scheduledSends.confirm(tenantOf(context.activity), actorOf(context.activity), requireString(data, 'sendId'));
      await sendCard(context, scheduledSendCard(view, 'Scheduled. "scheduled" lists it; change or cancel it here until it starts.'));
    })
  );

  app.adaptiveCards.actionExecute(
    VERBS.scheduledShow,
    invokeHandler(log, async (context, data) => {
      const tenantId = tenantOf(context.activity);
      const upcoming = await scheduledSends.upcoming(tenantId, actorOf(context.activity));
      const view = upcoming.find((v) => v.send.sendId === data.sendId);
      if (!view) throw new DomainError('not_found', 'This send is no longer scheduled (it has started or was cancelled).');
      await sendCard(context, scheduledSendCard(view));
    })
  );

  app.adaptiveCards.actionExecute(
    VERBS.scheduledChange,
    invokeHandler(log, async (context, data) => {
      const tenantId = tenantOf(context.activity);
      const actor = actorOf(context.activity);
      const sendId = requireString(data, 'sendId');
      const current = (await scheduledSends.upcoming(tenantId, actor)).find((v) => v.send.sendId === sendId)?.send;
      const zone = current?.timeZone ?? authorTimeZone(context.activity);
      const date = requireString(data, 'date');
      const time = requireString(data, 'time');
      // The inputs are wall times in the send's own time zone.
      const at = parseSendTime(date, time, clock.now(), zone);
      const view = await scheduledSends.change(tenantId, actor, sendId, at);
      await sendCard(context, scheduledSendCard(view, 'Time changed.'));
    })
  );

  app.adaptiveCards.actionExecute(
    VERBS.scheduledCancel,
    invokeHandler(log, async (context, data) => {
      const tenantId = tenantOf(context.activity);
      const send = await scheduledSends.cancel(tenantId, actorOf(context.activity), requireString(data, 'sendId'));
      await sendCard(context, scheduledSendCard(await scheduledSends.describe(send), 'Cancelled: nothing will be sent.'));
    })
  );
}
