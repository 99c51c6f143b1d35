/** Reading and recording communication preferences (docs/surveys.md). */
import type { Clock } from '../shared/clock';
import { cleanText } from '../shared/text';
import type { PreferenceRepository } from './ports';
import { type CommunicationPreferences, parseNeeds } from './preferences';

export class PreferenceService {
  constructor(private readonly deps: { preferences: PreferenceRepository; clock: Clock; onChange?: (tenantId: string, personKey: string) => void }) {}

  get(tenantId: string, personKey: string): Promise<CommunicationPreferences | undefined> {
    return this.deps.preferences.get(tenantId, personKey);
  }

  /** Records a person's preferences; `by` is who wrote them (themselves or staff on their behalf). */
  async set(tenantId: string, input: { personKey: string; name?: string; needs: unknown; note?: unknown; by: string }): Promise<CommunicationPreferences> {
    const prefs: CommunicationPreferences = {
      personKey: input.personKey,
      name: input.name,
      needs: parseNeeds(input.needs),
      note: cleanText(input.note, { field: 'note', maxLength: 300 }) || undefined,
      updatedBy: input.by,
      updatedAt: this.deps.clock.now()
    };
    await this.deps.preferences.put(tenantId, prefs);
    this.deps.onChange?.(tenantId, input.personKey);
    return prefs;
  }
}
