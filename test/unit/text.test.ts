import { describe, expect, it } from 'vitest';
import { type CleanTextOptions, cleanText } from '../../src/domain/shared/text';
import { domainErrorOf } from '../helpers/fixtures';

const line = (raw: unknown, extra: Partial<CleanTextOptions> = {}): string =>
  cleanText(raw, { field: 'question', maxLength: 500, ...extra });
const multi = (raw: unknown): string => cleanText(raw, { field: 'answer', maxLength: 5000, multiline: true });


describe('cleanText: characters that could hide or disguise text are removed', () => {
  it('removes C0 control characters but keeps the letters around them', () => {
    expect(line('Hel\u0000lo\u0007 wor\u001Fld\u007F')).toBe('Hello world');
  });

  it('removes C1 control characters', () => {
    expect(line('a\u0080b\u009Fc')).toBe('abc');
  });

  it.each([
    ['LRE', '\u202A'],
    ['RLE', '\u202B'],
    ['PDF', '\u202C'],
    ['LRO', '\u202D'],
    ['RLO', '\u202E'],
    ['LRI', '\u2066'],
    ['RLI', '\u2067'],
    ['FSI', '\u2068'],
    ['PDI', '\u2069']
  ])('removes the bidi control %s so a file name cannot be shown backwards', (_name, char) => {
    expect(line(`invoice${char}fdp.exe`)).toBe('invoicefdp.exe');
  });

  it('keeps emoji joined with zero-width joiners intact', () => {
    const family = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}';
    expect(line(`Our ${family} day`)).toBe(`Our ${family} day`);
  });

  it('normalises to NFC so the same word is stored the same way', () => {
    expect(line('cafe\u0301')).toBe('caf\u00E9');
  });
});

describe('cleanText: Markdown links are reduced to their label', () => {
  it('reduces [label](url) to the label', () => {
    expect(line('Read [our plan](https://evil.example/phish) first')).toBe('Read our plan first');
  });

  it('reduces an image ![alt](url) to its alt text', () => {
    expect(line('Look ![a cat](https://evil.example/track.png) here')).toBe('Look a cat here');
  });

  it('reduces several links in one text', () => {
    expect(line('[one](http://a.example) and [two](http://b.example)')).toBe('one and two');
  });

  it('reduces an angle-bracket autolink <https://...> to the plain address', () => {
    expect(line('See <https://example.org/page> today')).toBe('See https://example.org/page today');
  });

  it('reduces a mailto autolink', () => {
    expect(line('Write to <mailto:someone@example.org>')).toBe('Write to mailto:someone@example.org');
  });

  it('removes a link that control characters tried to split up', () => {
    expect(line('[label]\u0000(https://evil.example)')).toBe('label');
  });

  // A link hidden inside another must not be "unwrapped" into a working link by the clean-up.
  it.each([
    ['a link nested inside another link', '[[x](y)](https://evil.example)'],
    ['a label with balanced brackets', '[[Click here]](https://evil.example)'],
    ['a label with an escaped bracket', '[Click\\]here](https://evil.example)']
  ])('leaves no working link target behind for %s', (_case, raw) => {
    const cleaned = line(raw);
    expect(cleaned).not.toMatch(/\]\(/);
    expect(cleaned).not.toContain('evil.example');
  });
});

describe('cleanText: text that looks like template syntax is kept as data', () => {
  it.each(['${question}', '${$root.verbs.pollVote}', "${if(true, 'a', 'b')}", '{{name}}', '$when'])('keeps %s verbatim', (raw) => {
    expect(line(raw)).toBe(raw);
  });
});

describe('cleanText: white space', () => {
  it('folds runs of spaces, tabs and line breaks to one space and trims the ends in single-line fields', () => {
    expect(line('  What \t do\n\n\nyou   think?\r\n ')).toBe('What do you think?');
  });

  it('treats non-breaking and other Unicode spaces as spaces', () => {
    expect(line('a\u00A0\u00A0b\u2003c')).toBe('a b c');
  });

  it('keeps single line breaks in multiline fields', () => {
    expect(multi('Yes\nNo\nNot sure')).toBe('Yes\nNo\nNot sure');
  });

  it('keeps a blank line (two line breaks) in multiline fields', () => {
    expect(multi('Para one\n\nPara two')).toBe('Para one\n\nPara two');
  });

  it('folds three or more line breaks to one blank line', () => {
    expect(multi('a\n\n\n\n\nb')).toBe('a\n\nb');
  });

  it('counts lines holding only spaces as blank when folding', () => {
    expect(multi('a\n   \n \t \n\nb')).toBe('a\n\nb');
  });

  it('turns Windows and old Mac line endings into \\n', () => {
    expect(multi('a\r\nb\rc')).toBe('a\nb\nc');
  });

  it('folds spaces inside each line and trims each line', () => {
    expect(multi('  a    b  \n   c  ')).toBe('a b\nc');
  });

  it('trims blank lines at the start and end', () => {
    expect(multi('\n\n\nhello\n\n\n')).toBe('hello');
  });
});

describe('cleanText: length is counted in characters people see (code points)', () => {
  it('accepts exactly the maximum number of emoji even though each is two UTF-16 units', () => {
    const text = '\u{1F44D}'.repeat(10);
    expect(text.length).toBe(20);
    expect(cleanText(text, { field: 'option 1', maxLength: 10 })).toBe(text);
  });

  it('refuses one emoji more than the maximum', () => {
    const error = domainErrorOf(() => cleanText('\u{1F44D}'.repeat(11), { field: 'option 1', maxLength: 10 }));
    expect(error.message).toContain('11 characters');
  });

  it('measures the length after clean-up, so a removed link does not count', () => {
    expect(cleanText('[ok](https://a-very-long-address.example/with/a/path)', { field: 'q', maxLength: 5 })).toBe('ok');
  });
});

describe('cleanText: messages name the field', () => {
  it('asks for a required field that is empty, naming it', () => {
    const error = domainErrorOf(() => cleanText('   ', { field: 'question', maxLength: 10, required: true }));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe('Please write the question.');
    expect(error.fields).toEqual({ question: 'Please write the question.' });
  });

  it('treats a field holding only control characters as empty', () => {
    expect(() => cleanText('\u0000\u202E', { field: 'question', maxLength: 10, required: true })).toThrow('Please write the question.');
  });

  it('treats a missing value as empty', () => {
    expect(cleanText(undefined, { field: 'note', maxLength: 10 })).toBe('');
    expect(cleanText(null, { field: 'note', maxLength: 10 })).toBe('');
    expect(() => cleanText(undefined, { field: 'note', maxLength: 10, required: true })).toThrow('Please write the note.');
  });

  it('says which field is too long, by how much and what the limit is', () => {
    const error = domainErrorOf(() => cleanText('abcdef', { field: 'option 3', maxLength: 5 }));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe('The option 3 is too long: 6 characters, the most is 5.');
    expect(error.fields['option 3']).toBe(error.message);
  });
});

describe('cleanText: only text is accepted', () => {
  it.each([[42], [true], [{ toString: () => 'x' }], [['a']]])('refuses %j, naming the field', (raw) => {
    const error = domainErrorOf(() => cleanText(raw, { field: 'question', maxLength: 100 }));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe('The question must be text.');
    expect(error.fields).toEqual({ question: 'Must be text.' });
  });
});
