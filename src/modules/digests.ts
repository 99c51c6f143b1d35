/**
 * Wires manager digests and the participation audit (docs/findings.md): the digest service over the
 * aggregate and reach counters, what the audit reads, and the weekly digest job.
 */
import { digestCard } from '../cards/digests/digest-cards';
import { DIGEST_JOB, DigestService } from '../domain/digests/digest-service';
import type { LoopDigest } from '../domain/digests/digest';
import type { DeliverySettingsRepository } from '../domain/delivery/ports';
import type { Findings } from '../domain/findings/findings';
import { londonDate } from '../domain/plans/plan-service';
import type { Clock } from '../domain/shared/clock';
import { ladderOf } from '../domain/plans/ladder';
import type { Plan } from '../domain/plans/plan';
import type { ParticipationAuditDeps } from '../domain/plans/participation-audit';
import { isDomainError } from '../domain/shared/errors';
import type { SurveyService } from '../domain/surveys/survey-service';
import type { Scheduler } from '../scheduler/scheduler';
import { respondentsByPointReads } from '../storage/digests/aggregate-repository';
import { TABLES } from '../storage/shared/keys';
import type { Shared } from './shared';

export interface DigestNeeds {
  surveys: SurveyService;
  plans: { listAll(tenantId: string): Promise<Plan[]> };
  findings: { listAll(tenantId: string): Promise<Findings[]> };
  /** The two-way loop's digest figures (docs/two-way-loop.md). */
  loop?: (tenantId: string) => Promise<LoopDigest>;
  /** The tenant's policy row: the council's ladder, which the audit and the report count by (TLAP when absent). */
  deliverySettings?: Pick<DeliverySettingsRepository, 'get'>;
}

/**
 * What the participation audit reads: every plan and findings of the tenant, their surveys' plans and
 * attendance, the suppression threshold and the council's ladder.
 */
export function participationSource({ surveys, plans, findings, deliverySettings }: DigestNeeds, clock?: Clock): ParticipationAuditDeps {
  return {
    ladder: deliverySettings ? async (tenantId) => ladderOf((await deliverySettings.get(tenantId)).ladder).id : undefined,
    today: clock ? () => londonDate(clock.now()) : undefined,
    listPlans: (tenantId) => plans.listAll(tenantId),
    listFindings: (tenantId) => findings.listAll(tenantId),
    // People in Teams by their key, and others present without Teams (docs/groups.md) as one key each, per survey.
    attendees: async (tenantId, surveyId) => {
      const [list, { others }] = await Promise.all([surveys.attendees(tenantId, surveyId), surveys.attendanceCount(tenantId, surveyId)]);
      return [...list.map((a) => a.personKey), ...Array.from({ length: others }, (_, i) => `others|${surveyId}|${i}`)];
    },
    surveyPlanId: (tenantId, surveyId) =>
      surveys.get(tenantId, surveyId).then(
        (survey) => survey.planId,
        (error: unknown) => {
          // A deleted survey's findings stay unlinked.
          if (isDomainError(error) && error.code === 'not_found') return undefined;
          throw error;
        }
      ),
    threshold: (tenantId) => surveys.threshold(tenantId)
  };
}

export function createDigests(shared: Shared, needs: DigestNeeds) {
  const service = new DigestService({
    aggregates: shared.aggregates,
    respondents: (tenantId, surveyId) => respondentsByPointReads(shared.tables.client(TABLES.surveys), tenantId, surveyId),
    asked: (tenantId, surveyId) => shared.reach.count(tenantId, surveyId),
    threshold: (tenantId) => needs.surveys.threshold(tenantId),
    due: shared.due,
    sender: shared.proactive,
    card: digestCard,
    clock: shared.clock,
    loop: needs.loop
  });
  return {
    service,
    participation: participationSource(needs, shared.clock),
    registerJobs(scheduler: Scheduler): void {
      scheduler.register(DIGEST_JOB, (item) => service.run(item));
    }
  };
}
