/**
 * Wires working-group approvals (docs/approvals.md): rounds (counted in the digest aggregate), working
 * groups, the Teams notifier, and the reminder and escalation jobs.
 */
import { ApprovalService, ESCALATION_JOB, REMINDER_JOB } from '../domain/approvals/approval-service';
import { roundsWithAggregates } from '../domain/digests/aggregates';
import { DEFAULT_REMINDER_POLICY } from '../domain/shared/working-days';
import type { Scheduler } from '../scheduler/scheduler';
import { TableApprovalRoundRepository, TableWorkingGroupRepository } from '../storage/approvals/approval-repository';
import { TABLES } from '../storage/shared/keys';
import { TeamsApprovalNotifier } from '../teams/approvals/approval-notifier';
import type { Shared } from './shared';

export function createApprovals(shared: Shared) {
  const table = shared.tables.client(TABLES.approvals);
  const service = new ApprovalService({
    // Opening and closing a round move the digest's counts (docs/findings.md).
    rounds: roundsWithAggregates(new TableApprovalRoundRepository(table), shared.aggregates),
    groups: new TableWorkingGroupRepository(table),
    audit: shared.audit,
    due: shared.due,
    notifier: new TeamsApprovalNotifier(shared.proactive, DEFAULT_REMINDER_POLICY.maxReminders),
    clock: shared.clock
  });
  return {
    service,
    registerJobs(scheduler: Scheduler): void {
      scheduler.register(REMINDER_JOB, (item) => service.runReminder(item));
      scheduler.register(ESCALATION_JOB, (item) => service.runEscalation(item));
    }
  };
}
