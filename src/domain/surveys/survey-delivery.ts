/**
 * Surveys as a subject of 1:1 delivery (docs/delivery.md): what delivery asks a survey before
 * sending or reminding — may it be sent (its plan approved), is it still open, and has this person answered?
 */
import type { Clock } from '../shared/clock';
import type { DeliveryCard } from '../delivery/delivery';
import type { DeliverySubject } from '../delivery/ports';
import { isDomainError } from '../shared/errors';
import type { Survey } from './survey';
import type { AttendanceRepository } from './ports';

export const SURVEY_SUBJECT = 'survey';
export const surveyJobId = (surveyId: string): string => `survey-${surveyId}`;
/** The survey a delivery job sends, if it is a survey's job. */
export const surveyIdOfJob = (jobId: string): string | undefined => (jobId.startsWith('survey-') && jobId.length > 7 ? jobId.slice(7) : undefined);

/** What starting a survey's 1:1 delivery takes from the survey: its job, subject, invite and reminder (the card is drawn outside the domain). */
export function surveyDelivery(survey: Survey, card: DeliveryCard) {
  return {
    tenantId: survey.tenantId,
    jobId: surveyJobId(survey.surveyId),
    subjectKind: SURVEY_SUBJECT,
    subjectId: survey.surveyId,
    title: survey.title,
    purpose: 'request' as const,
    cohort: survey.cohort,
    message: { card, summary: `A survey for you: ${survey.title}` },
    reminder: { card, summary: `A reminder: ${survey.title}` },
    closesAt: survey.closesAt
  };
}

export function surveyDeliverySubject(
  surveys: { get(tenantId: string, surveyId: string): Promise<Survey>; checkGoingOut?(survey: Survey, action: 'send'): Promise<unknown> },
  attendance: AttendanceRepository,
  clock: Clock,
  cacheMs = 30_000
): DeliverySubject {
  // One read of who took part per survey per half minute: a reminder round asks for everyone.
  const answered = new Map<string, { at: number; people: Promise<Set<string>> }>();
  return {
    async checkStart(tenantId, surveyId) {
      await surveys.checkGoingOut?.(await surveys.get(tenantId, surveyId), 'send');
    },
    async hasAnswered(tenantId, surveyId, personKey) {
      const key = `${tenantId}|${surveyId}`;
      const now = clock.now().getTime();
      let hit = answered.get(key);
      if (!hit || now - hit.at > cacheMs || hit.at > now) {
        hit = { at: now, people: attendance.list(tenantId, surveyId).then((list) => new Set(list.map((a) => a.personKey))) };
        if (answered.size > 200) answered.clear();
        answered.set(key, hit);
      }
      return (await hit.people).has(personKey);
    },
    async isOpen(tenantId, surveyId) {
      try {
        const survey = await surveys.get(tenantId, surveyId);
        return survey.status === 'open' && (!survey.closesAt || survey.closesAt > clock.now());
      } catch (error) {
        if (isDomainError(error) && error.code === 'not_found') return false;
        throw error;
      }
    }
  };
}
