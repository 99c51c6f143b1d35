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
import { ConcernPhraseCache, type ConcernPhraseSource, PHRASES_TTL_MS } from './concern-phrases';
import type { AlertedWords } from './ports';
import { normalizeForScreening, screenText } from './safeguarding';

/** Shown in place of a withheld answer. */
export const WITHHELD_ANSWER = 'An answer was passed to the safeguarding lead';
/** The CSV cell of a withheld answer. */
export const WITHHELD_CELL = '(passed to the safeguarding lead)';

/** True when the text must be withheld. */
export type WithholdTest = (text: string) => boolean;

const TENANTS_CACHED = 10_000;

export interface FlaggedTextFilterDeps {
  /** The tenant's delivery settings (their concern phrases), read through `phrases` when given. */
  settings: ConcernPhraseSource;
  /** The council's phrases, cached: in the app the one cache the alert path uses too (concern-phrases.ts). */
  phrases?: ConcernPhraseCache;
  /** The words each of the tenant's alerts carried (until retention deletes them with the answers): that column only. */
  alerts: AlertedWords;
  clock: Clock;
}

export class FlaggedTextFilter {
  /** What each tenant's alerts carried, read at most PHRASES_TTL_MS ago (the same age as the phrases). */
  private readonly alerted = new Map<string, { alerted: Set<string>; at: number }>();
  private readonly phrases: ConcernPhraseCache;

  constructor(private readonly deps: FlaggedTextFilterDeps) {
    this.phrases = deps.phrases ?? new ConcernPhraseCache(deps.settings, deps.clock);
  }

  /** The test for one tenant's texts. Results list up to 20 texts and exports thousands: one read each. */
  async forTenant(tenantId: string): Promise<WithholdTest> {
    const [phrases, alerted] = await Promise.all([this.phrases.get(tenantId), this.alertedOf(tenantId)]);
    return (text) => alerted.has(normalizeForScreening(text)) || screenText(text, phrases).flagged;
  }

  private async alertedOf(tenantId: string): Promise<Set<string>> {
    const hit = this.alerted.get(tenantId);
    const now = this.deps.clock.now().getTime();
    if (hit && now - hit.at < PHRASES_TTL_MS) return hit.alerted;
    const words = await this.deps.alerts.alertedWords(tenantId);
    const alerted = new Set(words.map(normalizeForScreening).filter(Boolean));
    if (this.alerted.size > TENANTS_CACHED) this.alerted.clear();
    this.alerted.set(tenantId, { alerted, at: now });
    return alerted;
  }
}
