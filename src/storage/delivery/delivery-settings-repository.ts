/**
 * Delivery and safeguarding settings: one row per tenant (`{tenant}|settings`, RowKey `delivery`) in
 * the `tenantsettings` table, next to the survey settings row. Defaults when absent; ETag updates.
 */
import type { TableClient } from '@azure/data-tables';
import { DomainError } from '../../domain/shared/errors';
import { type DeliverySettings, validateDeliverySettings, withDefaults } from '../../domain/delivery/delivery-settings';
import type { DeliverySettingsRepository } from '../../domain/delivery/ports';
import { backoff, getOrUndefined, isWriteConflict } from '../shared/errors';
import { deliveryKeys } from '../shared/keys';

interface SettingsEntity {
  partitionKey: string;
  rowKey: string;
  body: string;
}

export class TableDeliverySettingsRepository implements DeliverySettingsRepository {
  constructor(private readonly table: TableClient) {}

  async get(tenantId: string): Promise<DeliverySettings> {
    const k = deliveryKeys.settings(tenantId);
    const row = await getOrUndefined(() => this.table.getEntity<SettingsEntity>(k.partitionKey, k.rowKey));
    return row ? withDefaults({ ...(JSON.parse(row.body) as Partial<DeliverySettings>), etag: row.etag }) : withDefaults({});
  }

  async update(tenantId: string, change: (current: DeliverySettings) => DeliverySettings): Promise<DeliverySettings> {
    const k = deliveryKeys.settings(tenantId);
    for (let attempt = 0; attempt < 10; attempt++) {
      const current = await this.get(tenantId);
      const { etag: _etag, ...next } = validateDeliverySettings(change(current));
      try {
        const result = current.etag
          ? await this.table.updateEntity<SettingsEntity>({ ...k, body: JSON.stringify(next) }, 'Replace', { etag: current.etag })
          : await this.table.createEntity<SettingsEntity>({ ...k, body: JSON.stringify(next) });
        return { ...next, etag: result.etag };
      } catch (error) {
        if (!isWriteConflict(error)) throw error;
        await backoff(attempt);
      }
    }
    throw new DomainError('conflict', 'The settings kept changing while being saved. Please try again.');
  }
}
