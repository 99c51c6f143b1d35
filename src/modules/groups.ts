/**
 * Wires groups young people choose to join, recognition and Young Commissioners' reviews
 * (docs/groups.md): the repositories (the `groups` table beside saved groups; attendance read for
 * `my voice`), the services, and what 1:1 delivery asks of a chosen group (the fatigue-cap exemption).
 * Built before delivery, which needs `chosen`; surveys and findings are read lazily (built later).
 */
import { GroupService } from '../domain/groups/group-service';
import { RecognitionService } from '../domain/groups/recognition';
import type { FindingsService } from '../domain/findings/findings-service';
import { isDomainError } from '../domain/shared/errors';
import type { SurveyService } from '../domain/surveys/survey-service';
import { TableChosenGroupRepository, TableContributionsReader, TableOfficerRepository, TableReviewRepository } from '../storage/groups/group-repository';
import { ReviewService } from '../domain/groups/review-service';
import type { SafeguardingService } from '../domain/safeguarding/safeguarding-service';
import { TABLES } from '../storage/shared/keys';
import type { Shared } from './shared';

/** Undefined instead of a `not_found` (a survey or findings deleted since someone took part). */
async function orNothing<T>(read: Promise<T>): Promise<T | undefined> {
  try {
    return await read;
  } catch (error) {
    if (isDomainError(error) && error.code === 'not_found') return undefined;
    throw error;
  }
}

export function createGroups(shared: Shared, features: () => { surveys: SurveyService; findings: FindingsService; safeguarding: SafeguardingService }) {
  const table = shared.tables.client(TABLES.groups);
  const service = new GroupService({
    groups: new TableChosenGroupRepository(table),
    officers: new TableOfficerRepository(table),
    admins: shared.admins,
    audit: shared.audit,
    clock: shared.clock
  });
  const recognition = new RecognitionService({
    contributions: new TableContributionsReader(shared.tables.client(TABLES.attendance)),
    survey: (tenantId, surveyId) => orNothing(features().surveys.get(tenantId, surveyId)),
    findings: (tenantId, surveyId) => orNothing(features().findings.get(tenantId, surveyId))
  });
  const reviews = new ReviewService({
    reviews: new TableReviewRepository(table),
    groups: service,
    findings: (tenantId, surveyId) => features().findings.get(tenantId, surveyId),
    findingsOf: (actor) => features().findings.listMine(actor),
    threshold: (tenantId) => features().surveys.threshold(tenantId),
    screen: (input) => features().safeguarding.screenAnswer(input),
    secret: shared.config.voterHashSecret
  });
  return { service, recognition, reviews, chosen: service.chosenGroups() };
}
