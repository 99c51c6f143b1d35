import { DomainError } from '../shared/errors';
import { cleanText } from '../shared/text';
import { type LadderId, ladderOf, stepValues } from './ladder';

/** Where the decision sits (DOMAIN.md): the individual, one service, or strategy. */
export const COMMISSIONING_LEVELS = ['micro', 'meso', 'macro'] as const;
export type CommissioningLevel = (typeof COMMISSIONING_LEVELS)[number];

export const COHORTS = ['youngPeople', 'parentCarers', 'practitioners', 'providers'] as const;
export type Cohort = (typeof COHORTS)[number];

/** The ladder of co-production (Think Local Act Personal), bottom to top: the default of the council's ladders (./ladder.ts). */
export const COPRODUCTION_LADDER = ['coercion', 'educating', 'informing', 'consultation', 'engagement', 'coDesign', 'coProduction'] as const;
export type CoproductionLevel = (typeof COPRODUCTION_LADDER)[number];

/** Hart's ladder of children's participation: rungs 1–8; 1–3 are non-participation. */
export const HART_RUNGS = [1, 2, 3, 4, 5, 6, 7, 8] as const;
export const HART_NON_PARTICIPATION_MAX = 3;

/** Why rungs 1–3 are not participation, and what would move the plan up (plain English, for the form and approval card). */
const HART_NON_PARTICIPATION: Record<number, { name: string; why: string }> = {
  1: { name: 'manipulation', why: 'adults use young people’s voices to carry their own message, and young people do not understand the issue or their part in it' },
  2: { name: 'decoration', why: 'young people are there to show or support a cause, but adults decide everything and young people have no say' },
  3: { name: 'tokenism', why: 'young people are asked but have little or no choice about what they say or how it is used' }
};

/**
 * A plain-English warning when a plan aims for Hart’s rungs 1–3 (non-participation), or undefined.
 * It never blocks submission: the working group decides.
 */
export function hartWarning(rung: number | undefined): string | undefined {
  if (rung === undefined || rung > HART_NON_PARTICIPATION_MAX) return undefined;
  const rungInfo = HART_NON_PARTICIPATION[rung];
  if (!rungInfo) return undefined;
  return (
    `Rung ${rung}, ${rungInfo.name}: ${rungInfo.why}. This is not participation. ` +
    'To move it up, tell young people what the activity is for and what their part is, and let them choose what they say and how it is used ' +
    '(rung 4 or 5), or share the decisions with them (rung 6 or higher). The working group decides whether it goes ahead.'
  );
}

export const LUNDY_ELEMENTS = ['space', 'voice', 'audience', 'influence'] as const;
export type LundyElement = (typeof LUNDY_ELEMENTS)[number];
export type LundyAnswer = 'yes' | 'partly' | 'no';
export interface LundyCheck {
  /** '' only in a draft not yet answered. */
  answer: LundyAnswer | '';
  note: string;
}

export const ADJUSTMENTS = ['symbols', 'easyRead', 'aac', 'bsl', 'readAloud', 'extraTime', 'venue', 'virtual'] as const;
export type Adjustment = (typeof ADJUSTMENTS)[number];

export const LABELS = {
  level: { micro: 'Micro: the individual', meso: 'Meso: one service', macro: 'Macro: strategy' } as Record<CommissioningLevel, string>,
  cohort: {
    youngPeople: 'Young people',
    parentCarers: 'Parent carers',
    practitioners: 'Practitioners',
    providers: 'Providers'
  } as Record<Cohort, string>,
  ladder: {
    coercion: 'Coercion',
    educating: 'Educating',
    informing: 'Informing',
    consultation: 'Consultation',
    engagement: 'Engagement',
    coDesign: 'Co-design',
    coProduction: 'Co-production'
  } as Record<CoproductionLevel, string>,
  hart: {
    1: '1 Manipulation',
    2: '2 Decoration',
    3: '3 Tokenism',
    4: '4 Assigned but informed',
    5: '5 Consulted and informed',
    6: '6 Adult-initiated, shared decisions with children',
    7: '7 Child-initiated and directed',
    8: '8 Child-initiated, shared decisions with adults'
  } as Record<number, string>,
  lundy: {
    space: 'Space: views actively sought, in a safe and inclusive space',
    voice: 'Voice: child-friendly information, optional, several ways to give a view',
    audience: 'Audience: they know who will hear their views, and that person can decide',
    influence: 'Influence: views taken seriously, and they are told what was decided and why'
  } as Record<LundyElement, string>,
  answer: { yes: 'Yes', partly: 'Partly', no: 'No' } as Record<LundyAnswer, string>,
  adjustment: {
    symbols: 'Symbols',
    easyRead: 'Easy-read',
    aac: 'AAC (communication aids)',
    bsl: 'BSL',
    readAloud: 'Read aloud',
    extraTime: 'Extra time',
    venue: 'Accessible venue',
    virtual: 'Virtual (Teams)'
  } as Record<Adjustment, string>
} as const;

/** What the plan's author filled in, validated. */
export interface PlanDraft {
  title: string;
  purpose: string;
  /** '' only in a draft. */
  level: CommissioningLevel | '';
  serviceArea: string;
  cohorts: Cohort[];
  startDate: string;
  endDate: string;
  /** The step aimed for on the plan's ladder (`ladderId`); '' only in a draft. */
  ladder: string;
  /** The council's ladder the plan was made (or last edited) under; absent in plans made before issue 14: TLAP. */
  ladderId?: LadderId;
  /** The strategic outcome: what should be better, and for whom (absent in plans made before issue 14). */
  strategicOutcome?: string;
  /** Required when young people take part. */
  hartRung?: number;
  lundy: Record<LundyElement, LundyCheck>;
  adjustments: Adjustment[];
  adjustmentsNote: string;
  decisionMaker: string;
  feedbackBy: string;
  /** The activity meets young people or families in person: the risk assessment below is required (absent in older plans). */
  inPerson?: boolean;
  /** Risk assessment (in person only): where it happens. */
  venue?: string;
  /** Who supervises, or the staff-to-young-person ratio. */
  supervision?: string;
  /** How parental and young person consent is gathered. */
  consent?: string;
  /** Who is the lead on the day. */
  leadOnTheDay?: string;
}

export const PLAN_STATES = [
  'draft',
  'submitted',
  'approved',
  'changesRequested',
  'live',
  'reviewing',
  'findingsApproved',
  'loopClosed'
] as const;
export type PlanState = (typeof PLAN_STATES)[number];

export const STATE_LABELS: Record<PlanState, string> = {
  draft: 'Draft',
  submitted: 'Waiting for the working group',
  approved: 'Approved',
  changesRequested: 'Changes requested',
  live: 'Live',
  reviewing: 'Reviewing findings',
  findingsApproved: 'Findings approved',
  loopClosed: 'Loop closed'
};

export interface Plan extends PlanDraft {
  tenantId: string;
  planId: string;
  state: PlanState;
  /** Person key of the owner. */
  owner: string;
  ownerName?: string;
  ownerUserId: string;
  /** The team whose working group approves this plan. */
  teamId: string;
  createdAt: Date;
  updatedAt: Date;
  /** How many approval rounds have been opened (plan and findings). */
  roundCount: number;
  currentRoundId?: string;
  /** Key findings, written when the plan is reviewed, for the working group's findings approval. */
  findings: string;
  /** "Is anyone better off?": the owner's review of the impact, once the loop is closed (./impact-review.ts). */
  impactReview?: ImpactReview;
  etag?: string;
}

/** The impact review (West Sussex's self-evaluation): what changed, the evidence, what next; who and when. */
export interface ImpactReview {
  changed: string;
  evidence: string;
  next: string;
  /** Person key of who wrote it (the plan's owner). */
  by: string;
  byName?: string;
  at: Date;
}

/** What can happen to a plan, and who may make it happen. */
export type PlanEvent =
  | 'submit'
  | 'roundApproved'
  | 'roundChangesRequested'
  | 'goLive'
  | 'startReview'
  | 'submitFindings'
  | 'findingsApproved'
  | 'findingsChangesRequested'
  | 'closeLoop';

/** Events only the approval mechanism causes; a person cannot trigger them directly. */
export const SYSTEM_EVENTS: ReadonlySet<PlanEvent> = new Set(['roundApproved', 'roundChangesRequested', 'findingsApproved', 'findingsChangesRequested']);

const TRANSITIONS: Record<PlanEvent, { from: PlanState[]; to: PlanState }> = {
  submit: { from: ['draft', 'changesRequested'], to: 'submitted' },
  roundApproved: { from: ['submitted'], to: 'approved' },
  roundChangesRequested: { from: ['submitted'], to: 'changesRequested' },
  goLive: { from: ['approved'], to: 'live' },
  startReview: { from: ['live'], to: 'reviewing' },
  // Findings go to the working group while the plan stays in review; the round's outcome moves it on.
  submitFindings: { from: ['reviewing'], to: 'reviewing' },
  findingsApproved: { from: ['reviewing'], to: 'findingsApproved' },
  findingsChangesRequested: { from: ['reviewing'], to: 'reviewing' },
  closeLoop: { from: ['findingsApproved'], to: 'loopClosed' }
};

const EVENT_WORDS: Record<PlanEvent, string> = {
  submit: 'submit this plan',
  roundApproved: 'approve this plan',
  roundChangesRequested: 'request changes to this plan',
  goLive: 'make this plan live',
  startReview: 'start reviewing this plan',
  submitFindings: 'send the findings for approval',
  findingsApproved: 'approve the findings',
  findingsChangesRequested: 'request changes to the findings',
  closeLoop: 'close the loop'
};

/** The state a plan moves to on `event`; refuses anything the lifecycle does not allow. */
export function nextState(state: PlanState, event: PlanEvent): PlanState {
  const rule = TRANSITIONS[event];
  if (!rule.from.includes(state)) {
    throw new DomainError('invalid_input', `You cannot ${EVENT_WORDS[event]} now: it is ${STATE_LABELS[state].toLowerCase()}.`);
  }
  return rule.to;
}

/** The events a person (the owner) can trigger from this state: the plan card's buttons. */
export function ownerEvents(state: PlanState): PlanEvent[] {
  return (Object.keys(TRANSITIONS) as PlanEvent[]).filter((event) => !SYSTEM_EVENTS.has(event) && TRANSITIONS[event].from.includes(state));
}

/** Only the owner changes a plan. */
export function checkOwner(plan: Plan, personKey: string): void {
  if (plan.owner !== personKey) throw new DomainError('forbidden', 'Only the person who wrote this plan can change it.');
}

/**
 * The rule other features call before publishing something attached to a plan: a survey (or
 * session) may go out only once the working group has approved the plan, and only while it runs.
 */
export function maySurveyBePublished(plan: Pick<Plan, 'state'>): boolean {
  return plan.state === 'approved' || plan.state === 'live';
}

/** States a plan reaches only once the working group has approved it (an activity in the audit). */
const APPROVED_STATES: ReadonlySet<PlanState> = new Set<PlanState>(['approved', 'live', 'reviewing', 'findingsApproved', 'loopClosed']);

/** Whether the working group has approved the plan (it may since have gone live, into review or closed). */
export function wasApproved(plan: Pick<Plan, 'state'>): boolean {
  return APPROVED_STATES.has(plan.state);
}

/** What the survey is about to do, in the words of the refusal ("can be published only once…"). */
export type GatedAction = 'published' | 'sent' | 'run in a session';

/** What the author can do about a plan that is not (or no longer) approved. */
const NEXT_STEP: Record<PlanState, string> = {
  draft: 'Finish the plan and send it to the working group ("plans" lists yours).',
  changesRequested: 'The working group asked for changes: change the plan and send it again ("plans" lists yours).',
  submitted: 'Wait for the working group’s decision ("plans" shows where it is).',
  approved: '',
  live: '',
  reviewing: 'Its activity has ended: choose a plan that is approved or live, or write a new one ("plan new").',
  findingsApproved: 'Its activity has ended: choose a plan that is approved or live, or write a new one ("plan new").',
  loopClosed: 'Its activity has ended: choose a plan that is approved or live, or write a new one ("plan new").'
};

/** Throws a clear `forbidden` when {@link maySurveyBePublished} says no: the plan, its state, and what to do. */
export function checkSurveyMayBePublished(plan: Pick<Plan, 'state' | 'title'>, action: GatedAction = 'published'): void {
  if (!maySurveyBePublished(plan)) {
    throw new DomainError(
      'forbidden',
      `The plan "${plan.title}" is ${STATE_LABELS[plan.state].toLowerCase()}: a survey can be ${action} only once the working group has approved it. ${NEXT_STEP[plan.state]}`
    );
  }
}

export const PLAN_LIMITS = {
  findings: 3000,
  title: 150,
  purpose: 2000,
  serviceArea: 150,
  note: 500,
  decisionMaker: 150,
  adjustmentsNote: 500,
  venue: 300,
  supervision: 500,
  consent: 500,
  leadOnTheDay: 150,
  strategicOutcome: 1000
} as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Multi-select values arrive as "a,b,c". */
function list(raw: unknown): string[] {
  if (typeof raw !== 'string') return [];
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function validDate(raw: unknown): string | undefined {
  if (typeof raw !== 'string' || !DATE.test(raw.trim())) return undefined;
  const date = raw.trim();
  return new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) === date ? date : undefined;
}

/**
 * Validates the plan form. Every problem is reported at once, per field; `complete: false` (saving
 * a draft) accepts missing fields but still refuses invalid ones.
 */
export function parsePlanForm(values: Record<string, unknown>, options: { complete: boolean; today: string; ladder?: LadderId }): PlanDraft {
  const fields: Record<string, string> = {};
  const required = options.complete;
  const text = (field: string, label: string, maxLength: number, opts: { multiline?: boolean; required?: boolean } = {}): string => {
    try {
      return cleanText(values[field], { field: label, maxLength, required: opts.required ?? required, multiline: opts.multiline });
    } catch (error) {
      if (error instanceof DomainError) fields[field] = error.message;
      else throw error;
      return '';
    }
  };
  const oneOf = <T extends string>(field: string, allowed: readonly T[], message: string): T | undefined => {
    const value = values[field];
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    if ((value === undefined || value === '') && !required) return undefined;
    fields[field] = message;
    return undefined;
  };
  const manyOf = <T extends string>(field: string, allowed: readonly T[], message: string): T[] => {
    const chosen = list(values[field]);
    const bad = chosen.filter((c) => !(allowed as readonly string[]).includes(c));
    if (bad.length > 0) fields[field] = message;
    return [...new Set(chosen.filter((c) => (allowed as readonly string[]).includes(c)))] as T[];
  };

  const title = text('title', 'title', PLAN_LIMITS.title, { required: true });
  const purpose = text('purpose', 'purpose', PLAN_LIMITS.purpose, { multiline: true });
  const strategicOutcome = text('strategicOutcome', 'strategic outcome (what should be better, and for whom)', PLAN_LIMITS.strategicOutcome, { multiline: true });
  const level = oneOf('level', COMMISSIONING_LEVELS, 'Choose the commissioning level.');
  const serviceArea = text('serviceArea', 'service area', PLAN_LIMITS.serviceArea);
  const cohorts = manyOf('cohorts', COHORTS, 'Choose who will take part.');
  if (required && cohorts.length === 0) fields.cohorts = 'Choose who will take part.';

  const startDate = validDate(values.startDate);
  const endDate = validDate(values.endDate);
  if ((required || values.startDate) && !startDate) fields.startDate = 'Give the first date of the activity.';
  if ((required || values.endDate) && !endDate) fields.endDate = 'Give the last date of the activity.';
  if (startDate && endDate && endDate < startDate) fields.endDate = 'The last date cannot be before the first.';
  if (required && startDate && startDate < options.today) fields.startDate = 'The activity cannot start in the past.';

  const councilLadder = ladderOf(options.ladder);
  const ladder = oneOf('ladder', stepValues(councilLadder.id), `Choose the step aimed for on the ${councilLadder.label}.`);
  let hartRung: number | undefined;
  const rawHart = values.hartRung;
  if (rawHart !== undefined && rawHart !== '') {
    const n = Number(rawHart);
    if (Number.isInteger(n) && n >= 1 && n <= 8) hartRung = n;
    else fields.hartRung = 'Choose a rung of Hart’s ladder from 1 to 8.';
  } else if (required && cohorts.includes('youngPeople')) {
    fields.hartRung = 'Young people take part: choose the rung of Hart’s ladder you aim for.';
  }

  const lundy = {} as Record<LundyElement, LundyCheck>;
  for (const element of LUNDY_ELEMENTS) {
    const raw = values[`lundy_${element}`];
    const answer = raw === 'yes' || raw === 'partly' || raw === 'no' ? raw : undefined;
    if (!answer && (required || (raw !== undefined && raw !== ''))) fields[`lundy_${element}`] = `Answer the Lundy check for ${element}: yes, partly or no.`;
    const note = text(`lundy_${element}_note`, `${element} note`, PLAN_LIMITS.note, { multiline: true, required: false });
    if (required && answer && answer !== 'yes' && note === '' && !fields[`lundy_${element}_note`]) {
      fields[`lundy_${element}_note`] = `Say how you will address ${element} (you answered "${answer}").`;
    }
    lundy[element] = { answer: answer ?? '', note };
  }

  const adjustments = manyOf('adjustments', ADJUSTMENTS, 'Choose adjustments from the list.');
  const adjustmentsNote = text('adjustmentsNote', 'other adjustments', PLAN_LIMITS.adjustmentsNote, { multiline: true, required: false });
  const decisionMaker = text('decisionMaker', 'name of who will decide', PLAN_LIMITS.decisionMaker);
  const feedbackBy = validDate(values.feedbackBy);
  if ((required || values.feedbackBy) && !feedbackBy) fields.feedbackBy = 'Give the date by which participants will hear what happened.';
  if (feedbackBy && endDate && feedbackBy < endDate) fields.feedbackBy = 'Participants should hear back after the activity ends.';

  // The risk assessment: required (to submit) only when the activity is in person, each with its own message.
  const inPerson = values.inPerson === true || values.inPerson === 'true';
  const risk = (field: string, label: string, maxLength: number, missing: string, multiline = true): string => {
    const value = text(field, label, maxLength, { multiline, required: false });
    if (required && inPerson && value === '' && !fields[field]) fields[field] = `It is in person: ${missing}.`;
    return value;
  };
  const venue = risk('venue', 'venue', PLAN_LIMITS.venue, 'say where it takes place (the venue)', false);
  const supervision = risk('supervision', 'supervision', PLAN_LIMITS.supervision, 'say who supervises, or the staff-to-young-person ratio');
  const consent = risk('consent', 'consent', PLAN_LIMITS.consent, 'say how parental and young person consent is gathered');
  const leadOnTheDay = risk('leadOnTheDay', 'lead on the day', PLAN_LIMITS.leadOnTheDay, 'say who is the lead on the day', false);

  if (Object.keys(fields).length > 0) {
    throw new DomainError('invalid_input', Object.values(fields).join(' '), fields);
  }
  return {
    title,
    purpose,
    level: level ?? '',
    serviceArea,
    cohorts,
    startDate: startDate ?? '',
    endDate: endDate ?? '',
    ladder: ladder ?? '',
    ladderId: councilLadder.id,
    strategicOutcome,
    hartRung,
    lundy,
    adjustments,
    adjustmentsNote,
    decisionMaker,
    feedbackBy: feedbackBy ?? '',
    inPerson,
    venue,
    supervision,
    consent,
    leadOnTheDay
  };
}

/** A stored plan re-checked as complete before it goes to the working group. */
export function checkComplete(plan: PlanDraft, today: string): void {
  parsePlanForm(toFormValues(plan), { complete: true, today, ladder: plan.ladderId });
}

/** The plan as the form's values (to prefill the form when editing). */
export function toFormValues(plan: PlanDraft): Record<string, string> {
  const values: Record<string, string> = {
    title: plan.title,
    purpose: plan.purpose,
    strategicOutcome: plan.strategicOutcome ?? '',
    level: plan.level,
    serviceArea: plan.serviceArea,
    cohorts: plan.cohorts.join(','),
    startDate: plan.startDate,
    endDate: plan.endDate,
    ladder: plan.ladder,
    hartRung: plan.hartRung !== undefined ? String(plan.hartRung) : '',
    adjustments: plan.adjustments.join(','),
    adjustmentsNote: plan.adjustmentsNote,
    decisionMaker: plan.decisionMaker,
    feedbackBy: plan.feedbackBy,
    inPerson: plan.inPerson ? 'true' : 'false',
    venue: plan.venue ?? '',
    supervision: plan.supervision ?? '',
    consent: plan.consent ?? '',
    leadOnTheDay: plan.leadOnTheDay ?? ''
  };
  for (const element of LUNDY_ELEMENTS) {
    values[`lundy_${element}`] = plan.lundy[element].answer;
    values[`lundy_${element}_note`] = plan.lundy[element].note;
  }
  return values;
}
