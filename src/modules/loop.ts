/**
 * Wires the two-way loop (docs/two-way-loop.md): reactions, comments and the "Has it made things
 * better?" check on "We did" items, and Tell us; the check job (leased by the Scheduler).
 */
import { LOOP_CARDS } from '../cards/loop/loop-cards';
import { printablePage } from '../cards/loop/printable-page';
import { checkEasyRead } from '../cards/shared/easy-read';
import type { DeliverySettingsRepository } from '../domain/delivery/ports';
import type { Findings } from '../domain/findings/findings';
import type { FindingsService } from '../domain/findings/findings-service';
import type { FindingsRepository } from '../domain/findings/ports';
import { LOOP_CHECK_JOB, LoopService } from '../domain/loop/loop-service';
import type { Actor } from '../domain/shared/conversation';
import type { SafeguardingService } from '../domain/safeguarding/safeguarding-service';
import type { SurveyService } from '../domain/surveys/survey-service';
import type { Scheduler } from '../scheduler/scheduler';
import { TableLoopRepository } from '../storage/loop/loop-repository';
import { TABLES } from '../storage/shared/keys';
import type { Shared } from './shared';

export interface LoopNeeds {
  findings: FindingsService;
  markers: FindingsRepository;
  listFindings: (tenantId: string) => Promise<Findings[]>;
  surveys: SurveyService;
  safeguarding: SafeguardingService;
  deliverySettings: DeliverySettingsRepository;
  isAdmin: (actor: Actor) => boolean;
}

export function createLoop(shared: Shared, needs: LoopNeeds) {
  const service = new LoopService({
    loop: new TableLoopRepository(shared.tables.client(TABLES.loop)),
    findings: needs.findings,
    markers: needs.markers,
    listFindings: needs.listFindings,
    surveys: needs.surveys,
    screen: (input) => needs.safeguarding.screenAnswer(input),
    sender: shared.proactive,
    due: shared.due,
    audit: shared.audit,
    clock: shared.clock,
    cards: LOOP_CARDS,
    checkEasyRead,
    allowedHours: async (tenantId) => (await needs.deliverySettings.get(tenantId)).allowedHours,
    voterSecret: shared.config.voterHashSecret,
    isAdmin: needs.isAdmin
  });
  return {
    service,
    /** The HTTP route of the printable page (src/http/http-server.ts). */
    printablePage: async (tenantId: string, surveyId: string, expires: string | null, sig: string | null): Promise<string> =>
      printablePage(await service.printable(tenantId, surveyId, expires, sig)),
    registerJobs(scheduler: Scheduler): void {
      scheduler.register(LOOP_CHECK_JOB, (item) => service.runCheck(item));
    }
  };
}
