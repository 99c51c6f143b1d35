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
  sed: 'said', sez: 'says', sais: 'says', ses: 'says', wuz: 'was', woz: 'was', cum: 'come', cumin: 'coming', theyve: 'they have', weve: 'we have', youve: 'you have', wouldve: 'would have', couldve: 'could have', shouldve: 'should have', neva: 'never', diff: 'different', agen: 'again', agin: 'again', usd: 'used', gurl: 'girl', shoos: 'shoes', hell: 'he will', shell: 'she will', eva: 'ever', choise: 'choice', beets: 'beats', beet: 'beat', dye: 'die', dyed: 'died', dyeing: 'dying', wud: 'would', cud: 'could', shud: 'should', lil: 'little', n: 'and', tryna: 'trying to', cuttin: 'cutting', sacred: 'scared', scarred: 'scared', scarry: 'scary', scard: 'scared', scaird: 'scared', skared: 'scared', hurst: 'hurts', bk: 'back', goin: 'going', '2day': 'today', '2nite': 'tonight', '2night': 'tonight', '2moro': 'tomorrow', '2morrow': 'tomorrow', '2mrw': 'tomorrow', '2mro': 'tomorrow', rly: 'really', rlly: 'really', gr8: 'great', h8: 'hate', h8s: 'hates', w8: 'wait', '4ever': 'forever', catting: 'cutting', catted: 'cut', cattin: 'cutting', comin: 'coming', doin: 'doing', nuffink: 'nothing', fings: 'things', fink: 'think'
};

/**
 * Family words and a few harm and fear words in the languages most spoken in English councils' homes
 * after English (Urdu, Punjabi, Bengali, Polish, Romanian, Somali, Arabic, Turkish, Spanish, Portuguese),
 * as young people mix them into English ("boję się iść do domu, tata's friend…"): read as the English
 * word. Accents are gone before this (NFKD), so "boję" is "boje" here.
 */
const OTHER_LANGUAGES: Record<string, string> = {
  // family
  ammi: 'mum', ammu: 'mum', ammy: 'mum', ummi: 'mum', hooyo: 'mum', mamusia: 'mum', mamy: 'mum',
  abbu: 'dad', abba: 'dad', abbo: 'dad', abu: 'dad', abbi: 'dad', baba: 'dad', babu: 'dad', aabo: 'dad', tata: 'dad', tato: 'dad', tatus: 'dad', papa: 'dad', 
  babcia: 'nan', bunica: 'nan', ayeeyo: 'nan', abuela: 'nan', dadi: 'nan', nani: 'nan', dziadek: 'grandad', bunicul: 'grandad', abuelo: 'grandad', dada: 'grandad',
  chacha: 'uncle', chachu: 'uncle', mamu: 'uncle', mamoo: 'uncle', taya: 'uncle', wujek: 'uncle', adeer: 'uncle', khalo: 'uncle', tio: 'uncle', unchiul: 'uncle',
  khala: 'aunt', phupho: 'aunt', phuppo: 'aunt', chachi: 'aunt', mami: 'aunt', ciocia: 'aunt', eedo: 'aunt', habaryar: 'aunt', tia: 'aunt', matusa: 'aunt',
  bhai: 'brother', bhaiya: 'brother', bhaijaan: 'brother', walaal: 'brother', brata: 'brother', behen: 'sister', baji: 'sister', apa: 'sister', apu: 'sister', siostra: 'sister',
  // harm, fear and help
  bije: 'hits', bija: 'hit', boje: 'scared', boimy: 'scared', strach: 'fear', pomocy: 'help',
  maarta: 'hits', maarti: 'hits', maarte: 'hit', maara: 'hit', marte: 'hit', peet: 'beat', peetta: 'beats', kutt: 'beat', kutta: 'beats', darr: 'fear', darta: 'scared', darti: 'scared', bachao: 'help',
  bate: 'beats', batut: 'beaten', frica: 'fear', ajutor: 'help', cabsi: 'fear', garaac: 'hit', garaacaa: 'hits', caawi: 'help',
  khayfa: 'scared', khaifa: 'scared', khayef: 'scared', khaif: 'scared', khaifeh: 'scared', yadrabni: 'hits me', yudrabni: 'hits me', darabni: 'hit me', yadrub: 'hits',
  korkuyorum: 'scared', korku: 'fear', dovuyor: 'beats', dovdu: 'beat', imdat: 'help', miedo: 'fear', pega: 'hits', ayuda: 'help', medo: 'fear', socorro: 'help',
  // food, home, hunger, money and papers (what neglect and forced work are told with)
  mancare: 'food', acasa: 'home', bani: 'money', pasaport: 'passport', pasaportul: 'passport', luat: 'took', flamand: 'hungry', nu: 'no', zile: 'days',
  jedzenia: 'food', jedzenie: 'food', glodny: 'hungry', glodna: 'hungry', pieniadze: 'money', paszport: 'passport', nie: 'no',
  khana: 'food', khaana: 'food', ghar: 'home', bhook: 'hungry', bhuk: 'hungry', paise: 'money', paisa: 'money', nahi: 'no', nahin: 'no',
  cunto: 'food', guri: 'home', gaajo: 'hungry', lacag: 'money', baasaboor: 'passport',
  akl: 'food', bayt: 'home', jooan: 'hungry', jouan: 'hungry', flous: 'money', jawaz: 'passport',
  yemek: 'food', pasaportum: 'passport', comida: 'food', fome: 'hunger', hambre: 'hunger', dinheiro: 'money', dinero: 'money', passaporte: 'passport', pasaporte: 'passport',
  // FGM by its names in the communities that practise it (Somali, Arabic, Urdu, Indonesian and Malay, Amharic, Swahili, Yoruba, Sierra Leone)
  gudniin: 'fgm', gudnin: 'fgm', gudniinka: 'fgm', gudin: 'fgm', khitan: 'fgm', khitaan: 'fgm', khafd: 'fgm', tahara: 'fgm', tahur: 'fgm', sunat: 'fgm', girzat: 'fgm', kutahiri: 'fgm', idabe: 'fgm', bondo: 'fgm'
};

/** British and everyday words the English model does not know: never "corrected". */
const KNOWN = new Set(['maths', 'mondays', 'tuesdays', 'wednesdays', 'thursdays', 'fridays', 'saturdays', 'sundays', 'telly', 'nani', 'nanis', 'nana', 'dadi', 'abuela', 'oma', 'mum', 'mums', 'nan', 'nans', 'telly', 'footie', 'uni', 'sixth', 'sen', 'send', 'ehcp', 'senco', 'camhs', 'ta', 'tas', 'pe', 'pshe', 'autism', 'adhd', 'teams', 'youtube', 'roblox', 'minecraft', 'fortnite', 'fifa', 'xbox', 'makaton', 'bsl', 'aac', 'colour', 'favourite', 'programme', 'mates', 'lego', 'crisps', 'chippy', 'respite', 'keyworker', 'ipad',
  // Words from home languages used in English, never "corrected" ("yalla" is not "yell").
  'yalla', 'habibi', 'habibti', 'inshallah', 'mashallah', 'wallah', 'wallahi', 'alhamdulillah', 'bismillah', 'salaam', 'salam', 'eid', 'ramadan', 'mehndi', 'shaadi', 'lehenga', 'biryani', 'roti', 'chapati', 'samosa', 'jollof', 'injera', 'pierogi', 'bhaji', 'dhal', 'daal', 'masjid', 'madrassa', 'madrasa', 'gurdwara', 'mandir', 'diwali', 'vaisakhi', 'hanukkah']);

for (const [word, english] of Object.entries(OTHER_LANGUAGES)) EXPANSIONS[word] ??= english;

/**
 * Emoji and symbols as words: a young person using a symbol board or a phone keyboard may say it all in
 * pictures ("year 9s 👊👊 me 🩸"). Each becomes the word it stands for, set apart by spaces; skin tones,
 * variation selectors and joiners are dropped first. Faces that only show a mood map to the mood.
 */
const EMOJI_WORDS: [string, string][] = [
  ['👊', 'punch'], ['🤛', 'punch'], ['🤜', 'punch'], ['✊', 'fist'], ['👋', 'slap'], ['🦶', 'kick'], ['🩸', 'blood'], ['💉', 'needle'],
  ['🔪', 'knife'], ['🗡', 'knife'], ['🔫', 'gun'], ['💣', 'bomb'], ['🧨', 'bomb'], ['⛓', 'chains'], ['🔗', 'chain'], ['🔒', 'locked'], ['🔐', 'locked'],
  ['✂', 'cut'], ['🩹', 'plaster'], ['🤕', 'hurt'], ['🩼', 'hurt'], ['💀', 'dead'], ['☠', 'dead'], ['⚰', 'coffin'], ['🪦', 'grave'], ['🪢', 'rope'],
  ['💊', 'pills'], ['🍺', 'beer'], ['🍻', 'beer'], ['🍷', 'wine'], ['🍾', 'drink'], ['🥃', 'drink'], ['🚬', 'cigarette'], ['🌿', 'weed'], ['🍃', 'weed'],
  ['💷', 'money'], ['💰', 'money'], ['💵', 'money'], ['💸', 'money'], ['🤑', 'money'], ['🛂', 'passport'], ['🪪', 'id'], ['📦', 'package'], ['🎒', 'bag'],
  ['📱', 'phone'], ['📲', 'phone'], ['📸', 'photo'], ['📷', 'photo'], ['🤳', 'selfie'], ['🎥', 'video'], ['📹', 'video'], ['👙', 'bikini'], ['🩲', 'pants'], ['🍆', 'willy'], ['🍑', 'bum'], ['💦', 'wet'], ['🔞', 'adult'],
  ['🚫', 'no'], ['❌', 'no'], ['⛔', 'no'], ['➡', 'to'], ['→', 'to'], ['🔜', 'soon'], ['🔁', 'again'], ['🆘', 'sos'],
  ['✈', 'plane'], ['🛫', 'plane'], ['🛬', 'plane'], ['🚛', 'lorry'], ['🚚', 'lorry'], ['🚐', 'van'], ['🚗', 'car'], ['🚘', 'car'], ['🚕', 'taxi'], ['🚆', 'train'], ['🚂', 'train'],
  ['🏠', 'home'], ['🏡', 'home'], ['🏚', 'house'], ['🚪', 'door'], ['🛏', 'bed'], ['🚿', 'shower'], ['🛁', 'bath'], ['🚽', 'toilet'],
  ['🧹', 'cleaning'], ['🧽', 'cleaning'], ['🧺', 'washing'], ['🍽', 'food'], ['🍞', 'food'], ['🥪', 'food'], ['🥶', 'cold'], ['🔥', 'fire'],
  ['💍', 'ring'], ['👰', 'bride'], ['🤵', 'groom'], ['💒', 'wedding'], ['🕌', 'mosque'],
  ['🤫', 'secret'], ['🤐', 'secret'], ['🙊', 'secret'], ['🙈', 'embarrassed'], ['🥊', 'boxing'], ['👀', 'watching'], ['👁', 'watching'],
  ['🏃', 'run'], ['🌃', 'night'], ['🌙', 'night'], ['🌚', 'night'],
  ['😰', 'scared'], ['😨', 'scared'], ['😱', 'scared'], ['😧', 'scared'], ['😖', 'scared'], ['🫣', 'scared'], ['😭', 'crying'], ['😢', 'crying'], ['😿', 'crying'],
  ['😡', 'angry'], ['🤬', 'angry'], ['😠', 'angry'], ['💔', 'heartbroken'], ['😞', 'sad'], ['😔', 'sad'], ['😥', 'sad'], ['🥺', 'please'], ['🙏', 'please'],
  ['🤮', 'sick'], ['🤢', 'sick'], ['😵', 'dizzy'], ['🥴', 'drunk'], ['😴', 'sleep'], ['👨', 'man'], ['👩', 'woman'], ['👧', 'girl'], ['👦', 'boy'], ['👴', 'old man'], ['🧔', 'man'],
  ['😂', 'laughing'], ['🤣', 'laughing'], ['😆', 'laughing'], ['😹', 'laughing']
];
/** Flags by their two letters (regional indicators): the countries the rules know, the UK, any other "abroad". */
const FLAG_COUNTRIES: Record<string, string> = {
  so: 'somalia', pk: 'pakistan', in: 'india', bd: 'bangladesh', ng: 'nigeria', eg: 'egypt', sd: 'sudan', ye: 'yemen', iq: 'iraq', af: 'afghanistan',
  gm: 'gambia', et: 'ethiopia', er: 'eritrea', ke: 'kenya', tr: 'turkey', sy: 'syria', ma: 'morocco', sl: 'sierra leone', gn: 'guinea', ml: 'mali',
  gb: 'uk', al: 'albania', vn: 'vietnam', ro: 'romania'
};
const EMOJI_PATTERN = new RegExp(EMOJI_WORDS.map(([e]) => e.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).sort((a, b) => b.length - a.length).join('|'), 'gu');
const EMOJI_LOOKUP = new Map(EMOJI_WORDS);

/** Emoji and flags → words; any other pictograph → a space. */
export function emojiToWords(text: string): string {
  return text
    // Skin tones, variation selectors, joiners and keycaps, one alternative each (a class would join them).
    .replace(/[\u{1F3FB}-\u{1F3FF}]|\uFE0E|\uFE0F|\u200D|\u20E3/gu, '')
    .replace(/([\u{1F1E6}-\u{1F1FF}])([\u{1F1E6}-\u{1F1FF}])/gu, (_, a: string, b: string) => {
      const code = String.fromCharCode(97 + (a.codePointAt(0) as number) - 0x1f1e6, 97 + (b.codePointAt(0) as number) - 0x1f1e6);
      return ` ${FLAG_COUNTRIES[code] ?? 'abroad'} `;
    })
    .replace(EMOJI_PATTERN, (e) => ` ${EMOJI_LOOKUP.get(e) as string} `)
    .replace(/\p{Extended_Pictographic}/gu, ' ');
}

/** Letters written as digits or symbols, inside a word: "k1ll1ng" → killing, "m@rrying" → marrying, "d0cs" → docs. */
const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', '$': 's', '!': 'i', '|': 'l' };

/**
 * A word spelt with digits or symbols for letters, read as letters — when the result is a word the model
 * or the text-speak list knows, or the digits stand inside the word between letters ("g0in", "gr1d").
 * "10pm", "2nd", "b4", "l8r", "24/7" are left as they are. "1" is tried as "i", then as "l".
 */
/** What a word with a letter starred out ("c*tting", "s*icide", "r*pe") most often hides: tried first. */
const CENSORED = new Set(['kill', 'killing', 'killed', 'rape', 'raped', 'cut', 'cutting', 'cuts', 'suicide', 'suicidal', 'die', 'dying', 'dead', 'death', 'sex', 'sexual', 'nude', 'nudes', 'porn', 'abuse', 'abused', 'harm', 'hurt', 'hit', 'hits', 'drugs', 'gun', 'knife', 'stab', 'stabbed', 'bomb', 'groom', 'groomed', 'paedo', 'nonce', 'pills', 'overdose', 'hang', 'noose', 'slut', 'whore', 'bitch']);

/** A letter starred out inside a word: each vowel tried, a likely hidden word first, then any known word. */
function unStar(before: string, core: string, after: string): string | undefined {
  const stars = core.match(/[*#]/g)?.length ?? 0;
  if (stars === 0 || stars > 2 || !/^[a-z*#]+$/.test(core) || !/[a-z]/.test(core)) return undefined;
  let candidates = [core];
  for (let i = 0; i < stars; i++) candidates = candidates.flatMap((c) => [...'aeiou'].map((v) => c.replace(/[*#]/, v)));
  const read = candidates.find((c) => CENSORED.has(c)) ?? candidates.find(isReadable);
  return read === undefined ? undefined : before + read + after;
}

export function unLeet(word: string): string {
  if (/[a-z][*#]|[*#][a-z]/.test(word)) {
    const [, before = '', core = '', after = ''] = /^([^a-z*#]*)(.*?)([^a-z*#]*)$/.exec(word) ?? [];
    return unStar(before, core, after) ?? word;
  }
  if (!/[a-z]/.test(word) || !/[013457@$!|]/.test(word) || EXPANSIONS[word] !== undefined) return word;
  const [, before = '', core = '', after = ''] = /^([^a-z0-9@$|]*)(.*?)([^a-z0-9]*)$/.exec(word) ?? [];
  // Times, ordinals and amounts: "5am", "1st", "24hrs", "10k".
  if (!/[a-z]/.test(core) || !/[013457@$!|]/.test(core) || /^\d+(am|pm|st|nd|rd|th|s|k|m|h|hr|hrs|min|mins|yrs|kg|p|x)$/.test(core)) return word;
  const asI = core.replace(/[013457@$!|]/g, (c) => LEET[c] as string);
  const asL = core.replace(/[03457@$!|]/g, (c) => LEET[c] as string).replace(/1/g, 'l');
  const read = isReadable(asI) ? asI : isReadable(asL) ? asL : /[a-z][013457@$!|]+[a-z]/.test(core) ? asI : undefined;
  return read === undefined ? word : before + read + after;
}

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

/** A word the reader can read: text-speak it expands, or a word the English model knows. */
function isReadable(word: string): boolean {
  return EXPANSIONS[word] !== undefined || isKnownWord(word);
}

/**
 * A word run together from letters typed one by one ("stepdadhurtsme"), split into the fewest known
 * words, the longer the better on a tie; undefined when it cannot be split wholly into known words.
 */
function segmentWords(run: string): string[] | undefined {
  if (run.length > 60) return undefined;
  // Single letters only as the words "i" and "a" (the model's lexicon has every letter).
  const one = (w: string) => KNOWN.has(w) || (w.length > 1 || w === 'i' || w === 'a' ? isReadable(w) : EXPANSIONS[w] !== undefined);
  // A possessive or plural of a known word ("mums boyfriend").
  const known = (w: string) => one(w) || (w.length > 3 && w.endsWith('s') && one(w.slice(0, -1)));
  const best: ({ words: string[]; score: number } | undefined)[] = [{ words: [], score: 0 }];
  for (let end = 1; end <= run.length; end++) {
    for (let start = Math.max(0, end - 20); start < end; start++) {
      const before = best[start];
      const word = run.slice(start, end);
      if (!before || !known(word)) continue;
      // Fewer words first (1,000 each), then longer words (their squared lengths).
      const score = before.score - 1000 + word.length * word.length;
      const current = best[end];
      if (!current || score > current.score) best[end] = { words: [...before.words, word], score };
    }
  }
  return best[run.length]?.words;
}

/**
 * Letters typed one at a time with spaces between ("s t e p d a d   h u r t s   m e"): each run of three
 * or more single letters is joined (wider gaps between letters mark the words) and, when a joined run is
 * no word, split into known words. Once the writer is seen spelling this way, runs of two join too.
 */
function joinSpacedLetters(text: string): string {
  if (!/(?<!\p{L})\p{L}(?: \p{L}){2,}(?!\p{L})/u.test(text)) return text;
  return text.replace(/(?<!\p{L})\p{L}(?: {1,3}\p{L}){1,}(?!\p{L})/gu, (run) =>
    run
      .split(/ {2,}/)
      .map((piece) => {
        const joined = piece.replace(/ /g, '');
        if (joined.length < 2) return piece;
        if (isReadable(joined)) return joined;
        return segmentWords(joined)?.join(' ') ?? joined;
      })
      .join(' ')
  );
}

/** "tractors", "dorms": a plural the model's lexicon lacks of a word it knows is not a misspelling ("tractors" is not "traitors"). */
function isPluralOfKnown(word: string): boolean {
  if (word.length < 5 || !word.endsWith('s') || word.endsWith('ss')) return false;
  const stems = word.endsWith('ies') ? [`${word.slice(0, -3)}y`, word.slice(0, -1)] : word.endsWith('es') ? [word.slice(0, -2), word.slice(0, -1)] : [word.slice(0, -1)];
  return stems.some((w) => w.length >= 4 && isKnownWord(w));
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
    if (!KNOWN.has(word) && !this.vocabulary.has(word) && !isKnownWord(word) && !isPluralOfKnown(word)) {
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
  let s = emojiToWords(text)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    // Invisible format characters (soft hyphens, zero-width spaces and joiners) would split or hide a word.
    .replace(/\p{Cf}/gu, '')
    .toLowerCase()
    // Every apostrophe-like mark, including the modifier letter apostrophe (U+02BC) phone keyboards insert.
    .replace(/['’‘`´\u02BC\u02B9\u2032\u02BB]/g, '')
    // Punctuation said aloud to voice-to-text ("can you make it bigger question mark").
    .replace(/\b(full stop|question mark|exclamation mark|exclamation point|new line|new paragraph|comma)\b/g, ' . ')
    // Letters spelt out one by one: "s-u-i-c-i-d-e", "s/h", "k.i.l.l".
    .replace(/(?<![a-z])[a-z](?:[-./*_][a-z])+(?![a-z])/g, (m) => m.replace(/[-./*_]/g, ''))
    // Letters typed one at a time with spaces: "s t e p d a d   h u r t s   m e".
    .replace(/[^\n]+/g, joinSpacedLetters)
    .split(/\s+/)
    .map(unLeet)
    .join(' ')
    .replace(/[.!?;\n\r]+/g, ' . ')
    .replace(/[^\p{L}\p{N}.]+/gu, ' ');
  s = s
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => {
      if (w === '.') return w;
      const forms = collapseRepeats(w);
      const chosen = forms.length === 1 ? (forms[0] as string) : (forms.find(isReadable) ?? (forms[1] as string));
      if (options.literal && isAmbiguousForm(chosen)) return chosen;
      // "tata's friend": the possessive of a family word from another language.
      return EXPANSIONS[chosen] ?? (chosen.endsWith('s') ? OTHER_LANGUAGES[chosen.slice(0, -1)] : undefined) ?? chosen;
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
  // One word per wink token, except where wink splits a word further ("2day", "10pm", "y9"): such a
  // word keeps its surface form as lemma and stem, and every other word keeps its own (a split once
  // dropped the lemmas of the whole answer, so "dad smacked me hard 2day" read "smacked" unlemmatised).
  const doc = nlp.readDoc(kept.join(' '));
  const values = doc.tokens().out(its.value) as string[];
  const lemmas = doc.tokens().out(its.lemma) as string[];
  const stems = doc.tokens().out(its.stem) as string[];
  let t = 0;
  kept.forEach((surface, i) => {
    let lemma = surface;
    let stem = surface;
    if (values[t] === surface) {
      lemma = lemmas[t] as string;
      stem = stems[t] as string;
      t++;
    } else {
      // Consume the pieces wink made of this word.
      let joined = '';
      while (t < values.length && joined.length < surface.length) joined += values[t++] as string;
    }
    tokens.push({ surface, lemma, stem, sentenceStart: starts[i] as boolean });
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
