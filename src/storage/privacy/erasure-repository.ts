/**
 * Erasure on Azure Tables (docs/privacy.md): finds and removes what VoiceLoop stores about one person,
 * table by table, through the key scheme. Every query stays inside the tenant (a PartitionKey range
 * `{tenant}|{kind}|…` or one of the tenant's partitions). `DATA_DECISIONS` (src/storage/privacy/data-decisions.ts)
 * says, for every table, what erasure and retention do with it.
 */
import { type TableClient, odata } from '@azure/data-tables';
import type { StoredConversation } from '../../domain/shared/conversation';
import type { EraseCounts } from '../../domain/privacy/privacy';
import type { ErasurePlan, PersonDataStore } from '../../domain/privacy/ports';
import { type EntityKey, deliveryKeys, keys, privacyKeys, surveyKeys } from '../shared/keys';
import { getRow } from '../shared/rows';
import { SurveySummary } from '../surveys/survey-summary';
import { deleteRows } from './retention-repository';

/** The tables an erasure reaches (every one with a person in it: docs/privacy.md). */
export const ERASURE_TABLES = [
  'conversations',
  'preferences',
  'fatigue',
  'attendance',
  'deliveries',
  'groups',
  'surveys',
  'polls',
  'drafts',
  'exportLinks',
  'findings',
  'dueItems'
] as const;
export type ErasureTables = Record<(typeof ERASURE_TABLES)[number], TableClient>;

type Row = Record<string, unknown> & { partitionKey?: string; rowKey?: string };

/** An OData string literal (quotes doubled). `odata` alone does not quote a lone substitution. */
const literal = (value: string): string => `'${value.replace(/'/g, "''")}'`;
/** `(a eq 'x' or a eq 'y')`. */
const anyOf = (column: string, values: string[]): string => `(${values.map((v) => `${column} eq ${literal(v)}`).join(' or ')})`;

export class TablePersonDataStore implements PersonDataStore {
  constructor(private readonly t: ErasureTables) {}

  async keysOfUserId(tenantId: string, userId: string): Promise<string[]> {
    const found = new Set<string>();
    const personPartition = keys.personalConversation(tenantId, 'x').partitionKey;
    for await (const e of this.t.conversations.listEntities<{ reference: string }>({ queryOptions: { filter: odata`PartitionKey eq ${personPartition}` } })) {
      if (e.partitionKey !== personPartition) continue;
      const ref = JSON.parse(e.reference) as StoredConversation;
      if (ref.userId === userId) found.add(ref.userAadObjectId ?? ref.userId);
    }
    for (const [table, kind] of [
      [this.t.attendance, 'attendance'],
      [this.t.deliveries, 'delivery'],
      [this.t.groups, 'group']
    ] as const) {
      for (const e of await this.inRange(table, tenantId, kind, odata`userId eq ${userId}`, ['personKey', 'userId'])) {
        if (e.userId === userId && typeof e.personKey === 'string' && e.personKey !== '') found.add(e.personKey);
      }
    }
    return [...found];
  }

  async userIdsOf(tenantId: string, personKey: string): Promise<string[]> {
    const k = keys.personalConversation(tenantId, personKey);
    const row = await getRow<{ reference: string }>(this.t.conversations, k);
    const ref = row ? (JSON.parse(row.reference) as StoredConversation) : undefined;
    return ref?.userId ? [ref.userId] : [];
  }

  async linkableSurveys(tenantId: string): Promise<{ surveyId: string; questionIds: string[] }[]> {
    // Survey definitions live in each survey's summary partition (docs/storage.md).
    const { from } = privacyKeys.partitionsOf(tenantId, 'survey-sum');
    const rows = await this.inRange(this.t.surveys, tenantId, 'survey-sum', odata`RowKey eq ${'meta'}`, ['anonymity', 'status', 'questions']);
    return rows
      .filter((e) => e.rowKey === 'meta' && e.anonymity !== 'anonymous' && e.status !== 'draft')
      .map((e) => ({
        surveyId: decodeURIComponent(String(e.partitionKey).slice(from.length)),
        questionIds: (JSON.parse(String(e.questions ?? '[]')) as { id: string }[]).map((q) => q.id)
      }));
  }

  async namedPolls(tenantId: string): Promise<string[]> {
    const { from } = privacyKeys.partitionsOf(tenantId, 'poll');
    const rows = await this.inRange(this.t.polls, tenantId, 'poll', odata`RowKey eq ${'meta'} and anonymous eq ${false}`, ['anonymous']);
    return rows.filter((e) => e.rowKey === 'meta' && e.anonymous === false).map((e) => decodeURIComponent(String(e.partitionKey).slice(from.length)));
  }

  async erase(plan: ErasurePlan, dryRun: boolean): Promise<Omit<EraseCounts, 'safeguardingLead'>> {
    const { tenantId, person } = plan;
    const people = person.keys;
    const run = (table: TableClient, rows: EntityKey[]): Promise<number> => (dryRun ? Promise.resolve(rows.length) : deleteRows(table, rows));

    // 1:1 conversation references, and the welcome marker of that chat (a reinstall welcomes again).
    const references: EntityKey[] = [];
    const welcomes: EntityKey[] = [];
    for (const key of people) {
      const k = keys.personalConversation(tenantId, key);
      const row = await getRow<{ reference: string }>(this.t.conversations, k);
      if (!row) continue;
      references.push(k);
      const conversationId = (JSON.parse(row.reference) as StoredConversation).conversationId;
      if (conversationId) welcomes.push(keys.welcomeMarker(tenantId, conversationId));
    }

    const existing = async (table: TableClient, candidates: EntityKey[]): Promise<EntityKey[]> => {
      const found = await Promise.all(candidates.map((k) => getRow(table, k, ['RowKey'])));
      return candidates.filter((_, i) => found[i] !== undefined);
    };

    // Named and pseudonymous survey rows, by their hashed respondent key: answers first, then the
    // respondent row (which is how a retry finds the answers of a run that died half way).
    const surveyAnswers: EntityKey[] = [];
    const surveyRespondents = await existing(
      this.t.surveys,
      plan.surveyRows.map((r) => surveyKeys.surveyRespondent(tenantId, r.surveyId, r.respondentKey))
    );
    for (const r of plan.surveyRows) {
      const resp = surveyKeys.surveyRespondent(tenantId, r.surveyId, r.respondentKey);
      if (!surveyRespondents.some((k) => k.partitionKey === resp.partitionKey && k.rowKey === resp.rowKey)) continue;
      surveyAnswers.push(...(await existing(this.t.surveys, r.questionIds.map((q) => surveyKeys.surveyAnswer(tenantId, r.surveyId, q, r.respondentKey)))));
    }

    const drafts: EntityKey[] = [];
    for (const key of people) {
      const partitionKey = keys.draft(tenantId, key, 'x').partitionKey;
      for await (const e of this.t.drafts.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${partitionKey}`, select: ['PartitionKey', 'RowKey'] } })) {
        if (e.partitionKey === partitionKey) drafts.push({ partitionKey, rowKey: e.rowKey as string });
      }
    }

    const exportPartition = privacyKeys.exportPartition(tenantId);
    const exportLinks: EntityKey[] = [];
    for await (const e of this.t.exportLinks.listEntities<{ ownerKey: string }>({
      queryOptions: { filter: `PartitionKey eq ${literal(exportPartition)} and ${anyOf('ownerKey', people)}`, select: ['PartitionKey', 'RowKey', 'ownerKey'] }
    })) {
      if (e.partitionKey === exportPartition && people.includes(e.ownerKey)) exportLinks.push({ partitionKey: exportPartition, rowKey: e.rowKey as string });
    }

    const byPerson = async (table: TableClient, kind: string, prefix?: string): Promise<EntityKey[]> =>
      (await this.inRange(table, tenantId, kind, anyOf('personKey', people), ['personKey']))
        .filter((e) => people.includes(String(e.personKey)) && (!prefix || String(e.rowKey).startsWith(prefix)))
        .map((e) => ({ partitionKey: String(e.partitionKey), rowKey: String(e.rowKey) }));

    const [attendance, deliveries, groupMemberships, findingsMarkers, preferences, fatigue, pollVotes, dueItems] = await Promise.all([
      byPerson(this.t.attendance, 'attendance'),
      byPerson(this.t.deliveries, 'delivery', 'r|'),
      byPerson(this.t.groups, 'group', 'm|'),
      byPerson(this.t.findings, 'loopsent'),
      existing(this.t.preferences, people.map((k) => surveyKeys.preferences(tenantId, k))),
      existing(this.t.fatigue, people.map((k) => deliveryKeys.fatigue(tenantId, k))),
      existing(this.t.polls, plan.pollVotes.map((v) => keys.pollVote(tenantId, v.pollId, v.voterKey))),
      existing(this.t.dueItems, plan.dueItems.map((d) => keys.dueItem(tenantId, d.kind, d.key)))
    ]);

    const counts = {
      conversations: await run(this.t.conversations, references),
      preferences: await run(this.t.preferences, preferences),
      attendance: await run(this.t.attendance, attendance),
      fatigue: await run(this.t.fatigue, fatigue),
      deliveries: await run(this.t.deliveries, deliveries),
      groupMemberships: await run(this.t.groups, groupMemberships),
      surveyAnswers: await run(this.t.surveys, surveyAnswers),
      surveyRespondents: await run(this.t.surveys, surveyRespondents),
      pollVotes: await run(this.t.polls, pollVotes),
      drafts: await run(this.t.drafts, drafts),
      exportLinks: await run(this.t.exportLinks, exportLinks),
      findingsMarkers: await run(this.t.findings, findingsMarkers),
      digestSubscription: await run(this.t.dueItems, dueItems)
    };
    if (!dryRun) {
      await deleteRows(this.t.conversations, welcomes);
      // Their free text also leaves the newest-texts rows of each survey's summary.
      await this.forgetTexts(tenantId, plan.surveyRows);
    }
    return counts;
  }

  private async forgetTexts(tenantId: string, rows: ErasurePlan['surveyRows']): Promise<void> {
    const summary = new SurveySummary(this.t.surveys);
    for (const r of rows) {
      await summary.recordTexts(tenantId, r.surveyId, r.questionIds.map((questionId) => ({ questionId, respondentKey: r.respondentKey })));
    }
  }

  /** Rows of every partition `{tenant}|{kind}|…` matching `filter` (re-checked: Azurite has returned rows outside a range). */
  private async inRange(table: TableClient, tenantId: string, kind: string, filter: string, select: string[]): Promise<Row[]> {
    const { from, to } = privacyKeys.partitionsOf(tenantId, kind);
    const out: Row[] = [];
    const query = `PartitionKey ge ${literal(from)} and PartitionKey lt ${literal(to)} and ${filter}`;
    for await (const e of table.listEntities<Row>({ queryOptions: { filter: query, select: ['PartitionKey', 'RowKey', ...select] } })) {
      if (typeof e.partitionKey === 'string' && e.partitionKey.startsWith(from)) out.push(e);
    }
    return out;
  }
}
