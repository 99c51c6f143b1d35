import type { CommunicationPreferences } from './preferences';
/** Repository interfaces ("ports") of Communication preferences; src/storage/preferences implements them. */
export interface PreferenceRepository {
  get(tenantId: string, personKey: string): Promise<CommunicationPreferences | undefined>;
  put(tenantId: string, preferences: CommunicationPreferences): Promise<void>;
}
