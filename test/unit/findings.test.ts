/**
 * Closing the loop (docs/findings.md): parsing "You said" / "We did", the publish rules, the three
 * cards (valid, easy-read where young people get them) and the proof that no suppressed count can be
 * worked out from anything the channel card shows.
 */
import { describe, expect, it } from 'vitest';
import { checkEasyRead } from '../../src/cards/shared/easy-read';
import { findingsChooseCard, findingsEasyCard, findingsEditorCard, findingsFollowUpCard, findingsStandardCard } from '../../src/cards/findings/findings-cards';
import { DomainError } from '../../src/domain/shared/errors';
import { type Findings, type WeDid, figuresOf, nextId, parseWeDid, parseYouSaid, publishProblem } from '../../src/domain/findings/findings';
import { approvalSummary, type FindingsView } from '../../src/domain/findings/findings-service';
import { screenText } from '../../src/domain/safeguarding/safeguarding';
import { type ShownCount, anyWorkedOut } from '../../src/domain/shared/suppression';
import type { Question, Survey, SurveyTally } from '../../src/domain/surveys/survey';
import { cardActionTitles, cardElements, cardText } from '../helpers/card-query';
import { expectValidCard } from '../helpers/card-validator';
import { makeSurvey } from '../helpers/fixtures';

const NOW = new Date('2026-01-05T10:00:00Z');

const surveyOf = (questions: Omit<Question, 'id'>[]): Survey =>
  makeSurvey(questions, {
    status: 'closed',
    title: 'Youth club',
    conversation: { tenantId: 't', serviceUrl: 'https://x', channelId: 'msteams', conversationId: 'c', conversationType: 'groupChat', botId: 'b', updatedAt: NOW.toISOString() }
  });

const SURVEY = surveyOf([
  { type: 'single', text: 'Which night is best?', options: ['Monday', 'Wednesday', 'Friday'] },
  { type: 'text', text: 'Tell us more.' }
]);

const weDid = (overrides: Partial<WeDid> = {}): WeDid => ({
  id: 'w1',
  text: 'The youth club opens on Friday evenings from April',
  easyText: 'The youth club will open on Fridays',
  status: 'planned',
  reason: '',
  owner: 'Youth services manager',
  when: '2026-04-17',
  updatedAt: NOW.toISOString(),
  ...overrides
});

function findingsOf(overrides: Partial<Findings> = {}): Findings {
  return {
    tenantId: 't',
    surveyId: SURVEY.surveyId,
    title: SURVEY.title,
    owner: 'owner',
    ownerName: 'Olly Owner',
    ownerUserId: '29:owner',
    youSaid: [{ id: 't1', text: 'Most of you want the club on Friday nights', easyText: 'You want the club on Friday nights', support: [{ questionId: 'q1', choice: 2 }], quote: 'Fridays are best for me' }],
    weDid: [weDid()],
    nextUpdate: '2026-05-18',
    state: 'draft',
    roundCount: 0,
    version: 1,
    createdAt: NOW,
    updatedAt: NOW,
    ...overrides
  };
}

const tallyOf = (q1: number[], respondents = q1.reduce((a, b) => a + b, 0)): SurveyTally => ({
  questions: { q1: [...q1.slice(0, 3), q1[3] ?? 0, q1.slice(0, 3).reduce((a, b) => a + b, 0)] },
  respondents
});
const viewOf = (tally: SurveyTally, findings = findingsOf()): FindingsView => ({ findings, survey: SURVEY, figures: figuresOf(SURVEY, tally, 5) });

describe('findings: parsing', () => {
  const withheld = (t: string) => screenText(t).flagged;

  it('a theme keeps its text, easy-read version, supporting questions and a chosen quote', () => {
    const theme = parseYouSaid({ text: ' Friday nights ', easyText: 'You like Fridays', questions: 'q1', choice_q1: '2', quote: '0' }, SURVEY, 't1', { quotable: ['Fridays are best'], withheld });
    expect(theme).toEqual({ id: 't1', text: 'Friday nights', easyText: 'You like Fridays', support: [{ questionId: 'q1', choice: 2 }], quote: 'Fridays are best' });
  });

  it('free text with template syntax and links is data: cleaned, never a template', () => {
    const theme = parseYouSaid({ text: 'See [the page](https://evil.example) ${title}' }, SURVEY, 't1', { quotable: [], withheld });
    expect(theme.text).toBe('See the page ${title}');
    const card = findingsStandardCard(viewOf(tallyOf([5, 6, 7, 0]), findingsOf({ youSaid: [{ ...theme, support: [] }] })));
    expect(cardText(card as never)).toContain('${title}');
  });

  it('refuses a question not in the survey, an unknown quote, and a quote the safeguarding screening flags', () => {
    expect(() => parseYouSaid({ text: 'x', questions: 'q9' }, SURVEY, 't1', { quotable: [], withheld })).toThrow(DomainError);
    expect(() => parseYouSaid({ text: 'x', quote: '3' }, SURVEY, 't1', { quotable: ['a'], withheld })).toThrow(/Choose the answer/);
    expect(() => parseYouSaid({ text: 'x', quote: '0' }, SURVEY, 't1', { quotable: ['I do not feel safe at home'], withheld })).toThrow(/safeguarding/);
  });

  it('a response needs text, an owner, a date, and a reason when it is not possible', () => {
    expect(parseWeDid({ text: 'Open on Fridays', status: 'planned', owner: 'Sam', when: '2026-04-17' }, 'w1', NOW)).toMatchObject({ status: 'planned', easyText: 'Open on Fridays' });
    expect(() => parseWeDid({ text: 'x', status: 'notPossible', owner: 'Sam' }, 'w1', NOW)).toThrow(/why/);
    expect(parseWeDid({ text: 'x', status: 'notPossible', owner: 'Sam', reason: 'No money' }, 'w1', NOW).when).toBe('');
    expect(() => parseWeDid({ text: 'x', status: 'maybe', owner: 'Sam', when: '2026-04-17' }, 'w1', NOW)).toThrow(/status/);
    expect(() => parseWeDid({ text: 'x', status: 'done', owner: 'Sam', when: '2026-02-30' }, 'w1', NOW)).toThrow(/date/);
  });

  it('ids are never reused', () => {
    expect(nextId('t', [])).toBe('t1');
    expect(nextId('w', [{ id: 'w1' }, { id: 'w4' }])).toBe('w5');
  });
});

describe('findings: publishing rules', () => {
  it('no "We did", waiting for or sent back by the working group, nobody attending: clear reasons', () => {
    expect(publishProblem(findingsOf({ weDid: [] }), 3)).toMatch(/We did/);
    expect(publishProblem(findingsOf({ state: 'withGroup' }), 3)).toMatch(/working group/);
    expect(publishProblem(findingsOf({ state: 'changesRequested' }), 3)).toMatch(/changes/);
    expect(publishProblem(findingsOf(), 0)).toMatch(/Nobody took part/);
    expect(publishProblem(findingsOf({ state: 'approved' }), 3)).toBeUndefined();
    expect(publishProblem(findingsOf(), 1)).toBeUndefined();
  });
});

describe('findings: cards', () => {
  it('the standard card: what we asked, how many took part, what you said with a chart, what we did, when more', () => {
    const card = findingsStandardCard(viewOf(tallyOf([5, 6, 12, 0])));
    expectValidCard(card, 'standard');
    const text = cardText(card as never);
    expect(text).toContain('What we asked: Which night is best? · Tell us more.');
    expect(text).toContain('23 people took part.');
    expect(text).toContain('Most of you want the club on Friday nights');
    expect(text).toContain('“Fridays are best for me”');
    expect(text).toContain('Planned: The youth club opens on Friday evenings from April');
    expect(text).toContain('Monday 18 May 2026');
    expect(JSON.stringify(card)).toContain('Chart.HorizontalBar');
    expect(JSON.stringify(card)).not.toContain('${');
  });

  it('a "not possible" response shows its reason', () => {
    const card = findingsStandardCard(viewOf(tallyOf([5, 6, 12, 0]), findingsOf({ weDid: [weDid({ status: 'notPossible', reason: 'The building is closed at night', when: '' })] })));
    expect(cardText(card as never)).toContain('Why: The building is closed at night');
  });

  it('the easy-read card and every follow-up pass the easy-read check, and show no numbers at all', () => {
    const view = viewOf(tallyOf([1, 2, 3, 0]));
    const easy = findingsEasyCard(view);
    expectValidCard(easy, 'easy');
    expect(checkEasyRead(easy)).toEqual([]);
    expect(cardText(easy as never)).not.toMatch(/\b[0-9]\b(?! (January|February|March|April|May|June|July|August|September|October|November|December))/);
    for (const status of ['planned', 'inProgress', 'done', 'notPossible'] as const) {
      const follow = findingsFollowUpCard(view, weDid({ status, reason: status === 'notPossible' ? 'There is no money for it.' : '' }));
      expectValidCard(follow, status);
      expect(checkEasyRead(follow), status).toEqual([]);
    }
  });

  it('staff wording that is not easy read fails the check (so publishing refuses it)', () => {
    const hard = findingsOf({ youSaid: [{ id: 't1', text: 'x', easyText: 'The SENCO and CAMHS commissioning provision review will be done', support: [] }] });
    expect(checkEasyRead(findingsEasyCard(viewOf(tallyOf([5, 5, 5, 0]), hard)))).not.toEqual([]);
  });

  it('the editor and chooser are valid cards, and the approval summary lists every theme and response', () => {
    const view = viewOf(tallyOf([5, 6, 12, 0]));
    expectValidCard(findingsEditorCard({ view, quotes: ['Fridays'], canPublishHere: true, notice: 'Saved' }), 'editor');
    expectValidCard(findingsEditorCard({ view: { ...view, findings: findingsOf({ state: 'withGroup', youSaid: [], weDid: [] }) }, quotes: [], canPublishHere: false }), 'editor empty');
    expectValidCard(findingsChooseCard({ heading: 'h', empty: 'none', buttonTitle: 'Open', verb: 'findings.open', items: [] }), 'chooser');
    // Who approves: the plan's or channel's group directly; else a choice of the tenant's groups, or how to set one up.
    const chooseFrom = findingsEditorCard({ view, quotes: [], canPublishHere: false, groups: [{ teamId: 'team-1', name: 'Youth working group' }] });
    expectValidCard(chooseFrom, 'editor with groups');
    expect(cardElements(chooseFrom).find((e) => e.id === 'teamId')?.choices).toEqual([{ title: 'Youth working group', value: 'team-1' }]);
    expect(cardActionTitles(chooseFrom)).toContain('Send for approval');
    const none = findingsEditorCard({ view, quotes: [], canPublishHere: false, groups: [] });
    expect(cardText(none)).toContain('type "workinggroup setup"');
    expect(cardActionTitles(none)).not.toContain('Send for approval');
    const direct = findingsEditorCard({ view, quotes: [], canPublishHere: true, inTeamChannel: true });
    expect(cardActionTitles(direct)).toEqual(expect.arrayContaining(['Send to the working group', 'Publish here']));
    expect(cardElements(direct).some((e) => e.id === 'teamId')).toBe(false);
    const summary = approvalSummary(findingsOf());
    expect(summary.facts.map((f) => f.title)).toEqual(['Owner', 'State', 'You said 1', 'We did 1', 'We will tell people more by']);
  });
});

/** What a reader reads back from a FactSet value. */
function parseShown(value: string): ShownCount {
  if (value.startsWith('fewer than')) return { kind: 'few' };
  if (value === 'hidden') return { kind: 'hidden' };
  if (value === 'not shown') return { kind: 'withheld' };
  return { kind: 'exact', value: Number(value.split(' ')[0]) };
}

describe('findings: no suppressed count can be worked out from the channel card', () => {
  it('for every tally of a 3-choice question (+ skipped) with counts 0–7: totals, percentages and charts never give a small count away', () => {
    let checked = 0;
    for (let a = 0; a <= 7; a++)
      for (let b = 0; b <= 7; b++)
        for (let c = 0; c <= 7; c++)
          for (let s = 0; s <= 3; s++) {
            const counts = [a, b, c, s];
            const card = findingsStandardCard(viewOf(tallyOf(counts)));
            const json = JSON.stringify(card);
            const facts = (JSON.parse(json) as { body: unknown[] }).body;
            const factValues: string[] = [];
            JSON.stringify(facts, (k, v: unknown) => {
              if (k === 'facts' && Array.isArray(v)) for (const f of v as { value: string }[]) factValues.push(f.value);
              return v;
            });
            const shown = factValues.slice(0, 3).map((v) => parseShown(v.replace(/ \(\d+%\)$/, '')));
            const anyHidden = shown.some((x) => x.kind !== 'exact') || (s > 0 && s < 5);
            const text = cardText(card as never);
            const total = a + b + c + s;
            if (anyHidden) {
              // Nothing from which a hidden count follows: no percentages, no chart, no "answered" total.
              expect(json).not.toMatch(/\d+%/);
              expect(json).not.toContain('Chart.HorizontalBar');
              expect(text).not.toMatch(/\d+ answered/);
              // Even knowing the exact total ("N people took part" when shown), no hidden count is pinned down.
              // The card shows "skipped" only when every count is exact; otherwise the reader knows nothing of it.
              const skipShown: ShownCount = { kind: 'withheld' };
              expect(anyWorkedOut(counts, [...shown, skipShown], 5), `counts ${counts.join(',')}`).toBe(false);
            }
            // No count from 1 to 4 ever appears as a number: "took part" or any choice.
            const withoutPhrases = text.replace(/fewer than 5/g, '').replace(/\b\w+day \d+ \w+ \d{4}\b/g, '');
            expect(withoutPhrases, `counts ${counts.join(',')}`).not.toMatch(/(?<![\d.])[1-4](?![\d%])/);
            if (total > 0 && total < 5) expect(text).toContain('fewer than 5 people took part');
            checked++;
          }
    expect(checked).toBe(8 * 8 * 8 * 4);
  });
});
