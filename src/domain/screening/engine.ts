/**
 * The rule engine behind the screen. A rule is a category and patterns over tokens; a pattern is a
 * space-separated list of slots:
 * - `word`      a word, matched on its surface form, lemma or stem ("hit" matches hits, hitting);
 * - `a|b|c`     any of these words;
 * - `@class`    any word of a concept class (rules.ts);
 * - `pre*`      any word starting with `pre`;
 * - `~N`        up to N other words may stand here (default 0 between slots).
 * A pattern never spans a sentence break wider than its gaps allow, and does not start inside an
 * idiom that was taken out first. A rule marked `negatable` does not fire right after a negation
 * ("nobody bullies me"); nothing else is ever silenced by a negation ("nobody feeds me").
 */
import { type Token, keysOf } from './text';

export interface Rule<C extends string = string> {
  category: C;
  patterns: string[];
  /** "not", "never", "nobody" … in the three words before the match cancel it. */
  negatable?: boolean;
  /** Patterns that, when they match in the same answer, show the rule's match was harmless. */
  unless?: string[];
}

/** One word of an alternative: its keys (surface, lemma, stem), or prefixes. */
type Word = { kind: 'keys'; keys: Set<string> } | { kind: 'prefix'; prefixes: string[] };
/** A slot: any one of its alternatives, each a run of one or more words ("black eye"). */
interface Slot {
  alternatives: Word[][];
}
interface Step {
  slot: Slot;
  /** How many words may stand between the previous slot and this one. */
  gap: number;
}
interface Pattern {
  source: string;
  steps: Step[];
}
export interface CompiledRule<C extends string = string> {
  category: C;
  patterns: Pattern[];
  negatable: boolean;
  unless: Pattern[];
}

const NEGATORS = new Set(['not', 'never', 'nobody', 'noone', 'no', 'nothing', 'neither', 'nor', 'nowhere', 'without']);
/** Words after a negated match that say the harm did happen ("he doesnt hit me anymore"). */
const STILL = new Set(['anymore', 'now', 'since', 'longer']);

/**
 * Splits a pattern into slots: `~N` separates slots with a gap; between two `~N`, words joined by
 * spaces form one slot — a run of words if there is no `|`, else alternatives ("black eye|fat lip").
 */
function slotsOf(source: string): { text: string; gap: number }[] {
  const slots: { text: string; gap: number }[] = [];
  let gap = 0;
  let run: string[] = [];
  const flush = () => {
    if (run.length === 0) return;
    const text = run.join(' ');
    if (text.includes('|')) slots.push({ text, gap });
    else run.forEach((w, i) => slots.push({ text: w, gap: i === 0 ? gap : 0 }));
    run = [];
    gap = 0;
  };
  for (const part of source.trim().split(/\s+/)) {
    const g = /^~(\d+)$/.exec(part);
    if (g) {
      flush();
      gap = Number(g[1]);
    } else run.push(part);
  }
  flush();
  return slots;
}

export function compileRules<C extends string>(rules: readonly Rule<C>[], classes: Record<string, readonly string[]>): CompiledRule<C>[] {
  const classKeys = new Map<string, Set<string>>();
  const keysOfClass = (name: string): Set<string> => {
    const hit = classKeys.get(name);
    if (hit) return hit;
    const words = classes[name];
    if (!words) throw new Error(`screening rules: unknown class @${name}`);
    const keys = new Set<string>();
    for (const w of words) for (const k of keysOf(w)) keys.add(k);
    classKeys.set(name, keys);
    return keys;
  };
  const wordOf = (w: string): Word => {
    if (w.endsWith('*')) return { kind: 'prefix', prefixes: [w.slice(0, -1)] };
    if (w.startsWith('@')) return { kind: 'keys', keys: keysOfClass(w.slice(1)) };
    return { kind: 'keys', keys: new Set(keysOf(w)) };
  };
  const compilePattern = (source: string): Pattern => {
    const steps = slotsOf(source).map(({ text, gap }, i) => ({
      slot: { alternatives: text.split('|').map((alt) => alt.trim().split(/\s+/).map(wordOf)) },
      gap: i === 0 ? 0 : gap
    }));
    if (steps.length === 0) throw new Error('screening rules: empty pattern');
    return { source, steps };
  };
  return rules.map((r) => ({
    category: r.category,
    patterns: r.patterns.map(compilePattern),
    negatable: r.negatable ?? false,
    unless: (r.unless ?? []).map(compilePattern)
  }));
}

/** Every word a rule can match on, for the speller's vocabulary. */
export function vocabularyOf(rules: readonly Rule[], classes: Record<string, readonly string[]>): Set<string> {
  const words = new Set<string>();
  for (const list of Object.values(classes)) for (const w of list) words.add(w);
  for (const r of rules) {
    for (const p of [...r.patterns, ...(r.unless ?? [])]) {
      for (const part of p.split(/\s+/)) for (const a of part.split('|')) if (/^[a-z]+$/.test(a)) words.add(a);
    }
  }
  return words;
}

function wordMatches(word: Word, token: Token): boolean {
  if (word.kind === 'keys') return word.keys.has(token.surface) || word.keys.has(token.lemma) || word.keys.has(token.stem);
  return word.prefixes.some((p) => token.surface.startsWith(p));
}

/** The ends (inclusive) of every alternative of `slot` that matches at `pos`. */
function slotEnds(slot: Slot, tokens: readonly Token[], pos: number): number[] {
  const ends: number[] = [];
  for (const alt of slot.alternatives) {
    if (pos + alt.length > tokens.length) continue;
    let ok = true;
    for (let k = 0; k < alt.length && ok; k++) {
      if (k > 0 && (tokens[pos + k] as Token).sentenceStart) ok = false;
      else ok = wordMatches(alt[k] as Word, tokens[pos + k] as Token);
    }
    if (ok) ends.push(pos + alt.length - 1);
  }
  return ends;
}

/** The end index of a match of `steps[i..]` whose slot i starts within its gap after `at`, or -1. */
function matchFrom(tokens: readonly Token[], steps: readonly Step[], i: number, at: number): number {
  const step = steps[i] as Step;
  for (let pos = at; pos <= at + step.gap && pos < tokens.length; pos++) {
    // A gap does not cross into a new sentence (a slot may still start one when there is no gap).
    if (pos > at && (tokens[pos] as Token).sentenceStart) break;
    for (const end of slotEnds(step.slot, tokens, pos)) {
      if (i === steps.length - 1) return end;
      const last = matchFrom(tokens, steps, i + 1, end + 1);
      if (last >= 0) return last;
    }
  }
  return -1;
}

export interface Match {
  start: number;
  end: number;
}

export function findPattern(tokens: readonly Token[], pattern: Pattern, from = 0): Match | undefined {
  const first = pattern.steps[0] as Step;
  for (let start = from; start < tokens.length; start++) {
    for (const end of slotEnds(first.slot, tokens, start)) {
      const last = pattern.steps.length === 1 ? end : matchFrom(tokens, pattern.steps, 1, end + 1);
      if (last >= 0) return { start, end: last };
    }
  }
  return undefined;
}

function negated(tokens: readonly Token[], m: Match): boolean {
  let negation = false;
  for (let i = m.start - 1; i >= Math.max(0, m.start - 3); i--) {
    const t = tokens[i] as Token;
    if (NEGATORS.has(t.surface)) {
      negation = true;
      break;
    }
    if (t.sentenceStart) break;
  }
  if (!negation) return false;
  for (let i = m.end + 1; i <= Math.min(tokens.length - 1, m.end + 4); i++) if (STILL.has((tokens[i] as Token).surface)) return false;
  return true;
}

export interface RuleHit<C extends string> {
  category: C;
  evidence: string;
}

/** Every rule that fires on the tokens, with the words it fired on. */
export function runRules<C extends string>(tokens: readonly Token[], rules: readonly CompiledRule<C>[]): RuleHit<C>[] {
  const hits: RuleHit<C>[] = [];
  for (const rule of rules) {
    let found: Match | undefined;
    for (const pattern of rule.patterns) {
      let from = 0;
      for (;;) {
        const m = findPattern(tokens, pattern, from);
        if (!m) break;
        if (!rule.negatable || !negated(tokens, m)) {
          found = m;
          break;
        }
        from = m.start + 1;
      }
      if (found) break;
    }
    if (!found) continue;
    if (rule.unless.some((u) => findPattern(tokens, u) !== undefined)) continue;
    hits.push({ category: rule.category, evidence: tokens.slice(found.start, found.end + 1).map((t) => t.surface).join(' ') });
  }
  return hits;
}
