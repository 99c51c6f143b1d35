/**
 * The rule engine behind the screen. A rule is a category and patterns over tokens; a pattern is a
 * space-separated list of slots:
 * - `word`      a word, matched on its surface form, lemma or stem ("hit" matches hits, hitting);
 * - `a|b|c`     any of these words;
 * - `@class`    any word of a concept class (rules.ts);
 * - `pre*`      any word starting with `pre`;
 * - `=word`     exactly this word, no other ending ("=missing" is not "miss");
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
  /** Patterns that, matching close to a match (`unlessWindow` words either side, 6 unless set), show it was harmless ("hit … dodgeball"). */
  unless?: string[];
  unlessWindow?: number;
}

/** One word of an alternative: its keys (surface, lemma, stem), or prefixes. */
type Word = { kind: 'keys'; keys: Set<string> } | { kind: 'prefix'; prefixes: string[] } | { kind: 'exact'; surface: string };
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
  unlessWindow: number;
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
    if (w.startsWith('=')) return { kind: 'exact', surface: w.slice(1) };
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
    unless: (r.unless ?? []).map(compilePattern),
    unlessWindow: r.unlessWindow ?? 6
  }));
}

/** Every word a rule can match on, for the speller's vocabulary. */
export function vocabularyOf(rules: readonly Rule[], classes: Record<string, readonly string[]>): Set<string> {
  const words = new Set<string>();
  for (const list of Object.values(classes)) for (const w of list) words.add(w);
  for (const r of rules) {
    for (const p of [...r.patterns, ...(r.unless ?? [])]) {
      for (const part of p.split(/\s+/)) for (const a of part.split('|')) if (/^=?[a-z]+$/.test(a)) words.add(a.replace('=', ''));
    }
  }
  return words;
}

function wordMatches(word: Word, token: Token): boolean {
  if (word.kind === 'keys') return word.keys.has(token.surface) || word.keys.has(token.lemma) || word.keys.has(token.stem);
  if (word.kind === 'exact') return token.surface === word.surface;
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
    // Fragments ("dad. belt. every night.") are read across their full stops.
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

export function findPattern(tokens: readonly Token[], pattern: Pattern, from = 0, to = tokens.length - 1): Match | undefined {
  const first = pattern.steps[0] as Step;
  for (let start = from; start <= to; start++) {
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

/** An `unless` pattern found within `reach` words of the match. */
function excused(tokens: readonly Token[], m: Match, unless: readonly Pattern[], reach: number): boolean {
  if (unless.length === 0) return false;
  const window = tokens.slice(Math.max(0, m.start - reach), Math.min(tokens.length, m.end + reach + 1));
  return unless.some((u) => findPattern(window, u) !== undefined);
}

export interface RuleHit<C extends string> {
  category: C;
  evidence: string;
}

/**
 * An inverted index from word keys to the pattern steps they can satisfy: a pattern is tried only when
 * every one of its steps has a word in the answer that could match it (most answers make most of the
 * rules impossible before any matching starts).
 */
export interface RuleIndex<C extends string> {
  rules: readonly CompiledRule<C>[];
  patterns: { rule: number; pattern: Pattern; full: number; wild: number }[];
  postings: Map<string, { id: number; bit: number }[]>;
}

export function indexRules<C extends string>(rules: readonly CompiledRule<C>[]): RuleIndex<C> {
  const patterns: RuleIndex<C>['patterns'] = [];
  const postings = new Map<string, { id: number; bit: number }[]>();
  rules.forEach((rule, r) => {
    for (const pattern of rule.patterns) {
      const id = patterns.length;
      if (pattern.steps.length > 30) throw new Error(`screening rules: pattern too long: ${pattern.source}`);
      let wild = 0;
      pattern.steps.forEach((step, i) => {
        const bit = 1 << i;
        const keys = new Set<string>();
        for (const alt of step.slot.alternatives) {
          const first = alt[0] as Word;
          if (first.kind === 'keys') for (const k of first.keys) keys.add(k);
          else if (first.kind === 'exact') keys.add(first.surface);
          else wild |= bit;
        }
        for (const k of keys) {
          const list = postings.get(k);
          if (list) list.push({ id, bit });
          else postings.set(k, [{ id, bit }]);
        }
      });
      patterns.push({ rule: r, pattern, full: (1 << pattern.steps.length) - 1, wild });
    }
  });
  return { rules, patterns, postings };
}

/** Every rule that fires on the tokens, with the words it fired on (one hit per rule, in rule order). */
export function runRules<C extends string>(tokens: readonly Token[], index: RuleIndex<C>): RuleHit<C>[] {
  const satisfied = new Int32Array(index.patterns.length);
  index.patterns.forEach((p, id) => (satisfied[id] = p.wild));
  // Where each pattern's first step can start: the only places it is tried.
  const starts = new Map<number, number[]>();
  tokens.forEach((t, pos) => {
    const keys = t.surface === t.lemma && t.lemma === t.stem ? [t.surface] : [...new Set([t.surface, t.lemma, t.stem])];
    for (const key of keys) {
      for (const { id, bit } of index.postings.get(key) ?? []) {
        satisfied[id] = (satisfied[id] as number) | bit;
        if (bit !== 1) continue;
        const list = starts.get(id);
        if (!list) starts.set(id, [pos]);
        else if (list[list.length - 1] !== pos) list.push(pos);
      }
    }
  });
  const found = new Map<number, Match>();
  index.patterns.forEach((p, id) => {
    if (satisfied[id] !== p.full || found.has(p.rule)) return;
    const rule = index.rules[p.rule] as CompiledRule<C>;
    const positions = p.wild & 1 ? tokens.map((_, i) => i) : (starts.get(id) ?? []);
    for (const start of positions) {
      const m = findPattern(tokens, p.pattern, start, start);
      if (!m) continue;
      if ((!rule.negatable || !negated(tokens, m)) && !excused(tokens, m, rule.unless, rule.unlessWindow)) {
        found.set(p.rule, m);
        return;
      }
    }
  });
  return [...found.entries()]
    .sort(([a], [b]) => a - b)
    .map(([r, m]) => ({ category: (index.rules[r] as CompiledRule<C>).category, evidence: tokens.slice(m.start, m.end + 1).map((t) => t.surface).join(' ') }));
}
