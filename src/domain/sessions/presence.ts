/**
 * Who was there (docs/groups.md, "Supported and offline contributions"): in a running session the
 * facilitator records the people who took part in the room without answering on a card themselves
 * (`session present @Sam @Kit`). They are recorded as attendees of the survey (`via: present`), so
 * "who hears back" (findings, `my voice`) includes them, and as asked (response rates).
 */
import type { ReachRepository } from '../digests/ports';
import type { Actor } from '../shared/conversation';
import { DomainError } from '../shared/errors';
import type { AttendanceRepository, Attendee } from '../surveys/ports';
import type { SessionService } from './session-service';

export const PRESENT_VIA = 'present';
/** At most this many people named in one message. */
export const PRESENT_MAX = 30;

export interface PresenceDeps {
  sessions: SessionService;
  attendance: AttendanceRepository;
  reach?: ReachRepository;
}

export class SessionPresence {
  constructor(private readonly deps: PresenceDeps) {}

  async recordPresent(tenantId: string, conversationId: string, actor: Actor, people: Attendee[]): Promise<{ title: string; added: number; already: number }> {
    const { session, survey } = await this.deps.sessions.activeIn(tenantId, conversationId);
    this.deps.sessions.checkFacilitator(session, actor);
    const distinct = [...new Map(people.map((p) => [p.personKey, p])).values()].filter((p) => p.personKey !== session.facilitatorKey);
    if (distinct.length === 0) throw new DomainError('invalid_input', '@mention who was there, e.g. "session present @Sam @Kit" (not yourself).');
    if (distinct.length > PRESENT_MAX) throw new DomainError('invalid_input', `Name at most ${PRESENT_MAX} people at a time.`);
    let added = 0;
    for (const person of distinct) if (await this.deps.attendance.record(tenantId, survey.surveyId, person, PRESENT_VIA)) added++;
    await this.deps.reach?.add(tenantId, survey.surveyId, distinct.map((p) => p.personKey));
    return { title: survey.title, added, already: distinct.length - added };
  }
}
