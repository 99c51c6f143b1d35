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
import type { Findings } from '../findings/findings';
import { LUNDY_ELEMENTS, type Plan } from './plan';
import { type ShownCount, describeCount, suppressGroup } from '../shared/suppression';

export interface AreaRow {
  area: string;
  activities: number;
  byLevel: { micro: number; meso: number; macro: number };
  /** Hart rungs reached, ascending, each once. */
  rungs: number[];
  /** Activities whose Lundy check is "yes" on all four elements. */
  lundyFull: number;
  participants: ShownCount;
  changesMade: number;
  loopsClosed: number;
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

/** `audit participation 2025-04-01 2026-03-31`. */
export function parseRange(words: string): { from: string; to: string } {
  const [from, to, ...rest] = words.trim().split(/\s+/).filter(Boolean);
  const valid = (d: string | undefined): d is string => !!d && DATE.test(d) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;
  if (!valid(from) || !valid(to) || rest.length > 0) throw new DomainError('invalid_input', 'Give two dates: "audit participation 2025-04-01 2026-03-31".');
  if (to < from) throw new DomainError('invalid_input', 'The second date cannot be before the first.');
  return { from, to };
}

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
}): ParticipationAudit {
  const findingsOf = new Map<string, Findings[]>();
  for (const f of input.findings) if (f.planId) findingsOf.set(f.planId, [...(findingsOf.get(f.planId) ?? []), f]);
  const rows = new Map<string, Omit<AreaRow, 'participants'> & { people: number }>();
  for (const plan of input.plans) {
    if (plan.state === 'draft' || !plan.startDate || plan.startDate > input.to || (plan.endDate || plan.startDate) < input.from) continue;
    const area = plan.serviceArea.trim() || 'Not given';
    const row = rows.get(area) ?? { area, activities: 0, byLevel: { micro: 0, meso: 0, macro: 0 }, rungs: [], lundyFull: 0, people: 0, changesMade: 0, loopsClosed: 0 };
    row.activities++;
    if (plan.level) row.byLevel[plan.level]++;
    if (plan.hartRung !== undefined && !row.rungs.includes(plan.hartRung)) row.rungs = [...row.rungs, plan.hartRung].sort((a, b) => a - b);
    if (LUNDY_ELEMENTS.every((e) => plan.lundy[e].answer === 'yes')) row.lundyFull++;
    const people = new Set<string>();
    for (const f of findingsOf.get(plan.planId) ?? []) {
      const took = input.attendees[f.surveyId] ?? 0;
      if (typeof took === 'number') row.people += took;
      else for (const key of took) people.add(key);
      row.changesMade += f.weDid.filter((w) => w.status === 'done').length;
      if (f.state === 'published' && loopClosed(f)) row.loopsClosed++;
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

/** RFC 4180, formula-safe; participants as shown on the card (suppressed), never exact when hidden. */
export function auditCsv(audit: ParticipationAudit): string {
  const header = ['Service area', 'Activities', 'Micro', 'Meso', 'Macro', 'Hart rungs reached', 'Lundy: all four met', 'Participants', 'Changes made', 'Loops closed'];
  const lines = [header, ...audit.areas.map((r) => [r.area, r.activities, r.byLevel.micro, r.byLevel.meso, r.byLevel.macro, r.rungs.join(' '), r.lundyFull, describeCount(r.participants, audit.threshold), r.changesMade, r.loopsClosed])];
  if (audit.totalParticipants !== undefined) lines.push(['All areas', '', '', '', '', '', '', audit.totalParticipants, '', '']);
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
}

/** Reads what the audit needs (plans, findings, attendance counts) and builds it. */
export async function participationAudit(deps: ParticipationAuditDeps, tenantId: string, words: string): Promise<ParticipationAudit> {
  const { from, to } = parseRange(words);
  const [plans, findings, threshold] = await Promise.all([deps.listPlans(tenantId), deps.listFindings(tenantId), deps.threshold(tenantId)]);
  const withPlan = await Promise.all(findings.map(async (f) => (f.planId ? f : { ...f, planId: await deps.surveyPlanId(tenantId, f.surveyId) })));
  const linked = withPlan.filter((f) => f.planId);
  const keys = await Promise.all(linked.map((f) => deps.attendees(tenantId, f.surveyId)));
  return buildAudit({ from, to, plans, findings: linked, attendees: Object.fromEntries(linked.map((f, i) => [f.surveyId, keys[i] ?? []])), threshold });
}
