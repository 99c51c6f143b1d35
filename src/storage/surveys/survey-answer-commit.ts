/**
 * Group commit for survey answers (docs/storage.md, "Answering at scale").
 *
 * In a session thirty young people answer the same question within seconds, and every answer must move
 * the survey's tally in the same entity-group transaction as the answer row, so the tally is exact. One
 * transaction per answer makes every answer read the tally shard and fight for its ETag. Instead, per
 * survey partition and per process, one transaction is in flight at a time; answers that arrive while it
 * runs wait and go together in the next one (up to MAX_BATCH people), with one tally shard update for all
 * of them. Nobody's invoke is answered before the transaction holding their answer has committed, so no
 * answer is acknowledged and then lost, and the atomic transaction keeps "counted once" exact.
 *
 * The batch is optimistic: it *creates* each answer row (and the respondent row for people this process
 * has not seen), and it updates the shard with the ETag it last wrote or read. A person who already
 * answered (on another instance, before a restart) makes the create fail with 409: the whole batch then
 * takes the careful path, one answer at a time with reads. A 412 on the shard (another instance, a
 * freeze) re-reads the shard and retries. Changed answers always take the careful path.
 *
 * What each process remembers of a respondent (the questions it saw them answer) is a hint, never the
 * record: a wrong hint makes a create fail, never a count wrong.
 */
import { type TableClient, TableTransaction, type TransactionAction } from '@azure/data-tables';
import { DomainError } from '../../domain/shared/errors';
import { type AnswerValue, type SurveyTally, applyAnswer } from '../../domain/surveys/survey';
import type { RecordAnswer } from '../../domain/surveys/ports';
import { backoff, storageStatus } from '../shared/errors';
import { TALLY_SHARDS, surveyKeys } from '../shared/keys';
import { getRow } from '../shared/rows';
import type { ShardSnapshot } from './survey-summary';

/** People per transaction: two rows each at most, plus the shard, under the 100-action limit. */
export const MAX_BATCH = 40;
const MAX_ATTEMPTS = 60;
/** How long, and for how many people, a process remembers who answered what. */
const KNOWN_TTL_MS = 15 * 60_000;
const KNOWN_MAX = 50_000;
/** Commits in a row whose summary changes one write carries at most (while answers keep coming). */
const SUMMARY_EVERY = 8;
/** Surveys whose shard ETag a process keeps between batches. */
const MAX_PARTITIONS = 5_000;

export interface TallyEntity {
  partitionKey: string;
  rowKey: string;
  /** JSON: question id → cells (choices…, skipped, answered). */
  counts: string;
  respondents: number;
  closed: boolean;
  /** Grows with every write of the shard: its copy in the summary partition only moves forward. */
  seq?: number;
}

/** One row per person per question: the key itself enforces one answer each. */
export interface AnswerEntity {
  partitionKey: string;
  rowKey: string;
  /** "skip", or the chosen cells as "0,2"; free text is in `text`. */
  value: string;
  text?: string;
  /** Filterable: free-text rows that hold text. */
  hasText: boolean;
}

export function encodeAnswer(answer: AnswerValue): Pick<AnswerEntity, 'value' | 'text' | 'hasText'> {
  if (answer.kind === 'skip') return { value: 'skip', hasText: false };
  if (answer.kind === 'text') return { value: 'text', text: answer.text, hasText: true };
  return { value: answer.choices.join(','), hasText: false };
}

export function decodeAnswer(e: { value: string; text?: string }): AnswerValue {
  if (e.value === 'skip') return { kind: 'skip' };
  if (e.value === 'text') return { kind: 'text', text: e.text ?? '' };
  return { kind: 'choice', choices: e.value.split(',').map(Number) };
}

export const tallyOf = (e: Pick<TallyEntity, 'counts' | 'respondents'>): SurveyTally => ({
  questions: JSON.parse(e.counts) as Record<string, number[]>,
  respondents: e.respondents
});

export type Outcome = { previous?: AnswerValue; changed: boolean };

interface Pending {
  input: RecordAnswer;
  /** Decided when the batch is built: this process has never seen the person answer (create their row). */
  newRespondent: boolean;
  resolve: (outcome: Outcome) => void;
  reject: (error: unknown) => void;
}

interface ShardState {
  shard: number;
  tally: SurveyTally;
  etag: string;
  seq: number;
}

interface PartitionState {
  queue: Pending[];
  running: boolean;
  shard?: ShardState;
}

/** What this process saw a respondent answer. `complete`: it created their respondent row, so it saw all. */
interface Known {
  answers: Map<string, AnswerValue>;
  complete: boolean;
  at: number;
}

export class AnswerCommitter {
  private readonly partitions = new Map<string, PartitionState>();
  private readonly known = new Map<string, Known>();
  private readonly summaryWrites = new Map<string, Promise<void>>();
  /** Per survey, the summary change of commits not yet written (see holdSummary). */
  private readonly summaryHeld = new Map<string, { tenantId: string; surveyId: string; shards: Map<number, ShardSnapshot>; answers: RecordAnswer[] }>();

  constructor(
    private readonly table: TableClient,
    /** The one-answer-at-a-time path with reads (changed answers, and batches a create refused). */
    private readonly careful: (input: RecordAnswer, avoidShard?: number) => Promise<Outcome & { respondentWasNew: boolean }>,
    /** Brings the summary partition up to date after commits (tally copies, newest texts). */
    private readonly afterCommit: (tenantId: string, surveyId: string, shards: ShardSnapshot[], answers: RecordAnswer[]) => Promise<void>
  ) {}

  /** Stores one answer; resolves once the transaction that holds it has committed. */
  record(input: RecordAnswer): Promise<Outcome> {
    const partitionKey = surveyKeys.surveyPartition(input.tenantId, input.surveyId);
    const known = this.knownOf(partitionKey, input.respondentKey);
    if (known?.answers.has(input.question.id)) return this.viaCareful(partitionKey, input);
    return new Promise<Outcome>((resolve, reject) => {
      let state = this.partitions.get(partitionKey);
      if (!state) this.partitions.set(partitionKey, (state = { queue: [], running: false }));
      state.queue.push({ input, newRespondent: true, resolve, reject });
      if (!state.running) void this.drain(partitionKey, state);
    });
  }

  /** Resolves when the summary writes this process has started for the survey are done. */
  settled(tenantId: string, surveyId: string): Promise<void> {
    const partitionKey = surveyKeys.surveyPartition(tenantId, surveyId);
    this.releaseSummary(partitionKey);
    return this.summaryWrites.get(partitionKey) ?? Promise.resolve();
  }

  /**
   * The summary follows the commits in the background, in commit order. While more answers are waiting
   * to commit, a commit's summary change is held and the next commit's joins it (each shard's newest
   * snapshot: a copy only moves forward, so the older ones need no write of their own; every text
   * change, in order). It is written when the queue empties, after SUMMARY_EVERY commits, or when a
   * read in this process asks for it (`settled`).
   */
  private holdSummary(partitionKey: string, tenantId: string, surveyId: string, snapshot: ShardSnapshot, answers: RecordAnswer[]): void {
    const held = this.summaryHeld.get(partitionKey);
    if (!held) {
      this.summaryHeld.set(partitionKey, { tenantId, surveyId, shards: new Map([[snapshot.shard, snapshot]]), answers: [...answers] });
      return;
    }
    const had = held.shards.get(snapshot.shard);
    if (!had || had.seq < snapshot.seq) held.shards.set(snapshot.shard, snapshot);
    held.answers.push(...answers);
  }

  /** Starts writing what is held for the survey's summary (after the writes already started). */
  private releaseSummary(partitionKey: string): void {
    const held = this.summaryHeld.get(partitionKey);
    if (!held) return;
    this.summaryHeld.delete(partitionKey);
    const write = (): Promise<void> => this.afterCommit(held.tenantId, held.surveyId, [...held.shards.values()], held.answers);
    const next = (this.summaryWrites.get(partitionKey) ?? Promise.resolve()).then(write).catch(() => undefined);
    this.summaryWrites.set(partitionKey, next);
    void next.then(() => {
      if (this.summaryWrites.get(partitionKey) === next) this.summaryWrites.delete(partitionKey);
    });
  }

  /**
   * The person's answer to a question as this process knows it: `undefined` when it knows they have
   * not answered, `null` when it cannot tell (read the row).
   */
  hint(tenantId: string, surveyId: string, questionId: string, respondentKey: string): AnswerValue | undefined | null {
    const known = this.knownOf(surveyKeys.surveyPartition(tenantId, surveyId), respondentKey);
    if (!known) return null;
    const answer = known.answers.get(questionId);
    if (answer) return answer;
    return known.complete ? undefined : null;
  }

  /** Forgets a survey (closed, deleted): its shard state and what it knew of respondents. */
  forget(tenantId: string, surveyId: string): void {
    const partitionKey = surveyKeys.surveyPartition(tenantId, surveyId);
    const state = this.partitions.get(partitionKey);
    if (state && !state.running) this.partitions.delete(partitionKey);
    else if (state) state.shard = undefined;
    for (const key of this.known.keys()) if (key.startsWith(`${partitionKey}#`)) this.known.delete(key);
  }

  private knownOf(partitionKey: string, respondentKey: string): Known | undefined {
    const key = `${partitionKey}#${respondentKey}`;
    const known = this.known.get(key);
    if (known && Date.now() - known.at > KNOWN_TTL_MS) {
      this.known.delete(key);
      return undefined;
    }
    return known;
  }

  private remember(partitionKey: string, respondentKey: string, questionId: string, answer: AnswerValue, respondentWasNew: boolean): void {
    const key = `${partitionKey}#${respondentKey}`;
    let known = this.knownOf(partitionKey, respondentKey);
    if (!known) {
      known = { answers: new Map(), complete: respondentWasNew, at: Date.now() };
      if (this.known.size >= KNOWN_MAX) {
        const oldest = this.known.keys().next();
        if (!oldest.done) this.known.delete(oldest.value);
      }
      this.known.set(key, known);
    }
    known.answers.set(questionId, answer);
    known.at = Date.now();
  }

  private async viaCareful(partitionKey: string, input: RecordAnswer): Promise<Outcome> {
    const state = this.partitions.get(partitionKey);
    const outcome = await this.careful(input, state?.shard?.shard);
    this.remember(partitionKey, input.respondentKey, input.question.id, input.answer, outcome.respondentWasNew);
    return { previous: outcome.previous, changed: outcome.changed };
  }

  private async drain(partitionKey: string, state: PartitionState): Promise<void> {
    state.running = true;
    let held = 0;
    try {
      while (state.queue.length > 0) {
        const batch = takeBatch(state.queue);
        await this.commit(partitionKey, state, batch);
        if (state.queue.length === 0 || ++held >= SUMMARY_EVERY) {
          this.releaseSummary(partitionKey);
          held = 0;
        }
      }
    } finally {
      this.releaseSummary(partitionKey);
      state.running = false;
      if (state.queue.length > 0) void this.drain(partitionKey, state);
      else if (!state.shard || this.partitions.size > MAX_PARTITIONS) this.partitions.delete(partitionKey);
    }
  }

  private async readShard(tenantId: string, surveyId: string, avoid?: number): Promise<ShardState | 'closed' | 'missing'> {
    let shard = Math.floor(Math.random() * TALLY_SHARDS);
    if (shard === avoid) shard = (shard + 1) % TALLY_SHARDS;
    const key = surveyKeys.surveyTally(tenantId, surveyId, shard);
    const e = await getRow<TallyEntity>(this.table, key);
    if (!e) return 'missing';
    if (e.closed) return 'closed';
    return { shard, tally: tallyOf(e), etag: e.etag, seq: e.seq ?? 0 };
  }

  private async commit(partitionKey: string, state: PartitionState, taken: Pending[]): Promise<void> {
    // What the process knows may have changed while these waited: re-decide each one now.
    const batch: Pending[] = [];
    for (const p of taken) {
      const known = this.knownOf(partitionKey, p.input.respondentKey);
      if (known?.answers.has(p.input.question.id)) void this.viaCareful(partitionKey, p.input).then(p.resolve, p.reject);
      else batch.push({ ...p, newRespondent: !known });
    }
    if (batch.length === 0) return;
    const { tenantId, surveyId } = batch[0]!.input;
    const settle = (fn: (p: Pending) => void): void => batch.forEach(fn);
    try {
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        let shard = state.shard;
        if (!shard) {
          const read = await this.readShard(tenantId, surveyId);
          if (read === 'missing') throw new DomainError('not_found', 'This survey no longer exists.');
          if (read === 'closed') throw new DomainError('closed', 'This survey is closed. Your answer was not saved.');
          shard = read;
        }
        let tally = shard.tally;
        const actions: TransactionAction[] = [];
        const tx = new TableTransaction(actions);
        for (const { input, newRespondent } of batch) {
          tally = applyAnswer(tally, input.question, undefined, input.answer, newRespondent);
          tx.createEntity({ ...surveyKeys.surveyAnswer(tenantId, surveyId, input.question.id, input.respondentKey), ...encodeAnswer(input.answer) });
          if (newRespondent) {
            tx.createEntity({ ...surveyKeys.surveyRespondent(tenantId, surveyId, input.respondentKey), userId: input.respondent?.userId, userName: input.respondent?.name });
          }
        }
        const tallyKey = surveyKeys.surveyTally(tenantId, surveyId, shard.shard);
        const seq = shard.seq + 1;
        tx.updateEntity<TallyEntity>({ ...tallyKey, counts: JSON.stringify(tally.questions), respondents: tally.respondents, closed: false, seq }, 'Replace', {
          etag: shard.etag
        });
        try {
          const response = await this.table.submitTransaction(actions);
          // Sub-responses come in the order of the operations; an update's carries no row key, so
          // look it up by position (the shard update is the last action).
          const etag = response.getResponseForEntity(tallyKey.rowKey)?.etag ?? response.subResponses?.[actions.length - 1]?.etag;
          state.shard = etag ? { shard: shard.shard, tally, etag, seq } : undefined;
          for (const { input, newRespondent } of batch) this.remember(partitionKey, input.respondentKey, input.question.id, input.answer, newRespondent);
          // The summary follows in the background, in commit order; reads in this process wait for it
          // (`settled`). If it fails the answers still stand (they are committed): the copy catches up
          // on the shard's next commit or at the close.
          this.holdSummary(partitionKey, tenantId, surveyId, { shard: shard.shard, tally, seq, closed: false }, batch.map((p) => p.input));
          settle((p) => p.resolve({ changed: true }));
          return;
        } catch (error) {
          state.shard = undefined;
          const status = storageStatus(error);
          if (status === 412) {
            // The shard moved on (another instance, a freeze): re-read it (maybe another one) and retry.
            if (attempt > 0) await backoff(attempt);
            continue;
          }
          if (status === 409) {
            // Somebody in the batch had answered already (hint missing or stale): one at a time, with reads.
            await Promise.all(batch.map((p) => this.viaCareful(partitionKey, p.input).then(p.resolve, p.reject)));
            return;
          }
          throw error;
        }
      }
      throw new DomainError('conflict', 'Lots of people are answering right now. Please try again.');
    } catch (error) {
      settle((p) => p.reject(error));
    }
  }
}

/** The next batch: oldest first, one answer per person (a person's next answer waits for the next batch). */
function takeBatch(queue: Pending[]): Pending[] {
  const batch: Pending[] = [];
  const people = new Set<string>();
  for (let i = 0; i < queue.length && batch.length < MAX_BATCH; ) {
    const item = queue[i]!;
    if (people.has(item.input.respondentKey)) {
      i++;
      continue;
    }
    people.add(item.input.respondentKey);
    batch.push(item);
    queue.splice(i, 1);
  }
  return batch;
}
