/** Ports of recurring surveys (docs/recurrence.md); src/storage/recurrence implements them. */
import type { SurveySeries } from './series';

export interface SeriesRepository {
  /** Creates the series; `conflict` when this survey has one already. */
  create(series: SurveySeries): Promise<SurveySeries>;
  get(tenantId: string, seriesId: string): Promise<SurveySeries | undefined>;
  /** ETag-guarded; `conflict` when it changed since it was read. */
  save(series: SurveySeries): Promise<SurveySeries>;
  /** The author's series, newest first. */
  listByOwner(tenantId: string, ownerKey: string): Promise<SurveySeries[]>;
}
