import type { TableClient } from '@azure/data-tables';
import { COMMUNICATION_NEEDS, type CommunicationNeed, type CommunicationPreferences } from '../../domain/preferences/preferences';
import type { ExportLink, ExportLinkRepository, TenantSettings, TenantSettingsRepository } from '../../domain/surveys/ports';
import type { PreferenceRepository } from '../../domain/preferences/ports';
import { getOrUndefined } from '../shared/errors';
import { surveyKeys } from '../shared/keys';

interface PreferenceEntity {
  partitionKey: string;
  rowKey: string;
  personKey: string;
  name?: string;
  needs: string;
  note?: string;
  updatedBy: string;
  updatedAt: string;
}

/**
 * Communication preferences, one row per person. Last writer wins on purpose: the row is the
 * person's own current choice, written whole.
 */
export class TablePreferenceRepository implements PreferenceRepository {
  constructor(private readonly table: TableClient) {}

  async get(tenantId: string, personKey: string): Promise<CommunicationPreferences | undefined> {
    const key = surveyKeys.preferences(tenantId, personKey);
    const e = await getOrUndefined(() => this.table.getEntity<PreferenceEntity>(key.partitionKey, key.rowKey));
    if (!e) return undefined;
    const needs = (JSON.parse(e.needs) as string[]).filter((n): n is CommunicationNeed => (COMMUNICATION_NEEDS as readonly string[]).includes(n));
    return { personKey: e.personKey, name: e.name, needs, note: e.note, updatedBy: e.updatedBy, updatedAt: new Date(e.updatedAt) };
  }

  async put(tenantId: string, p: CommunicationPreferences): Promise<void> {
    await this.table.upsertEntity<PreferenceEntity>(
      {
        ...surveyKeys.preferences(tenantId, p.personKey),
        personKey: p.personKey,
        name: p.name,
        needs: JSON.stringify(p.needs),
        note: p.note,
        updatedBy: p.updatedBy,
        updatedAt: p.updatedAt.toISOString()
      },
      'Replace'
    );
  }
}

interface SettingsEntity {
  partitionKey: string;
  rowKey: string;
  suppressionThreshold: number;
}

/** One row of survey settings per tenant (the suppression threshold). */
export class TableTenantSettingsRepository implements TenantSettingsRepository {
  constructor(private readonly table: TableClient) {}

  async get(tenantId: string): Promise<TenantSettings | undefined> {
    const key = surveyKeys.tenantSettings(tenantId);
    const e = await getOrUndefined(() => this.table.getEntity<SettingsEntity>(key.partitionKey, key.rowKey));
    return e ? { suppressionThreshold: e.suppressionThreshold } : undefined;
  }

  async put(tenantId: string, settings: TenantSettings): Promise<void> {
    await this.table.upsertEntity<SettingsEntity>({ ...surveyKeys.tenantSettings(tenantId), ...settings }, 'Replace');
  }
}

interface ExportLinkEntity {
  partitionKey: string;
  rowKey: string;
  surveyId: string;
  ownerKey: string;
  expiresAt: string;
}

/** Download links for survey exports, stored under the SHA-256 of their token. */
export class TableExportLinkRepository implements ExportLinkRepository {
  constructor(private readonly table: TableClient) {}

  async create(tokenHash: string, link: ExportLink): Promise<void> {
    await this.table.createEntity<ExportLinkEntity>({
      ...surveyKeys.exportLink(link.tenantId, tokenHash),
      surveyId: link.surveyId,
      ownerKey: link.ownerKey,
      expiresAt: link.expiresAt.toISOString()
    });
  }

  async get(tenantId: string, tokenHash: string): Promise<ExportLink | undefined> {
    const key = surveyKeys.exportLink(tenantId, tokenHash);
    const e = await getOrUndefined(() => this.table.getEntity<ExportLinkEntity>(key.partitionKey, key.rowKey));
    return e ? { tenantId, surveyId: e.surveyId, ownerKey: e.ownerKey, expiresAt: new Date(e.expiresAt) } : undefined;
  }
}
