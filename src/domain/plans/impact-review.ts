/**
 * "Is anyone better off?" (issue 14; docs/approvals.md, "Strategic outcome and impact review"): West
 * Sussex's self-evaluation asks each activity to outline its strategic outcome and then review and
 * demonstrate the impact it made. A plan's owner writes the impact review once the loop is closed — the
 * plan's findings approved or its loop closed, or "You said, we did" findings for the plan published —
 * saying what changed, the evidence, and what next. Pure: no I/O.
 */
import { DomainError } from '../shared/errors';
import { cleanText } from '../shared/text';
import type { ImpactReview, Plan } from './plan';

export const IMPACT_LIMITS = { changed: 2000, evidence: 2000, next: 1000 } as const;

/** The plan states in which the loop is closed for the plan itself. */
const CLOSED_STATES: ReadonlySet<Plan['state']> = new Set(['findingsApproved', 'loopClosed']);

/** Whether the owner may write (or change) the impact review: the loop is closed, by the plan or its published findings. */
export function mayReviewImpact(plan: Pick<Plan, 'state'>, findingsPublished: boolean): boolean {
  return CLOSED_STATES.has(plan.state) || findingsPublished;
}

/** Refuses a review written too early, with what to do. */
export function checkMayReviewImpact(plan: Pick<Plan, 'state'>, findingsPublished: boolean): void {
  if (!mayReviewImpact(plan, findingsPublished)) {
    throw new DomainError(
      'conflict',
      'The impact review comes once the loop is closed: when the working group has approved the findings, or "You said, we did" findings for this plan are published.'
    );
  }
}

/** Validates the review form; every problem at once, beside its field. */
export function parseImpactReview(values: Record<string, unknown>): Pick<ImpactReview, 'changed' | 'evidence' | 'next'> {
  const fields: Record<string, string> = {};
  const text = (field: 'changed' | 'evidence' | 'next', label: string): string => {
    try {
      return cleanText(values[`impact_${field}`], { field: label, maxLength: IMPACT_LIMITS[field], required: true, multiline: true });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      fields[`impact_${field}`] = error.message;
      return '';
    }
  };
  const changed = text('changed', 'what changed');
  const evidence = text('evidence', 'evidence');
  const next = text('next', 'what next');
  if (Object.keys(fields).length > 0) throw new DomainError('invalid_input', Object.values(fields).join(' '), fields);
  return { changed, evidence, next };
}

/** Plans whose impact was reviewed ("outcomes reviewed" in the participation audit). */
export const countOutcomesReviewed = (plans: readonly Pick<Plan, 'impactReview'>[]): number => plans.filter((p) => p.impactReview !== undefined).length;
