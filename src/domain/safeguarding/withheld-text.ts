/**
 * Nothing of a disclosure in shared places (docs/privacy.md, "Disclosures"): a free-text answer the
 * safeguarding screen flags is read in full only on the designated safeguarding lead's alert. Everywhere
 * else — the owner's results (the owner may be the lead: they read it on the alert), the CSV export,
 * findings quotes — it is withheld, and the owner is told that one was passed on.
 *
 * This is the one place that decides. A text that raised an alert is withheld whatever the screen says
 * now (the alert ledger is the record of what was passed on), and the screen runs again when a text is
 * shown, with the tenant's concern phrases as they are now, so answers stored before the screen or the
 * phrases improved are withheld too. Screening never throws; a failed screen counts as flagged.
 */
import type { Clock } from '../shared/clock';
import { type ConcernList, concernPhrases, normalizeForScreening, screenText } from './safeguarding';

/** Shown in place of a withheld answer. */
export const WITHHELD_ANSWER = 'An answer was passed to the safeguarding lead';
/** The CSV cell of a withheld answer. */
export const WITHHELD_CELL = '(passed to the safeguarding lead)';

/** True when the text must be withheld. */
export type WithholdTest = (text: string) => boolean;

/** How old a tenant's phrases may be: an admin's new phrase applies within seconds. */
const PHRASES_TTL_MS = 10_000;
const TENANTS_CACHED = 10_000;

export interface FlaggedTextFilterDeps {
  /** The tenant's delivery settings (their concern phrases). */
  settings: { get(tenantId: string): Promise<{ concernPhrases: ConcernList }> };
  /** The tenant's alerts: the words each one carried (until retention deletes them with the answers). */
  alerts: { list(tenantId: string): Promise<{ text: string }[]> };
  clock: Clock;
}

export class FlaggedTextFilter {
  private readonly phrases = new Map<string, { phrases: string[]; alerted: Set<string>; at: number }>();

  constructor(private readonly deps: FlaggedTextFilterDeps) {}

  /** The test for one tenant's texts. Results list up to 20 texts and exports thousands: one read each. */
  async forTenant(tenantId: string): Promise<WithholdTest> {
    const { phrases, alerted } = await this.knownOf(tenantId);
    return (text) => alerted.has(normalizeForScreening(text)) || screenText(text, phrases).flagged;
  }

  private async knownOf(tenantId: string): Promise<{ phrases: string[]; alerted: Set<string> }> {
    const hit = this.phrases.get(tenantId);
    const now = this.deps.clock.now().getTime();
    if (hit && now - hit.at < PHRASES_TTL_MS) return hit;
    const [settings, alerts] = await Promise.all([this.deps.settings.get(tenantId), this.deps.alerts.list(tenantId)]);
    const known = {
      phrases: concernPhrases(settings.concernPhrases),
      alerted: new Set(alerts.map((a) => normalizeForScreening(a.text)).filter(Boolean)),
      at: now
    };
    if (this.phrases.size > TENANTS_CACHED) this.phrases.clear();
    this.phrases.set(tenantId, known);
    return known;
  }
}
