/**
 * The easy-read check (UK government and Mencap guidance, DOMAIN.md), run by the tests over every card
 * meant for young people. Reusable: `checkEasyRead(card)` returns the problems, empty when it passes.
 *
 * Rules:
 * - the card has a `speak` text (screen readers, Immersive Reader);
 * - no sentence over 15 words, anywhere a person reads or hears text;
 * - none of the words young people should not meet unexplained (DOMAIN.md list);
 * - every choice and every button has a symbol and a word;
 * - every instruction (TextBlock) starts with a symbol, or sits beside an image or a symbol;
 * - text is large: no TextBlock smaller than Medium;
 * - every image has altText;
 * - every input has a label (`inputsWithoutLabel`, which the tests also run over every card).
 */

export const MAX_SENTENCE_WORDS = 15;

/** Acronyms and hard words from DOMAIN.md. Upper-case ones match as whole words, case-sensitive. */
export const EASY_READ_ACRONYMS = [
  'SEND', 'SEN', 'EHCP', 'EHC', 'SENCO', 'SENDIASS', 'CAMHS', 'ICB', 'CCG', 'JSNA', 'AAC', 'ASD', 'ASC', 'SLCN', 'SEMH', 'MLD', 'SLD', 'PMLD'
] as const;
export const EASY_READ_HARD_WORDS = ['commissioning', 'co-production', 'coproduction', 'provision'] as const;

const ACRONYM = new RegExp(`(?<![\\p{L}\\p{N}])(${EASY_READ_ACRONYMS.join('|')})(?![\\p{L}\\p{N}])`, 'u');
const HARD_WORD = new RegExp(`(?<![\\p{L}])(${EASY_READ_HARD_WORDS.join('|')})(?![\\p{L}])`, 'iu');
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;
const SYMBOL_START = /^\s*\p{Extended_Pictographic}/u;
const SYMBOL_ONLY = /^\s*(\p{Extended_Pictographic}|\p{Emoji_Component}|\uFE0F|\u200D|\s)+$/u;
const LARGE_SIZES = new Set(['medium', 'large', 'extralarge']);

type Node = Record<string, unknown>;

export function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?]["'”’)]?)\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export const wordCount = (sentence: string): number => (sentence.match(WORD) ?? []).length;

/** Problems with one piece of text: long sentences and listed words. */
export function checkText(text: string, where: string): string[] {
  const problems: string[] = [];
  for (const sentence of sentencesOf(text)) {
    const words = wordCount(sentence);
    if (words > MAX_SENTENCE_WORDS) problems.push(`${where}: sentence of ${words} words (at most ${MAX_SENTENCE_WORDS}): "${sentence}"`);
  }
  const acronym = ACRONYM.exec(text);
  if (acronym) problems.push(`${where}: "${acronym[1]}" is not easy read; say it in plain words`);
  const hard = HARD_WORD.exec(text);
  if (hard) problems.push(`${where}: "${hard[1]}" is a hard word; say it in plain words`);
  return problems;
}

const hasSymbolAndWord = (title: string): boolean => SYMBOL_START.test(title) && wordCount(title) > 0;

/**
 * Every input (anywhere: body, actions, a Show card's card, a fallback) without a non-empty `label`,
 * named by path, type and id. A screen reader reads the label as the input's name: a title or a
 * placeholder is not read the same way by every client.
 */
export function inputsWithoutLabel(card: unknown): string[] {
  const found: string[] = [];
  const visit = (node: unknown, path: string): void => {
    if (Array.isArray(node)) return node.forEach((n, i) => visit(n, `${path}[${i}]`));
    if (!node || typeof node !== 'object') return;
    const n = node as Node;
    if (typeof n.type === 'string' && n.type.startsWith('Input.') && (typeof n.label !== 'string' || n.label.trim() === '')) {
      found.push(`${path} ${n.type} "${String(n.id ?? '')}"`);
    }
    for (const [key, value] of Object.entries(n)) if (typeof value === 'object') visit(value, path ? `${path}.${key}` : key);
  };
  visit(card, '');
  return found;
}

/** Runs every rule over a card (any JSON object with Adaptive Card shape). */
export function checkEasyRead(card: unknown): string[] {
  const problems: string[] = [];
  if (!card || typeof card !== 'object') return ['not a card'];
  const root = card as Node;
  if (typeof root.speak !== 'string' || root.speak.trim() === '') problems.push('card: no speak text');
  else problems.push(...checkText(root.speak, 'speak'));

  const visit = (node: unknown, path: string, besideSymbol: boolean): void => {
    if (Array.isArray(node)) {
      // A column beside an image or a symbol counts as "beside a symbol".
      const symbolColumn = node.some((n) => isSymbolColumn(n));
      node.forEach((n, i) => visit(n, `${path}[${i}]`, besideSymbol || symbolColumn));
      return;
    }
    if (!node || typeof node !== 'object') return;
    const n = node as Node;
    const type = typeof n.type === 'string' ? n.type : '';
    const where = `${path}${type ? ` ${type}` : ''}`;
    if (type === 'TextBlock' && typeof n.text === 'string') {
      const text = n.text;
      problems.push(...checkText(text, where));
      if (!besideSymbol && !SYMBOL_START.test(text) && !SYMBOL_ONLY.test(text)) problems.push(`${where}: no symbol beside "${text}"`);
      const size = typeof n.size === 'string' ? n.size.toLowerCase() : 'default';
      if (!SYMBOL_ONLY.test(text) && !LARGE_SIZES.has(size)) problems.push(`${where}: text is not large (size ${String(n.size ?? 'default')})`);
    }
    if (type === 'Image' && (typeof n.altText !== 'string' || n.altText.trim() === '')) problems.push(`${where}: image without altText`);
    if (type === 'Input.ChoiceSet' && Array.isArray(n.choices)) {
      for (const choice of n.choices as Node[]) {
        const title = String(choice.title ?? '');
        problems.push(...checkText(title, `${where} choice`));
        if (!hasSymbolAndWord(title)) problems.push(`${where}: choice "${title}" needs a symbol and a word`);
      }
    }
    if (type.startsWith('Action.') && path.indexOf('refresh') < 0) {
      const title = String(n.title ?? '');
      problems.push(...checkText(title, `${where} title`));
      if (!hasSymbolAndWord(title)) problems.push(`${where}: button "${title}" needs a symbol and a word`);
    }
    if (type === 'FactSet' && Array.isArray(n.facts)) {
      for (const fact of n.facts as Node[]) problems.push(...checkText(`${String(fact.title ?? '')} ${String(fact.value ?? '')}`, `${where} fact`));
    }
    if (type.startsWith('Input.') && typeof n.label === 'string') problems.push(...checkText(n.label, `${where} label`));
    for (const [key, value] of Object.entries(n)) {
      if (key === 'fallback' || typeof value !== 'object') continue;
      visit(value, `${path}.${key}`, key === 'items' ? besideSymbol : besideSymbol && key !== 'actions');
    }
  };
  visit(root.body, 'body', false);
  visit(root.actions, 'actions', false);
  problems.push(...inputsWithoutLabel(root).map((input) => `${input}: input without a label`));
  return problems;
}

function isSymbolColumn(node: unknown): boolean {
  if (!node || typeof node !== 'object' || (node as Node).type !== 'Column') return false;
  const items = (node as Node).items;
  if (!Array.isArray(items) || items.length === 0) return false;
  return (items as Node[]).every(
    (item) =>
      (item.type === 'Image' && typeof item.altText === 'string' && item.altText.trim() !== '') ||
      (item.type === 'TextBlock' && typeof item.text === 'string' && SYMBOL_ONLY.test(item.text))
  );
}
