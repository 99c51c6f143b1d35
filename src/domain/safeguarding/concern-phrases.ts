/**
 * The council's own concern phrases, as the screen uses them (docs/safeguarding.md): one cache per process,
 * shared by the two places that screen — the alert path (`SafeguardingService.screenAnswer`, every
 * free-text answer on arrival) and the withheld-text filter (every text shown in results, exports and
 * quotes). Both ask for a tenant's phrases many times a second in a busy session; one read serves both.
 *
 * A tenant's phrases are at most PHRASES_TTL_MS old, so a phrase an admin adds applies within seconds.
 * The age is measured on both of the clock's readings and the entry is read again as soon as either says
 * it is that old (or the date went back): in production they agree; in tests the date is moved by hand
 * while spans stay real, and either kind of test sees fresh phrases after 10 s.
 */
import type { Clock } from '../shared/clock';
import { type ConcernList, concernPhrases } from './phrases';

/** How old a tenant's phrases may be when screening. */
export const PHRASES_TTL_MS = 10_000;
/** Tenants kept before the cache starts again (a bound on memory, not a policy). */
const TENANTS_CACHED = 10_000;

export interface ConcernPhraseSource {
  get(tenantId: string): Promise<{ concernPhrases: ConcernList }>;
}

export class ConcernPhraseCache {
  private readonly entries = new Map<string, { phrases: string[]; at: number; mono: number }>();

  constructor(
    private readonly settings: ConcernPhraseSource,
    private readonly clock: Clock
  ) {}

  /** The tenant's phrases, normalised (`concernPhrases`), read at most PHRASES_TTL_MS ago. A failed read throws (nothing is cached). */
  async get(tenantId: string): Promise<string[]> {
    const hit = this.entries.get(tenantId);
    if (hit && this.fresh(hit)) return hit.phrases;
    const phrases = concernPhrases((await this.settings.get(tenantId)).concernPhrases);
    if (this.entries.size > TENANTS_CACHED) this.entries.clear();
    this.entries.set(tenantId, { phrases, at: this.clock.now().getTime(), mono: this.clock.monotonicNow() });
    return phrases;
  }

  private fresh(entry: { at: number; mono: number }): boolean {
    const age = this.clock.now().getTime() - entry.at;
    return age >= 0 && age < PHRASES_TTL_MS && this.clock.monotonicNow() - entry.mono < PHRASES_TTL_MS;
  }
}
