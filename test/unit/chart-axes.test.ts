import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { digestCard } from '../../src/cards/digests/digest-cards';
import { pollCard } from '../../src/cards/polls/poll-cards';
import type { AdaptiveCardJson } from '../../src/cards/shared/render';
import { surveyResultsCard } from '../../src/cards/surveys/survey-cards';
import { buildDigest, emptyAggregate } from '../../src/domain/digests/digest';
import type { Survey } from '../../src/domain/surveys/survey';
import { buildResults } from '../../src/domain/surveys/survey-results';
import { expectValidCard } from '../helpers/card-validator';
import { makePoll } from '../helpers/fixtures';

/**
 * Result charts count people, so no axis may read 0, 0.17, 0.33 … Teams' bar charts draw a value axis with
 * fractional ticks by default (`displayMode: "AbsoluteWithAxis"`); VoiceLoop draws them without the axis and with
 * each bar labelled by its whole count (`AbsoluteNoAxis`). Chart types with a value axis and no way to hide it must
 * not be used for counts until someone decides how their ticks become whole numbers; a chart of percentages
 * (its y axis titled so) may.
 */
type Node = Record<string, unknown>;

const NO_AXIS_MODES = ['AbsoluteNoAxis', 'PartToWhole'];
/** Chart types without a value axis (a share of a whole). */
const AXISLESS = new Set(['Chart.Donut', 'Chart.Pie', 'Chart.Gauge']);
/** Chart types whose value axis can be switched off with `displayMode`. */
const AXIS_SWITCHABLE = new Set(['Chart.HorizontalBar', 'Chart.HorizontalBar.Stacked']);

function charts(value: unknown, found: Node[] = []): Node[] {
  if (Array.isArray(value)) value.forEach((v) => charts(v, found));
  else if (value && typeof value === 'object') {
    const node = value as Node;
    if (typeof node.type === 'string' && node.type.startsWith('Chart.')) found.push(node);
    Object.values(node).forEach((v) => charts(v, found));
  }
  return found;
}

function templates(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? templates(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : []
  );
}

/** Why a chart would show a count axis with fractional ticks, or undefined when it cannot. */
function axisProblem(chart: Node): string | undefined {
  const type = String(chart.type);
  if (AXISLESS.has(type)) return undefined;
  // A chart of shares (its value axis titled as a percentage, e.g. the recurring survey's trend line) may read 0–100 in any steps.
  if (typeof chart.yAxisTitle === 'string' && /%|per ?cent/i.test(chart.yAxisTitle)) return undefined;
  if (!AXIS_SWITCHABLE.has(type)) return `${type} has a value axis VoiceLoop cannot make whole numbers`;
  return NO_AXIS_MODES.includes(String(chart.displayMode)) ? undefined : `${type} draws its default axis (displayMode ${String(chart.displayMode)})`;
}

function numbersIn(chart: Node): unknown[] {
  const data = Array.isArray(chart.data) ? (chart.data as Node[]) : [];
  return data.flatMap((d) => [d.y, d.value].filter((v) => v !== undefined));
}

function expectWholeCountCharts(card: AdaptiveCardJson, label: string): void {
  expectValidCard(card, label);
  const found = charts(card.body);
  expect(found.length, `${label} has a chart`).toBeGreaterThan(0);
  for (const chart of found) {
    expect(axisProblem(chart), label).toBeUndefined();
    for (const n of numbersIn(chart)) expect(Number.isInteger(n), `${label}: ${String(n)} is a whole number`).toBe(true);
  }
}

const survey: Survey = {
  tenantId: 't',
  surveyId: '0b6f3c1e-1d2a-4c3b-9e8f-7a6b5c4d3e2f',
  version: 1,
  status: 'open',
  title: 'Club night',
  cohort: 'staff',
  anonymity: 'named',
  resultsVisibility: 'live',
  easyRead: false,
  audience: 'The team.',
  nextSteps: 'We will say.',
  questions: [{ id: 'q1', type: 'multiple', text: 'Which night?', options: ['Monday', 'Tuesday', 'Friday'] }],
  nextQuestionNumber: 2,
  createdBy: 'owner',
  createdByUserId: '29:owner',
  createdAt: new Date('2026-01-05T10:00:00Z'),
  timeZone: 'Europe/London',
  conversation: { tenantId: 't', serviceUrl: 'https://x/', channelId: 'msteams', conversationId: 'c', conversationType: 'personal', botId: 'b', updatedAt: '' }
} as Survey;

describe('result charts count whole people', () => {
  it('every chart in every card template either has no value axis or hides it (bars labelled by their counts)', () => {
    const root = join(__dirname, '../../src/cards');
    const all = templates(root).flatMap((file) => charts(JSON.parse(readFileSync(file, 'utf8'))).map((chart) => ({ file: file.slice(root.length + 1), chart })));
    expect(all.length).toBeGreaterThanOrEqual(5); // poll bar + donut, survey results, findings, digest
    expect(all.map(({ file, chart }) => [file, axisProblem(chart)]).filter(([, problem]) => problem)).toEqual([]);
  });

  it('the rule catches a bar chart left on its default axis and a chart type whose axis cannot be hidden', () => {
    expect(axisProblem({ type: 'Chart.HorizontalBar', data: [] })).toMatch(/default axis/);
    expect(axisProblem({ type: 'Chart.HorizontalBar', displayMode: 'AbsoluteWithAxis' })).toMatch(/default axis/);
    expect(axisProblem({ type: 'Chart.VerticalBar' })).toMatch(/cannot make whole numbers/);
    expect(axisProblem({ type: 'Chart.Donut' })).toBeUndefined();
    expect(axisProblem({ type: 'Chart.Line', yAxisTitle: 'People' })).toMatch(/cannot make whole numbers/);
    expect(axisProblem({ type: 'Chart.Line', yAxisTitle: '% of answers' })).toBeUndefined();
  });

  it('a poll one person voted in: bar chart without the fractional axis, whole counts', () => {
    expectWholeCountCharts(pollCard(makePoll(), { counts: [1, 0, 0], voters: 1 }), 'poll, one vote');
  });

  it('survey results for a question one person answered: no fractional axis, whole counts', () => {
    expectWholeCountCharts(surveyResultsCard(buildResults(survey, { respondents: 1, questions: { q1: [1, 0, 0, 0, 1] } }, { forOwner: true, threshold: 1 })), 'survey results, one answer');
  });

  it('digest with one plan and one activity: no fractional axis, whole counts', () => {
    const d = buildDigest({ ...emptyAggregate(), plansByState: { live: 1 }, activitiesByLevel: { meso: 1 }, activitiesByRung: { '5': 1 } }, new Date('2026-02-01T10:00:00Z'), '2026-02-01', {}, 5);
    expectWholeCountCharts(digestCard(d), 'digest, ones');
  });
});
