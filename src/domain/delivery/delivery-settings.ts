/**
 * A tenant's settings for reaching people: allowed hours per cohort, the fatigue cap, reminders,
 * the designated safeguarding lead and deputies, how soon an alert must be acknowledged, the
 * out-of-hours number, the council's own concern phrases, and whether the approval gate is on
 * (docs/approvals.md). Absent → the defaults.
 * (Survey settings such as the small-number threshold live in their own row: see src/domain/surveys/ports.ts.)
 */
import { DomainError } from '../shared/errors';
import { DEFAULT_FATIGUE_RULE, type FatigueRule, validateFatigueRule } from './fatigue';
import { type AllowedHours, DEFAULT_ALLOWED_HOURS, validateAllowedHours } from './quiet-hours';
import { DEFAULT_LADDER, type LadderId, isLadderId } from '../plans/ladder';

/** The person who receives safeguarding alerts 1:1 (the lead), or their escalations (a deputy). */
export interface SafeguardingLead {
  personKey: string;
  userId: string;
  name?: string;
}

export interface ReminderDefaults {
  /** Reminders per non-responder (0 = none). */
  max: number;
  /** Time after the request before a reminder, in hours. */
  afterHours: number;
}

export interface DeliverySettings {
  allowedHours: AllowedHours;
  fatigue: FatigueRule;
  reminders: ReminderDefaults;
  safeguardingLead?: SafeguardingLead;
  /** Deputy leads: an alert nobody acknowledges in time goes to them. */
  safeguardingDeputies: SafeguardingLead[];
  /** Working minutes within which an alert must be acknowledged before it goes to the deputies. */
  alertAckMinutes: number;
  /** The council's out-of-hours number (children's services emergency duty team), shown on alerts raised out of hours. */
  outOfHoursNumber?: string;
  /**
   * Phrases the council adds to the screen (src/domain/safeguarding/safeguarding.ts). `remove` is always empty: the
   * screen's categories cannot be switched off, and removals stored by older versions are ignored.
   */
  concernPhrases: { add: string[]; remove: string[] };
  /**
   * `false`: the approval gate is off (the council governs engagement elsewhere), so young people's and
   * parent carers' surveys go out without an approved plan. Absent: on, the default.
   */
  engagementGate?: false;
  /** The council's ladder of co-production (src/domain/plans/ladder.ts); absent: TLAP's seven steps, the default. */
  ladder?: LadderId;
  /** ETag of the stored row; absent for defaults. */
  etag?: string;
}

export const DEFAULT_DELIVERY_SETTINGS: DeliverySettings = {
  allowedHours: DEFAULT_ALLOWED_HOURS,
  fatigue: DEFAULT_FATIGUE_RULE,
  reminders: { max: 1, afterHours: 72 },
  safeguardingDeputies: [],
  alertAckMinutes: 60,
  concernPhrases: { add: [], remove: [] }
};

/** Limits of the safeguarding settings (docs/delivery.md, "Safeguarding"). */
export const SAFEGUARDING_LIMITS = {
  ackMinutes: { min: 15, max: 8 * 60 },
  deputies: 5
} as const;

/** A phone number as people write it: digits, spaces, a leading +, brackets; 6 to 15 digits. */
export function isPhoneNumber(text: string): boolean {
  const digits = text.replace(/\D/g, '').length;
  return /^\+?[0-9 ()]+$/.test(text) && digits >= 6 && digits <= 15;
}

/** Fills what a stored row lacks (older rows, partial settings) from the defaults. */
export function withDefaults(partial: Partial<DeliverySettings>): DeliverySettings {
  return {
    allowedHours: {
      timeZone: partial.allowedHours?.timeZone ?? DEFAULT_ALLOWED_HOURS.timeZone,
      windows: { ...DEFAULT_ALLOWED_HOURS.windows, ...partial.allowedHours?.windows }
    },
    fatigue: { ...DEFAULT_FATIGUE_RULE, ...partial.fatigue },
    reminders: { ...DEFAULT_DELIVERY_SETTINGS.reminders, ...partial.reminders },
    safeguardingLead: partial.safeguardingLead,
    safeguardingDeputies: partial.safeguardingDeputies ?? [],
    alertAckMinutes: partial.alertAckMinutes ?? DEFAULT_DELIVERY_SETTINGS.alertAckMinutes,
    outOfHoursNumber: partial.outOfHoursNumber || undefined,
    concernPhrases: { add: partial.concernPhrases?.add ?? [], remove: [] },
    ...(partial.engagementGate === false ? { engagementGate: false as const } : {}),
    ...(isLadderId(partial.ladder) && partial.ladder !== DEFAULT_LADDER ? { ladder: partial.ladder } : {}),
    etag: partial.etag
  };
}

export function validateDeliverySettings(settings: DeliverySettings): DeliverySettings {
  validateAllowedHours(settings.allowedHours);
  validateFatigueRule(settings.fatigue);
  const { max, afterHours } = settings.reminders;
  if (!Number.isInteger(max) || max < 0 || max > 5) throw new DomainError('invalid_input', 'Reminders must be a whole number from 0 to 5.');
  if (!Number.isFinite(afterHours) || afterHours < 1 || afterHours > 24 * 30) {
    throw new DomainError('invalid_input', 'Send a reminder between 1 hour and 30 days after the request.');
  }
  const { min, max: most } = SAFEGUARDING_LIMITS.ackMinutes;
  if (!Number.isInteger(settings.alertAckMinutes) || settings.alertAckMinutes < min || settings.alertAckMinutes > most) {
    throw new DomainError('invalid_input', 'An alert must be acknowledged within 15 minutes to 8 hours of working time.');
  }
  if (settings.outOfHoursNumber !== undefined && !isPhoneNumber(settings.outOfHoursNumber)) {
    throw new DomainError('invalid_input', 'Write the out-of-hours number with digits, spaces, + and brackets only.');
  }
  if (settings.safeguardingDeputies.length > SAFEGUARDING_LIMITS.deputies || settings.safeguardingDeputies.some((d) => !d.personKey)) {
    throw new DomainError('invalid_input', `Name at most ${SAFEGUARDING_LIMITS.deputies} deputy safeguarding leads.`);
  }
  return settings;
}
