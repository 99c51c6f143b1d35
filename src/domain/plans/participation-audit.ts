/**
 * The annual participation audit (Sunderland; issue 6): per service area, the activities in a date
 * range, their commissioning levels, Hart rungs reached, Lundy coverage, participants (suppressed),
 * changes made and loops closed — as a card and a CSV. Participants come from attendance of the
 * activity's surveys (through their findings, linked to the plan the survey was made under), never from
 * answers; a person who took part in two of a plan's surveys counts once for it. docs/findings.md.
 */
import { loopClosed } from '../digests/digest';
import { toCsv } from '../shared/csv';
import { DomainError } from '../shared/errors';
import { type Findings, STATUS_LABELS, WE_DID_STATUSES, type WeDidStatus } from '../findings/findings';
import { COPRODUCTION_LADDER, type CoproductionLevel, HART_RUNGS, LABELS, LUNDY_ELEMENTS, type LundyElement, type Plan } from './plan';
import { type ShownCount, describeCount, suppressGroup } from '../shared/suppression';

export interface AreaRow {
  area: string;
  activities: number;
  byLevel: { micro: number; meso: number; macro: number };
  /** Hart rungs reached, ascending, each once. */
  rungs: number[];
  /** Activities at each step of the council's ladder of co-production (words: {@link ladderWords}). */
  byLadder: Record<CoproductionLevel, number>;
  /** Activities aiming for each of Hart's rungs 1–8. */
  byHart: Record<number, number>;
  /** Activities whose Lundy check is "yes" on all four elements. */
  lundyFull: number;
  /** Activities answering "yes" on each Lundy element. */
  lundyYes: Record<LundyElement, number>;
  participants: ShownCount;
  /** "You said" themes written for the area's activities. */
  themes: number;
  /** "We did" responses by status (all findings, published or not). */
  changes: Record<WeDidStatus, number>;
  /** "We did" responses done (= changes.done). */
  changesMade: number;
  loopsClosed: number;
  /** Published findings with something still open whose promised update date ("nextUpdate") has passed. */
  loopsOverdue: number;
  /** Plans whose outcome was reviewed ("Is anyone better off?"): see {@link outcomeReviewed}. */
  outcomesReviewed: number;
}

export interface ParticipationAudit {
  from: string;
  to: string;
  threshold: number;
  areas: AreaRow[];
  /** Shown only when no area's participants are hidden (so no hidden count follows by subtraction). */
  totalParticipants?: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The longest period an audit or a report covers: five years (a longer one is almost always a typing slip). */
export const MAX_RANGE_YEARS = 5;

/**
 * `audit participation 2025-04-01 2026-03-31` (and `report …`): two real dates, the first not after the
 * second, at most five years apart. `command` names the example in the message.
 */
export function parseRange(words: string, command = 'audit participation'): { from: string; to: string } {
  const [from, to, ...rest] = words.trim().split(/\s+/).filter(Boolean);
  // A month 13 or a 30 February is not a date (and must not reach toISOString, which throws on it).
  const valid = (d: string | undefined): d is string => {
    const time = d && DATE.test(d) ? new Date(`${d}T00:00:00Z`).getTime() : Number.NaN;
    return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === d;
  };
  if (!valid(from) || !valid(to) || rest.length > 0) throw new DomainError('invalid_input', `Give two dates: "${command} 2025-04-01 2026-03-31".`);
  if (to < from) throw new DomainError('invalid_input', 'The second date cannot be before the first.');
  const limit = `${Number(from.slice(0, 4)) + MAX_RANGE_YEARS}${from.slice(4)}`;
  if (to >= limit) throw new DomainError('invalid_input', `The dates cover more than ${MAX_RANGE_YEARS} years. Give a shorter period, such as one year.`);
  return { from, to };
}

/**
 * The words of a step of the ladder of co-production. The one place the audit and the report name a
 * step, so a council's own ladder (TLAP, West Sussex, Bury: a tenant setting) can be put here.
 */
export function ladderWords(step: CoproductionLevel): string {
  return LABELS.ladder[step];
}

/** Whether a plan's outcome was reviewed ("Is anyone better off?", West Sussex's self-evaluation: the plan's impact review). */
export function outcomeReviewed(plan: Pick<Plan, 'impactReview'>): boolean {
  return plan.impactReview !== undefined;
}

const zeroes = <K extends string | number>(keys: readonly K[]): Record<K, number> => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** An activity of the period: a plan past draft whose dates overlap it. */
export const isActivityIn = (plan: Plan, from: string, to: string): boolean =>
  plan.state !== 'draft' && !!plan.startDate && plan.startDate <= to && (plan.endDate || plan.startDate) >= from;

/**
 * Builds the audit. `attendees` is, for each activity survey, the people who took part: their keys (each
 * counted once per plan, however many of its surveys they took part in) or their number. Activities are
 * plans past draft that overlap the range.
 */
export function buildAudit(input: {
  from: string;
  to: string;
  plans: Plan[];
  findings: Findings[];
  attendees: Record<string, number | readonly string[]>;
  threshold: number;
  /** YYYY-MM-DD (London): loops past their promised date are overdue as of today; the range's end when not given. */
  today?: string;
}): ParticipationAudit {
  const today = input.today ?? input.to;
  const findingsOf = new Map<string, Findings[]>();
  for (const f of input.findings) if (f.planId) findingsOf.set(f.planId, [...(findingsOf.get(f.planId) ?? []), f]);
  const rows = new Map<string, Omit<AreaRow, 'participants'> & { people: number }>();
  for (const plan of input.plans) {
    if (!isActivityIn(plan, input.from, input.to)) continue;
    const area = plan.serviceArea.trim() || 'Not given';
    const row = rows.get(area) ?? {
      area,
      activities: 0,
      byLevel: { micro: 0, meso: 0, macro: 0 },
      rungs: [],
      byLadder: zeroes(COPRODUCTION_LADDER),
      byHart: zeroes<number>(HART_RUNGS),
      lundyFull: 0,
      lundyYes: zeroes(LUNDY_ELEMENTS),
      people: 0,
      themes: 0,
      changes: zeroes(WE_DID_STATUSES),
      changesMade: 0,
      loopsClosed: 0,
      loopsOverdue: 0,
      outcomesReviewed: 0
    };
    row.activities++;
    if (plan.level) row.byLevel[plan.level]++;
    if ((COPRODUCTION_LADDER as readonly string[]).includes(plan.ladder)) row.byLadder[plan.ladder as CoproductionLevel]++;
    if (plan.hartRung !== undefined) {
      row.byHart[plan.hartRung] = (row.byHart[plan.hartRung] ?? 0) + 1;
      if (!row.rungs.includes(plan.hartRung)) row.rungs = [...row.rungs, plan.hartRung].sort((a, b) => a - b);
    }
    for (const e of LUNDY_ELEMENTS) if (plan.lundy[e].answer === 'yes') row.lundyYes[e]++;
    if (LUNDY_ELEMENTS.every((e) => plan.lundy[e].answer === 'yes')) row.lundyFull++;
    if (outcomeReviewed(plan)) row.outcomesReviewed++;
    const people = new Set<string>();
    for (const f of findingsOf.get(plan.planId) ?? []) {
      const took = input.attendees[f.surveyId] ?? 0;
      if (typeof took === 'number') row.people += took;
      else for (const key of took) people.add(key);
      row.themes += f.youSaid?.length ?? 0;
      for (const w of f.weDid) row.changes[w.status]++;
      row.changesMade += f.weDid.filter((w) => w.status === 'done').length;
      if (f.state === 'published' && loopClosed(f)) row.loopsClosed++;
      else if (f.state === 'published' && f.nextUpdate && f.nextUpdate < today) row.loopsOverdue++;
    }
    row.people += people.size;
    rows.set(area, row);
  }
  const list = [...rows.values()].sort((a, b) => a.area.localeCompare(b.area));
  // The areas' participants add up to a total a reader may know: suppressed as one group.
  const group = suppressGroup(list.map((r) => r.people), input.threshold);
  return {
    from: input.from,
    to: input.to,
    threshold: input.threshold,
    areas: list.map(({ people: _people, ...r }, i) => ({ ...r, participants: group.cells[i]! })),
    totalParticipants: group.complete ? list.reduce((sum, r) => sum + r.people, 0) : undefined
  };
}

/**
 * RFC 4180, formula-safe; participants as shown on the card (suppressed), never exact when hidden. The
 * first ten columns are the audit's original ones (spreadsheets built on them keep working); the
 * figures issue 14 added follow.
 */
export function auditCsv(audit: ParticipationAudit): string {
  const header = [
    'Service area', 'Activities', 'Micro', 'Meso', 'Macro', 'Hart rungs reached', 'Lundy: all four met', 'Participants', 'Changes made', 'Loops closed',
    ...COPRODUCTION_LADDER.map((step) => `Ladder: ${ladderWords(step)}`),
    ...HART_RUNGS.map((rung) => `Hart rung ${rung}`),
    ...LUNDY_ELEMENTS.map((e) => `Lundy ${e}: yes`),
    'You said themes',
    ...WE_DID_STATUSES.map((s) => `We did: ${STATUS_LABELS[s]}`),
    'Loops overdue',
    'Outcomes reviewed'
  ];
  const lines: (string | number)[][] = [
    header,
    ...audit.areas.map((r) => [
      r.area, r.activities, r.byLevel.micro, r.byLevel.meso, r.byLevel.macro, r.rungs.join(' '), r.lundyFull, describeCount(r.participants, audit.threshold), r.changesMade, r.loopsClosed,
      ...COPRODUCTION_LADDER.map((step) => r.byLadder[step]),
      ...HART_RUNGS.map((rung) => r.byHart[rung] ?? 0),
      ...LUNDY_ELEMENTS.map((e) => r.lundyYes[e]),
      r.themes,
      ...WE_DID_STATUSES.map((s) => r.changes[s]),
      r.loopsOverdue,
      r.outcomesReviewed
    ])
  ];
  if (audit.totalParticipants !== undefined) lines.push(['All areas', '', '', '', '', '', '', audit.totalParticipants, ...header.slice(8).map(() => '')]);
  return toCsv(lines);
}

export interface ParticipationAuditDeps {
  listPlans: (tenantId: string) => Promise<Plan[]>;
  listFindings: (tenantId: string) => Promise<Findings[]>;
  /** The keys of the people who took part in a survey (attendance, never answers). */
  attendees: (tenantId: string, surveyId: string) => Promise<string[]>;
  /** The plan a survey was made under: findings opened before they were linked automatically count for it too. */
  surveyPlanId: (tenantId: string, surveyId: string) => Promise<string | undefined>;
  threshold: (tenantId: string) => Promise<number>;
  /** Today (YYYY-MM-DD, London) for "overdue"; the range's end when absent. */
  today?: () => string;
}

/** Reads what the audit needs (plans, findings, attendance counts) and builds it. */
export async function participationAudit(deps: ParticipationAuditDeps, tenantId: string, words: string, command?: string): Promise<ParticipationAudit> {
  return auditFor(deps, tenantId, parseRange(words, command));
}

/** What the audit is built from, read once (the report reads the same and adds its highlights). */
export interface AuditInputs {
  from: string;
  to: string;
  plans: Plan[];
  /** Findings linked to a plan (directly, or through their survey's plan). */
  findings: Findings[];
  attendees: Record<string, readonly string[]>;
  threshold: number;
  today?: string;
}

export async function readAuditInputs(deps: ParticipationAuditDeps, tenantId: string, { from, to }: { from: string; to: string }): Promise<AuditInputs> {
  const [plans, findings, threshold] = await Promise.all([deps.listPlans(tenantId), deps.listFindings(tenantId), deps.threshold(tenantId)]);
  const withPlan = await Promise.all(findings.map(async (f) => (f.planId ? f : { ...f, planId: await deps.surveyPlanId(tenantId, f.surveyId) })));
  const linked = withPlan.filter((f) => f.planId);
  const keys = await Promise.all(linked.map((f) => deps.attendees(tenantId, f.surveyId)));
  return { from, to, plans, findings: linked, attendees: Object.fromEntries(linked.map((f, i) => [f.surveyId, keys[i] ?? []])), threshold, today: deps.today?.() };
}

/** The audit of an already checked range (the quarterly report computes its own). */
export async function auditFor(deps: ParticipationAuditDeps, tenantId: string, range: { from: string; to: string }): Promise<ParticipationAudit> {
  return buildAudit(await readAuditInputs(deps, tenantId, range));
}
