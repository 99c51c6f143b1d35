/** The safety promise: what happens when someone tells us something worrying (docs/delivery.md, "Safeguarding"). */
import type { Cohort } from '../../domain/surveys/survey';

/**
 * Where the promise "your name will not be shown" ends, said before anyone answers: a worrying
 * written answer goes to the designated safeguarding lead with the person's name (docs/delivery.md,
 * "Safeguarding"). Easy read for young people (no sentence over 15 words); plain English for adults,
 * whose worrying answers may be about a child as much as about themselves.
 */
export const SAFETY_PROMISE = {
  easyRead:
    '🛡️ Something you tell us might make us worried about your safety. ' +
    'Then we will tell someone whose job is to help keep you safe. We will tell them your name.',
  plain: "🛡️ If an answer makes us worried about someone's safety, we will tell the council's safeguarding lead. We will tell them your name, even if answers are anonymous."
} as const;

/** The promise in the words of the survey's cohort. */
export const safetyPromiseFor = (cohort: Cohort): string => (cohort === 'youngPeople' ? SAFETY_PROMISE.easyRead : SAFETY_PROMISE.plain);
