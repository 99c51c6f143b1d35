import { describe, expect, it } from 'vitest';
import { fatigueNote, nextOccurrence, parseRecurrence, roundSurveyId } from '../../src/domain/recurrence/series';
import { buildTrend } from '../../src/domain/recurrence/trend';
import type { Survey, SurveyTally } from '../../src/domain/surveys/survey';

describe('recurrence rules', () => {
  it('parses weekly, monthly and after-session schedules, and refuses what it cannot read with a clear message', () => {
    expect(parseRecurrence('weekly Tue 16:00')).toEqual({ kind: 'weekly', weekday: 2, time: '16:00' });
    expect(parseRecurrence('weekly friday 9')).toEqual({ kind: 'weekly', weekday: 5, time: '09:00' });
    expect(parseRecurrence('monthly 1 10:30')).toEqual({ kind: 'monthly', day: 1, time: '10:30' });
    expect(parseRecurrence('after each session')).toEqual({ kind: 'afterSession' });
    expect(() => parseRecurrence('weekly someday 10:00')).toThrow('Which day of the week?');
    expect(() => parseRecurrence('weekly monday 25:00')).toThrow('HH:MM');
    expect(() => parseRecurrence('monthly 29 10:00')).toThrow('1 to 28');
    expect(() => parseRecurrence('daily')).toThrow('How often?');
  });

  it('finds the next occurrence in the series time zone, across the clock change', () => {
    const weekly = parseRecurrence('weekly sunday 10:00');
    // Sunday 29 March 2026: clocks go forward in London; 10:00 BST is 09:00 UTC.
    expect(nextOccurrence(weekly, new Date('2026-03-23T12:00:00Z'), 'Europe/London')).toEqual(new Date('2026-03-29T09:00:00Z'));
    expect(nextOccurrence(weekly, new Date('2026-03-29T09:00:00Z'), 'Europe/London')).toEqual(new Date('2026-04-05T09:00:00Z'));
    const monthly = parseRecurrence('monthly 28 16:00');
    expect(nextOccurrence(monthly, new Date('2026-01-28T16:00:00Z'), 'Europe/London')).toEqual(new Date('2026-02-28T16:00:00Z'));
    expect(nextOccurrence({ kind: 'afterSession' }, new Date(), 'Europe/London')).toBeUndefined();
  });

  it('a round id is worked out from series and occurrence: the same every time, different per round, a valid survey id', () => {
    const series = '0b7e2c56-3c1f-4a8e-9d4b-2f1e5a6c7d8e';
    expect(roundSurveyId(series, 1)).toBe(series);
    expect(roundSurveyId(series, 2)).toBe(roundSurveyId(series, 2));
    expect(roundSurveyId(series, 2)).not.toBe(roundSurveyId(series, 3));
    expect(roundSurveyId(series, 2)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('tells the author when the fatigue cap will skip people', () => {
    const weekly = parseRecurrence('weekly monday 10:00');
    expect(fatigueNote(weekly, { maxRequests: 1, windowDays: 14 }, true)).toContain('will skip people');
    expect(fatigueNote(weekly, { maxRequests: 2, windowDays: 14 }, true)).toContain('whole fatigue allowance');
    expect(fatigueNote(weekly, { maxRequests: 3, windowDays: 14 }, true)).toBeUndefined();
    expect(fatigueNote(parseRecurrence('monthly 1 10:00'), { maxRequests: 2, windowDays: 14 }, true)).toBeUndefined();
    expect(fatigueNote(weekly, { maxRequests: 1, windowDays: 14 }, false)).toBeUndefined();
  });
});

describe('trend across rounds', () => {
  const survey = (surveyId: string): Survey =>
    ({ surveyId, tenantId: 't', title: 'Check-in', questions: [{ id: 'q1', type: 'yesno', text: 'Good week?' }] }) as unknown as Survey;
  // Yes-no cells: yes, no, skipped, answered.
  const tally = (yes: number, no: number): SurveyTally => ({ respondents: yes + no, questions: { q1: [yes, no, 0, yes + no] } }) as SurveyTally;
  const round = (n: number, yes: number, no: number) => ({
    round: { n, surveyId: `s${n}`, startedAt: new Date(Date.UTC(2026, 0, 5 + 7 * (n - 1), 10)).toISOString() },
    survey: survey(`s${n}`),
    tally: tally(yes, no)
  });

  it('a round with a small count is a gap on every line and in words, never a number that could be worked out', () => {
    const trend = buildTrend('Check-in', 'Europe/London', [round(1, 6, 9), round(2, 1, 7), round(3, 5, 5)], 5);
    const [yes, no] = trend.questions[0]!.lines;
    expect(yes!.points.map((p) => p.y)).toEqual([40, undefined, 50]);
    expect(no!.points.map((p) => p.y)).toEqual([60, undefined, 50]);
    expect(trend.gaps).toBe(1);
    const words = trend.questions[0]!.fallback.join('\n');
    expect(words).toContain('Round 2');
    expect(words).not.toMatch(/Round 2[^\n]*%/);
    expect(words).not.toMatch(/\b(1|7|8)\b answered/);
  });
});
