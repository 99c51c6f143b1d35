/**
 * `easyread check` (docs/two-way-loop.md): a staff member's text (a letter, a poster, a plan summary)
 * checked sentence by sentence with the same rules the young people's cards are checked with
 * (src/cards/shared/easy-read.ts: sentence length, the acronyms and hard words of the glossary), plus
 * long words (advice only: cards are not refused for them), and a suggested easy-read card version:
 * one short sentence per line, each with a symbol.
 */
import { EASY_READ_ACRONYMS, MAX_SENTENCE_WORDS, checkText, sentencesOf, wordCount } from '../shared/easy-read';
import { easyInfoCard, line } from '../shared/easy-info-card';
import type { AdaptiveCardJson } from '../shared/render';
import { sentence } from '../shared/text';

/** A word of more than this many letters is "long" (Mencap: prefer short, everyday words). */
export const LONG_WORD_LETTERS = 11;
export const EASYREAD_CHECK_LIMIT = 4000;

export interface SentenceProblem {
  sentence: string;
  problems: string[];
}

/** Plain-word suggestions for the glossary's acronyms and hard words. */
const PLAIN: Record<string, string> = {
  SEND: 'special needs',
  SEN: 'special needs',
  EHCP: 'your support plan',
  EHC: 'support plan',
  SENCO: 'the teacher who helps with special needs',
  SENDIASS: 'the advice service',
  CAMHS: 'the mental health team',
  AAC: 'talking aids',
  commissioning: 'buying services',
  'co-production': 'working together',
  coproduction: 'working together',
  provision: 'help'
};

const LONG_WORD = new RegExp(`[\\p{L}][\\p{L}'’-]{${LONG_WORD_LETTERS},}`, 'gu');

/** The sentences that break a rule, each with its problems in plain words. */
export function checkStaffText(text: string): SentenceProblem[] {
  const out: SentenceProblem[] = [];
  for (const s of sentencesOf(text)) {
    const problems = checkText(s, 'sentence').map((p) => p.replace(/^sentence: /, ''));
    const long = [...new Set(s.match(LONG_WORD) ?? [])];
    if (long.length > 0) problems.push(`long word${long.length > 1 ? 's' : ''}: ${long.map((w) => `"${w}"`).join(', ')}`);
    if (problems.length > 0) out.push({ sentence: s, problems });
  }
  return out;
}

/** Symbols chosen by what a line is about; 👉 when nothing fits. */
const SYMBOLS: [RegExp, string][] = [
  [/\b(when|date|day|week|month|monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d{1,2}(st|nd|rd|th)?)\b/i, '📅'],
  [/\b(where|place|room|centre|center|school|address)\b/i, '📍'],
  [/\b(call|phone|ring|email|contact)\b/i, '📞'],
  [/\b(safe|help|support|worried)\b/i, '🛟'],
  [/\b(you said|views?|think|tell|told|say)\b/i, '🗣️'],
  [/\b(we will|we did|plan|change|changed|do)\b/i, '🛠️'],
  [/\b(money|cost|pay|free)\b/i, '💷'],
  [/\b(meet|meeting|group|together)\b/i, '👥'],
  [/\?$/, '❓']
];

export const symbolFor = (text: string): string => SYMBOLS.find(([re]) => re.test(text))?.[1] ?? '👉';

/** Glossary words replaced by plain words. */
function plainWords(text: string): string {
  let out = text;
  for (const acronym of EASY_READ_ACRONYMS) {
    const plain = PLAIN[acronym];
    if (plain) out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${acronym}(?![\\p{L}\\p{N}])`, 'gu'), plain);
  }
  for (const word of ['commissioning', 'co-production', 'coproduction', 'provision']) out = out.replace(new RegExp(`\\b${word}\\b`, 'giu'), PLAIN[word]!);
  return out;
}

/** A long sentence split at commas, semicolons and "and"/"but"/"because" into parts of at most the limit. */
function shortParts(s: string): string[] {
  if (wordCount(s) <= MAX_SENTENCE_WORDS) return [s];
  const pieces = s.replace(/[.!?]+$/, '').split(/\s*[,;:]\s*|\s+(?=(?:and|but|because|so|which|who)\s)/i).map((p) => p.trim()).filter(Boolean);
  const out: string[] = [];
  let current = '';
  for (const piece of pieces) {
    const joined = current ? `${current} ${piece}` : piece;
    if (current && wordCount(joined) > MAX_SENTENCE_WORDS) {
      out.push(current);
      current = piece;
    } else current = joined;
  }
  if (current) out.push(current);
  // A piece still too long is cut by words: a suggestion to edit, never sent to anyone as is.
  return out.flatMap((p) => {
    const words = p.split(/\s+/);
    const chunks: string[] = [];
    for (let i = 0; i < words.length; i += MAX_SENTENCE_WORDS) chunks.push(words.slice(i, i + MAX_SENTENCE_WORDS).join(' '));
    return chunks;
  });
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** The suggested easy-read lines: plain words, short sentences, a symbol on each. */
export function easyReadLines(text: string): string[] {
  return sentencesOf(plainWords(text))
    .flatMap(shortParts)
    .map((s) => sentence(capitalise(s.replace(/^(and|but|so|because)\s+/i, ''))))
    .map((s) => `${symbolFor(s)} ${s}`)
    .slice(0, 30);
}

/** The suggested easy-read card version of the text (it passes the easy-read check for sentence rules). */
export function suggestedEasyCard(text: string): AdaptiveCardJson {
  return easyInfoCard({ title: '📝 Easy read version', lines: easyReadLines(text).map((l) => line(l)), buttons: [], easyRead: true });
}
