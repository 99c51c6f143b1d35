import { describe, expect, it } from 'vitest';
import {
  POLL_LIMITS,
  type PollFormValues,
  type PollTally,
  applyVote,
  checkCanClose,
  checkVote,
  parsePollForm,
  percentages,
  resultsAccess,
  sumTallies
} from '../../src/domain/polls/poll';
import { makePoll, domainErrorOf } from '../helpers/fixtures';

const NOW = new Date('2026-01-05T10:00:00Z'); // a Monday in winter: London is on GMT
const LONDON = 'Europe/London';

const valid = (overrides: PollFormValues = {}): PollFormValues => ({
  question: 'Where should we go on the trip?',
  options: 'Zoo\nBeach\nMuseum',
  ...overrides
});

const parse = (overrides: PollFormValues = {}, timeZone = LONDON, now = NOW) => parsePollForm(valid(overrides), now, timeZone);


const optionLines = (n: number): string => Array.from({ length: n }, (_, i) => `Option ${i + 1}`).join('\n');


describe('parsePollForm: the question', () => {
  it('accepts a valid form and returns the cleaned question and options', () => {
    const draft = parse({ question: '  Where   should we go? ', options: ' Zoo \n\n Beach ' });
    expect(draft.question).toBe('Where should we go?');
    expect(draft.options).toEqual(['Zoo', 'Beach']);
  });

  it.each([[undefined], [''], ['   \n\t ']])('asks for a question when it is %j', (question) => {
    const error = domainErrorOf(() => parse({ question }));
    expect(error.code).toBe('invalid_input');
    expect(error.fields.question).toBe('Please write the question.');
  });

  it('accepts a question of exactly 500 characters', () => {
    const question = 'q'.repeat(POLL_LIMITS.questionMaxLength);
    expect(parse({ question }).question).toBe(question);
  });

  it('refuses a question of 501 characters, saying how long it is', () => {
    const error = domainErrorOf(() => parse({ question: 'q'.repeat(501) }));
    expect(error.fields.question).toBe('The question is too long: 501 characters, the most is 500.');
  });

  it('reduces a Markdown link in the question to its label', () => {
    expect(parse({ question: 'Have you read [the plan](https://evil.example)?' }).question).toBe('Have you read the plan?');
  });
});

describe('parsePollForm: the options', () => {
  it('refuses a single option', () => {
    const error = domainErrorOf(() => parse({ options: 'Only one' }));
    expect(error.fields.options).toBe('Please give from 2 to 10 options, one per line (you gave 1).');
  });

  it('refuses no options at all', () => {
    expect(domainErrorOf(() => parse({ options: '' })).fields.options).toContain('(you gave 0)');
  });

  it('accepts 2 options', () => {
    expect(parse({ options: 'Yes\nNo' }).options).toEqual(['Yes', 'No']);
  });

  it('accepts 10 options', () => {
    expect(parse({ options: optionLines(10) }).options).toHaveLength(10);
  });

  it('refuses 11 options', () => {
    expect(domainErrorOf(() => parse({ options: optionLines(11) })).fields.options).toContain('(you gave 11)');
  });

  it('ignores blank lines and lines of spaces between options', () => {
    expect(parse({ options: '\n\nYes\n   \n\n\n\nNo\n\n' }).options).toEqual(['Yes', 'No']);
  });

  it('does not count blank lines towards the limit of 10', () => {
    expect(parse({ options: optionLines(10).split('\n').join('\n\n') }).options).toHaveLength(10);
  });

  it('accepts Windows line endings between options', () => {
    expect(parse({ options: 'Yes\r\nNo\r\nMaybe' }).options).toEqual(['Yes', 'No', 'Maybe']);
  });

  it('refuses the same option twice, ignoring case', () => {
    const error = domainErrorOf(() => parse({ options: 'Yes\nNo\nYES' }));
    expect(error.fields.options).toBe('The option "YES" is there twice.');
  });

  it('refuses duplicates that differ only in spacing', () => {
    expect(domainErrorOf(() => parse({ options: 'Not  sure\nNot sure' })).fields.options).toContain('twice');
  });

  it('accepts an option of 150 characters', () => {
    const long = 'o'.repeat(POLL_LIMITS.optionMaxLength);
    expect(parse({ options: `${long}\nShort` }).options[0]).toBe(long);
  });

  it('refuses an option over 150 characters, naming which option', () => {
    const error = domainErrorOf(() => parse({ options: `Short\n${'o'.repeat(151)}` }));
    expect(error.fields.options).toBe('The option 2 is too long: 151 characters, the most is 150.');
  });

  it('keeps template-like text in options as it was typed', () => {
    expect(parse({ options: '${1+1}\n${question}' }).options).toEqual(['${1+1}', '${question}']);
  });

  it('refuses options that are not text', () => {
    expect(domainErrorOf(() => parse({ options: ['Yes', 'No'] })).fields.options).toBe('Must be text.');
  });
});

describe('parsePollForm: every problem is reported at once', () => {
  it('lists each field that is wrong, each with its own message', () => {
    const error = domainErrorOf(() =>
      parsePollForm(
        { question: '', options: 'One', resultsVisibility: 'sometimes', chart: 'pie', closeTime: '10:00' },
        NOW,
        LONDON
      )
    );
    expect(error.code).toBe('invalid_input');
    expect(Object.keys(error.fields).sort()).toEqual(['chart', 'closeDate', 'options', 'question', 'resultsVisibility']);
    expect(error.fields.question).toBe('Please write the question.');
    expect(error.fields.options).toContain('(you gave 1)');
    expect(error.fields.resultsVisibility).toBe('Choose when results are shown.');
    expect(error.fields.chart).toBe('Choose a bar or a donut chart.');
    expect(error.fields.closeDate).toBe('Please choose a closing date as well as a time.');
    for (const message of Object.values(error.fields)) expect(error.message).toContain(message);
  });
});

describe('parsePollForm: settings', () => {
  it.each([
    ['true', true],
    [true, true],
    ['false', false],
    [false, false],
    [undefined, false],
    ['yes', false],
    [1, false]
  ])('reads anonymous=%j as %s', (anonymous, expected) => {
    expect(parse({ anonymous }).anonymous).toBe(expected);
  });

  it('shows results live and as bars unless asked otherwise', () => {
    const draft = parse();
    expect(draft.resultsVisibility).toBe('live');
    expect(draft.chart).toBe('bar');
  });

  it('accepts afterClose and donut', () => {
    const draft = parse({ resultsVisibility: 'afterClose', chart: 'donut' });
    expect(draft.resultsVisibility).toBe('afterClose');
    expect(draft.chart).toBe('donut');
  });

  it.each([['never'], ['LIVE'], [''], [1]])('refuses resultsVisibility=%j', (resultsVisibility) => {
    expect(domainErrorOf(() => parse({ resultsVisibility })).fields.resultsVisibility).toBe('Choose when results are shown.');
  });

  it.each([['pie'], ['Bar'], [''], [true]])('refuses chart=%j', (chart) => {
    expect(domainErrorOf(() => parse({ chart })).fields.chart).toBe('Choose a bar or a donut chart.');
  });
});

describe('parsePollForm: the closing time', () => {
  it('has no closing time when neither date nor time is given', () => {
    expect(parse().closesAt).toBeUndefined();
    expect(parse({ closeDate: '  ', closeTime: '' }).closesAt).toBeUndefined();
  });

  it('closes at 17:00 local time when only a date is given', () => {
    expect(parse({ closeDate: '2026-01-09' }).closesAt?.toISOString()).toBe('2026-01-09T17:00:00.000Z');
  });

  it('closes at 17:00 British Summer Time (16:00 UTC) for a date only in summer', () => {
    expect(parse({ closeDate: '2026-07-01' }).closesAt?.toISOString()).toBe('2026-07-01T16:00:00.000Z');
  });

  it('converts a London wall time in summer (BST, UTC+1) to the right instant', () => {
    expect(parse({ closeDate: '2026-06-15', closeTime: '09:30' }).closesAt?.toISOString()).toBe('2026-06-15T08:30:00.000Z');
  });

  it('converts a wall time in the person\u2019s own time zone', () => {
    expect(parse({ closeDate: '2026-01-09', closeTime: '09:00' }, 'America/New_York').closesAt?.toISOString()).toBe(
      '2026-01-09T14:00:00.000Z'
    );
  });

  it('falls back to Europe/London for an unknown time zone', () => {
    expect(parse({ closeDate: '2026-06-15', closeTime: '09:30' }, 'Mars/Olympus_Mons').closesAt?.toISOString()).toBe(
      '2026-06-15T08:30:00.000Z'
    );
  });

  it('refuses a time without a date', () => {
    expect(domainErrorOf(() => parse({ closeTime: '12:00' })).fields.closeDate).toBe(
      'Please choose a closing date as well as a time.'
    );
  });

  it('refuses a closing time in the past', () => {
    expect(domainErrorOf(() => parse({ closeDate: '2026-01-04', closeTime: '12:00' })).fields.closeDate).toBe(
      'The closing time must be in the future.'
    );
  });

  it('refuses a closing time less than a minute away', () => {
    expect(domainErrorOf(() => parse({ closeDate: '2026-01-05', closeTime: '10:00' })).fields.closeDate).toBe(
      'The closing time must be in the future.'
    );
  });

  it('accepts a closing time a year ahead', () => {
    expect(parse({ closeDate: '2026-12-31' }).closesAt?.toISOString()).toBe('2026-12-31T17:00:00.000Z');
  });

  it('refuses a closing time more than 366 days ahead', () => {
    expect(domainErrorOf(() => parse({ closeDate: '2027-01-07' })).fields.closeDate).toBe('A poll can stay open for a year at most.');
  });

  it.each([['2026-02-30'], ['09/01/2026'], ['tomorrow']])('refuses the date %j', (closeDate) => {
    expect(domainErrorOf(() => parse({ closeDate })).fields.closeDate).toBeTruthy();
  });

  it('refuses an impossible time', () => {
    expect(domainErrorOf(() => parse({ closeDate: '2026-01-09', closeTime: '25:00' })).fields.closeDate).toBeTruthy();
  });
});

describe('checkVote', () => {
  it('accepts an option number sent as text by the card', () => {
    expect(checkVote(makePoll(), '2')).toBe(2);
  });

  it('accepts an option number', () => {
    expect(checkVote(makePoll(), 0)).toBe(0);
  });

  it.each([['3'], [3], [-1], ['-1'], [1.5], ['1.0'], [' 1'], [''], [undefined], [null], ['abc'], [NaN]])(
    'refuses %j as not one of the options',
    (choice) => {
      const error = domainErrorOf(() => checkVote(makePoll(), choice));
      expect(error.code).toBe('invalid_input');
      expect(error.message).toBe('Please choose one of the options.');
    }
  );

  it('refuses a vote on a closed poll, saying it was not counted', () => {
    const error = domainErrorOf(() => checkVote(makePoll({ status: 'closed' }), '1'));
    expect(error.code).toBe('closed');
    expect(error.message).toContain('not counted');
  });
});

describe('applyVote', () => {
  const tally: PollTally = { counts: [2, 1, 0], voters: 3 };

  it('adds a first vote and one more voter', () => {
    expect(applyVote(tally, undefined, 2)).toEqual({ counts: [2, 1, 1], voters: 4 });
  });

  it('moves a changed vote without adding a voter', () => {
    expect(applyVote(tally, 0, 1)).toEqual({ counts: [1, 2, 0], voters: 3 });
  });

  it('changes nothing when the same vote is cast again', () => {
    expect(applyVote(tally, 1, 1)).toEqual(tally);
  });

  it('does not change the tally it was given', () => {
    applyVote(tally, 0, 2);
    expect(tally).toEqual({ counts: [2, 1, 0], voters: 3 });
  });
});

describe('sumTallies', () => {
  it('adds the shards option by option and sums the voters', () => {
    const parts: PollTally[] = [
      { counts: [1, 0, 2], voters: 3 },
      { counts: [0, 4, 1], voters: 5 },
      { counts: [3], voters: 3 }
    ];
    expect(sumTallies(3, parts)).toEqual({ counts: [4, 4, 3], voters: 11 });
  });

  it('is all zero with no shards', () => {
    expect(sumTallies(4, [])).toEqual({ counts: [0, 0, 0, 0], voters: 0 });
  });

  it('ignores counts beyond the poll\u2019s options', () => {
    expect(sumTallies(2, [{ counts: [1, 1, 9], voters: 2 }])).toEqual({ counts: [1, 1], voters: 2 });
  });
});

describe('percentages', () => {
  it('is all zero when nobody voted', () => {
    expect(percentages([0, 0, 0])).toEqual([0, 0, 0]);
    expect(percentages([])).toEqual([]);
  });

  it('gives thirds as 34/33/33 (largest remainder, first one wins a tie)', () => {
    expect(percentages([1, 1, 1])).toEqual([34, 33, 33]);
  });

  it('gives exact shares unchanged', () => {
    expect(percentages([1, 3])).toEqual([25, 75]);
    expect(percentages([0, 5, 0])).toEqual([0, 100, 0]);
  });

  it('always adds up to exactly 100 and stays close to the exact shares (many random tallies)', () => {
    // A small deterministic generator, so a failure can be reproduced.
    let seed = 20260105;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let run = 0; run < 5000; run++) {
      const length = 1 + Math.floor(random() * POLL_LIMITS.maxOptions);
      const scale = [3, 10, 1000, 100000][run % 4] ?? 10;
      const counts = Array.from({ length }, () => (random() < 0.2 ? 0 : Math.floor(random() * scale)));
      const total = counts.reduce((a, b) => a + b, 0);
      const result = percentages(counts);
      const context = JSON.stringify(counts);
      expect(result, context).toHaveLength(counts.length);
      if (total === 0) {
        expect(result.every((p) => p === 0), context).toBe(true);
        continue;
      }
      expect(result.reduce((a, b) => a + b, 0), context).toBe(100);
      result.forEach((p, i) => {
        const exact = ((counts[i] ?? 0) * 100) / total;
        expect(Number.isInteger(p), context).toBe(true);
        expect(Math.abs(p - exact), context).toBeLessThan(1);
        if (counts[i] === 0) expect(p, context).toBe(0);
      });
    }
  });
});

describe('resultsAccess', () => {
  const few: PollTally = { counts: [1, 1, 0], voters: 2 };
  const enough: PollTally = { counts: [2, 1, 0], voters: 3 };

  it('shows live results of a named poll while it is open', () => {
    expect(resultsAccess(makePoll(), few)).toBe('shown');
  });

  it('hides afterClose results while the poll is open', () => {
    expect(resultsAccess(makePoll({ resultsVisibility: 'afterClose' }), enough)).toBe('hiddenUntilClose');
  });

  it('shows afterClose results once the poll is closed', () => {
    expect(resultsAccess(makePoll({ resultsVisibility: 'afterClose', status: 'closed' }), enough)).toBe('shown');
  });

  it('hides an anonymous poll\u2019s results while fewer than 3 people have voted', () => {
    expect(resultsAccess(makePoll({ anonymous: true }), few)).toBe('tooFewVoters');
  });

  it('keeps an anonymous poll\u2019s results hidden after closing if fewer than 3 people voted', () => {
    expect(resultsAccess(makePoll({ anonymous: true, status: 'closed' }), few)).toBe('tooFewVoters');
  });

  it('shows an anonymous poll\u2019s results from 3 voters', () => {
    expect(resultsAccess(makePoll({ anonymous: true }), enough)).toBe('shown');
  });
});

describe('checkCanClose', () => {
  it('lets the author close their poll', () => {
    expect(() => checkCanClose(makePoll(), 'aad-author')).not.toThrow();
  });

  it('refuses anyone else', () => {
    const error = domainErrorOf(() => checkCanClose(makePoll(), 'aad-someone-else'));
    expect(error.code).toBe('forbidden');
    expect(error.message).toBe('Only the person who created this poll can close it.');
  });
});
