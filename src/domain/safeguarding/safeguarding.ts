/**
 * Safeguarding (docs/safeguarding.md): every free-text answer is screened on arrival for the statutory
 * categories of harm; a flagged answer alerts the tenant's designated safeguarding lead (DSL) 1:1 at once,
 * is withheld from everything shared, and shows the young person an easy-read reply. A survey for young
 * people with free text cannot be published without a DSL.
 *
 * The screen (src/domain/safeguarding/screening/): category rules over lemmas and stems from wink-nlp's packaged
 * English model, after text-speak, repeated letters and misspellings are normalised; a council's own
 * phrases are added on top and cannot switch a category off. It is a screen, not a judgement: it errs
 * towards alerting (a DSL reading a false alarm costs a minute; a missed disclosure can cost a child),
 * and if it fails for any reason the answer is flagged "not-screened" — towards the lead, never silence.
 * Measured by `npm run safeguarding:eval` on the labelled sets in test/safeguarding/.
 */
import { DomainError } from '../shared/errors';
import { possibleCategories, screenForHarm } from './screening/screen';
import { type HarmCategory, HARM_CATEGORIES } from './harm-categories';
import { normalizeForScreening } from './phrases';

export { type ConcernList, concernPhrases, normalizeForScreening } from './phrases';

/** What a screening can name: a category of harm, a phrase the council added, or "could not be screened". */
export type ScreeningCategory = HarmCategory | 'possible-harm' | 'council-phrase' | 'not-screened';

const LABELS: Record<ScreeningCategory, string> = {
  ...(Object.fromEntries(HARM_CATEGORIES.map((c) => [c.id, c.label])) as Record<HarmCategory, string>),
  'possible-harm': 'Possible harm: no one category is clear, please read the answer',
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
  /**
   * Only with "possible harm" (a net fired, no category rule): the one or two categories it most likely
   * is, a guess from the words ("possibly: neglect"). Never part of the flag decision.
   */
  possibly?: HarmCategory[];
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

function councilPhrasesIn(text: string, phrases: readonly string[]): string[] {
  if (phrases.length === 0) return [];
  const words = normalizeForScreening(text).split(' ').filter(Boolean);
  const found: string[] = [];
  for (const phrase of phrases) {
    const parts = phrase.split(' ');
    for (let at = 0; at + parts.length <= words.length; at++) {
      if (matchesAt(words, at, parts)) {
        found.push(phrase);
        break;
      }
    }
  }
  return found;
}

/** Compiles the screen's rules now (about half a second), so the first answer after a start does not wait for it. */
export function prepareScreen(): void {
  screenForHarm('');
}

/**
 * Screens one free-text answer for every category of harm, plus the council's own `phrases`
 * (normalised, see `concernPhrases`). Never throws: a failure is a flagged screening with category
 * "not-screened", so the lead reads the answer.
 */
export function screenText(text: string, phrases: readonly string[] = [], options: { broad?: boolean; learnt?: boolean; guess?: boolean } = {}): Screening {
  try {
    const hits = screenForHarm(text, options);
    const categories: ScreeningCategory[] = [...new Set(hits.map((h) => h.category))];
    const matches = hits.map((h) => h.evidence);
    const council = councilPhrasesIn(text, phrases);
    if (council.length > 0) {
      categories.push('council-phrase');
      matches.push(...council);
    }
    const flagged = categories.length > 0;
    // Decided above; the guess only adds words to the alert, and a failure of it costs nothing but the guess.
    const possibly = categories.includes('possible-harm') && options.guess !== false ? guessCategories(text) : undefined;
    return { flagged, categories, matches, failed: false, ...(possibly && possibly.length > 0 ? { possibly } : {}) };
  } catch {
    return { flagged: true, categories: ['not-screened'], matches: [], failed: true };
  }
}

function guessCategories(text: string): HarmCategory[] | undefined {
  try {
    return possibleCategories(text);
  } catch {
    return undefined;
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

/**
 * Retention never takes words nobody has read: an alert's words (and named respondent) go with the
 * survey's answers only once the alert has been acknowledged, and then after this many days, so the
 * lead has time to copy them into the council's own safeguarding record.
 */
export const WORDS_KEPT_AFTER_ACK_DAYS = 7;
/** The due-item kind that clears a survey's alert words retention had to keep (docs/safeguarding.md). */
export const SAFEGUARDING_WORDS_JOB = 'safeguarding.words';

/** When an alert's words may be deleted: never while unacknowledged. */
export function wordsReleaseAt(acknowledged: { at: Date } | undefined): Date | undefined {
  return acknowledged ? new Date(acknowledged.at.getTime() + WORDS_KEPT_AFTER_ACK_DAYS * 86_400_000) : undefined;
}

/** Whether retention may delete an alert's words now. */
export function wordsMayGo(acknowledged: { at: Date } | undefined, now: Date): boolean {
  const at = wordsReleaseAt(acknowledged);
  return at !== undefined && at.getTime() <= now.getTime();
}
