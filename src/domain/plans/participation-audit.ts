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
import { type LadderId, describeStepKey, ladderOf, stepKey } from './ladder';
import { HART_RUNGS, LUNDY_ELEMENTS, type LundyElement, type Plan, wasApproved } from './plan';
import { type ShownCount, describeCount, suppressGroup } from '../shared/suppression';

export interface AreaRow {
  area: string;
  activities: number;
  byLevel: { micro: number; meso: number; macro: number };
  /** Hart rungs reached, ascending, each once. */
  rungs: number[];
  /**
   * Activities at each step aimed for, keyed `ladder:step` ({@link stepKey}): every step of the council's
   * ladder (0 where none), plus the steps of plans made under another ladder. Read with {@link ladderCounts}.
   */
  byLadder: Record<string, number>;
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
  /** The council's ladder (a tenant setting): its steps, in its words, are the audit's ladder figures. */
  ladder: LadderId;
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

export interface LadderCount {
  /** `ladder:step` ({@link stepKey}). */
  key: string;
  /** In the council's words; a step of another ladder is named with its ladder ("Co-design (TLAP ladder of co-production)"). */
  words: string;
  count: number;
  /** Whether the step is on the council's ladder (else a plan made under another ladder, before the council changed it). */
  own: boolean;
}

/**
 * Activities by step as the audit and the report show them: the council's steps bottom to top (0 where
 * none), then the steps of other ladders that have activities, each named with its ladder (as the plan
 * cards do).
 */
export function ladderCounts(byLadder: Record<string, number>, councilLadder: LadderId): LadderCount[] {
  const own = ladderOf(councilLadder).steps.map((s) => stepKey(councilLadder, s.value));
  const others = Object.keys(byLadder)
    .filter((key) => !own.includes(key) && (byLadder[key] ?? 0) > 0)
    .sort((a, b) => describeStepKey(a, councilLadder).order - describeStepKey(b, councilLadder).order || a.localeCompare(b));
  return [...own, ...others].map((key) => ({ key, words: describeStepKey(key, councilLadder).words, count: byLadder[key] ?? 0, own: own.includes(key) }));
}

/** Whether a plan's outcome was reviewed ("Is anyone better off?", West Sussex's self-evaluation: the plan's impact review). */
export function outcomeReviewed(plan: Pick<Plan, 'impactReview'>): boolean {
  return plan.impactReview !== undefined;
}

const zeroes = <K extends string | number>(keys: readonly K[]): Record<K, number> => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/**
 * An activity of the period: a plan the working group approved (approved, live, in review or closed)
 * whose dates overlap it. A plan still waiting for the working group, or sent back, is not an activity:
 * no engagement may happen before approval, so counting it would report work that cannot have been done.
 */
export const isActivityIn = (plan: Plan, from: string, to: string): boolean =>
  wasApproved(plan) && !!plan.startDate && plan.startDate <= to && (plan.endDate || plan.startDate) >= from;

/**
 * Builds the audit. `attendees` is, for each activity survey, the people who took part: their keys (each
 * counted once per plan, however many of its surveys they took part in) or their number. Activities are
 * plans the working group approved that overlap the range.
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
  /** The council's ladder; TLAP's seven steps when not given. */
  ladder?: LadderId;
}): ParticipationAudit {
  const today = input.today ?? input.to;
  const councilLadder = ladderOf(input.ladder);
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
      byLadder: zeroes(councilLadder.steps.map((step) => stepKey(councilLadder.id, step.value))),
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
    // Each plan on the ladder it was made with (a plan kept from before the council changed ladder is not lost).
    if (plan.ladder) {
      const key = stepKey(plan.ladderId, plan.ladder);
      row.byLadder[key] = (row.byLadder[key] ?? 0) + 1;
    }
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
    ladder: councilLadder.id,
    areas: list.map(({ people: _people, ...r }, i) => ({ ...r, participants: group.cells[i]! })),
    totalParticipants: group.complete ? list.reduce((sum, r) => sum + r.people, 0) : undefined
  };
}

/**
 * RFC 4180, formula-safe; participants as shown on the card (suppressed), never exact when hidden. The
 * first ten columns are the audit's original ones (spreadsheets built on them keep working); the
 * figures issue 14 added follow. The ladder columns are the council's steps, bottom to top, in its words,
 * then one for the activities of plans made under another ladder (before the council changed it).
 */
export function auditCsv(audit: ParticipationAudit): string {
  const steps = ladderOf(audit.ladder).steps.map((step) => stepKey(audit.ladder, step.value));
  const otherLadders = (r: AreaRow) => ladderCounts(r.byLadder, audit.ladder).filter((c) => !c.own).reduce((sum, c) => sum + c.count, 0);
  const header = [
    'Service area', 'Activities', 'Micro', 'Meso', 'Macro', 'Hart rungs reached', 'Lundy: all four met', 'Participants', 'Changes made', 'Loops closed',
    ...steps.map((key) => `Ladder: ${describeStepKey(key, audit.ladder).words}`),
    'Ladder: other ladders',
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
      ...steps.map((key) => r.byLadder[key] ?? 0),
      otherLadders(r),
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
  /** The council's ladder (the tenant's delivery settings); TLAP's seven steps when absent. */
  ladder?: (tenantId: string) => Promise<LadderId>;
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
  ladder?: LadderId;
}

export async function readAuditInputs(deps: ParticipationAuditDeps, tenantId: string, { from, to }: { from: string; to: string }): Promise<AuditInputs> {
  const [plans, findings, threshold, ladder] = await Promise.all([deps.listPlans(tenantId), deps.listFindings(tenantId), deps.threshold(tenantId), deps.ladder?.(tenantId)]);
  const withPlan = await Promise.all(findings.map(async (f) => (f.planId ? f : { ...f, planId: await deps.surveyPlanId(tenantId, f.surveyId) })));
  const linked = withPlan.filter((f) => f.planId);
  const keys = await Promise.all(linked.map((f) => deps.attendees(tenantId, f.surveyId)));
  return { from, to, plans, findings: linked, attendees: Object.fromEntries(linked.map((f, i) => [f.surveyId, keys[i] ?? []])), threshold, today: deps.today?.(), ladder };
}

/** The audit of an already checked range (the quarterly report computes its own). */
export async function auditFor(deps: ParticipationAuditDeps, tenantId: string, range: { from: string; to: string }): Promise<ParticipationAudit> {
  return buildAudit(await readAuditInputs(deps, tenantId, range));
}
