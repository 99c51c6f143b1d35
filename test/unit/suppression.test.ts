import { describe, expect, it } from 'vitest';
import { type ShownCount, boundsOf, describeCount, suppressCount, suppressGroup, suppressIndependent } from '../../src/domain/shared/suppression';
import { buildResults } from '../../src/domain/surveys/survey-results';
import type { Survey, SurveyTally } from '../../src/domain/surveys/survey';

/**
 * Every value a hidden cell can take, for a reader who knows the group's exact total, every exact
 * count, and what each label means ("fewer than t" = 1…t-1, "hidden" ≥ t, "not shown" ≥ 0).
 */
function possibleValues(shown: ShownCount[], total: number, threshold: number): Map<number, Set<number>> {
  const hidden = shown.map((s, i) => (s.kind === 'exact' ? -1 : i)).filter((i) => i >= 0);
  const rest = total - shown.reduce((sum, s) => sum + (s.kind === 'exact' ? s.value : 0), 0);
  const out = new Map<number, Set<number>>(hidden.map((i) => [i, new Set<number>()]));
  const values: number[] = [];
  const walk = (k: number, left: number): void => {
    if (k === hidden.length) {
      if (left === 0) hidden.forEach((cell, j) => out.get(cell)!.add(values[j]!));
      return;
    }
    const [lo, hi] = boundsOf(shown[hidden[k]!]!, threshold);
    for (let v = lo; v <= Math.min(hi, left); v++) {
      values[k] = v;
      walk(k + 1, left - v);
    }
  };
  walk(0, rest);
  return out;
}

function* vectors(length: number, max: number): Generator<number[]> {
  const v = new Array<number>(length).fill(0);
  for (;;) {
    yield [...v];
    let i = 0;
    while (i < length && v[i] === max) v[i++] = 0;
    if (i === length) return;
    v[i] = (v[i] ?? 0) + 1;
  }
}

describe('small-number suppression', () => {
  it('shows 1–4 as "fewer than 5", and 0 and 5+ exactly, when nothing can be worked out', () => {
    expect(suppressCount(0)).toEqual({ kind: 'exact', value: 0 });
    expect(suppressCount(1)).toEqual({ kind: 'few' });
    expect(suppressCount(4)).toEqual({ kind: 'few' });
    expect(suppressCount(5)).toEqual({ kind: 'exact', value: 5 });
    expect(describeCount({ kind: 'few' })).toBe('fewer than 5');
    expect(describeCount({ kind: 'few' }, 10)).toBe('fewer than 10');
    expect(suppressGroup([12, 7, 5])).toEqual({ complete: true, cells: [12, 7, 5].map((value) => ({ kind: 'exact', value })) });
  });

  it('one small count in a group: a second count is hidden so the total cannot give it away', () => {
    const { cells, complete } = suppressGroup([20, 9, 3]);
    expect(complete).toBe(false);
    expect(cells[2]).toEqual({ kind: 'few' });
    expect(cells[1]).toEqual({ kind: 'hidden' });
    expect(cells[0]).toEqual({ kind: 'exact', value: 20 });
  });

  it('two ones (1 + 1 could only be 1 and 1): more is hidden, or the whole group is withheld', () => {
    const { cells } = suppressGroup([1, 1]);
    expect(cells.every((c) => c.kind === 'withheld')).toBe(true);
    const three = suppressGroup([10, 1, 1]);
    expect(three.cells.filter((c) => c.kind === 'exact')).toEqual([]);
  });

  it('a per-tenant threshold moves the line', () => {
    expect(suppressGroup([7, 8], 10).cells.every((c) => c.kind !== 'exact')).toBe(true);
    expect(suppressGroup([7, 8], 5).complete).toBe(true);
  });

  it.each([
    [3, 9, 5],
    [4, 7, 5],
    [5, 5, 5],
    [3, 12, 10],
    [4, 6, 3]
  ])('exhaustively, for every group of %i counts up to %i (threshold %i), no hidden count can be worked out from the total', (length, max, threshold) => {
    let checked = 0;
    for (const counts of vectors(length, max)) {
      const total = counts.reduce((a, b) => a + b, 0);
      const { cells, complete } = suppressGroup(counts, threshold);
      // the truth is always consistent with what is shown
      cells.forEach((c, i) => {
        const [lo, hi] = boundsOf(c, threshold);
        expect(counts[i]! >= lo && counts[i]! <= hi).toBe(true);
      });
      expect(complete).toBe(cells.every((c) => c.kind === 'exact'));
      if (complete) {
        expect(counts.every((n) => n === 0 || n >= threshold)).toBe(true);
        continue;
      }
      for (const [cell, possible] of possibleValues(cells, total, threshold)) {
        expect(possible.size, `counts ${JSON.stringify(counts)}, cell ${cell}: ${JSON.stringify(cells)}`).toBeGreaterThan(1);
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('independent counts (multiple choice): each small count alone is "few"', () => {
    expect(suppressIndependent([7, 2, 0]).cells).toEqual([{ kind: 'exact', value: 7 }, { kind: 'few' }, { kind: 'exact', value: 0 }]);
  });
});

const NOW = new Date('2026-01-05T10:00:00Z');
function survey(overrides: Partial<Survey> = {}): Survey {
  return {
    tenantId: 't',
    surveyId: 's',
    version: 2,
    status: 'closed',
    title: 'How was today?',
    cohort: 'youngPeople',
    anonymity: 'anonymous',
    resultsVisibility: 'afterClose',
    easyRead: true,
    audience: 'The youth club team.',
    nextSteps: 'We will tell you in 6 weeks.',
    questions: [
      { id: 'q1', type: 'scale', scale: 'like', text: 'Did you like today?' },
      { id: 'q2', type: 'multiple', text: 'What did you do?', options: ['Art', 'Sport', 'Games'] },
      { id: 'q3', type: 'text', text: 'Tell us more' }
    ],
    nextQuestionNumber: 4,
    createdBy: 'owner',
    createdByUserId: '29:owner',
    createdAt: NOW,
    timeZone: 'Europe/London',
    conversation: {
      tenantId: 't',
      serviceUrl: 'https://x/',
      channelId: 'msteams',
      conversationId: 'c',
      conversationType: 'personal',
      botId: 'b',
      updatedAt: NOW.toISOString()
    },
    ...overrides
  };
}

describe('survey results beyond the owner', () => {
  // q1 cells: like, not sure, don't like, skipped, answered
  const tally: SurveyTally = {
    respondents: 23,
    questions: { q1: [15, 6, 2, 0, 23], q2: [9, 3, 12, 2, 21], q3: [3, 20] }
  };

  it('the owner sees exact counts, percentages and free text', () => {
    const r = buildResults(survey(), tally, { forOwner: true, threshold: 5, freeTexts: { q3: ['More art please'] } });
    expect(r.respondents).toEqual({ kind: 'exact', value: 23 });
    expect(r.questions[0]!.rows.map((x) => x.shown)).toEqual([15, 6, 2].map((value) => ({ kind: 'exact', value })));
    expect(r.questions[0]!.rows.map((x) => x.percent)).toEqual([65, 26, 9]);
    expect(r.questions[2]!.freeTexts).toEqual(['More art please']);
  });

  it('others see "fewer than 5", no percentages and no total for a question with a hidden count, and never free text', () => {
    const r = buildResults(survey(), tally, { forOwner: false, threshold: 5, freeTexts: { q3: ['secret'] } });
    const q1 = r.questions[0]!;
    expect(q1.complete).toBe(false);
    expect(q1.rows[2]!.shown).toEqual({ kind: 'few' });
    expect(q1.rows.every((x) => x.percent === undefined)).toBe(true);
    expect(q1.answered.kind).not.toBe('exact');
    // 23 people, 15 liked it shown: the other two cells together are hidden so neither can be worked out
    const shownCells = [...q1.rows.map((x) => x.shown), q1.skipped];
    for (const possible of possibleValues(shownCells, 23, 5).values()) expect(possible.size).toBeGreaterThan(1);
    // multiple choice: each option alone; answered/skipped protected as a pair
    const q2 = r.questions[1]!;
    expect(q2.rows.map((x) => x.shown.kind)).toEqual(['exact', 'few', 'exact']);
    expect(q2.skipped.kind).not.toBe('exact');
    expect(q2.answered.kind).not.toBe('exact');
    expect(r.questions[2]!.freeTexts).toBeUndefined();
  });

  it('a total of respondents from 1 to 4 is "fewer than 5" too', () => {
    const r = buildResults(survey(), { respondents: 3, questions: { q1: [3, 0, 0, 0, 3] } }, { forOwner: false, threshold: 5 });
    expect(r.respondents).toEqual({ kind: 'few' });
    expect(r.questions[0]!.rows.every((x) => x.shown.kind !== 'exact' || x.shown.value === 0)).toBe(true);
    for (const possible of possibleValues([...r.questions[0]!.rows.map((x) => x.shown), r.questions[0]!.skipped], 3, 5).values()) {
      expect(possible.size).toBeGreaterThan(1);
    }
  });
});
