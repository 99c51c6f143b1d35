/** Cards of working-group approvals (docs/approvals.md): the approval round, its reminders and outcome, the working group. */
import approvalTemplate from './approval.json';
import groupFormTemplate from './group-form.json';
import type { SubjectSummary } from '../../domain/approvals/ports';
import { type ApprovalRound, DECISION_LABELS, type MemberDecision, changeRequests, tallyOf } from '../../domain/approvals/approval-round';
import { type GroupMember, type RosterEntry, type WorkingGroup, describeRule, memberName } from '../../domain/approvals/working-group';
import { formatForPeople } from '../../domain/shared/time';
import { infoCard } from '../shared/info-card';
import { type AdaptiveCardJson, renderCard } from '../shared/render';
import { VERBS } from '../shared/verbs';

const TZ = 'Europe/London';
type Choice = { title: string; value: string };

export interface ApprovalCardOptions {
  /** A member's (or another person's) own view; absent for the shared channel message. */
  viewer?: { isMember: boolean; mine?: MemberDecision };
  banner?: string;
  notice?: string;
  comment?: string;
  commentError?: string;
}

const names = (members: GroupMember[]): string => members.map(memberName).join(', ');

/** Said to the member whose decision closed the round. */
export const CLOSED_ROUND_NOTICE = 'Your decision closed the round.';

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
      return { name: m.name ? memberName(m) : memberName({ ...m, name: 'A member' }), text: `${DECISION_LABELS[d.decision]}${d.comment ? `: ${d.comment}` : ''}` };
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
    // A decision that closed the round is news, not a problem: green, as the "Closed: approved" line.
    noticeColor: options.notice === CLOSED_ROUND_NOTICE ? 'Good' : 'Attention',
    myDecisionText: mine ? `You chose: ${DECISION_LABELS[mine.decision]}${open ? ' (you can change this until the round closes)' : ''}` : '',
    facts: summary.facts,
    checklist: summary.checklist,
    warnings: (summary.warnings ?? []).map((text) => ({ text })),
    riskAssessment: summary.riskAssessment ?? [],
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
  // Guests (Teams guest access: the Parent Carer Forum, SENDIASS, health) can be members; they are marked.
  const people: Choice[] = input.roster.map((r) => ({ title: `${r.name ?? r.userId}${r.guest ? ' (guest)' : ''}`, value: r.aadObjectId ?? r.userId }));
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
