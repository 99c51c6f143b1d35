/**
 * `engagement gate` (docs/approvals.md, "The approval gate"): anyone sees whether surveys for young
 * people and parent carers need an approved plan; administrators turn it off (`engagement gate off`) for
 * a council that governs its engagement elsewhere, or on again. Each change is audited.
 */
import { noticeCard } from '../../cards/shared/notice-card';
import { isDomainError } from '../../domain/shared/errors';
import { actorOf, tenantOf } from '../shared/activity';
import { cardMessage } from '../shared/card-message';
import type { App, TeamsDeps } from '../shared/route-helpers';

const GATE = /^\s*engagement\s+gate(?:\s+(\S+))?\s*$/i;

const ON_TEXT =
  'On: a survey for young people or parent carers is published, sent or run in a session only once the working group has approved its engagement plan.';
const OFF_TEXT =
  'Off: surveys for young people and parent carers go out without an approved plan (this organisation governs its engagement elsewhere).';

export function registerEngagementGateRoutes(app: App, deps: TeamsDeps): void {
  const { engagementGate, log } = deps;

  app.message(GATE, async (context) => {
    const word = GATE.exec(context.activity.text ?? '')?.[1]?.toLowerCase();
    const actor = actorOf(context.activity);
    if (word === undefined) {
      const on = await engagementGate.isOn(tenantOf(context.activity));
      const how = 'Administrators change it with "engagement gate off" or "engagement gate on".';
      await context.sendActivity(cardMessage(noticeCard('The approval gate', `${on ? ON_TEXT : OFF_TEXT} ${how}`, on ? 'good' : 'attention')));
      return;
    }
    if (word !== 'on' && word !== 'off') {
      await context.sendActivity(cardMessage(noticeCard('Not changed', 'Type "engagement gate on" or "engagement gate off".', 'attention')));
      return;
    }
    try {
      const on = word === 'on';
      const { changed } = await engagementGate.set(actor, on);
      const already = changed ? '' : ' (it already was)';
      await context.sendActivity(cardMessage(noticeCard(`The approval gate is ${word}${already}`, on ? ON_TEXT : OFF_TEXT, on ? 'good' : 'attention')));
    } catch (error) {
      if (!isDomainError(error)) throw error;
      log.info({ code: error.code }, 'engagement gate change refused');
      await context.sendActivity(cardMessage(noticeCard('Not changed', error.message, 'attention')));
    }
  });
}
