/**
 * Scheduled poll posting (docs/recurrence.md, "Polls"): the poll form's optional "Post at" keeps the validated
 * poll and posts it later in the chat or channel it was made in, at a time given in the author's time zone.
 * It reuses the scheduled sends' machinery: the time is read by `parseSendTime`, the post is a leased due item
 * (SCHEDULED_POLL_JOB), it is listed by `scheduled` beside survey sends, and the row's ETag decides between
 * the post and a change or cancel. Posting is idempotent: the poll id is the scheduled id, so a run repeated
 * after a crash finds the poll it created and only posts its card if that never happened.
 */
import type { Clock } from '../shared/clock';
import { type Actor, type StoredConversation, personKey } from '../shared/conversation';
import { DomainError, isDomainError } from '../shared/errors';
import type { DueItem, DueItemRepository } from '../shared/ports';
import { formatForPeople, isValidTimeZone, zonedWallTimeToUtc } from '../shared/time';
import { MAX_SCHEDULE_DAYS } from '../recurrence/scheduled-send';
import type { Poll, PollDraft } from './poll';
import type { PollService } from './poll-service';

export const SCHEDULED_POLL_JOB = 'poll.scheduled';

export type ScheduledPollStatus = 'scheduled' | 'posting' | 'posted' | 'cancelled';

export interface ScheduledPoll {
  tenantId: string;
  /** The form id: the poll, once posted, has this id. */
  pollId: string;
  draft: PollDraft;
  actor: Actor;
  conversation: StoredConversation;
  at: Date;
  timeZone: string;
  status: ScheduledPollStatus;
  createdBy: string;
  createdAt: Date;
  etag?: string;
}

export interface ScheduledPollRepository {
  /** `conflict` when this form's poll is scheduled already (double click). */
  create(item: ScheduledPoll): Promise<ScheduledPoll>;
  get(tenantId: string, pollId: string): Promise<ScheduledPoll | undefined>;
  /** ETag-guarded; `conflict` when it changed since it was read. */
  save(item: ScheduledPoll): Promise<ScheduledPoll>;
  listByOwner(tenantId: string, ownerKey: string): Promise<ScheduledPoll[]>;
}

export interface ScheduledPollView {
  item: ScheduledPoll;
  /** "Fri 9 Jan, 16:00 (Europe/London)". */
  when: string;
}

/** Posts a poll's card in its conversation; returns the message id (the Teams layer does it). */
export type PollPoster = (poll: Poll) => Promise<string>;

export class ScheduledPollService {
  constructor(
    private readonly deps: { scheduled: ScheduledPollRepository; polls: PollService; due: DueItemRepository; clock: Clock }
  ) {}

  /** Keeps the poll to post at `at` (already checked to be in the future). A poll closing before it is posted is refused. */
  async schedule(input: { pollId: string; actor: Actor; draft: PollDraft; conversation: StoredConversation; at: Date; timeZone: string }): Promise<ScheduledPollView> {
    checkCloses(input.draft, input.at);
    const pollId = input.pollId.toLowerCase();
    // Scheduled first: a due item whose row never got stored finds nothing and ends.
    await this.deps.due.schedule({ tenantId: input.actor.tenantId, kind: SCHEDULED_POLL_JOB, key: pollId, dueAt: input.at, payload: { pollId } });
    const item = await this.deps.scheduled.create({
      tenantId: input.actor.tenantId,
      pollId,
      draft: input.draft,
      actor: input.actor,
      conversation: input.conversation,
      at: input.at,
      timeZone: isValidTimeZone(input.timeZone) ? input.timeZone : 'Europe/London',
      status: 'scheduled',
      createdBy: personKey(input.actor),
      createdAt: this.deps.clock.now()
    });
    return describeScheduledPoll(item);
  }

  /** The author's polls still to be posted, soonest first. */
  async upcoming(tenantId: string, actor: Actor): Promise<ScheduledPollView[]> {
    const items = await this.deps.scheduled.listByOwner(tenantId, personKey(actor));
    return items.filter((i) => i.status === 'scheduled').sort((a, b) => a.at.getTime() - b.at.getTime()).map(describeScheduledPoll);
  }

  async show(tenantId: string, actor: Actor, pollId: unknown): Promise<ScheduledPollView> {
    return describeScheduledPoll(await this.owned(tenantId, actor, pollId));
  }

  /** A new time, until it is posted. */
  async change(tenantId: string, actor: Actor, pollId: unknown, at: Date): Promise<ScheduledPollView> {
    const item = await this.owned(tenantId, actor, pollId);
    if (item.status !== 'scheduled') throw new DomainError('conflict', stateMessage(item));
    checkCloses(item.draft, at);
    const saved = await this.deps.scheduled.save({ ...item, at });
    await this.deps.due.schedule({ tenantId, kind: SCHEDULED_POLL_JOB, key: item.pollId, dueAt: at, payload: { pollId: item.pollId } });
    return describeScheduledPoll(saved);
  }

  /** Cancels it, until it is posted. Twice is harmless. */
  async cancel(tenantId: string, actor: Actor, pollId: unknown): Promise<ScheduledPollView> {
    const item = await this.owned(tenantId, actor, pollId);
    if (item.status === 'cancelled') return describeScheduledPoll(item);
    if (item.status !== 'scheduled') throw new DomainError('conflict', stateMessage(item));
    const saved = await this.deps.scheduled.save({ ...item, status: 'cancelled' });
    await this.deps.due.cancel(tenantId, SCHEDULED_POLL_JOB, item.pollId);
    return describeScheduledPoll(saved);
  }

  /**
   * Scheduler handler: posts the poll once. `scheduled` → `posting` (ETag: a cancel and the post cannot both
   * win) → the poll is created (its id is the scheduled id: a repeat finds it) → its card posted unless it
   * already has a message → `posted`.
   */
  async run(item: DueItem, post: PollPoster): Promise<ScheduledPoll | undefined> {
    let scheduled = await this.deps.scheduled.get(item.tenantId, String(item.payload.pollId));
    if (!scheduled || scheduled.status === 'cancelled' || scheduled.status === 'posted') return scheduled;
    if (scheduled.status === 'scheduled') scheduled = await this.deps.scheduled.save({ ...scheduled, status: 'posting' });
    await postOnce(this.deps.polls, scheduled, post);
    return this.deps.scheduled.save({ ...scheduled, status: 'posted' });
  }

  private async owned(tenantId: string, actor: Actor, pollId: unknown): Promise<ScheduledPoll> {
    const item = typeof pollId === 'string' && pollId.length <= 64 ? await this.deps.scheduled.get(tenantId, pollId.toLowerCase()) : undefined;
    if (!item) throw new DomainError('not_found', 'This scheduled poll no longer exists.');
    if (item.createdBy !== personKey(actor)) throw new DomainError('forbidden', 'Only the person who scheduled it can change it.');
    return item;
  }
}

/**
 * The "Post at" of the poll form (or a scheduled poll's new time): a date (YYYY-MM-DD) and time (HH:MM) in the
 * author's time zone. Undefined when both are empty: the poll is posted now.
 */
export function parsePostAt(date: unknown, time: unknown, now: Date, timeZone: string): Date | undefined {
  const hasDate = typeof date === 'string' && date.trim() !== '';
  const hasTime = typeof time === 'string' && time.trim() !== '';
  if (!hasDate && !hasTime) return undefined;
  const refuse = (message: string): never => {
    throw new DomainError('invalid_input', message, { postDate: message });
  };
  if (!hasDate || !/^\d{4}-\d{2}-\d{2}$/.test((date as string).trim())) refuse('Choose the day to post the poll on as well as the time.');
  if (!hasTime || !/^\d{1,2}:\d{2}(:\d{2})?$/.test((time as string).trim())) refuse('Choose the time to post the poll at as well as the day.');
  const zone = isValidTimeZone(timeZone) ? timeZone : 'Europe/London';
  const at = zonedWallTimeToUtc((date as string).trim(), (time as string).trim().slice(0, 5).padStart(5, '0'), zone);
  if (Number.isNaN(at.getTime())) refuse('That is not a date and time I can read.');
  if (at.getTime() <= now.getTime() + 60_000) refuse('That time has passed: choose a later one, or leave "Post on" empty to post now.');
  if (at.getTime() > now.getTime() + MAX_SCHEDULE_DAYS * 86_400_000) refuse(`Schedule a poll at most ${MAX_SCHEDULE_DAYS} days ahead.`);
  return at;
}

/**
 * Creates the poll with a known id and posts its card, once: a repeat (after a crash, or a second instance)
 * finds the poll and posts only if it has no message yet. Used by scheduled and recurring polls.
 */
export async function postOnce(
  polls: PollService,
  input: { pollId: string; actor: Actor; draft: PollDraft; conversation: StoredConversation; timeZone: string },
  post: PollPoster
): Promise<Poll> {
  let poll: Poll;
  try {
    poll = await polls.create(input);
  } catch (error) {
    if (!(isDomainError(error) && error.code === 'conflict')) throw error;
    poll = await polls.get(input.actor.tenantId, input.pollId);
  }
  return poll.activityId ? poll : polls.attachMessage(poll, await post(poll));
}

export function describeScheduledPoll(item: ScheduledPoll): ScheduledPollView {
  return { item, when: `${formatForPeople(item.at, item.timeZone)} (${item.timeZone})` };
}

/** A poll to post at `at` must not close before then. */
export function checkCloses(draft: PollDraft, at: Date): void {
  if (draft.closesAt && draft.closesAt.getTime() <= at.getTime() + 60_000) {
    throw new DomainError('invalid_input', 'The poll would close before it is posted: choose a later closing time or an earlier posting time.', { closeDate: 'The poll would close before it is posted.' });
  }
}

function stateMessage(item: ScheduledPoll): string {
  return item.status === 'cancelled' ? 'This poll was cancelled.' : 'This poll has been posted: it can no longer be changed or cancelled.';
}
