import { describe, expect, it } from 'vitest';
import { checkEasyRead, checkText, sentencesOf, wordCount } from '../../src/cards/shared/easy-read';
import { buildResults } from '../../src/domain/surveys/survey-results';
import { easyNoticeCard, surveyResultsCard, questionCard, surveyDoneCard, surveyInviteCard } from '../../src/cards/surveys/survey-cards';
import { SAFETY_PROMISE, safetyPromiseFor } from '../../src/cards/safeguarding/safety-promise';
import { preferencesCard } from '../../src/cards/preferences/preferences-cards';
import { sessionEndCard, sessionWelcomeCard } from '../../src/cards/sessions/session-cards';
import { safeguardingReplyCard } from '../../src/cards/safeguarding/safeguarding-cards';
import { EASY_HELP, easyHelpCard } from '../../src/cards/help/help-cards';
import type { AdaptiveCardJson } from '../../src/cards/shared/render';
import { VERBS } from '../../src/cards/shared/verbs';
import type { Session } from '../../src/domain/sessions/ports';
import type { PersonalStyle } from '../../src/domain/surveys/survey-service';
import { SURVEY_TEMPLATES } from '../../src/domain/surveys/survey-templates';
import { cardElements, cardText } from '../helpers/card-query';
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

  it('finds a choice or button without a symbol, an instruction without a symbol, small text, an image without altText, an input without a label, a card without speak', () => {
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
        'body[3] Input.ChoiceSet "c": input without a label',
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

/** The texts, input labels and buttons of a card, in reading order (what a person meets first comes first). */
const readingOrder = (card: AdaptiveCardJson): string[] =>
  cardElements(card).flatMap((e) => {
    const type = String(e.type);
    if (type === 'TextBlock') return [String(e.text)];
    if (type.startsWith('Input.') || type.startsWith('Action.')) return [`[${type}] ${String(e.label ?? e.title)}`];
    return [];
  });

const buttonsOf = (card: AdaptiveCardJson) => cardElements(card).filter((e) => String(e.type).startsWith('Action.'));

describe('honest consent: where "your name will not be shown" ends, said before anyone answers', () => {
  const youngTemplates = SURVEY_TEMPLATES.filter((t) => t.cohort === 'youngPeople');
  const hasText = (t: (typeof SURVEY_TEMPLATES)[number]) => t.questions.some((q) => q.type === 'text');

  it('the promise is easy read on its own, and says who is told and that it is not kept secret from them', () => {
    const promise = { type: 'AdaptiveCard', version: '1.5', speak: 'x', body: [{ type: 'TextBlock', text: SAFETY_PROMISE.easyRead, size: 'Medium' }] };
    expect(checkEasyRead(promise)).toEqual([]);
    expect(SAFETY_PROMISE.easyRead).toMatch(/^🛡️ /);
    expect(SAFETY_PROMISE.easyRead).toContain('worried about your safety');
    expect(SAFETY_PROMISE.easyRead).toContain('we will tell someone whose job is to help keep you safe');
    expect(SAFETY_PROMISE.easyRead).toContain('We will tell them your name.');
    expect(safetyPromiseFor('youngPeople')).toBe(SAFETY_PROMISE.easyRead);
    expect(safetyPromiseFor('parentCarers')).toBe(SAFETY_PROMISE.plain);
    expect(SAFETY_PROMISE.plain).toContain("council's safeguarding lead");
  });

  it.each(youngTemplates.map((t) => [t.title, t] as const))('template "%s": the invite says it right after the name promise, before Start', (_title, template) => {
    for (const anonymity of ['anonymous', 'pseudonymous', 'named'] as const) {
      const invite = surveyInviteCard(surveyOf(template.questions, { title: template.title, anonymity }));
      easyRead(invite, `${template.id} ${anonymity} invite`);
      const order = readingOrder(invite);
      const name = order.findIndex((t) => /^(🙈|👤) .*your name/iu.test(t));
      expect(name, `${template.id} ${anonymity}`).toBeGreaterThan(0);
      expect(order[name + 1], `${template.id} ${anonymity}`).toBe(SAFETY_PROMISE.easyRead);
      expect(order.indexOf('[Action.Execute] ▶️ Start'), `${template.id} ${anonymity}`).toBeGreaterThan(name + 1);
      expect(String(invite.speak)).toContain('Then we will tell someone whose job is to help keep you safe.');
    }
  });

  it('every written-answer question young people meet says it above the box they write in, in every mode; choice questions do not', () => {
    const withText = youngTemplates.filter(hasText);
    expect(withText.length).toBeGreaterThan(0);
    for (const template of withText) {
      const survey = surveyOf(template.questions, { title: template.title });
      survey.questions.forEach((question, index) => {
        const view = { survey, question, index, style: EASY, isOwner: false };
        for (const [mode, card] of [
          ['answer', questionCard(view, { mode: 'answer' })],
          ['preview', questionCard(view, { mode: 'preview' })],
          ['session', questionCard(view, { mode: 'session', session: { session: session(), isFacilitator: false, refreshUserIds: ['29:f'] } })]
        ] as const) {
          const label = `${template.id} q${index + 1} ${mode}`;
          easyRead(card, label);
          const order = readingOrder(card);
          if (question.type === 'text') {
            const promise = order.indexOf(SAFETY_PROMISE.easyRead);
            expect(promise, label).toBeGreaterThan(0);
            expect(order.indexOf('[Input.Text] ✏️ Write your answer'), label).toBe(promise + 1);
            expect(String(card.speak), label).toContain('Something you tell us might make us worried about your safety.');
          } else {
            expect(cardText(card), label).not.toContain('🛡️');
          }
        }
      });
    }
  });

  it('the session welcome and consent card says it, for the participant, the facilitator and a big group', () => {
    const survey = surveyOf(SURVEY_TEMPLATES[0]!.questions, { title: "How was today's session?" });
    for (const viewer of [{ isFacilitator: false }, { isFacilitator: true }]) {
      for (const memberCount of [8, 80]) {
        const card = sessionWelcomeCard(session({ current: -1, memberCount }), survey, viewer);
        easyRead(card, `welcome ${memberCount}`);
        const order = readingOrder(card);
        expect(order[order.indexOf('🙈 Your name will not be shown.') + 1]).toBe(SAFETY_PROMISE.easyRead);
      }
    }
  });

  it("parent carers' invite and written question carry the plain-English version", () => {
    const survey = surveyOf([{ type: 'text', text: 'What would help your family?' }], { cohort: 'parentCarers', easyRead: false, anonymity: 'pseudonymous' });
    const invite = surveyInviteCard(survey);
    expectValidCard(invite, 'parent invite');
    expect(cardText(invite)).toContain(SAFETY_PROMISE.plain);
    expect(cardText(invite)).not.toContain(SAFETY_PROMISE.easyRead);
    const question = questionCard({ survey, question: survey.questions[0]!, index: 0, style: { ...EASY, easyRead: false }, isOwner: false }, { mode: 'answer' });
    expectValidCard(question, 'parent question');
    expect(cardText(question)).toContain(SAFETY_PROMISE.plain);
  });
});

describe("the young person's reply after a worrying answer", () => {
  it('is easy read, says it is not kept secret, gives Childline (free, any time) and 999, and its button has a symbol', () => {
    const card = safeguardingReplyCard();
    easyRead(card, 'reply');
    const text = cardText(card);
    expect(text).toContain('We cannot keep what you wrote a secret.');
    expect(text).toContain('You can call Childline for free on 0800 1111. Any time, day or night.');
    expect(text).toContain('If you are in danger now, call 999.');
    expect(String(card.speak)).toMatch(/Childline for free on 0800 1111.*call 999\./);
    expect(buttonsOf(card).map((b) => [b.title, b.url])).toEqual([['📞 Childline website', 'https://www.childline.org.uk/']]);
  });
});

describe('the easy-read help card', () => {
  it('is easy read: a symbol on every line and button, no acronyms, large text', () => {
    easyRead(easyHelpCard(), 'easy help');
  });

  it('says what a young person can do, and where to get help when not safe', () => {
    const text = cardText(easyHelpCard());
    for (const words of [
      'You can answer surveys.',
      'You can take part in sessions.',
      'You can skip any question.',
      'You can change how cards look for you.',
      'You can look at your answers again.',
      'Do you want us to delete what we know about you?',
      SAFETY_PROMISE.easyRead,
      'Talk to an adult you trust.',
      'You can call Childline for free on 0800 1111. Any time, day or night.',
      'If you are in danger now, call 999.',
      'Type help staff'
    ]) {
      expect(text).toContain(words);
    }
    expect(text).not.toMatch(/\bBSL\b|\bSEND\b|\*\*/);
    for (const line of EASY_HELP.sections.flatMap((s) => [s.heading, ...s.lines])) expect(line).toMatch(/^\p{Extended_Pictographic}/u);
  });

  it('offers to change how cards look, the Childline website and Tell us (issue 15), each with a symbol', () => {
    const buttons = buttonsOf(easyHelpCard());
    expect(buttons.map((b) => b.title)).toEqual(['🗣️ Change how cards look', '📞 Childline website', '💬 Tell us']);
    expect(buttons[2]!.verb).toBe(VERBS.tellUsShow);
    expect(buttons[0]!.verb).toBe(VERBS.preferencesShow);
    expect(buttons[1]!.url).toBe('https://www.childline.org.uk/');
  });
});
