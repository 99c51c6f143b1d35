import { DomainError } from './errors';

// C0 and C1 control characters, plus the Unicode bidi overrides that can disguise text.
// eslint-disable-next-line no-control-regex -- this pattern exists to find control characters
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;
// Innermost link first; applied until nothing changes, so nesting cannot rebuild a link.
const MARKDOWN_LINK = /!?\[([^[\]]*)\]\(([^)]*)\)/g;
// Whatever link target is left (labels with escaped or balanced brackets): dropped.
const LEFTOVER_TARGET = /\]\([^)]*\)/g;
const ANGLE_LINK = /<((?:https?|mailto):[^>]*)>/gi;

export interface CleanTextOptions {
  /** Field name used in the error message ("question", "option 3"). */
  field: string;
  maxLength: number;
  required?: boolean;
  /** Keep line breaks (free-text answers); otherwise all white space folds to single spaces. */
  multiline?: boolean;
}

/**
 * Turns text typed by a person into text safe to store and to show to others: control characters
 * removed, Markdown links reduced to their label (a card must not carry a disguised link), white space
 * folded. The result is still data: callers bind it into cards, never use it as template source.
 */
export function cleanText(raw: unknown, options: CleanTextOptions): string {
  if (raw !== undefined && raw !== null && typeof raw !== 'string') {
    throw new DomainError('invalid_input', `The ${options.field} must be text.`, { [options.field]: 'Must be text.' });
  }
  let text = (raw ?? '').normalize('NFC').replace(/\r\n?/g, '\n').replace(CONTROL, '');
  for (let previous = ''; previous !== text; ) {
    previous = text;
    text = text.replace(MARKDOWN_LINK, '$1');
  }
  text = text.replace(LEFTOVER_TARGET, ']').replace(ANGLE_LINK, '$1');
  text = options.multiline
    ? text
        .split('\n')
        .map((line) => line.replace(/[ \t\u00A0]+/g, ' ').trim())
        .join('\n')
        .replace(/\n{3,}/g, '\n\n')
        .trim()
    : text.replace(/\s+/g, ' ').trim();
  const length = [...text].length;
  if (options.required && length === 0) {
    throw new DomainError('invalid_input', `Please write the ${options.field}.`, {
      [options.field]: `Please write the ${options.field}.`
    });
  }
  if (length > options.maxLength) {
    const message = `The ${options.field} is too long: ${length} characters, the most is ${options.maxLength}.`;
    throw new DomainError('invalid_input', message, { [options.field]: message });
  }
  return text;
}

/** A display name from Teams, made safe to show: cleaned like any text and cut to a sensible length. */
export function cleanName(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  try {
    const name = cleanText([...raw].slice(0, 120).join(''), { field: 'name', maxLength: 120 });
    return name || undefined;
  } catch {
    return undefined;
  }
}
