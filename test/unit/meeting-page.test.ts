/**
 * What the meeting pages show (src/cards/meetings/meeting-page.ts): built from the chat's cards, with the
 * card's own `speak` as the read-aloud text, passing the easy-read check on every screen; the stage never
 * shows a count the results would not, never a name or free text.
 */
import { describe, expect, it } from 'vitest';
import { pageAsCard, pageEasyReadProblems, panelEndPage, panelPage, stagePage } from '../../src/cards/meetings/meeting-page';
import { questionCard } from '../../src/cards/surveys/survey-cards';
import type { PanelState, SessionSummary } from '../../src/domain/meetings/meeting-service';
import type { Session } from '../../src/domain/sessions/ports';
import { buildResults } from '../../src/domain/surveys/survey-results';
import type { Question } from '../../src/domain/surveys/survey';
import { FIXTURE_NOW, fixtureConversation, makeSurvey } from '../helpers/fixtures';

const QUESTIONS: Omit<Question, 'id'>[] = [
  { type: 'scale', scale: 'like', text: 'Did you like today?' },
  { type: 'single', text: 'Which club?', options: ['Football', 'Art', '🎵 Music'] },
  { type: 'multiple', text: 'What helps?', options: ['Quiet room', 'Breaks'] },
  { type: 'yesno', text: 'Would you come again?' },
  { type: 'rating', text: 'How was the food?' },
  { type: 'text', text: 'Tell us more' }
];
const survey = makeSurvey(QUESTIONS);
const session: Session = {
  tenantId: 't', sessionId: '11111111-2222-4333-8444-555555555555', surveyId: survey.surveyId, surveyVersion: survey.version,
  conversation: fixtureConversation(), facilitatorKey: 'fay', facilitatorUserId: '29:fay', current: 0, status: 'open', memberCount: 8, startedAt: FIXTURE_NOW
};
const summary = (phase: SessionSummary['phase'], index: number): SessionSummary => ({ phase, index, total: QUESTIONS.length, stage: false, sessionId: session.sessionId, revision: `${phase}:${index}` });
const style = { easyRead: true, twoPoint: false, extraTime: false };

function state(phase: SessionSummary['phase'], index: number, role: PanelState['role'] = 'attendee'): PanelState {
  const question = survey.questions[index];
  return {
    summary: summary(phase, index),
    role,
    canFacilitate: role !== 'attendee',
    survey,
    session: { ...session, current: index, paused: phase === 'paused' },
    question: question && index >= 0 ? { survey, question, index, style, isOwner: false, myAnswer: index === 0 ? { kind: 'choice', choices: [2] } : undefined } : undefined
  };
}

describe('the side panel', () => {
  it('is easy read on every screen and every kind of question, with the controls only for organiser and presenters', () => {
    const screens = [panelPage(state('welcome', -1)), panelPage(state('paused', 0)), panelEndPage({ survey, revision: 'x', role: 'attendee' }), panelPage({ ...state('none', -1), survey: undefined, session: undefined })];
    for (let i = 0; i < QUESTIONS.length; i += 1) screens.push(panelPage(state('question', i)), panelPage(state('question', i, 'presenter')));
    for (const page of screens) expect(pageEasyReadProblems(page), `${page.screen} ${page.title}`).toEqual([]);
    expect(panelPage(state('question', 0)).controls).toEqual([]);
    expect(panelPage(state('question', 0, 'organizer')).controls.map((c) => c.action)).toEqual(['next', 'pause', 'share', 'end']);
    expect(panelPage(state('question', QUESTIONS.length - 1, 'organizer')).controls.map((c) => c.action)).toEqual(['pause', 'share', 'end']);
  });

  it("reads aloud the chat card's own speak text, and shows the person's own answer", () => {
    const page = panelPage(state('question', 0));
    const view = state('question', 0).question!;
    expect(page.speak).toBe(questionCard(view, { mode: 'session', session: { session, isFacilitator: false, refreshUserIds: [] } }).speak);
    expect(page.question!.choices.map((c) => `${c.symbol} ${c.label}`)).toEqual(['👍 I like it', '🤔 Not sure', "👎 I don't like it"]);
    expect(page.question!.choices.find((c) => c.chosen)?.label).toBe("I don't like it");
    expect(page.question!.skip).toMatchObject({ symbol: '🙅', label: "I don't want to answer", chosen: false });
    expect(page.question!.answered).toBe("✅ You chose: 👎 I don't like it.");
    // An option that starts with its own symbol keeps it; the others get one.
    expect(panelPage(state('question', 1)).question!.choices.map((c) => c.symbol)).toEqual(['🔴', '🟢', '🎵']);
  });

  it('the easy-read check fails a page with a long sentence or a button without a symbol (the check can fail)', () => {
    const page = panelPage(state('question', 0));
    expect(pageEasyReadProblems({ ...page, lines: ['📋 This sentence is far too long for easy read because it keeps going on and on and on without stopping.'] }).length).toBeGreaterThan(0);
    expect(pageEasyReadProblems({ ...page, controls: [{ action: 'next', label: 'Next' }] }).length).toBeGreaterThan(0);
    expect(pageAsCard(page).speak).toBe(page.speak);
  });
});

describe('the stage', () => {
  const stageState = (counts: number[], kind: 'shown' | 'waiting' | 'notShared' | 'freeText' = 'shown', index = 0) => {
    const results = buildResults(survey, { questions: { [survey.questions[index]!.id]: counts }, respondents: 0 }, { forOwner: false, threshold: 5 });
    const chart = kind === 'shown' ? { kind, result: results.questions[index]!, threshold: 5 } : kind === 'waiting' ? { kind, threshold: 5 } : { kind };
    return stagePage({ summary: { ...summary('question', index), stage: true }, survey, question: survey.questions[index], chart });
  };

  it('shows counts as the results would to anyone but the owner: small ones hidden so none can be worked out', () => {
    // like 6, not sure 0, dislike 0, skipped 0; answered 6: all exact.
    const full = stageState([6, 0, 0, 0, 6]);
    expect(full.rows.map((r) => r.shown)).toEqual(['6', '0', '0', '0']);
    expect(full.rows[0]!.percent).toBe(100);
    // like 5, not sure 1, skipped 0: the 1 is "fewer than 5" and the 5 cannot stay exact beside it.
    const small = stageState([5, 1, 0, 0, 6]);
    expect(small.rows.map((r) => r.shown)).not.toContain('1');
    expect(small.rows.map((r) => r.shown)).not.toContain('5');
    expect(small.rows.every((r) => r.exact ? true : r.percent === 0)).toBe(true);
    expect(small.notes).toContain('🔒 Small numbers are hidden to keep answers private.');
    for (const page of [full, small, stageState([], 'waiting'), stageState([], 'notShared'), stageState([], 'freeText', 5)]) expect(pageEasyReadProblems(page)).toEqual([]);
  });
});
