import type { StoredConversation } from '../shared/conversation';
import { DomainError } from '../shared/errors';
import { cleanText } from '../shared/text';

/** How many members must approve: everyone (who does not abstain), a majority, or at least N. */
export type ApprovalRule = { kind: 'all' } | { kind: 'majority' } | { kind: 'nOfM'; n: number };

export interface GroupMember {
  /** Person key (Entra object id, else channel user id). */
  key: string;
  name?: string;
  /** Channel user id (29:...), so their view of the approval card refreshes. */
  userId: string;
  /** A guest from outside the council (Teams guest access), e.g. the Parent Carer Forum; decides like any member. */
  guest?: boolean;
}

/** A team's working group: where it meets (a channel), who decides, who chairs, and its rule. */
export interface WorkingGroup {
  tenantId: string;
  teamId: string;
  /** What people call the group ("SEND participation working group"). */
  name: string;
  channel: StoredConversation;
  members: GroupMember[];
  chair: string;
  rule: ApprovalRule;
  /** 'team' = everyone on the team roster when set up; 'named' = the people chosen. */
  memberSource: 'team' | 'named';
  updatedBy: string;
  updatedAt: Date;
  etag?: string;
}

export const GROUP_LIMITS = { maxMembers: 40 } as const;

/** A member's name as the working group's cards show it: guests from outside the council are marked. */
export const memberName = (member: Pick<GroupMember, 'name' | 'guest'>): string => `${member.name ?? 'a member'}${member.guest ? ' (guest)' : ''}`;

/** Whether this person is a guest member of any of the working groups (Teams said so when the group was set up). */
export const isGuestMember = (groups: readonly Pick<WorkingGroup, 'members'>[], key: string): boolean =>
  groups.some((g) => g.members.some((m) => m.key === key && m.guest === true));

export function describeRule(rule: ApprovalRule, memberCount: number): string {
  // Whatever the rule, a group of one decides when its member approves ("a majority of the 1 members" reads oddly).
  if (memberCount === 1) return 'its one member approves';
  if (rule.kind === 'all') return `all ${memberCount} members approve`;
  if (rule.kind === 'majority') return `a majority of the ${memberCount} members approve`;
  return `${rule.n} of the ${memberCount} members approve`;
}

/** Someone on the team roster, as Teams lists them. */
export interface RosterEntry {
  userId: string;
  aadObjectId?: string;
  name?: string;
  /** Teams says `userRole: guest`: a guest of the council's tenant. */
  guest?: boolean;
}

const keyOf = (entry: RosterEntry): string => entry.aadObjectId ?? entry.userId;

/**
 * Validates the working-group form against the team roster: members are the whole roster or people
 * chosen from it, the chair is one of them, and N fits the group.
 */
export function parseGroupForm(
  values: Record<string, unknown>,
  roster: RosterEntry[]
): { name: string; members: GroupMember[]; chair: string; rule: ApprovalRule; memberSource: 'team' | 'named' } {
  const fields: Record<string, string> = {};
  let name = '';
  try {
    name = cleanText(values.name, { field: 'name', maxLength: 100, required: true });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    fields.name = error.message;
  }
  const source = values.memberSource === 'named' ? 'named' : values.memberSource === 'team' ? 'team' : undefined;
  if (!source) fields.memberSource = 'Choose who is in the working group.';
  const byKey = new Map(roster.map((r) => [keyOf(r), r]));
  for (const r of roster) byKey.set(r.userId, r);

  let chosen: RosterEntry[] = [];
  if (source === 'team') chosen = roster;
  else if (source === 'named') {
    const ids = typeof values.members === 'string' ? values.members.split(',').map((s) => s.trim()).filter(Boolean) : [];
    const unknown = ids.filter((id) => !byKey.has(id));
    if (unknown.length > 0) fields.members = 'Choose members from the people in this team.';
    chosen = [...new Map(ids.filter((id) => byKey.has(id)).map((id) => [keyOf(byKey.get(id)!), byKey.get(id)!])).values()];
    if (chosen.length === 0 && !fields.members) fields.members = 'Choose at least one member.';
  }
  if (chosen.length > GROUP_LIMITS.maxMembers) fields.members = `A working group can have ${GROUP_LIMITS.maxMembers} members at most.`;
  const members: GroupMember[] = chosen.map((r) => ({ key: keyOf(r), name: r.name, userId: r.userId, ...(r.guest ? { guest: true } : {}) }));

  const chairEntry = typeof values.chair === 'string' ? byKey.get(values.chair) : undefined;
  const chair = chairEntry ? keyOf(chairEntry) : '';
  if (!chair) fields.chair = 'Choose the chair.';
  else if (members.length > 0 && !members.some((m) => m.key === chair)) fields.chair = 'The chair must be a member of the working group.';

  let rule: ApprovalRule | undefined;
  if (values.rule === 'all') rule = { kind: 'all' };
  else if (values.rule === 'majority') rule = { kind: 'majority' };
  else if (values.rule === 'nOfM') {
    const n = Number(values.n);
    if (!Number.isInteger(n) || n < 1 || (members.length > 0 && n > members.length)) {
      fields.n = `N must be a whole number from 1 to ${members.length || 'the number of members'}.`;
    } else rule = { kind: 'nOfM', n };
  } else fields.rule = 'Choose the rule.';

  if (Object.keys(fields).length > 0 || !source || !rule) throw new DomainError('invalid_input', Object.values(fields).join(' '), fields);
  return { name, members, chair, rule, memberSource: source };
}
