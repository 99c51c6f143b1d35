/**
 * Groups young people choose to join (docs/groups.md): a council's youth forum or Young Commissioners.
 * Participation officers (and administrators) create and name them and add or remove members; a young
 * person joins from "🙋 I want to help more" and leaves with one button, any time. Members who joined
 * themselves asked to be asked: the fatigue cap does not hold back that group's own requests to them.
 */
import { DomainError } from '../shared/errors';
import { cleanText } from '../shared/text';

export const GROUP_LIMITS = { name: 60, purpose: 200, perTenant: 30, comment: 500, addAtOnce: 20 } as const;

/** How a member came into the group: only those who joined themselves are exempt from the fatigue cap. */
export type JoinedBy = 'self' | 'staff';

export interface ParticipationGroup {
  tenantId: string;
  /** A short id made from the name ("youth-forum"), typed in `group youth-forum`, `survey send group youth-forum`. */
  groupId: string;
  name: string;
  /** What joining means, in easy read (shown before anyone joins). */
  purpose: string;
  createdBy: string;
  createdAt: Date;
  etag?: string;
}

export interface GroupMember {
  personKey: string;
  userId?: string;
  name?: string;
  joinedBy: JoinedBy;
  joinedAt: Date;
}

/** The short id of a group from its name: lower case, words joined by "-". */
export function groupIdOf(name: string): string {
  const id = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/g, '');
  if (!id) throw new DomainError('invalid_input', 'Give the group a name with letters or numbers, e.g. "group new Youth Forum".', { name: 'Use letters or numbers.' });
  return id;
}

export function validateGroupName(raw: unknown): string {
  const name = cleanText(raw, { field: 'group name', maxLength: GROUP_LIMITS.name });
  if (!name) throw new DomainError('invalid_input', 'Give the group a name, e.g. "group new Youth Forum".', { name: 'Please write a name.' });
  return name;
}

/** What joining means, unless the officer wrote their own: short sentences, no hard words. */
export const defaultPurpose = (name: string): string =>
  `🤝 ${name} is a group of young people who help the council. We will ask you about things that matter to you.`;

/** The easy-read words shown before anyone joins: what joining means, that it is optional and how to leave. */
export const JOINING_MEANS = [
  '💬 We will send you more questions to answer.',
  '📨 You may get them more often than other people.',
  '🙂 You do not have to join. It is your choice.',
  '🚪 You can leave at any time. Just press "Leave".'
] as const;

/** Parses `group <id> add|remove …` and `group new <name>`. */
export const GROUP_COMMAND = /^\s*groups?(?:\s+(.*))?$/is;
