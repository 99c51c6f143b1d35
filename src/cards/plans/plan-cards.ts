import planFormTemplate from './plan-form.json';
import planListTemplate from './plan-list.json';
import planTemplate from './plan.json';
import type { SubjectSummary } from '../../domain/approvals/ports';
import { type ApprovalRound, changeRequests } from '../../domain/approvals/approval-round';
import type { AuditEntry } from '../../domain/shared/audit';
import {
  ADJUSTMENTS,
  COHORTS,
  COMMISSIONING_LEVELS,
  HART_RUNGS,
  LABELS,
  LUNDY_ELEMENTS,
  type Plan,
  type PlanEvent,
  STATE_LABELS,
  hartWarning,
  ownerEvents,
  toFormValues
} from '../../domain/plans/plan';
import type { PlanLists } from '../../domain/plans/plan-service';
import { type LadderId, ladderOf, rungWords } from '../../domain/plans/ladder';
import { formatForPeople } from '../../domain/shared/time';
import { type AdaptiveCardJson, renderCard } from '../shared/render';
import { VERBS } from '../shared/verbs';

const TZ = 'Europe/London';
type Fact = { title: string; value: string };

const FORM_FIELDS = [
  'title',
  'purpose',
  'strategicOutcome',
  'level',
  'serviceArea',
  'cohorts',
  'startDate',
  'endDate',
  'ladder',
  'hartRung',
  'adjustments',
  'adjustmentsNote',
  'decisionMaker',
  'feedbackBy',
  'inPerson',
  'venue',
  'supervision',
  'consent',
  'leadOnTheDay',
  ...LUNDY_ELEMENTS.flatMap((e) => [`lundy_${e}`, `lundy_${e}_note`])
];

// ---- plan form ----------------------------------------------------------------------------------

export function planFormCard(input: {
  planId: string;
  groups: { teamId: string; label: string }[];
  teamId?: string;
  values?: Record<string, unknown>;
  errors?: Record<string, string>;
  editing?: boolean;
  /** The council's ladder (its steps, in its words); absent: TLAP. */
  ladder?: LadderId;
  /** Said above the ladder's steps (a plan made under the council's earlier ladder). */
  ladderNote?: string;
}): AdaptiveCardJson {
  const raw = input.values ?? {};
  const v: Record<string, string | null> = {};
  for (const field of FORM_FIELDS) v[field] = typeof raw[field] === 'string' ? (raw[field] as string) : '';
  // An empty date is left out (null is dropped), so clients show an empty picker.
  for (const field of ['startDate', 'endDate', 'feedbackBy']) if (v[field] === '') v[field] = null;
  const errors = input.errors ?? {};
  const known = new Set(['teamId', 'title', 'purpose', 'strategicOutcome', 'level', 'serviceArea', 'cohorts', 'startDate', 'endDate', 'ladder', 'hartRung', 'adjustments', 'decisionMaker', 'feedbackBy', 'venue', 'supervision', 'consent', 'leadOnTheDay']);
  const other = Object.entries(errors).filter(([f]) => !known.has(f) && !f.startsWith('lundy_')).map(([, m]) => m);
  const teamId = input.teamId ?? (typeof raw.teamId === 'string' ? raw.teamId : input.groups.length === 1 ? input.groups[0]!.teamId : '');
  const heading = input.editing ? 'Edit the engagement plan' : 'Plan an engagement activity';
  const councilLadder = ladderOf(input.ladder);
  return renderCard(planFormTemplate, {
    planId: input.planId,
    heading,
    teamId,
    values: v,
    hasErrors: Object.keys(errors).length > 0,
    // Shown whenever the form is shown (re-shown after a check, or to edit) with rung 1–3 chosen; it does not block.
    hartWarning: hartWarning(v.hartRung ? Number(v.hartRung) : undefined) ?? '',
    errorSummary: other.length > 0 ? other.join(' ') : 'see the messages below.',
    errors: Object.fromEntries([...known].map((f) => [f, errors[f] ?? ''])),
    groups: input.groups.map((g) => ({ title: g.label, value: g.teamId })),
    levels: COMMISSIONING_LEVELS.map((l) => ({ title: LABELS.level[l], value: l })),
    cohorts: COHORTS.map((c) => ({ title: LABELS.cohort[c], value: c })),
    ladder: councilLadder.steps.map((step) => ({ title: step.words, value: step.value })),
    ladderLabel: `Step aimed for on the ${councilLadder.label}`,
    ladderNote: input.ladderNote ?? '',
    // The council's own words for each step, where its strategy gives them (West Sussex, Bury).
    ladderMeanings: councilLadder.steps.filter((step) => step.meaning).map((step) => ({ title: step.words, value: step.meaning })),
    hart: HART_RUNGS.map((r) => ({ title: LABELS.hart[r] ?? String(r), value: String(r) })),
    adjustments: ADJUSTMENTS.map((a) => ({ title: LABELS.adjustment[a], value: a })),
    lundy: LUNDY_ELEMENTS.map((e) => ({
      answerId: `lundy_${e}`,
      noteId: `lundy_${e}_note`,
      label: LABELS.lundy[e],
      answer: v[`lundy_${e}`] ?? '',
      note: v[`lundy_${e}_note`] ?? '',
      answerError: errors[`lundy_${e}`] ?? '',
      noteError: errors[`lundy_${e}_note`] ?? ''
    })),
    speak: `${heading}. Fill in the plan, then submit it to the working group or save a draft.`
  });
}

/**
 * The form prefilled with a stored plan. A plan made under another ladder than the council's now (the
 * council changed it since) is placed on the council's ladder again: its step is not carried over.
 */
export function planEditCard(plan: Plan, groups: { teamId: string; label: string }[], ladder?: LadderId): AdaptiveCardJson {
  const values = toFormValues(plan);
  const moved = ladderOf(plan.ladderId).id !== ladderOf(ladder).id && plan.ladder !== '';
  if (moved) values.ladder = '';
  const ladderNote = moved
    ? `This plan was made on the ${ladderOf(plan.ladderId).label} ("${rungWords(plan.ladderId, plan.ladder)}"). The council now uses the ${ladderOf(ladder).label}: choose the step again.`
    : undefined;
  return planFormCard({ planId: plan.planId, groups, teamId: plan.teamId, values, editing: true, ladder, ladderNote });
}

// ---- plan card ----------------------------------------------------------------------------------

const EVENT_BUTTONS: Record<string, { title: string; verb: string; inputs: string }> = {
  submit: { title: 'Submit to the working group', verb: VERBS.planSubmit, inputs: 'none' },
  goLive: { title: 'Mark as live', verb: VERBS.planAct, inputs: 'none' },
  startReview: { title: 'Start the review', verb: VERBS.planAct, inputs: 'none' },
  submitFindings: { title: 'Send findings for approval', verb: VERBS.planFindings, inputs: 'auto' },
  closeLoop: { title: 'Close the loop', verb: VERBS.planAct, inputs: 'none' }
};

const ACTION_WORDS: Record<string, string> = {
  'plan.created': 'Created',
  'plan.edited': 'Edited',
  'plan.submitted': 'Sent to the working group',
  'plan.roundApproved': 'Approved by the working group',
  'plan.roundChangesRequested': 'Changes requested by the working group',
  'plan.goLive': 'Marked live',
  'plan.startReview': 'Review started',
  'plan.findingsSubmitted': 'Findings sent to the working group',
  'plan.findingsApproved': 'Findings approved',
  'plan.findingsChangesRequested': 'Changes to the findings requested',
  'plan.closeLoop': 'Loop closed',
  'round.opened': 'Approval round opened',
  'round.decision': 'Decision',
  'round.closed': 'Round closed',
  'round.withdrawn': 'Withdrawn from the working group',
  'reminder.sent': 'Reminder sent',
  'reminder.notReachable': 'Reminder could not be delivered',
  'escalation.sent': 'Chair told who is outstanding',
  'escalation.notReachable': 'Chair could not be reached',
  'owner.sent': 'Owner told',
  'owner.notReachable': 'Owner could not be reached'
};

export function historyLines(entries: AuditEntry[]): Fact[] {
  return entries.slice(-25).map((e) => ({
    title: formatForPeople(e.at, TZ),
    value: `${ACTION_WORDS[e.action] ?? e.action}${e.actorName ? ` — ${e.actorName}` : ''}${e.action === 'round.decision' || e.action === 'round.closed' ? `: ${e.detail}` : ''}`
  }));
}

function stateColor(plan: Plan): string {
  if (plan.state === 'changesRequested') return 'Attention';
  if (['approved', 'live', 'findingsApproved', 'loopClosed'].includes(plan.state)) return 'Good';
  return 'Default';
}

export function planCard(
  plan: Plan,
  options: {
    summary: SubjectSummary;
    history: AuditEntry[];
    lastRound?: ApprovalRound;
    isOwner: boolean;
    notice?: string;
    /** The owner may write the impact review now (the loop is closed): the form is shown. */
    mayReviewImpact?: boolean;
    /** The review form as sent, and its problems, when it comes back after a check. */
    impactValues?: Record<string, unknown>;
    impactErrors?: Record<string, string>;
  }
): AdaptiveCardJson {
  const events: (PlanEvent | 'edit' | 'delete')[] = options.isOwner ? [...ownerEvents(plan.state)] : [];
  const findingsOpen = plan.currentRoundId?.startsWith('findings-') && options.lastRound?.status === 'open';
  const actions = events
    .filter((e) => !(e === 'submitFindings' && findingsOpen))
    .map((e) => ({ ...EVENT_BUTTONS[e]!, event: e, planId: plan.planId }));
  if (options.isOwner && (plan.state === 'draft' || plan.state === 'changesRequested')) {
    actions.unshift({ title: plan.state === 'draft' ? 'Edit' : 'Edit and resubmit', verb: VERBS.planEdit, inputs: 'none', event: 'edit', planId: plan.planId });
  }
  if (options.isOwner && ['draft', 'submitted', 'changesRequested'].includes(plan.state)) {
    actions.push({ title: 'Delete plan', verb: VERBS.planDelete, inputs: 'none', event: 'delete', planId: plan.planId });
  }
  const comments = options.lastRound && options.lastRound.outcome === 'changesRequested' ? changeRequests(options.lastRound) : [];
  const stateLine = `${STATE_LABELS[plan.state]}${findingsOpen ? ' · findings with the working group' : ''}`;
  return renderCard(planTemplate, {
    kindLabel: 'Engagement plan',
    title: plan.title,
    stateLine,
    stateColor: stateColor(plan),
    notice: options.notice ?? '',
    facts: options.summary.facts,
    checklist: options.summary.checklist,
    warnings: (options.summary.warnings ?? []).map((text) => ({ text })),
    riskAssessment: options.summary.riskAssessment ?? [],
    comments,
    history: historyLines(options.history),
    canSubmitFindings: actions.some((a) => a.event === 'submitFindings'),
    ...impactSection(plan, options),
    findings: plan.findings,
    actions,
    speak: `Engagement plan ${plan.title}. ${stateLine}.`
  });
}

/** The owner's "Is anyone better off?" form: prefilled with the review so far (or what they sent), problems beside the fields. */
function impactSection(
  plan: Plan,
  options: { isOwner: boolean; mayReviewImpact?: boolean; impactValues?: Record<string, unknown>; impactErrors?: Record<string, string> }
) {
  const sent = options.impactValues ?? {};
  const value = (field: 'changed' | 'evidence' | 'next'): string => {
    const raw = sent[`impact_${field}`];
    return typeof raw === 'string' ? raw : (plan.impactReview?.[field] ?? '');
  };
  const errors = options.impactErrors ?? {};
  return {
    canReviewImpact: options.isOwner && options.mayReviewImpact === true,
    planId: plan.planId,
    impactIntro: plan.impactReview
      ? 'You reviewed the impact (shown above). You can revise it as more evidence comes in.'
      : `The loop is closed. Look back at the strategic outcome${plan.strategicOutcome ? ` ("${plan.strategicOutcome}")` : ''}: what changed, how you know, and what happens next.`,
    impact: { changed: value('changed'), evidence: value('evidence'), next: value('next') },
    impactErrors: { changed: errors.impact_changed ?? '', evidence: errors.impact_evidence ?? '', next: errors.impact_next ?? '' },
    impactButton: plan.impactReview ? 'Update the impact review' : 'Save the impact review',
    impactVerb: VERBS.planImpact
  };
}

export function planListCard(lists: PlanLists): AdaptiveCardJson {
  const mine = lists.mine.map((p) => ({ planId: p.planId, title: p.title, detail: `${STATE_LABELS[p.state]} · updated ${formatForPeople(p.updatedAt, TZ)}` }));
  const waiting = lists.waiting.map(({ round, plan }) => ({
    roundId: round.roundId,
    title: round.subjectType === 'findings' ? `Findings: ${plan.title}` : plan.title,
    detail: `From ${round.ownerName ?? 'a colleague'} · deadline ${formatForPeople(round.deadline, TZ)}`
  }));
  return renderCard(planListTemplate, {
    mine,
    waiting,
    speak: `Engagement plans. ${waiting.length} waiting for your decision. You have ${mine.length} plans.`
  });
}
