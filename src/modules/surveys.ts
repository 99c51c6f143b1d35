/**
 * Wires surveys, virtual sessions and communication preferences (docs/surveys.md): their repositories
 * (surveys counted in the digest aggregate and kept to the retention policy), the services, what 1:1
 * delivery sends for a survey, the CSV export link, and the job that closes a survey at its closing time.
 */
import { surveyInviteCard } from '../cards/surveys/survey-cards';
import { surveysWithAggregates } from '../domain/digests/aggregates';
import type { DeliverySubject } from '../domain/delivery/ports';
import { PreferenceService } from '../domain/preferences/preference-service';
import { surveysWithRetention } from '../domain/privacy/privacy-service';
import { ownerOrConversation } from '../domain/search/search';
import { SessionService } from '../domain/sessions/session-service';
import { SessionPresence } from '../domain/sessions/presence';
import { SupportedContributions } from '../domain/sessions/supported';
import { SURVEY_SUBJECT, surveyDeliverySubject } from '../domain/surveys/survey-delivery';
import { SURVEY_CLOSE_JOB, SurveyService } from '../domain/surveys/survey-service';
import type { Scheduler } from '../scheduler/scheduler';
import { TableAttendanceRepository, TableSessionRepository } from '../storage/sessions/session-repository';
import { TableContributionRepository } from '../storage/sessions/contribution-repository';
import { TABLES } from '../storage/shared/keys';
import { TableSurveyRepository } from '../storage/surveys/survey-repository';
import { TableExportLinkRepository } from '../storage/surveys/export-link-repository';
import { TablePreferenceRepository } from '../storage/preferences/preference-repository';
import { TableTenantSettingsRepository } from '../storage/surveys/survey-settings-repository';
import type { Shared } from './shared';

/** What surveys need of retention (docs/privacy.md): closing schedules it; exports say when answers are gone. */
export type SurveyRetention = Parameters<typeof surveysWithRetention>[1];

export function createSurveys(shared: Shared, retention: SurveyRetention) {
  const { tables, clock } = shared;
  // A survey is found by its owner and in the conversation it was posted in.
  shared.search.registerKind('survey', ownerOrConversation);
  const preferences = new TablePreferenceRepository(tables.client(TABLES.preferences));
  const attendance = new TableAttendanceRepository(tables.client(TABLES.attendance));
  const contributions = new TableContributionRepository(tables.client(TABLES.sessions));
  const service: SurveyService = new SurveyService({
    search: shared.search,
    withheld: shared.withheld,
    // Opening and closing move the digest's counts; closing schedules the retention job, and exports
    // say so once the answers are deleted.
    surveys: surveysWithRetention(surveysWithAggregates(new TableSurveyRepository(tables.client(TABLES.surveys)), shared.aggregates), retention),
    attendance,
    contributions,
    preferences,
    settings: new TableTenantSettingsRepository(tables.client(TABLES.tenantSettings)),
    exportLinks: new TableExportLinkRepository(tables.client(TABLES.exportLinks)),
    due: shared.due,
    clock,
    voterHashSecret: shared.config.voterHashSecret
  });
  const deliverySubjects: Record<string, DeliverySubject> = {
    [SURVEY_SUBJECT]: surveyDeliverySubject({ get: (t, id) => service.recent(t, id), checkGoingOut: (survey, action) => service.checkGoingOut(survey, action) }, attendance, clock)
  };
  const sessions = new SessionService({ sessions: new TableSessionRepository(tables.client(TABLES.sessions)), surveys: service, preferences, clock, reach: shared.reach });
  return {
    service,
    sessions,
    /** `session present @name`: who took part in the room (docs/groups.md). */
    presence: new SessionPresence({ sessions, attendance, reach: shared.reach }),
    /** `session support`, `session others N`: supported answers and others present without Teams (docs/groups.md). */
    support: new SupportedContributions({ sessions, surveys: service, contributions }),
    preferences: new PreferenceService({ preferences, clock, onChange: (tenantId, key) => service.forgetStyle(tenantId, key) }),
    /** What 1:1 delivery sends for a survey, and to whom reminders go (docs/delivery.md). */
    deliverySubjects,
    /** GET /exports/{tenant}/{token}.csv: the survey's CSV behind its expiring link. */
    async exportCsv(tenantId: string, token: string): Promise<{ filename: string; body: string }> {
      const { survey, csv } = await service.exportByToken(tenantId, token);
      return { filename: `survey-${survey.surveyId.slice(0, 8)}.csv`, body: csv };
    },
    /** Closing at the closing time updates the posted invite card, which then says the survey is closed. */
    registerJobs(scheduler: Scheduler): void {
      scheduler.register(SURVEY_CLOSE_JOB, async (item) => {
        const survey = await service.runClose(item);
        if (survey?.inviteActivityId) await shared.proactive.updateInConversation(survey.conversation, survey.inviteActivityId, surveyInviteCard(survey));
      });
    }
  };
}
