/** Manager digests (docs/findings.md): `digest`, `digest subscribe [day] [HH:MM]`, `digest stop`. The audit and the report: teams/reports. */
import { digestCard } from '../../cards/digests/digest-cards';
import { noticeCard } from '../../cards/shared/notice-card';
import { isDomainError } from '../../domain/shared/errors';
import type { DigestService } from '../../domain/digests/digest-service';
import { formatForPeople } from '../../domain/shared/time';
import { actorOf, tenantOf } from '../shared/activity';
import { cardMessage } from '../shared/card-message';
import type { App, TeamsDeps } from '../shared/route-helpers';

export interface DigestRouteDeps {
  digests: DigestService;
}

export function registerDigestRoutes(app: App, deps: TeamsDeps & DigestRouteDeps): void {
  const { digests } = deps;

  app.message(/^\s*digest\s*$/i, async (context) => {
    await context.sendActivity(cardMessage(digestCard(await digests.digest(tenantOf(context.activity)))));
  });

  app.message(/^\s*digest\s+subscribe\b(.*)$/i, async (context) => {
    const words = /^\s*digest\s+subscribe\b(.*)$/i.exec(context.activity.text ?? '')?.[1] ?? '';
    try {
      const { schedule, next } = await digests.subscribe(actorOf(context.activity), words);
      const day = schedule.day[0]!.toUpperCase() + schedule.day.slice(1);
      await context.sendActivity(
        cardMessage(noticeCard('Digest subscribed', `You will get the digest 1:1 every ${day} at ${schedule.time} (UK time). The first comes ${formatForPeople(next, 'Europe/London')}. Type "digest stop" to stop it.`, 'good'))
      );
    } catch (error) {
      if (!isDomainError(error)) throw error;
      await context.sendActivity(cardMessage(noticeCard('Digest', error.message, 'attention')));
    }
  });

  app.message(/^\s*digest\s+stop\s*$/i, async (context) => {
    await digests.unsubscribe(actorOf(context.activity));
    await context.sendActivity(cardMessage(noticeCard('Digest stopped', 'You will not get the digest any more. Type "digest subscribe" to start again.', 'default')));
  });
}
