/**
 * A survey's summary partition (docs/storage.md, "Results at any size"): its definition, a copy of
 * each tally shard and the newest free-text answers per question, in a partition of a dozen rows.
 *
 * The tally shards themselves live in the answers' partition, because an answer and the count it moves
 * commit in one entity-group transaction (that is what makes the counts exact). Reading them there costs
 * more as the partition grows (on the emulator, a point read scans the partition), so results, lists
 * and session counts read the copies here instead: point reads whose cost does not depend on how many
 * people answered. Each copy is written after its shard commits, before anyone's answer in that commit
 * is acknowledged, and only ever forward (a shard's `seq` grows with every write; an older copy never
 * replaces a newer one). A process that dies between the commit and the copy leaves that copy behind
 * until the shard's next commit; closing a survey re-copies every shard, so closed results are exact.
 */
import { createHash } from 'node:crypto';
import type { TableClient } from '@azure/data-tables';
import { type SurveyTally, sumSurveyTallies } from '../../domain/surveys/survey';
import { backoff, isWriteConflict } from '../shared/errors';
import { TALLY_SHARDS, surveyKeys } from '../shared/keys';
import { getRow } from '../shared/rows';

/** Newest free texts kept per question (the results card shows at most 20). */
export const TEXTS_KEPT = 20;
/** A string property holds at most 32K characters; stay well under it. */
const TEXTS_MAX_CHARS = 28_000;
const MAX_ATTEMPTS = 30;
/** Rows whose ETag a process remembers (a cache: clearing it only costs a read). */
const CACHED_ROWS = 20_000;

interface CopyEntity {
  partitionKey: string;
  rowKey: string;
  counts: string;
  respondents: number;
  closed: boolean;
  seq: number;
}

interface TextsEntity {
  partitionKey: string;
  rowKey: string;
  /** JSON: newest first, [who (a short hash of the respondent key), text]. */
  texts: string;
}

export interface ShardSnapshot {
  shard: number;
  tally: SurveyTally;
  seq: number;
  closed: boolean;
}

/** A free-text answer as the summary keeps it: who is a short one-way hash, only to replace a changed answer. */
export interface TextChange {
  questionId: string;
  respondentKey: string;
  /** The new text, or undefined when the person's answer is no longer text (skipped). */
  text?: string;
}

const who = (respondentKey: string): string => createHash('sha256').update(respondentKey).digest('base64url').slice(0, 12);

export class SurveySummary {
  /** ETags and seqs of the copies this process last wrote or read. */
  private readonly copies = new Map<string, { etag: string; seq: number }>();
  /** The newest-texts rows this process last wrote (dropped on any conflict). */
  private readonly textRows = new Map<string, TextsEntity & { etag: string }>();

  constructor(private readonly table: TableClient) {}

  /** The empty copies of a new survey's shards (created with its definition). */
  emptyCopies(tenantId: string, surveyId: string): CopyEntity[] {
    return Array.from({ length: TALLY_SHARDS }, (_, shard) => ({
      ...surveyKeys.surveyTallyCopy(tenantId, surveyId, shard),
      counts: '{}',
      respondents: 0,
      closed: false,
      seq: 0
    }));
  }

  /** Brings the copy of one shard up to `snapshot`, unless a newer one is there already. */
  async copy(tenantId: string, surveyId: string, snapshot: ShardSnapshot): Promise<void> {
    const key = surveyKeys.surveyTallyCopy(tenantId, surveyId, snapshot.shard);
    const cacheKey = `${key.partitionKey}#${key.rowKey}`;
    const entity: CopyEntity = { ...key, counts: JSON.stringify(snapshot.tally.questions), respondents: snapshot.tally.respondents, closed: snapshot.closed, seq: snapshot.seq };
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      let known = this.copies.get(cacheKey);
      if (!known) {
        const current = await getRow<CopyEntity>(this.table, key);
        if (current) known = { etag: current.etag, seq: current.seq ?? 0 };
      }
      if (known && known.seq >= snapshot.seq) return;
      try {
        const result = known ? await this.table.updateEntity(entity, 'Replace', { etag: known.etag }) : await this.table.createEntity(entity);
        if (this.copies.size > CACHED_ROWS) this.copies.clear();
        if (result.etag) this.copies.set(cacheKey, { etag: result.etag, seq: snapshot.seq });
        return;
      } catch (error) {
        this.copies.delete(cacheKey);
        if (!isWriteConflict(error)) throw error;
        if (attempt > 0) await backoff(attempt);
      }
    }
    throw new Error(`could not bring the tally copy ${key.rowKey} of survey ${surveyId} up to date`);
  }

  /** The whole tally from the copies: a fixed number of point reads, whatever the number of answers. */
  async tally(tenantId: string, surveyId: string): Promise<SurveyTally> {
    const parts = await Promise.all(
      Array.from({ length: TALLY_SHARDS }, (_, shard) => {
        const key = surveyKeys.surveyTallyCopy(tenantId, surveyId, shard);
        return getRow<CopyEntity>(this.table, key);
      })
    );
    return sumSurveyTallies(parts.filter((p) => p !== undefined).map((p) => ({ questions: JSON.parse(p.counts) as Record<string, number[]>, respondents: p.respondents })));
  }

  /** Applies free-text changes to the per-question rows of newest texts (ETag read-change-write). */
  async recordTexts(tenantId: string, surveyId: string, changes: TextChange[]): Promise<void> {
    const byQuestion = new Map<string, TextChange[]>();
    for (const change of changes) byQuestion.set(change.questionId, [...(byQuestion.get(change.questionId) ?? []), change]);
    await Promise.all([...byQuestion].map(([questionId, list]) => this.recordQuestionTexts(tenantId, surveyId, questionId, list)));
  }

  private async recordQuestionTexts(tenantId: string, surveyId: string, questionId: string, changes: TextChange[]): Promise<void> {
    const key = surveyKeys.surveyTexts(tenantId, surveyId, questionId);
    const cacheKey = `${key.partitionKey}#${key.rowKey}`;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      // What this process last wrote is usually still current: no read unless the ETag says otherwise.
      const current = this.textRows.get(cacheKey) ?? (await getRow<TextsEntity>(this.table, key));
      // Only removals (an erasure, a text answer changed to a skip) and no row: nothing to do.
      if (!current && changes.every((c) => c.text === undefined)) return;
      let texts = current ? (JSON.parse(current.texts) as [string, string][]) : [];
      for (const change of changes) {
        const id = who(change.respondentKey);
        texts = texts.filter(([w]) => w !== id);
        if (change.text !== undefined) texts.unshift([id, change.text]);
      }
      texts = texts.slice(0, TEXTS_KEPT);
      while (texts.length > 1 && JSON.stringify(texts).length > TEXTS_MAX_CHARS) texts.pop();
      const entity: TextsEntity = { ...key, texts: JSON.stringify(texts) };
      try {
        const result = current ? await this.table.updateEntity(entity, 'Replace', { etag: current.etag }) : await this.table.createEntity(entity);
        if (this.textRows.size > CACHED_ROWS) this.textRows.clear();
        if (result.etag) this.textRows.set(cacheKey, { ...entity, etag: result.etag });
        else this.textRows.delete(cacheKey);
        return;
      } catch (error) {
        this.textRows.delete(cacheKey);
        if (!isWriteConflict(error)) throw error;
        if (attempt > 0) await backoff(attempt);
      }
    }
    throw new Error(`could not record free texts of survey ${surveyId}`);
  }

  /** The newest free texts of one question (owner only), newest first. */
  async texts(tenantId: string, surveyId: string, questionId: string, limit: number): Promise<string[]> {
    const key = surveyKeys.surveyTexts(tenantId, surveyId, questionId);
    const row = await getRow<TextsEntity>(this.table, key);
    return row ? (JSON.parse(row.texts) as [string, string][]).slice(0, limit).map(([, text]) => text) : [];
  }
}
