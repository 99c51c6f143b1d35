import { type TurnContext, TeamsInfo } from 'botbuilder';
import { preferencesCard } from '../../cards/preferences/preferences-cards';
import { VERBS } from '../../cards/shared/verbs';
import { personKey } from '../../domain/shared/conversation';
import type { PreferenceService } from '../../domain/preferences/preference-service';
import { cleanName } from '../../domain/shared/text';
import { actorOf, tenantOf } from '../shared/activity';
import { cardMessage } from '../shared/card-message';
import { sendCard } from '../shared/invoke';
import { type App, type TeamsDeps, invokeHandler } from '../shared/route-helpers';

export interface PreferenceRouteDeps {
  preferenceService: PreferenceService;
}

/** The person a staff member @mentioned after "preferences" (to record theirs on their behalf). */
async function mentionedPerson(context: TurnContext): Promise<{ personKey: string; name?: string } | undefined> {
  const mention = (context.activity.entities ?? []).find(
    (e) => e.type === 'mention' && (e as { mentioned?: { id?: string } }).mentioned?.id !== context.activity.recipient?.id
  ) as { mentioned?: { id?: string; name?: string } } | undefined;
  const id = mention?.mentioned?.id;
  if (!id) return undefined;
  try {
    const member = await TeamsInfo.getMember(context, id);
    return { personKey: member.aadObjectId || id, name: cleanName(member.name ?? mention?.mentioned?.name) };
  } catch {
    return { personKey: id, name: cleanName(mention?.mentioned?.name) };
  }
}

/** Communication preferences: a person's own (typed, or from the easy-read help card), or recorded by staff on their behalf. */
export function registerPreferenceRoutes(app: App, deps: TeamsDeps & PreferenceRouteDeps): void {
  const { preferenceService, log } = deps;

  app.message(/^\s*preferences\b.*$/i, async (context) => {
    const tenantId = tenantOf(context.activity);
    const actor = actorOf(context.activity);
    const other = await mentionedPerson(context);
    const target = other ?? { personKey: personKey(actor), name: undefined };
    const prefs = await preferenceService.get(tenantId, target.personKey);
    await context.sendActivity(cardMessage(preferencesCard({ personKey: target.personKey, forName: other?.name ?? (other ? 'this person' : undefined), prefs })));
  });

  // "Change how cards look" on the easy-read help card: the person's own preferences, in place.
  app.adaptiveCards.actionExecute(
    VERBS.preferencesShow,
    invokeHandler(log, async (context) => {
      const own = personKey(actorOf(context.activity));
      const prefs = await preferenceService.get(tenantOf(context.activity), own);
      await sendCard(context, preferencesCard({ personKey: own, prefs }));
    })
  );

  app.adaptiveCards.actionExecute(
    VERBS.preferencesSave,
    invokeHandler(log, async (context, data) => {
      const tenantId = tenantOf(context.activity);
      const actor = actorOf(context.activity);
      const own = personKey(actor);
      const target = typeof data.personKey === 'string' && data.personKey !== '' ? data.personKey : own;
      const prefs = await preferenceService.set(tenantId, {
        personKey: target,
        name: target === own ? actor.name : undefined,
        needs: data.needs,
        note: data.note,
        by: own
      });
      await sendCard(context, preferencesCard({ personKey: target, forName: target === own ? undefined : 'this person', prefs, notice: 'Saved. Thank you.' }));
    })
  );
}
