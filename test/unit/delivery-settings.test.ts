import { describe, expect, it } from 'vitest';
import { deliverySettingsCard } from '../../src/cards/delivery/delivery-settings-cards';
import { VERBS } from '../../src/cards/shared/verbs';
import {
  type DeliverySettingsForm,
  FORM_FIELDS,
  SettingsFormError,
  describeChanges,
  formOf,
  parseAckMinutes,
  parseForm,
  parseOutOfHoursNumber
} from '../../src/domain/delivery/delivery-settings-service';
import { DEFAULT_DELIVERY_SETTINGS, type DeliverySettings, withDefaults } from '../../src/domain/delivery/delivery-settings';
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
      reminderAfterHours: '72',
      alertAckMinutes: '60',
      outOfHoursNumber: ''
    });
    expect(FORM_FIELDS).not.toContain('phrasesRemove');
    const back = parseForm(form(), defaults);
    expect(back.allowedHours).toEqual(defaults.allowedHours);
    expect(back.fatigue).toEqual(defaults.fatigue);
    expect(back.reminders).toEqual(defaults.reminders);
    expect(back.alertAckMinutes).toBe(60);
    expect(back.outOfHoursNumber).toBeUndefined();
    expect(describeChanges(defaults, back)).toEqual([]);
  });

  it('reads times written the ways people write them, and lists what changed', () => {
    const next = parseForm(
      form({
        youngPeopleWeekdays: '16.00 – 19:30', staffWeekends: '9:00 to 12:00', parentCarersWeekends: 'none', fatigueMax: '3', remindersMax: '0',
        alertAckMinutes: '1:30', outOfHoursNumber: ' +44 (0)300  123 4567 ', phrasesAdd: 'scared to go home\nkick* me'
      }),
      defaults
    );
    expect(next.allowedHours.windows.youngPeople).toContainEqual({ days: 'weekdays', start: '16:00', end: '19:30' });
    expect(next.allowedHours.windows.staff).toContainEqual({ days: 'weekends', start: '09:00', end: '12:00' });
    expect(next.allowedHours.timeZone).toBe('Europe/London');
    expect(next.concernPhrases.add).toEqual(['scared to go home', 'kick* me']);
    expect(next.alertAckMinutes).toBe(90);
    expect(next.outOfHoursNumber).toBe('+44 (0)300 123 4567');
    expect(describeChanges(defaults, next)).toEqual([
      'Young people, weekdays: 15:30-19:30 → 16:00-19:30',
      'Staff, weekends: none → 09:00-12:00',
      'Fatigue cap: 2 in 14 days → 3 in 14 days',
      'Reminders: 1 after 72 h → 0 after 72 h',
      'Safeguarding alerts go to the deputies after: 60 → 90 working minutes',
      'Out-of-hours number: not set → +44 (0)300 123 4567',
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
    expect(errorsOf({ alertAckMinutes: '10' }).alertAckMinutes).toContain('15 minutes to 8 hours');
    expect(errorsOf({ alertAckMinutes: '8:01' }).alertAckMinutes).toContain('15 minutes to 8 hours');
    expect(errorsOf({ alertAckMinutes: 'soon' }).alertAckMinutes).toContain('15 minutes to 8 hours');
    expect(errorsOf({ alertAckMinutes: '' }).alertAckMinutes).toContain('15 minutes to 8 hours');
    expect(errorsOf({ outOfHoursNumber: 'call 0300 123 4567' }).outOfHoursNumber).toContain('digits, spaces, + and brackets');
    expect(errorsOf({ outOfHoursNumber: '0300-123-4567' }).outOfHoursNumber).toContain('digits, spaces, + and brackets');
    expect(errorsOf({ outOfHoursNumber: '12345' }).outOfHoursNumber).toContain('6 to 15 digits');
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
    expect(text).toContain('(… means any ending)');
  });
});

describe('acknowledgement time and out-of-hours number', () => {
  it('reads acknowledgement times the ways people write them, 15 minutes to 8 hours', () => {
    const cases: [string, number][] = [['60', 60], ['15', 15], ['90 minutes', 90], ['1:30', 90], ['1h', 60], ['1 hour 30', 90], ['2 hours', 120], ['8:00', 480]];
    for (const [typed, minutes] of cases) expect(parseAckMinutes(typed), typed).toBe(minutes);
    for (const bad of ['14', '481', '8 hours 1', '1:75', 'an hour', '-60']) expect(typeof parseAckMinutes(bad), bad).toBe('string');
  });

  it('an out-of-hours number: digits, spaces, a leading +, brackets; empty for none', () => {
    expect(parseOutOfHoursNumber('0300 123 4567')).toBe('0300 123 4567');
    expect(parseOutOfHoursNumber('(01234) 567890')).toBe('(01234) 567890');
    expect(parseOutOfHoursNumber('   ')).toBeUndefined();
    for (const bad of ['0300 123 4567 ext 2', '+44 +300 1234567', 'tel:03001234567', '1234567890123456']) expect(parseOutOfHoursNumber(bad), bad).toHaveProperty('error');
  });

  it('old stored removals of default phrases are ignored: the screen cannot be switched off', () => {
    expect(withDefaults({ concernPhrases: { add: ['county lines'], remove: ['bullied'] } }).concernPhrases).toEqual({ add: ['county lines'], remove: [] });
    const card = deliverySettingsCard(withDefaults({ concernPhrases: { add: [], remove: ['bullied'] } }), { isAdmin: true });
    expectValidCard(card, 'settings with an old removal');
    expect(cardText(card)).toContain('covers every statutory category of harm and cannot be switched off');
    expect(cardText(card)).not.toContain('bullied');
  });

  it('the card shows the acknowledgement time, the number (or that none is set) and the lead and deputies', () => {
    const none = cardText(deliverySettingsCard(defaults, { isAdmin: false }));
    expect(none).toContain('Alerts not acknowledged: go to the deputy leads after 1 working hour');
    expect(none).toContain('Out-of-hours number: not set');
    expect(none).toContain('Safeguarding: no lead set');
    const set: DeliverySettings = {
      ...defaults,
      alertAckMinutes: 30,
      outOfHoursNumber: '0300 123 4567',
      safeguardingLead: { personKey: 'dee', userId: '29:dee', name: 'Dee' },
      safeguardingDeputies: [{ personKey: 'dan', userId: '29:dan', name: 'Dan' }]
    };
    const card = deliverySettingsCard(set, { isAdmin: true });
    expectValidCard(card, 'settings (safeguarding set)');
    expect(cardText(card)).toContain('after 30 working minutes');
    expect(cardText(card)).toContain('Out-of-hours number: 0300 123 4567');
    expect(cardText(card)).toContain('Safeguarding: lead Dee; deputy Dan');
  });
});
