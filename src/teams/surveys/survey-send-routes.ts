/**
 * `survey send` (docs/delivery.md): in a channel or group chat, sends your latest open survey 1:1 to
 * its members (`survey send group <id>`: to a saved group; `… reminders <n>`: how many reminders); the
 * progress card goes to your 1:1 chat.
 */
import type { TurnContext } from 'botbuilder';
import { noticeCard } from '../../cards/shared/notice-card';
import { surveyInviteCard } from '../../cards/surveys/survey-cards';
import { type Actor, personKey } from '../../domain/shared/conversation';
import type { DeliveryService, DeliveryTarget, StartResult } from '../../domain/delivery/delivery-service';
import { SETTING_LIMITS } from '../../domain/delivery/delivery-settings-service';
import { DomainError, isDomainError } from '../../domain/shared/errors';
import { surveyDelivery } from '../../domain/surveys/survey-delivery';
import { actorOf, conversationTypeOf, storedConversationOf, teamIdOf, tenantOf } from '../shared/activity';
import { cardMessage } from '../shared/card-message';
import type { App, TeamsDeps } from '../shared/route-helpers';

export interface SurveySendRouteDeps {
  delivery: DeliveryService;
}

/** Who a send goes to: a saved group, or the members of this team or group chat (`command` names what to type where). */
export function targetOf(context: TurnContext, groupId: string | undefined, command = 'survey send'): Extract<DeliveryTarget, { kind: 'group' | 'roster' }> {
  if (groupId) return { kind: 'group', groupId };
  const type = conversationTypeOf(context.activity);
  if (type === 'personal') {
    throw new DomainError('invalid_input', `Type "${command}" in the team channel or group chat whose members should get it, or "${command} group <name>".`);
  }
  const teamId = teamIdOf(context.activity);
  return { kind: 'roster', serviceUrl: context.activity.serviceUrl, conversationId: type === 'channel' && teamId ? teamId : context.activity.conversation.id };
}

export function registerSurveySendRoutes(app: App, deps: TeamsDeps & SurveySendRouteDeps): void {
  const { delivery, surveys, conversations, log } = deps;

  app.message(SURVEY_SEND, async (context) => {
    const match = SURVEY_SEND.exec(context.activity.text ?? '');
    const actor: Actor = actorOf(context.activity);
    const tenantId = tenantOf(context.activity);
    try {
      const [survey] = await surveys.mineIn(tenantId, actor, ['open']);
      if (!survey) throw new DomainError('not_found', 'You have no open survey to send. Publish one first ("surveys" lists yours).');
      const here = storedConversationOf(context.activity, deps.clock.now());
      const progressIn = (await conversations.getPersonal(tenantId, personKey(actor))) ?? here;
      const teamId = teamIdOf(context.activity);
      const invite = surveyInviteCard(survey);
      const result = await delivery.start({
        ...surveyDelivery(survey, invite),
        maxReminders: match?.[2] !== undefined ? remindersOf(match[2]) : undefined,
        createdBy: personKey(actor),
        target: targetOf(context, match?.[1]),
        reach: { serviceUrl: context.activity.serviceUrl, botId: context.activity.recipient.id, teamId },
        progressIn
      });
      const again = result.alreadyIncluded > 0 ? ` ${result.alreadyIncluded} already had it (or have it queued) and will not get it twice.` : '';
      const asked = match?.[2] !== undefined ? remindersOf(match[2]) : undefined;
      // Reminders are set when a survey is first sent; sending it again (to more people) keeps them.
      const reminders =
        asked !== undefined && asked !== result.job.maxReminders
          ? ` Reminders stay at ${result.job.maxReminders}: they were set when this survey was first sent.`
          : '';
      await context.sendActivity(
        cardMessage(
          noticeCard(
            `Sending "${survey.title}"`,
            `${result.added} ${result.added === 1 ? 'person' : 'people'} will get it 1:1, in their allowed hours.${again}${reminders}${capNote(result.chosenGroup)} Your progress card shows how it goes.`,
            'good'
          )
        )
      );
    } catch (error) {
      if (!isDomainError(error)) throw error;
      log.info({ code: error.code }, 'survey send refused');
      await context.sendActivity(cardMessage(noticeCard('Not sent', error.message, 'attention')));
    }
  });
}

/** Sent to a group people chose to join (docs/groups.md): the author is told the fatigue cap does not apply to those who joined themselves. */
function capNote(group: StartResult['chosenGroup']): string {
  if (!group) return '';
  const staff = group.members - group.chose;
  const chose = `${group.chose} ${group.chose === 1 ? 'member' : 'members'} chose to join ${group.name}: the fatigue cap does not apply to them for this request (they asked to be asked).`;
  return ` ${chose}${staff > 0 ? ` ${staff} added by staff still count toward the cap.` : ''}`;
}

const SURVEY_SEND = /^\s*survey\s+send(?:\s+group\s+(\S+))?(?:\s+reminders?\s+(\S+))?\s*$/i;

/** `survey send … reminders <n>`: this survey's reminders, 0 to the most a tenant may set. */
function remindersOf(raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > SETTING_LIMITS.remindersMax) {
    throw new DomainError('invalid_input', `Reminders must be a whole number from 0 to ${SETTING_LIMITS.remindersMax}, e.g. "survey send reminders 2".`);
  }
  return n;
}
