/**
 * The harm screen: text → normalised tokens → category rules. Compiled once per process.
 * See text.ts for how the text is read, engine.ts for the rule language, rules.ts for the rules.
 */
import type { HarmCategory } from '../harm-categories';
import { type RuleHit, type RuleIndex, compileRules, indexRules, runRules, vocabularyOf } from './engine';
import { likelyCategories } from './category-model';
import { modelFlags } from './model';
import { BROAD_RULES, CLASSES, RULES, WHOLE_ANSWERS } from './rules';
import { Speller, type Token, normalise, tokenise } from './text';

/**
 * Idioms that are harmless wherever they stand, taken out before matching. Only unambiguous ones:
 * "I nearly died" stays (it can be literal), "dying to go" goes.
 */
const IDIOMS: readonly RegExp[] = [
  /\b(dying|died|die) (to|for) (go|see|get|try|meet|have|know|tell|play|watch|come|do|find|hear)\b/g,
  /\b(scary|scared|funny|embarrassing|embarrassed|shocked|hot|cold|tired|bored|laughing|laughed)( \w+){0,3} (nearly|almost) (died|died laughing)\b/g,
  /\bto die for\b(?! (the|our|my|a|an|his|her|their|them|him|it|god|allah|country|people|cause|brothers))/g,
  /\b(died|dying|die|dead) (of|from|with) (laughter|laughing|embarrassment|boredom|shame|cringe)\b/g,
  /\b(died|dying|die) laughing\b/g,
  /\b(smash|smashed|smashing|nailed) it\b/g,
  // "We killed it" is praise; "he killed it" (a pet) or "kill it" is not an idiom: only a speaker's praise goes.
  /\b(we|you|u|they|i|totally|absolutely|really|proper) (killed|killing) it\b/g,
  /\bthank (you|u|me)\b/g,
  /\bbored to (death|tears)\b/g,
  /\b(feet|legs|back|head|knees|arms|hands|ears|tummy|belly|eyes) (are|is|was|were) (killing|dead)\b/g,
  /\b(phone|battery|laptop|ipad|tablet|controller|torch|car|plant|plants|fish|goldfish|hamster) (is|was|has|had)? ?(died|dead)\b/g,
  /\bdead (good|funny|nice|easy|hard|boring|long|lucky|excited|happy|fast|quick|posh|cool|tasty|loud)\b/g,
  /\b(could|would) (kill|murder) (for )?an? (pizza|burger|drink|coffee|tea|chips|sandwich)\b/g,
  /\bhit it off\b/g,
  // Hard work, and the old joke about running off to the circus.
  /\b(killing|killed|kill) (us|me|them) with (laps|homework|work|running|exercise|exercises|revision|tests|squats|press ups|sit ups|burpees)\b/g,
  /\brun (away|off) (and|to) join the circus\b/g,
  /\b(give|gives|gave|giving) (me|us|you|him|her|them) a break\b/g,
  /\b(kicked|kick|kicks|got kicked) (me |us |him |her |them )?out (of )?(the |a |our |my )?(group chat|gc|chat|group|server|game|lobby|team|club|call)\b/g,
  /\bkick(ed|ing|s)? off\b/g,
  /\bbreak a leg\b/g
];

type Found = HarmCategory | 'possible-harm';
interface Engine {
  rules: RuleIndex<HarmCategory>;
  broad: RuleIndex<'possible-harm'>;
  speller: Speller;
  /** WHOLE_ANSWERS keyed as an answer is read (normalised: "cant tell" is "can not tell", "sh" is "self harm"). */
  whole: ReadonlyMap<string, HarmCategory>;
}
let compiled: Engine | undefined;

/** An answer as a whole: normalised, letters and single spaces only. */
const wholeOf = (normalised: string): string => normalised.replace(/[^a-z ]+/g, ' ').replace(/\s+/g, ' ').trim();

function engine(): Engine {
  compiled ??= {
    whole: new Map([...WHOLE_ANSWERS].map(([answer, category]) => [wholeOf(normalise(answer)), category])),
    rules: indexRules(compileRules(RULES, CLASSES)),
    broad: indexRules(compileRules(BROAD_RULES, CLASSES)), speller: new Speller(vocabularyOf([...RULES, ...BROAD_RULES], CLASSES), new Set([...(CLASSES.extreme ?? []), 'nonce', 'paedo', 'porn', 'rape', 'raped', 'noose', 'nude', 'nudes', 'isis', 'jihad']))
  };
  return compiled;
}

/**
 * The rules that fire on an answer, in rule order, each with the words it fired on; when no category
 * rule fires, the broad net (`broad: false` leaves it out, to measure the rules alone).
 */
export function screenForHarm(text: string, options: { broad?: boolean; learnt?: boolean } = {}): RuleHit<Found>[] {
  const { rules, broad, speller, whole: wholeAnswers } = engine();
  const normalised = normalise(text);
  const whole = wholeOf(normalised);
  const wholeAnswer = wholeAnswers.get(whole);
  if (wholeAnswer) return [{ category: wholeAnswer, evidence: whole }];
  const readings = [readingOf(normalised, speller)];
  // A text-speak form that is also a word ("she'd"/"shed", "he'll"/"hell", "scarred"/"scared") is read both ways.
  const literal = normalise(text, { literal: true });
  if (literal !== normalised) readings.push(readingOf(literal, speller));
  // Telegraphic answers, as a symbol board or a young person short of words writes them ("Uncle. Privates.
  // Secret."): every sentence three words or fewer, so the breaks between them are read as one message.
  const sentences = normalised.split(/(?:^|\s)\.(?=\s|$)/).map((x) => x.trim()).filter(Boolean);
  if (sentences.length > 1 && sentences.every((x) => x.split(' ').length <= 3)) readings.push(readingOf(sentences.join(' '), speller));
  for (const index of options.broad === false ? [rules] : [rules, broad]) {
    const hits: RuleHit<Found>[] = readings.flatMap((tokens) => runRules(tokens, index));
    if (hits.length > 0) return hits;
  }
  if (options.broad === false || options.learnt === false) return [];
  // The learnt net last: the answer as a whole, in words no rule foresaw.
  const net = modelFlags(readings[0] as Token[]);
  return net.flagged ? [{ category: 'possible-harm', evidence: net.evidence }] : [];
}

/**
 * The categories an alert only a net raised ("possible harm") possibly belongs to, best first (one or
 * two): a guess from the words, shown as "possibly: …". Asked only after the flag is decided.
 */
export function possibleCategories(text: string): HarmCategory[] {
  return likelyCategories(tokensOf(text));
}

/** The answer as the screen reads it first (idioms out, spelling corrected): what the learnt net weighs. */
export function tokensOf(text: string): Token[] {
  return readingOf(normalise(text), engine().speller);
}

function readingOf(normalised: string, speller: Speller): Token[] {
  let s = normalised;
  for (const idiom of IDIOMS) s = s.replace(idiom, ' . ');
  return tokenise(s, speller);
}
