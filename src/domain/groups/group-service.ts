/**
 * Groups young people choose to join (docs/groups.md): creating and naming them (participation officers
 * and administrators), adding and removing members, joining and leaving (one button, any time), and
 * what 1:1 delivery asks of them (`survey send group <id>`: members who joined themselves are not held
 * back by the fatigue cap for that group's requests).
 */
import type { ChosenGroups } from '../delivery/ports';
import type { Recipient } from '../delivery/delivery';
import { type AdminPolicy, isAdmin } from '../privacy/privacy';
import { type Clock, systemClock } from '../shared/clock';
import { type Actor, personKey } from '../shared/conversation';
import { DomainError } from '../shared/errors';
import type { AuditLog } from '../shared/ports';
import { cleanName, cleanText } from '../shared/text';
import { GROUP_LIMITS, type GroupMember, type ParticipationGroup, defaultPurpose, groupIdOf, validateGroupName } from './groups';
import type { OfficerRepository, ParticipationGroupRepository } from './ports';

export interface GroupServiceDeps {
  groups: ParticipationGroupRepository;
  officers: OfficerRepository;
  admins: AdminPolicy;
  audit: AuditLog;
  clock?: Clock;
}

/** A person named by an officer (an @mention): their Entra object id when Teams gave it. */
export interface NamedPerson {
  personKey: string;
  userId?: string;
  name?: string;
}

export interface GroupView {
  group: ParticipationGroup;
  members: GroupMember[];
}

export class GroupService {
  private readonly clock: Clock;

  constructor(private readonly deps: GroupServiceDeps) {
    this.clock = deps.clock ?? systemClock;
  }

  /** Administrators and the participation officers they named. */
  async canManage(actor: Actor): Promise<boolean> {
    return isAdmin(this.deps.admins, actor) || (await this.deps.officers.isOfficer(actor.tenantId, personKey(actor)));
  }

  private async requireOfficer(actor: Actor): Promise<void> {
    if (!(await this.canManage(actor))) {
      throw new DomainError('forbidden', 'Only participation officers and VoiceLoop administrators can manage groups. An administrator can add you with "group officer @you".');
    }
  }

  /** Administrators name participation officers (`group officer @name`). */
  async addOfficer(actor: Actor, person: NamedPerson): Promise<void> {
    if (!isAdmin(this.deps.admins, actor)) throw new DomainError('forbidden', 'Only VoiceLoop administrators can name participation officers.');
    await this.deps.officers.add(actor.tenantId, { personKey: person.personKey, name: cleanName(person.name) });
    await this.audit(actor, 'group.officer.added', 'officers', person.name ?? person.personKey);
  }

  async create(actor: Actor, rawName: unknown, rawPurpose?: unknown): Promise<ParticipationGroup> {
    await this.requireOfficer(actor);
    const name = validateGroupName(rawName);
    const groupId = groupIdOf(name);
    const written = cleanText(rawPurpose ?? '', { field: 'purpose', maxLength: GROUP_LIMITS.purpose });
    const existing = await this.deps.groups.list(actor.tenantId);
    if (existing.some((g) => g.groupId === groupId)) throw new DomainError('conflict', `There is already a group called "${name}" ("group ${groupId}" shows it).`);
    if (existing.length >= GROUP_LIMITS.perTenant) throw new DomainError('invalid_input', `A council can have at most ${GROUP_LIMITS.perTenant} groups.`);
    const group = await this.deps.groups.create({
      tenantId: actor.tenantId,
      groupId,
      name,
      purpose: written || defaultPurpose(name),
      createdBy: personKey(actor),
      createdAt: this.clock.now()
    });
    await this.audit(actor, 'group.created', groupId, name);
    return group;
  }

  list(tenantId: string): Promise<ParticipationGroup[]> {
    return this.deps.groups.list(tenantId);
  }

  async get(tenantId: string, rawGroupId: unknown): Promise<ParticipationGroup> {
    const groupId = typeof rawGroupId === 'string' ? rawGroupId.trim().toLowerCase() : '';
    const group = /^[a-z0-9-]{1,40}$/.test(groupId) ? await this.deps.groups.get(tenantId, groupId) : undefined;
    if (!group) throw new DomainError('not_found', `There is no group "${groupId || String(rawGroupId ?? '')}". Type "groups" to see them.`);
    return group;
  }

  /** The officer's view: the group and every member, with how each joined. */
  async view(actor: Actor, groupId: unknown): Promise<GroupView> {
    await this.requireOfficer(actor);
    const group = await this.get(actor.tenantId, groupId);
    return { group, members: await this.deps.groups.members(actor.tenantId, group.groupId) };
  }

  /** Officers add people they have talked with; they are members, but not "chose to join" (the cap still applies). */
  async addMembers(actor: Actor, groupId: unknown, people: NamedPerson[]): Promise<{ group: ParticipationGroup; added: number; already: number }> {
    await this.requireOfficer(actor);
    const group = await this.get(actor.tenantId, groupId);
    if (people.length === 0) throw new DomainError('invalid_input', `@mention the people to add, e.g. "group ${group.groupId} add @Sam".`);
    if (people.length > GROUP_LIMITS.addAtOnce) throw new DomainError('invalid_input', `Add at most ${GROUP_LIMITS.addAtOnce} people at a time.`);
    let added = 0;
    for (const p of people) {
      if (await this.deps.groups.getMember(actor.tenantId, group.groupId, p.personKey)) continue;
      await this.deps.groups.putMember(actor.tenantId, group.groupId, { personKey: p.personKey, userId: p.userId, name: cleanName(p.name), joinedBy: 'staff', joinedAt: this.clock.now() });
      added++;
    }
    await this.audit(actor, 'group.members.added', group.groupId, `${added} added`);
    return { group, added, already: people.length - added };
  }

  async removeMember(actor: Actor, groupId: unknown, memberKey: unknown): Promise<{ group: ParticipationGroup; removed: boolean }> {
    await this.requireOfficer(actor);
    const group = await this.get(actor.tenantId, groupId);
    if (typeof memberKey !== 'string' || memberKey === '') throw new DomainError('invalid_input', 'Say who to remove.');
    const removed = await this.deps.groups.removeMember(actor.tenantId, group.groupId, memberKey);
    await this.audit(actor, 'group.member.removed', group.groupId, removed ? '1 removed' : 'not a member');
    return { group, removed };
  }

  /** A young person joins by their own choice (idempotent; a member added by staff becomes one who chose). */
  async join(actor: Actor, groupId: unknown): Promise<ParticipationGroup> {
    const group = await this.get(actor.tenantId, groupId);
    const key = personKey(actor);
    const current = await this.deps.groups.getMember(actor.tenantId, group.groupId, key);
    if (current?.joinedBy !== 'self') {
      await this.deps.groups.putMember(actor.tenantId, group.groupId, { personKey: key, userId: actor.userId, name: cleanName(actor.name), joinedBy: 'self', joinedAt: this.clock.now() });
    }
    return group;
  }

  /** Leaving: one button, any time; leaving a group you are not in is not an error. */
  async leave(actor: Actor, groupId: unknown): Promise<ParticipationGroup> {
    const group = await this.get(actor.tenantId, groupId);
    await this.deps.groups.removeMember(actor.tenantId, group.groupId, personKey(actor));
    return group;
  }

  async isMember(actor: Actor, groupId: string): Promise<boolean> {
    return (await this.deps.groups.getMember(actor.tenantId, groupId, personKey(actor))) !== undefined;
  }

  /** Every group, and whether this person is in it. */
  async choicesFor(actor: Actor): Promise<{ group: ParticipationGroup; member: boolean }[]> {
    const groups = await this.deps.groups.list(actor.tenantId);
    const key = personKey(actor);
    return Promise.all(groups.map(async (group) => ({ group, member: (await this.deps.groups.getMember(actor.tenantId, group.groupId, key)) !== undefined })));
  }

  /** What 1:1 delivery needs: a group's members, and who chose to join it. */
  chosenGroups(): ChosenGroups {
    return {
      find: async (tenantId, rawGroupId) => {
        const groupId = rawGroupId.trim().toLowerCase();
        const group = /^[a-z0-9-]{1,40}$/.test(groupId) ? await this.deps.groups.get(tenantId, groupId) : undefined;
        if (!group) return undefined;
        const members = await this.deps.groups.members(tenantId, groupId);
        return {
          groupId,
          name: group.name,
          members: members.map((m): Recipient => ({ personKey: m.personKey, userId: m.userId, name: m.name })),
          chose: members.filter((m) => m.joinedBy === 'self').length
        };
      },
      choseToJoin: async (tenantId, groupId, key) => (await this.deps.groups.getMember(tenantId, groupId, key))?.joinedBy === 'self'
    };
  }

  private async audit(actor: Actor, action: string, subjectId: string, detail: string): Promise<void> {
    await this.deps.audit.append({ tenantId: actor.tenantId, at: this.clock.now(), actor: personKey(actor), actorName: actor.name, action, subjectType: 'group', subjectId, detail });
  }
}
