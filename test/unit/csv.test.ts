import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/domain/shared/csv';

const cell = (value: Parameters<typeof toCsv>[0][number][number], quoteAll = false): string => toCsv([[value]], { quoteAll }).slice(0, -2);

describe('toCsv: one writer for every export', () => {
  it('writes a header and rows, CRLF after every line including the last', () => {
    expect(toCsv([['a', 'b'], ['1', '2']])).toBe('a,b\r\n1,2\r\n');
    expect(toCsv([])).toBe('');
  });

  it.each([
    ['=', `'=SUM(A1)`],
    ['+', `'+SUM(A1)`],
    ['-', `'-SUM(A1)`],
    ['@', `'@SUM(A1)`],
    ['\t', `'\tSUM(A1)`],
    ['\r', `"'\rSUM(A1)"`]
  ])('makes text starting with %j inert with a leading quote', (lead, written) => {
    expect(cell(`${lead}SUM(A1)`)).toBe(written);
  });

  it('quotes the guarded formula when it holds a quote, doubling it', () => {
    expect(cell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(cell('=1+2')).toBe(`'=1+2`);
    expect(cell('\tx')).toBe(`'\tx`);
    expect(cell('\rx')).toBe(`"'\rx"`);
  });

  it('leaves text with a dangerous character later on alone', () => {
    expect(cell('a=b')).toBe('a=b');
    expect(cell('2 + 2')).toBe('2 + 2');
    expect(cell('x@example.org')).toBe('x@example.org');
  });

  it('quotes cells with a comma, quote, CR or LF, doubling quotes', () => {
    expect(cell('Ana, "Chair"')).toBe('"Ana, ""Chair"""');
    expect(cell('say "hi"')).toBe('"say ""hi"""');
    expect(cell('one\ntwo')).toBe('"one\ntwo"');
    expect(cell('one\r\ntwo')).toBe('"one\r\ntwo"');
    expect(cell('plain')).toBe('plain');
  });

  it('keeps unicode as it is', () => {
    expect(cell('Café 🎨 — 日本')).toBe('Café 🎨 — 日本');
    expect(cell('Zoë, 🎨')).toBe('"Zoë, 🎨"');
  });

  it('writes undefined, null and empty text as empty cells', () => {
    expect(toCsv([['a', undefined, null, '', 'b']])).toBe('a,,,,b\r\n');
    expect(toCsv([[undefined, null, '']], { quoteAll: true })).toBe('"","",""\r\n');
  });

  it('writes numbers and flags as they are: a negative number is not a formula', () => {
    expect(toCsv([[-1, 0, 2.5, 15, true, false]])).toBe('-1,0,2.5,15,true,false\r\n');
    expect(cell('-1')).toBe(`'-1`);
  });

  it('quotes every cell when asked (the survey export), still guarding formulas', () => {
    expect(toCsv([['respondent', 'Q1 Hi'], ['P-1', '=cmd|x']], { quoteAll: true })).toBe(`"respondent","Q1 Hi"\r\n"P-1","'=cmd|x"\r\n`);
    expect(cell(-1, true)).toBe('"-1"');
  });
});
