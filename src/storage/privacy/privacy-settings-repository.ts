import type { TableClient } from '@azure/data-tables';
import { DEFAULT_PRIVACY_SETTINGS, type PrivacySettings, RETENTION } from '../../domain/privacy/privacy';
import type { PrivacySettingsRepository } from '../../domain/privacy/ports';
import { JsonRow } from '../shared/json-row';
import { privacyKeys } from '../shared/keys';

interface StoredPrivacySettings {
  retentionDays?: unknown;
  updatedBy?: string;
  updatedAt?: string;
}

/** The retention setting: its own row in `tenantsettings` (`{tenant}|settings`, `privacy`), ETag-guarded. */
export class TablePrivacySettingsRepository implements PrivacySettingsRepository {
  private readonly row: JsonRow<PrivacySettings>;

  constructor(table: TableClient) {
    this.row = new JsonRow(table, {
      column: 'body',
      decode: (stored, etag) => (stored === undefined ? { ...DEFAULT_PRIVACY_SETTINGS } : decode(stored as StoredPrivacySettings, etag)),
      encode: (s): StoredPrivacySettings => ({ retentionDays: s.retentionDays, updatedBy: s.updatedBy, updatedAt: s.updatedAt?.toISOString() }),
      attempts: 10,
      busy: 'The privacy settings kept changing while being saved. Please try again.'
    });
  }

  get(tenantId: string): Promise<PrivacySettings> {
    return this.row.get(privacyKeys.settings(tenantId));
  }

  async update(tenantId: string, change: (current: PrivacySettings) => PrivacySettings): Promise<PrivacySettings> {
    const { value, etag } = await this.row.update(privacyKeys.settings(tenantId), change);
    return { ...value, etag };
  }
}

function decode(body: StoredPrivacySettings, etag: string | undefined): PrivacySettings {
  const days = Number(body.retentionDays);
  return {
    // A stored value outside today's range (edited by hand) falls back to the nearest allowed one.
    retentionDays: Number.isInteger(days) ? Math.min(RETENTION.maxDays, Math.max(RETENTION.minDays, days)) : RETENTION.defaultDays,
    updatedBy: body.updatedBy,
    updatedAt: body.updatedAt ? new Date(body.updatedAt) : undefined,
    etag
  };
}
