import { describe, expect, it } from 'vitest';
import {
  type Question,
  type Survey,
  applyAnswer,
  checkAnswerable,
  choicesOf,
  parseAnswer,
  parseQuestion,
  parseSurveySettings,
  sumSurveyTallies
} from '../../src/domain/surveys/survey';
import { SURVEY_TEMPLATES } from '../../src/domain/surveys/survey-templates';
import { checkText } from '../../src/cards/shared/easy-read';
import { exportCard, surveyEditorCard, surveyListCard, surveyNewCard, surveyResultsCard } from '../../src/cards/surveys/survey-cards';
import { sessionNeedsCard } from '../../src/cards/sessions/session-cards';
import { buildResults } from '../../src/domain/surveys/survey-results';
import { expectValidCard } from '../helpers/card-validator';
import { cardText } from '../helpers/card-query';

const NOW = new Date('2026-01-05T10:00:00Z');
const scale: Question = { id: 'q1', type: 'scale', scale: 'like', text: 'Did you like it?' };
const multi: Question = { id: 'q2', type: 'multiple', text: 'What did you do?', options: ['🎨 Art', 'Sport', 'Games'] };
const free: Question = { id: 'q3', type: 'text', text: 'Tell us more' };

function survey(overrides: Partial<Survey> = {}): Survey {
  return {
    tenantId: 't',
    surveyId: '0b6f3c1e-1d2a-4c3b-9e8f-7a6b5c4d3e2f',
    version: 4,
    status: 'open',
    title: 'Summer',
    cohort: 'youngPeople',
    anonymity: 'anonymous',
    resultsVisibility: 'live',
    easyRead: true,
    audience: 'The youth club team.',
    nextSteps: 'We will tell you in July.',
    questions: [scale, multi, free],
    nextQuestionNumber: 4,
    createdBy: 'owner',
    createdByUserId: '29:owner',
    createdAt: NOW,
    timeZone: 'Europe/London',
    conversation: { tenantId: 't', serviceUrl: 'https://x/', channelId: 'msteams', conversationId: 'c', conversationType: 'personal', botId: 'b', updatedAt: '' },
    ...overrides
  };
}

describe('survey settings', () => {
  it('young people get the high-privacy defaults: anonymous, easy read, results after close', () => {
    expect(parseSurveySettings({ title: 'Clubs' }, NOW, 'Europe/London')).toMatchObject({
      cohort: 'youngPeople',
      anonymity: 'anonymous',
      easyRead: true,
      resultsVisibility: 'afterClose'
    });
    expect(parseSurveySettings({ title: 'Team', cohort: 'staff', anonymity: 'default' }, NOW, 'Europe/London')).toMatchObject({
      anonymity: 'pseudonymous',
      easyRead: false,
      resultsVisibility: 'live'
    });
    expect(parseSurveySettings({ title: 'Team', cohort: 'staff', easyRead: 'true' }, NOW, 'Europe/London').easyRead).toBe(true);
  });

  it('reports every problem per field', () => {
    try {
      parseSurveySettings({ title: '', cohort: 'aliens', closeDate: '2025-01-01' }, NOW, 'Europe/London');
      expect.unreachable();
    } catch (error) {
      expect((error as { fields: Record<string, string> }).fields).toEqual({
        title: 'Please write the title.',
        cohort: 'Choose who the survey is for.',
        closeDate: 'The closing time must be in the future.'
      });
    }
  });
});

describe('questions', () => {
  it('validates and keeps the kind-specific parts only', () => {
    expect(parseQuestion({ type: 'scale', text: 'Do you like it?', scale: 'going', twoPoint: 'true', options: 'ignored\nalso' }, 'q7')).toEqual({
      id: 'q7',
      type: 'scale',
      text: 'Do you like it?',
      scale: 'going',
      twoPoint: true
    });
    expect(() => parseQuestion({ type: 'single', text: 'Pick', options: 'One' }, 'q1')).toThrow('Please give from 2 to 10 options');
    expect(() => parseQuestion({ type: 'single', text: 'Pick', options: 'A\na' }, 'q1')).toThrow('is there twice');
    expect(() => parseQuestion({ type: 'video', text: 'Pick' }, 'q1')).toThrow('Choose a type of question.');
  });

  it('every choice has a symbol and a word; author emoji are kept; two-point drops the middle', () => {
    expect(choicesOf(multi).map((c) => [c.symbol, c.label])).toEqual([
      ['🎨', 'Art'],
      ['🟢', 'Sport'],
      ['🔵', 'Games']
    ]);
    expect(choicesOf(scale, { twoPoint: true }).map((c) => c.value)).toEqual([0, 2]);
    expect(choicesOf({ ...scale, scale: 'managing' }).map((c) => c.label)).toEqual(['Managing', 'Need some help', 'Not managing']);
  });

  it('the template library has the required surveys, with easy-read wording for young people', () => {
    const titles = SURVEY_TEMPLATES.map((t) => t.title);
    for (const title of ["How was today's session?", 'What do you think of this service?', 'Youth clubs and summer holidays', 'Waiting times']) expect(titles).toContain(title);
    for (const pot of ['Live Well', 'Good Education', 'Preparing for Adulthood', 'Employment Opportunities', 'Be Healthy', 'Skilled Workforce for support']) {
      expect(titles).toContain(`Pots of Positivity: ${pot}`);
    }
    for (const t of SURVEY_TEMPLATES.filter((x) => x.cohort === 'youngPeople')) {
      expect(t.questions.length).toBeGreaterThanOrEqual(1);
      for (const q of t.questions) expect(checkText(q.text, `${t.id}: ${q.text}`)).toEqual([]);
    }
  });
});

describe('answers', () => {
  it('parses skip, one choice, several choices and text, and refuses what does not fit', () => {
    expect(parseAnswer(scale, { skip: 'true', choice: '1' })).toEqual({ kind: 'skip' });
    expect(parseAnswer(scale, { choice: '2' })).toEqual({ kind: 'choice', choices: [2] });
    expect(parseAnswer(multi, { choice: '2,0,2' })).toEqual({ kind: 'choice', choices: [0, 2] });
    expect(parseAnswer(free, { text: '  Good  ' })).toEqual({ kind: 'text', text: 'Good' });
    expect(() => parseAnswer(scale, { choice: '3' })).toThrow('That answer is not one of the choices.');
    expect(() => parseAnswer(scale, { choice: '-1' })).toThrow('That answer is not one of the choices.');
    expect(() => parseAnswer(scale, {})).toThrow('Please choose an answer');
    expect(() => parseAnswer({ ...scale, twoPoint: true }, { choice: '1' })).toThrow('That answer is not one of the choices.');
    expect(() => parseAnswer(free, { text: 'x'.repeat(1001) })).toThrow('The answer is too long');
  });

  it('moves a tally: first answers, changes, skips, several choices', () => {
    let tally = { questions: {}, respondents: 0 };
    tally = applyAnswer(tally, scale, undefined, { kind: 'choice', choices: [0] }, true);
    tally = applyAnswer(tally, scale, { kind: 'choice', choices: [0] }, { kind: 'skip' }, false);
    tally = applyAnswer(tally, multi, undefined, { kind: 'choice', choices: [0, 2] }, false);
    tally = applyAnswer(tally, free, undefined, { kind: 'text', text: 'hi' }, false);
    expect(tally).toEqual({ respondents: 1, questions: { q1: [0, 0, 0, 1, 0], q2: [1, 0, 1, 0, 1], q3: [0, 1] } });
    expect(sumSurveyTallies([tally, tally])).toEqual({ respondents: 2, questions: { q1: [0, 0, 0, 2, 0], q2: [2, 0, 2, 0, 2], q3: [0, 2] } });
  });

  it('answerable only while open, between its opening and closing times, from a card of the current version', () => {
    expect(() => checkAnswerable(survey(), NOW, 4)).not.toThrow();
    expect(() => checkAnswerable(survey(), NOW, '4')).not.toThrow();
    expect(() => checkAnswerable(survey({ status: 'draft' }), NOW, 4)).toThrow('not open yet');
    expect(() => checkAnswerable(survey({ status: 'closed' }), NOW, 4)).toThrow('This survey is closed. Your answer was not saved.');
    expect(() => checkAnswerable(survey({ closesAt: NOW }), NOW, 4)).toThrow('closed');
    expect(() => checkAnswerable(survey({ opensAt: new Date(NOW.getTime() + 1000) }), NOW, 4)).toThrow('not open yet');
    expect(() => checkAnswerable(survey(), NOW, 3)).toThrow('This survey has changed since this card was sent.');
  });
});

describe('staff cards', () => {
  it('the form, editor, list, results, export and needs cards are valid Adaptive Cards with speak', () => {
    const cards = [
      surveyNewCard({ formId: 'f', timeZone: 'Europe/London' }),
      surveyNewCard({ formId: 'f', timeZone: 'Europe/London', values: { title: 'x' }, errors: { title: 'Too long', cohort: 'Choose' } }),
      surveyEditorCard(survey({ status: 'draft' })),
      surveyEditorCard(survey({ status: 'draft' }), { editingId: 'q2', notice: 'Changed', tone: 'attention', errors: { options: 'Bad' } }),
      surveyEditorCard(survey({ status: 'draft', questions: [] })),
      surveyListCard([{ survey: survey(), respondents: 3 }, { survey: survey({ status: 'draft' }), respondents: 0 }]),
      surveyListCard([]),
      surveyResultsCard(buildResults(survey(), { respondents: 9, questions: { q1: [6, 2, 1, 0, 9], q2: [5, 5, 0, 0, 9], q3: [1, 8] } }, { forOwner: true, threshold: 5, freeTexts: { q3: ['x'] } })),
      surveyResultsCard(buildResults(survey(), { respondents: 9, questions: { q1: [6, 2, 1, 0, 9] } }, { forOwner: false, threshold: 5 })),
      exportCard({ survey: survey(), rows: 3, url: 'https://x/exports/t/abc.csv', expiresAt: NOW }),
      sessionNeedsCard([{ name: 'Lee', needs: ['bsl', 'twoPoint'], note: 'Makaton' }]),
      sessionNeedsCard([])
    ];
    cards.forEach((card, i) => {
      expectValidCard(card, `card ${i}`);
      expect(String(card.speak).length, `card ${i}`).toBeGreaterThan(0);
    });
  });

  it("the owner's results list a withheld answer as passed to the safeguarding lead, after the others, and say how many", () => {
    const owner = (answered: number, freeTexts: string[], withheld: number) =>
      surveyResultsCard(buildResults(survey(), { respondents: answered, questions: { q3: [0, answered] } }, { forOwner: true, threshold: 5, freeTexts: { q3: freeTexts }, withheldTexts: { q3: withheld } }));
    const one = owner(3, ['More art', 'More games'], 1);
    expectValidCard(one, 'one withheld');
    const lines = cardText(one).split('\n');
    const at = lines.indexOf('💬 More art');
    expect(lines.slice(at, at + 4)).toEqual([
      '💬 More art',
      '💬 More games',
      '🛡️ An answer was passed to the safeguarding lead.',
      '🛡️ 1 answer was passed to the safeguarding lead. Its words are shown only to them.'
    ]);
    expect(String(one.speak)).toContain('1 answer was passed to the safeguarding lead.');

    // More answers than the newest listed: the count says it is of those.
    const two = owner(25, Array.from({ length: 18 }, (_, i) => `answer ${i}`), 2);
    expectValidCard(two, 'two withheld of more');
    expect(cardText(two).match(/🛡️ An answer was passed/g)).toHaveLength(2);
    expect(cardText(two)).toContain('🛡️ Of the newest 20 answers, 2 were passed to the safeguarding lead. Their words are shown only to them.');

    const none = owner(2, ['More art', 'More games'], 0);
    expect(cardText(none)).not.toContain('safeguarding lead');
  });

  it('the results card draws a chart only when every count is exact; suppressed counts are words', () => {
    const owner = JSON.stringify(
      surveyResultsCard(buildResults(survey(), { respondents: 9, questions: { q1: [6, 2, 1, 0, 9] } }, { forOwner: true, threshold: 5 }))
    );
    expect(owner).toContain('Chart.HorizontalBar');
    expect(owner).toContain('67%');
    const others = JSON.stringify(
      surveyResultsCard(buildResults(survey(), { respondents: 9, questions: { q1: [6, 2, 1, 0, 9] } }, { forOwner: false, threshold: 5 }))
    );
    expect(others).not.toContain('Chart.HorizontalBar');
    expect(others).toContain('fewer than 5');
    expect(others).not.toMatch(/\d+%/);
  });
});
