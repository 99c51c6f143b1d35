import { DomainError } from './errors';
import { cleanText } from './text';

/** Bounds of a typed option list; each form keeps its own. */
export interface OptionListLimits {
  /** Characters in the whole list as typed. */
  maxLength: number;
  /** Characters in one option. */
  optionMaxLength: number;
  minOptions: number;
  maxOptions: number;
}

/**
 * The choices typed one per line (a poll's options, a survey question's): each line cleaned, blank
 * lines dropped, between `minOptions` and `maxOptions` of them, none there twice (ignoring case).
 * Throws `DomainError('invalid_input')` naming the first problem.
 */
export function parseOptionList(raw: unknown, limits: OptionListLimits): string[] {
  const text = cleanText(raw, { field: 'options', maxLength: limits.maxLength, multiline: true });
  const options = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line, i) => cleanText(line, { field: `option ${i + 1}`, maxLength: limits.optionMaxLength, required: true }));
  if (options.length < limits.minOptions || options.length > limits.maxOptions) {
    throw new DomainError('invalid_input', `Please give from ${limits.minOptions} to ${limits.maxOptions} options, one per line (you gave ${options.length}).`);
  }
  const seen = new Set<string>();
  for (const option of options) {
    const key = option.toLocaleLowerCase('en-GB');
    if (seen.has(key)) throw new DomainError('invalid_input', `The option "${option}" is there twice.`);
    seen.add(key);
  }
  return options;
}
