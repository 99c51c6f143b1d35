import type { StoredConversation } from '../shared/conversation';
import { DomainError } from '../shared/errors';
import { parseOptionList } from '../shared/options';
import { cleanText } from '../shared/text';
import { isValidTimeZone, zonedWallTimeToUtc } from '../shared/time';

export const POLL_LIMITS = {
  questionMaxLength: 500,
  optionMaxLength: 150,
  minOptions: 2,
  maxOptions: 10,
  /** An anonymous poll shows its distribution only once this many people have voted. */
  anonymousMinVotersForResults: 3,
  maxOpenDays: 366
} as const;

export type ResultsVisibility = 'live' | 'afterClose';
export type PollChart = 'bar' | 'donut';
export type PollStatus = 'open' | 'closed';

/** What the author asked for, validated. */
export interface PollDraft {
  question: string;
  options: string[];
  anonymous: boolean;
  resultsVisibility: ResultsVisibility;
  chart: PollChart;
  closesAt?: Date;
}

export interface Poll extends PollDraft {
  tenantId: string;
  pollId: string;
  status: PollStatus;
  /** Person key of the author: only they can close the poll. */
  createdBy: string;
  createdByName?: string;
  /** Channel user id of the author, so their card view always refreshes in large chats. */
  createdByUserId: string;
  createdAt: Date;
  closedAt?: Date;
  /** Where the poll card was posted, so it can be updated on close. */
  conversation: StoredConversation;
  activityId?: string;
  timeZone: string;
  /** Concurrency token from storage; updates must pass it back. */
  etag?: string;
}

export interface PollTally {
  counts: number[];
  voters: number;
}

/** The raw values of the poll form card, as the client sent them. */
export interface PollFormValues {
  question?: unknown;
  options?: unknown;
  anonymous?: unknown;
  resultsVisibility?: unknown;
  chart?: unknown;
  closeDate?: unknown;
  closeTime?: unknown;
}

const asFlag = (value: unknown): boolean => value === true || value === 'true';

/**
 * Validates the poll form. Every problem is reported at once, per field, so the form can show
 * them beside the inputs; nothing is stored unless this succeeds.
 */
export function parsePollForm(values: PollFormValues, now: Date, timeZone: string): PollDraft {
  const fields: Record<string, string> = {};
  const attempt = <T>(field: string, fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (error) {
      if (error instanceof DomainError) {
        fields[field] = error.fields[field] ?? error.message;
        return undefined;
      }
      throw error;
    }
  };

  const question = attempt('question', () =>
    cleanText(values.question, { field: 'question', maxLength: POLL_LIMITS.questionMaxLength, required: true })
  );

  const options = attempt('options', () => parseOptionList(values.options, { ...POLL_LIMITS, maxLength: 5_000 }));

  const resultsVisibility = values.resultsVisibility ?? 'live';
  if (resultsVisibility !== 'live' && resultsVisibility !== 'afterClose') {
    fields.resultsVisibility = 'Choose when results are shown.';
  }
  const chart = values.chart ?? 'bar';
  if (chart !== 'bar' && chart !== 'donut') fields.chart = 'Choose a bar or a donut chart.';

  const closesAt = attempt('closeDate', () => parseClosingTime(values.closeDate, values.closeTime, now, timeZone));

  if (Object.keys(fields).length > 0 || question === undefined || options === undefined) {
    throw new DomainError('invalid_input', Object.values(fields).join(' '), fields);
  }
  return {
    question,
    options,
    anonymous: asFlag(values.anonymous),
    resultsVisibility: resultsVisibility as ResultsVisibility,
    chart: chart as PollChart,
    closesAt
  };
}

function parseClosingTime(date: unknown, time: unknown, now: Date, timeZone: string): Date | undefined {
  const hasDate = typeof date === 'string' && date.trim() !== '';
  const hasTime = typeof time === 'string' && time.trim() !== '';
  if (!hasDate && !hasTime) return undefined;
  if (!hasDate) throw new DomainError('invalid_input', 'Please choose a closing date as well as a time.');
  const zone = isValidTimeZone(timeZone) ? timeZone : 'Europe/London';
  const closesAt = zonedWallTimeToUtc((date as string).trim(), hasTime ? (time as string).trim() : '17:00', zone);
  if (closesAt.getTime() <= now.getTime() + 60_000) {
    throw new DomainError('invalid_input', 'The closing time must be in the future.');
  }
  if (closesAt.getTime() > now.getTime() + POLL_LIMITS.maxOpenDays * 86_400_000) {
    throw new DomainError('invalid_input', 'A poll can stay open for a year at most.');
  }
  return closesAt;
}

/** Validates a vote against the poll; the storage layer re-checks "open" atomically. */
export function checkVote(poll: Poll, optionIndex: unknown): number {
  const index = typeof optionIndex === 'string' && /^\d+$/.test(optionIndex) ? Number(optionIndex) : optionIndex;
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= poll.options.length) {
    throw new DomainError('invalid_input', 'Please choose one of the options.');
  }
  if (poll.status === 'closed') throw new DomainError('closed', 'This poll is closed. Your vote was not counted.');
  return index;
}

/** Adds a person's vote to the tally, moving it if they had voted for another option. */
export function applyVote(tally: PollTally, previous: number | undefined, next: number): PollTally {
  const counts = [...tally.counts];
  if (previous !== undefined) counts[previous] = (counts[previous] ?? 0) - 1;
  counts[next] = (counts[next] ?? 0) + 1;
  return { counts, voters: tally.voters + (previous === undefined ? 1 : 0) };
}

/** Sums per-shard tallies. */
export function sumTallies(optionCount: number, parts: PollTally[]): PollTally {
  const counts = new Array<number>(optionCount).fill(0);
  let voters = 0;
  for (const part of parts) {
    part.counts.forEach((n, i) => {
      if (i < optionCount) counts[i] = (counts[i] ?? 0) + n;
    });
    voters += part.voters;
  }
  return { counts, voters };
}

/** Whole-number percentages that add up to exactly 100 (largest remainder method). */
export function percentages(counts: number[]): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return counts.map(() => 0);
  const exact = counts.map((n) => (n * 100) / total);
  const floors = exact.map(Math.floor);
  let left = 100 - floors.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i] = (floors[i] ?? 0) + 1;
    left -= 1;
  }
  return floors;
}

export type ResultsAccess = 'shown' | 'hiddenUntilClose' | 'tooFewVoters';

/** Whether the distribution of votes may be shown on the card right now. */
export function resultsAccess(poll: Poll, tally: PollTally): ResultsAccess {
  if (poll.status === 'open' && poll.resultsVisibility === 'afterClose') return 'hiddenUntilClose';
  if (poll.anonymous && tally.voters < POLL_LIMITS.anonymousMinVotersForResults) return 'tooFewVoters';
  return 'shown';
}

/** Only the author closes a poll. */
export function checkCanClose(poll: Poll, personKey: string): void {
  if (poll.createdBy !== personKey) {
    throw new DomainError('forbidden', 'Only the person who created this poll can close it.');
  }
}
