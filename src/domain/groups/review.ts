/**
 * Young Commissioners review recommendations (docs/groups.md): one easy-read card per "We did" item of a
 * survey's findings, with agree / not sure / disagree and an optional comment. Counts are shown with
 * the same small-number suppression as survey results; comments are screened like any answer and kept
 * for the findings' owner only.
 */
import { DomainError } from '../shared/errors';
import { type ShownCount, suppressGroup } from '../shared/suppression';

export const REVIEW_CHOICES = ['agree', 'notSure', 'disagree'] as const;
export type ReviewChoice = (typeof REVIEW_CHOICES)[number];

export const REVIEW_LABELS: Record<ReviewChoice, string> = {
  agree: '👍 I agree',
  notSure: '🤔 Not sure',
  disagree: '👎 I disagree'
};

export function parseReviewChoice(raw: unknown): ReviewChoice {
  if (typeof raw === 'string' && (REVIEW_CHOICES as readonly string[]).includes(raw)) return raw as ReviewChoice;
  throw new DomainError('invalid_input', 'Choose agree, not sure or disagree.', { choice: 'Please choose one.' });
}

/** One reviewer's view of one recommendation; the reviewer is a keyed hash, never a name. */
export interface ReviewVote {
  surveyId: string;
  itemId: string;
  reviewerKey: string;
  choice: ReviewChoice;
  comment: string;
}

export interface ReviewTally {
  itemId: string;
  /** agree, not sure, disagree, in REVIEW_CHOICES order, suppressed as one group (their total is known). */
  shown: ShownCount[];
  reviewers: number;
  /** Comments not held back by the safeguarding screen (the owner's view only). */
  comments: string[];
}

/** Per item: the three counts suppressed together (a reader knows how many reviewed). */
export function tallyReviews(itemIds: string[], votes: ReviewVote[], threshold: number): ReviewTally[] {
  return itemIds.map((itemId) => {
    const mine = votes.filter((v) => v.itemId === itemId);
    const counts = REVIEW_CHOICES.map((c) => mine.filter((v) => v.choice === c).length);
    return { itemId, shown: suppressGroup(counts, threshold).cells, reviewers: mine.length, comments: mine.map((v) => v.comment).filter((c) => c !== '') };
  });
}
