/**
 * Guests (docs/approvals.md, "Guests from outside the council"): working-group members from the Parent
 * Carer Forum, SENDIASS, People First or health are often guests of the council's tenant (Teams guest
 * access, `userRole: guest`). They sit on working groups, decide on approval cards and get reminders like
 * any member — and never see more than a member should: this guard refuses them, before any route runs,
 * the administrators' commands, safeguarding, raw answers and their exports, making or sending surveys,
 * and the council's own management figures (digest, audits, board report).
 *
 * Who is a guest: Teams says so on the activity (`from.userRole`), on the team roster read when the working
 * group was set up (`GroupMember.guest`), or, asked only when a command carrying power or raw answers comes in
 * (not for the management figures), on the member
 * lookup (`TeamsInfo.getMember`, remembered for ten minutes). Any one of them is enough.
 */
import { type TurnContext, ActivityTypes, TeamsInfo } from 'botbuilder';
import { noticeCard } from '../../cards/shared/notice-card';
import { VERBS } from '../../cards/shared/verbs';
import { isGuestMember } from '../../domain/approvals/working-group';
import type { ApprovalService } from '../../domain/approvals/approval-service';
import { personKey } from '../../domain/shared/conversation';
import type { Clock } from '../../domain/shared/clock';
import type { Logger } from '../../log';
import { actorOf } from './activity';
import { cardMessage } from './card-message';
import { sendCard, sendInvokeError } from './invoke';
import type { App } from './route-helpers';

/**
 * The council's own management figures (suppressed counts): refused to anyone Teams or the working groups
 * already mark as a guest, without asking Teams again (they carry no raw answers and no power).
 */
const MANAGEMENT: readonly RegExp[] = [/^\s*digest\b/i, /^\s*audit\b/i, /^\s*report\b/i];

/** Typed commands a guest may not use (viewing `engagement gate` and `ladder` stays open; changing them does not). */
const GUARDED_COMMANDS: readonly RegExp[] = [
  /^\s*engagement\s+gate\s+\S/i,
  /^\s*ladder\s+\S/i,
  /^\s*safeguarding\b/i,
  /^\s*delivery\s+settings\b/i,
  /^\s*privacy\b/i,
  /^\s*survey\s+(new|send|export)\b/i,
  /^\s*session\s+start\b/i,
  ...MANAGEMENT
];

/** Card buttons a guest may not press. */
const GUARDED_VERBS: ReadonlySet<string> = new Set([
  VERBS.surveyNew,
  VERBS.surveyCreate,
  VERBS.surveyExport,
  VERBS.sessionBegin,
  VERBS.deliverySettingsSave,
  VERBS.safeguardingAcknowledge,
  VERBS.safeguardingAlertShow,
  VERBS.privacyEraseConfirm
]);

/** Messaging-extension commands a guest may not use (making a survey). */
const GUARDED_EXTENSION_COMMANDS: ReadonlySet<string> = new Set(['createSurvey']);

export const GUEST_REFUSAL =
  'Guests from outside the council take part in the working group: you can see its plans, decide on approval cards and get reminders. This is for council staff.';

/** Whether this activity asks for something a guest may not have. */
export function isGuarded(activity: TurnContext['activity']): boolean {
  if (activity.type === ActivityTypes.Message) return GUARDED_COMMANDS.some((re) => re.test(activity.text ?? ''));
  if (activity.type !== ActivityTypes.Invoke) return false;
  const value = (activity.value ?? {}) as { action?: { verb?: unknown }; commandId?: unknown };
  if (activity.name === 'adaptiveCard/action') return typeof value.action?.verb === 'string' && GUARDED_VERBS.has(value.action.verb);
  if (activity.name?.startsWith('composeExtension/')) return typeof value.commandId === 'string' && GUARDED_EXTENSION_COMMANDS.has(value.commandId);
  return false;
}

const REMEMBER_MS = 10 * 60_000;
const MAX_REMEMBERED = 5_000;

export interface GuestGuardDeps {
  approvals: Pick<ApprovalService, 'groups'>;
  clock: Clock;
  log: Logger;
}

/** Tells guests from staff; see the file comment for the three signals. */
export class GuestCheck {
  private readonly remembered = new Map<string, { guest: boolean; until: number }>();

  constructor(private readonly deps: GuestGuardDeps) {}

  async isGuest(context: TurnContext, options: { askTeams: boolean } = { askTeams: true }): Promise<boolean> {
    const actor = actorOf(context.activity);
    if (actor.guest) return true;
    if (isGuestMember(await this.deps.approvals.groups(actor.tenantId), personKey(actor))) return true;
    if (!options.askTeams) return false;
    const key = `${actor.tenantId}|${actor.userId}`;
    const now = this.deps.clock.now().getTime();
    const known = this.remembered.get(key);
    if (known && known.until > now) return known.guest;
    try {
      const member = await TeamsInfo.getMember(context, actor.userId);
      const guest = member.userRole === 'guest';
      if (this.remembered.size >= MAX_REMEMBERED) this.remembered.clear();
      this.remembered.set(key, { guest, until: now + REMEMBER_MS });
      return guest;
    } catch (error) {
      // Teams could not say (a chat the connector cannot list): the activity and the working groups decided.
      this.deps.log.info({ err: error instanceof Error ? error.message : String(error) }, 'guest check: member lookup failed');
      return false;
    }
  }
}

/** Refuses guarded commands to guests before any route runs (registered first in teams-bot.ts). */
export function registerGuestGuard(app: App, deps: GuestGuardDeps): GuestCheck {
  const check = new GuestCheck(deps);
  app.turn('beforeTurn', async (context) => {
    const activity = context.activity;
    if (!activity.from?.id || !isGuarded(activity)) return true;
    const management = activity.type === ActivityTypes.Message && MANAGEMENT.some((re) => re.test(activity.text ?? ''));
    if (!(await check.isGuest(context, { askTeams: !management }))) return true;
    deps.log.info({ type: activity.type, name: activity.name }, 'refused to a guest');
    const card = noticeCard('Not for guests', GUEST_REFUSAL, 'attention');
    if (activity.type === ActivityTypes.Message) await context.sendActivity(cardMessage(card));
    else if (activity.name === 'adaptiveCard/action') await sendCard(context, card);
    else await sendInvokeError(context, 403, 'forbidden', GUEST_REFUSAL);
    return false;
  });
  return check;
}
