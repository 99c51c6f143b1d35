/**
 * Who has not answered a survey sent 1:1 (docs/recurrence.md, "Who has not answered"), and "Nudge the rest".
 * Only for staff surveys that are named (the author sees how many and who) or pseudonymous (how many):
 * never for anonymous surveys, never for young people's or parent carers' — those show the response rate only.
 */
import type { Recipient } from '../delivery/delivery';
import { NUDGE_ROUND, type DeliveryService } from '../delivery/delivery-service';
import type { DeliveryRepository } from '../delivery/ports';
import type { Actor } from '../shared/conversation';
import { DomainError } from '../shared/errors';
import type { Survey } from './survey';
import { surveyJobId } from './survey-delivery';
import type { SurveyService } from './survey-service';

/** What the author may see of who has not answered. */
export type WaitingDetail = 'names' | 'count' | 'rate';

export function waitingDetailOf(survey: Pick<Survey, 'cohort' | 'anonymity'>): WaitingDetail {
  if (survey.cohort !== 'staff') return 'rate';
  if (survey.anonymity === 'named') return 'names';
  return survey.anonymity === 'pseudonymous' ? 'count' : 'rate';
}

export interface WaitingView {
  survey: Survey;
  detail: WaitingDetail;
  /** People the survey reached 1:1. */
  sent: number;
  /** Whole percent of them who answered. */
  percent: number;
  /** 'names' and 'count' only. */
  notAnswered?: number;
  /** 'names' only, sorted. */
  names?: string[];
  /** 'names' and 'count' only: of those not answered, already nudged. */
  nudged?: number;
  /** A nudge can be sent: open, and someone not answered has not been nudged. */
  canNudge: boolean;
}

export class SurveyWaiting {
  constructor(
    private readonly deps: {
      surveys: SurveyService;
      deliveries: DeliveryRepository;
      delivery: DeliveryService;
    }
  ) {}

  /** The author's view of their survey (or their newest open one). */
  async view(tenantId: string, actor: Actor, surveyId?: unknown): Promise<WaitingView> {
    const survey = await this.surveyOf(tenantId, actor, surveyId);
    const { sent, waiting, nudged } = await this.split(survey);
    const detail = waitingDetailOf(survey);
    const answered = sent.length - waiting.length;
    const view: WaitingView = { survey, detail, sent: sent.length, percent: sent.length ? Math.round((answered / sent.length) * 100) : 0, canNudge: false };
    if (detail === 'rate') return view;
    const open = survey.status === 'open';
    return {
      ...view,
      notAnswered: waiting.length,
      nudged: waiting.filter((r) => nudged.has(r.personKey)).length,
      names: detail === 'names' ? waiting.map((r) => r.name || 'Someone whose name Teams did not give').sort((a, b) => a.localeCompare(b)) : undefined,
      canNudge: open && waiting.some((r) => !nudged.has(r.personKey))
    };
  }

  /** One reminder to each person who has not answered and has not been nudged; in allowed hours. Returns how many. */
  async nudge(tenantId: string, actor: Actor, surveyId: unknown): Promise<{ view: WaitingView; queued: number }> {
    const survey = await this.surveyOf(tenantId, actor, surveyId);
    if (waitingDetailOf(survey) === 'rate') {
      throw new DomainError('forbidden', 'Only named and pseudonymous staff surveys can nudge the people who have not answered.');
    }
    if (survey.status !== 'open') throw new DomainError('closed', 'This survey has closed: nobody can be nudged.');
    const { waiting, nudged } = await this.split(survey);
    const people: Recipient[] = waiting.filter((r) => !nudged.has(r.personKey)).map((r) => ({ personKey: r.personKey, userId: r.userId, name: r.name }));
    const queued = people.length > 0 ? await this.deps.delivery.nudge(tenantId, surveyJobId(survey.surveyId), people) : 0;
    return { view: await this.view(tenantId, actor, survey.surveyId), queued };
  }

  private async surveyOf(tenantId: string, actor: Actor, surveyId: unknown): Promise<Survey> {
    if (surveyId !== undefined) return this.deps.surveys.getOwned(tenantId, surveyId, actor);
    const [survey] = await this.deps.surveys.mineIn(tenantId, actor, ['open']);
    if (!survey) throw new DomainError('not_found', 'You have no open survey. "surveys" lists yours.');
    return survey;
  }

  /** People reached 1:1, those of them who have not answered, and who has had a nudge. */
  private async split(survey: Survey) {
    const jobId = surveyJobId(survey.surveyId);
    const [records, nudges, attendees] = await Promise.all([
      this.deps.deliveries.list(survey.tenantId, jobId, 0),
      this.deps.deliveries.list(survey.tenantId, jobId, NUDGE_ROUND),
      this.deps.surveys.attendees(survey.tenantId, survey.surveyId)
    ]);
    const sent = records.filter((r) => r.status === 'sent');
    if (sent.length === 0) throw new DomainError('not_found', `"${survey.title}" has not reached anyone 1:1 yet. Send it with "survey send".`);
    const answered = new Set(attendees.map((a) => a.personKey));
    return { sent, waiting: sent.filter((r) => !answered.has(r.personKey)), nudged: new Set(nudges.map((r) => r.personKey)) };
  }
}
