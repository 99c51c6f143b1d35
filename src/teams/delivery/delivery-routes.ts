/**
 * Teams side of 1:1 delivery and safeguarding (docs/delivery.md):
 * - `survey send` in a channel or group chat sends your latest open survey 1:1 to its members
 *   (`survey send group <id>`: to a saved group); the progress card goes to your 1:1 chat;
 * - `safeguarding lead` shows, takes or hands back the role of designated safeguarding lead;
 *   `safeguarding deputy` names deputy leads; `safeguarding alerts` lists open alerts (lead and deputies);
 * - "I'm dealing with this" and "Show the alert" on the alert cards (Action.Execute);
 * - the free-text screener the survey routes call after each answer.
 */
import type { TurnContext } from 'botbuilder';
import { safeguardingAlertsCard } from '../../cards/delivery/delivery-cards';
import { deliverySettingsCard } from '../../cards/delivery/delivery-settings-cards';
import { noticeCard } from '../../cards/help/help-cards';
import { VERBS } from '../../cards/shared/verbs';
import { surveyInviteCard } from '../../cards/surveys/survey-cards';
import { type Actor, personKey } from '../../domain/shared/conversation';
import type { DeliveryService, DeliveryTarget } from '../../domain/delivery/delivery-service';
import { type DeliverySettingsForm, type DeliverySettingsService, FORM_FIELDS, SETTING_LIMITS, SettingsFormError } from '../../domain/delivery/delivery-settings-service';
import { DomainError, isDomainError } from '../../domain/shared/errors';
import type { AnswerValue, Question, Survey } from '../../domain/surveys/survey';
import { SURVEY_SUBJECT, surveyJobId } from '../../domain/surveys/survey-delivery';
import { DEALT_WITH_DAYS, type SafeguardingService } from '../../domain/safeguarding/safeguarding-service';
import type { SafeguardingLead } from '../../domain/delivery/delivery-settings';
import type { SurveyService } from '../../domain/surveys/survey-service';
import { actorOf, conversationTypeOf, storedConversationOf, tenantOf } from '../shared/activity';
import { cardMessage } from '../shared/card-message';
import { sendCard } from '../shared/invoke';
import type { TeamsProactiveSender } from '../shared/proactive';
import { type App, type TeamsDeps, invokeHandler, requireString } from '../shared/route-helpers';

export interface DeliveryRouteDeps {
  delivery: DeliveryService;
  safeguarding: SafeguardingService;
  /** Who the administrators are (they name the safeguarding lead); absent: anyone may take the role. */
  isAdmin?: (actor: Actor) => boolean;
  /** `delivery settings`: allowed hours, fatigue cap, reminders, concern phrases. */
  deliverySettings?: DeliverySettingsService;
}

/** Called by the survey routes after an answer is stored: screens free text, replies and alerts. */
export type FreeTextScreener = (context: TurnContext, survey: Survey, question: Question, answer: AnswerValue, inSession: boolean) => Promise<void>;

export function freeTextScreener(safeguarding: SafeguardingService, surveys: SurveyService, proactive: TeamsProactiveSender): FreeTextScreener {
  return async (context, survey, question, answer, inSession) => {
    if (answer.kind !== 'text') return;
    const actor = actorOf(context.activity);
    const anonymous = survey.anonymity !== 'named';
    const result = await safeguarding.screenAnswer({
      tenantId: survey.tenantId,
      subjectId: survey.surveyId,
      subjectTitle: survey.title,
      questionId: question.id,
      questionText: question.text,
      responseKey: surveys.respondentKey(survey, actor),
      text: answer.text,
      timeZone: survey.timeZone,
      anonymous,
      respondent: anonymous ? undefined : { name: actor.name, userId: actor.userId },
      identity: anonymous ? { personKey: personKey(actor), userId: actor.userId, name: actor.name } : undefined
    });
    if (!result.reply) return;
    // Only ever to the young person: in a session (a group chat) the reply goes 1:1, never to the group.
    if (!inSession && conversationTypeOf(context.activity) === 'personal') await context.sendActivity(cardMessage(result.reply));
    else await proactive.sendToPerson(survey.tenantId, personKey(actor), result.reply);
  };
}

function targetOf(context: TurnContext, groupId: string | undefined): DeliveryTarget {
  if (groupId) return { kind: 'group', groupId };
  const type = conversationTypeOf(context.activity);
  if (type === 'personal') {
    throw new DomainError('invalid_input', 'Type "survey send" in the team channel or group chat whose members should get it, or "survey send group <name>".');
  }
  const teamId = (context.activity.channelData as { team?: { id?: string } } | undefined)?.team?.id;
  return { kind: 'roster', serviceUrl: context.activity.serviceUrl, conversationId: type === 'channel' && teamId ? teamId : context.activity.conversation.id };
}

export function registerDeliveryRoutes(app: App, deps: TeamsDeps & DeliveryRouteDeps): void {
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
      const teamId = (context.activity.channelData as { team?: { id?: string } } | undefined)?.team?.id;
      const invite = surveyInviteCard(survey);
      const result = await delivery.start({
        tenantId,
        jobId: surveyJobId(survey.surveyId),
        subjectKind: SURVEY_SUBJECT,
        subjectId: survey.surveyId,
        title: survey.title,
        purpose: 'request',
        cohort: survey.cohort,
        message: { card: invite, summary: `A survey for you: ${survey.title}` },
        reminder: { card: invite, summary: `A reminder: ${survey.title}` },
        closesAt: survey.closesAt,
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
            `${result.added} ${result.added === 1 ? 'person' : 'people'} will get it 1:1, in their allowed hours.${again}${reminders} Your progress card shows how it goes.`,
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

  app.message(/^\s*safeguarding\s+lead(?:\s+(me|clear))?\s*$/i, async (context) => {
    const action = /^\s*safeguarding\s+lead(?:\s+(me|clear))?\s*$/i.exec(context.activity.text ?? '')?.[1]?.toLowerCase();
    const actor = actorOf(context.activity);
    const tenantId = tenantOf(context.activity);
    const { lead, deputies } = await deps.safeguarding.team(tenantId);
    // Who receives children's disclosures is an administrator's decision (VOICELOOP_ADMINS; in local
    // mode with none configured, everyone): the lead keeps the role until they or an admin hand it on.
    const admin = deps.isAdmin ? deps.isAdmin(actor) : true;
    const isLead = lead?.personKey === personKey(actor);
    let text: string;
    if (action === 'me' && (isLead || admin)) {
      if (conversationTypeOf(context.activity) === 'personal') await conversations.upsert(storedConversationOf(context.activity, deps.clock.now()));
      await deps.safeguarding.setLead(tenantId, { personKey: personKey(actor), userId: actor.userId, name: actor.name }, actor);
      const replaced = lead && !isLead ? ` (in place of ${lead.name ?? 'the previous lead'})` : '';
      text = `You are the designated safeguarding lead${replaced}. Alerts come to you here, 1:1, at once.`;
    } else if (action === 'clear' && (isLead || (admin && lead))) {
      await deps.safeguarding.setLead(tenantId, undefined, actor);
      text = `${isLead ? 'You are' : `${lead?.name ?? 'The lead'} is`} no longer the safeguarding lead. Surveys for young people with free text cannot be published until someone is.`;
    } else if (action && !admin) {
      text = 'Only a VoiceLoop administrator (or the lead, to step down) can change the safeguarding lead. Your IT team lists administrators in the VOICELOOP_ADMINS setting.';
    } else if (lead) {
      text = `The designated safeguarding lead is ${lead.name ?? 'set'}. ${deputiesText(deputies)} The lead or an administrator can hand the role on.`;
    } else {
      text = `No safeguarding lead is set. ${deputiesText(deputies)} An administrator who is the lead types "safeguarding lead me" in their 1:1 chat with VoiceLoop.`;
    }
    await context.sendActivity(cardMessage(noticeCard('Safeguarding lead', text)));
  });

  app.message(SAFEGUARDING_DEPUTY, async (context) => {
    const match = SAFEGUARDING_DEPUTY.exec(context.activity.text ?? '');
    const action = match?.[1]?.toLowerCase();
    const named = match?.[2]?.trim();
    const actor = actorOf(context.activity);
    const tenantId = tenantOf(context.activity);
    // As for the lead: an administrator names deputies, in their own 1:1 chat (so escalations can reach
    // them there); a deputy may always step down.
    const admin = deps.isAdmin ? deps.isAdmin(actor) : true;
    const mine = (d: SafeguardingLead): boolean => d.personKey === personKey(actor);
    let text: string;
    let tone: 'default' | 'attention' | 'good' = 'default';
    try {
      if (action === 'me') {
        if (!admin) throw new DomainError('forbidden', 'Only a VoiceLoop administrator can become a deputy safeguarding lead. Your IT team lists administrators in the VOICELOOP_ADMINS setting.');
        if (conversationTypeOf(context.activity) !== 'personal') {
          throw new DomainError('invalid_input', 'Type "safeguarding deputy me" in your 1:1 chat with VoiceLoop: escalated alerts come to you there.');
        }
        await conversations.upsert(storedConversationOf(context.activity, deps.clock.now()));
        const added = await deps.safeguarding.addDeputy(actor, { personKey: personKey(actor), userId: actor.userId, name: actor.name });
        text = added
          ? 'You are a deputy safeguarding lead. An alert the lead has not acknowledged in time comes to you here, 1:1.'
          : 'You are already a deputy safeguarding lead.';
        tone = 'good';
      } else if (action === 'remove' && !named) {
        const removed = await deps.safeguarding.removeDeputies(actor, mine);
        text = removed.length > 0 ? 'You are no longer a deputy safeguarding lead.' : 'You are not a deputy safeguarding lead.';
      } else if (action === 'remove' || action === 'clear') {
        if (!admin) throw new DomainError('forbidden', 'Only a VoiceLoop administrator can remove other deputy leads. A deputy steps down with "safeguarding deputy remove".');
        const { deputies } = await deps.safeguarding.team(tenantId);
        const wanted = (named ?? '').toLowerCase();
        const matching = action === 'clear' ? deputies : deputies.filter((d) => (d.name ?? '').toLowerCase() === wanted);
        if (action === 'remove' && matching.length !== 1) {
          throw new DomainError(
            'invalid_input',
            matching.length === 0
              ? `No deputy lead is called "${named}". ${deputiesText(deputies)}`
              : `More than one deputy lead is called "${named}": remove them all with "safeguarding deputy clear" and name the right ones again.`
          );
        }
        const keys = new Set(matching.map((d) => d.personKey));
        const removed = await deps.safeguarding.removeDeputies(actor, (d) => keys.has(d.personKey));
        text = removed.length > 0 ? `Removed: ${removed.map((d) => d.name ?? d.userId).join(', ')}. ${deputiesText(await deps.safeguarding.team(tenantId).then((t) => t.deputies))}` : 'There were no deputy leads to remove.';
      } else {
        const { deputies } = await deps.safeguarding.team(tenantId);
        text = `${deputiesText(deputies)} An alert the lead has not acknowledged in time goes to them. An administrator becomes one with "safeguarding deputy me" in their 1:1 chat with VoiceLoop.`;
      }
    } catch (error) {
      if (!isDomainError(error)) throw error;
      text = error.message;
      tone = 'attention';
    }
    await context.sendActivity(cardMessage(noticeCard('Deputy safeguarding leads', text, tone)));
  });

  app.message(/^\s*safeguarding\s+alerts\s*$/i, async (context) => {
    const actor = actorOf(context.activity);
    if (!(await deps.safeguarding.isLeadOrDeputy(actor))) {
      await context.sendActivity(cardMessage(noticeCard('Safeguarding alerts', 'Only the designated safeguarding lead and the deputy leads see safeguarding alerts.', 'attention')));
      return;
    }
    if (conversationTypeOf(context.activity) !== 'personal') {
      await context.sendActivity(cardMessage(noticeCard('Safeguarding alerts', 'Type "safeguarding alerts" in your 1:1 chat with VoiceLoop: alerts are never shown in a shared chat.', 'attention')));
      return;
    }
    await context.sendActivity(cardMessage(safeguardingAlertsCard(await deps.safeguarding.openAlerts(actor), DEALT_WITH_DAYS)));
  });

  // The alert cards' buttons: only the lead and deputies (the service refuses anyone else with a 403).
  app.adaptiveCards.actionExecute(
    VERBS.safeguardingAcknowledge,
    invokeHandler(log, async (context, data) => {
      const actor = actorOf(context.activity);
      const ref = { subjectId: requireString(data, 'subjectId'), alertKey: requireString(data, 'alertKey') };
      const { first, card } = await deps.safeguarding.acknowledge(actor, ref, context.activity.replyToId);
      log.info({ first }, 'safeguarding alert acknowledged');
      await sendCard(context, card);
    })
  );

  app.adaptiveCards.actionExecute(
    VERBS.safeguardingAlertShow,
    invokeHandler(log, async (context, data) => {
      const actor = actorOf(context.activity);
      if (conversationTypeOf(context.activity) !== 'personal') throw new DomainError('forbidden', 'Safeguarding alerts are shown only in your 1:1 chat with VoiceLoop.');
      const card = await deps.safeguarding.alertCardFor(actor, { subjectId: requireString(data, 'subjectId'), alertKey: requireString(data, 'alertKey') });
      // The alert as a message of its own (its button works there); the list stays as it was, refreshed.
      await context.sendActivity(cardMessage(card));
      await sendCard(context, safeguardingAlertsCard(await deps.safeguarding.openAlerts(actor), DEALT_WITH_DAYS));
    })
  );

  const settings = deps.deliverySettings;
  if (!settings) return;
  app.message(/^\s*delivery\s+settings\s*$/i, async (context) => {
    const actor = actorOf(context.activity);
    const current = await settings.view(tenantOf(context.activity));
    await context.sendActivity(cardMessage(deliverySettingsCard(current, { isAdmin: settings.isAdmin(actor) })));
  });

  app.adaptiveCards.actionExecute(
    VERBS.deliverySettingsSave,
    invokeHandler(log, async (context, data) => {
      const actor = actorOf(context.activity);
      const tenantId = tenantOf(context.activity);
      const submitted = Object.fromEntries(FORM_FIELDS.map((k) => [k, typeof data[k] === 'string' ? data[k] : ''])) as unknown as DeliverySettingsForm;
      try {
        const { settings: saved, changes } = await settings.save(actor, submitted);
        log.info({ changes: changes.length }, 'delivery settings saved');
        const text = changes.length > 0 ? 'Saved. What changed:' : 'Nothing had changed.';
        await sendCard(context, deliverySettingsCard(saved, { isAdmin: true, notice: { text, tone: 'good' }, changes }));
      } catch (error) {
        if (error instanceof SettingsFormError) {
          // The form again, as it was filled in, with what to fix next to each field: nothing was saved.
          // It keeps the ETag it was made with (it passed the check): a change someone saved since is
          // still not overwritten by the next Save.
          const current = await settings.view(tenantId);
          await sendCard(context, deliverySettingsCard(current, { isAdmin: true, notice: { text: 'Not saved: please check the fields marked below.', tone: 'attention' }, submitted, errors: error.errors }));
          return;
        }
        if (isDomainError(error) && error.code === 'conflict') {
          const current = await settings.view(tenantId);
          await sendCard(context, deliverySettingsCard(current, { isAdmin: settings.isAdmin(actor), notice: { text: error.message, tone: 'attention' } }));
          return;
        }
        throw error;
      }
    })
  );
}

const SAFEGUARDING_DEPUTY = /^\s*safeguarding\s+(?:deputy|deputies)(?:\s+(me|remove|clear)(?:\s+(.+?))?)?\s*$/i;

/** "The deputy leads are Dan and Eve." */
function deputiesText(deputies: readonly SafeguardingLead[]): string {
  if (deputies.length === 0) return 'No deputy lead is set.';
  const names = deputies.map((d) => d.name ?? d.userId);
  return `${names.length === 1 ? 'The deputy lead is' : 'The deputy leads are'} ${names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`}.`;
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
