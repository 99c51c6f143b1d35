import type { ApprovalNotifier, ApprovalRoundRepository, SubjectSummary, WorkingGroupRepository } from './ports';
import {
  type ApprovalRound,
  DECISION_LABELS,
  type MemberDecision,
  type SubjectType,
  applyDecision,
  roundIdFor,
  tallyOf
} from './approval-round';
import type { AuditEntry } from '../shared/audit';
import type { Clock } from '../shared/clock';
import { type Actor, type StoredConversation, personKey } from '../shared/conversation';
import { DomainError, isDomainError } from '../shared/errors';
import type { AuditLog, Delivery, DueItem, DueItemRepository } from '../shared/ports';
import {
  DEFAULT_REMINDER_POLICY,
  type ReminderPolicy,
  STAFF_CALENDAR,
  type WorkingCalendar,
  deadlineOf,
  isWorkingTime,
  nextWorkingTime,
  reminderTimes
} from '../shared/working-days';
import { type RosterEntry, type WorkingGroup, parseGroupForm } from './working-group';

export const REMINDER_JOB = 'approval.remind';
export const ESCALATION_JOB = 'approval.escalate';

/** What a kind of subject (plan, findings) tells the approval mechanism. */
export interface SubjectHandler {
  /** The summary the cards show; undefined when the subject no longer exists. */
  summary(tenantId: string, subjectId: string): Promise<SubjectSummary | undefined>;
  /** Called once when a round on this subject closes, before the owner is told. */
  closed(round: ApprovalRound): Promise<void>;
}

/** One person's view of a round. */
export interface RoundView {
  round: ApprovalRound;
  summary: SubjectSummary;
  isMember: boolean;
  mine?: MemberDecision;
}

export interface ApprovalServiceDeps {
  rounds: ApprovalRoundRepository;
  groups: WorkingGroupRepository;
  audit: AuditLog;
  due: DueItemRepository;
  notifier: ApprovalNotifier;
  clock: Clock;
  calendar?: WorkingCalendar;
  policy?: ReminderPolicy;
  /** Due-item kinds (default REMINDER_JOB, ESCALATION_JOB); tests give their own to keep out of each other's way. */
  jobKinds?: { reminder: string; escalation: string };
}

const MAX_ATTEMPTS = 30;
const isConflict = (error: unknown): boolean => isDomainError(error) && error.code === 'conflict';
/** A jittered wait before retrying a write that lost a race (ms). */
const pauseMs = (attempt: number): number => Math.min(100, 2 ** attempt) * (0.5 + Math.random());

/**
 * Working groups and approval rounds, generic over what is approved. Decisions are ETag-guarded
 * writes of the round (retried on conflict), so simultaneous decisions never lose one, and the
 * decision that meets the rule closes the round in the same write.
 */
export class ApprovalService {
  private readonly subjects = new Map<SubjectType, SubjectHandler>();
  readonly calendar: WorkingCalendar;
  readonly policy: ReminderPolicy;
  readonly jobKinds: { reminder: string; escalation: string };

  constructor(private readonly deps: ApprovalServiceDeps) {
    this.calendar = deps.calendar ?? STAFF_CALENDAR;
    this.policy = deps.policy ?? DEFAULT_REMINDER_POLICY;
    this.jobKinds = deps.jobKinds ?? { reminder: REMINDER_JOB, escalation: ESCALATION_JOB };
  }

  registerSubject(type: SubjectType, handler: SubjectHandler): void {
    this.subjects.set(type, handler);
  }

  // ---- working groups -------------------------------------------------------------------------

  group(tenantId: string, teamId: string): Promise<WorkingGroup | undefined> {
    return this.deps.groups.get(tenantId, teamId);
  }

  groups(tenantId: string): Promise<WorkingGroup[]> {
    return this.deps.groups.list(tenantId);
  }

  /** Sets up (or changes) a team's working group from the setup card. Only the chair changes an existing group. */
  async setupGroup(actor: Actor, channel: StoredConversation, values: Record<string, unknown>, roster: RosterEntry[]): Promise<WorkingGroup> {
    if (channel.conversationType !== 'channel' || !channel.teamId) {
      throw new DomainError('unsupported', 'Set up a working group in its team channel: type "workinggroup setup" there.');
    }
    const teamId = channel.teamId;
    const existing = await this.deps.groups.get(actor.tenantId, teamId);
    if (existing && existing.chair !== personKey(actor)) {
      throw new DomainError('forbidden', 'Only the chair can change the working group.');
    }
    const parsed = parseGroupForm(values, roster);
    const group = await this.deps.groups.save({
      ...parsed,
      tenantId: actor.tenantId,
      teamId,
      channel,
      updatedBy: personKey(actor),
      updatedAt: this.deps.clock.now(),
      etag: existing?.etag
    });
    await this.audit(actor.tenantId, actor, existing ? 'group.changed' : 'group.setUp', 'group', teamId, {
      teamId,
      detail: `${group.members.length} members; rule ${group.rule.kind}${group.rule.kind === 'nOfM' ? ` ${group.rule.n}` : ''}; chair ${nameOf(group, group.chair)}`
    });
    return group;
  }

  // ---- rounds ---------------------------------------------------------------------------------

  /**
   * Opens round `number` on a subject: snapshot of the group, card in the channel, reminders and the
   * chair's escalation scheduled. Nothing is left half way: if the card cannot be posted, the round goes.
   */
  async open(input: {
    tenantId: string;
    subjectType: SubjectType;
    subjectId: string;
    number: number;
    teamId: string;
    owner: Actor;
  }): Promise<ApprovalRound> {
    const group = await this.deps.groups.get(input.tenantId, input.teamId);
    if (!group) throw new DomainError('not_found', 'This team has no working group yet. Ask someone to type "workinggroup setup" in its channel.');
    const summary = await this.summaryOf(input.tenantId, input.subjectType, input.subjectId);
    const openedAt = this.deps.clock.now();
    let round = await this.deps.rounds.create({
      tenantId: input.tenantId,
      roundId: roundIdFor(input.subjectType, input.subjectId, input.number),
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      number: input.number,
      teamId: group.teamId,
      members: group.members,
      chair: group.chair,
      rule: group.rule,
      owner: personKey(input.owner),
      ownerName: input.owner.name,
      status: 'open',
      openedAt,
      deadline: deadlineOf(openedAt, this.calendar, this.policy),
      decisions: {},
      channel: group.channel
    });
    try {
      const activityId = await this.deps.notifier.postRound(round, summary);
      round = await this.deps.rounds.save({ ...round, activityId });
    } catch (error) {
      await this.deps.rounds.remove(round.tenantId, round.roundId);
      throw error;
    }
    const times = reminderTimes(openedAt, this.calendar, this.policy);
    for (const [i, dueAt] of times.entries()) {
      await this.deps.due.schedule({
        tenantId: round.tenantId,
        kind: this.jobKinds.reminder,
        key: `${round.roundId}|${i + 1}`,
        dueAt,
        payload: { roundId: round.roundId, reminder: i + 1 }
      });
    }
    await this.deps.due.schedule({ tenantId: round.tenantId, kind: this.jobKinds.escalation, key: round.roundId, dueAt: round.deadline, payload: { roundId: round.roundId } });
    await this.audit(input.tenantId, input.owner, 'round.opened', round.subjectType, round.subjectId, {
      roundId: round.roundId,
      teamId: round.teamId,
      detail: `round ${round.number}; ${round.members.length} members; deadline ${round.deadline.toISOString()}`
    });
    return round;
  }

  async get(tenantId: string, roundId: string): Promise<ApprovalRound> {
    const round = typeof roundId === 'string' && roundId.length <= 200 ? await this.deps.rounds.get(tenantId, roundId) : undefined;
    if (!round) throw new DomainError('not_found', 'This approval round no longer exists.');
    return round;
  }

  async view(tenantId: string, roundId: string, actor: Actor): Promise<RoundView> {
    return this.viewOf(await this.get(tenantId, roundId), actor);
  }

  /** Rounds of a subject, oldest first: the history kept across resubmissions. */
  async roundsOf(tenantId: string, subjectId: string): Promise<ApprovalRound[]> {
    return (await this.deps.rounds.listBySubject(tenantId, subjectId)).sort((a, b) => a.number - b.number);
  }

  /** Open rounds where this person is a member who has not decided yet. */
  async waitingFor(tenantId: string, key: string): Promise<ApprovalRound[]> {
    return (await this.deps.rounds.listOpen(tenantId)).filter((r) => r.members.some((m) => m.key === key) && !r.decisions[key]);
  }

  /** Records (or changes) a member's decision. The decision that settles the rule closes the round. */
  async decide(tenantId: string, roundId: string, actor: Actor, decision: unknown, comment: unknown): Promise<RoundView & { closedNow: boolean }> {
    const key = personKey(actor);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const round = await this.get(tenantId, roundId);
      const result = applyDecision(round, key, decision, comment, this.deps.clock.now());
      if (!result.changed) return { ...(await this.viewOf(round, actor)), closedNow: false };
      let saved: ApprovalRound;
      try {
        saved = await this.deps.rounds.save(result.round);
      } catch (error) {
        if (!isConflict(error)) throw error;
        await this.deps.clock.sleep(pauseMs(attempt)); // another member decided at the same moment: read again and re-apply
        continue;
      }
      const mine = saved.decisions[key];
      await this.audit(tenantId, actor, 'round.decision', saved.subjectType, saved.subjectId, {
        roundId,
        teamId: saved.teamId,
        detail: `${DECISION_LABELS[mine!.decision]}${mine!.comment ? `: ${mine!.comment}` : ''}`
      });
      if (result.closedNow) await this.afterClose(saved);
      return { ...(await this.viewOf(saved, actor)), closedNow: result.closedNow };
    }
    throw new DomainError('conflict', 'Many people are deciding right now. Please try again.');
  }

  /**
   * The owner withdraws what is being approved (deleting the plan): the open round closes as
   * "withdrawn", its reminders stop and the channel card says so. Call before the subject goes.
   */
  async withdraw(tenantId: string, roundId: string, actor: Actor): Promise<void> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const round = await this.deps.rounds.get(tenantId, roundId);
      if (!round || round.status === 'closed') return;
      let saved: ApprovalRound;
      try {
        saved = await this.deps.rounds.save({ ...round, status: 'closed', outcome: 'withdrawn', closedAt: this.deps.clock.now() });
      } catch (error) {
        if (!isConflict(error)) throw error;
        await this.deps.clock.sleep(pauseMs(attempt));
        continue;
      }
      await this.cancelJobs(saved);
      await this.audit(tenantId, actor, 'round.withdrawn', saved.subjectType, saved.subjectId, { roundId, teamId: saved.teamId, detail: 'withdrawn by the owner' });
      const summary = await this.subjects.get(saved.subjectType)?.summary(tenantId, saved.subjectId);
      if (summary) await this.deps.notifier.updateRound(saved, summary).catch(() => undefined);
      return;
    }
    throw new DomainError('conflict', 'Many people are deciding right now. Please try again.');
  }

  private async cancelJobs(round: ApprovalRound): Promise<void> {
    for (let n = 1; n <= this.policy.maxReminders; n++) await this.deps.due.cancel(round.tenantId, this.jobKinds.reminder, `${round.roundId}|${n}`);
    await this.deps.due.cancel(round.tenantId, this.jobKinds.escalation, round.roundId);
  }

  /** Side effects of a closed round: reminders cancelled, subject moved on, card updated, owner told. */
  private async afterClose(round: ApprovalRound): Promise<void> {
    await this.audit(round.tenantId, undefined, 'round.closed', round.subjectType, round.subjectId, {
      roundId: round.roundId,
      teamId: round.teamId,
      detail: `outcome ${round.outcome ?? ''}`
    });
    await this.cancelJobs(round);
    await this.subjects.get(round.subjectType)?.closed(round);
    const summary = await this.subjects.get(round.subjectType)?.summary(round.tenantId, round.subjectId);
    if (!summary) return;
    // The decision and the close are stored: a failed message must not make the decider's click fail.
    try {
      await this.deps.notifier.updateRound(round, summary);
    } catch (error) {
      await this.audit(round.tenantId, undefined, 'round.cardNotUpdated', round.subjectType, round.subjectId, {
        roundId: round.roundId,
        teamId: round.teamId,
        detail: error instanceof Error ? error.message.slice(0, 300) : 'the channel card could not be updated'
      });
    }
    let told: Delivery;
    try {
      told = await this.deps.notifier.tellOwner(round, summary);
    } catch (error) {
      told = { delivered: false, reason: error instanceof Error ? error.message.slice(0, 300) : 'the message failed' };
    }
    await this.recordDelivery(told, round.owner, 'owner', round, `outcome ${round.outcome ?? ''}`);
  }

  // ---- reminders and escalation (scheduler handlers) -----------------------------------------

  /** Due item `approval.remind`: reminds every member still undecided, once each, in working time. */
  async runReminder(item: DueItem): Promise<void> {
    const roundId = String(item.payload.roundId);
    const n = Number(item.payload.reminder);
    const round = await this.deps.rounds.get(item.tenantId, roundId);
    if (!round || round.status === 'closed') return;
    const now = this.deps.clock.now();
    if (!isWorkingTime(now, this.calendar)) {
      // Fell due (or was missed) outside staff hours: wait for the next working moment.
      await this.deps.due.schedule({ ...item, dueAt: nextWorkingTime(now, this.calendar) });
      return;
    }
    const later = reminderTimes(round.openedAt, this.calendar, this.policy)[n];
    if (later && later.getTime() <= now.getTime()) return; // missed while down, and the next reminder is due too: send only that one
    const summary = await this.subjects.get(round.subjectType)?.summary(round.tenantId, round.subjectId);
    if (!summary) {
      await this.subjectGone(round);
      return;
    }
    for (const member of tallyOf(round).undecided) {
      const what = `reminder-${n}`;
      if (!(await this.deps.rounds.claimSend(round.tenantId, roundId, member.key, what))) continue;
      let delivery: Delivery;
      try {
        delivery = await this.deps.notifier.remind(round, summary, member, n);
      } catch (error) {
        await this.deps.rounds.releaseSend(round.tenantId, roundId, member.key, what);
        throw error;
      }
      await this.recordDelivery(delivery, member.key, 'reminder', round, `reminder ${n} of ${this.policy.maxReminders} to ${member.name ?? member.key}`);
    }
  }

  /** Due item `approval.escalate`: at the deadline, the chair is told who is outstanding. */
  async runEscalation(item: DueItem): Promise<void> {
    const round = await this.deps.rounds.get(item.tenantId, String(item.payload.roundId));
    if (!round || round.status === 'closed') return;
    const now = this.deps.clock.now();
    if (!isWorkingTime(now, this.calendar)) {
      await this.deps.due.schedule({ ...item, dueAt: nextWorkingTime(now, this.calendar) });
      return;
    }
    const outstanding = tallyOf(round).undecided;
    if (outstanding.length === 0) return;
    const summary = await this.subjects.get(round.subjectType)?.summary(round.tenantId, round.subjectId);
    if (!summary) {
      await this.subjectGone(round);
      return;
    }
    if (!(await this.deps.rounds.claimSend(round.tenantId, round.roundId, round.chair, 'escalation'))) return;
    let delivery: Delivery;
    try {
      delivery = await this.deps.notifier.escalate(round, summary, outstanding);
    } catch (error) {
      await this.deps.rounds.releaseSend(round.tenantId, round.roundId, round.chair, 'escalation');
      throw error;
    }
    await this.recordDelivery(delivery, round.chair, 'escalation', round, `outstanding: ${outstanding.map((m) => m.name ?? m.key).join(', ')}`);
  }

  /** The plan (or findings) was deleted after the round opened: nothing more is sent about it. */
  private async subjectGone(round: ApprovalRound): Promise<void> {
    await this.cancelJobs(round);
    await this.audit(round.tenantId, undefined, 'round.subjectGone', round.subjectType, round.subjectId, {
      roundId: round.roundId,
      teamId: round.teamId,
      detail: 'the subject was deleted: reminders stopped'
    });
  }

  // ---- audit ----------------------------------------------------------------------------------

  /** The chair's CSV export of their working group's trail. */
  async auditFor(actor: Actor, teamId: string): Promise<AuditEntry[]> {
    const group = await this.deps.groups.get(actor.tenantId, teamId);
    if (!group) throw new DomainError('not_found', 'This team has no working group.');
    if (group.chair !== personKey(actor)) throw new DomainError('forbidden', 'Only the chair of the working group can export its audit trail.');
    await this.audit(actor.tenantId, actor, 'audit.exported', 'group', teamId, { teamId, detail: '' });
    return this.deps.audit.list(actor.tenantId, { teamId });
  }

  async audit(
    tenantId: string,
    actor: Actor | undefined,
    action: string,
    subjectType: string,
    subjectId: string,
    extra: { roundId?: string; teamId?: string; detail: string }
  ): Promise<void> {
    await this.deps.audit.append({
      tenantId,
      at: this.deps.clock.now(),
      actor: actor ? personKey(actor) : 'system',
      actorName: actor?.name,
      action,
      subjectType,
      subjectId,
      ...extra
    });
  }

  private async recordDelivery(delivery: Delivery, to: string, what: string, round: ApprovalRound, detail: string): Promise<void> {
    await this.deps.audit.append({
      tenantId: round.tenantId,
      at: this.deps.clock.now(),
      actor: 'system',
      action: delivery.delivered ? `${what}.sent` : `${what}.notReachable`,
      subjectType: round.subjectType,
      subjectId: round.subjectId,
      roundId: round.roundId,
      teamId: round.teamId,
      detail: delivery.delivered ? `${detail} (to ${to})` : `${detail} (to ${to}): not reachable — ${delivery.reason}`
    });
  }

  private async summaryOf(tenantId: string, type: SubjectType, id: string): Promise<SubjectSummary> {
    const summary = await this.subjects.get(type)?.summary(tenantId, id);
    if (!summary) throw new DomainError('not_found', 'What this round was about no longer exists.');
    return summary;
  }

  private async viewOf(round: ApprovalRound, actor: Actor): Promise<RoundView> {
    const key = personKey(actor);
    const summary = await this.summaryOf(round.tenantId, round.subjectType, round.subjectId);
    return { round, summary, isMember: round.members.some((m) => m.key === key), mine: round.decisions[key] };
  }
}

const nameOf = (group: WorkingGroup, key: string): string => group.members.find((m) => m.key === key)?.name ?? key;
