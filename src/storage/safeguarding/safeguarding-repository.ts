/**
 * Sealed identities and the alerts (docs/delivery.md, "Safeguarding").
 *
 * `sealedidentities` holds who wrote an anonymous answer, keyed by the survey and the response key,
 * in its own table. The class has two faces: `IdentitySealer` (seal, delete: given to the survey
 * feature) and `SealedIdentityReader` (read: given to SafeguardingService only, in src/app.ts). Rows
 * are deleted with the survey's data.
 *
 * `safeguarding` holds one row per alert (`{tenant}|alert|{survey}`, `{question}|{response}`): its state,
 * the words and the named respondent (both deleted with the survey's answers by retention,
 * `TableRetentionStore.deleteAlertWords`, but never before the alert is acknowledged: `wordsReleaseAt`), the categories, who acknowledged it and when, the escalation.
 */
import { type TableClient, odata } from '@azure/data-tables';
import { DomainError } from '../../domain/shared/errors';
import type { AlertLedger, AlertedWords, AlertRecord, AlertRef, AlertState, EscalationKind, IdentitySealer, NewAlert, SealedIdentity, SealedIdentityReader } from '../../domain/safeguarding/ports';
import type { HarmCategory } from '../../domain/safeguarding/harm-categories';
import type { ScreeningCategory } from '../../domain/safeguarding/safeguarding';
import { backoff, isWriteConflict } from '../shared/errors';
import { deliveryKeys, privacyKeys } from '../shared/keys';
import { getRow, insertRow, removeRow } from '../shared/rows';

interface SealedEntity {
  partitionKey: string;
  rowKey: string;
  identity: string;
}

export class TableSealedIdentities implements IdentitySealer, SealedIdentityReader {
  constructor(private readonly table: TableClient) {}

  async seal(tenantId: string, subjectId: string, responseKey: string, identity: SealedIdentity): Promise<void> {
    await this.table.upsertEntity<SealedEntity>({ ...deliveryKeys.sealed(tenantId, subjectId, responseKey), identity: JSON.stringify(identity) }, 'Replace');
  }

  async read(tenantId: string, subjectId: string, responseKey: string): Promise<SealedIdentity | undefined> {
    const k = deliveryKeys.sealed(tenantId, subjectId, responseKey);
    const row = await getRow<SealedEntity>(this.table, k);
    return row ? (JSON.parse(row.identity) as SealedIdentity) : undefined;
  }

  async deleteForSubject(tenantId: string, subjectId: string): Promise<void> {
    const partitionKey = deliveryKeys.sealedPartition(tenantId, subjectId);
    for await (const e of this.table.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${partitionKey}`, select: ['RowKey'] } })) {
      await removeRow(this.table, { partitionKey, rowKey: e.rowKey as string });
    }
  }
}

/** A stored alert. Markers written before alerts kept their details have only `state` and `at`. */
export interface AlertEntity {
  partitionKey: string;
  rowKey: string;
  state: string;
  /** When it was raised (ISO). */
  at: string;
  sentAt?: string;
  alertId?: string;
  subjectId?: string;
  alertKey?: string;
  subjectTitle?: string;
  questionId?: string;
  questionText?: string;
  responseKey?: string;
  text?: string;
  /** JSON arrays. */
  categories?: string;
  possibly?: string;
  matches?: string;
  anonymous?: boolean;
  respondent?: string;
  timeZone?: string;
  ackMinutes?: number;
  ackBy?: string;
  ackByName?: string;
  ackAt?: string;
  ackSettled?: boolean;
  escalatedAt?: string;
  escalatedToDeputies?: boolean;
  escalatedAs?: string;
  escalatedWithoutLead?: boolean;
  escalatedTo?: string;
  cards?: string;
  wordsDeletedAt?: string;
  wordsDueAt?: string;
}

const ESCALATION_KINDS: readonly EscalationKind[] = ['deputies', 'lead', 'again'];
const json = <T>(raw: string | undefined, fallback: T): T => (raw ? (JSON.parse(raw) as T) : fallback);
const date = (raw: string | undefined): Date | undefined => (raw ? new Date(raw) : undefined);

function toRecord(tenantId: string, e: AlertEntity & { etag?: string }): AlertRecord | undefined {
  if (!e.alertId || !e.subjectId || !e.alertKey) return undefined;
  return {
    tenantId,
    subjectId: e.subjectId,
    alertKey: e.alertKey,
    alertId: e.alertId,
    subjectTitle: e.subjectTitle ?? '',
    questionId: e.questionId ?? '',
    questionText: e.questionText || undefined,
    responseKey: e.responseKey ?? '',
    text: e.text ?? '',
    categories: json<ScreeningCategory[]>(e.categories, []),
    possibly: e.possibly ? json<HarmCategory[]>(e.possibly, []) : undefined,
    matches: json<string[]>(e.matches, []),
    anonymous: e.anonymous === true,
    respondent: e.respondent || undefined,
    raisedAt: new Date(e.at),
    timeZone: e.timeZone ?? 'Europe/London',
    ackMinutes: e.ackMinutes ?? 60,
    state: e.state === 'sent' ? 'sent' : 'pending',
    sentAt: date(e.sentAt),
    acknowledged: e.ackBy && e.ackAt ? { by: e.ackBy, name: e.ackByName || undefined, at: new Date(e.ackAt) } : undefined,
    // Alerts acknowledged before this field existed were settled in one go.
    ackSettled: e.ackSettled !== false,
    escalatedAt: date(e.escalatedAt),
    escalatedToDeputies: e.escalatedToDeputies,
    escalatedAs: ESCALATION_KINDS.find((k) => k === e.escalatedAs),
    escalatedWithoutLead: e.escalatedWithoutLead === true,
    escalatedTo: json<string[]>(e.escalatedTo, []),
    cards: json<AlertRecord['cards']>(e.cards, []),
    wordsDeletedAt: date(e.wordsDeletedAt),
    wordsDueAt: date(e.wordsDueAt),
    etag: e.etag
  };
}

function toEntity(a: NewAlert & Partial<AlertRecord>): AlertEntity {
  const entity: AlertEntity = {
    ...deliveryKeys.alert(a.tenantId, a.subjectId, a.alertKey),
    state: a.state ?? 'pending',
    at: a.raisedAt.toISOString(),
    sentAt: a.sentAt?.toISOString(),
    alertId: a.alertId,
    subjectId: a.subjectId,
    alertKey: a.alertKey,
    subjectTitle: a.subjectTitle,
    questionId: a.questionId,
    questionText: a.questionText ?? '',
    responseKey: a.responseKey,
    text: a.text,
    categories: JSON.stringify(a.categories),
    possibly: a.possibly && a.possibly.length > 0 ? JSON.stringify(a.possibly) : '',
    matches: JSON.stringify(a.matches),
    anonymous: a.anonymous,
    respondent: a.respondent ?? '',
    timeZone: a.timeZone,
    ackMinutes: a.ackMinutes,
    ackBy: a.acknowledged?.by ?? '',
    ackByName: a.acknowledged?.name ?? '',
    ackAt: a.acknowledged?.at.toISOString() ?? '',
    ackSettled: a.ackSettled ?? false,
    escalatedAt: a.escalatedAt?.toISOString() ?? '',
    escalatedToDeputies: a.escalatedToDeputies ?? false,
    escalatedAs: a.escalatedAs ?? '',
    escalatedWithoutLead: a.escalatedWithoutLead ?? false,
    escalatedTo: JSON.stringify(a.escalatedTo ?? []),
    cards: JSON.stringify(a.cards ?? []),
    wordsDeletedAt: a.wordsDeletedAt?.toISOString() ?? '',
    wordsDueAt: a.wordsDueAt?.toISOString() ?? ''
  };
  if (!entity.sentAt) delete entity.sentAt;
  return entity;
}

export class TableAlertLedger implements AlertLedger, AlertedWords {
  constructor(private readonly table: TableClient) {}

  async begin(alert: NewAlert): Promise<{ state: AlertState; alert: AlertRecord }> {
    const entity = toEntity(alert);
    const created = await insertRow(this.table, entity);
    if (created) return { state: 'new', alert: { ...(toRecord(alert.tenantId, entity) as AlertRecord), etag: created.etag } };
    let row = await this.row(alert.tenantId, alert);
    if (row && !row.alertId) {
      // A marker of an older version, handled again: it gets its details (its state stays).
      const { state: _state, at: _at, ...details } = entity;
      await this.table.updateEntity<Partial<AlertEntity>>({ ...details, at: row.at }, 'Merge', { etag: row.etag });
      row = await this.row(alert.tenantId, alert);
    }
    const stored = row ? toRecord(alert.tenantId, row) : undefined;
    if (!stored) throw new DomainError('conflict', 'The safeguarding alert changed while it was being raised.');
    return { state: stored.state, alert: stored };
  }

  async markSent(tenantId: string, subjectId: string, alertKey: string, at: Date): Promise<void> {
    // pending → sent only ever moves forward: whichever write lands, the state is the same.
    await this.table.updateEntity({ ...deliveryKeys.alert(tenantId, subjectId, alertKey), state: 'sent', sentAt: at.toISOString() }, 'Merge', { etag: '*' });
  }

  async get(tenantId: string, ref: AlertRef): Promise<AlertRecord | undefined> {
    const row = await this.row(tenantId, ref);
    return row ? toRecord(tenantId, row) : undefined;
  }

  async update(tenantId: string, ref: AlertRef, change: (current: AlertRecord) => AlertRecord | undefined): Promise<AlertRecord | undefined> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const current = await this.get(tenantId, ref);
      if (!current) return undefined;
      const next = change(current);
      if (!next) return current;
      try {
        const result = await this.table.updateEntity<AlertEntity>(toEntity(next), 'Replace', { etag: current.etag });
        return { ...next, etag: result.etag };
      } catch (error) {
        if (!isWriteConflict(error)) throw error;
        await backoff(attempt);
      }
    }
    throw new DomainError('conflict', 'The safeguarding alert kept changing. Please try again.');
  }

  async list(tenantId: string): Promise<AlertRecord[]> {
    const { from, to } = privacyKeys.partitionsOf(tenantId, 'alert');
    const out: AlertRecord[] = [];
    for await (const e of this.table.listEntities<AlertEntity>({ queryOptions: { filter: odata`PartitionKey ge ${from} and PartitionKey lt ${to}` } })) {
      // Checked again here: Azurite has returned rows outside a range.
      if (!e.partitionKey.startsWith(from)) continue;
      const record = toRecord(tenantId, e);
      if (record) out.push(record);
    }
    return out;
  }

  async alertedWords(tenantId: string): Promise<string[]> {
    const { from, to } = privacyKeys.partitionsOf(tenantId, 'alert');
    const out: string[] = [];
    // Only the words (and the partition, checked as in `list`): not the evidence, cards, escalation and the rest of the row.
    const rows = this.table.listEntities<Pick<AlertEntity, 'partitionKey' | 'text'>>({
      queryOptions: { filter: odata`PartitionKey ge ${from} and PartitionKey lt ${to}`, select: ['PartitionKey', 'text'] }
    });
    for await (const e of rows) {
      if (!e.partitionKey.startsWith(from)) continue;
      out.push(e.text ?? '');
    }
    return out;
  }

  private row(tenantId: string, ref: AlertRef): Promise<(AlertEntity & { etag: string }) | undefined> {
    const k = deliveryKeys.alert(tenantId, ref.subjectId, ref.alertKey);
    return getRow<AlertEntity>(this.table, k);
  }
}
