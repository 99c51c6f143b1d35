/**
 * The trend of a recurring survey (docs/recurrence.md): per question, one line per choice across the
 * rounds, as the share of that round's answers. Small-number suppression applies per round exactly as
 * shared results have it (survey-results.ts, for anyone but the owner): a round whose counts are not
 * all exact is a gap — no point, no total, nothing a reader could work a count out from.
 */
import { type ShownCount, describeCount } from '../shared/suppression';
import type { Survey, SurveyTally } from '../surveys/survey';
import { buildResults } from '../surveys/survey-results';
import { type SeriesRound, roundLabel } from './series';

export interface TrendPoint {
  /** The round ("Round 2"); its date is in the words. */
  x: string;
  /** Percent of that round's answers; absent: a gap (suppressed, or nobody answered). */
  y?: number;
}

export interface TrendLine {
  legend: string;
  points: TrendPoint[];
}

export interface QuestionTrend {
  questionId: string;
  number: number;
  text: string;
  /** Free-text questions have no line, only how many answered per round. */
  lines: TrendLine[];
  /** Per round, in words: "Round 2 · Tue 13 Jan, 16:00: 40% 😀 Going well, …" or "…: not shown". */
  fallback: string[];
  /** Rounds suppression hides for this question (a gap on every line), as their labels. */
  gaps: string[];
}

export interface SeriesTrend {
  title: string;
  threshold: number;
  rounds: string[];
  questions: QuestionTrend[];
  /** How many rounds are gaps for at least one question. */
  gaps: number;
}

export interface RoundData {
  round: SeriesRound;
  survey: Survey;
  tally: SurveyTally;
}

const percentOf = (shown: ShownCount, answered: number): number | undefined =>
  shown.kind === 'exact' && answered > 0 ? Math.round((shown.value / answered) * 100) : undefined;

/** Lines per question of the latest round, matched across rounds by question id (ids are never reused). */
export function buildTrend(title: string, timeZone: string, rounds: RoundData[], threshold: number): SeriesTrend {
  const latest = rounds[rounds.length - 1]?.survey;
  const labels = rounds.map((r) => roundLabel(r.round, timeZone));
  const results = rounds.map((r) => buildResults(r.survey, r.tally, { forOwner: false, threshold }));
  const gapRounds = new Set<number>();
  const questions = (latest?.questions ?? []).map((question, qi): QuestionTrend => {
    const lines = new Map<string, TrendLine>();
    const fallback: string[] = [];
    const gaps: string[] = [];
    results.forEach((result, ri) => {
      const label = labels[ri] ?? `Round ${ri + 1}`;
      const x = `Round ${rounds[ri]?.round.n ?? ri + 1}`;
      const q = result.questions.find((r) => r.question.id === question.id);
      if (!q) {
        fallback.push(`${label}: not asked`);
        return;
      }
      // One choice each: the shares of the choices; several choices: the share of the people who answered.
      const answered =
        question.type === 'multiple'
          ? q.answered.kind === 'exact' ? q.answered.value : 0
          : q.rows.reduce((sum, row) => sum + (row.shown.kind === 'exact' ? row.shown.value : 0), 0);
      const shown = question.type !== 'text' && q.complete && answered > 0;
      if (question.type === 'text') {
        fallback.push(`${label}: ${describeCount(q.answered, threshold)} answered`);
        return;
      }
      if (!shown) {
        if (!q.complete) {
          gapRounds.add(ri);
          gaps.push(label);
        }
        fallback.push(`${label}: ${q.complete ? 'no answers' : `fewer than ${threshold} answered, or a count could be worked out: not shown`}`);
      }
      const parts: string[] = [];
      for (const row of q.rows) {
        const legend = `${row.symbol} ${row.label}`.trim();
        const line = lines.get(legend) ?? { legend, points: [] };
        const y = shown ? percentOf(row.shown, answered) : undefined;
        line.points.push(y === undefined ? { x } : { x, y });
        lines.set(legend, line);
        if (y !== undefined) parts.push(`${y}% ${legend}`);
      }
      if (shown) fallback.push(`${label}: ${parts.join(', ')}`);
    });
    return { questionId: question.id, number: qi + 1, text: question.text, lines: [...lines.values()], fallback, gaps };
  });
  return { title, threshold, rounds: labels, questions, gaps: gapRounds.size };
}
