/**
 * Safeguarding (docs/delivery.md, "Safeguarding"): free-text answers are screened on arrival against
 * a list of concern phrases; a match alerts the tenant's designated safeguarding lead (DSL) 1:1 at once
 * and shows the young person an easy-read reply (it cannot be kept secret, what happens next,
 * Childline 0800 1111). A survey for young people with free text cannot be published without a DSL.
 *
 * Matching, decided and tested (test/unit/safeguarding.test.ts):
 * - case, accents, curly apostrophes and punctuation are ignored ("DON'T feel safe!!" = "dont feel safe");
 * - phrases match whole words in order ("hurt me" does not match "hurt my knee"); a trailing `*`
 *   matches the start of a word ("suicid*" → suicide, suicidal);
 * - single words that are mostly harmless in a survey about services are NOT phrases on their own:
 *   "safe" ("I feel safe"), "hurt" ("I hurt my knee playing football"), "abusive" ("the bus was
 *   abusive?" is about a service). They are caught in the forms that point at the young person:
 *   "not safe", "don't feel safe", "unsafe", "hurt me", "hurt myself", "abused", "abusive to me".
 * - It is a screen, not a judgement: it errs towards alerting (a DSL reading a false alarm costs
 *   minutes; a missed disclosure can cost far more). Tenants add or remove phrases in their settings.
 */
import { DomainError } from './errors';

export const DEFAULT_CONCERN_PHRASES: readonly string[] = [
  // feeling unsafe
  'not safe', 'unsafe', 'dont feel safe', 'do not feel safe', 'never feel safe', 'never safe', 'not feel safe',
  'scared to go home', 'scared at home', 'scared of my', 'afraid of my', 'frightened of my', 'scared of him', 'scared of her',
  'scared of them', 'afraid to go home', 'frightened at home',
  // secrets and being silenced
  'told me not to tell', 'not allowed to tell', 'keep it a secret', 'keep a secret', 'our secret',
  // harm by others
  'hurt me', 'hurts me', 'hurting me', 'harm me', 'harms me', 'harming me', 'hit me', 'hits me', 'hitting me',
  'beat me', 'beats me', 'beating me', 'kick me', 'kicks me', 'kicked me', 'punch me', 'punches me', 'punched me',
  'slap me', 'slaps me', 'slapped me', 'choke me', 'choked me', 'strangled me', 'burnt me', 'burned me',
  'locked me in', 'locks me in', 'threatens me', 'threatened me', 'threatening me', 'going to kill me', 'kill me',
  'carry a knife', 'carries a knife', 'got a knife', 'has a knife', 'weapon',
  // abuse and neglect
  'abuse', 'abused', 'abuses me', 'abusing me', 'abusive to me', 'touched me', 'touches me', 'touching me',
  'sexual', 'rape', 'raped', 'molest*', 'grooming me', 'groomed', 'neglect*', 'no food at home', 'nothing to eat',
  'not fed', 'starving', 'bullied', 'bully me', 'bullies me', 'bullying me',
  // self-harm and suicide
  'suicid*', 'kill myself', 'killing myself', 'end my life', 'end it all', 'take my life', 'want to die', 'wanna die',
  'want to be dead', 'better off dead', 'dont want to live', 'dont want to be alive', 'no reason to live',
  'self harm*', 'selfharm*', 'hurt myself', 'hurting myself', 'harm myself', 'harming myself', 'cut myself',
  'cutting myself', 'overdose', 'run away from home', 'running away from home'
];

/** Lower case, no accents, apostrophes joined ("don't" → "dont"), everything else not a letter or digit → space. */
export function normalizeForScreening(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’‘`´]/g, '')
    .replace(/[^\p{L}\p{N}*]+/gu, ' ')
    .trim();
}

export interface ConcernList {
  add: readonly string[];
  remove: readonly string[];
}

/** The tenant's phrases: the defaults, plus theirs, minus those they removed. */
export function concernPhrases(changes: ConcernList = { add: [], remove: [] }): string[] {
  const removed = new Set(changes.remove.map(normalizeForScreening));
  const phrases = [...DEFAULT_CONCERN_PHRASES, ...changes.add].map(normalizeForScreening).filter((p) => p && !removed.has(p));
  return [...new Set(phrases)];
}

/**
 * The categories of harm a screen names (Keeping Children Safe in Education; Working Together to
 * Safeguard Children), plus `unsafe`: fear, secrecy and silencing that point at harm of no one kind.
 */
export const HARM_CATEGORIES = [
  { id: 'physical', label: 'Physical abuse' },
  { id: 'emotional', label: 'Emotional abuse' },
  { id: 'sexual', label: 'Sexual abuse' },
  { id: 'neglect', label: 'Neglect' },
  { id: 'domestic', label: 'Domestic abuse at home' },
  { id: 'online', label: 'Online abuse or grooming' },
  { id: 'exploitation', label: 'Sexual or criminal exploitation (including county lines)' },
  { id: 'child-on-child', label: 'Child-on-child abuse or bullying' },
  { id: 'self-harm', label: 'Self-harm' },
  { id: 'suicidal', label: 'Suicidal thoughts' },
  { id: 'radicalisation', label: 'Radicalisation' },
  { id: 'fgm-forced-marriage', label: 'FGM, forced marriage or honour-based abuse' },
  { id: 'slavery-trafficking', label: 'Modern slavery or trafficking' },
  { id: 'missing', label: 'Going missing or running away' },
  { id: 'unsafe', label: 'Feeling unsafe, secrets or being silenced' }
] as const;

export type HarmCategory = (typeof HARM_CATEGORIES)[number]['id'];

/** What a screening can name: a category of harm, a phrase the council added, or "could not be screened". */
export type ScreeningCategory = HarmCategory | 'council-phrase' | 'not-screened';

const LABELS: Record<ScreeningCategory, string> = {
  ...(Object.fromEntries(HARM_CATEGORIES.map((c) => [c.id, c.label])) as Record<HarmCategory, string>),
  'council-phrase': 'A phrase your council added',
  'not-screened': 'The answer could not be screened'
};

/** The plain-English name of a category, for the lead's alert. */
export function categoryLabel(category: ScreeningCategory): string {
  return LABELS[category];
}

export interface Screening {
  flagged: boolean;
  /** What it points at, most specific first; never empty when flagged. */
  categories: ScreeningCategory[];
  /** The evidence found (normalised words), for the DSL's alert. */
  matches: string[];
  /** True when the screen itself failed: the answer is treated as flagged ("not-screened"). */
  failed: boolean;
}

function matchesAt(words: string[], at: number, phrase: string[]): boolean {
  for (let i = 0; i < phrase.length; i++) {
    const word = words[at + i];
    const p = phrase[i] as string;
    if (word === undefined) return false;
    if (p.endsWith('*') ? !word.startsWith(p.slice(0, -1)) : word !== p) return false;
  }
  return true;
}

/**
 * Screens one free-text answer. `phrases` are the council's own additions (normalised, see
 * `concernPhrases`). Never throws: a failure is a flagged screening with category "not-screened".
 */
export function screenText(text: string, phrases: readonly string[] = concernPhrases()): Screening {
  try {
    const words = normalizeForScreening(text).split(' ').filter(Boolean);
    const matches: string[] = [];
    for (const phrase of phrases) {
      const parts = phrase.split(' ');
      for (let at = 0; at + parts.length <= words.length; at++) {
        if (matchesAt(words, at, parts)) {
          matches.push(phrase);
          break;
        }
      }
    }
    return { flagged: matches.length > 0, categories: matches.length > 0 ? ['unsafe'] : [], matches, failed: false };
  } catch {
    return { flagged: true, categories: ['not-screened'], matches: [], failed: true };
  }
}

/** What the publish guard needs to know about a survey. */
export interface GuardedSurvey {
  tenantId: string;
  cohort: string;
  questions: readonly { type: string }[];
}

/**
 * "A survey for young people with free-text questions needs a safeguarding lead": throws a
 * `forbidden` DomainError the author can act on. Hooked into the survey service's publish guards.
 */
export function safeguardingPublishGuard(leadOf: (tenantId: string) => Promise<{ personKey: string } | undefined>) {
  return async (survey: GuardedSurvey): Promise<void> => {
    if (survey.cohort !== 'youngPeople' || !survey.questions.some((q) => q.type === 'text')) return;
    if (await leadOf(survey.tenantId)) return;
    throw new DomainError(
      'forbidden',
      'This survey asks young people to write their own answers, so a designated safeguarding lead must be set first: ' +
        'they are told at once if an answer suggests a young person is not safe. Ask an admin to set one with "safeguarding lead", ' +
        'or remove the free-text questions.'
    );
  };
}
