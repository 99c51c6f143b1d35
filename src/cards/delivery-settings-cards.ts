/** The `delivery settings` card: what they are for everyone, and the form for administrators. */
import template from './templates/delivery-settings.json';
import {
  COHORT_LABELS,
  type DeliverySettingsForm,
  type FormErrors,
  SETTING_LIMITS,
  formOf,
  windowField
} from '../domain/delivery-settings-service';
import { COHORTS, type Cohort } from '../domain/quiet-hours';
import { DEFAULT_CONCERN_PHRASES } from '../domain/safeguarding';
import type { DeliverySettings } from '../domain/tenant-settings';
import { type AdaptiveCardJson, renderCard } from './render';

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
  errors: { fatigue: string; reminders: string; phrasesAdd: string; phrasesRemove: string };
  remindersLimit: number;
  defaultPhrases: string;
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
  const removed = settings.concernPhrases.remove;
  const facts = [
    ...COHORTS.map((cohort) => ({ title: COHORT_LABELS[cohort], value: hoursOf(current, cohort) })),
    { title: 'Fatigue cap', value: `at most ${current.fatigueMax} survey request${current.fatigueMax === '1' ? '' : 's'} per person in any ${current.fatigueDays} days` },
    { title: 'Reminders', value: current.remindersMax === '0' ? 'none' : `up to ${current.remindersMax}, ${current.reminderAfterHours} hours after the survey was sent` },
    {
      title: 'Concern phrases',
      value:
        `${DEFAULT_CONCERN_PHRASES.length} default` +
        (added.length > 0 ? `, ${added.length} added (${added.map((p) => `"${shown(p)}"`).join(', ')})` : '') +
        (removed.length > 0 ? `, ${removed.length} removed (${removed.map((p) => `"${shown(p)}"`).join(', ')})` : '')
    }
  ];
  const intro =
    'When VoiceLoop may message each group, how often one person may be asked, reminders, and what free-text answers are screened for. ' +
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
      phrasesAdd: errors.phrasesAdd ?? '',
      phrasesRemove: errors.phrasesRemove ?? ''
    },
    remindersLimit: SETTING_LIMITS.remindersMax,
    defaultPhrases: `${DEFAULT_CONCERN_PHRASES.map((p) => `"${shown(p)}"`).join(', ')}. (… means any ending.)`,
    footer: input.isAdmin
      ? 'Allowed hours, the cap and the phrases apply within a minute, also to messages waiting to be sent; reminder settings apply to surveys sent from now on ("survey send reminders 2" sets them for one survey). Every change is recorded in the audit trail.'
      : 'VoiceLoop administrators can change these.',
    speak: `${notice ? `${notice}. ` : ''}${title}. ${facts.map((f) => `${f.title}: ${f.value}.`).join(' ')}`
  });
}
