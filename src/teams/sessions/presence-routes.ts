/**
 * `session present @name …` (docs/groups.md): in a running session, the facilitator records who took part
 * in the room, so they hear back what changed like everyone who answered on a card.
 */
import { noticeCard } from '../../cards/shared/notice-card';
import type { SessionPresence } from '../../domain/sessions/presence';
import { isDomainError } from '../../domain/shared/errors';
import { actorOf, tenantOf } from '../shared/activity';
import { cardMessage } from '../shared/card-message';
import type { App, TeamsDeps } from '../shared/route-helpers';
import { mentionsOf } from '../privacy/privacy-routes';

export interface PresenceRouteDeps {
  presence: SessionPresence;
}

const PRESENT = /^\s*session\s+present\b/i;

export function registerPresenceRoutes(app: App, deps: TeamsDeps & PresenceRouteDeps): void {
  app.message(PRESENT, async (context) => {
    try {
      const people = (await mentionsOf(context)).map((m) => ({ personKey: m.aadObjectId ?? m.id, userId: m.id, name: m.name }));
      const { title, added, already } = await deps.presence.recordPresent(tenantOf(context.activity), context.activity.conversation.id, actorOf(context.activity), people);
      const again = already > 0 ? ` ${already} ${already === 1 ? 'was' : 'were'} recorded already.` : '';
      await context.sendActivity(
        cardMessage(noticeCard('Recorded who was there', `${added} ${added === 1 ? 'person' : 'people'} took part in "${title}" in the room and will hear back what changed.${again}`, 'good'))
      );
    } catch (error) {
      if (!isDomainError(error)) throw error;
      deps.log.info({ code: error.code }, 'session present refused');
      await context.sendActivity(cardMessage(noticeCard('Not recorded', error.message, 'attention')));
    }
  });
}
