import { type TableClient, type TableEntityResult, TableTransaction, odata } from '@azure/data-tables';
import type { StoredConversation } from '../../domain/shared/conversation';
import { DomainError } from '../../domain/shared/errors';
import { type Poll, type PollTally, applyVote, sumTallies } from '../../domain/polls/poll';
import type { CastVote, PollRepository } from '../../domain/polls/ports';
import { backoff, conflictFrom, isWriteConflict } from '../shared/errors';
import { TALLY_SHARDS, keys, shardOf } from '../shared/keys';
import { getRow, saveRowIfMatch } from '../shared/rows';

interface PollEntity {
  partitionKey: string;
  rowKey: string;
  question: string;
  options: string;
  anonymous: boolean;
  resultsVisibility: string;
  chart: string;
  closesAt?: string;
  status: string;
  createdBy: string;
  createdByName?: string;
  createdByUserId: string;
  createdAt: string;
  closedAt?: string;
  conversation: string;
  activityId?: string;
  timeZone: string;
}

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

function toEntity(poll: Poll): PollEntity {
  return {
    ...keys.poll(poll.tenantId, poll.pollId),
    question: poll.question,
    options: JSON.stringify(poll.options),
    anonymous: poll.anonymous,
    resultsVisibility: poll.resultsVisibility,
    chart: poll.chart,
    closesAt: poll.closesAt?.toISOString(),
    status: poll.status,
    createdBy: poll.createdBy,
    createdByName: poll.createdByName,
    createdByUserId: poll.createdByUserId,
    createdAt: poll.createdAt.toISOString(),
    closedAt: poll.closedAt?.toISOString(),
    conversation: JSON.stringify(poll.conversation),
    activityId: poll.activityId,
    timeZone: poll.timeZone
  };
}

function fromEntity(tenantId: string, pollId: string, e: TableEntityResult<PollEntity>): Poll {
  return {
    tenantId,
    pollId,
    question: e.question,
    options: JSON.parse(e.options) as string[],
    anonymous: e.anonymous,
    resultsVisibility: e.resultsVisibility === 'afterClose' ? 'afterClose' : 'live',
    chart: e.chart === 'donut' ? 'donut' : 'bar',
    closesAt: e.closesAt ? new Date(e.closesAt) : undefined,
    status: e.status === 'closed' ? 'closed' : 'open',
    createdBy: e.createdBy,
    createdByName: e.createdByName,
    createdByUserId: e.createdByUserId,
    createdAt: new Date(e.createdAt),
    closedAt: e.closedAt ? new Date(e.closedAt) : undefined,
    conversation: JSON.parse(e.conversation) as StoredConversation,
    activityId: e.activityId,
    timeZone: e.timeZone,
    etag: e.etag
  };
}

/**
 * Polls on Azure Tables. A poll's definition, its tally shards and its votes share one partition, so
 * a vote and the tally change it causes commit together in one entity-group transaction.
 */
export class TablePollRepository implements PollRepository {
  constructor(private readonly table: TableClient) {}

  async create(poll: Poll): Promise<Poll> {
    const tx = new TableTransaction();
    tx.createEntity(toEntity(poll));
    const empty = JSON.stringify(new Array<number>(poll.options.length).fill(0));
    for (let shard = 0; shard < TALLY_SHARDS; shard++) {
      tx.createEntity<TallyEntity>({ ...keys.pollTally(poll.tenantId, poll.pollId, shard), counts: empty, voters: 0, closed: false });
    }
    try {
      await this.table.submitTransaction(tx.actions);
    } catch (error) {
      throw conflictFrom(error, 'This poll has already been posted.');
    }
    const stored = await this.get(poll.tenantId, poll.pollId);
    if (!stored) throw new Error('poll vanished right after it was created');
    return stored;
  }

  async get(tenantId: string, pollId: string): Promise<Poll | undefined> {
    const entity = await getRow<PollEntity>(this.table, keys.poll(tenantId, pollId));
    return entity ? fromEntity(tenantId, pollId, entity) : undefined;
  }

  async save(poll: Poll): Promise<Poll> {
    const etag = await saveRowIfMatch(this.table, toEntity(poll), poll.etag, {
      changed: 'This poll was changed by someone else. Please try again.',
      deleted: 'This poll was deleted meanwhile.'
    });
    return { ...poll, etag };
  }

  async remove(tenantId: string, pollId: string): Promise<void> {
    const partitionKey = keys.pollPartition(tenantId, pollId);
    const rows: string[] = [];
    for await (const e of this.table.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${partitionKey}`, select: ['RowKey'] } })) {
      rows.push(e.rowKey as string);
    }
    for (let i = 0; i < rows.length; i += 100) {
      const tx = new TableTransaction();
      for (const rowKey of rows.slice(i, i + 100)) tx.deleteEntity(partitionKey, rowKey);
      await this.table.submitTransaction(tx.actions);
    }
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
    for (let attempt = 0; attempt < MAX_VOTE_ATTEMPTS; attempt++) {
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
      try {
        await this.table.submitTransaction(tx.actions);
        return { previous };
      } catch (error) {
        // Another vote for this shard, or this person's own repeated click, committed first: re-read.
        if (!isWriteConflict(error)) throw error;
        await backoff(attempt);
      }
    }
    throw new DomainError('conflict', 'Lots of people are voting right now. Please try again.');
  }

  async freeze(tenantId: string, pollId: string): Promise<void> {
    for (let shard = 0; shard < TALLY_SHARDS; shard++) {
      const key = keys.pollTally(tenantId, pollId, shard);
      for (let attempt = 0; ; attempt++) {
        const entity = await getRow<TallyEntity>(this.table, key);
        if (!entity || entity.closed) break;
        try {
          await this.table.updateEntity<TallyEntity>(
            { ...key, counts: entity.counts, voters: entity.voters, closed: true },
            'Replace',
            { etag: entity.etag }
          );
          break;
        } catch (error) {
          if (!isWriteConflict(error) || attempt >= MAX_VOTE_ATTEMPTS) throw error;
          await backoff(attempt);
        }
      }
    }
  }
}
