import { type Activity, CardFactory, MessageFactory } from 'botbuilder';
import type { AdaptiveCardJson } from '../../cards/shared/render';

/** A message activity carrying one Adaptive Card. */
export function cardMessage(card: AdaptiveCardJson, id?: string): Partial<Activity> {
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card));
  if (id) activity.id = id;
  return activity;
}
