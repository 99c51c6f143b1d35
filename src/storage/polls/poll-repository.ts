import { type TableClient, TableTransaction } from '@azure/data-tables';
import type { StoredConversation } from '../../domain/shared/conversation';
import { DomainError } from '../../domain/shared/errors';
import { type Poll, type PollTally, applyVote, sumTallies } from '../../domain/polls/poll';
import type { CastVote, PollRepository, PollVoters } from '../../domain/polls/ports';
import { conflictFrom, retryWrites } from '../shared/errors';
import { TALLY_SHARDS, keys, shardOf } from '../shared/keys';
import { EntityTable, type RowOf, pick } from '../shared/entity-table';
import { getRow, listPartition, removePartition } from '../shared/rows';

interface TallyEntity {
  partitionKey: string;
  rowKey: string;
  counts: string;
  voters: number;
  closed: boolean;
}

interface VoteEntity {
  partitionKey: string;
  rowKey: string;
  optionIndex: number;
  votedAt: string;
  /** Named polls only. */
  userId?: string;
  userName?: string;
}

const MAX_VOTE_ATTEMPTS = 60;

/** What a poll's row holds as the poll has it. */
const COLUMNS = ['question', 'anonymous', 'createdBy', 'createdByName', 'createdByUserId', 'activityId', 'timeZone'] as const;

function toEntity(poll: Poll) {
  return {
    ...pick(poll, COLUMNS),
    options: JSON.stringify(poll.options),
    resultsVisibility: poll.resultsVisibility,
    chart: poll.chart,
    closesAt: poll.closesAt?.toISOString(),
    status: poll.status,
    createdAt: poll.createdAt.toISOString(),
    closedAt: poll.closedAt?.toISOString(),
    conversation: JSON.stringify(poll.conversation)
  };
}

function fromEntity(e: RowOf<typeof toEntity>, tenantId: string, pollId: string): Poll {
  return {
    ...pick(e, COLUMNS),
    tenantId,
    pollId,
    options: JSON.parse(e.options) as string[],
    resultsVisibility: e.resultsVisibility === 'afterClose' ? 'afterClose' : 'live',
    chart: e.chart === 'donut' ? 'donut' : 'bar',
    closesAt: e.closesAt ? new Date(e.closesAt) : undefined,
    status: e.status === 'closed' ? 'closed' : 'open',
    createdAt: new Date(e.createdAt),
    closedAt: e.closedAt ? new Date(e.closedAt) : undefined,
    conversation: JSON.parse(e.conversation) as StoredConversation,
    etag: e.etag
  };
}

/**
 * Polls on Azure Tables. A poll's definition, its tally shards and its votes share one partition, so
 * a vote and the tally change it causes commit together in one entity-group transaction.
 */
export class TablePollRepository extends EntityTable<Poll, ReturnType<typeof toEntity>> implements PollRepository, PollVoters {
  constructor(table: TableClient) {
    super(table, {
      key: keys.poll,
      idOf: (poll) => poll.pollId,
      toEntity,
      fromEntity,
      exists: 'This poll has already been posted.',
      changed: 'This poll was changed by someone else. Please try again.',
      deleted: 'This poll was deleted meanwhile.'
    });
  }

  /** The poll's row and its empty tally shards, in one transaction; returned as stored. */
  override async create(poll: Poll): Promise<Poll> {
    const tx = new TableTransaction();
    tx.createEntity(this.entity(poll));
    const empty = JSON.stringify(new Array<number>(poll.options.length).fill(0));
    for (let shard = 0; shard < TALLY_SHARDS; shard++) {
      tx.createEntity<TallyEntity>({ ...keys.pollTally(poll.tenantId, poll.pollId, shard), counts: empty, voters: 0, closed: false });
    }
    try {
      await this.table.submitTransaction(tx.actions);
    } catch (error) {
      throw conflictFrom(error, this.format.exists);
    }
    return this.stored(poll);
  }

  /** The poll's whole partition: its row, tally shards and votes. */
  override async remove(tenantId: string, pollId: string): Promise<void> {
    await removePartition(this.table, keys.pollPartition(tenantId, pollId));
  }

  async tally(tenantId: string, pollId: string, optionCount: number): Promise<PollTally> {
    // Point reads of the shards, in parallel: cheaper than a range query, which the emulator answers
    // by scanning the whole table.
    const shards = await Promise.all(
      Array.from({ length: TALLY_SHARDS }, (_, shard) => {
        const key = keys.pollTally(tenantId, pollId, shard);
        return getRow<TallyEntity>(this.table, key);
      })
    );
    const parts = shards.flatMap((e) => (e ? [{ counts: JSON.parse(e.counts) as number[], voters: e.voters }] : []));
    return sumTallies(optionCount, parts);
  }

  async choiceOf(tenantId: string, pollId: string, voterKey: string): Promise<number | undefined> {
    const key = keys.pollVote(tenantId, pollId, voterKey);
    const vote = await getRow<VoteEntity>(this.table, key);
    return vote?.optionIndex;
  }

  async castVote(vote: CastVote): Promise<{ previous?: number }> {
    const voteKey = keys.pollVote(vote.tenantId, vote.pollId, vote.voterKey);
    const tallyKey = keys.pollTally(vote.tenantId, vote.pollId, shardOf(vote.voterKey));
    // Another vote for this shard, or this person's own repeated click, committed first: read again.
    const cast = retryWrites(MAX_VOTE_ATTEMPTS - 1, async () => {
      const [shard, existing] = await Promise.all([
        getRow<TallyEntity>(this.table, tallyKey),
        getRow<VoteEntity>(this.table, voteKey)
      ]);
      if (!shard) throw new DomainError('not_found', 'This poll no longer exists.');
      if (shard.closed) throw new DomainError('closed', 'This poll is closed. Your vote was not counted.');
      const previous = existing?.optionIndex;
      if (previous === vote.optionIndex) return { previous };

      const tally = applyVote({ counts: JSON.parse(shard.counts) as number[], voters: shard.voters }, previous, vote.optionIndex);
      const voteEntity: VoteEntity = {
        ...voteKey,
        optionIndex: vote.optionIndex,
        votedAt: vote.at.toISOString(),
        userId: vote.voter?.userId,
        userName: vote.voter?.name
      };
      const tx = new TableTransaction();
      if (existing) tx.updateEntity(voteEntity, 'Replace', { etag: existing.etag });
      else tx.createEntity(voteEntity);
      tx.updateEntity<TallyEntity>(
        { ...tallyKey, counts: JSON.stringify(tally.counts), voters: tally.voters, closed: false },
        'Replace',
        { etag: shard.etag }
      );
      await this.table.submitTransaction(tx.actions);
      return { previous };
    });
    return cast.catch((error: unknown) => {
      throw conflictFrom(error, 'Lots of people are voting right now. Please try again.');
    });
  }

  async votersOf(tenantId: string, pollId: string): Promise<string[]> {
    const rows = await listPartition<VoteEntity>(this.table, keys.pollPartition(tenantId, pollId));
    return rows.flatMap((row) => (row.rowKey.startsWith('vote|') && typeof row.userId === 'string' && row.userId !== '' ? [row.userId] : []));
  }

  async freeze(tenantId: string, pollId: string): Promise<void> {
    for (let shard = 0; shard < TALLY_SHARDS; shard++) {
      const key = keys.pollTally(tenantId, pollId, shard);
      await retryWrites(MAX_VOTE_ATTEMPTS, async () => {
        const entity = await getRow<TallyEntity>(this.table, key);
        if (!entity || entity.closed) return;
        await this.table.updateEntity<TallyEntity>({ ...key, counts: entity.counts, voters: entity.voters, closed: true }, 'Replace', { etag: entity.etag });
      });
    }
  }
}
