/**
 * Sealed identities and the alert ledger (docs/delivery.md, "Safeguarding").
 *
 * `sealedidentities` holds who wrote an anonymous answer, keyed by the survey and the response key,
 * in its own table. The class has two faces: `IdentitySealer` (seal, delete: given to the survey
 * feature) and `SealedIdentityReader` (read: given to SafeguardingService only, in src/app.ts). Rows
 * are deleted with the survey's data.
 */
import { type TableClient, odata } from '@azure/data-tables';
import type { AlertLedger, AlertState, IdentitySealer, SealedIdentity, SealedIdentityReader } from '../domain/safeguarding-service';
import { getOrUndefined, isNotFound, storageStatus } from './errors';
import { deliveryKeys } from './keys';

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
    const row = await getOrUndefined(() => this.table.getEntity<SealedEntity>(k.partitionKey, k.rowKey));
    return row ? (JSON.parse(row.identity) as SealedIdentity) : undefined;
  }

  async deleteForSubject(tenantId: string, subjectId: string): Promise<void> {
    const partitionKey = deliveryKeys.sealedPartition(tenantId, subjectId);
    for await (const e of this.table.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${partitionKey}`, select: ['RowKey'] } })) {
      await this.table.deleteEntity(partitionKey, e.rowKey as string).catch((error: unknown) => {
        if (!isNotFound(error)) throw error;
      });
    }
  }
}

interface AlertEntity {
  partitionKey: string;
  rowKey: string;
  state: string;
  at: string;
}

export class TableAlertLedger implements AlertLedger {
  constructor(private readonly table: TableClient) {}

  async begin(tenantId: string, subjectId: string, alertKey: string, at: Date): Promise<AlertState> {
    const k = deliveryKeys.alert(tenantId, subjectId, alertKey);
    try {
      await this.table.createEntity<AlertEntity>({ ...k, state: 'pending', at: at.toISOString() });
      return 'new';
    } catch (error) {
      if (storageStatus(error) !== 409) throw error;
      const row = await getOrUndefined(() => this.table.getEntity<AlertEntity>(k.partitionKey, k.rowKey));
      return row?.state === 'sent' ? 'sent' : 'pending';
    }
  }

  async markSent(tenantId: string, subjectId: string, alertKey: string, at: Date): Promise<void> {
    // pending → sent only ever moves forward: whichever write lands, the state is the same.
    await this.table.updateEntity({ ...deliveryKeys.alert(tenantId, subjectId, alertKey), state: 'sent', sentAt: at.toISOString() }, 'Merge', { etag: '*' });
  }
}
