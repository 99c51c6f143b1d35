/**
 * A council's own concern phrases, as text: how they are normalised and stored. Kept apart from the
 * screen (which loads the English language model) so that the modules that only store or show phrases —
 * delivery settings among them — do not load the model: a sender that restarts is ready sooner.
 */

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
  /** Kept for settings stored before the category rules: ignored (a category cannot be switched off). */
  remove?: readonly string[];
}

/** The council's own phrases, normalised (a trailing `*` matches any ending). */
export function concernPhrases(changes: ConcernList = { add: [] }): string[] {
  return [...new Set(changes.add.map(normalizeForScreening).filter(Boolean))];
}
