import type { TableClient } from '@azure/data-tables';
import type { DraftRepository } from '../../domain/shared/ports';
import { keys } from './keys';
import { getRow, removeRow } from './rows';

interface DraftEntity {
  partitionKey: string;
  rowKey: string;
  payload: string;
  expiresAt: string;
}

/** Drafts on Azure Tables, one partition per author; an expired draft reads as absent. */
export class TableDraftRepository implements DraftRepository {
  constructor(private readonly table: TableClient) {}

  async put(tenantId: string, ownerKey: string, draftId: string, payload: Record<string, unknown>, expiresAt: Date): Promise<void> {
    await this.table.upsertEntity<DraftEntity>(
      { ...keys.draft(tenantId, ownerKey, draftId), payload: JSON.stringify(payload), expiresAt: expiresAt.toISOString() },
      'Replace'
    );
  }

  async get(tenantId: string, ownerKey: string, draftId: string, now: Date): Promise<Record<string, unknown> | undefined> {
    const key = keys.draft(tenantId, ownerKey, draftId);
    const entity = await getRow<DraftEntity>(this.table, key);
    if (!entity || entity.expiresAt <= now.toISOString()) return undefined;
    return JSON.parse(entity.payload) as Record<string, unknown>;
  }

  async delete(tenantId: string, ownerKey: string, draftId: string): Promise<void> {
    await removeRow(this.table, keys.draft(tenantId, ownerKey, draftId));
  }
}
