/**
 * Delivery and safeguarding settings: one row per tenant (`{tenant}|settings`, RowKey `delivery`) in
 * the `tenantsettings` table, next to the survey settings row. Defaults when absent; ETag updates.
 */
import type { TableClient } from '@azure/data-tables';
import { type DeliverySettings, validateDeliverySettings, withDefaults } from '../../domain/delivery/delivery-settings';
import type { DeliverySettingsRepository } from '../../domain/delivery/ports';
import { JsonRow } from '../shared/json-row';
import { deliveryKeys } from '../shared/keys';

export class TableDeliverySettingsRepository implements DeliverySettingsRepository {
  private readonly row: JsonRow<DeliverySettings>;

  constructor(table: TableClient) {
    this.row = new JsonRow(table, {
      column: 'body',
      decode: (stored, etag) => (stored === undefined ? withDefaults({}) : withDefaults({ ...(stored as Partial<DeliverySettings>), etag })),
      encode: ({ etag: _etag, ...settings }) => settings,
      attempts: 10,
      busy: 'The settings kept changing while being saved. Please try again.'
    });
  }

  get(tenantId: string): Promise<DeliverySettings> {
    return this.row.get(deliveryKeys.settings(tenantId));
  }

  async update(tenantId: string, change: (current: DeliverySettings) => DeliverySettings): Promise<DeliverySettings> {
    const { value, etag } = await this.row.update(deliveryKeys.settings(tenantId), (current) => validateDeliverySettings(change(current)));
    return { ...value, etag };
  }
}
