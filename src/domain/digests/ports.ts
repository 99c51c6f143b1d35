import type { TenantAggregate } from './digest';
/** Repository interfaces ("ports") of Digests (docs/findings.md): the per-tenant aggregate and who was asked; src/storage/digests implements them. */
/** The per-tenant aggregate row: read by a point read, changed with the ETag (retried). */
export interface AggregateRepository {
  get(tenantId: string): Promise<TenantAggregate>;
  update(tenantId: string, change: (current: TenantAggregate) => TenantAggregate): Promise<void>;
}

/**
 * People asked to answer a survey — sent it 1:1 by the delivery engine, or members of the chat where a
 * session of it ran — each counted once per survey: the denominator of response rates. Kept as
 * counters (point reads) so a digest never reads delivery or attendance records.
 */
export interface ReachRepository {
  /** Records these people as asked (create-if-absent per person); returns how many were new. */
  add(tenantId: string, surveyId: string, personKeys: string[]): Promise<number>;
  /** How many people were asked. */
  count(tenantId: string, surveyId: string): Promise<number>;
}
