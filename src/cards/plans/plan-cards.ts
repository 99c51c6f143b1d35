import approvalTemplate from './approval.json';
import groupFormTemplate from './group-form.json';
import infoTemplate from './info.json';
import planFormTemplate from './plan-form.json';
import planListTemplate from './plan-list.json';
import planTemplate from './plan.json';
import type { SubjectSummary } from '../../domain/approvals/ports';
import { type ApprovalRound, DECISION_LABELS, type MemberDecision, changeRequests, tallyOf } from '../../domain/approvals/approval-round';
import type { AuditEntry } from '../../domain/shared/audit';
import {
  ADJUSTMENTS,
  COHORTS,
  COMMISSIONING_LEVELS,
  COPRODUCTION_LADDER,
  HART_RUNGS,
  LABELS,
  LUNDY_ELEMENTS,
  type Plan,
  type PlanEvent,
  STATE_LABELS,
  ownerEvents,
  toFormValues
} from '../../domain/plans/plan';
import type { PlanLists } from '../../domain/plans/plan-service';
import { formatForPeople } from '../../domain/shared/time';
import { type GroupMember, type RosterEntry, type WorkingGroup, describeRule } from '../../domain/approvals/working-group';
import { type AdaptiveCardJson, renderCard } from '../shared/render';
import { VERBS } from '../shared/verbs';

const TZ = 'Europe/London';
type Fact = { title: string; value: string };
type Choice = { title: string; value: string };

const FORM_FIELDS = [
  'title',
  'purpose',
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
}): AdaptiveCardJson {
  const raw = input.values ?? {};
  const v: Record<string, string | null> = {};
  for (const field of FORM_FIELDS) v[field] = typeof raw[field] === 'string' ? (raw[field] as string) : '';
  // An empty date is left out (null is dropped), so clients show an empty picker.
  for (const field of ['startDate', 'endDate', 'feedbackBy']) if (v[field] === '') v[field] = null;
  const errors = input.errors ?? {};
  const known = new Set(['teamId', 'title', 'purpose', 'level', 'serviceArea', 'cohorts', 'startDate', 'endDate', 'ladder', 'hartRung', 'adjustments', 'decisionMaker', 'feedbackBy']);
  const other = Object.entries(errors).filter(([f]) => !known.has(f) && !f.startsWith('lundy_')).map(([, m]) => m);
  const teamId = input.teamId ?? (typeof raw.teamId === 'string' ? raw.teamId : input.groups.length === 1 ? input.groups[0]!.teamId : '');
  const heading = input.editing ? 'Edit the engagement plan' : 'Plan an engagement activity';
  return renderCard(planFormTemplate, {
    planId: input.planId,
    heading,
    teamId,
    values: v,
    hasErrors: Object.keys(errors).length > 0,
    errorSummary: other.length > 0 ? other.join(' ') : 'see the messages below.',
    errors: Object.fromEntries([...known].map((f) => [f, errors[f] ?? ''])),
    groups: input.groups.map((g) => ({ title: g.label, value: g.teamId })),
    levels: COMMISSIONING_LEVELS.map((l) => ({ title: LABELS.level[l], value: l })),
    cohorts: COHORTS.map((c) => ({ title: LABELS.cohort[c], value: c })),
    ladder: COPRODUCTION_LADDER.map((l) => ({ title: LABELS.ladder[l], value: l })),
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

/** The form prefilled with a stored plan. */
export function planEditCard(plan: Plan, groups: { teamId: string; label: string }[]): AdaptiveCardJson {
  return planFormCard({ planId: plan.planId, groups, teamId: plan.teamId, values: toFormValues(plan), editing: true });
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
  options: { summary: SubjectSummary; history: AuditEntry[]; lastRound?: ApprovalRound; isOwner: boolean; notice?: string }
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
    comments,
    history: historyLines(options.history),
    canSubmitFindings: actions.some((a) => a.event === 'submitFindings'),
    findings: plan.findings,
    actions,
    speak: `Engagement plan ${plan.title}. ${stateLine}.`
  });
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

// ---- approval card ------------------------------------------------------------------------------

export interface ApprovalCardOptions {
  /** A member's (or another person's) own view; absent for the shared channel message. */
  viewer?: { isMember: boolean; mine?: MemberDecision };
  banner?: string;
  notice?: string;
  comment?: string;
  commentError?: string;
}

const names = (members: GroupMember[]): string => members.map((m) => m.name ?? 'a member').join(', ');

export function approvalCard(round: ApprovalRound, summary: SubjectSummary, options: ApprovalCardOptions = {}): AdaptiveCardJson {
  const open = round.status === 'open';
  const t = tallyOf(round);
  const status = open
    ? `Open · deadline ${formatForPeople(round.deadline, TZ)} · approved when ${describeRule(round.rule, round.members.length)}`
    : `Closed: ${round.outcome === 'approved' ? 'approved' : round.outcome === 'withdrawn' ? 'withdrawn by the owner' : 'changes requested'}`;
  const decisions = round.members
    .filter((m) => round.decisions[m.key])
    .map((m) => {
      const d = round.decisions[m.key]!;
      return { name: m.name ?? 'A member', text: `${DECISION_LABELS[d.decision]}${d.comment ? `: ${d.comment}` : ''}` };
    });
  const tallyText = `Approve ${t.approvals} · Request changes ${t.changes} · Abstain ${t.abstentions} · ${t.undecided.length} ${open ? 'still to decide' : 'did not decide'}`;
  const viewer = options.viewer;
  const mine = viewer?.mine;
  // The shared message shows the buttons to everyone (a non-member who clicks is told why not).
  const canDecide = open && (viewer ? viewer.isMember : true);
  return renderCard(approvalTemplate, {
    roundId: round.roundId,
    banner: options.banner ?? '',
    heading: `${summary.kindLabel} for the working group · round ${round.number} · from ${round.ownerName ?? 'a colleague'}`,
    title: summary.title,
    statusLine: status,
    statusColor: open ? 'Default' : round.outcome === 'approved' ? 'Good' : 'Attention',
    notice: options.notice ?? (viewer && !viewer.isMember && open ? 'Only members of the working group decide. You can follow the round here.' : ''),
    myDecisionText: mine ? `You chose: ${DECISION_LABELS[mine.decision]}${open ? ' (you can change this until the round closes)' : ''}` : '',
    facts: summary.facts,
    checklist: summary.checklist,
    tallyText,
    undecidedText: open && t.undecided.length > 0 ? `Still to decide: ${names(t.undecided)}` : '',
    decisions,
    canDecide,
    comment: options.comment ?? mine?.comment ?? '',
    commentError: options.commentError ?? '',
    refresh: open,
    refreshUserIds: round.members.map((m) => m.userId).slice(0, 60),
    speak: `${summary.kindLabel}: ${summary.title}. ${status}. ${tallyText}.`
  });
}

export function reminderCard(round: ApprovalRound, summary: SubjectSummary, reminder: number, of: number): AdaptiveCardJson {
  return approvalCard(round, summary, {
    viewer: { isMember: true },
    banner: `Reminder ${reminder} of ${of}: the working group is waiting for your decision.`
  });
}

export function escalationCard(round: ApprovalRound, summary: SubjectSummary, outstanding: GroupMember[], chairIsMember: boolean): AdaptiveCardJson {
  return approvalCard(round, summary, {
    viewer: { isMember: chairIsMember, mine: round.decisions[round.chair] },
    banner: `The deadline has passed. Still to decide: ${names(outstanding)}.`,
    notice: ''
  });
}

export function outcomeCard(round: ApprovalRound, summary: SubjectSummary): AdaptiveCardJson {
  const approved = round.outcome === 'approved';
  const comments = changeRequests(round).map((c) => ({ title: c.name, value: c.comment }));
  return infoCard({
    title: approved ? `Approved: ${summary.title}` : `Changes requested: ${summary.title}`,
    text: approved
      ? `The working group approved your ${summary.kindLabel.toLowerCase()}.`
      : `The working group asked for changes to your ${summary.kindLabel.toLowerCase()}. Edit it and submit it again: a new round starts and the history is kept.`,
    color: approved ? 'Good' : 'Attention',
    facts: comments,
    actions: [{ title: 'Open the plan', verb: VERBS.planShow, data: { planId: round.subjectId } }]
  });
}

// ---- working group ------------------------------------------------------------------------------

export function groupFormCard(input: {
  formId: string;
  roster: RosterEntry[];
  existing?: WorkingGroup;
  values?: Record<string, unknown>;
  errors?: Record<string, string>;
}): AdaptiveCardJson {
  const v = input.values ?? {};
  const str = (k: string, fallback: string): string => (typeof v[k] === 'string' ? (v[k] as string) : fallback);
  const g = input.existing;
  const people: Choice[] = input.roster.map((r) => ({ title: r.name ?? r.userId, value: r.aadObjectId ?? r.userId }));
  const errors = input.errors ?? {};
  const known = ['name', 'memberSource', 'members', 'chair', 'rule', 'n'];
  const other = Object.entries(errors).filter(([f]) => !known.includes(f)).map(([, m]) => m);
  const heading = g ? 'Change the working group' : 'Set up the working group';
  return renderCard(groupFormTemplate, {
    formId: input.formId,
    heading,
    hasErrors: Object.keys(errors).length > 0,
    errorSummary: other.length > 0 ? other.join(' ') : 'see the messages below.',
    errors: Object.fromEntries(known.map((f) => [f, errors[f] ?? ''])),
    people,
    name: str('name', g?.name ?? 'SEND participation working group'),
    memberSource: str('memberSource', g?.memberSource ?? 'team'),
    members: str('members', g?.memberSource === 'named' ? g.members.map((m) => m.key).join(',') : ''),
    chair: str('chair', g?.chair ?? ''),
    rule: str('rule', g?.rule.kind ?? 'majority'),
    // null is dropped: an empty number box, not a 0 that fails the box's own minimum.
    n: str('n', g?.rule.kind === 'nOfM' ? String(g.rule.n) : '') || null,
    speak: `${heading}: choose the members, the chair and the rule.`
  });
}

export function groupCard(group: WorkingGroup): AdaptiveCardJson {
  const chair = group.members.find((m) => m.key === group.chair)?.name ?? 'the chair';
  return infoCard({
    title: `Working group saved: ${group.name}`,
    text: `Plans sent to this team's working group are approved here when ${describeRule(group.rule, group.members.length)}.`,
    color: 'Good',
    facts: [
      { title: 'Chair', value: chair },
      { title: 'Members', value: names(group.members) }
    ]
  });
}

// ---- generic ------------------------------------------------------------------------------------

export function infoCard(input: {
  title: string;
  text?: string;
  color?: 'Default' | 'Good' | 'Attention';
  facts?: Fact[];
  pre?: string;
  actions?: { title: string; verb: string; data: Record<string, string> }[];
}): AdaptiveCardJson {
  return renderCard(infoTemplate, {
    title: input.title,
    text: input.text ?? '',
    color: input.color ?? 'Default',
    facts: input.facts ?? [],
    pre: input.pre ?? '',
    actions: input.actions ?? [],
    speak: `${input.title}. ${input.text ?? ''}`.trim()
  });
}

/** Rows shown in a card; a longer trail is cut and says so. */
export const AUDIT_CARD_MAX_ROWS = 200;

export function auditCsvCard(csv: string, rows: number): AdaptiveCardJson {
  const lines = csv.split('\r\n').filter((l) => l !== '');
  const shown = lines.slice(0, AUDIT_CARD_MAX_ROWS + 1).join('\n');
  const cut = rows > AUDIT_CARD_MAX_ROWS;
  return infoCard({
    title: 'Audit trail (CSV)',
    text: `${rows} entries${cut ? `; the newest ${rows - AUDIT_CARD_MAX_ROWS} are not shown here` : ''}. Copy the text below into a file ending .csv to open it in a spreadsheet.`,
    pre: shown
  });
}
