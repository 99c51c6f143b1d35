/**
 * The running VoiceLoop as `startVoiceLoop` (src/app.ts) returns it: what the entry point stops, and what
 * tests and benches drive (services, the scheduler and the delivery worker in virtual time, the tables).
 */
import type pino from 'pino';
import type { ApprovalService } from './domain/approvals/approval-service';
import type { DigestService } from './domain/digests/digest-service';
import type { ReportService } from './domain/reports/report-service';
import type { FindingsService } from './domain/findings/findings-service';
import type { LoopService } from './domain/loop/loop-service';
import type { PlanService } from './domain/plans/plan-service';
import type { PollService } from './domain/polls/poll-service';
import type { PrivacyService } from './domain/privacy/privacy-service';
import type { SafeguardingService } from './domain/safeguarding/safeguarding-service';
import type { SessionService } from './domain/sessions/session-service';
import type { Clock } from './domain/shared/clock';
import type { SurveyService } from './domain/surveys/survey-service';
import type { SeriesService } from './domain/recurrence/series-service';
import type { Logger } from './log';
import type { DeliveryRuntime } from './modules/delivery';
import type { Scheduler } from './scheduler/scheduler';
import type { Tables } from './storage/shared/tables';

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
  /** The loop both ways and Tell us (docs/two-way-loop.md). */
  loop: LoopService;
  digests: DigestService;
  /** Report files and the quarterly report (docs/audit-and-report.md). */
  reports: ReportService;
  /** Retention and erasure (docs/privacy.md). */
  privacy: PrivacyService;
  /** Recurring surveys (docs/recurrence.md). */
  series: SeriesService;
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
