import type { TableClient } from '@azure/data-tables';
import type { TenantSettings, TenantSettingsRepository } from '../../domain/surveys/ports';
import { surveyKeys } from '../shared/keys';
import { getRow } from '../shared/rows';

interface SettingsEntity {
  partitionKey: string;
  rowKey: string;
  suppressionThreshold: number;
}

/** One row of survey settings per tenant in `tenantsettings` (the suppression threshold). Last writer wins. */
export class TableTenantSettingsRepository implements TenantSettingsRepository {
  constructor(private readonly table: TableClient) {}

  async get(tenantId: string): Promise<TenantSettings | undefined> {
    const e = await getRow<SettingsEntity>(this.table, surveyKeys.tenantSettings(tenantId));
    return e ? { suppressionThreshold: e.suppressionThreshold } : undefined;
  }

  async put(tenantId: string, settings: TenantSettings): Promise<void> {
    await this.table.upsertEntity<SettingsEntity>({ ...surveyKeys.tenantSettings(tenantId), ...settings }, 'Replace');
  }
}
