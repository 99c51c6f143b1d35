/**
 * Scheduled sends (docs/recurrence.md): `survey send at …` sends the survey 1:1 later, at a time given in
 * the author's time zone. Previewed first (the time, and the group's allowed hours), then confirmed; listed
 * with `scheduled`; changed or cancelled until it starts. The send itself is a due item (leased), and the
 * start is guarded by the row's ETag: a cancel and the start cannot both win.
 */
import type { Reach } from '../delivery/delivery';
import type { DeliveryService } from '../delivery/delivery-service';
import type { DeliverySettingsRepository } from '../delivery/ports';
import { type AllowedWindow, nextAllowedTime } from '../delivery/quiet-hours';
import type { Clock } from '../shared/clock';
import { type Actor, type StoredConversation, personKey } from '../shared/conversation';
import { DomainError } from '../shared/errors';
import type { DueItem, DueItemRepository } from '../shared/ports';
import { formatForPeople, isValidTimeZone, wallClock, zonedWallTimeToUtc } from '../shared/time';
import type { Cohort, Survey } from '../surveys/survey';
import { surveyDelivery } from '../surveys/survey-delivery';
import type { SurveyService } from '../surveys/survey-service';
import { DAY_NAMES, type SeriesTarget } from './series';
import type { DeliveryCard } from '../delivery/delivery';

export const SCHEDULED_SEND_JOB = 'scheduled.send';
/** How far ahead a send may be scheduled. */
export const MAX_SCHEDULE_DAYS = 90;

export type ScheduledStatus = 'preview' | 'scheduled' | 'starting' | 'started' | 'cancelled';

export interface ScheduledSend {
  tenantId: string;
  sendId: string;
  surveyId: string;
  title: string;
  cohort: Cohort;
  createdBy: string;
  at: Date;
  /** The author's time zone: the time is shown in it. */
  timeZone: string;
  status: ScheduledStatus;
  target: SeriesTarget;
  reach?: Reach;
  progressIn?: StoredConversation;
  maxReminders?: number;
  createdAt: Date;
  etag?: string;
}

export interface ScheduledSendRepository {
  create(send: ScheduledSend): Promise<ScheduledSend>;
  get(tenantId: string, sendId: string): Promise<ScheduledSend | undefined>;
  /** ETag-guarded; `conflict` when it changed since it was read. */
  save(send: ScheduledSend): Promise<ScheduledSend>;
  listByOwner(tenantId: string, ownerKey: string): Promise<ScheduledSend[]>;
}

const USAGE = 'Try "survey send at 2026-03-10 16:00", "survey send at tomorrow 09:30" or "survey send at friday 16:00".';

/** `2026-03-10 16:00`, `today 16:00`, `tomorrow 09:30`, `friday 16:00`: the instant in `timeZone`. */
export function parseSendTime(day: string, time: string | undefined, now: Date, timeZone: string): Date {
  if (!time || !/^\d{1,2}:\d{2}$/.test(time)) throw new DomainError('invalid_input', `Give the time as HH:MM. ${USAGE}`);
  const hhmm = time.padStart(5, '0');
  const w = wallClock(now, timeZone);
  const today = new Date(Date.UTC(w.year, w.month - 1, w.day));
  const dateOf = (offset: number): string => new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  const word = day.toLowerCase();
  let date: string;
  if (/^\d{4}-\d{2}-\d{2}$/.test(word)) date = word;
  else if (word === 'today') date = dateOf(0);
  else if (word === 'tomorrow') date = dateOf(1);
  else {
    const weekday = DAY_NAMES.findIndex((d) => d === word || d.slice(0, 3) === word);
    if (weekday < 0) throw new DomainError('invalid_input', `I did not understand "${day}". ${USAGE}`);
    let offset = (weekday - today.getUTCDay() + 7) % 7;
    if (offset === 0 && zonedWallTimeToUtc(dateOf(0), hhmm, timeZone) <= now) offset = 7;
    date = dateOf(offset);
  }
  const at = zonedWallTimeToUtc(date, hhmm, timeZone);
  if (at.getTime() <= now.getTime() + 60_000) throw new DomainError('invalid_input', 'That time has passed: choose a later one (or use "survey send" to send now).');
  if (at.getTime() > now.getTime() + MAX_SCHEDULE_DAYS * 86_400_000) throw new DomainError('invalid_input', `Schedule at most ${MAX_SCHEDULE_DAYS} days ahead.`);
  return at;
}

export interface SchedulePreview {
  send: ScheduledSend;
  /** "Tue 10 Mar, 16:00 (Europe/London)". */
  when: string;
  /** The group's allowed hours, as words. */
  allowedHours: string;
  /** When the first message can go, if not at the time chosen. */
  waitsUntil?: string;
}

const describeWindow = (w: AllowedWindow): string => `${w.days === 'everyDay' ? 'every day' : w.days} ${w.start}–${w.end}`;

export class ScheduledSendService {
  constructor(
    private readonly deps: {
      sends: ScheduledSendRepository;
      surveys: SurveyService;
      delivery: DeliveryService;
      settings: DeliverySettingsRepository;
      due: DueItemRepository;
      clock: Clock;
      inviteCard: (survey: Survey) => DeliveryCard;
    }
  ) {}

  /** Stores a preview (not yet scheduled) of sending the author's newest open survey at `at`. */
  async preview(input: {
    sendId: string;
    actor: Actor;
    at: Date;
    timeZone: string;
    target: SeriesTarget;
    reach?: Reach;
    progressIn?: StoredConversation;
    maxReminders?: number;
  }): Promise<SchedulePreview> {
    const tenantId = input.actor.tenantId;
    const [survey] = await this.deps.surveys.mineIn(tenantId, input.actor, ['open']);
    if (!survey) throw new DomainError('not_found', 'You have no open survey to send. Publish one first ("surveys" lists yours).');
    if (survey.closesAt && survey.closesAt <= input.at) throw new DomainError('invalid_input', 'The survey closes before that time: choose an earlier time or change its closing date.');
    await this.deps.surveys.checkGoingOut(survey, 'send');
    const send = await this.deps.sends.create({
      tenantId,
      sendId: input.sendId,
      surveyId: survey.surveyId,
      title: survey.title,
      cohort: survey.cohort,
      createdBy: personKey(input.actor),
      at: input.at,
      timeZone: isValidTimeZone(input.timeZone) ? input.timeZone : 'Europe/London',
      status: 'preview',
      target: input.target,
      reach: input.reach,
      progressIn: input.progressIn,
      maxReminders: input.maxReminders,
      createdAt: this.deps.clock.now()
    });
    return this.describe(send);
  }

  async describe(send: ScheduledSend): Promise<SchedulePreview> {
    const settings = await this.deps.settings.get(send.tenantId);
    const hours = settings.allowedHours;
    const first = nextAllowedTime(send.at, send.cohort, hours);
    return {
      send,
      when: `${formatForPeople(send.at, send.timeZone)} (${send.timeZone})`,
      allowedHours: `${hours.windows[send.cohort].map(describeWindow).join(', ')} (${hours.timeZone})`,
      waitsUntil: first.getTime() !== send.at.getTime() ? `${formatForPeople(first, send.timeZone)} (${send.timeZone})` : undefined
    };
  }

  /** Confirms a preview: the due item is scheduled. Twice is harmless. */
  async confirm(tenantId: string, actor: Actor, sendId: unknown): Promise<SchedulePreview> {
    const send = await this.owned(tenantId, actor, sendId);
    if (send.status === 'scheduled') return this.describe(send);
    if (send.status !== 'preview') throw new DomainError('conflict', this.stateMessage(send));
    if (send.at <= this.deps.clock.now()) throw new DomainError('invalid_input', 'That time has passed: type "survey send at …" again with a later time.');
    await this.deps.due.schedule({ tenantId, kind: SCHEDULED_SEND_JOB, key: send.sendId, dueAt: send.at, payload: { sendId: send.sendId } });
    return this.describe(await this.deps.sends.save({ ...send, status: 'scheduled' }));
  }

  /** A new time, until it starts. */
  async change(tenantId: string, actor: Actor, sendId: unknown, at: Date): Promise<SchedulePreview> {
    const send = await this.owned(tenantId, actor, sendId);
    if (send.status !== 'scheduled' && send.status !== 'preview') throw new DomainError('conflict', this.stateMessage(send));
    const saved = await this.deps.sends.save({ ...send, at });
    if (saved.status === 'scheduled') await this.deps.due.schedule({ tenantId, kind: SCHEDULED_SEND_JOB, key: send.sendId, dueAt: at, payload: { sendId: send.sendId } });
    return this.describe(saved);
  }

  /** Cancels it, until it starts. */
  async cancel(tenantId: string, actor: Actor, sendId: unknown): Promise<ScheduledSend> {
    const send = await this.owned(tenantId, actor, sendId);
    if (send.status === 'cancelled') return send;
    if (send.status !== 'scheduled' && send.status !== 'preview') throw new DomainError('conflict', this.stateMessage(send));
    const saved = await this.deps.sends.save({ ...send, status: 'cancelled' });
    await this.deps.due.cancel(tenantId, SCHEDULED_SEND_JOB, send.sendId);
    return saved;
  }

  /** The author's sends still to come, soonest first. */
  async upcoming(tenantId: string, actor: Actor): Promise<SchedulePreview[]> {
    const sends = (await this.deps.sends.listByOwner(tenantId, personKey(actor))).filter((s) => s.status === 'scheduled').sort((a, b) => a.at.getTime() - b.at.getTime());
    return Promise.all(sends.map((s) => this.describe(s)));
  }

  /** Scheduler handler: starts the send (once: the ETag decides between it and a cancel). */
  async run(item: DueItem): Promise<ScheduledSend | undefined> {
    let send = await this.deps.sends.get(item.tenantId, String(item.payload.sendId));
    if (!send || send.status === 'cancelled' || send.status === 'started' || send.status === 'preview') return send;
    if (send.status === 'scheduled') send = await this.deps.sends.save({ ...send, status: 'starting' });
    const survey = await this.deps.surveys.get(send.tenantId, send.surveyId);
    if (survey.status === 'open') {
      await this.deps.delivery.start({
        ...surveyDelivery(survey, this.deps.inviteCard(survey)),
        maxReminders: send.maxReminders,
        createdBy: send.createdBy,
        target: send.target,
        reach: send.reach,
        progressIn: send.progressIn
      });
    }
    return this.deps.sends.save({ ...send, status: 'started' });
  }

  private async owned(tenantId: string, actor: Actor, sendId: unknown): Promise<ScheduledSend> {
    const send = typeof sendId === 'string' && sendId.length <= 64 ? await this.deps.sends.get(tenantId, sendId) : undefined;
    if (!send) throw new DomainError('not_found', 'This scheduled send no longer exists.');
    if (send.createdBy !== personKey(actor)) throw new DomainError('forbidden', 'Only the person who scheduled it can change it.');
    return send;
  }

  private stateMessage(send: ScheduledSend): string {
    return send.status === 'cancelled' ? 'This send was cancelled.' : 'This send has started: it can no longer be changed or cancelled.';
  }
}
