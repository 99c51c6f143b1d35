/**
 * Wires recurring surveys (docs/recurrence.md): the series table, the service over surveys and 1:1
 * delivery, and the leased job that opens each round (SERIES_ROUND_JOB, one due item per series and occurrence);
 * and who has not answered a survey sent 1:1, with "Nudge the rest".
 */
import { surveyInviteCard } from '../cards/surveys/survey-cards';
import type { DeliveryService } from '../domain/delivery/delivery-service';
import type { DeliveryRepository, DeliverySettingsRepository } from '../domain/delivery/ports';
import { SurveyWaiting } from '../domain/surveys/survey-waiting';
import { SERIES_ROUND_JOB } from '../domain/recurrence/series';
import { SeriesService } from '../domain/recurrence/series-service';
import { SCHEDULED_SEND_JOB, ScheduledSendService } from '../domain/recurrence/scheduled-send';
import { TableScheduledSendRepository } from '../storage/recurrence/scheduled-send-repository';
import type { SurveyService } from '../domain/surveys/survey-service';
import type { Scheduler } from '../scheduler/scheduler';
import { TableSeriesRepository } from '../storage/recurrence/series-repository';
import { TABLES } from '../storage/shared/keys';
import type { Shared } from './shared';

export function createRecurrence(
  shared: Shared,
  deps: { surveys: SurveyService; delivery: DeliveryService; deliverySettings: DeliverySettingsRepository; deliveries: DeliveryRepository }
) {
  const service = new SeriesService({
    series: new TableSeriesRepository(shared.tables.client(TABLES.series)),
    surveys: deps.surveys,
    delivery: deps.delivery,
    deliverySettings: deps.deliverySettings,
    due: shared.due,
    clock: shared.clock,
    inviteCard: surveyInviteCard
  });
  // `survey send at …`: a survey sent 1:1 later (SCHEDULED_SEND_JOB, leased; the row's ETag decides between the start and a cancel).
  const scheduledSends = new ScheduledSendService({
    sends: new TableScheduledSendRepository(shared.tables.client(TABLES.scheduledSends)),
    surveys: deps.surveys,
    delivery: deps.delivery,
    settings: deps.deliverySettings,
    due: shared.due,
    clock: shared.clock,
    inviteCard: surveyInviteCard
  });
  return {
    service,
    scheduledSends,
    /** Who has not answered a survey sent 1:1, and "Nudge the rest". */
    waiting: new SurveyWaiting({ surveys: deps.surveys, deliveries: deps.deliveries, delivery: deps.delivery }),
    registerJobs(scheduler: Scheduler): void {
      scheduler.register(SERIES_ROUND_JOB, async (item) => {
        const outcome = await service.runDue(item);
        if (outcome?.skipped) shared.log.info({ seriesId: item.payload.seriesId, n: item.payload.n, skipped: outcome.skipped }, 'series round not run');
      });
      scheduler.register(SCHEDULED_SEND_JOB, async (item) => {
        const send = await scheduledSends.run(item);
        shared.log.info({ sendId: item.payload.sendId, status: send?.status ?? 'gone' }, 'scheduled send due');
      });
    }
  };
}
