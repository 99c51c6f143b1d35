/**
 * Approval rounds, reminders and escalation on Azurite, in virtual time: the real repositories and
 * scheduler, a recording notifier, and a throw-away subject (the mechanism is generic over what it approves).
 */
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { ApprovalNotifier, SubjectSummary } from '../../src/domain/approvals/ports';
import type { ApprovalRound } from '../../src/domain/approvals/approval-round';
import { ApprovalService } from '../../src/domain/approvals/approval-service';
import { ManualClock } from '../../src/domain/shared/clock';
import type { Actor } from '../../src/domain/shared/conversation';
import type { DueItem } from '../../src/domain/shared/ports';
import type { ApprovalRule, GroupMember } from '../../src/domain/approvals/working-group';
import { Scheduler } from '../../src/scheduler/scheduler';
import { TableApprovalRoundRepository, TableWorkingGroupRepository } from '../../src/storage/approvals/approval-repository';
import { TableAuditLog } from '../../src/storage/shared/audit-repository';
import { TableDueItemRepository } from '../../src/storage/shared/due-item-repository';
import { TABLES } from '../../src/storage/shared/keys';
import { Tables } from '../../src/storage/shared/tables';

let tables: Tables;
const silent = pino({ level: 'silent' });

beforeAll(async () => {
  tables = new Tables({ kind: 'connectionString', connectionString: inject('storageConnectionString') });
  await tables.ensureAll();
});

interface Sent {
  kind: 'post' | 'update' | 'remind' | 'escalate' | 'owner';
  round?: number;
  to?: string;
  n?: number;
  at: string;
  outstanding?: string[];
}

/** Records what would be sent; people listed in `unreachable` have no 1:1 chat. */
class RecordingNotifier implements ApprovalNotifier {
  sent: Sent[] = [];
  constructor(
    private readonly clock: ManualClock,
    private readonly unreachable = new Set<string>()
  ) {}
  async postRound(): Promise<string> {
    this.sent.push({ kind: 'post', at: this.clock.now().toISOString() });
    return `activity-${randomUUID()}`;
  }
  async updateRound(): Promise<void> {
    this.sent.push({ kind: 'update', at: this.clock.now().toISOString() });
  }
  async remind(round: ApprovalRound, _s: SubjectSummary, member: GroupMember, n: number) {
    await new Promise((r) => setTimeout(r, 3)); // a send takes a moment: races get a chance
    if (this.unreachable.has(member.key)) return { delivered: false as const, reason: 'no 1:1 chat' };
    this.sent.push({ kind: 'remind', round: round.number, to: member.key, n, at: this.clock.now().toISOString() });
    return { delivered: true as const, activityId: 'x' };
  }
  async escalate(round: ApprovalRound, _s: SubjectSummary, outstanding: GroupMember[]) {
    this.sent.push({ kind: 'escalate', to: round.chair, outstanding: outstanding.map((m) => m.key), at: this.clock.now().toISOString() });
    return { delivered: true as const, activityId: 'x' };
  }
  async tellOwner(round: ApprovalRound) {
    this.sent.push({ kind: 'owner', to: round.owner, at: this.clock.now().toISOString() });
    return { delivered: true as const, activityId: 'x' };
  }
  reminders(): string[] {
    return this.sent.filter((s) => s.kind === 'remind').map((s) => `${s.n}:${s.to}@${s.at}`);
  }
}

interface Setup {
  tenantId: string;
  clock: ManualClock;
  notifier: RecordingNotifier;
  service: ApprovalService;
  due: TableDueItemRepository;
  kinds: { reminder: string; escalation: string };
  members: GroupMember[];
  subjects: Map<string, string>;
  scheduler(): Scheduler;
  /** Another instance: its own service and scheduler over the same tables. */
  twin(): { service: ApprovalService; scheduler: Scheduler };
  open(owner?: Actor): Promise<ApprovalRound>;
  actor(i: number): Actor;
}

async function setup(options: { start: string; members: number; rule: ApprovalRule; unreachable?: number[] }): Promise<Setup> {
  const tenantId = randomUUID();
  const clock = new ManualClock(options.start);
  const members = Array.from({ length: options.members }, (_, i) => ({ key: `member-${i}`, name: `Member ${i}`, userId: `29:member-${i}` }));
  const notifier = new RecordingNotifier(clock, new Set((options.unreachable ?? []).map((i) => `member-${i}`)));
  const due = new TableDueItemRepository(tables.client(TABLES.dueItems));
  const kinds = { reminder: `test.remind.${randomUUID().slice(0, 8)}`, escalation: `test.escalate.${randomUUID().slice(0, 8)}` };
  const subjects = new Map<string, string>();
  const groups = new TableWorkingGroupRepository(tables.client(TABLES.approvals));
  const make = () => {
    const service = new ApprovalService({
      rounds: new TableApprovalRoundRepository(tables.client(TABLES.approvals)),
      groups,
      audit: new TableAuditLog(tables.client(TABLES.audit)),
      due,
      notifier,
      clock,
      jobKinds: kinds
    });
    // Any subject type works: here "findings" about an in-memory thing.
    service.registerSubject('findings', {
      summary: async (_t, id) => (subjects.has(id) ? { title: subjects.get(id)!, kindLabel: 'Findings', facts: [], checklist: [] } : undefined),
      closed: async () => undefined
    });
    const scheduler = new Scheduler({ due, clock, log: silent })
      .register(kinds.reminder, (item: DueItem) => service.runReminder(item))
      .register(kinds.escalation, (item: DueItem) => service.runEscalation(item));
    return { service, scheduler };
  };
  const main = make();
  await groups.save({
    tenantId,
    teamId: 'team-1',
    name: 'Working group',
    channel: { tenantId, serviceUrl: 'https://example.invalid/', channelId: 'msteams', conversationId: '19:wg', conversationType: 'channel', botId: 'b', teamId: 'team-1', updatedAt: '' },
    members,
    chair: 'member-0',
    rule: options.rule,
    memberSource: 'named',
    updatedBy: 'member-0',
    updatedAt: clock.now()
  });
  let count = 0;
  return {
    tenantId,
    clock,
    notifier,
    service: main.service,
    due,
    kinds,
    members,
    subjects,
    scheduler: () => main.scheduler,
    twin: make,
    actor: (i) => ({ tenantId, userId: `29:member-${i}`, aadObjectId: `member-${i}`, name: `Member ${i}` }),
    async open(owner) {
      const subjectId = randomUUID();
      subjects.set(subjectId, 'Key findings');
      count++;
      return main.service.open({ tenantId, subjectType: 'findings', subjectId, number: count, teamId: 'team-1', owner: owner ?? { tenantId, userId: '29:owner', aadObjectId: 'owner', name: 'Owner' } });
    }
  };
}

/** Steps virtual time by `stepMs` until `until`, running the given schedulers at each step. */
async function runUntil(s: Setup, until: string, stepMs: number, schedulers = [s.scheduler()]): Promise<void> {
  const end = new Date(until).getTime();
  while (s.clock.now().getTime() < end) {
    s.clock.advance(stepMs);
    await Promise.all(schedulers.map((x) => x.runDue()));
  }
}

describe('approval rounds on Azurite', () => {
  it('simultaneous decisions never lose a vote (12 members, rule "all", all at once)', async () => {
    const s = await setup({ start: '2026-01-05T10:00:00Z', members: 12, rule: { kind: 'all' } });
    const round = await s.open();
    const views = await Promise.all(s.members.map((_, i) => s.service.decide(s.tenantId, round.roundId, s.actor(i), 'approve', '')));
    const stored = await s.service.get(s.tenantId, round.roundId);
    expect(Object.keys(stored.decisions)).toHaveLength(12);
    expect(stored).toMatchObject({ status: 'closed', outcome: 'approved' });
    expect(views.filter((v) => v.closedNow)).toHaveLength(1); // exactly one decision closed it
    expect(s.notifier.sent.filter((x) => x.kind === 'owner')).toHaveLength(1);
    expect(s.notifier.sent.filter((x) => x.kind === 'update')).toHaveLength(1);
  });

  it('two rounds of one subject cannot be opened twice with the same number', async () => {
    const s = await setup({ start: '2026-01-05T10:00:00Z', members: 2, rule: { kind: 'all' } });
    const subjectId = randomUUID();
    s.subjects.set(subjectId, 'Findings');
    const open = () => s.service.open({ tenantId: s.tenantId, subjectType: 'findings', subjectId, number: 1, teamId: 'team-1', owner: s.actor(0) });
    const results = await Promise.allSettled([open(), open()]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'conflict' } });
  });
});

describe('reminders and escalation in virtual time', () => {
  it('skip weekends and Easter bank holidays, stay inside 09:00–17:00, stop for those who decide, and escalate at the deadline', async () => {
    // Thursday 2 April 2026, 10:00 BST. Good Friday and Easter Monday are bank holidays.
    const s = await setup({ start: '2026-04-02T09:00:00Z', members: 3, rule: { kind: 'all' } });
    const round = await s.open();
    expect(round.deadline.toISOString()).toBe('2026-04-15T09:00:00.000Z');
    // Hour by hour through the Easter weekend to Wednesday 8 April, 12:00 BST.
    await runUntil(s, '2026-04-08T11:00:00Z', 3_600_000);
    expect(s.notifier.reminders()).toEqual([
      '1:member-0@2026-04-08T09:00:00.000Z',
      '1:member-1@2026-04-08T09:00:00.000Z',
      '1:member-2@2026-04-08T09:00:00.000Z'
    ]);
    // Member 1 decides; the others keep being reminded (Fri 10, Tue 14), at most three times.
    await s.service.decide(s.tenantId, round.roundId, s.actor(1), 'approve', '');
    await runUntil(s, '2026-04-20T09:00:00Z', 3_600_000);
    expect(s.notifier.reminders().slice(3)).toEqual([
      '2:member-0@2026-04-10T09:00:00.000Z',
      '2:member-2@2026-04-10T09:00:00.000Z',
      '3:member-0@2026-04-14T09:00:00.000Z',
      '3:member-2@2026-04-14T09:00:00.000Z'
    ]);
    const escalations = s.notifier.sent.filter((x) => x.kind === 'escalate');
    expect(escalations).toEqual([{ kind: 'escalate', to: 'member-0', outstanding: ['member-0', 'member-2'], at: '2026-04-15T09:00:00.000Z' }]);
  });

  it('two scheduler instances on one Azurite never send the same reminder twice', async () => {
    const s = await setup({ start: '2026-01-05T10:00:00Z', members: 8, rule: { kind: 'all' } });
    const a = s.twin();
    const b = s.twin();
    await Promise.all([s.open(), s.open(), s.open()]);
    await runUntil(s, '2026-01-21T12:00:00Z', 30 * 60_000, [a.scheduler, b.scheduler, a.scheduler, b.scheduler]);
    const reminders = s.notifier.reminders();
    expect(reminders).toHaveLength(3 * 8 * 3); // 3 rounds × 8 members × 3 reminders
    const distinct = new Set(s.notifier.sent.filter((x) => x.kind === 'remind').map((x) => `${x.round}|${x.n}|${x.to}`));
    expect(distinct.size).toBe(reminders.length);
    expect(s.notifier.sent.filter((x) => x.kind === 'escalate')).toHaveLength(3);
  });

  it('even when both instances run the same due item at once, each member gets it once (send markers)', async () => {
    const s = await setup({ start: '2026-01-05T10:00:00Z', members: 6, rule: { kind: 'all' } });
    const round = await s.open();
    s.clock.set('2026-01-07T10:00:00Z');
    const item: DueItem = { tenantId: s.tenantId, kind: s.kinds.reminder, key: `${round.roundId}|1`, dueAt: s.clock.now(), payload: { roundId: round.roundId, reminder: 1 }, attempts: 0 };
    const [a, b] = [s.twin(), s.twin()];
    await Promise.all([a.service.runReminder(item), b.service.runReminder(item), a.service.runReminder(item)]);
    expect(s.notifier.reminders()).toHaveLength(6);
  });

  it('items missed while everything was down run once on start, in working time, only the latest reminder', async () => {
    const s = await setup({ start: '2026-01-05T10:00:00Z', members: 2, rule: { kind: 'all' }, unreachable: [1] });
    await s.open();
    s.clock.set('2026-01-10T20:00:00Z'); // Saturday night: reminders 1 (Wed) and 2 (Fri) were missed
    await s.scheduler().runDue();
    expect(s.notifier.reminders()).toEqual([]); // not at the weekend
    s.clock.set('2026-01-12T09:00:00Z'); // Monday 09:00
    await s.scheduler().runDue();
    await s.scheduler().runDue();
    expect(s.notifier.reminders()).toEqual(['2:member-0@2026-01-12T09:00:00.000Z']);
    const audit = await new TableAuditLog(tables.client(TABLES.audit)).list(s.tenantId);
    expect(audit.filter((e) => e.action === 'reminder.notReachable').map((e) => e.detail)).toEqual([
      'reminder 2 of 3 to Member 1 (to member-1): not reachable — no 1:1 chat'
    ]);
  });

  it('a reminder for a subject deleted since sends nothing and stops the rest', async () => {
    const s = await setup({ start: '2026-01-05T10:00:00Z', members: 2, rule: { kind: 'all' } });
    const round = await s.open();
    s.subjects.delete(round.subjectId);
    await runUntil(s, '2026-01-20T12:00:00Z', 3_600_000);
    expect(s.notifier.reminders()).toEqual([]);
    expect(s.notifier.sent.filter((x) => x.kind === 'escalate')).toEqual([]);
    const audit = await new TableAuditLog(tables.client(TABLES.audit)).list(s.tenantId, { subjectId: round.subjectId });
    expect(audit.map((e) => e.action)).toContain('round.subjectGone');
  });

  it('the audit trail is append-only and ordered, filtered by team or subject', async () => {
    const s = await setup({ start: '2026-01-05T10:00:00Z', members: 2, rule: { kind: 'nOfM', n: 1 } });
    const round = await s.open();
    await s.service.decide(s.tenantId, round.roundId, s.actor(1), 'approve', '');
    const log = new TableAuditLog(tables.client(TABLES.audit));
    const all = await log.list(s.tenantId);
    expect(all.map((e) => e.action)).toEqual(['round.opened', 'round.decision', 'round.closed', 'owner.sent']);
    expect(await log.list(s.tenantId, { teamId: 'other' })).toEqual([]);
    expect(Object.getOwnPropertyNames(Object.getPrototypeOf(log))).not.toContain('update');
  });
});
