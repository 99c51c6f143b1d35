/**
 * A tenant's settings for reaching people: allowed hours per cohort, the fatigue cap, reminders,
 * the designated safeguarding lead and changes to the concern-phrase list. Absent → the defaults.
 * (Survey settings such as the small-number threshold live in their own row: see survey-ports.ts.)
 */
import { DomainError } from './errors';
import { DEFAULT_FATIGUE_RULE, type FatigueRule, validateFatigueRule } from './fatigue';
import { type AllowedHours, DEFAULT_ALLOWED_HOURS, validateAllowedHours } from './quiet-hours';

/** The person who receives safeguarding alerts 1:1. */
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
  /** Phrases added to, and removed from, the default concern list (src/domain/safeguarding.ts). */
  concernPhrases: { add: string[]; remove: string[] };
  /** ETag of the stored row; absent for defaults. */
  etag?: string;
}

export const DEFAULT_DELIVERY_SETTINGS: DeliverySettings = {
  allowedHours: DEFAULT_ALLOWED_HOURS,
  fatigue: DEFAULT_FATIGUE_RULE,
  reminders: { max: 1, afterHours: 72 },
  concernPhrases: { add: [], remove: [] }
};

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
    concernPhrases: { add: partial.concernPhrases?.add ?? [], remove: partial.concernPhrases?.remove ?? [] },
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
  return settings;
}

export interface DeliverySettingsRepository {
  /** The tenant's settings, or the defaults when none are stored. */
  get(tenantId: string): Promise<DeliverySettings>;
  /** Read-change-write with the ETag; retried on a race, so no concurrent change is lost. */
  update(tenantId: string, change: (current: DeliverySettings) => DeliverySettings): Promise<DeliverySettings>;
}
