/**
 * Keeps the per-tenant digest aggregate (src/domain/digests/digest.ts) up to date by wrapping the repositories
 * of plans, approval rounds, surveys and findings: after each successful write the change is applied
 * to the aggregate row (ETag-guarded, retried); the fatigue ledger and the delivery repository are wrapped
 * the same way for skips and response rates. Wired in src/modules/; the services never know.
 * Not atomic with the write: a crash between the two leaves the aggregate one change behind
 * (documented in docs/findings.md).
 */
import type { ApprovalRoundRepository } from '../approvals/ports';
import type { PlanRepository } from '../plans/ports';
import type { ApprovalRound } from '../approvals/approval-round';
import type { DeliveryRecord } from '../delivery/delivery';
import type { FatigueRule } from '../delivery/fatigue';
import type { DeliveryRepository, FatigueLedger, RecordChange } from '../delivery/ports';
import type { AggregateRepository, ReachRepository } from './ports';
import { applyFatigueSkip, applyFindingsChange, applyPlanChange, applyRoundChange, applySurveyChange } from './digest';
import { londonDate } from '../plans/plan-service';
import type { Findings } from '../findings/findings';
import type { FindingsRepository } from '../findings/ports';
import type { Plan } from '../plans/plan';
import { surveyIdOfJob } from '../surveys/survey-delivery';
import type { SurveyRepository } from '../surveys/ports';
import type { Survey } from '../surveys/survey';

export function plansWithAggregates(inner: PlanRepository, aggregates: AggregateRepository): PlanRepository {
  return Object.assign(Object.create(inner) as PlanRepository, {
    async create(plan: Plan) {
      const created = await inner.create(plan);
      await aggregates.update(plan.tenantId, (a) => applyPlanChange(a, undefined, created));
      return created;
    },
    async save(plan: Plan) {
      const before = await inner.get(plan.tenantId, plan.planId);
      const saved = await inner.save(plan);
      await aggregates.update(plan.tenantId, (a) => applyPlanChange(a, before, saved));
      return saved;
    },
    async remove(tenantId: string, planId: string) {
      const before = await inner.get(tenantId, planId);
      await inner.remove(tenantId, planId);
      if (before) await aggregates.update(tenantId, (a) => applyPlanChange(a, before, undefined));
    }
  });
}

export function roundsWithAggregates(inner: ApprovalRoundRepository, aggregates: AggregateRepository): ApprovalRoundRepository {
  const track = async (round: ApprovalRound) => aggregates.update(round.tenantId, (a) => applyRoundChange(a, round, round.roundId));
  return Object.assign(Object.create(inner) as ApprovalRoundRepository, {
    async create(round: ApprovalRound) {
      const created = await inner.create(round);
      await track(created);
      return created;
    },
    async save(round: ApprovalRound) {
      const saved = await inner.save(round);
      // Only opening and closing move the aggregate: a decision on an open round changes nothing there.
      if (saved.status === 'closed') await track(saved);
      return saved;
    },
    async remove(tenantId: string, roundId: string) {
      await inner.remove(tenantId, roundId);
      await aggregates.update(tenantId, (a) => applyRoundChange(a, undefined, roundId));
    }
  });
}

export function surveysWithAggregates(inner: SurveyRepository, aggregates: AggregateRepository): SurveyRepository {
  const track = async (survey: Survey, was: Survey['status'] | undefined) => {
    if (was === survey.status) return; // answers and edits never touch the aggregate
    await aggregates.update(survey.tenantId, (a) => applySurveyChange(a, survey, survey.surveyId));
  };
  return Object.assign(Object.create(inner) as SurveyRepository, {
    async create(survey: Survey) {
      const created = await inner.create(survey);
      await track(created, undefined);
      return created;
    },
    async save(survey: Survey) {
      const before = await inner.get(survey.tenantId, survey.surveyId);
      const saved = await inner.save(survey);
      await track(saved, before?.status);
      return saved;
    }
  });
}

export function findingsWithAggregates(inner: FindingsRepository, aggregates: AggregateRepository): FindingsRepository {
  return Object.assign(Object.create(inner) as FindingsRepository, {
    async save(findings: Findings) {
      const before = await inner.get(findings.tenantId, findings.surveyId);
      const saved = await inner.save(findings);
      await aggregates.update(findings.tenantId, (a) => applyFindingsChange(a, before, saved));
      return saved;
    },
    async remove(tenantId: string, surveyId: string) {
      const before = await inner.get(tenantId, surveyId);
      await inner.remove(tenantId, surveyId);
      if (before) await aggregates.update(tenantId, (a) => applyFindingsChange(a, before, undefined));
    }
  });
}

/** Counts each safeguarding alert once, when it is first marked sent (the count only: no detail). */
export function alertsWithAggregates<L extends { markSent(tenantId: string, subjectId: string, alertKey: string, at: Date): Promise<void> }>(
  inner: L,
  aggregates: AggregateRepository
): L {
  return Object.assign(Object.create(inner) as L, {
    async markSent(tenantId: string, subjectId: string, alertKey: string, at: Date) {
      await inner.markSent(tenantId, subjectId, alertKey, at);
      await aggregates.update(tenantId, (a) => ({ ...a, safeguardingAlerts: a.safeguardingAlerts + 1 }));
    }
  });
}

/**
 * A fatigue ledger that also counts the survey requests the fatigue cap skips: each refused
 * reservation adds one to that London day of the digest aggregate.
 */
export function fatigueWithSkipCount<L extends FatigueLedger>(inner: L, aggregates: AggregateRepository): L {
  return Object.assign(Object.create(inner) as L, {
    async reserve(tenantId: string, personKey: string, jobId: string, now: Date, rule: FatigueRule) {
      const decision = await inner.reserve(tenantId, personKey, jobId, now, rule);
      if (!decision.allowed) await aggregates.update(tenantId, (a) => applyFatigueSkip(a, londonDate(now)));
      return decision;
    }
  });
}

/**
 * A delivery repository that also counts the people a survey was sent to 1:1 as asked (the
 * denominator of its response rate): when a request record (round 0) of a survey's delivery job
 * becomes "sent" — the ETag-guarded update the worker won — the person is added to the survey's
 * reach (once per person, whatever sends it). Best effort: a failure is reported through `warn` and
 * the send stands (the rebuild recounts).
 */
export function deliveriesWithAskedCount<R extends DeliveryRepository>(inner: R, reach: ReachRepository, warn: (error: unknown) => void): R {
  return Object.assign(Object.create(inner) as R, {
    async update(record: DeliveryRecord, change: RecordChange, now: Date) {
      const updated = await inner.update(record, change, now);
      const surveyId = surveyIdOfJob(record.jobId);
      if (updated && surveyId && record.n === 0 && change.status === 'sent' && record.status !== 'sent') {
        await reach.add(record.tenantId, surveyId, [record.personKey]).catch(warn);
      }
      return updated;
    }
  });
}
