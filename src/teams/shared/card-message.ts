import { type Activity, CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import type { AdaptiveCardJson } from '../../cards/shared/render';
import type { Logger } from '../../log';

/** A message activity carrying one Adaptive Card. */
export function cardMessage(card: AdaptiveCardJson, id?: string): Partial<Activity> {
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card));
  if (id) activity.id = id;
  return activity;
}

/** Posts a card in the turn's conversation; the id Teams gave the message (to update it later), if any. */
export async function postCard(context: TurnContext, card: AdaptiveCardJson): Promise<string | undefined> {
  const posted = await context.sendActivity(cardMessage(card));
  return posted?.id;
}

/**
 * Replaces a card posted before, for everyone in the conversation. Best effort: a failure is logged
 * with `failure` and not raised, so the turn's own answer still goes.
 */
export async function replaceCard(context: TurnContext, activityId: string, card: AdaptiveCardJson, log: Logger, failure: string): Promise<void> {
  await context.updateActivity(cardMessage(card, activityId)).catch((error: unknown) => {
    log.warn({ err: error }, failure);
  });
}
