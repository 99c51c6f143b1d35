/**
 * The board report (issue 14, "A report for the board"): the participation audit of a period added up
 * over the service areas, with highlights of the changes made. Counts of activities, themes and changes
 * are not counts of people and are shown as they are; people (participants) are only ever shown as the
 * audit suppressed them. Pure: no SDK, no I/O. docs/audit-and-report.md.
 */
import { type Findings, WE_DID_STATUSES, type WeDidStatus } from '../findings/findings';
import { type AuditInputs, type ParticipationAudit, buildAudit, isActivityIn } from '../plans/participation-audit';
import { COMMISSIONING_LEVELS, type CommissioningLevel, HART_RUNGS, LUNDY_ELEMENTS, type LundyElement } from '../plans/plan';
import type { ShownCount } from '../shared/suppression';

/** At most this many highlights (changes made) on the card and in the report. */
export const MAX_HIGHLIGHTS = 5;

export interface Highlight {
  /** The "We did" text (staff words, already published to participants). */
  text: string;
  /** Its easy-read version (checked when it was written). */
  easyText: string;
  area: string;
  /** YYYY-MM-DD when it was done, '' if not given. */
  when: string;
}

export interface ReportTotals {
  activities: number;
  byLevel: Record<CommissioningLevel, number>;
  /** Keyed `ladder:step` as the audit's areas (read with `ladderCounts` and the audit's ladder). */
  byLadder: Record<string, number>;
  byHart: Record<number, number>;
  lundyFull: number;
  lundyYes: Record<LundyElement, number>;
  themes: number;
  changes: Record<WeDidStatus, number>;
  loopsClosed: number;
  loopsOverdue: number;
  outcomesReviewed: number;
}

export interface Report {
  from: string;
  to: string;
  threshold: number;
  audit: ParticipationAudit;
  totals: ReportTotals;
  /**
   * Everyone who took part, as it may be shown: exact only when the audit shows its total (nothing small
   * anywhere); otherwise withheld, so the total and the areas' counts together never give a hidden count
   * away.
   */
  participants: ShownCount;
  highlights: Highlight[];
}

const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);

function add<K extends string | number>(keys: readonly K[], rows: Record<K, number>[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, sum(rows.map((r) => r[k] ?? 0))])) as Record<K, number>;
}

/** The report of a period from what the audit reads. */
export function buildReport(input: AuditInputs): Report {
  const audit = buildAudit(input);
  const areas = audit.areas;
  const totals: ReportTotals = {
    activities: sum(areas.map((a) => a.activities)),
    byLevel: add(COMMISSIONING_LEVELS, areas.map((a) => a.byLevel)),
    byLadder: add([...new Set(areas.flatMap((a) => Object.keys(a.byLadder)))], areas.map((a) => a.byLadder)),
    byHart: add<number>(HART_RUNGS, areas.map((a) => a.byHart)),
    lundyFull: sum(areas.map((a) => a.lundyFull)),
    lundyYes: add(LUNDY_ELEMENTS, areas.map((a) => a.lundyYes)),
    themes: sum(areas.map((a) => a.themes)),
    changes: add(WE_DID_STATUSES, areas.map((a) => a.changes)),
    loopsClosed: sum(areas.map((a) => a.loopsClosed)),
    loopsOverdue: sum(areas.map((a) => a.loopsOverdue)),
    outcomesReviewed: sum(areas.map((a) => a.outcomesReviewed))
  };
  const participants: ShownCount = audit.totalParticipants !== undefined ? { kind: 'exact', value: audit.totalParticipants } : { kind: 'withheld' };
  return { from: input.from, to: input.to, threshold: input.threshold, audit, totals, participants, highlights: highlightsOf(input) };
}

/** Changes made ("We did", done) in published findings of the period's activities, newest first. */
export function highlightsOf(input: Pick<AuditInputs, 'plans' | 'findings' | 'from' | 'to'>): Highlight[] {
  const plans = new Map(input.plans.filter((p) => isActivityIn(p, input.from, input.to)).map((p) => [p.planId, p]));
  const out: Highlight[] = [];
  for (const f of input.findings as Findings[]) {
    const plan = f.planId ? plans.get(f.planId) : undefined;
    if (!plan || f.state !== 'published') continue;
    for (const w of f.weDid) if (w.status === 'done') out.push({ text: w.text, easyText: w.easyText || w.text, area: plan.serviceArea.trim() || 'Not given', when: w.when });
  }
  return out.sort((a, b) => b.when.localeCompare(a.when) || a.text.localeCompare(b.text)).slice(0, MAX_HIGHLIGHTS);
}

/** "1 April 2026 to 30 June 2026" from two YYYY-MM-DD dates. */
export function describePeriod(from: string, to: string): string {
  return `${describeDay(from)} to ${describeDay(to)}`;
}

/** "1 April 2026" from YYYY-MM-DD. */
export const describeDay = (d: string): string =>
  new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`));

/**
 * Quarters (the boards meet quarterly): January–March, April–June, July–September, October–December.
 * `previousQuarter('2026-07-01')` is 2026-04-01 … 2026-06-30, named "2026-Q2".
 */
export function previousQuarter(today: string): { from: string; to: string; name: string } {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const startThis = Math.floor((month - 1) / 3) * 3 + 1;
  const startPrev = startThis === 1 ? 10 : startThis - 3;
  const prevYear = startThis === 1 ? year - 1 : year;
  const pad = (n: number) => String(n).padStart(2, '0');
  const end = new Date(Date.UTC(prevYear, startPrev - 1 + 3, 0)).toISOString().slice(0, 10);
  return { from: `${prevYear}-${pad(startPrev)}-01`, to: end, name: `${prevYear}-Q${(startPrev - 1) / 3 + 1}` };
}

/** The first day of the next quarter after `today` (YYYY-MM-DD): when a quarterly report is sent. */
export function nextQuarterStart(today: string): string {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const next = Math.floor((month - 1) / 3) * 3 + 4;
  return next > 12 ? `${year + 1}-01-01` : `${year}-${String(next).padStart(2, '0')}-01`;
}
