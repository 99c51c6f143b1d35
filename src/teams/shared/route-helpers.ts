import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { Clock } from '../../domain/shared/clock';
import { DomainError, isDomainError } from '../../domain/shared/errors';
import type { ApprovalService } from '../../domain/approvals/approval-service';
import type { EngagementGate } from '../../domain/plans/engagement-gate';
import type { PlanService } from '../../domain/plans/plan-service';
import type { ScheduledPollService } from '../../domain/polls/scheduled-poll';
import type { PollSeriesService } from '../../domain/polls/poll-series';
import type { PollWaiting } from '../../domain/polls/poll-waiting';
import type { PollService } from '../../domain/polls/poll-service';
import type { PreferenceService } from '../../domain/preferences/preference-service';
import type { SessionService } from '../../domain/sessions/session-service';
import type { SurveyService } from '../../domain/surveys/survey-service';
import type { ConversationRepository } from '../../domain/shared/ports';
import type { Logger } from '../../log';
import { sendFailure, sendInvokeError } from './invoke';
import type { TeamsProactiveSender } from './proactive';

/** What every route module needs from the composition root. */
export interface TeamsDeps {
  polls: PollService;
  /** Polls posted later, from the poll form's "Post at" (docs/recurrence.md). */
  scheduledPolls?: ScheduledPollService;
  /** Recurring polls, from the poll form's "Repeat" (docs/recurrence.md). */
  pollSeries?: PollSeriesService;
  /** Who has not voted in a named poll, and "Nudge the rest" (docs/recurrence.md). */
  pollWaiting?: PollWaiting;
  conversations: ConversationRepository;
  /** Engagement plans and working-group approvals (docs/approvals.md). */
  plans: PlanService;
  approvals: ApprovalService;
  /** The approval gate: which plans a survey may belong to, and `engagement gate on|off` (docs/approvals.md). */
  engagementGate: EngagementGate;
  /** Proactive 1:1 and channel messages; attached to the adapter by createTeamsBot. */
  proactive: TeamsProactiveSender;
  /** Surveys, virtual sessions and communication preferences (docs/surveys.md). */
  surveys: SurveyService;
  sessions: SessionService;
  preferenceService: PreferenceService;
  /** How `survey export` delivers the CSV: a Teams file consent card in 1:1 chats, else a download link. */
  exportDelivery?: 'link' | 'fileConsent';
  clock: Clock;
  log: Logger;
}

export type App = Application<TurnState>;
export type InvokeData = Record<string, unknown>;

/** The payload of an Action.Execute, checked to be an object. */
export function asData(data: unknown): InvokeData {
  return data && typeof data === 'object' && !Array.isArray(data) ? (data as InvokeData) : {};
}

/** A required string field of an action's data, else a 400 the client can show. */
export function requireString(data: InvokeData, field: string): string {
  const value = data[field];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new DomainError('invalid_input', `The request is missing "${field}".`);
  }
  return value;
}

/**
 * The problems a form shows when it comes back after `invalid_input`: each beside its field, else one
 * for the whole form. Any other failure is not a form problem and is rethrown.
 */
export function formErrorsOf(error: unknown): Record<string, string> {
  if (!isDomainError(error) || error.code !== 'invalid_input') throw error;
  return Object.keys(error.fields).length > 0 ? error.fields : { form: error.message };
}

/**
 * Wraps an Action.Execute handler: the handler answers the invoke itself (never through the
 * library's own response logic), and any failure becomes a proper invoke error.
 */
export function invokeHandler(
  log: Logger,
  handler: (context: TurnContext, data: InvokeData) => Promise<void>
): (context: TurnContext, state: TurnState, data: unknown) => Promise<string> {
  return async (context, _state, data) => {
    try {
      await handler(context, asData(data));
    } catch (error) {
      await sendFailure(context, error, log);
    }
    return '';
  };
}

/** Registered last: an invoke or Action.Execute verb nobody handles gets a 400, not a silent 501. */
export function registerFallbackRoutes(app: App): void {
  app.adaptiveCards.actionExecute(/.*/, async (context) => {
    const verb = (context.activity.value as { action?: { verb?: unknown } } | undefined)?.action?.verb;
    await sendInvokeError(context, 400, 'unknown_verb', `VoiceLoop does not know the action "${String(verb ?? '')}".`);
    return '';
  });
  app.activity(ActivityTypes.Invoke, async (context) => {
    await sendInvokeError(context, 400, 'unsupported_invoke', `VoiceLoop does not handle "${context.activity.name ?? ''}" here.`);
  });
}
