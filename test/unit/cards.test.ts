import { describe, expect, it } from 'vitest';
import { easyHelpCard, helpCard } from '../../src/cards/help/help-cards';
import { noticeCard } from '../../src/cards/shared/notice-card';
import { pollCard, pollFormCard } from '../../src/cards/polls/poll-cards';
import type { AdaptiveCardJson } from '../../src/cards/shared/render';
import { COMMANDS, VERBS } from '../../src/cards/shared/verbs';
import { type Poll, type PollTally, parsePollForm } from '../../src/domain/polls/poll';
import { cleanText } from '../../src/domain/shared/text';
import { expectValidCard } from '../helpers/card-validator';
import { makePoll } from '../helpers/fixtures';

type Node = Record<string, unknown>;

const NOW = new Date('2026-01-05T10:00:00Z');
const POLL_ID = '0b6f3c1e-1d2a-4c3b-9e8f-7a6b5c4d3e2f';


const TALLY: PollTally = { counts: [3, 1, 0], voters: 4 };
const FEW: PollTally = { counts: [1, 1, 0], voters: 2 };
const NONE: PollTally = { counts: [0, 0, 0], voters: 0 };
const CLOSED: Partial<Poll> = { status: 'closed', closedAt: new Date('2026-01-06T14:30:00Z') };

/** Every object in the card (depth first), including nested actions, fallbacks and refresh. */
function nodes(value: unknown, out: Node[] = []): Node[] {
  if (Array.isArray(value)) value.forEach((v) => nodes(v, out));
  else if (value && typeof value === 'object') {
    out.push(value as Node);
    Object.values(value).forEach((v) => nodes(v, out));
  }
  return out;
}
const ofType = (card: unknown, type: string): Node[] => nodes(card).filter((n) => n.type === type);
const texts = (card: unknown): string[] => ofType(card, 'TextBlock').map((n) => String(n.text));
const actions = (card: unknown): Node[] => ofType(card, 'Action.Execute');
const verbs = (card: unknown): string[] => actions(card).map((a) => String(a.verb));
const choiceTitles = (card: unknown): string[] =>
  ofType(card, 'Input.ChoiceSet')
    .filter((n) => n.id === 'choice')
    .flatMap((n) => (n.choices as Node[]).map((c) => String(c.title)));

/** Validates the card and checks it has something for screen readers to say. */
function checked(card: AdaptiveCardJson, label: string): AdaptiveCardJson {
  expectValidCard(card, label);
  expect(typeof card.speak, `${label}: speak`).toBe('string');
  expect(String(card.speak).trim().length, `${label}: speak`).toBeGreaterThan(0);
  return card;
}

describe('help and notice cards', () => {
  it('welcome card: valid, greets, lists the commands and offers to create a poll', () => {
    const card = checked(helpCard('welcome'), 'welcome');
    expect(texts(card)[0]).toBe('Welcome to VoiceLoop');
    const facts = ofType(card, 'FactSet').flatMap((f) => f.facts as Node[]);
    // Every command once, grouped; closing the loop first (findings and digest are not in the Teams menu).
    expect([...facts.map((f) => f.title)].sort()).toEqual(Object.values(COMMANDS).map((c) => c.text).sort());
    expect(facts.slice(0, 3).map((f) => f.title)).toEqual(['findings', 'findings publish', 'digest']);
    expect(texts(card).join(' ')).toContain('type **findings** to record "You said, we did"');
    expect(texts(card).join(' ')).toContain('Managers type **digest**');
    expect(verbs(card)).toEqual([VERBS.pollForm, VERBS.showHelp]);
    expect(card.speak).toContain('Welcome to VoiceLoop');
    expect(card.speak).toContain('type findings to record');
    expect(card.speak).not.toContain('**');
  });

  it('help card: valid, with its own title', () => {
    const card = checked(helpCard('help'), 'help');
    expect(texts(card)[0]).toBe('What VoiceLoop can do');
    expect(card.speak).toMatch(/^What VoiceLoop can do\./);
  });

  it('the staff card tells staff that young people get an easy-read card, and how to see it', () => {
    const card = checked(helpCard('help'), 'help');
    expect(texts(card).join(' ')).toContain('Type **help easy** to see it.');
    expect(card.speak).toContain('Type help easy to see it.');
  });

  it.each([
    ['default', 'Default'],
    ['attention', 'Attention'],
    ['good', 'Good']
  ] as const)('notice card (%s): valid, shows title and text in the %s colour, and speaks the text', (tone, color) => {
    const card = checked(noticeCard('Poll closed', 'Thanks for voting.', tone), `notice ${tone}`);
    expect(texts(card)).toEqual(['Poll closed', 'Thanks for voting.']);
    expect(ofType(card, 'TextBlock')[1]?.color).toBe(color);
    expect(card.speak).toBe('Thanks for voting.');
  });
});

describe('poll form card', () => {
  it('empty form: valid, no error messages, and the Post button carries the form id', () => {
    const card = checked(pollFormCard({ formId: 'form-1', timeZone: 'Europe/London' }), 'empty form');
    expect(texts(card).some((t) => t.startsWith('Please check the form'))).toBe(false);
    expect(ofType(card, 'TextBlock').filter((n) => n.color === 'Attention')).toEqual([]);
    const post = actions(card).find((a) => a.verb === VERBS.pollCreate);
    expect(post?.data).toEqual({ formId: 'form-1' });
    expect(texts(card).some((t) => t.includes('Times are in Europe/London'))).toBe(true);
    const inputs = Object.fromEntries(nodes(card).filter((n) => typeof n.id === 'string').map((n) => [n.id, n.value]));
    expect(inputs).toMatchObject({ question: '', options: '', anonymous: 'false', resultsVisibility: 'live', chart: 'bar' });
  });

  it('form with errors: valid, keeps what the person typed and shows each message beside its input', () => {
    const values = { question: '', options: 'One', anonymous: 'true', resultsVisibility: 'afterClose', chart: 'donut', closeTime: '10:00' };
    let fields: Record<string, string> = {};
    try {
      parsePollForm(values, NOW, 'Europe/London');
    } catch (error) {
      fields = (error as { fields: Record<string, string> }).fields;
    }
    const card = checked(pollFormCard({ formId: 'form-1', timeZone: 'Europe/London', values, errors: fields }), 'form with errors');
    const shown = texts(card);
    expect(shown).toContain('Please write the question.');
    expect(shown).toContain(fields.options);
    expect(shown).toContain('Please choose a closing date as well as a time.');
    expect(shown).toContain('Please check the form: see the messages below.');
    const inputs = Object.fromEntries(nodes(card).filter((n) => typeof n.id === 'string').map((n) => [n.id, n.value]));
    expect(inputs).toMatchObject({ options: 'One', anonymous: 'true', resultsVisibility: 'afterClose', chart: 'donut', closeTime: '10:00' });
  });

  it('form with an error that has no input of its own: shown in the summary', () => {
    const card = checked(
      pollFormCard({ formId: 'f', timeZone: 'Europe/London', errors: { chart: 'Choose a bar or a donut chart.' } }),
      'form with chart error'
    );
    expect(texts(card)).toContain('Please check the form: Choose a bar or a donut chart.');
  });
});

describe('poll card: open poll', () => {
  it('shared message: valid, shows question, options, live bar chart and a Vote button, no Close button', () => {
    const card = checked(pollCard(makePoll({ closesAt: new Date('2026-01-09T17:00:00Z') }), TALLY), 'open shared');
    const shown = texts(card);
    expect(shown).toContain('Quick poll from Alex');
    expect(shown).toContain('Pizza or pasta?');
    expect(shown).toContain('Open · closes Fri 9 Jan, 17:00');
    expect(shown).toContain('4 people have voted.');
    expect(choiceTitles(card)).toEqual(['Pizza', 'Pasta', 'Both']);
    expect(verbs(card)).toEqual([VERBS.pollRefresh, VERBS.pollVote, VERBS.pollRefresh]); // auto refresh, Vote, and a Refresh button for clients that do not refresh
    expect(actions(card).find((a) => a.verb === VERBS.pollVote)).toMatchObject({ title: 'Vote', data: { pollId: POLL_ID } });
    const [chart] = ofType(card, 'Chart.HorizontalBar');
    expect(chart?.data).toEqual([
      { x: 'Pizza', y: 3 },
      { x: 'Pasta', y: 1 },
      { x: 'Both', y: 0 }
    ]);
    expect(ofType(card, 'Chart.Donut')).toEqual([]);
    const fallback = (chart?.fallback as Node).facts as Node[];
    expect(fallback.map((f) => f.value)).toEqual(['3 votes (75%)', '1 vote (25%)', '0 votes (0%)']);
    expect(card.speak).toBe('Pizza or pasta?. Open, closes Fri 9 Jan, 17:00. Pizza: 3 votes (75%). Pasta: 1 vote (25%). Both: 0 votes (0%)');
  });

  it('refreshes for the author so their view (with Close) stays current', () => {
    const card = checked(pollCard(makePoll(), TALLY), 'open shared');
    expect(card.refresh).toEqual({
      action: { type: 'Action.Execute', title: 'Refresh', verb: VERBS.pollRefresh, data: { pollId: POLL_ID } },
      userIds: ['29:author']
    });
  });

  it('donut chart: valid, with legend and value for each option', () => {
    const card = checked(pollCard(makePoll({ chart: 'donut' }), TALLY), 'donut');
    expect(ofType(card, 'Chart.HorizontalBar')).toEqual([]);
    expect(ofType(card, 'Chart.Donut')[0]?.data).toEqual([
      { legend: 'Pizza', value: 3 },
      { legend: 'Pasta', value: 1 },
      { legend: 'Both', value: 0 }
    ]);
  });

  it('no votes yet: valid, no chart, says nobody has voted', () => {
    const card = checked(pollCard(makePoll(), NONE), 'no votes');
    expect(nodes(card).some((n) => String(n.type).startsWith('Chart.'))).toBe(false);
    expect(texts(card)).toContain('No votes yet.');
  });

  it('results after close: valid, hides the counts while open and says when they will show', () => {
    const card = checked(pollCard(makePoll({ resultsVisibility: 'afterClose' }), TALLY), 'afterClose open');
    expect(nodes(card).some((n) => String(n.type).startsWith('Chart.'))).toBe(false);
    expect(texts(card)).toContain('Results will be shown when the poll closes.');
    expect(JSON.stringify(card)).not.toMatch(/\d+ votes? \(\d+%\)/);
    expect(card.speak).toContain('Results will be shown when the poll closes.');
  });

  it('anonymous poll with fewer than 3 voters: valid, shows no counts anywhere, explains why', () => {
    const card = checked(pollCard(makePoll({ anonymous: true }), FEW), 'anonymous few');
    expect(nodes(card).some((n) => String(n.type).startsWith('Chart.'))).toBe(false);
    expect(JSON.stringify(card)).not.toMatch(/\d+ votes? \(\d+%\)/);
    expect(texts(card)).toContain('To keep votes anonymous, results show once at least 3 people have voted.');
    expect(texts(card)).toContain('Open · anonymous');
    expect(card.speak).toContain('at least 3 people');
  });

  it('anonymous poll with 3 or more voters: shows results', () => {
    const card = checked(pollCard(makePoll({ anonymous: true }), { counts: [2, 1, 0], voters: 3 }), 'anonymous enough');
    expect(ofType(card, 'Chart.HorizontalBar')).toHaveLength(1);
  });
});

describe('poll card: one person\u2019s view', () => {
  it('viewer who voted: valid, shows their choice, preselects it and offers to change it', () => {
    const card = checked(pollCard(makePoll(), TALLY, { myChoice: 1, isCreator: false }), 'viewer with choice');
    expect(texts(card)).toContain('You chose: Pasta');
    expect(ofType(card, 'Input.ChoiceSet')[0]?.value).toBe('1');
    expect(actions(card).find((a) => a.verb === VERBS.pollVote)?.title).toBe('Change my vote');
    expect(verbs(card)).not.toContain(VERBS.pollClose);
  });

  it('viewer who has not voted: valid, no "You chose", a plain Vote button', () => {
    const card = checked(pollCard(makePoll(), TALLY, { isCreator: false }), 'viewer without choice');
    expect(texts(card).some((t) => t.startsWith('You chose'))).toBe(false);
    expect(actions(card).find((a) => a.verb === VERBS.pollVote)?.title).toBe('Vote');
    expect(verbs(card)).not.toContain(VERBS.pollClose);
  });

  it('author: valid, has a Close poll button that does not send the answer inputs', () => {
    const card = checked(pollCard(makePoll(), TALLY, { isCreator: true }), 'creator');
    const close = actions(card).find((a) => a.verb === VERBS.pollClose);
    expect(close).toMatchObject({ title: 'Close poll', associatedInputs: 'none', data: { pollId: POLL_ID } });
  });

  it('shows a notice when given one', () => {
    const card = checked(pollCard(makePoll(), TALLY, { isCreator: false }, 'This poll is closed. Your vote was not counted.'), 'notice');
    expect(texts(card)).toContain('This poll is closed. Your vote was not counted.');
  });
});

describe('poll card: closed poll', () => {
  it('valid, shows the final results and no way to vote, close or refresh', () => {
    const card = checked(pollCard(makePoll(CLOSED), TALLY, { myChoice: 0, isCreator: true }), 'closed');
    expect(texts(card)).toContain('Closed · Tue 6 Jan, 14:30');
    expect(texts(card)).toContain('4 people voted.');
    expect(texts(card)).toContain('You chose: Pizza');
    expect(ofType(card, 'Input.ChoiceSet')).toEqual([]);
    expect(actions(card)).toEqual([]);
    expect(ofType(card, 'ActionSet')).toEqual([]);
    expect(card.refresh).toBeUndefined();
    expect(ofType(card, 'Chart.HorizontalBar')).toHaveLength(1);
  });

  it('results after close: shown once closed', () => {
    const card = checked(pollCard(makePoll({ ...CLOSED, resultsVisibility: 'afterClose' }), TALLY), 'afterClose closed');
    expect(ofType(card, 'Chart.HorizontalBar')).toHaveLength(1);
    expect(card.speak).toContain('Pizza: 3 votes (75%)');
  });

  it('nobody voted: says so', () => {
    const card = checked(pollCard(makePoll(CLOSED), NONE), 'closed empty');
    expect(texts(card)).toContain('Nobody voted.');
  });

  it('anonymous with fewer than 3 voters: still shows no counts after closing', () => {
    const card = checked(pollCard(makePoll({ ...CLOSED, anonymous: true }), FEW), 'closed anonymous few');
    expect(JSON.stringify(card)).not.toMatch(/\d+ votes? \(\d+%\)/);
  });
});

describe('every card is fully expanded', () => {
  it.each([
    ['welcome', () => helpCard('welcome')],
    ['help', () => helpCard('help')],
    ['easy-read help', () => easyHelpCard()],
    ['notice', () => noticeCard('Title', 'Text', 'good')],
    ['form', () => pollFormCard({ formId: 'f', timeZone: 'Europe/London' })],
    ['form with errors', () => pollFormCard({ formId: 'f', timeZone: 'Europe/London', errors: { question: 'Q', options: 'O', closeDate: 'C', chart: 'X' } })],
    ['open poll', () => pollCard(makePoll({ closesAt: new Date('2026-01-09T17:00:00Z') }), TALLY, { myChoice: 2, isCreator: true })],
    ['closed poll', () => pollCard(makePoll(CLOSED), TALLY)],
    ['anonymous poll', () => pollCard(makePoll({ anonymous: true, chart: 'donut' }), FEW, { isCreator: false })]
  ])('%s: no template expression is left in the card', (label, build) => {
    const card = checked(build(), label);
    expect(JSON.stringify(card)).not.toContain('${');
    expect(JSON.stringify(card)).not.toContain('$when');
    expect(JSON.stringify(card)).not.toContain('$data');
  });
});

describe('cards treat what people type as data, never as template', () => {
  const question = '${$root.verbs.pollVote} ${question}';
  const options = ['${1+1}', '${question}', 'Plain'];

  it('shows a question and options that look like template expressions exactly as typed', () => {
    const card = checked(pollCard(makePoll({ question, options }), { counts: [1, 1, 1], voters: 3 }, { myChoice: 0, isCreator: true }), 'template-like');
    expect(texts(card)).toContain(question);
    expect(texts(card)).toContain('You chose: ${1+1}');
    expect(choiceTitles(card)).toEqual(options);
    expect(ofType(card, 'Chart.HorizontalBar')[0]?.data).toEqual([
      { x: '${1+1}', y: 1 },
      { x: '${question}', y: 1 },
      { x: 'Plain', y: 1 }
    ]);
    expect(String(card.speak).startsWith(question)).toBe(true);
    expect(texts(card)).not.toContain('2');
    expect(choiceTitles(card)).not.toContain('2');
  });

  it('keeps a form re-rendered with template-like values as typed', () => {
    const card = checked(
      pollFormCard({ formId: 'f', timeZone: 'Europe/London', values: { question, options: options.join('\n') }, errors: { question: '${errors}' } }),
      'form template-like'
    );
    const inputs = Object.fromEntries(nodes(card).filter((n) => typeof n.id === 'string').map((n) => [n.id, n.value]));
    expect(inputs.question).toBe(question);
    expect(inputs.options).toBe(options.join('\n'));
    expect(texts(card)).toContain('${errors}');
  });

  it('keeps a notice with template-like text as typed', () => {
    const card = checked(noticeCard('${title}', '${$root.verbs.pollClose}'), 'notice template-like');
    expect(texts(card)).toEqual(['${title}', '${$root.verbs.pollClose}']);
  });

  it('shows only the label of a Markdown link that went through cleanText', () => {
    const cleaned = cleanText('Do you like [our new plan](https://evil.example/phish)?', { field: 'question', maxLength: 500, required: true });
    const card = checked(pollCard(makePoll({ question: cleaned }), TALLY), 'markdown');
    expect(texts(card)).toContain('Do you like our new plan?');
    expect(JSON.stringify(card)).not.toContain('evil.example');
  });
});
