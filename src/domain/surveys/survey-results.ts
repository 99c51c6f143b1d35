/**
 * The results of a survey as people may see them: exact for the owner; beyond the owner, every count
 * goes through small-number suppression (src/domain/shared/suppression.ts) and free text is never shown. Free
 * text the safeguarding screen flags is never shown to the owner either (src/domain/safeguarding/withheld-text.ts).
 */
import { percentages } from '../polls/poll';
import { type ShownCount, suppressCount, suppressGroup, suppressIndependent } from '../shared/suppression';
import { type Question, type Survey, type SurveyTally, answeredCell, cellCount, cellLabels, choicesOf, skipCell } from './survey';

export interface ResultRow {
  label: string;
  symbol: string;
  shown: ShownCount;
  /** Only when every count of the question is exact. */
  percent?: number;
}

export interface QuestionResult {
  question: Question;
  number: number;
  rows: ResultRow[];
  skipped: ShownCount;
  answered: ShownCount;
  /** Every count exact: the chart, the total and the percentages may be shown. */
  complete: boolean;
  /** Owner only, free-text questions: the newest answers that may be shown (never a withheld one). */
  freeTexts?: string[];
  /** Owner only: how many of the newest answers were passed to the safeguarding lead, so are not shown. */
  withheldTexts?: number;
}

export interface SurveyResults {
  survey: Survey;
  forOwner: boolean;
  threshold: number;
  respondents: ShownCount;
  questions: QuestionResult[];
  /** Answers recorded "given with support" (docs/groups.md): a count, never who; suppressed beyond the owner. */
  supported?: ShownCount;
  /** People present without Teams in the survey's sessions: a count; suppressed beyond the owner. */
  others?: ShownCount;
}

const exact = (value: number): ShownCount => ({ kind: 'exact', value });

/** Builds the results from the tally alone (never from the answers). */
export function buildResults(
  survey: Survey,
  tally: SurveyTally,
  options: { forOwner: boolean; threshold: number; freeTexts?: Record<string, string[]>; withheldTexts?: Record<string, number> }
): SurveyResults {
  const { forOwner, threshold } = options;
  const questions = survey.questions.map((question, index): QuestionResult => {
    const n = cellCount(question);
    const cells = tally.questions[question.id] ?? [];
    const at = (i: number): number => Math.max(0, cells[i] ?? 0);
    const choiceCounts = Array.from({ length: n }, (_, i) => at(i));
    const skipped = at(skipCell(question));
    const answered = at(answeredCell(question));
    const labels = cellLabels(question);
    const symbols = question.type === 'scale' ? choicesOf({ ...question, twoPoint: false }).map((c) => c.symbol) : choicesOf(question).map((c) => c.symbol);

    let choiceShown: ShownCount[];
    let skippedShown: ShownCount;
    let answeredShown: ShownCount;
    let complete: boolean;
    if (forOwner) {
      choiceShown = choiceCounts.map(exact);
      skippedShown = exact(skipped);
      answeredShown = exact(answered);
      complete = true;
    } else if (question.type === 'multiple' || question.type === 'text') {
      // Answered + skipped add up to the people who reached the question: one group.
      const group = suppressGroup([answered, skipped], threshold);
      const choices = suppressIndependent(choiceCounts, threshold);
      choiceShown = choices.cells;
      [answeredShown, skippedShown] = group.cells as [ShownCount, ShownCount];
      complete = group.complete && choices.complete;
    } else {
      // One choice each: the choices plus "skipped" add up to the people who reached the question.
      const group = suppressGroup([...choiceCounts, skipped], threshold);
      choiceShown = group.cells.slice(0, n);
      skippedShown = group.cells[n] ?? exact(0);
      answeredShown = group.complete ? exact(answered) : { kind: 'withheld' };
      complete = group.complete;
    }
    const pct = complete && question.type !== 'multiple' ? percentages(choiceCounts) : undefined;
    const rows = labels.map((label, i) => ({
      label,
      symbol: symbols[i] ?? '',
      shown: choiceShown[i] ?? exact(0),
      percent: pct?.[i]
    }));
    const result: QuestionResult = { question, number: index + 1, rows, skipped: skippedShown, answered: answeredShown, complete };
    if (forOwner && question.type === 'text') {
      result.freeTexts = options.freeTexts?.[question.id] ?? [];
      result.withheldTexts = options.withheldTexts?.[question.id] ?? 0;
    }
    return result;
  });
  return {
    survey,
    forOwner,
    threshold,
    respondents: forOwner ? exact(tally.respondents) : suppressCount(tally.respondents, threshold),
    questions
  };
}
