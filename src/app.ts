/**
 * The composition root: config → storage → feature modules (src/modules/) → Teams bot → HTTP → scheduler.
 * Each feature's wiring is in its module. Tests build the real app with this, in-process.
 */
import type { AppConfig } from './config';
import { systemClock } from './domain/shared/clock';
import { createHttpServer, listen } from './http/http-server';
import { createLogger } from './log';
import { createApprovals } from './modules/approvals';
import { createDelivery } from './modules/delivery';
import { createDigests } from './modules/digests';
import { createFindings } from './modules/findings';
import { createGroups } from './modules/groups';
import { createLoop } from './modules/loop';
import { createMeetings } from './modules/meetings';
import { createPlans } from './modules/plans';
import { createPolls } from './modules/polls';
import { createPrivacy, retentionOf } from './modules/privacy';
import { createReports } from './modules/reports';
import { createRecurrence } from './modules/recurrence';
import { createSafeguarding } from './modules/safeguarding';
import { createShared, openStorage } from './modules/shared';
import { createSurveys } from './modules/surveys';
import { Scheduler } from './scheduler/scheduler';
import { createTeamsBot } from './teams/teams-bot';
import type { StartOptions, VoiceLoop } from './voiceloop';

export async function startVoiceLoop(config: AppConfig, options: StartOptions = {}): Promise<VoiceLoop> {
  const log = createLogger(config.logLevel, options.logDestination);
  const clock = options.clock ?? systemClock;
  const storage = await openStorage(config.storage, log, { schedulerTable: config.schedulerTable, deliveryQueue: config.deliveryQueue });
  try {
    const shared = createShared(storage, config, clock, log);
    const polls = createPolls(shared);
    const approvals = createApprovals(shared);
    const plans = createPlans(shared, approvals.service);
    // Surveys and privacy need each other (closing a survey schedules its retention, which reads the survey).
    const surveys = createSurveys(shared, retentionOf(() => privacy.service));
    // Groups young people choose to join (docs/groups.md): delivery asks them who chose to join.
    const groups = createGroups(shared, () => ({ surveys: surveys.service, findings: findings.service, safeguarding: safeguarding.service }));
    const delivery = createDelivery(shared, surveys.deliverySubjects, groups.chosen);
    const safeguarding = createSafeguarding(shared, delivery.settings, surveys.service);
    const engagementGate = plans.gateSurveys(surveys.service, delivery.settings);
    const findings = createFindings(shared, { surveys: surveys.service, plans: plans.service, approvals: approvals.service, deliverySettings: delivery.settings, whenDone: (f, item) => loop.service.scheduleCheck(f, item) });
    plans.linkFindings(findings.listAll);
    const loop = createLoop(shared, { findings: findings.service, markers: findings.repository, listFindings: findings.listAll, surveys: surveys.service, safeguarding: safeguarding.service, deliverySettings: delivery.settings, isAdmin: (actor) => privacy.service.isAdmin(actor) });
    const digests = createDigests(shared, { surveys: surveys.service, plans, findings, loop: (tenantId) => loop.service.digestFigures(tenantId), deliverySettings: delivery.settings });
    const reports = createReports(shared, { participation: digests.participation, approvals: approvals.service });
    const privacy = createPrivacy(shared, { surveys: surveys.service, sealer: safeguarding.sealed, leadRole: safeguarding.leadRole, photos: findings.photos });
    const recurrence = createRecurrence(shared, { surveys: surveys.service, delivery: delivery.service, deliverySettings: delivery.settings, deliveries: delivery.deliveries });

    const meetings = createMeetings(shared, { surveys: surveys.service, sessions: surveys.sessions, safeguarding: safeguarding.service });

    const { conversations, search, drafts, proactive } = shared;
    const bot = createTeamsBot({
      conversations, search, drafts, proactive, clock, log, bot: config.bot, publicUrl: config.publicUrl,
      polls: polls.service, scheduledPolls: polls.scheduled, pollSeries: polls.series, pollWaiting: polls.waiting(delivery), plans: plans.service, approvals: approvals.service, findings: findings.service, privacy: privacy.service,
      surveys: surveys.service, sessions: surveys.sessions, preferenceService: surveys.preferences, exportDelivery: config.mode === 'production' ? 'fileConsent' : 'link',
      delivery: delivery.service, deliverySettings: delivery.settingsService, safeguarding: safeguarding.service, engagementGate,
      digests: digests.service, participation: digests.participation, loop: loop.service,
      groups: groups.service, recognition: groups.recognition, reviews: groups.reviews, presence: surveys.presence, support: surveys.support, photos: findings.photos, reports: reports.service,
      series: recurrence.service, waiting: recurrence.waiting, scheduledSends: recurrence.scheduledSends,
      sessionMoved: (state) => meetings.service.moved(state)
    });

    const scheduler = new Scheduler({ due: shared.due, clock, log, instanceId: config.instanceId });
    for (const feature of [delivery, approvals, findings, digests, privacy, safeguarding, surveys, loop, reports, recurrence]) feature.registerJobs(scheduler);
    polls.registerJobs(scheduler, bot);

    const server = createHttpServer({ messages: (req, res) => bot.handle(req, res), ready: () => storage.tables.ping(), exportCsv: surveys.exportCsv, printablePage: loop.printablePage, reportFile: reports.file, meeting: meetings.api, photo: findings.photo }, log);
    const { port, url } = await listen(server, config.host, config.port);
    // Tests drive the scheduler and the delivery worker themselves (`delivery.worker.runOnce()`).
    if (options.startScheduler !== false) {
      scheduler.start(config.schedulerIntervalMs);
      delivery.worker.start();
    }
    log.info({ url: `${url}/api/messages`, mode: config.mode }, 'VoiceLoop is listening');

    return {
      url, port, log, scheduler, tables: storage.tables, delivery,
      polls: polls.service, plans: plans.service, approvals: approvals.service, surveys: surveys.service, sessions: surveys.sessions,
      safeguarding: safeguarding.service, findings: findings.service, digests: digests.service, privacy: privacy.service, loop: loop.service, reports: reports.service,
      series: recurrence.service,
      async close() {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await delivery.worker.stop();
        await scheduler.stop();
        await storage.close();
      }
    };
  } catch (error) {
    await storage.close();
    throw error;
  }
}
