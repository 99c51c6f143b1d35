/**
 * `ladder` (docs/approvals.md, "The council's ladder"): anyone sees the council's ladder of co-production
 * and its steps; administrators choose another (`ladder west sussex`, `ladder bury`, `ladder tlap`). Each
 * change is audited; plans already made keep the ladder they were made with.
 */
import { noticeCard } from '../../cards/shared/notice-card';
import { LADDERS, LADDER_IDS, ladderOf, parseLadderChoice } from '../../domain/plans/ladder';
import { isDomainError } from '../../domain/shared/errors';
import { actorOf, tenantOf } from '../shared/activity';
import { cardMessage } from '../shared/card-message';
import type { App, TeamsDeps } from '../shared/route-helpers';

const LADDER = /^\s*ladder(?:\s+(.+?))?\s*$/i;

const stepsOf = (id: Parameters<typeof ladderOf>[0]): string => ladderOf(id).steps.map((s) => s.words).join(' → ');

export function registerLadderRoutes(app: App, deps: TeamsDeps): void {
  const { plans, log } = deps;

  app.message(LADDER, async (context) => {
    const words = LADDER.exec(context.activity.text ?? '')?.[1];
    const actor = actorOf(context.activity);
    if (words === undefined) {
      const current = ladderOf(await plans.councilLadder(tenantOf(context.activity)));
      const others = LADDER_IDS.filter((id) => id !== current.id).map((id) => `${LADDERS[id].name} ("ladder ${id === 'westSussex' ? 'west sussex' : id}")`);
      await context.sendActivity(
        cardMessage(
          noticeCard(
            `The council's ladder: ${current.label}`,
            `Plans aim for a step on ${current.name}, bottom to top: ${stepsOf(current.id)}. Administrators can choose ${others.join(' or ')}. Plans already made keep the ladder they were made with.`,
            'good'
          )
        )
      );
      return;
    }
    try {
      const id = parseLadderChoice(words);
      const { changed } = await plans.chooseLadder(actor, id);
      const ladder = ladderOf(id);
      await context.sendActivity(
        cardMessage(
          noticeCard(
            `The council's ladder is ${ladder.label}${changed ? '' : ' (it already was)'}`,
            `New plans aim for a step on ${ladder.name}: ${stepsOf(id)}. Plans already made keep the ladder they were made with, and say so on their cards.`,
            'good'
          )
        )
      );
    } catch (error) {
      if (!isDomainError(error)) throw error;
      log.info({ code: error.code }, 'ladder change refused');
      await context.sendActivity(cardMessage(noticeCard('Not changed', error.message, 'attention')));
    }
  });
}
