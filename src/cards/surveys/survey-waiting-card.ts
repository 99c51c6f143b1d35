/** "Not answered yet" (docs/recurrence.md): how many, and for named staff surveys who; else only the rate. */
import type { WaitingView } from '../../domain/surveys/survey-waiting';
import { type AdaptiveCardJson, renderCard } from '../shared/render';
import template from './survey-waiting.json';

/** Names shown on the card; the rest are counted. */
export const WAITING_NAMES_SHOWN = 40;

const WHY: Record<WaitingView['detail'], string> = {
  names: 'A named staff survey: you see who has not answered. They are sent one reminder at most, in their allowed hours.',
  count: 'A pseudonymous staff survey: you see how many, never who.',
  rate: 'Who has and has not answered is never shown for anonymous surveys, or for young people\'s and parent carers\' surveys: only the response rate.'
};

export function surveyWaitingCard(view: WaitingView, note?: { text: string; good: boolean }): AdaptiveCardJson {
  const people = (n: number): string => `${n} ${n === 1 ? 'person' : 'people'}`;
  const summary =
    view.detail === 'rate'
      ? `Response rate: ${view.percent}% of the ${people(view.sent)} it reached 1:1.`
      : `${view.notAnswered ?? 0} of the ${people(view.sent)} it reached 1:1 ${view.notAnswered === 1 ? 'has' : 'have'} not answered (${view.percent}% answered).` +
        (view.nudged ? ` ${view.nudged} of them ${view.nudged === 1 ? 'has' : 'have'} been nudged already.` : '');
  const all = view.names ?? [];
  const names = all.length > WAITING_NAMES_SHOWN ? [...all.slice(0, WAITING_NAMES_SHOWN), `and ${all.length - WAITING_NAMES_SHOWN} more`] : all;
  return renderCard(template, {
    title: view.survey.title,
    summary,
    note: note?.text ?? '',
    noteColor: note?.good === false ? 'Attention' : 'Good',
    names,
    why: WHY[view.detail],
    canNudge: view.canNudge,
    surveyId: view.survey.surveyId,
    speak: `Not answered yet: ${view.survey.title}. ${summary}`
  });
}
