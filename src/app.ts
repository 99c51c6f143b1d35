/**
 * Wires VoiceLoop together: config → storage → services → Teams bot → HTTP → scheduler.
 * Tests build the real app with this, in-process.
 */
import type { AddressInfo } from 'node:net';
import type pino from 'pino';
import type { AppConfig } from './config';
import { type Clock, systemClock } from './domain/shared/clock';
import { isDomainError } from './domain/shared/errors';
import { POLL_CLOSE_JOB, PollService } from './domain/polls/poll-service';
import { createHttpServer } from './http/http-server';
import { type Logger, createLogger } from './log';
import { Scheduler } from './scheduler/scheduler';
import { TableConversationRepository } from './storage/shared/conversation-repository';
import { TableDueItemRepository } from './storage/shared/due-item-repository';
import type { EmbeddedStorage } from './storage/shared/emulator';
import { TABLES } from './storage/shared/keys';
import { TablePollRepository } from './storage/polls/poll-repository';
import { type TableEndpoint, Tables } from './storage/shared/tables';
import { createTeamsBot } from './teams/teams-bot';
import { ApprovalService, ESCALATION_JOB, REMINDER_JOB } from './domain/approvals/approval-service';
import { PlanService } from './domain/plans/plan-service';
import { DEFAULT_REMINDER_POLICY } from './domain/shared/working-days';
import { TableApprovalRoundRepository, TableWorkingGroupRepository } from './storage/approvals/approval-repository';
import { TableAuditLog } from './storage/shared/audit-repository';
import { DeliverySettingsService } from './domain/delivery/delivery-settings-service';
import { TablePlanRepository } from './storage/plans/plan-repository';
import { TeamsApprovalNotifier } from './teams/approvals/approval-notifier';
import { TeamsProactiveSender } from './teams/shared/proactive';
import { SearchService, once, ownerOrConversation } from './domain/search/search';
import { personKey } from './domain/shared/conversation';
import { TableSearchIndex } from './storage/search/search-repository';
import { TableDraftRepository } from './storage/shared/draft-repository';
import { PreferenceService } from './domain/preferences/preferences';
import { SessionService } from './domain/sessions/session-service';
import { SURVEY_CLOSE_JOB, SurveyService } from './domain/surveys/survey-service';
import { surveyInviteCard } from './cards/surveys/survey-cards';
import { TableAttendanceRepository, TableSessionRepository } from './storage/sessions/session-repository';
import { TableSurveyRepository } from './storage/surveys/survey-repository';
import { TableTenantSettingsRepository } from './storage/surveys/survey-settings-repository';
import { TableExportLinkRepository } from './storage/surveys/export-link-repository';
import { TablePreferenceRepository } from './storage/preferences/preference-repository';
import { FlaggedTextFilter } from './domain/safeguarding/withheld-text';
import { TableDeliverySettingsRepository } from './storage/delivery/delivery-settings-repository';
// 1:1 delivery, quiet hours, fatigue and safeguarding (docs/delivery.md)
import { deliveryProgressCard, safeguardingAlertCard, safeguardingReplyCard, safeguardingUnacknowledgedCard } from './cards/delivery/delivery-cards';
import { type DeliveryRuntime, createDeliveryRuntime, registerDeliveryJobs } from './modules/delivery';
import { safeguardingPublishGuard } from './domain/safeguarding/safeguarding';
import { SafeguardingService } from './domain/safeguarding/safeguarding-service';
import { SURVEY_SUBJECT, surveyDeliverySubject } from './domain/surveys/survey-delivery';
import { type QueueEndpoint, Queues } from './storage/shared/queues';
import { TableAlertLedger, TableSealedIdentities } from './storage/safeguarding/safeguarding-repository';
// Closing the loop: findings (docs/findings.md)
import { findingsEasyCard, findingsFollowUpCard, findingsStandardCard } from './cards/findings/findings-cards';
import { checkEasyRead } from './cards/shared/easy-read';
import { FINDINGS_SEND_JOB, FindingsService } from './domain/findings/findings-service';
import { TableFindingsRepository, listAllFindings } from './storage/findings/findings-repository';
// Manager digests from per-tenant aggregates (docs/findings.md)
import { digestCard } from './cards/digests/digest-cards';
import { alertsWithAggregates, countFatigueSkips, countSentAsAsked, findingsWithAggregates, plansWithAggregates, roundsWithAggregates, surveysWithAggregates } from './domain/digests/aggregates';
import { DIGEST_JOB, DigestService } from './domain/digests/digest-service';
import { TableAggregateRepository, TableReachRepository, respondentsByPointReads } from './storage/digests/aggregate-repository';
// Retention and erasure (docs/privacy.md)
import { PrivacyService, RETENTION_JOB, RETENTION_SWEEP_JOB, surveyOrUndefined, surveysWithRetention } from './domain/privacy/privacy-service';
import { ERASURE_TABLES, TablePersonDataStore } from './storage/privacy/erasure-repository';
import { RETENTION_TABLES, TableErasureLedger, TableRetentionStore } from './storage/privacy/retention-repository';
import { TablePrivacySettingsRepository } from './storage/privacy/privacy-settings-repository';

export interface VoiceLoop {
  url: string;
  port: number;
  log: Logger;
  scheduler: Scheduler;
  polls: PollService;
  plans: PlanService;
  approvals: ApprovalService;
  /** Surveys and virtual sessions (docs/surveys.md); benches drive answering and results through these. */
  surveys: SurveyService;
  sessions: SessionService;
  /** 1:1 delivery at scale: service, worker, queue (docs/delivery.md). */
  delivery: DeliveryRuntime;
  safeguarding: SafeguardingService;
  /** "You said, we did" findings (docs/findings.md). */
  findings: FindingsService;
  digests: DigestService;
  /** Retention and erasure (docs/privacy.md). */
  privacy: PrivacyService;
  tables: Tables;
  /** Stops taking requests, lets the scheduler finish its pass, stops the embedded emulator. */
  close(): Promise<void>;
}

export interface StartOptions {
  clock?: Clock;
  logDestination?: pino.DestinationStream;
  /** Tests drive the scheduler themselves (virtual time). */
  startScheduler?: boolean;
}

export async function startVoiceLoop(config: AppConfig, options: StartOptions = {}): Promise<VoiceLoop> {
  const log = createLogger(config.logLevel, options.logDestination);
  const clock = options.clock ?? systemClock;

  let emulator: EmbeddedStorage | undefined;
  let endpoint: TableEndpoint;
  let queueEndpoint: QueueEndpoint;
  if (config.storage.kind === 'embedded') {
    // Loaded only when used: Azurite switches on tracing of every Azure SDK call in the process that
    // loads it, which production (real storage) must not pay for.
    const { startEmbeddedStorage } = await import('./storage/shared/emulator.js');
    emulator = await startEmbeddedStorage({
      dataDir: config.storage.dataDir,
      tablePort: config.storage.tablePort,
      queuePort: config.storage.queuePort
    });
    log.info({ tablePort: emulator.tablePort, queuePort: emulator.queuePort, dataDir: config.storage.dataDir }, 'embedded storage emulator started');
    endpoint = { kind: 'connectionString', connectionString: emulator.connectionString };
    queueEndpoint = endpoint;
  } else if (config.storage.kind === 'connectionString') {
    endpoint = { kind: 'connectionString', connectionString: config.storage.connectionString };
    queueEndpoint = endpoint;
  } else {
    endpoint = { kind: 'accountUrl', tableUrl: config.storage.tableUrl, managedIdentityClientId: config.storage.managedIdentityClientId };
    queueEndpoint = { kind: 'accountUrl', queueUrl: config.storage.queueUrl, managedIdentityClientId: config.storage.managedIdentityClientId };
  }

  try {
    const tables = new Tables(endpoint);
    await tables.ensureAll();

    const due = new TableDueItemRepository(tables.client(TABLES.dueItems));
    // Digest counters, kept up to date by wrapping the repositories below (docs/findings.md).
    const aggregates = new TableAggregateRepository(tables.client(TABLES.aggregates));
    // Who was asked to answer each survey (response rates): 1:1 sends and session members.
    const reach = new TableReachRepository(tables.client(TABLES.aggregates));
    const planRepository = new TablePlanRepository(tables.client(TABLES.plans));
    const search = new SearchService(new TableSearchIndex(tables.client(TABLES.search))).registerKind('poll', ownerOrConversation);
    const polls = new PollService({
      search,
      polls: new TablePollRepository(tables.client(TABLES.polls)),
      due,
      clock,
      voterHashSecret: config.voterHashSecret
    });
    const conversations = new TableConversationRepository(tables.client(TABLES.conversations));
    const drafts = new TableDraftRepository(tables.client(TABLES.drafts));
    // Engagement plans and working-group approvals (docs/approvals.md).
    const proactive = new TeamsProactiveSender(conversations);
    const audit = new TableAuditLog(tables.client(TABLES.audit));
    const approvals = new ApprovalService({
      rounds: roundsWithAggregates(new TableApprovalRoundRepository(tables.client(TABLES.approvals)), aggregates),
      groups: new TableWorkingGroupRepository(tables.client(TABLES.approvals)),
      audit,
      due,
      notifier: new TeamsApprovalNotifier(proactive, DEFAULT_REMINDER_POLICY.maxReminders),
      clock
    });
    const plans = new PlanService({ plans: plansWithAggregates(planRepository, aggregates), approvals, audit, clock, search });
    // Plans are visible in search to their owner and to the members of the working group that approves them.
    search.registerKind('survey', ownerOrConversation).registerKind('plan', async (item, viewer, _conversationId, memo) => {
      if (item.ownerKey === personKey(viewer)) return true;
      const teamId = item.teamId;
      const group = teamId ? await once(memo, `group|${teamId}`, () => approvals.group(item.tenantId, teamId)) : undefined;
      return group?.members.some((m) => m.key === personKey(viewer)) ?? false;
    });
    // Surveys, virtual sessions and communication preferences (docs/surveys.md).
    const preferenceRepository = new TablePreferenceRepository(tables.client(TABLES.preferences));
    // Free text the safeguarding screen flags is withheld from results, exports and quotes (docs/privacy.md).
    const withheld = new FlaggedTextFilter({ settings: new TableDeliverySettingsRepository(tables.client(TABLES.tenantSettings)), clock });
    const surveys: SurveyService = new SurveyService({
      search,
      withheld,
      // Closing a survey schedules its retention job; exports say so once its answers are deleted.
      surveys: surveysWithRetention(surveysWithAggregates(new TableSurveyRepository(tables.client(TABLES.surveys)), aggregates), {
        scheduleRetention: (survey): Promise<void> => privacy.scheduleRetention(survey),
        assertAnswersKept: (survey): Promise<void> => privacy.assertAnswersKept(survey)
      }),
      attendance: new TableAttendanceRepository(tables.client(TABLES.attendance)),
      preferences: preferenceRepository,
      settings: new TableTenantSettingsRepository(tables.client(TABLES.tenantSettings)),
      exportLinks: new TableExportLinkRepository(tables.client(TABLES.exportLinks)),
      due,
      clock,
      voterHashSecret: config.voterHashSecret
    });
    const sessions = new SessionService({ sessions: new TableSessionRepository(tables.client(TABLES.sessions)), surveys, preferences: preferenceRepository, clock, reach });
    const preferenceService = new PreferenceService({ preferences: preferenceRepository, clock, onChange: (tenantId, key) => surveys.forgetStyle(tenantId, key) });
    // 1:1 delivery through the Storage queue, and safeguarding (docs/delivery.md).
    const queues = new Queues(queueEndpoint);
    await queues.ensureAll();
    const delivery = createDeliveryRuntime({
      tables,
      queues,
      conversations,
      due,
      clock,
      bot: config.bot,
      log,
      subjects: {
        [SURVEY_SUBJECT]: surveyDeliverySubject({ get: (t, id) => surveys.recent(t, id) }, new TableAttendanceRepository(tables.client(TABLES.attendance)), clock)
      },
      progressCard: deliveryProgressCard
    });
    countFatigueSkips(delivery.fatigue, aggregates); // digests count people skipped by the fatigue cap
    countSentAsAsked(delivery.deliveries, reach, (err) => log.warn({ err }, 'could not count a 1:1 send toward the response rate'));
    const sealedIdentities = new TableSealedIdentities(tables.client(TABLES.sealedIdentities));
    const safeguarding = new SafeguardingService({
      settings: delivery.settings,
      sealed: sealedIdentities,
      alerts: alertsWithAggregates(new TableAlertLedger(tables.client(TABLES.safeguarding)), aggregates),
      sender: proactive,
      alertCard: safeguardingAlertCard,
      replyCard: safeguardingReplyCard,
      unacknowledgedCard: safeguardingUnacknowledgedCard,
      due,
      audit,
      clock,
      // Told (without the words) when an alert waits and no deputy is set; their 1:1 chat is found by their Entra id.
      administrators: config.admins ?? [],
      log
    });
    surveys.addPublishGuard(safeguardingPublishGuard((tenantId) => safeguarding.lead(tenantId)));
    const findings = new FindingsService({
      findings: findingsWithAggregates(new TableFindingsRepository(tables.client(TABLES.findings)), aggregates),
      surveys,
      plans,
      approvals,
      conversations,
      sender: proactive,
      due,
      audit,
      clock,
      cards: { standard: findingsStandardCard, easy: findingsEasyCard, followUp: findingsFollowUpCard },
      checkEasyRead,
      allowedHours: async (tenantId) => (await delivery.settings.get(tenantId)).allowedHours,
      withheld,
      search
    });
    search.registerKind('summary', ownerOrConversation);
    const participation = {
      listPlans: (tenantId: string) => planRepository.listAll(tenantId),
      listFindings: (tenantId: string) => listAllFindings(tables.client(TABLES.findings), tenantId),
      attendeeCount: async (tenantId: string, surveyId: string) => (await surveys.attendees(tenantId, surveyId)).length,
      threshold: (tenantId: string) => surveys.threshold(tenantId)
    };
    const digests = new DigestService({
      aggregates,
      respondents: (tenantId, surveyId) => respondentsByPointReads(tables.client(TABLES.surveys), tenantId, surveyId),
      asked: (tenantId, surveyId) => reach.count(tenantId, surveyId),
      threshold: (tenantId) => surveys.threshold(tenantId),
      due,
      sender: proactive,
      card: digestCard,
      clock
    });
    const privacy: PrivacyService = new PrivacyService({
      settings: new TablePrivacySettingsRepository(tables.client(TABLES.tenantSettings)),
      retention: new TableRetentionStore(tables.pick(...RETENTION_TABLES)),
      people: new TablePersonDataStore(tables.pick(...ERASURE_TABLES)),
      ledger: new TableErasureLedger(tables.client(TABLES.privacy)),
      sealer: sealedIdentities,
      survey: (tenantId, surveyId) => surveyOrUndefined(() => surveys.get(tenantId, surveyId)),
      lead: {
        leadKey: async (tenantId) => (await delivery.settings.get(tenantId)).safeguardingLead?.personKey,
        deputyKeys: async (tenantId) => (await delivery.settings.get(tenantId)).safeguardingDeputies.map((d) => d.personKey),
        clearIf: async (tenantId, key) => {
          await delivery.settings.update(tenantId, (current) => ({
            ...current,
            safeguardingLead: current.safeguardingLead?.personKey === key ? undefined : current.safeguardingLead,
            safeguardingDeputies: current.safeguardingDeputies.filter((d) => d.personKey !== key)
          }));
        }
      },
      due,
      audit,
      clock,
      voterHashSecret: config.voterHashSecret,
      admins: { admins: config.admins ?? [], localMode: config.mode === 'local' },
      personalJobKinds: [DIGEST_JOB]
    });
    const deliverySettings = new DeliverySettingsService({ settings: delivery.settings, audit, clock, admins: { admins: config.admins ?? [], localMode: config.mode === 'local' } });
    const bot = createTeamsBot({ polls, conversations, search, drafts, publicUrl: config.publicUrl, plans, approvals, proactive, surveys, sessions, preferenceService, exportDelivery: config.mode === 'production' ? 'fileConsent' : 'link', clock, log, bot: config.bot, delivery: delivery.service, safeguarding, deliverySettings, findings, digests, participation, privacy });

    const scheduler = new Scheduler({ due, clock, log });
    registerDeliveryJobs(scheduler, delivery.service);
    scheduler.register(REMINDER_JOB, (item) => approvals.runReminder(item));
    scheduler.register(FINDINGS_SEND_JOB, (item) => findings.runSend(item));
    scheduler.register(DIGEST_JOB, (item) => digests.run(item));
    scheduler.register(ESCALATION_JOB, (item) => approvals.runEscalation(item));
    scheduler.register(RETENTION_JOB, (item) => privacy.runRetention(item));
    scheduler.register(safeguarding.escalationJob, (item) => safeguarding.runEscalation(item));
    scheduler.register(RETENTION_SWEEP_JOB, (item) => privacy.runSweep(item));
    scheduler.register(SURVEY_CLOSE_JOB, async (item) => {
      try {
        const survey = await surveys.close(item.tenantId, String(item.payload.surveyId));
        if (survey.inviteActivityId) await proactive.updateInConversation(survey.conversation, survey.inviteActivityId, surveyInviteCard(survey));
      } catch (error) {
        if (isDomainError(error) && error.code === 'not_found') return;
        throw error;
      }
    });
    scheduler.register(POLL_CLOSE_JOB, async (item) => {
      try {
        const { view } = await polls.close(item.tenantId, String(item.payload.pollId));
        await bot.updatePollMessage(view.poll, view.tally);
      } catch (error) {
        if (isDomainError(error) && error.code === 'not_found') return; // deleted since: nothing to close
        throw error;
      }
    });

    const server = createHttpServer(
      {
        messages: (req, res) => bot.handle(req, res),
        ready: () => tables.ping(),
        exportCsv: async (tenantId, token) => {
          const { survey, csv } = await surveys.exportByToken(tenantId, token);
          return { filename: `survey-${survey.surveyId.slice(0, 8)}.csv`, body: csv };
        }
      },
      log
    );
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    });
    const port = (server.address() as AddressInfo).port;
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
    if (options.startScheduler !== false) scheduler.start(config.schedulerIntervalMs);
    // Tests drive the delivery worker themselves (`delivery.worker.runOnce()`), like the scheduler.
    if (options.startScheduler !== false) delivery.worker.start();
    log.info({ url: `${url}/api/messages`, mode: config.mode }, 'VoiceLoop is listening');

    return {
      url,
      port,
      log,
      scheduler,
      polls,
      plans,
      approvals,
      surveys,
      sessions,
      delivery,
      safeguarding,
      findings,
      digests,
      privacy,
      tables,
      async close() {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await delivery.worker.stop();
        await scheduler.stop();
        await emulator?.close();
      }
    };
  } catch (error) {
    await emulator?.close();
    throw error;
  }
}
