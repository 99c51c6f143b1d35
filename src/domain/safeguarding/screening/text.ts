/**
 * Text as the screen reads it (docs/safeguarding.md, "How the screen reads"): young people type in lower
 * case, without apostrophes, in text-speak, with repeated letters and misspellings. This module turns an
 * answer into tokens carrying their surface form, lemma and stem, after:
 * - Unicode folding, lower case, apostrophes joined ("don't" → "dont"), punctuation → sentence breaks;
 * - text-speak and contractions expanded ("u" → "you", "im" → "i am", "kms" → "kill myself");
 * - runs of three or more letters shortened ("sooo scareddd" → "so scared");
 * - words unknown to the English model corrected to the nearest word the rules use, by edit distance
 *   (Damerau–Levenshtein, 1 for short words, 2 for long), so "hitts", "hurst", "scard", "suiside" read as meant.
 * Lemmas, stems and the known-word check come from wink-nlp with its packaged English model (no download).
 */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

const nlp = winkNLP(model, ['pos']);
/** wink's typings do not fit strict mode for these token properties; each is read as a string (or id) per token. */
const its = nlp.its as unknown as Record<'value' | 'lemma' | 'stem' | 'uniqueId', never>;
/** Ids up to this one are the model's own lexicon; wink gives every unseen word a higher id. */
const LEXICON_SIZE = nlp.readDoc('qzxqzjvk').tokens().out(its.uniqueId)[0] as number;

export interface Token {
  surface: string;
  lemma: string;
  stem: string;
  /** The token begins a new sentence or clause (after . ! ? ; or a line break). */
  sentenceStart: boolean;
}

/** Text-speak, slang and contractions with their apostrophes gone → plain words. */
const EXPANSIONS: Record<string, string> = {
  // "Is it normal for him to hit you?": young people often write about themselves as "you".
  you: 'me', u: 'me', ya: 'me', yu: 'me', your: 'my', ur: 'my', yr: 'my', yourself: 'myself', urself: 'myself', youre: 'i am', r: 'are', y: 'why', b4: 'before', bc: 'because', bcos: 'because',
  becos: 'because', becuz: 'because', coz: 'because', cos: 'because', cuz: 'because', bcuz: 'because',
  im: 'i am', ive: 'i have', dont: 'do not', doesnt: 'does not', didnt: 'did not', cant: 'can not', cannot: 'can not',
  wont: 'will not', wouldnt: 'would not', couldnt: 'could not', shouldnt: 'should not', isnt: 'is not', wasnt: 'was not',
  arent: 'are not', werent: 'were not', havent: 'have not', hasnt: 'has not', hadnt: 'had not', aint: 'is not', dnt: 'do not',
  dunno: 'do not know', idk: 'i do not know', hes: 'he is', shes: 'she is', theyre: 'they are', thats: 'that is',
  theres: 'there is', whats: 'what is', itll: 'it will', hed: 'he would', shed: 'she would', theyll: 'they will', youll: 'you will',
  wanna: 'want to', wana: 'want to', gonna: 'going to', gona: 'going to', gotta: 'got to', hafta: 'have to', kinda: 'kind of', lemme: 'let me',
  gimme: 'give me', ppl: 'people', pple: 'people', bf: 'boyfriend', gf: 'girlfriend', bro: 'brother', bruv: 'brother', sis: 'sister',
  mam: 'mum', mom: 'mum', mommy: 'mum', mummy: 'mum', mumma: 'mum', mama: 'mum', ma: 'mum', muma: 'mum', dady: 'dad', daddy: 'dad',
  da: 'dad', stepdad: 'step dad', stepmum: 'step mum', stepmom: 'step mum', stepbrother: 'step brother', stepsister: 'step sister',
  nan: 'nan', nanna: 'nan', nana: 'nan', grandma: 'nan', granny: 'nan', gran: 'nan', grandad: 'grandad', granddad: 'grandad',
  aunty: 'aunt', auntie: 'aunt', unc: 'uncle', nite: 'night', tonite: 'tonight', luv: 'love', wiv: 'with', wid: 'with', w: 'with', wen: 'when',
  wat: 'what', wot: 'what', tht: 'that', dat: 'that', dis: 'this', dem: 'them', em: 'them', hme: 'home', skl: 'school', skool: 'school',
  fone: 'phone', pic: 'picture', pics: 'pictures', pix: 'pictures', piccy: 'picture', vid: 'video', vids: 'videos', sum1: 'someone',
  some1: 'someone', no1: 'noone', any1: 'anyone', every1: 'everyone', someone: 'someone', nobody: 'nobody', ded: 'dead', rn: 'right now',
  ngl: 'not going to lie', tbh: 'to be honest', pls: 'please', plz: 'please', plez: 'please', sum: 'some', thru: 'through', tho: 'though',
  kms: 'kill myself', kys: 'kill yourself', unalive: 'kill', unalived: 'killed', unaliving: 'killing', sewerslide: 'suicide',
  selfharm: 'self harm', selfharming: 'self harming', sh: 'self harm', sa: 'sexual assault', dm: 'message', dms: 'messages', snap: 'snapchat',
  insta: 'instagram', ig: 'instagram', tele: 'telegram', fam: 'family', bae: 'boyfriend', m8: 'mate', m8s: 'mates', l8r: 'later',
  gud: 'good', nuffin: 'nothing', nuthin: 'nothing', nothin: 'nothing', sumthin: 'something', summat: 'something', owt: 'anything',
  nowt: 'nothing', innit: 'is it not', allways: 'always', alwayz: 'always', evry: 'every', evryday: 'every day', everyday: 'every day',
  noone: 'noone', myslef: 'myself', meself: 'myself', mysef: 'myself', mself: 'myself', hisself: 'himself',
  sed: 'said', sez: 'says', sais: 'says', ses: 'says', wuz: 'was', woz: 'was', cum: 'come', cumin: 'coming', theyve: 'they have', weve: 'we have', youve: 'you have', wouldve: 'would have', couldve: 'could have', shouldve: 'should have', neva: 'never', diff: 'different', agen: 'again', agin: 'again', usd: 'used', gurl: 'girl', shoos: 'shoes', hell: 'he will', shell: 'she will', eva: 'ever', choise: 'choice', beets: 'beats', beet: 'beat', dye: 'die', dyed: 'died', dyeing: 'dying', wud: 'would', cud: 'could', shud: 'should', lil: 'little', n: 'and', tryna: 'trying to', cuttin: 'cutting', sacred: 'scared', scarred: 'scared', scarry: 'scary', scard: 'scared', scaird: 'scared', skared: 'scared', hurst: 'hurts'
};

/** British and everyday words the English model does not know: never "corrected". */
const KNOWN = new Set(['maths', 'mondays', 'tuesdays', 'wednesdays', 'thursdays', 'fridays', 'saturdays', 'sundays', 'telly', 'nani', 'nanis', 'nana', 'dadi', 'abuela', 'oma', 'mum', 'mums', 'nan', 'nans', 'telly', 'footie', 'uni', 'sixth', 'sen', 'send', 'ehcp', 'senco', 'camhs', 'ta', 'tas', 'pe', 'pshe', 'autism', 'adhd', 'teams', 'youtube', 'roblox', 'minecraft', 'fortnite', 'fifa', 'xbox', 'makaton', 'bsl', 'aac', 'colour', 'favourite', 'programme', 'mates', 'lego', 'crisps', 'chippy', 'respite', 'keyworker', 'ipad']);

/** Two-word forms that mean one thing: joined before matching. */
const JOINS: [RegExp, string][] = [
  [/\bno one\b/g, 'noone'], [/\bno body\b/g, 'nobody'], [/\bsome one\b/g, 'someone'], [/\bsome body\b/g, 'somebody'],
  [/\bmy self\b/g, 'myself'], [/\bme self\b/g, 'myself'], [/\bany more\b/g, 'anymore'], [/\bsewer slide\b/g, 'suicide'],
  [/\bun alive\b/g, 'kill'], [/\bself harm(ing|ed)?\b/g, 'self harm$1']
];

/** Repeated letters: "sooo" → "so", "scareddd" → "scared" (a run of 3+ kept as two, then as one if that is a word). */
function collapseRepeats(word: string): string[] {
  if (!/(.)\1\1/.test(word)) return [word];
  const two = word.replace(/(.)\1{2,}/g, '$1$1');
  const one = word.replace(/(.)\1{2,}/g, '$1');
  return [two, one];
}

export function isKnownWord(word: string): boolean {
  return (nlp.readDoc(word).tokens().out(its.uniqueId)[0] as number) < LEXICON_SIZE;
}

/** Optimal string alignment distance, giving up above `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i]);
  for (let j = 1; j <= b.length; j++) (rows[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let best = Infinity;
    const row = rows[i] as number[];
    const prev = rows[i - 1] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      row[j] = v;
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
  }
  return (rows[a.length] as number[])[b.length] as number;
}

/**
 * A rough sound key: what a word sounds like to a young person spelling by ear ("munny", "fud",
 * "wurk", "jurny", "beleeve" share their key with money, food, work, journey, believe). First letter
 * kept, common spellings of one sound made one, vowels dropped, doubled letters made single.
 */
export function soundKey(word: string): string {
  let w = word
    .replace(/^kn/, 'n')
    .replace(/^wr/, 'r')
    .replace(/^wh/, 'w')
    .replace(/[st]ion/g, 'shn')
    .replace(/ph/g, 'f')
    .replace(/ck/g, 'k')
    .replace(/igh/g, 'i')
    .replace(/gh/g, '')
    .replace(/qu/g, 'kw')
    .replace(/x/g, 'ks')
    .replace(/dg/g, 'j')
    .replace(/c(?=[eiy])/g, 's')
    .replace(/c/g, 'k')
    .replace(/g(?=[eiy])/g, 'j')
    .replace(/z/g, 's');
  w = (w[0] as string) + w.slice(1).replace(/[aeiouyhw]/g, '');
  return w.replace(/(.)\1+/g, '$1');
}

const commonPrefix = (a: string, b: string): number => {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
};

/**
 * Corrects words the English model does not know towards the vocabulary the rules use. Known words
 * are left alone (a real word is never "corrected" into a concern). An unknown word takes the
 * nearest vocabulary word that sounds the same (soundKey) or is one edit away (two for long words),
 * with the same first letter, as it nearly always is in real misspellings; ties go to the longer
 * shared beginning.
 */
export class Speller {
  private readonly byFirst = new Map<string, string[]>();
  private readonly bySound = new Map<string, string[]>();
  private readonly cache = new Map<string, string>();
  private readonly vocabulary: ReadonlySet<string>;

  /** `rare`: words never reached from a short misspelling (a few letters off makes "nanis" read "nazis"). */
  constructor(vocabulary: Iterable<string>, private readonly rare: ReadonlySet<string> = new Set()) {
    this.vocabulary = new Set(vocabulary);
    for (const word of this.vocabulary) {
      if (word.length < 3 || !/^[a-z]+$/.test(word)) continue;
      const list = this.byFirst.get(word[0] as string) ?? [];
      list.push(word);
      this.byFirst.set(word[0] as string, list);
      const key = soundKey(word);
      if (key.length >= 2) this.bySound.set(key, [...(this.bySound.get(key) ?? []), word]);
    }
  }

  correct(word: string): string {
    if (word.length < 3 || /\d/.test(word)) return word;
    const hit = this.cache.get(word);
    if (hit !== undefined) return hit;
    let result = word;
    if (!KNOWN.has(word) && !this.vocabulary.has(word) && !isKnownWord(word)) {
      const max = word.length >= 7 ? 2 : 1;
      let best: { word: string; d: number; prefix: number } | undefined;
      const key = soundKey(word);
      // A word that sounds the same wins a tie of edits ("hert" → hurt, not her).
      const consider = (candidate: string, edits: number) => {
        const d = edits - (soundKey(candidate) === key ? 1 : 0);
        const prefix = commonPrefix(word, candidate);
        if (!best || d < best.d || (d === best.d && prefix > best.prefix)) best = { word: candidate, d, prefix };
      };
      for (const candidate of this.byFirst.get(word[0] as string) ?? []) {
        const d = editDistance(word, candidate, max);
        // Short words are one edit from many others: they must also sound the same ("nanis" is not "nazis").
        if (d <= max && !this.rare.has(candidate) && (word.length >= 5 || soundKey(candidate) === key)) consider(candidate, d);
      }
      if (key.length >= 2) {
        for (const candidate of this.bySound.get(key) ?? []) {
          const d = editDistance(word, candidate, max + 1);
          if (d <= max + 1 && !this.rare.has(candidate)) consider(candidate, d);
        }
      }
      if (best) result = best.word;
    }
    if (this.cache.size > 20_000) this.cache.clear();
    this.cache.set(word, result);
    return result;
  }
}

/** Expansions that read "you" as the writer: meant, never read the other way. */
const WRITER_AS_YOU = new Set(['you', 'u', 'ya', 'yu', 'your', 'ur', 'yr', 'yourself', 'urself', 'youre']);

/**
 * Whether a text-speak form is also an English word ("shed", "hell", "scarred", "dyed", "snap"): such a
 * word is read both ways (`normalise(text, { literal: true })`), since either reading may be the one meant.
 */
export function isAmbiguousForm(word: string): boolean {
  return EXPANSIONS[word] !== undefined && EXPANSIONS[word] !== word && !WRITER_AS_YOU.has(word) && word.length >= 2 && isKnownWord(word);
}

/**
 * Lower case, no accents, apostrophes joined, text-speak expanded; sentence breaks kept as " . ".
 * `literal` keeps the forms that are also English words as they are (the second reading).
 */
export function normalise(text: string, options: { literal?: boolean } = {}): string {
  let s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    // Invisible format characters (soft hyphens, zero-width spaces and joiners) would split or hide a word.
    .replace(/\p{Cf}/gu, '')
    .toLowerCase()
    // Every apostrophe-like mark, including the modifier letter apostrophe (U+02BC) phone keyboards insert.
    .replace(/['’‘`´\u02BC\u02B9\u2032\u02BB]/g, '')
    .replace(/[.!?;\n\r]+/g, ' . ')
    .replace(/[^\p{L}\p{N}.]+/gu, ' ');
  s = s
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => {
      if (w === '.') return w;
      const forms = collapseRepeats(w);
      const chosen = forms.length === 1 ? (forms[0] as string) : (forms.find((f) => EXPANSIONS[f] !== undefined || isKnownWord(f)) ?? (forms[1] as string));
      if (options.literal && isAmbiguousForm(chosen)) return chosen;
      return EXPANSIONS[chosen] ?? chosen;
    })
    .join(' ');
  for (const [from, to] of JOINS) s = s.replace(from, to);
  return s.trim();
}

/** Tokens of normalised text, spelling corrected, with lemma and stem from the English model. */
export function tokenise(normalised: string, speller: Speller): Token[] {
  const words = normalised.split(' ').filter(Boolean);
  const tokens: Token[] = [];
  let sentenceStart = true;
  const kept: string[] = [];
  const starts: boolean[] = [];
  for (const w of words) {
    if (w === '.') {
      sentenceStart = true;
      continue;
    }
    kept.push(/^\p{L}+$/u.test(w) ? speller.correct(w) : w);
    starts.push(sentenceStart);
    sentenceStart = false;
  }
  if (kept.length === 0) return tokens;
  // One word per wink token: words contain letters and digits only, so wink splits nothing further
  // except rare cases (e.g. "2nd"), which we realign by falling back to the surface form.
  const doc = nlp.readDoc(kept.join(' '));
  const values = doc.tokens().out(its.value) as string[];
  const lemmas = doc.tokens().out(its.lemma) as string[];
  const stems = doc.tokens().out(its.stem) as string[];
  const aligned = values.length === kept.length;
  kept.forEach((surface, i) => {
    tokens.push({
      surface,
      lemma: aligned ? (lemmas[i] as string) : surface,
      stem: aligned ? (stems[i] as string) : surface,
      sentenceStart: starts[i] as boolean
    });
  });
  return tokens;
}

/** The lemma and stem of one word, for compiling rules. Text-speak forms never reach the rules, so they stay as they are. */
export function keysOf(word: string): string[] {
  if (EXPANSIONS[word] !== undefined) return [word];
  const doc = nlp.readDoc(word);
  const lemma = doc.tokens().out(its.lemma)[0] as string | undefined;
  const stem = doc.tokens().out(its.stem)[0] as string | undefined;
  return [...new Set([word, lemma ?? word, stem ?? word])];
}
