import { type TableClient, TableTransaction, odata } from '@azure/data-tables';
import type { StoredConversation } from '../../domain/shared/conversation';
import { DomainError } from '../../domain/shared/errors';
import {
  type AnswerValue,
  type Question,
  type Survey,
  type SurveyTally,
  applyAnswer,
  sameAnswer
} from '../../domain/surveys/survey';
import type { RecordAnswer, SurveyRepository } from '../../domain/surveys/ports';
import { backoff, conflictFrom, isWriteConflict, retryWrites } from '../shared/errors';
import { TALLY_SHARDS, surveyKeys } from '../shared/keys';
import { EntityTable, type RowOf, pick } from '../shared/entity-table';
import { getRow } from '../shared/rows';
import { type AnswerEntity, AnswerCommitter, type TallyEntity, decodeAnswer, encodeAnswer, tallyOf } from './survey-answer-commit';
import { type ShardSnapshot, SurveySummary, type TextChange } from './survey-summary';

interface RespondentEntity {
  partitionKey: string;
  rowKey: string;
  /** Named surveys only. */
  userId?: string;
  userName?: string;
}

interface OwnerIndexEntity {
  partitionKey: string;
  rowKey: string;
  surveyId: string;
}

const MAX_ATTEMPTS = 60;

/** What a survey's row holds as the survey has it. */
const COLUMNS = [
  'version', 'title', 'easyRead', 'audience', 'nextSteps', 'nextQuestionNumber',
  'createdBy', 'createdByName', 'createdByUserId', 'timeZone', 'inviteActivityId', 'templateId', 'planId'
] as const;

function toEntity(s: Survey) {
  return {
    ...pick(s, COLUMNS),
    status: s.status,
    cohort: s.cohort,
    anonymity: s.anonymity,
    resultsVisibility: s.resultsVisibility,
    opensAt: s.opensAt?.toISOString(),
    closesAt: s.closesAt?.toISOString(),
    questions: JSON.stringify(s.questions),
    createdAt: s.createdAt.toISOString(),
    publishedAt: s.publishedAt?.toISOString(),
    closedAt: s.closedAt?.toISOString(),
    conversation: JSON.stringify(s.conversation),
    /** The plan's approval when published: the working group's name, and when (ISO). */
    planApprovedBy: s.planApproval?.groupName,
    planApprovedAt: s.planApproval?.approvedAt.toISOString()
  };
}

const date = (value: string | undefined): Date | undefined => (value ? new Date(value) : undefined);

function fromEntity(e: RowOf<typeof toEntity>, tenantId: string, surveyId: string): Survey {
  return {
    ...pick(e, COLUMNS),
    tenantId,
    surveyId,
    status: e.status === 'open' || e.status === 'closed' ? e.status : 'draft',
    cohort: e.cohort as Survey['cohort'],
    anonymity: e.anonymity as Survey['anonymity'],
    resultsVisibility: e.resultsVisibility as Survey['resultsVisibility'],
    opensAt: date(e.opensAt),
    closesAt: date(e.closesAt),
    questions: JSON.parse(e.questions) as Question[],
    createdAt: new Date(e.createdAt),
    publishedAt: date(e.publishedAt),
    closedAt: date(e.closedAt),
    conversation: JSON.parse(e.conversation) as StoredConversation,
    planApproval: e.planApprovedBy && e.planApprovedAt ? { groupName: e.planApprovedBy, approvedAt: new Date(e.planApprovedAt) } : undefined,
    etag: e.etag
  };
}

/**
 * Surveys on Azure Tables. A survey's definition, tally shards, respondent rows and answers share one
 * partition, so an answer and the tally change it causes commit in one entity-group transaction.
 */
export class TableSurveyRepository extends EntityTable<Survey, ReturnType<typeof toEntity>> implements SurveyRepository {
  private readonly committer: AnswerCommitter;
  private readonly summary: SurveySummary;

  constructor(table: TableClient) {
    super(table, {
      key: surveyKeys.survey,
      idOf: (survey) => survey.surveyId,
      toEntity,
      fromEntity,
      exists: 'This survey has already been created.',
      changed: 'This survey was changed by someone else. Please try again.',
      deleted: 'This survey was deleted meanwhile.'
    });
    this.summary = new SurveySummary(table);
    this.committer = new AnswerCommitter(
      table,
      (input, avoid) => this.recordCarefully(input, avoid),
      (tenantId, surveyId, shard, answers) => this.afterCommit(tenantId, surveyId, shard, answers)
    );
  }

  /** Brings the summary partition up to date with a commit: the shard's copy and the newest texts. */
  private async afterCommit(tenantId: string, surveyId: string, shards: ShardSnapshot[], answers: RecordAnswer[]): Promise<void> {
    const texts: TextChange[] = answers
      .filter((a) => a.question.type === 'text')
      .map((a) => ({ questionId: a.question.id, respondentKey: a.respondentKey, text: a.answer.kind === 'text' ? a.answer.text : undefined }));
    await Promise.all([...shards.map((shard) => this.summary.copy(tenantId, surveyId, shard)), texts.length > 0 ? this.summary.recordTexts(tenantId, surveyId, texts) : undefined]);
  }

  /** The tally shards, the summary partition with the survey's row, the owner index; returned as stored. */
  override async create(survey: Survey): Promise<Survey> {
    // The shards first (their partition is the one answers commit in), then the summary with the
    // definition: a survey exists once its definition does, and by then it can take answers.
    const shards = new TableTransaction();
    for (let shard = 0; shard < TALLY_SHARDS; shard++) {
      shards.createEntity<TallyEntity>({ ...surveyKeys.surveyTally(survey.tenantId, survey.surveyId, shard), counts: '{}', respondents: 0, closed: false, seq: 0 });
    }
    const summary = new TableTransaction();
    summary.createEntity(this.entity(survey));
    for (const copy of this.summary.emptyCopies(survey.tenantId, survey.surveyId)) summary.createEntity(copy);
    try {
      await this.table.submitTransaction(shards.actions);
    } catch (error) {
      // Shards already there: another instance is creating the same survey (a recurring round run by
      // two at once) or stopped between the two transactions. Before the definition exists nothing can
      // answer, so fresh shards are this survey's too; the definition decides who created it. Shards
      // that have counted anything belong to something else: a conflict.
      if (!isWriteConflict(error) || !(await this.shardsFresh(survey.tenantId, survey.surveyId))) throw conflictFrom(error, this.format.exists);
    }
    try {
      await this.table.submitTransaction(summary.actions);
    } catch (error) {
      throw conflictFrom(error, this.format.exists);
    }
    // The owner index is a second partition: written after, and harmless if repeated.
    await this.table.upsertEntity<OwnerIndexEntity>(
      { ...surveyKeys.surveyByOwner(survey.tenantId, survey.createdBy, survey.createdAt, survey.surveyId), surveyId: survey.surveyId },
      'Replace'
    );
    return this.stored(survey);
  }

  /** Every tally shard exists and has counted nothing (see `create`). */
  private async shardsFresh(tenantId: string, surveyId: string): Promise<boolean> {
    const shards = await Promise.all(Array.from({ length: TALLY_SHARDS }, (_, shard) => getRow<TallyEntity>(this.table, surveyKeys.surveyTally(tenantId, surveyId, shard))));
    return shards.every((shard) => shard !== undefined && shard.respondents === 0 && (shard.seq ?? 0) === 0);
  }

  async listByOwner(tenantId: string, ownerKey: string, limit: number): Promise<Survey[]> {
    const partitionKey = surveyKeys.surveyOwnerPartition(tenantId, ownerKey);
    const ids: string[] = [];
    const pages = this.table
      .listEntities<OwnerIndexEntity>({ queryOptions: { filter: odata`PartitionKey eq ${partitionKey}` } })
      .byPage({ maxPageSize: limit });
    for await (const page of pages) {
      for (const e of page) if (typeof e.surveyId === 'string') ids.push(e.surveyId);
      break;
    }
    const surveys = await Promise.all(ids.slice(0, limit).map((id) => this.get(tenantId, id)));
    return surveys.filter((s): s is Survey => s !== undefined);
  }

  /** The whole tally from the summary partition's copies (point reads; see survey-summary.ts). */
  async tally(tenantId: string, surveyId: string): Promise<SurveyTally> {
    await this.committer.settled(tenantId, surveyId);
    return this.summary.tally(tenantId, surveyId);
  }

  async answerOf(tenantId: string, surveyId: string, questionId: string, respondentKey: string): Promise<AnswerValue | undefined> {
    // The group commit remembers what it saw this person answer (all of it, if it created their row).
    const hint = this.committer.hint(tenantId, surveyId, questionId, respondentKey);
    if (hint !== null) return hint;
    const key = surveyKeys.surveyAnswer(tenantId, surveyId, questionId, respondentKey);
    const e = await getRow<AnswerEntity>(this.table, key);
    return e ? decodeAnswer(e) : undefined;
  }

  async recordAnswer(input: RecordAnswer): Promise<{ previous?: AnswerValue; changed: boolean }> {
    return this.committer.record(input);
  }

  /**
   * One answer on its own, with reads: for changed answers and for batches a create refused. The
   * shard is chosen per attempt (avoiding the one the group commit is using), so a retry after a lost
   * race usually lands on a quiet shard.
   */
  private async recordCarefully(input: RecordAnswer, avoidShard?: number): Promise<{ previous?: AnswerValue; changed: boolean; respondentWasNew: boolean }> {
    const { tenantId, surveyId, respondentKey, question } = input;
    const answerKey = surveyKeys.surveyAnswer(tenantId, surveyId, question.id, respondentKey);
    const respKey = surveyKeys.surveyRespondent(tenantId, surveyId, respondentKey);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      let shardNumber = Math.floor(Math.random() * TALLY_SHARDS);
      if (shardNumber === avoidShard) shardNumber = (shardNumber + 1) % TALLY_SHARDS;
      const tallyKey = surveyKeys.surveyTally(tenantId, surveyId, shardNumber);
      const [shard, existing, respondent] = await Promise.all([
        getRow<TallyEntity>(this.table, tallyKey),
        getRow<AnswerEntity>(this.table, answerKey),
        getRow<RespondentEntity>(this.table, respKey)
      ]);
      if (!shard) throw new DomainError('not_found', 'This survey no longer exists.');
      if (shard.closed) throw new DomainError('closed', 'This survey is closed. Your answer was not saved.');
      const previous = existing ? decodeAnswer(existing) : undefined;
      if (previous && sameAnswer(previous, input.answer)) return { previous, changed: false, respondentWasNew: false };

      const tally = applyAnswer(tallyOf(shard), question, previous, input.answer, !respondent);
      const answerEntity: AnswerEntity = { ...answerKey, ...encodeAnswer(input.answer) };
      const tx = new TableTransaction();
      if (existing) tx.updateEntity(answerEntity, 'Replace', { etag: existing.etag });
      else tx.createEntity(answerEntity);
      if (!respondent) {
        tx.createEntity<RespondentEntity>({ ...respKey, userId: input.respondent?.userId, userName: input.respondent?.name });
      }
      const seq = (shard.seq ?? 0) + 1;
      tx.updateEntity<TallyEntity>(
        { ...tallyKey, counts: JSON.stringify(tally.questions), respondents: tally.respondents, closed: false, seq },
        'Replace',
        { etag: shard.etag }
      );
      try {
        await this.table.submitTransaction(tx.actions);
      } catch (error) {
        // Another answer on this shard, or this person's own double click, committed first: re-read.
        if (!isWriteConflict(error)) throw error;
        await backoff(attempt);
        continue;
      }
      // Committed: the summary follows (if that fails, it catches up on the shard's next commit or the close).
      await this.afterCommit(tenantId, surveyId, [{ shard: shardNumber, tally, seq, closed: false }], [input]).catch(() => undefined);
      return { previous, changed: true, respondentWasNew: !respondent };
    }
    throw new DomainError('conflict', 'Lots of people are answering right now. Please try again.');
  }

  /** Closes every shard (no answer commits after this) and copies each, closed, to the summary: exact from now on. */
  async freeze(tenantId: string, surveyId: string): Promise<void> {
    for (let shard = 0; shard < TALLY_SHARDS; shard++) {
      const key = surveyKeys.surveyTally(tenantId, surveyId, shard);
      await retryWrites(MAX_ATTEMPTS, async () => {
        const e = await getRow<TallyEntity>(this.table, key);
        if (!e) return;
        const seq = (e.seq ?? 0) + (e.closed ? 0 : 1);
        if (!e.closed) {
          await this.table.updateEntity<TallyEntity>({ ...key, counts: e.counts, respondents: e.respondents, closed: true, seq }, 'Replace', { etag: e.etag });
        }
        await this.summary.copy(tenantId, surveyId, { shard, tally: tallyOf(e), seq, closed: true });
      });
    }
    this.committer.forget(tenantId, surveyId);
  }

  /** The newest free texts of one question, from the summary partition. */
  async freeTexts(tenantId: string, surveyId: string, questionId: string, limit: number): Promise<string[]> {
    await this.committer.settled(tenantId, surveyId);
    return this.summary.texts(tenantId, surveyId, questionId, limit);
  }

  async responses(tenantId: string, surveyId: string): Promise<Map<string, Map<string, AnswerValue>>> {
    const partitionKey = surveyKeys.surveyPartition(tenantId, surveyId);
    const filter = odata`PartitionKey eq ${partitionKey} and RowKey ge ${'answer|'} and RowKey lt ${'answer}'}`;
    const out = new Map<string, Map<string, AnswerValue>>();
    for await (const e of this.table.listEntities<AnswerEntity>({ queryOptions: { filter } })) {
      const [, questionPart, respondentPart] = e.rowKey.split('|');
      if (!questionPart || !respondentPart) continue;
      const respondent = decodeURIComponent(respondentPart);
      let answers = out.get(respondent);
      if (!answers) out.set(respondent, (answers = new Map()));
      answers.set(decodeURIComponent(questionPart), decodeAnswer(e));
    }
    return out;
  }
}
