import { describe, expect, it } from 'vitest';
import { deliverySettingsCard } from '../../src/cards/delivery-settings-cards';
import { VERBS } from '../../src/cards/verbs';
import { type DeliverySettingsForm, FORM_FIELDS, SettingsFormError, describeChanges, formOf, parseForm } from '../../src/domain/delivery-settings-service';
import { DEFAULT_DELIVERY_SETTINGS, type DeliverySettings } from '../../src/domain/tenant-settings';
import { cardText } from '../helpers/card-query';
import { expectValidCard } from '../helpers/card-validator';

const defaults: DeliverySettings = DEFAULT_DELIVERY_SETTINGS;
const form = (changes: Partial<DeliverySettingsForm> = {}): DeliverySettingsForm => ({ ...formOf(defaults), ...changes });
const errorsOf = (input: Partial<DeliverySettingsForm>): Record<string, string> => {
  try {
    parseForm(form(input), defaults);
  } catch (error) {
    if (error instanceof SettingsFormError) return error.errors as Record<string, string>;
    throw error;
  }
  throw new Error('expected the form to be refused');
};

describe('the delivery settings form', () => {
  it('shows the defaults of the issue, and reads them back unchanged', () => {
    expect(form()).toMatchObject({
      youngPeopleWeekdays: '15:30-19:30',
      youngPeopleWeekends: '10:00-18:00',
      parentCarersWeekdays: '10:00-14:00',
      parentCarersWeekends: '',
      staffWeekdays: '09:00-17:00',
      staffWeekends: '',
      fatigueMax: '2',
      fatigueDays: '14',
      remindersMax: '1',
      reminderAfterHours: '72'
    });
    const back = parseForm(form(), defaults);
    expect(back.allowedHours).toEqual(defaults.allowedHours);
    expect(back.fatigue).toEqual(defaults.fatigue);
    expect(back.reminders).toEqual(defaults.reminders);
    expect(describeChanges(defaults, back)).toEqual([]);
  });

  it('reads times written the ways people write them, and lists what changed', () => {
    const next = parseForm(
      form({ youngPeopleWeekdays: '16.00 – 19:30', staffWeekends: '9:00 to 12:00', parentCarersWeekends: 'none', fatigueMax: '3', remindersMax: '0', phrasesAdd: 'scared to go home\nkick* me' }),
      defaults
    );
    expect(next.allowedHours.windows.youngPeople).toContainEqual({ days: 'weekdays', start: '16:00', end: '19:30' });
    expect(next.allowedHours.windows.staff).toContainEqual({ days: 'weekends', start: '09:00', end: '12:00' });
    expect(next.allowedHours.timeZone).toBe('Europe/London');
    expect(next.concernPhrases.add).toEqual(['scared to go home', 'kick* me']);
    expect(describeChanges(defaults, next)).toEqual([
      'Young people, weekdays: 15:30-19:30 → 16:00-19:30',
      'Staff, weekends: none → 09:00-12:00',
      'Fatigue cap: 2 in 14 days → 3 in 14 days',
      'Reminders: 1 after 72 h → 0 after 72 h',
      'Concern phrases added: + "scared to go home", "kick* me"'
    ]);
  });

  it('refuses what is wrong, field by field, and saves nothing', () => {
    expect(errorsOf({ youngPeopleWeekdays: '3pm' }).youngPeopleWeekdays).toContain('15:30-19:30');
    expect(errorsOf({ staffWeekdays: '17:00-09:00' }).staffWeekdays).toContain('start must be before the end');
    expect(errorsOf({ staffWeekdays: '24:00-25:00' }).staffWeekdays).toContain('00:00 to 23:59');
    expect(errorsOf({ parentCarersWeekdays: '' }).parentCarersWeekdays).toContain('could never be asked');
    expect(errorsOf({ fatigueMax: '0' }).fatigueMax).toContain('1 to 100');
    expect(errorsOf({ fatigueDays: 'two weeks' }).fatigueDays).toContain('1 to 365');
    expect(errorsOf({ fatigueDays: '1e1' }).fatigueDays).toContain('1 to 365');
    expect(errorsOf({ fatigueMax: '0x2' }).fatigueMax).toContain('1 to 100');
    expect(errorsOf({ remindersMax: '9' }).remindersMax).toContain('0 to 3');
    expect(errorsOf({ reminderAfterHours: '1' }).reminderAfterHours).toContain('24 to 336');
    expect(errorsOf({ phrasesRemove: 'not a default phrase' }).phrasesRemove).toContain('Only phrases of the default list');
    expect(errorsOf({ phrasesAdd: 'x'.repeat(81) }).phrasesAdd).toContain('at most 80 characters');
    expect(errorsOf({ phrasesAdd: '***' }).phrasesAdd).toContain('no letters or numbers');
    const several = errorsOf({ fatigueMax: '0', remindersMax: '9' });
    expect(Object.keys(several).sort()).toEqual(['fatigueMax', 'remindersMax']);
  });

  it('an every-day window shows as both weekdays and weekends', () => {
    const everyDay: DeliverySettings = {
      ...defaults,
      allowedHours: { ...defaults.allowedHours, windows: { ...defaults.allowedHours.windows, staff: [{ days: 'everyDay', start: '08:00', end: '20:00' }] } }
    };
    expect(formOf(everyDay)).toMatchObject({ staffWeekdays: '08:00-20:00', staffWeekends: '08:00-20:00' });
  });
});

describe('the delivery settings card', () => {
  const inputIds = (card: unknown): string[] => {
    const ids: string[] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string') ids.push(o.id);
        Object.values(o).forEach(walk);
      }
    };
    walk(card);
    return ids;
  };

  it('everyone sees the settings; only an administrator gets the form and Save', () => {
    const viewer = deliverySettingsCard(defaults, { isAdmin: false });
    expectValidCard(viewer, 'settings (viewer)');
    const text = cardText(viewer);
    expect(text).toContain('weekdays 15:30–19:30; weekends 10:00–18:00');
    expect(text).toContain('at most 2 survey requests per person in any 14 days');
    expect(text).toContain('administrators can change these');
    expect(inputIds(viewer)).toEqual([]);
    expect(JSON.stringify(viewer)).not.toContain(VERBS.deliverySettingsSave);

    const admin = deliverySettingsCard({ ...defaults, etag: 'W/"1"' }, { isAdmin: true });
    expectValidCard(admin, 'settings (admin)');
    expect(inputIds(admin).sort()).toEqual(FORM_FIELDS.filter((f) => f !== 'etag').slice().sort());
    expect(JSON.stringify(admin)).toContain(VERBS.deliverySettingsSave);
    expect(JSON.stringify(admin)).toContain('W/\\"1\\"');
  });

  it('shows a refused form as it was filled in, with the problem next to the field; typed text stays text', () => {
    const submitted = form({ fatigueMax: '0', phrasesAdd: '${title} {{x}}' });
    const card = deliverySettingsCard(defaults, { isAdmin: true, submitted, errors: { fatigueMax: 'The most survey requests per person must be a whole number from 1 to 100.' }, notice: { text: 'Not saved', tone: 'attention' } });
    expectValidCard(card, 'settings (errors)');
    const json = JSON.stringify(card);
    expect(json).toContain('${title} {{x}}');
    expect(cardText(card)).toContain('whole number from 1 to 100');
  });

  it('an asterisk in a phrase is shown as "…" (it would be markdown), never as emphasis', () => {
    const withPhrase: DeliverySettings = { ...defaults, concernPhrases: { add: ['kick* me'], remove: [] } };
    const text = cardText(deliverySettingsCard(withPhrase, { isAdmin: false }));
    expect(text).toContain('"kick… me"');
    const saved = cardText(deliverySettingsCard(withPhrase, { isAdmin: true, notice: { text: 'Saved', tone: 'good' }, changes: ['Concern phrases added: + "kick* me"'] }));
    expect(saved).toContain('+ "kick… me"');
    expect(saved).not.toContain('kick*');
    expect(text).toContain('(… means any ending.)');
  });
});
