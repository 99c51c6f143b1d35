/**
 * Wires retention and erasure (docs/privacy.md): the privacy settings, the stores that delete a
 * survey's answers or a person's data, the erasure ledger, the service, and the retention jobs.
 */
import { DIGEST_JOB } from '../domain/digests/digest-service';
import type { LeadRole } from '../domain/privacy/ports';
import { PrivacyService, RETENTION_JOB, RETENTION_SWEEP_JOB, surveyOrUndefined } from '../domain/privacy/privacy-service';
import type { IdentitySealer } from '../domain/safeguarding/ports';
import type { SurveyService } from '../domain/surveys/survey-service';
import type { Scheduler } from '../scheduler/scheduler';
import { ERASURE_TABLES, TablePersonDataStore } from '../storage/privacy/erasure-repository';
import { RETENTION_TABLES, TableErasureLedger, TableRetentionStore } from '../storage/privacy/retention-repository';
import { TablePrivacySettingsRepository } from '../storage/privacy/privacy-settings-repository';
import { TABLES } from '../storage/shared/keys';
import type { Shared } from './shared';
import type { SurveyRetention } from './surveys';

export interface PrivacyNeeds {
  surveys: SurveyService;
  /** Sealed identities of safeguarding alerts, deleted with a survey's answers. */
  sealer: IdentitySealer;
  leadRole: LeadRole;
  /** Photos added to findings: deleted with the survey's answers. */
  photos?: { deleteForSurvey(tenantId: string, surveyId: string): Promise<number> };
}

/**
 * Retention as surveys see it, for surveys built before privacy (privacy reads surveys back): calls
 * go to the privacy service `later()` returns, which exists by the time a survey closes or exports.
 */
export function retentionOf(later: () => PrivacyService): SurveyRetention {
  return {
    scheduleRetention: (survey) => later().scheduleRetention(survey),
    assertAnswersKept: (survey) => later().assertAnswersKept(survey)
  };
}

export function createPrivacy(shared: Shared, needs: PrivacyNeeds) {
  const { tables } = shared;
  const service = new PrivacyService({
    settings: new TablePrivacySettingsRepository(tables.client(TABLES.tenantSettings)),
    retention: new TableRetentionStore(tables.pick(...RETENTION_TABLES)),
    people: new TablePersonDataStore(tables.pick(...ERASURE_TABLES)),
    ledger: new TableErasureLedger(tables.client(TABLES.privacy)),
    sealer: needs.sealer,
    survey: (tenantId, surveyId) => surveyOrUndefined(() => needs.surveys.get(tenantId, surveyId)),
    lead: needs.leadRole,
    due: shared.due,
    audit: shared.audit,
    clock: shared.clock,
    voterHashSecret: shared.config.voterHashSecret,
    admins: shared.admins,
    // A person's digest subscription is erased with them.
    personalJobKinds: [DIGEST_JOB],
    photos: needs.photos
  });
  return {
    service,
    registerJobs(scheduler: Scheduler): void {
      scheduler.register(RETENTION_JOB, (item) => service.runRetention(item));
      scheduler.register(RETENTION_SWEEP_JOB, (item) => service.runSweep(item));
    }
  };
}
