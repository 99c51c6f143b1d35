/** The lead's safeguarding cards: the alert (each state), the administrators' notice and the list. */
import { describe, expect, it } from 'vitest';
import { safeguardingAlertCard, safeguardingAlertsCard, safeguardingUnacknowledgedCard } from '../../src/cards/safeguarding/safeguarding-cards';
import { VERBS } from '../../src/cards/shared/verbs';
import { categoryLabel } from '../../src/domain/safeguarding/safeguarding';
import { type AlertCardInput, type AlertSummary, workingTimeText } from '../../src/domain/safeguarding/safeguarding-service';
import { cardActionTitles, cardText } from '../helpers/card-query';
import { expectValidCard } from '../helpers/card-validator';

const base: AlertCardInput = {
  ref: { subjectId: 'survey-1', alertKey: 'q3|resp-1' },
  subjectTitle: 'Your short breaks',
  questionText: 'Anything else?',
  text: 'i sleep at my friends most nights now',
  at: new Date('2026-01-05T16:00:00Z'),
  timeZone: 'Europe/London',
  respondent: 'Sam',
  anonymous: false,
  categories: ['neglect', 'missing'],
  matches: ['sleep at my friend*']
};

const render = (over: Partial<AlertCardInput> = {}) => {
  const card = safeguardingAlertCard({ ...base, ...over });
  expectValidCard(card, 'alert card');
  return { card, text: cardText(card) };
};

describe('the alert card', () => {
  it('names the categories, keeps the words, the survey, question, who and when, and says what nobody else sees', () => {
    const { card, text } = render();
    expect(text).toContain(`Categories: ${categoryLabel('neglect')}; ${categoryLabel('missing')}`);
    expect(text).toContain('i sleep at my friends most nights now');
    expect(text).toContain('Survey: Your short breaks');
    expect(text).toContain('Question: Anything else?');
    expect(text).toContain('Who: Sam');
    expect(text).toContain('When: Mon 5 Jan, 16:00');
    expect(text).toContain('Why it was flagged: "sleep at my friend…"'); // an asterisk is markdown: shown as …
    expect(text).toContain("Nowhere else in VoiceLoop shows these words: the survey's owner and results, exports, digests, findings and search show 'An answer was passed to the safeguarding lead'.");
    expect(cardActionTitles(card as never)).toEqual(["I'm dealing with this"]);
    const action = JSON.stringify(card);
    expect(action).toContain(VERBS.safeguardingAcknowledge);
    expect(action).toContain('"alertKey":"q3|resp-1"');
    expect(card.speak).toContain(categoryLabel('neglect'));
  });

  it('one category says "Category"; anonymous says who, revealed to the lead only', () => {
    const { text } = render({ categories: ['self-harm'], anonymous: true, respondent: 'Kit' });
    expect(text).toContain(`Category: ${categoryLabel('self-harm')}`);
    expect(text).toContain('Who: Kit (anonymous: revealed to you only)');
  });

  it('a screening failure says plainly the answer could not be screened and asks the lead to read it', () => {
    const { text } = render({ categories: ['not-screened'], matches: [] });
    expect(text).toContain('This answer could not be screened automatically');
    expect(text).toContain('Please read it');
    expect(text).not.toContain('Category');
    expect(text).not.toContain('Why it was flagged');
  });

  it('a net\'s alert carries its guess as "possibly", never as a category found', () => {
    const { text } = render({ categories: ['possible-harm'], possibly: ['neglect', 'emotional'] });
    expect(text).toContain('Category: Possible harm, possibly: Neglect or Emotional abuse (a guess from the words: please read the answer)');
    expect(render({ categories: ['possible-harm'] }).text).toContain(`Category: ${categoryLabel('possible-harm')}`);
  });

  it('acknowledged: "Dealt with by X since HH:MM", no button; a note for whoever pressed second', () => {
    const { card, text } = render({ acknowledged: { name: 'Dee Lead', at: new Date('2026-01-05T16:05:00Z') }, notice: 'Dee Lead pressed first.' });
    expect(text).toContain('Dealt with by Dee Lead since 16:05 (Mon 5 Jan).');
    expect(text).toContain('Dee Lead pressed first.');
    expect(cardActionTitles(card as never)).toEqual([]);
  });

  it('escalated: to the deputies, or to the lead again when no deputy is set', () => {
    const toDeputies = render({ escalation: { at: new Date('2026-01-05T17:00:00Z'), workingMinutes: 60, toDeputies: true } }).text;
    expect(toDeputies).toContain('Safeguarding alert: escalated');
    expect(toDeputies).toContain('Escalated to the deputy leads at 17:00: the lead had not acknowledged it within 1 working hour.');
    const again = render({ escalation: { at: new Date('2026-01-05T17:00:00Z'), workingMinutes: 90, toDeputies: false } }).text;
    expect(again).toContain('within 1 hour 30 minutes of working time, and no deputy lead is set');
    expect(again).toContain('Safeguarding alert: still not acknowledged');
  });

  it('no lead: a reminder to the deputies who already had it says it is the same alert, not a new one; on to a lead named later', () => {
    const at = new Date('2026-01-05T17:00:00Z');
    const reminder = render({ escalation: { at, workingMinutes: 60, toDeputies: false, as: 'again', noLead: true } }).text;
    expect(reminder).toContain('Safeguarding alert: still not acknowledged');
    expect(reminder).toContain('Reminder at 17:00: this alert is still not acknowledged after 1 working hour. It is the alert you were sent when it was raised, not a new one');
    expect(reminder).not.toContain('escalated');
    const onToDeputies = render({ escalation: { at, workingMinutes: 60, toDeputies: true, noLead: true } }).text;
    expect(onToDeputies).toContain('Escalated to the deputy leads at 17:00: nobody had acknowledged it within 1 working hour, and no designated safeguarding lead is set.');
    const toLead = render({ escalation: { at, workingMinutes: 60, toDeputies: false, as: 'lead' } }).text;
    expect(toLead).toContain('Safeguarding alert: escalated');
    expect(toLead).toContain('Escalated to the designated safeguarding lead at 17:00: the deputy leads had not acknowledged it within 1 working hour.');
  });

  it('out of hours: the number when set, local procedures when not; in hours: nothing', () => {
    const withNumber = render({ outOfHours: { number: '0300 123 4567' } }).text;
    expect(withNumber).toContain('VoiceLoop is not monitored at night or at weekends');
    expect(withNumber).toContain('emergency duty team');
    expect(withNumber).toContain('0300 123 4567');
    const without = render({ outOfHours: {} }).text;
    expect(without).toContain('Your council has not set an out-of-hours number in VoiceLoop: follow your local out-of-hours procedures');
    expect(render().text).not.toContain('not monitored');
  });

  it('what a young person typed stays text, even when it looks like a template', () => {
    const { card } = render({ text: '${speak} {{x}} **bold**' });
    expect(JSON.stringify(card)).toContain('${speak} {{x}} **bold**');
  });

  it('after retention: the words and the name are gone, and the card says why', () => {
    const { text } = render({ text: '', wordsDeleted: true, respondent: undefined, matches: [] });
    expect(text).toContain("The words were deleted with the survey's answers");
    expect(text).toContain("Who: Deleted with the survey's answers");
  });
});

describe('the administrators\' notice and the list', () => {
  it('the notice has no words, no category, no young person', () => {
    const card = safeguardingUnacknowledgedCard({ subjectTitle: 'Your short breaks', at: new Date('2026-01-05T16:00:00Z'), timeZone: 'Europe/London', workingMinutes: 60, leadName: 'Dee Lead' });
    expectValidCard(card, 'notice');
    const text = cardText(card);
    expect(text).toContain('raised Mon 5 Jan, 16:00 from the survey "Your short breaks", has not been acknowledged within 1 working hour, and no deputy lead is set');
    expect(text).toContain('(Dee Lead)');
    expect(text).not.toMatch(/Neglect|Category/);
  });

  it('lists open alerts then those dealt with, each with a button to its card; empty lists say so; long lists say how many more', () => {
    const summary = (n: number, acknowledged?: boolean): AlertSummary => ({
      ref: { subjectId: `s${n}`, alertKey: `q|${n}` },
      subjectTitle: `Survey ${n}`,
      raisedAt: new Date('2026-01-05T16:00:00Z'),
      timeZone: 'Europe/London',
      categories: ['physical'],
      acknowledged: acknowledged ? { name: 'Dan Deputy', at: new Date('2026-01-05T16:10:00Z') } : undefined,
      escalatedAt: n === 1 ? new Date('2026-01-05T17:00:00Z') : undefined
    });
    const empty = safeguardingAlertsCard({ open: [], dealtWith: [] }, 14);
    expectValidCard(empty, 'empty list');
    expect(cardText(empty)).toContain('Waiting for someone to deal with them (0)');
    expect(cardText(empty)).toContain('None: every alert has someone dealing with it.');

    const card = safeguardingAlertsCard({ open: [summary(1), summary(2)], dealtWith: [summary(3, true)] }, 14);
    expectValidCard(card, 'list');
    const text = cardText(card);
    expect(text).toContain('Waiting for someone to deal with them (2)');
    expect(text).toContain(`${categoryLabel('physical')}: Survey 1`);
    expect(text).toContain('Raised Mon 5 Jan, 16:00 · escalated Mon 5 Jan, 17:00 · nobody has acknowledged it yet');
    expect(text).toContain('Dealt with in the last 14 days (1)');
    expect(text).toContain('dealt with by Dan Deputy since Mon 5 Jan, 16:10');
    expect(cardActionTitles(card as never)).toEqual(['Show the alert', 'Show the alert', 'Show the alert']);
    expect(JSON.stringify(card)).toContain(VERBS.safeguardingAlertShow);

    const many = safeguardingAlertsCard({ open: Array.from({ length: 23 }, (_, i) => summary(i + 10)), dealtWith: [] }, 14);
    expectValidCard(many, 'long list');
    expect(cardText(many)).toContain('3 more not shown here.');
  });

  it('working time in words', () => {
    expect(workingTimeText(60)).toBe('1 working hour');
    expect(workingTimeText(120)).toBe('2 working hours');
    expect(workingTimeText(15)).toBe('15 working minutes');
    expect(workingTimeText(90)).toBe('1 hour 30 minutes of working time');
  });
});
