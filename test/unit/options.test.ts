import { describe, expect, it } from 'vitest';
import { type OptionListLimits, parseOptionList } from '../../src/domain/shared/options';
import { domainErrorOf } from '../helpers/fixtures';

const LIMITS: OptionListLimits = { maxLength: 200, optionMaxLength: 10, minOptions: 2, maxOptions: 4 };
const parse = (raw: unknown, limits: Partial<OptionListLimits> = {}): string[] => parseOptionList(raw, { ...LIMITS, ...limits });

describe('parseOptionList: options typed one per line', () => {
  it('cleans each line and drops blank ones, with any line ending', () => {
    expect(parse('  Zoo  \n\n   \nBeach\r\nMuseum\rPark')).toEqual(['Zoo', 'Beach', 'Museum', 'Park']);
    expect(parse('Art  and\u0000   craft\n[Sport](http://x)', { optionMaxLength: 20 })).toEqual(['Art and craft', 'Sport']);
  });

  it('keeps unicode and the order typed', () => {
    expect(parse('🎨 Art\nCafé')).toEqual(['🎨 Art', 'Café']);
  });

  it('counts the options against the bounds, saying how many were given', () => {
    expect(domainErrorOf(() => parse('One')).message).toBe('Please give from 2 to 4 options, one per line (you gave 1).');
    expect(domainErrorOf(() => parse('')).message).toContain('(you gave 0)');
    expect(domainErrorOf(() => parse(undefined)).message).toContain('(you gave 0)');
    expect(parse('a\nb\nc\nd')).toHaveLength(4);
    expect(domainErrorOf(() => parse('a\nb\nc\nd\ne')).message).toContain('(you gave 5)');
    expect(parse('a\nb\nc\nd\ne', { maxOptions: 10 })).toHaveLength(5);
  });

  it('refuses an option there twice, ignoring case', () => {
    const error = domainErrorOf(() => parse('Yes\nNo\nyes'));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe('The option "yes" is there twice.');
  });

  it('bounds one option and the whole list', () => {
    expect(domainErrorOf(() => parse('Yes\nFar too long here')).message).toBe('The option 2 is too long: 17 characters, the most is 10.');
    expect(domainErrorOf(() => parse('a\nb', { maxLength: 2 })).message).toBe('The options is too long: 3 characters, the most is 2.');
  });

  it('refuses what is not text', () => {
    expect(domainErrorOf(() => parse(['a', 'b'])).fields.options).toBe('Must be text.');
  });
});
