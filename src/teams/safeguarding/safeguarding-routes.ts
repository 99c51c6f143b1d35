/**
 * Safeguarding commands (docs/delivery.md, "Safeguarding"):
 * - `safeguarding lead` shows, takes or hands back the role of designated safeguarding lead;
 *   `safeguarding deputy` names deputy leads; `safeguarding alerts` lists open alerts (lead and deputies);
 * - "I'm dealing with this" and "Show the alert" on the alert cards (Action.Execute).
 */
import { noticeCard } from '../../cards/shared/notice-card';
import { safeguardingAlertsCard } from '../../cards/safeguarding/safeguarding-cards';
import { VERBS } from '../../cards/shared/verbs';
import { type Actor, personKey } from '../../domain/shared/conversation';
import { DomainError, isDomainError } from '../../domain/shared/errors';
import { DEALT_WITH_DAYS, type SafeguardingService } from '../../domain/safeguarding/safeguarding-service';
import type { SafeguardingLead } from '../../domain/delivery/delivery-settings';
import { actorOf, conversationTypeOf, storedConversationOf, tenantOf } from '../shared/activity';
import { cardMessage } from '../shared/card-message';
import { sendCard } from '../shared/invoke';
import { type App, type TeamsDeps, invokeHandler, requireString } from '../shared/route-helpers';

export interface SafeguardingRouteDeps {
  safeguarding: SafeguardingService;
  /** Who the administrators are (they name the safeguarding lead); absent: anyone may take the role. */
  isAdmin?: (actor: Actor) => boolean;
}

export function registerSafeguardingRoutes(app: App, deps: TeamsDeps & SafeguardingRouteDeps): void {
  const { conversations, log } = deps;

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
}

const SAFEGUARDING_DEPUTY = /^\s*safeguarding\s+(?:deputy|deputies)(?:\s+(me|remove|clear)(?:\s+(.+?))?)?\s*$/i;

/** "The deputy leads are Dan and Eve." */
function deputiesText(deputies: readonly SafeguardingLead[]): string {
  if (deputies.length === 0) return 'No deputy lead is set.';
  const names = deputies.map((d) => d.name ?? d.userId);
  return `${names.length === 1 ? 'The deputy lead is' : 'The deputy leads are'} ${names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`}.`;
}
