/**
 * What the answer path draws or builds once and reuses (issue #18, "Answering"; docs/surveys.md,
 * "Performance"): the unanswered question card per survey version and style, the style a card carries,
 * and the Bot Connector clients per bot and service URL.
 */
import { TeamsAdapter } from '@microsoft/teams-ai';
import { type BotFrameworkAuthentication, ClaimsIdentity } from 'botframework-connector';
import { describe, expect, it } from 'vitest';
import { questionCard, surveyDoneCard } from '../../src/cards/surveys/survey-cards';
import { type PersonalStyle, styleCode, styleOfCode } from '../../src/domain/surveys/survey-service';
import { reuseConnectorClients } from '../../src/teams/shared/client-reuse';
import { expectValidCard } from '../helpers/card-validator';
import { makeSurvey } from '../helpers/fixtures';

const PLAIN: PersonalStyle = { easyRead: false, twoPoint: false, extraTime: false };

describe('the question card drawn once', () => {
  const survey = makeSurvey([{ type: 'scale', scale: 'like', text: 'Did you like today?' }, { type: 'text', text: 'Anything else?' }]);
  const view = (over: Partial<Parameters<typeof questionCard>[0]> = {}) => ({ survey, question: survey.questions[0]!, index: 0, style: PLAIN, isOwner: false, ...over });

  it('is the same valid, frozen card for everyone with the same style; another style or version is drawn apart', () => {
    const first = questionCard(view(), { mode: 'answer' });
    expectValidCard(first, 'cached question card');
    expect(questionCard(view(), { mode: 'answer' })).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first.body)).toBe(true);
    expect(() => {
      (first as Record<string, unknown>).speak = 'changed';
    }).toThrow();
    const easy = questionCard(view({ style: { ...PLAIN, easyRead: true } }), { mode: 'answer' });
    expect(easy).not.toBe(first);
    expect(JSON.stringify(easy)).toContain('"prefs":"e"');
    const edited = { ...survey, version: survey.version + 1, questions: [{ ...survey.questions[0]!, text: 'Did you enjoy today?' }, survey.questions[1]!] };
    expect(JSON.stringify(questionCard(view({ survey: edited, question: edited.questions[0]! }), { mode: 'answer' }))).toContain('Did you enjoy today?');
  });

  it('a person\'s own answer, a notice, a preview or a session is never served from it', () => {
    const cached = questionCard(view(), { mode: 'answer' });
    const answered = questionCard(view({ myAnswer: { kind: 'choice', choices: [2] } }), { mode: 'answer' });
    expect(answered).not.toBe(cached);
    expect(JSON.stringify(answered)).toContain('You chose');
    expect(JSON.stringify(questionCard(view(), { mode: 'answer' }))).not.toContain('You chose');
    const written = questionCard(view({ question: survey.questions[1]!, index: 1, myAnswer: { kind: 'text', text: 'My own words ${x}' } }), { mode: 'answer' });
    expect(JSON.stringify(written)).toContain('My own words ${x}');
    expect(JSON.stringify(questionCard(view({ question: survey.questions[1]!, index: 1 }), { mode: 'answer' }))).not.toContain('My own words');
    expect(JSON.stringify(questionCard(view(), { mode: 'answer', notice: 'Try again' }))).toContain('Try again');
    expect(JSON.stringify(questionCard(view(), { mode: 'preview' }))).not.toContain('"prefs":"-"');
  });

  it('the thank-you card is drawn once per version, state and style: closing (same version) draws it again', () => {
    const done = surveyDoneCard(survey, PLAIN);
    expectValidCard(done, 'cached thank-you card');
    expect(surveyDoneCard(survey, PLAIN)).toBe(done);
    expect(surveyDoneCard(survey, { ...PLAIN, easyRead: true })).not.toBe(done);
    const open = { ...survey, resultsVisibility: 'afterClose' as const, surveyId: '1c6f3c1e-1d2a-4c3b-9e8f-7a6b5c4d3e2f' };
    expect(JSON.stringify(surveyDoneCard(open, PLAIN))).not.toContain('See the results');
    expect(JSON.stringify(surveyDoneCard({ ...open, status: 'closed' }, PLAIN))).toContain('See the results');
  });

  it('the style code: what a card carries, read back; anything else is not a style', () => {
    for (const style of [PLAIN, { easyRead: true, twoPoint: true, extraTime: true }, { easyRead: false, twoPoint: true, extraTime: false }]) {
      expect(styleOfCode(styleCode(style))).toEqual(style);
    }
    for (const junk of ['', 'ee', 'xe', 'e t', 'easyRead', 42, undefined, null, '${x}']) expect(styleOfCode(junk)).toBeUndefined();
  });
});

describe('Bot Connector clients reused', () => {
  it('one connector client per service URL and one user-token client per bot, after authentication each time', async () => {
    const adapter = new TeamsAdapter({} as never);
    reuseConnectorClients(adapter);
    const auth = (adapter as unknown as { botFrameworkAuthentication: BotFrameworkAuthentication }).botFrameworkAuthentication;
    const activity = { type: 'invoke', channelId: 'msteams', serviceUrl: 'https://smba.example/uk/' } as unknown as Parameters<BotFrameworkAuthentication['authenticateRequest']>[0];
    const first = await auth.authenticateRequest(activity, '');
    const second = await auth.authenticateRequest(activity, '');
    const a = await first.connectorFactory!.create(activity.serviceUrl!, first.audience);
    const b = await second.connectorFactory!.create(activity.serviceUrl!, second.audience);
    expect(b).toBe(a);
    const other = await second.connectorFactory!.create('https://smba.example/emea/', second.audience);
    expect(other).not.toBe(a);
    expect(await auth.createUserTokenClient(first.claimsIdentity)).toBe(await auth.createUserTokenClient(second.claimsIdentity));
  });

  it('clients are kept apart per bot: a request addressed to another bot never gets this one\'s', async () => {
    const adapter = new TeamsAdapter({} as never);
    reuseConnectorClients(adapter);
    const auth = (adapter as unknown as { botFrameworkAuthentication: BotFrameworkAuthentication }).botFrameworkAuthentication;
    const to = (bot: string) => new ClaimsIdentity([{ type: 'aud', value: bot }], true);
    const a = await auth.createUserTokenClient(to('bot-a'));
    expect(await auth.createUserTokenClient(to('bot-a'))).toBe(a);
    expect(await auth.createUserTokenClient(to('bot-b'))).not.toBe(a);
  });
});
