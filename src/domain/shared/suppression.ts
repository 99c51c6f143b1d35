/**
 * Small-number suppression for results shown to anyone but the survey owner (docs/surveys.md).
 *
 * Primary rule: a count from 1 to threshold-1 shows as "fewer than {threshold}".
 * Secondary rule: within a group of counts that add up to a total a reader may know (a question's
 * choices plus "skipped"), more counts are hidden until no hidden count can be worked out from the
 * total, the shown counts and what the labels say (a "fewer than 5" count is 1–4, a "hidden" count is
 * at least the threshold). If that cannot be reached, every count of the group is withheld.
 * A group with anything hidden shows no total and no percentages.
 */

export const DEFAULT_SUPPRESSION_THRESHOLD = 5;
export const MIN_SUPPRESSION_THRESHOLD = 2;
export const MAX_SUPPRESSION_THRESHOLD = 50;

/** How one count is shown. */
export type ShownCount =
  | { kind: 'exact'; value: number }
  /** 1 … threshold-1. */
  | { kind: 'few' }
  /** Hidden so that a "few" count cannot be worked out: at least the threshold. */
  | { kind: 'hidden' }
  /** Every count of the group withheld: could be anything from 0 up. */
  | { kind: 'withheld' };

export interface SuppressedGroup {
  cells: ShownCount[];
  /** True when every count is exact: totals and percentages may be shown. */
  complete: boolean;
}

export function checkThreshold(threshold: number): number {
  if (!Number.isInteger(threshold) || threshold < MIN_SUPPRESSION_THRESHOLD || threshold > MAX_SUPPRESSION_THRESHOLD) {
    return DEFAULT_SUPPRESSION_THRESHOLD;
  }
  return threshold;
}

/** The range of values a reader knows a shown count lies in. */
export function boundsOf(shown: ShownCount, threshold: number): [number, number] {
  switch (shown.kind) {
    case 'exact':
      return [shown.value, shown.value];
    case 'few':
      return [1, threshold - 1];
    case 'hidden':
      return [threshold, Number.POSITIVE_INFINITY];
    case 'withheld':
      return [0, Number.POSITIVE_INFINITY];
  }
}

/**
 * Whether a reader who knows the group's total can pin any non-exact count to one value: for each
 * hidden cell, the smallest and largest value it can take given the others' ranges and the total.
 */
export function anyWorkedOut(counts: number[], shown: ShownCount[], threshold: number): boolean {
  const total = counts.reduce((a, b) => a + b, 0);
  const bounds = shown.map((s) => boundsOf(s, threshold));
  const hidden = shown.map((s, i) => (s.kind === 'exact' ? -1 : i)).filter((i) => i >= 0);
  if (hidden.length === 0) return false;
  const rest = total - shown.reduce((sum, s) => sum + (s.kind === 'exact' ? s.value : 0), 0);
  for (const i of hidden) {
    let othersLo = 0;
    let othersHi = 0;
    for (const j of hidden) {
      if (j === i) continue;
      othersLo += bounds[j]![0];
      othersHi += bounds[j]![1];
    }
    const lo = Math.max(bounds[i]![0], rest - othersHi);
    const hi = Math.min(bounds[i]![1], rest - othersLo);
    if (lo >= hi) return true;
  }
  return false;
}

/**
 * Suppresses one group of counts that add up to a total. Zeros stay exact (a zero is not a person)
 * unless the whole group is withheld.
 */
export function suppressGroup(counts: number[], threshold = DEFAULT_SUPPRESSION_THRESHOLD): SuppressedGroup {
  const t = checkThreshold(threshold);
  const shown: ShownCount[] = counts.map((n) => (n > 0 && n < t ? { kind: 'few' } : { kind: 'exact', value: n }));
  if (shown.every((s) => s.kind === 'exact')) return { cells: shown, complete: true };
  // Secondary suppression: hide the smallest shown non-zero count until nothing can be worked out.
  while (anyWorkedOut(counts, shown, t)) {
    let pick = -1;
    shown.forEach((s, i) => {
      if (s.kind === 'exact' && s.value > 0 && (pick < 0 || s.value < (counts[pick] ?? 0))) pick = i;
    });
    if (pick < 0) return { cells: counts.map(() => ({ kind: 'withheld' })), complete: false };
    shown[pick] = { kind: 'hidden' };
  }
  return { cells: shown, complete: false };
}

/**
 * Suppresses counts that do not add up to a known total (the choices of a multiple-choice question):
 * each small count alone is shown as "few"; no percentages when any is.
 */
export function suppressIndependent(counts: number[], threshold = DEFAULT_SUPPRESSION_THRESHOLD): SuppressedGroup {
  const t = checkThreshold(threshold);
  const cells: ShownCount[] = counts.map((n) => (n > 0 && n < t ? { kind: 'few' } : { kind: 'exact', value: n }));
  return { cells, complete: cells.every((c) => c.kind === 'exact') };
}

/** A single count shown on its own (a total of respondents). */
export function suppressCount(n: number, threshold = DEFAULT_SUPPRESSION_THRESHOLD): ShownCount {
  const t = checkThreshold(threshold);
  return n > 0 && n < t ? { kind: 'few' } : { kind: 'exact', value: n };
}

export function describeCount(shown: ShownCount, threshold = DEFAULT_SUPPRESSION_THRESHOLD): string {
  switch (shown.kind) {
    case 'exact':
      return String(shown.value);
    case 'few':
      return `fewer than ${checkThreshold(threshold)}`;
    case 'hidden':
      return 'hidden';
    case 'withheld':
      return 'not shown';
  }
}
