/** The trend of a recurring poll (docs/recurrence.md): drawn with the survey trend's template, one chart for the poll. */
import type { PollSeries, PollTrend } from '../../domain/polls/poll-series';
import { POLL_LIMITS } from '../../domain/polls/poll';
import { type AdaptiveCardJson, renderCard } from '../shared/render';
import trendTemplate from '../recurrence/series-trend.json';

/** One `Chart.Line` (a line per option, % of each round's votes; a text list where charts are not drawn); hidden rounds are gaps. */
export function pollTrendCard(series: PollSeries, trend: PollTrend, summary: string): AdaptiveCardJson {
  const chart = trend.lines
    .map((line) => ({ legend: line.legend, values: line.points.filter((p) => p.y !== undefined).map((p) => ({ x: p.x, y: p.y })) }))
    .filter((line) => line.values.length > 0);
  const question = series.draft.question;
  const hidden = series.draft.anonymous ? `an anonymous round with fewer than ${POLL_LIMITS.anonymousMinVotersForResults} voters` : 'results hidden until the round closes';
  return renderCard(trendTemplate, {
    title: question,
    summary,
    note: 'Each round is its own poll, counted on its own.',
    questions: [
      {
        heading: question,
        showChart: chart.length > 0,
        chartTitle: `${question} (% of each round's votes)`,
        chart,
        fallback: trend.fallback.length > 0 ? trend.fallback : ['No rounds yet.'],
        gapNote: trend.gaps.length > 0 ? `Not shown (a gap): ${trend.gaps.join('; ')} — ${hidden}, as the poll itself shows it.` : ''
      }
    ],
    speak: `Trend of ${question}: ${summary}`
  });
}
