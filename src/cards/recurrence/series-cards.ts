/** Cards of recurring surveys (docs/recurrence.md): the trend across rounds. */
import type { SeriesTrend } from '../../domain/recurrence/trend';
import type { SurveySeries } from '../../domain/recurrence/series';
import { describeRecurrence } from '../../domain/recurrence/series';
import { type AdaptiveCardJson, renderCard } from '../shared/render';
import trendTemplate from './series-trend.json';

/**
 * One line chart per question (Teams' `Chart.Line`; a text list where charts are not drawn). A round
 * that suppression hides has no point on any line: it is named as not shown under the chart.
 */
export function seriesTrendCard(series: SurveySeries, trend: SeriesTrend): AdaptiveCardJson {
  const state = series.status === 'active' ? `repeats ${describeRecurrence(series.recurrence)}` : series.status === 'paused' ? 'paused' : 'stopped';
  const questions = trend.questions.map((q) => {
    const chart = q.lines
      .map((line) => ({ legend: line.legend, values: line.points.filter((p) => p.y !== undefined).map((p) => ({ x: p.x, y: p.y })) }))
      .filter((line) => line.values.length > 0);
    return {
      heading: `${q.number}. ${q.text}`,
      showChart: chart.length > 0,
      chartTitle: `${q.text} (% of each round's answers)`,
      chart,
      fallback: q.fallback,
      gapNote: q.gaps.length > 0 ? `Not shown (a gap): ${q.gaps.join('; ')}. Fewer than ${trend.threshold} answered, or a count could be worked out.` : ''
    };
  });
  const summary = `${trend.rounds.length} round${trend.rounds.length === 1 ? '' : 's'} · ${state}.`;
  return renderCard(trendTemplate, {
    title: series.title,
    summary,
    note: `Each round is counted on its own; a round with fewer than ${trend.threshold} answers is left out, never estimated.`,
    questions,
    speak: `Trend of ${series.title}: ${summary}`
  });
}
