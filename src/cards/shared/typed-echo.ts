import type { AdaptiveCardJson } from './render';

/**
 * A form that refuses input comes back with what the person typed, so they can fix it. Teams rejects a card
 * over about 28 KB, and a refused 64 KB question echoed whole made a 57–68 KB card: the person saw an error
 * instead of the message. Every card answering an invoke goes through `clipTypedEcho` (docs/edges.md): each
 * input's value is cut to the input's own `maxLength` (the most that form allows), or to `ECHO_LIMIT` for an
 * input without one, and a line under it says so. What is shown of over-long values in one card is held to
 * `ECHO_BUDGET` bytes in all, so a form of many long fields cannot add up past the limit either. A value the
 * input allows is never cut: an edit form showing what is stored stays whole.
 */

/** The most characters echoed into an input that declares no `maxLength` (the longest field VoiceLoop allows is 5,000). */
export const ECHO_LIMIT = 5_000;
/** The most UTF-8 bytes of typed values one card echoes, all inputs together. */
export const ECHO_BUDGET = 6_000;

type Node = Record<string, unknown>;

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);
const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

/** The first `max` characters (code points) of `text` that fit in `budget` bytes. */
function cut(text: string, max: number, budget: number): string {
  let out = '';
  let used = 0;
  let count = 0;
  for (const ch of text) {
    const size = bytes(ch);
    if (count >= max || used + size > budget) break;
    out += ch;
    used += size;
    count++;
  }
  return out;
}

function note(typed: number, shown: number): Node {
  const n = (count: number) => count.toLocaleString('en-GB');
  return {
    type: 'TextBlock',
    text:
      shown > 0
        ? `✂️ What you typed here was ${n(typed)} characters; only the first ${n(shown)} are shown. Please shorten it.`
        : `✂️ What you typed here was ${n(typed)} characters, too long to show again. Please type it shorter.`,
    wrap: true,
    size: 'Small',
    color: 'Attention'
  };
}

/** Whether any input in `value` holds more than it allows (a walk that copies nothing: most cards have none). */
function overLong(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(overLong);
  if (!isNode(value)) return false;
  if (typeof value.type === 'string' && value.type.startsWith('Input.') && typeof value.value === 'string') {
    const max = typeof value.maxLength === 'number' && value.maxLength > 0 ? value.maxLength : ECHO_LIMIT;
    // A string of at most `max` UTF-16 units has at most `max` characters.
    if (value.value.length > max && cut(value.value, max, Infinity).length !== value.value.length) return true;
  }
  for (const key in value) if (overLong(value[key])) return true;
  return false;
}

/** Cuts every over-long typed value in `card` (a copy; the card given is not changed) and notes each cut beside its input. */
export function clipTypedEcho(card: AdaptiveCardJson): AdaptiveCardJson {
  if (!overLong(card)) return card;
  let budget = ECHO_BUDGET;
  let clipped = false;

  const visit = (value: unknown): unknown => {
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      for (const item of value) {
        const [element, cutNote] = visitElement(item);
        out.push(element);
        if (cutNote) out.push(cutNote);
      }
      return out;
    }
    if (isNode(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, visit(v)]));
    return value;
  };

  const visitElement = (item: unknown): [unknown, Node | undefined] => {
    if (!isNode(item) || typeof item.type !== 'string' || !item.type.startsWith('Input.') || typeof item.value !== 'string') {
      return [visit(item), undefined];
    }
    const value = item.value;
    const max = typeof item.maxLength === 'number' && item.maxLength > 0 ? item.maxLength : ECHO_LIMIT;
    // A value the input allows is never touched (an edit form shows what is stored, whole).
    if (cut(value, max, Infinity).length === value.length) return [visit(item), undefined];
    const shown = cut(value, max, Math.max(budget, 0));
    budget -= bytes(shown);
    clipped = true;
    return [{ ...(visit(item) as Node), value: shown }, note([...value].length, [...shown].length)];
  };

  const out = visit(card) as AdaptiveCardJson;
  return clipped ? out : card;
}
