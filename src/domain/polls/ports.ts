import type { Poll, PollTally } from './poll';
/** Repository interfaces ("ports") of Polls: votes and tallies; src/storage/polls implements them. */
export interface CastVote {
  tenantId: string;
  pollId: string;
  /** Keyed hash of the person: one vote per person without storing who they are. */
  voterKey: string;
  optionIndex: number;
  optionCount: number;
  at: Date;
  /** Stored only for named polls. */
  voter?: { userId: string; name?: string };
}

export interface PollRepository {
  /** Creates the poll and its empty tally atomically; `conflict` if the id is taken. */
  create(poll: Poll): Promise<Poll>;
  get(tenantId: string, pollId: string): Promise<Poll | undefined>;
  /** Saves a changed poll; `conflict` if it changed since it was read (ETag). */
  save(poll: Poll): Promise<Poll>;
  /** Removes a poll and everything stored under it. */
  remove(tenantId: string, pollId: string): Promise<void>;
  tally(tenantId: string, pollId: string, optionCount: number): Promise<PollTally>;
  /** The option this voter chose, if any. */
  choiceOf(tenantId: string, pollId: string, voterKey: string): Promise<number | undefined>;
  /**
   * Records or moves a vote and adjusts the tally in one transaction. Repeats and races never
   * double count; `closed` once the tally is frozen.
   */
  castVote(vote: CastVote): Promise<{ previous?: number }>;
  /** Freezes the tally: every vote that has not committed by now is refused. */
  freeze(tenantId: string, pollId: string): Promise<void>;
}

/** Who voted in a named poll (docs/recurrence.md, "who has not voted"); anonymous polls store nobody. */
export interface PollVoters {
  /** Channel user ids of the people who voted. */
  votersOf(tenantId: string, pollId: string): Promise<string[]>;
}
