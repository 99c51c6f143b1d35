/**
 * `delivery settings` (docs/delivery.md, "Settings"): the tenant's allowed hours per cohort, the
 * fatigue cap, reminder defaults, how soon a safeguarding alert must be acknowledged, the council's
 * out-of-hours number and the phrases the council adds to the safeguarding screen. Anyone may see them
 * (people should know when VoiceLoop will message them); only administrators change them, on a form
 * that carries the ETag of what it showed, so two administrators never silently overwrite each other.
 * Every change is audited with what changed (no person is named).
 */
import type { AuditLog } from '../shared/ports';
import type { Clock } from '../shared/clock';
import { type Actor, personKey } from '../shared/conversation';
import { DomainError } from '../shared/errors';
import { type FatigueRule, validateFatigueRule } from './fatigue';
import { type AdminPolicy, isAdmin, requireAdmin } from '../privacy/privacy';
import { type AllowedHours, type AllowedWindow, COHORTS, type Cohort, validateAllowedHours } from './quiet-hours';
import { normalizeForScreening } from '../safeguarding/phrases';
import { type DeliverySettings, type ReminderDefaults, SAFEGUARDING_LIMITS, isPhoneNumber } from './delivery-settings';
import type { DeliverySettingsRepository } from './ports';

/**
 * The form's fields (the card's input ids): per cohort a window on weekdays and at weekends
 * ("HH:MM-HH:MM", or "" for none), the cap, reminders, the alert acknowledgement time (working
 * minutes), the out-of-hours number ("" for none), added phrases one per line, and the ETag of the
 * stored row when the form was made ("" for defaults never saved).
 */
export const FORM_FIELDS = [
  'youngPeopleWeekdays', 'youngPeopleWeekends', 'parentCarersWeekdays', 'parentCarersWeekends', 'staffWeekdays', 'staffWeekends',
  'fatigueMax', 'fatigueDays', 'remindersMax', 'reminderAfterHours', 'alertAckMinutes', 'outOfHoursNumber', 'phrasesAdd', 'etag'
] as const;

/** What the form shows and sends back: every field a string, as Adaptive Card inputs give them. */
export type DeliverySettingsForm = Record<(typeof FORM_FIELDS)[number], string>;

type Days = 'weekdays' | 'weekends';
const DAYS: readonly Days[] = ['weekdays', 'weekends'];

/** The field of a cohort's window on weekdays or at weekends, e.g. `youngPeopleWeekdays`. */
export const windowField = (cohort: Cohort, days: Days): keyof DeliverySettingsForm =>
  `${cohort}${days === 'weekdays' ? 'Weekdays' : 'Weekends'}` as keyof DeliverySettingsForm;

export const COHORT_LABELS: Record<Cohort, string> = { youngPeople: 'Young people', parentCarers: 'Parent carers', staff: 'Staff' };

/** Limits of what an administrator may set (the reasons are in docs/delivery.md). */
export const SETTING_LIMITS = {
  remindersMax: 3,
  reminderAfterHours: { min: 24, max: 14 * 24 },
  phrases: 200,
  phraseLength: 80
} as const;

const WINDOW = /^\s*(\d{1,2})[:.](\d{2})\s*(?:-|–|—|to)\s*(\d{1,2})[:.](\d{2})\s*$/i;
const pad = (n: string): string => n.padStart(2, '0');

/** "15:30-19:30" for a cohort's window on `days`; "" for none (an everyDay window shows on both). */
function windowText(windows: readonly AllowedWindow[], days: Days): string {
  const w = windows.find((x) => x.days === days) ?? windows.find((x) => x.days === 'everyDay');
  return w ? `${w.start}-${w.end}` : '';
}

/** The form for the settings as they are. */
export function formOf(settings: DeliverySettings): DeliverySettingsForm {
  const windows = Object.fromEntries(
    COHORTS.flatMap((cohort) => DAYS.map((days) => [windowField(cohort, days), windowText(settings.allowedHours.windows[cohort], days)]))
  ) as Pick<DeliverySettingsForm, `${Cohort}${'Weekdays' | 'Weekends'}`>;
  return {
    ...windows,
    fatigueMax: String(settings.fatigue.maxRequests),
    fatigueDays: String(settings.fatigue.windowDays),
    remindersMax: String(settings.reminders.max),
    reminderAfterHours: String(settings.reminders.afterHours),
    alertAckMinutes: String(settings.alertAckMinutes),
    outOfHoursNumber: settings.outOfHoursNumber ?? '',
    phrasesAdd: settings.concernPhrases.add.join('\n'),
    etag: settings.etag ?? ''
  };
}

/** Problems per field, in words for the person filling the form. */
export type FormErrors = Partial<Record<keyof DeliverySettingsForm, string>>;

export class SettingsFormError extends DomainError {
  constructor(readonly errors: FormErrors) {
    super('invalid_input', `Please check: ${Object.values(errors).join(' ')}`);
  }
}

function parseWindow(raw: string, days: Days): AllowedWindow | undefined | string {
  const text = raw.trim();
  if (text === '' || /^(none|never|off|-)$/i.test(text)) return undefined;
  const m = WINDOW.exec(text);
  if (!m) return 'Write a time like 15:30-19:30, or leave it empty for none.';
  const [h1, m1, h2, m2] = [m[1], m[2], m[3], m[4]] as [string, string, string, string];
  const start = `${pad(h1)}:${m1}`;
  const end = `${pad(h2)}:${m2}`;
  if (Number(h1) > 23 || Number(h2) > 23 || Number(m1) > 59 || Number(m2) > 59) return 'Use times from 00:00 to 23:59.';
  if (start >= end) return 'The start must be before the end, on the same day.';
  return { days, start, end };
}

function wholeNumber(raw: string, min: number, max: number, what: string): number | string {
  const n = Number(raw.trim());
  return /^\d{1,4}$/.test(raw.trim()) && n >= min && n <= max ? n : `${what} must be a whole number from ${min} to ${max}.`;
}

/**
 * Working minutes before an alert goes to the deputies: "60", "90 minutes", "1:30", "1h", "1 hour 30",
 * "2 hours". From 15 minutes to 8 hours.
 */
export function parseAckMinutes(raw: string): number | string {
  const text = raw.trim().toLowerCase();
  const { min, max } = SAFEGUARDING_LIMITS.ackMinutes;
  const problem = `Acknowledge within 15 minutes to 8 hours of working time: write minutes (e.g. 60) or hours and minutes (e.g. 1:30).`;
  let minutes: number | undefined;
  const clock = /^(\d{1,2})[:.](\d{2})$/.exec(text);
  const words = /^(?:(\d{1,2})\s*(?:h|hr|hrs|hour|hours))?\s*(?:(\d{1,3})\s*(?:m|min|mins|minute|minutes)?)?$/.exec(text);
  if (clock) minutes = Number(clock[1]) * 60 + (Number(clock[2]) < 60 ? Number(clock[2]) : NaN);
  else if (text !== '' && words && (words[1] !== undefined || words[2] !== undefined)) minutes = Number(words[1] ?? 0) * 60 + Number(words[2] ?? 0);
  return minutes !== undefined && Number.isInteger(minutes) && minutes >= min && minutes <= max ? minutes : problem;
}

/** The out-of-hours number as typed, spaces folded; "" for none. */
export function parseOutOfHoursNumber(raw: string): string | undefined | { error: string } {
  const text = raw.trim().replace(/\s+/g, ' ');
  if (text === '') return undefined;
  return isPhoneNumber(text)
    ? text
    : { error: 'Write the out-of-hours number with digits, spaces, + and brackets only (6 to 15 digits), e.g. 0300 123 4567 or +44 (0)300 123 4567.' };
}

function phraseList(raw: string): string[] | string {
  const phrases = [...new Set(raw.split(/\r?\n|;/).map((p) => p.trim()).filter((p) => p !== ''))];
  if (phrases.length > SETTING_LIMITS.phrases) return `At most ${SETTING_LIMITS.phrases} phrases.`;
  const long = phrases.find((p) => p.length > SETTING_LIMITS.phraseLength);
  if (long) return `A phrase is at most ${SETTING_LIMITS.phraseLength} characters ("${long.slice(0, 30)}…").`;
  const empty = phrases.find((p) => normalizeForScreening(p).replace(/\*/g, '').trim() === '');
  if (empty) return `"${empty}" has no letters or numbers to look for.`;
  return phrases;
}

/**
 * Reads a submitted form into settings (the lead and the time zone are kept from `current`). Throws a
 * `SettingsFormError` with a message per field when anything is wrong: nothing is saved half way.
 */
export function parseForm(input: Partial<Record<keyof DeliverySettingsForm, unknown>>, current: DeliverySettings): DeliverySettings {
  const value = (k: keyof DeliverySettingsForm): string => (typeof input[k] === 'string' ? (input[k] as string) : '');
  const errors: FormErrors = {};
  const windows = {} as Record<Cohort, AllowedWindow[]>;
  for (const cohort of COHORTS) {
    const list: AllowedWindow[] = [];
    for (const days of DAYS) {
      const field = windowField(cohort, days);
      const parsed = parseWindow(value(field), days);
      if (typeof parsed === 'string') errors[field] = `${COHORT_LABELS[cohort]}, ${days}: ${parsed}`;
      else if (parsed) list.push(parsed);
    }
    if (list.length === 0 && !errors[windowField(cohort, 'weekdays')]) {
      errors[windowField(cohort, 'weekdays')] = `${COHORT_LABELS[cohort]}: give at least one allowed time, or they could never be asked.`;
    }
    windows[cohort] = list;
  }
  const fatigueMax = wholeNumber(value('fatigueMax'), 1, 100, 'The most survey requests per person');
  const fatigueDays = wholeNumber(value('fatigueDays'), 1, 365, 'The fatigue window in days');
  const remindersMax = wholeNumber(value('remindersMax'), 0, SETTING_LIMITS.remindersMax, 'Reminders');
  const afterHours = wholeNumber(value('reminderAfterHours'), SETTING_LIMITS.reminderAfterHours.min, SETTING_LIMITS.reminderAfterHours.max, 'Hours before a reminder');
  const ackMinutes = parseAckMinutes(value('alertAckMinutes'));
  const outOfHours = parseOutOfHoursNumber(value('outOfHoursNumber'));
  const add = phraseList(value('phrasesAdd'));
  if (typeof fatigueMax === 'string') errors.fatigueMax = fatigueMax;
  if (typeof fatigueDays === 'string') errors.fatigueDays = fatigueDays;
  if (typeof remindersMax === 'string') errors.remindersMax = remindersMax;
  if (typeof afterHours === 'string') errors.reminderAfterHours = afterHours;
  if (typeof ackMinutes === 'string') errors.alertAckMinutes = ackMinutes;
  if (typeof outOfHours === 'object') errors.outOfHoursNumber = outOfHours.error;
  if (typeof add === 'string') errors.phrasesAdd = add;
  if (Object.keys(errors).length > 0) throw new SettingsFormError(errors);
  const allowedHours: AllowedHours = validateAllowedHours({ timeZone: current.allowedHours.timeZone, windows });
  const fatigue: FatigueRule = validateFatigueRule({ maxRequests: fatigueMax as number, windowDays: fatigueDays as number });
  const reminders: ReminderDefaults = { ...current.reminders, max: remindersMax as number, afterHours: afterHours as number };
  return {
    ...current,
    allowedHours,
    fatigue,
    reminders,
    alertAckMinutes: ackMinutes as number,
    outOfHoursNumber: outOfHours as string | undefined,
    // The screen's own categories cannot be switched off: a council only adds phrases.
    concernPhrases: { add: add as string[], remove: [] }
  };
}

/** What changed, in a line per setting, for the audit trail and the saved card. */
export function describeChanges(before: DeliverySettings, after: DeliverySettings): string[] {
  const a = formOf(before);
  const b = formOf(after);
  const lines: string[] = [];
  for (const cohort of COHORTS) {
    for (const days of DAYS) {
      const k = windowField(cohort, days);
      if (a[k] !== b[k]) lines.push(`${COHORT_LABELS[cohort]}, ${days}: ${a[k] || 'none'} → ${b[k] || 'none'}`);
    }
  }
  if (a.fatigueMax !== b.fatigueMax || a.fatigueDays !== b.fatigueDays) {
    lines.push(`Fatigue cap: ${a.fatigueMax} in ${a.fatigueDays} days → ${b.fatigueMax} in ${b.fatigueDays} days`);
  }
  if (a.remindersMax !== b.remindersMax || a.reminderAfterHours !== b.reminderAfterHours) {
    lines.push(`Reminders: ${a.remindersMax} after ${a.reminderAfterHours} h → ${b.remindersMax} after ${b.reminderAfterHours} h`);
  }
  const listDiff = (label: string, x: readonly string[], y: readonly string[]): void => {
    const added = y.filter((p) => !x.includes(p));
    const dropped = x.filter((p) => !y.includes(p));
    if (added.length > 0) lines.push(`${label}: + ${added.map((p) => `"${p}"`).join(', ')}`);
    if (dropped.length > 0) lines.push(`${label}: − ${dropped.map((p) => `"${p}"`).join(', ')}`);
  };
  if (a.alertAckMinutes !== b.alertAckMinutes) lines.push(`Safeguarding alerts go to the deputies after: ${a.alertAckMinutes} → ${b.alertAckMinutes} working minutes`);
  if (a.outOfHoursNumber !== b.outOfHoursNumber) lines.push(`Out-of-hours number: ${a.outOfHoursNumber || 'not set'} → ${b.outOfHoursNumber || 'not set'}`);
  listDiff('Concern phrases added', before.concernPhrases.add, after.concernPhrases.add);
  return lines;
}

export interface DeliverySettingsDeps {
  settings: DeliverySettingsRepository;
  audit: AuditLog;
  clock: Clock;
  admins: AdminPolicy;
}

export class DeliverySettingsService {
  constructor(private readonly deps: DeliverySettingsDeps) {}

  isAdmin(actor: Actor): boolean {
    return isAdmin(this.deps.admins, actor);
  }

  view(tenantId: string): Promise<DeliverySettings> {
    return this.deps.settings.get(tenantId);
  }

  /**
   * Admins: saves a submitted form. Refused (`conflict`) when the settings changed since the form was
   * made; bad fields throw a `SettingsFormError`; either way nothing is stored.
   */
  async save(actor: Actor, input: Partial<Record<keyof DeliverySettingsForm, unknown>>): Promise<{ settings: DeliverySettings; changes: string[] }> {
    requireAdmin(this.deps.admins, actor);
    const seen = typeof input.etag === 'string' ? input.etag : '';
    let before: DeliverySettings | undefined;
    const saved = await this.deps.settings.update(actor.tenantId, (current) => {
      if ((current.etag ?? '') !== seen) {
        throw new DomainError('conflict', 'Someone changed these settings after this form was opened. Here they are now: make your change again.');
      }
      before = current;
      return parseForm(input, current);
    });
    const changes = before ? describeChanges(before, saved) : [];
    if (changes.length > 0) {
      await this.deps.audit.append({
        tenantId: actor.tenantId,
        at: this.deps.clock.now(),
        actor: personKey(actor),
        actorName: actor.name,
        action: 'delivery.settings.set',
        subjectType: 'tenant',
        subjectId: actor.tenantId,
        detail: changes.join('; ')
      });
    }
    return { settings: saved, changes };
  }
}
