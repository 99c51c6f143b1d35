import { type InvokeResponse, TurnContext, ActivityTypes } from 'botbuilder';
import { type DomainError, type DomainErrorCode, isDomainError } from '../../domain/shared/errors';
import type { AdaptiveCardJson } from '../../cards/shared/render';
import { clipTypedEcho } from '../../cards/shared/typed-echo';
import type { Logger } from '../../log';
import { replaceCard } from './card-message';

const STATUS: Record<DomainErrorCode, number> = {
  invalid_input: 400,
  not_found: 404,
  forbidden: 403,
  closed: 409,
  conflict: 409,
  unsupported: 400
};

/** Answers an invoke; the library's own response logic is skipped once this has been sent. */
export async function sendInvoke(context: TurnContext, response: InvokeResponse): Promise<void> {
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: response });
}

/**
 * An Adaptive Card as the answer to an `adaptiveCard/action` invoke (replaces the card for this person). A form
 * that comes back refused shows at most the allowed length of what was typed (cards/shared/typed-echo.ts).
 */
export function sendCard(context: TurnContext, card: AdaptiveCardJson): Promise<void> {
  return sendInvoke(context, { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: clipTypedEcho(card) } });
}

/**
 * Answers an Action.Execute with the card `act` makes; when the domain refuses the action with one of
 * `refusals` (a closed poll, a race, a missing field), with the card `refused` makes instead, which
 * shows the current state and the reason. Any other failure is raised.
 */
export async function sendCardOrRefusal(
  context: TurnContext,
  refusals: readonly DomainErrorCode[],
  act: () => Promise<AdaptiveCardJson>,
  refused: (error: DomainError) => Promise<AdaptiveCardJson>
): Promise<void> {
  let card: AdaptiveCardJson;
  try {
    card = await act();
  } catch (error) {
    if (!isDomainError(error) || !refusals.includes(error.code)) throw error;
    card = await refused(error);
  }
  await sendCard(context, card);
}

/**
 * Answers an Action.Execute with `card` and replaces the message the action came from (a form posted
 * in the chat, which everyone else still sees empty) with the same card; `failure` is logged if that
 * replacement fails.
 */
export async function sendCardToAll(context: TurnContext, card: AdaptiveCardJson, log: Logger, failure: string): Promise<void> {
  const replyToId = context.activity.replyToId;
  if (replyToId) await replaceCard(context, replyToId, card, log, failure);
  await sendCard(context, card);
}

/** A proper invoke error: `application/vnd.microsoft.error` with a 4xx (or 500) status. */
export function sendInvokeError(context: TurnContext, status: number, code: string, message: string): Promise<void> {
  return sendInvoke(context, { status, body: { statusCode: status, type: 'application/vnd.microsoft.error', value: { code, message } } });
}

/**
 * Maps a failure in an invoke handler to an invoke error: domain errors carry their own safe
 * message; anything else is logged and answered with a generic 500 that reveals nothing internal.
 */
export async function sendFailure(context: TurnContext, error: unknown, log: Logger): Promise<void> {
  if (isDomainError(error)) {
    log.info({ code: error.code }, `invoke refused: ${error.message}`);
    await sendInvokeError(context, STATUS[error.code], error.code, error.message);
    return;
  }
  log.error({ err: error }, 'invoke failed');
  await sendInvokeError(context, 500, 'internal_error', 'Sorry, something went wrong. Please try again.');
}
