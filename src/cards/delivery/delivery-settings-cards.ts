/** The `delivery settings` card: what they are for everyone, and the form for administrators. */
import template from './delivery-settings.json';
import {
  COHORT_LABELS,
  type DeliverySettingsForm,
  type FormErrors,
  SETTING_LIMITS,
  formOf,
  windowField
} from '../../domain/delivery/delivery-settings-service';
import { COHORTS, type Cohort } from '../../domain/delivery/quiet-hours';
import { workingTimeText } from '../../domain/safeguarding/safeguarding-service';
import type { DeliverySettings } from '../../domain/delivery/delivery-settings';
import { type AdaptiveCardJson, renderCard } from '../shared/render';

interface CohortRow {
  label: string;
  weekdaysId: string;
  weekendsId: string;
  weekdays: string;
  weekends: string;
  error: string;
}

interface SettingsCardModel {
  title: string;
  notice: string;
  noticeColor: 'Good' | 'Attention' | 'Default';
  changes: string[];
  intro: string;
  facts: { title: string; value: string }[];
  isAdmin: boolean;
  timeZone: string;
  cohorts: CohortRow[];
  form: DeliverySettingsForm;
  errors: { fatigue: string; reminders: string; alertAckMinutes: string; outOfHoursNumber: string; phrasesAdd: string };
  remindersLimit: number;
  screen: string;
  footer: string;
  speak: string;
}

/** "suicid*" shows as "suicid…": an asterisk in card text is markdown. */
const shown = (phrase: string): string => phrase.replace(/\*/g, '…');
const dash = (window: string): string => window.replace('-', '–');

function hoursOf(form: DeliverySettingsForm, cohort: Cohort): string {
  const weekdays = form[windowField(cohort, 'weekdays')];
  const weekends = form[windowField(cohort, 'weekends')];
  const parts = [weekdays && `weekdays ${dash(weekdays)}`, weekends && `weekends ${dash(weekends)}`].filter(Boolean);
  return parts.length > 0 ? parts.join('; ') : 'never';
}

export interface SettingsCardInput {
  isAdmin: boolean;
  /** What was just saved (or why not), shown at the top. */
  notice?: { text: string; tone: 'good' | 'attention' };
  changes?: string[];
  /** A submitted form to show again with its errors (instead of the stored values). */
  submitted?: DeliverySettingsForm;
  errors?: FormErrors;
}

export function deliverySettingsCard(settings: DeliverySettings, input: SettingsCardInput): AdaptiveCardJson {
  const current = formOf(settings);
  const form = input.submitted ?? current;
  const errors = input.errors ?? {};
  const added = settings.concernPhrases.add;
  const team = [settings.safeguardingLead ? `lead ${settings.safeguardingLead.name ?? 'set'}` : 'no lead set', ...settings.safeguardingDeputies.map((d) => `deputy ${d.name ?? d.userId}`)];
  const facts = [
    ...COHORTS.map((cohort) => ({ title: COHORT_LABELS[cohort], value: hoursOf(current, cohort) })),
    { title: 'Fatigue cap', value: `at most ${current.fatigueMax} survey request${current.fatigueMax === '1' ? '' : 's'} per person in any ${current.fatigueDays} days` },
    { title: 'Reminders', value: current.remindersMax === '0' ? 'none' : `up to ${current.remindersMax}, ${current.reminderAfterHours} hours after the survey was sent` },
    { title: 'Safeguarding', value: team.join('; ') },
    { title: 'Alerts not acknowledged', value: `go to the deputy leads after ${workingTimeText(settings.alertAckMinutes)}` },
    { title: 'Out-of-hours number', value: settings.outOfHoursNumber ?? 'not set: alerts raised out of hours tell the lead to follow local procedures' },
    {
      title: 'Phrases your council adds',
      value: added.length > 0 ? `${added.length} (${added.map((p) => `"${shown(p)}"`).join(', ')})${added.some((p) => p.includes('*')) ? ' (… means any ending)' : ''}` : 'none'
    }
  ];
  const intro =
    'When VoiceLoop may message each group, how often one person may be asked, reminders, and what happens to safeguarding alerts. ' +
    'Closing-the-loop messages and replies to what someone did never count toward the cap.';
  const title = 'Delivery and safeguarding settings';
  const notice = input.notice?.text ?? '';
  return renderCard<SettingsCardModel>(template, {
    title,
    notice,
    noticeColor: input.notice?.tone === 'good' ? 'Good' : input.notice ? 'Attention' : 'Default',
    changes: (input.changes ?? []).map(shown),
    intro,
    facts,
    isAdmin: input.isAdmin,
    timeZone: settings.allowedHours.timeZone,
    cohorts: COHORTS.map((cohort) => ({
      label: COHORT_LABELS[cohort],
      weekdaysId: windowField(cohort, 'weekdays'),
      weekendsId: windowField(cohort, 'weekends'),
      weekdays: form[windowField(cohort, 'weekdays')],
      weekends: form[windowField(cohort, 'weekends')],
      error: [errors[windowField(cohort, 'weekdays')], errors[windowField(cohort, 'weekends')]].filter(Boolean).join(' ')
    })),
    form,
    errors: {
      fatigue: [errors.fatigueMax, errors.fatigueDays].filter(Boolean).join(' '),
      reminders: [errors.remindersMax, errors.reminderAfterHours].filter(Boolean).join(' '),
      alertAckMinutes: errors.alertAckMinutes ?? '',
      outOfHoursNumber: errors.outOfHoursNumber ?? '',
      phrasesAdd: errors.phrasesAdd ?? ''
    },
    remindersLimit: SETTING_LIMITS.remindersMax,
    screen: 'The safeguarding screen covers every statutory category of harm and cannot be switched off. Your council can add phrases of its own.',
    footer: input.isAdmin
      ? 'Allowed hours, the cap and the phrases apply within a minute, also to messages waiting to be sent; reminder settings apply to surveys sent from now on ("survey send reminders 2" sets them for one survey); the acknowledgement time applies to alerts raised from now on. The lead and deputies are named with "safeguarding lead me" and "safeguarding deputy me". Every change is recorded in the audit trail.'
      : 'VoiceLoop administrators can change these.',
    speak: `${notice ? `${notice}. ` : ''}${title}. ${facts.map((f) => `${f.title}: ${f.value}.`).join(' ')}`
  });
}
