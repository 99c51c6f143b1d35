import { describe, expect, it } from 'vitest';
import { checkEasyRead, checkText, sentencesOf, wordCount } from '../../src/cards/easy-read';
import { buildResults } from '../../src/domain/survey-results';
import {
  easyNoticeCard,
  surveyResultsCard,
  preferencesCard,
  questionCard,
  sessionEndCard,
  sessionWelcomeCard,
  surveyDoneCard,
  surveyInviteCard
} from '../../src/cards/survey-cards';
import type { AdaptiveCardJson } from '../../src/cards/render';
import type { Session } from '../../src/domain/survey-ports';
import type { PersonalStyle } from '../../src/domain/survey-service';
import { SURVEY_TEMPLATES } from '../../src/domain/survey-templates';
import { expectValidCard } from '../helpers/card-validator';
import { makeSurvey } from '../helpers/fixtures';

const NOW = new Date('2026-01-05T10:00:00Z');
const EASY: PersonalStyle = { easyRead: true, twoPoint: false, extraTime: false };

const surveyOf = makeSurvey;

const session = (overrides: Partial<Session> = {}): Session => ({
  tenantId: 't',
  sessionId: '1b6f3c1e-1d2a-4c3b-9e8f-7a6b5c4d3e2f',
  surveyId: '0b6f3c1e-1d2a-4c3b-9e8f-7a6b5c4d3e2f',
  surveyVersion: 3,
  conversation: { tenantId: 't', serviceUrl: 'https://x/', channelId: 'msteams', conversationId: 'c', conversationType: 'groupChat', botId: 'b', updatedAt: '' },
  facilitatorKey: 'f',
  facilitatorUserId: '29:f',
  current: 0,
  status: 'open',
  memberCount: 8,
  startedAt: NOW,
  ...overrides
});

function easyRead(card: AdaptiveCardJson, label: string): void {
  expectValidCard(card, label);
  expect(checkEasyRead(card), label).toEqual([]);
}

describe('the easy-read check', () => {
  it('counts words and splits sentences', () => {
    expect(sentencesOf('One two. Three four! Five?\nSix')).toEqual(['One two.', 'Three four!', 'Five?', 'Six']);
    expect(wordCount("👍 I don't like it")).toBe(4);
  });

  it('finds a sentence over 15 words, a listed acronym and a hard word', () => {
    expect(checkText('This sentence has far too many words in it for a young person to read it easily at all.', 'x')[0]).toMatch(/sentence of 19 words/);
    expect(checkText('Talk to your SENCO.', 'x')).toEqual(['x: "SENCO" is not easy read; say it in plain words']);
    expect(checkText('Your EHCP review.', 'x')[0]).toContain('EHCP');
    expect(checkText('We will send it.', 'x')).toEqual([]); // "send" is a word, not the acronym
    expect(checkText('The commissioning team.', 'x')[0]).toContain('hard word');
  });

  it('finds a choice or button without a symbol, an instruction without a symbol, small text, an image without altText, a card without speak', () => {
    const card = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        { type: 'TextBlock', text: 'No symbol here.', size: 'Medium' },
        { type: 'TextBlock', text: '👋 Small text.', size: 'Small' },
        { type: 'Image', url: 'https://x/y.png' },
        { type: 'Input.ChoiceSet', id: 'c', choices: [{ title: 'Yes', value: '1' }, { title: '👍', value: '2' }] }
      ],
      actions: [{ type: 'Action.Execute', verb: 'v', title: 'Send' }]
    };
    const problems = checkEasyRead(card);
    expect(problems).toEqual(
      expect.arrayContaining([
        'card: no speak text',
        'body[0] TextBlock: no symbol beside "No symbol here."',
        'body[1] TextBlock: text is not large (size Small)',
        'body[2] Image: image without altText',
        'body[3] Input.ChoiceSet: choice "Yes" needs a symbol and a word',
        'body[3] Input.ChoiceSet: choice "👍" needs a symbol and a word',
        'actions[0] Action.Execute: button "Send" needs a symbol and a word'
      ])
    );
  });

  it('accepts text beside an image with altText or a symbol column', () => {
    const card = {
      type: 'AdaptiveCard',
      version: '1.5',
      speak: 'Hello.',
      body: [
        {
          type: 'ColumnSet',
          columns: [
            { type: 'Column', items: [{ type: 'Image', url: 'https://x/y.png', altText: 'A smiling face' }] },
            { type: 'Column', items: [{ type: 'TextBlock', text: 'Hello there.', size: 'Large' }] }
          ]
        }
      ]
    };
    expect(checkEasyRead(card)).toEqual([]);
  });
});

describe('every card meant for young people passes the easy-read check', () => {
  const youngTemplates = SURVEY_TEMPLATES.filter((t) => t.cohort === 'youngPeople');

  it.each(youngTemplates.map((t) => [t.title, t] as const))('template "%s": every question card, answered or not, in every mode', (_title, template) => {
    const survey = surveyOf(template.questions, { title: template.title });
    survey.questions.forEach((question, index) => {
      for (const style of [EASY, { ...EASY, twoPoint: true }, { ...EASY, extraTime: true }]) {
        const view = { survey, question, index, style, isOwner: false };
        easyRead(questionCard(view, { mode: 'answer' }), `${template.id} q${index + 1}`);
        easyRead(questionCard(view, { mode: 'preview' }), `${template.id} q${index + 1} preview`);
        easyRead(questionCard({ ...view, myAnswer: { kind: 'skip' } }, { mode: 'answer', notice: 'This survey is closed. Your answer was not saved.' }), `${template.id} q${index + 1} skipped`);
        easyRead(
          questionCard(view, { mode: 'session', session: { session: session(), isFacilitator: false, refreshUserIds: ['29:f'] } }),
          `${template.id} q${index + 1} session`
        );
      }
    });
    easyRead(surveyInviteCard(survey), `${template.id} invite`);
    easyRead(surveyDoneCard(survey, EASY), `${template.id} done`);
  });

  it('results young people may see (beyond the owner: suppressed, no free text), and the invitation offering them', () => {
    for (const template of youngTemplates) {
      const survey = surveyOf(template.questions, { title: template.title, status: 'closed', resultsVisibility: 'afterClose' });
      const questions = Object.fromEntries(survey.questions.map((q, i) => [q.id, i % 2 === 0 ? [7, 3, 1, 2, 5, 8, 13] : [9, 0, 12, 1, 21, 30, 31]]));
      for (const respondents of [3, 31]) {
        easyRead(surveyResultsCard(buildResults(survey, { respondents, questions }, { forOwner: false, threshold: 5 })), `${template.id} results`);
      }
      const invite = surveyInviteCard(survey);
      easyRead(invite, `${template.id} closed invite`);
      expect(JSON.stringify(invite)).toContain('📊 See the results');
    }
  });

  it('the answered views say what the person chose, with its symbol', () => {
    const survey = surveyOf([{ type: 'scale', scale: 'like', text: 'Did you like today?' }, { type: 'multiple', text: 'What did you do?', options: ['Art', 'Sport'] }]);
    const card = questionCard({ survey, question: survey.questions[0]!, index: 0, style: EASY, isOwner: false, myAnswer: { kind: 'choice', choices: [2] } }, { mode: 'answer' });
    easyRead(card, 'answered');
    expect(JSON.stringify(card)).toContain("✅ You chose: 👎 I don't like it.");
    const multi = questionCard({ survey, question: survey.questions[1]!, index: 1, style: EASY, isOwner: false, myAnswer: { kind: 'choice', choices: [0, 1] } }, { mode: 'answer' });
    easyRead(multi, 'answered multiple');
  });

  it('session cards: welcome and consent (participant, ready, big group), thanks at the end; easy notices; preferences', () => {
    const survey = surveyOf(SURVEY_TEMPLATES[0]!.questions, { title: "How was today's session?" });
    easyRead(sessionWelcomeCard(session({ current: -1 }), survey), 'welcome');
    easyRead(sessionWelcomeCard(session({ current: -1 }), survey, { isFacilitator: false, ready: true }), 'welcome ready');
    easyRead(sessionWelcomeCard(session({ current: -1, memberCount: 80 }), survey), 'welcome big group');
    easyRead(sessionWelcomeCard(session({ current: -1 }), survey, { isFacilitator: true }), 'welcome facilitator');
    easyRead(sessionEndCard(survey), 'end');
    easyRead(easyNoticeCard('⚠️ Sorry', 'This survey is closed. Your answer was not saved.'), 'notice');
    easyRead(preferencesCard({ personKey: 'p' }), 'preferences');
    const welcome = JSON.stringify(sessionWelcomeCard(session({ current: -1 }), survey));
    for (const words of ['It is OK to stop at any time.', 'Your name will not be shown.', 'Who will hear your views', 'What happens next']) {
      expect(welcome).toContain(words);
    }
  });
});
