import type { TableClient } from '@azure/data-tables';
import { COMMUNICATION_NEEDS, type CommunicationNeed, type CommunicationPreferences } from '../../domain/preferences/preferences';
import type { PreferenceRepository } from '../../domain/preferences/ports';
import { surveyKeys } from '../shared/keys';
import { getRow } from '../shared/rows';

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
    const e = await getRow<PreferenceEntity>(this.table, surveyKeys.preferences(tenantId, personKey));
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
