import type { BetterAnswer, ItemTally, LoopCounters, LoopSettings, Reaction } from './loop';
/** Repository interfaces ("ports") of the two-way loop (docs/two-way-loop.md); src/storage/loop implements them. */

export interface LoopRepository {
  /**
   * Records one person's reaction to a "We did" (`voter` is a keyed hash, never the person): created on
   * the first press, changed under its ETag after; returns the reaction it replaced, if any.
   */
  setReaction(tenantId: string, surveyId: string, itemId: string, voter: string, reaction: Reaction): Promise<Reaction | undefined>;
  /** Records one person's answer to "Has it made things better?" the same way. */
  setBetter(tenantId: string, surveyId: string, itemId: string, voter: string, answer: BetterAnswer): Promise<BetterAnswer | undefined>;
  /** Counts one comment (create-if-absent by `commentKey`, so a retried send counts once); true when new. */
  addComment(tenantId: string, surveyId: string, itemId: string, voter: string, commentKey: string): Promise<boolean>;
  /** The counts of every "We did" of one findings, by item id. */
  tallies(tenantId: string, surveyId: string): Promise<Record<string, ItemTally>>;
  settings(tenantId: string): Promise<LoopSettings>;
  /** Read-change-write under the row's ETag (retried; `conflict` when it keeps losing). */
  updateSettings(tenantId: string, change: (current: LoopSettings) => LoopSettings): Promise<LoopSettings>;
  counters(tenantId: string): Promise<LoopCounters>;
  updateCounters(tenantId: string, change: (current: LoopCounters) => LoopCounters): Promise<LoopCounters>;
}
