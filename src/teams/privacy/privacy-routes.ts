/**
 * Teams side of retention and erasure (docs/privacy.md):
 * - `privacy` / `privacy retention` shows how long answers are kept; `privacy retention <days>` (admins) sets it;
 * - `privacy erase <@mention | Entra object id | 29:user id>` (admins, 1:1 only) shows what would be
 *   removed and kept, with Erase / Cancel (Action.Execute); Erase runs once per request.
 */
import { type TurnContext, TeamsInfo } from 'botbuilder';
import { noticeCard } from '../../cards/shared/notice-card';
import { eraseCancelledCard, eraseConfirmCard, eraseDoneCard, retentionCard } from '../../cards/privacy/privacy-cards';
import { VERBS } from '../../cards/shared/verbs';
import { DomainError, isDomainError } from '../../domain/shared/errors';
import { type Mention, type PersonIdentity, parsePersonReference } from '../../domain/privacy/privacy';
import type { PrivacyService } from '../../domain/privacy/privacy-service';
import { cleanName } from '../../domain/shared/text';
import { actorOf, conversationTypeOf, tenantOf, timeZoneOf } from '../shared/activity';
import { cardMessage } from '../shared/card-message';
import { sendCard } from '../shared/invoke';
import { type App, type TeamsDeps, invokeHandler } from '../shared/route-helpers';

export interface PrivacyRouteDeps {
  privacy: PrivacyService;
}

const RETENTION = /^\s*privacy(?:\s+retention(?:\s+(.*))?)?\s*$/is;
const ERASE = /^\s*privacy\s+erase\b(.*)$/is;

/** People @mentioned in the message, not the bot; with their Entra object id when Teams can tell us. */
export async function mentionsOf(context: TurnContext): Promise<Mention[]> {
  const raw = (context.activity.entities ?? []).filter(
    (e) => e.type === 'mention' && (e as { mentioned?: { id?: string } }).mentioned?.id !== context.activity.recipient?.id
  ) as { mentioned?: { id?: string; name?: string; aadObjectId?: string } }[];
  const out: Mention[] = [];
  for (const m of raw) {
    const id = m.mentioned?.id;
    if (!id) continue;
    let aadObjectId = m.mentioned?.aadObjectId;
    if (!aadObjectId) {
      try {
        aadObjectId = (await TeamsInfo.getMember(context, id)).aadObjectId || undefined;
      } catch {
        // Not a member Teams can look up here: the user id is enough to find them.
      }
    }
    out.push({ id, aadObjectId, name: cleanName(m.mentioned?.name) });
  }
  return out;
}

export function registerPrivacyRoutes(app: App, deps: TeamsDeps & PrivacyRouteDeps): void {
  const { privacy, log } = deps;

  const refuse = async (context: TurnContext, title: string, error: unknown): Promise<void> => {
    if (!isDomainError(error)) throw error;
    log.info({ code: error.code }, `${title}: refused`);
    await context.sendActivity(cardMessage(noticeCard(title, error.message, 'attention')));
  };

  app.message(RETENTION, async (context) => {
    const value = RETENTION.exec(context.activity.text ?? '')?.[1]?.trim();
    const actor = actorOf(context.activity);
    const timeZone = timeZoneOf(context.activity);
    try {
      if (value) {
        const saved = await privacy.setRetention(actor, value);
        await context.sendActivity(
          cardMessage(retentionCard(saved, { isAdmin: true, timeZone, notice: `Answers are now kept for ${saved.retentionDays} days after a survey closes` }))
        );
        return;
      }
      const settings = await privacy.settings(tenantOf(context.activity));
      await context.sendActivity(cardMessage(retentionCard(settings, { isAdmin: privacy.isAdmin(actor), timeZone })));
    } catch (error) {
      await refuse(context, 'Retention not changed', error);
    }
  });

  app.message(ERASE, async (context) => {
    const actor = actorOf(context.activity);
    try {
      if (!privacy.isAdmin(actor)) {
        throw new DomainError('forbidden', 'Only VoiceLoop administrators can erase a person\'s data. Your IT team lists them in the VOICELOOP_ADMINS setting.');
      }
      if (conversationTypeOf(context.activity) !== 'personal') {
        throw new DomainError('invalid_input', 'Type this in your 1:1 chat with VoiceLoop: what is stored about a person is not for a group to see.');
      }
      const mentions = await mentionsOf(context);
      const argument = (ERASE.exec(context.activity.text ?? '')?.[1] ?? '').replace(/<at>.*?<\/at>/gi, ' ');
      // A mention wins; otherwise the one word after "privacy erase" is an Entra object id or a 29: user id.
      const ref = parsePersonReference(argument, mentions);
      const preview = await privacy.previewErase(actor, ref);
      await context.sendActivity(cardMessage(eraseConfirmCard(preview)));
    } catch (error) {
      await refuse(context, 'Nothing erased', error);
    }
  });

  app.adaptiveCards.actionExecute(
    VERBS.privacyEraseConfirm,
    invokeHandler(log, async (context, data) => {
      const result = await privacy.erase(actorOf(context.activity), data.requestId, (data.person ?? {}) as PersonIdentity);
      log.info({ alreadyDone: result.alreadyDone }, 'privacy erase confirmed');
      await sendCard(context, eraseDoneCard(result));
    })
  );

  app.adaptiveCards.actionExecute(
    VERBS.privacyEraseCancel,
    invokeHandler(log, async (context) => sendCard(context, eraseCancelledCard()))
  );
}
