/**
 * Approval rounds: a working group deciding on something — a plan now, findings later. Generic over
 * what is approved (`subjectType` + `subjectId`); the rules here are pure.
 */
import type { StoredConversation } from '../shared/conversation';
import { DomainError } from '../shared/errors';
import { cleanText } from '../shared/text';
import type { ApprovalRule, GroupMember } from './working-group';

export const SUBJECT_TYPES = ['plan', 'findings', 'summary'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

export const DECISIONS = ['approve', 'requestChanges', 'abstain'] as const;
export type Decision = (typeof DECISIONS)[number];
/** `withdrawn`: the owner deleted what was being approved while the round was open. */
export type RoundOutcome = 'approved' | 'changesRequested' | 'withdrawn';

export const DECISION_LABELS: Record<Decision, string> = { approve: 'Approve', requestChanges: 'Request changes', abstain: 'Abstain' };

export interface MemberDecision {
  decision: Decision;
  /** Required for "request changes"; optional otherwise. */
  comment: string;
  at: string;
}

export interface ApprovalRound {
  tenantId: string;
  roundId: string;
  subjectType: SubjectType;
  subjectId: string;
  /** 1 for the first round on this subject, 2 after a resubmission, … */
  number: number;
  teamId: string;
  /** The group as it was when the round opened: later changes to the group do not move an open round. */
  members: GroupMember[];
  chair: string;
  rule: ApprovalRule;
  /** Person key of whoever submitted (told the outcome 1:1). */
  owner: string;
  ownerName?: string;
  status: 'open' | 'closed';
  outcome?: RoundOutcome;
  openedAt: Date;
  deadline: Date;
  closedAt?: Date;
  decisions: Record<string, MemberDecision>;
  channel: StoredConversation;
  activityId?: string;
  etag?: string;
}

export interface RoundTally {
  approvals: number;
  changes: number;
  abstentions: number;
  undecided: GroupMember[];
}

export const ROUND_LIMITS = { comment: 500 } as const;

export const roundIdFor = (subjectType: SubjectType, subjectId: string, number: number): string => `${subjectType}-${subjectId}-r${number}`;

export function tallyOf(round: Pick<ApprovalRound, 'members' | 'decisions'>): RoundTally {
  const t: RoundTally = { approvals: 0, changes: 0, abstentions: 0, undecided: [] };
  for (const m of round.members) {
    const d = round.decisions[m.key]?.decision;
    if (d === 'approve') t.approvals++;
    else if (d === 'requestChanges') t.changes++;
    else if (d === 'abstain') t.abstentions++;
    else t.undecided.push(m);
  }
  return t;
}

/**
 * Whether the rule is met with `approvals` approving out of `eligible` members who did not abstain.
 * Abstaining takes a member out of the count: "all" means all who did not abstain, "majority" more
 * than half of them; "N of M" needs N approvals whatever the abstentions. Nobody approving never passes.
 */
export function ruleMet(rule: ApprovalRule, approvals: number, eligible: number): boolean {
  if (approvals === 0) return false;
  if (rule.kind === 'all') return approvals === eligible;
  if (rule.kind === 'majority') return approvals * 2 > eligible;
  return approvals >= rule.n;
}

/**
 * The outcome the decisions so far force: approved when the rule is met; changes requested once no
 * way the undecided members could still decide (approve or abstain) would meet it; undefined while open.
 */
export function outcomeOf(rule: ApprovalRule, tally: RoundTally, memberCount: number): RoundOutcome | undefined {
  const eligible = memberCount - tally.abstentions;
  if (ruleMet(rule, tally.approvals, eligible)) return 'approved';
  const u = tally.undecided.length;
  // k of the undecided approve, the rest abstain: the best any future can do. (Requesting changes never helps.)
  for (let k = 0; k <= u; k++) {
    if (ruleMet(rule, tally.approvals + k, eligible - (u - k))) return undefined;
  }
  return 'changesRequested';
}

/** Validates and applies one member's decision; closes the round when the rule is decided. Pure. */
export function applyDecision(
  round: ApprovalRound,
  memberKey: string,
  decision: unknown,
  rawComment: unknown,
  at: Date
): { round: ApprovalRound; closedNow: boolean; changed: boolean } {
  if (round.status === 'closed') throw new DomainError('closed', 'This round has closed: decisions can no longer change.');
  if (!round.members.some((m) => m.key === memberKey)) {
    throw new DomainError('forbidden', 'Only members of the working group can decide on this. Ask the chair if you should be a member.');
  }
  if (typeof decision !== 'string' || !(DECISIONS as readonly string[]).includes(decision)) {
    throw new DomainError('invalid_input', 'Choose Approve, Request changes or Abstain.');
  }
  const comment = cleanText(rawComment, { field: 'comment', maxLength: ROUND_LIMITS.comment, multiline: true });
  if (decision === 'requestChanges' && comment === '') {
    throw new DomainError('invalid_input', 'Please say what should change: a comment is needed to request changes.', {
      comment: 'A comment is needed to request changes.'
    });
  }
  const previous = round.decisions[memberKey];
  if (previous && previous.decision === decision && previous.comment === comment) return { round, closedNow: false, changed: false };
  const decisions = { ...round.decisions, [memberKey]: { decision: decision as Decision, comment, at: at.toISOString() } };
  const next: ApprovalRound = { ...round, decisions };
  const outcome = outcomeOf(round.rule, tallyOf(next), round.members.length);
  if (!outcome) return { round: next, closedNow: false, changed: true };
  return { round: { ...next, status: 'closed', outcome, closedAt: at }, closedNow: true, changed: true };
}

/** Comments of members who asked for changes, for the owner. */
export function changeRequests(round: ApprovalRound): { name: string; comment: string }[] {
  return round.members
    .filter((m) => round.decisions[m.key]?.decision === 'requestChanges')
    .map((m) => ({ name: m.name ?? 'A member', comment: round.decisions[m.key]?.comment ?? '' }));
}
