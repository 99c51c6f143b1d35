/**
 * Wires safeguarding (docs/safeguarding.md): sealed identities, the alert ledger (counted in the digest
 * aggregate), the service with its cards, the rule that a survey with free text needs a lead before it
 * is published, the lead role as erasure sees it, and the escalation job.
 */
import { safeguardingAlertCard, safeguardingReplyCard, safeguardingUnacknowledgedCard } from '../cards/safeguarding/safeguarding-cards';
import type { DeliverySettingsRepository } from '../domain/delivery/ports';
import { alertsWithAggregates } from '../domain/digests/aggregates';
import type { LeadRole } from '../domain/privacy/ports';
import { SAFEGUARDING_WORDS_JOB, prepareScreen, safeguardingPublishGuard } from '../domain/safeguarding/safeguarding';
import { SafeguardingService } from '../domain/safeguarding/safeguarding-service';
import type { SurveyService } from '../domain/surveys/survey-service';
import type { Scheduler } from '../scheduler/scheduler';
import { TableAlertLedger, TableSealedIdentities } from '../storage/safeguarding/safeguarding-repository';
import { TABLES } from '../storage/shared/keys';
import type { Shared } from './shared';

/**
 * The safeguarding lead and deputies as erasure sees them (docs/privacy.md): they are kept in the
 * delivery settings, and erasing a person takes the roles away from them there.
 */
export function leadRoleIn(settings: DeliverySettingsRepository): LeadRole {
  return {
    leadKey: async (tenantId) => (await settings.get(tenantId)).safeguardingLead?.personKey,
    deputyKeys: async (tenantId) => (await settings.get(tenantId)).safeguardingDeputies.map((d) => d.personKey),
    clearIf: async (tenantId, key) => {
      await settings.update(tenantId, (current) => ({
        ...current,
        safeguardingLead: current.safeguardingLead?.personKey === key ? undefined : current.safeguardingLead,
        safeguardingDeputies: current.safeguardingDeputies.filter((d) => d.personKey !== key)
      }));
    }
  };
}

export function createSafeguarding(shared: Shared, settings: DeliverySettingsRepository, surveys: SurveyService) {
  prepareScreen();
  const sealed = new TableSealedIdentities(shared.tables.client(TABLES.sealedIdentities));
  const service = new SafeguardingService({
    settings,
    sealed,
    alerts: alertsWithAggregates(new TableAlertLedger(shared.tables.client(TABLES.safeguarding)), shared.aggregates),
    sender: shared.proactive,
    alertCard: safeguardingAlertCard,
    replyCard: safeguardingReplyCard,
    unacknowledgedCard: safeguardingUnacknowledgedCard,
    due: shared.due,
    audit: shared.audit,
    clock: shared.clock,
    // One cache of the council's phrases with the withheld-text filter.
    phrases: shared.concernPhrases,
    // Told (without the words) when an alert waits and no deputy is set; their 1:1 chat is found by their Entra id.
    administrators: shared.config.admins ?? [],
    log: shared.log
  });
  surveys.addPublishGuard(safeguardingPublishGuard((tenantId) => service.lead(tenantId)));
  return {
    service,
    /** Sealed identities of alerts; retention deletes a survey's with its answers. */
    sealed,
    leadRole: leadRoleIn(settings),
    registerJobs(scheduler: Scheduler): void {
      scheduler.register(service.escalationJob, (item) => service.runEscalation(item));
      scheduler.register(SAFEGUARDING_WORDS_JOB, (item) => service.runWordsRelease(item));
    }
  };
}
