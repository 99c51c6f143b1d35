import type { PlanRepository } from './ports';
import type { SubjectSummary } from '../approvals/ports';
import { type ApprovalRound, roundIdFor } from '../approvals/approval-round';
import type { ApprovalService, SubjectHandler } from '../approvals/approval-service';
import type { AuditEntry } from '../shared/audit';
import type { Clock } from '../shared/clock';
import { type Actor, personKey } from '../shared/conversation';
import { DomainError, isDomainError } from '../shared/errors';
import { type Plan, type PlanEvent, LABELS, hartWarning, LUNDY_ELEMENTS, PLAN_LIMITS, STATE_LABELS, checkComplete, checkOwner, nextState, parsePlanForm } from './plan';
import type { AuditLog } from '../shared/ports';
import { cleanText } from '../shared/text';
import type { SearchItem } from '../search/search';
import type { SearchService } from '../search/search-service';
import { checkMayReviewImpact, parseImpactReview } from './impact-review';
import { DEFAULT_LADDER, type LadderId, ladderOf, rungWords } from './ladder';
import type { LadderSetting } from './ladder-setting';

const PLAN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The wall date (YYYY-MM-DD) in Europe/London. */
export function londonDate(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

export interface PlanServiceDeps {
  plans: PlanRepository;
  approvals: ApprovalService;
  audit: AuditLog;
  clock: Clock;
  /** Makes plans findable in the messaging extension. */
  search?: SearchService;
  /** The council's ladder (./ladder-setting.ts); absent: TLAP's seven steps. */
  ladder?: Pick<LadderSetting, 'ladderOf' | 'set'>;
  /** Whether "You said, we did" findings for the plan are published (the impact review may then be written). */
  findingsPublished?: (tenantId: string, planId: string) => Promise<boolean>;
}

/** How a plan is listed in search: by title and purpose; visible to its owner and its working group. */
export function planSearchItem(plan: Plan): SearchItem {
  return {
    tenantId: plan.tenantId,
    kind: 'plan',
    id: plan.planId,
    title: plan.title,
    subtitle: `Engagement plan · ${plan.purpose}`.slice(0, 300),
    ownerKey: plan.owner,
    createdAt: plan.createdAt,
    teamId: plan.teamId
  };
}

export interface PlanLists {
  mine: Plan[];
  /** Plans (and findings) waiting for this person's decision as a working-group member. */
  waiting: { round: ApprovalRound; plan: Plan }[];
}

/** Engagement activity plans: drafting, submission to the working group, and the lifecycle after. */
export class PlanService {
  constructor(private readonly deps: PlanServiceDeps) {
    deps.approvals.registerSubject('plan', this.subject('plan'));
    deps.approvals.registerSubject('findings', this.subject('findings'));
  }

  /** The council's ladder: the plan form offers its steps, in its words. */
  async councilLadder(tenantId: string): Promise<LadderId> {
    return this.deps.ladder ? this.deps.ladder.ladderOf(tenantId) : DEFAULT_LADDER;
  }

  /** An administrator chooses the council's ladder (audited); plans already made keep theirs. */
  async chooseLadder(actor: Actor, id: LadderId): Promise<{ changed: boolean; from: LadderId }> {
    if (!this.deps.ladder) throw new DomainError('unsupported', 'The council’s ladder cannot be changed here.');
    return this.deps.ladder.set(actor, id);
  }

  /** Whether the impact review may be written for this plan now (the loop is closed). */
  async mayReviewImpact(plan: Plan): Promise<boolean> {
    try {
      checkMayReviewImpact(plan, false);
      return true;
    } catch {
      return (await this.deps.findingsPublished?.(plan.tenantId, plan.planId)) ?? false;
    }
  }

  /**
   * "Is anyone better off?": the owner writes (or revises) the impact review once the loop is closed:
   * what changed, the evidence, what next — kept with who and when. ETag-guarded: a plan changed meanwhile
   * (the working group's decision landing) is read again and the review applied to the fresh plan.
   */
  async reviewImpact(tenantId: string, planId: string, actor: Actor, values: Record<string, unknown>): Promise<Plan> {
    const review = parseImpactReview(values);
    for (let attempt = 0; ; attempt++) {
      const plan = await this.get(tenantId, planId);
      checkOwner(plan, personKey(actor));
      if (!(await this.mayReviewImpact(plan))) checkMayReviewImpact(plan, false);
      const now = this.deps.clock.now();
      try {
        const saved = await this.deps.plans.save({ ...plan, impactReview: { ...review, by: personKey(actor), byName: actor.name, at: now }, updatedAt: now });
        await this.audit(actor, saved, plan.impactReview ? 'plan.impactRevised' : 'plan.impactReviewed', 'Is anyone better off? The impact review was written.');
        return saved;
      } catch (error) {
        if (!(isDomainError(error) && error.code === 'conflict') || attempt >= 5) throw error;
      }
    }
  }

  /**
   * A plan as a person may see it: its owner, or a member (or the chair) of the working group that approves
   * it. Another tenant's plan is not found; another working group's is refused; nothing changes either way.
   */
  async getVisible(actor: Actor, planId: string): Promise<Plan> {
    const plan = await this.get(actor.tenantId, planId);
    const key = personKey(actor);
    if (plan.owner === key) return plan;
    const group = await this.deps.approvals.group(plan.tenantId, plan.teamId);
    if (group && (group.chair === key || group.members.some((m) => m.key === key))) return plan;
    throw new DomainError('forbidden', 'This plan belongs to another working group: only its owner and that group’s members can open it.');
  }

  async get(tenantId: string, planId: string): Promise<Plan> {
    const plan = typeof planId === 'string' && PLAN_ID.test(planId) ? await this.deps.plans.get(tenantId, planId.toLowerCase()) : undefined;
    if (!plan) throw new DomainError('not_found', 'This plan no longer exists.');
    return plan;
  }

  /**
   * Saves the form as a draft (new plan, or changes to a draft or a plan sent back for changes).
   * The id comes from the form, so a double click finds the plan instead of making a second.
   */
  async saveDraft(input: { planId: string; actor: Actor; values: Record<string, unknown>; teamId: unknown }): Promise<Plan> {
    return this.write(input, false);
  }

  /** Saves the form complete and sends the plan to the working group: a new approval round. */
  async submit(input: { planId: string; actor: Actor; values?: Record<string, unknown>; teamId?: unknown }): Promise<{ plan: Plan; round: ApprovalRound }> {
    let plan = input.values ? await this.write({ ...input, values: input.values, teamId: input.teamId }, true) : await this.get(input.actor.tenantId, input.planId);
    checkOwner(plan, personKey(input.actor));
    if (!input.values) checkComplete(plan, londonDate(this.deps.clock.now()));
    if (plan.state === 'submitted') {
      // Normally a repeat. But if the process stopped between "submitted" and opening its round, open it now.
      const round = plan.currentRoundId ? await this.deps.approvals.get(plan.tenantId, plan.currentRoundId).catch(() => undefined) : undefined;
      if (round || !plan.currentRoundId) throw new DomainError('conflict', 'This plan is already with the working group.');
      const reopened = await this.deps.approvals.open({ tenantId: plan.tenantId, subjectType: 'plan', subjectId: plan.planId, number: plan.roundCount, teamId: plan.teamId, owner: input.actor });
      await this.audit(input.actor, plan, 'plan.submitted', `round ${plan.roundCount} (resumed)`, reopened.roundId);
      return { plan, round: reopened };
    }
    const previous = plan;
    const number = plan.roundCount + 1;
    const roundId = roundIdFor('plan', plan.planId, number);
    // The ETag-guarded move to "submitted" decides between two simultaneous submits.
    try {
      plan = await this.deps.plans.save({ ...plan, state: nextState(plan.state, 'submit'), roundCount: number, currentRoundId: roundId, updatedAt: this.deps.clock.now() });
    } catch (error) {
      if (!isDomainError(error) || error.code !== 'conflict') throw error;
      throw new DomainError('conflict', 'This plan is already being sent to the working group.');
    }
    let round: ApprovalRound;
    try {
      round = await this.deps.approvals.open({ tenantId: plan.tenantId, subjectType: 'plan', subjectId: plan.planId, number, teamId: plan.teamId, owner: input.actor });
    } catch (error) {
      // Nothing half way: the plan goes back to where it was — unless a concurrent resume opened the round.
      if (!(isDomainError(error) && error.code === 'conflict')) await this.deps.plans.save({ ...previous, etag: plan.etag }).catch(() => undefined);
      throw error;
    }
    await this.audit(input.actor, plan, 'plan.submitted', `round ${number}`, roundId);
    return { plan, round };
  }

  /** The owner moves the plan on: live, reviewing, loop closed. */
  async act(tenantId: string, planId: string, actor: Actor, event: unknown): Promise<Plan> {
    const allowed: PlanEvent[] = ['goLive', 'startReview', 'closeLoop'];
    if (typeof event !== 'string' || !allowed.includes(event as PlanEvent)) throw new DomainError('invalid_input', 'That is not something you can do to a plan.');
    const plan = await this.get(tenantId, planId);
    checkOwner(plan, personKey(actor));
    const saved = await this.deps.plans.save({ ...plan, state: nextState(plan.state, event as PlanEvent), updatedAt: this.deps.clock.now() });
    await this.audit(actor, saved, `plan.${event}`, `${STATE_LABELS[plan.state]} → ${STATE_LABELS[saved.state]}`);
    return saved;
  }

  /** The owner sends the key findings to the working group: the same approval mechanism, subject "findings". */
  async submitFindings(tenantId: string, planId: string, actor: Actor, rawFindings: unknown): Promise<{ plan: Plan; round: ApprovalRound }> {
    let plan = await this.get(tenantId, planId);
    checkOwner(plan, personKey(actor));
    nextState(plan.state, 'submitFindings');
    const findings = cleanText(rawFindings, { field: 'key findings', maxLength: PLAN_LIMITS.findings, required: true, multiline: true });
    if (plan.currentRoundId?.startsWith('findings-')) {
      const current = await this.deps.approvals.get(tenantId, plan.currentRoundId).catch(() => undefined);
      if (current?.status === 'open') throw new DomainError('conflict', 'The findings are already with the working group.');
    }
    const number = plan.roundCount + 1;
    const roundId = roundIdFor('findings', plan.planId, number);
    plan = await this.deps.plans.save({ ...plan, findings, roundCount: number, currentRoundId: roundId, updatedAt: this.deps.clock.now() });
    const round = await this.deps.approvals.open({ tenantId, subjectType: 'findings', subjectId: plan.planId, number, teamId: plan.teamId, owner: actor });
    await this.audit(actor, plan, 'plan.findingsSubmitted', `round ${number}`, roundId);
    return { plan, round };
  }

  /** The owner deletes a plan that is not live yet (a round in progress then stops reminding). */
  /**
   * Adds a "You said" line to the findings of one of the owner's plans (from the messaging extension's
   * "Add to findings"). Only while the activity is live or under review; ETag-safe against other edits.
   */
  async addYouSaid(tenantId: string, planId: string, actor: Actor, rawText: unknown, author?: string): Promise<Plan> {
    const text = cleanText(rawText, { field: 'message', maxLength: 1000, required: true, multiline: true }).replace(/\s*\n\s*/g, ' ');
    const by = author ? cleanText(author, { field: 'author', maxLength: 120 }) : '';
    const line = `You said: "${text}"${by ? ` (${by})` : ''}`;
    for (let attempt = 0; ; attempt++) {
      const plan = await this.get(tenantId, planId);
      checkOwner(plan, personKey(actor));
      if (plan.state !== 'live' && plan.state !== 'reviewing') {
        throw new DomainError('conflict', 'Findings can be added while the activity is live or being reviewed.');
      }
      const findings = plan.findings ? `${plan.findings}\n${line}` : line;
      if (findings.length > PLAN_LIMITS.findings) throw new DomainError('invalid_input', 'The findings of this plan are full. Please summarise them first.');
      try {
        const saved = await this.deps.plans.save({ ...plan, findings, updatedAt: this.deps.clock.now() });
        await this.audit(actor, saved, 'plan.findingAdded', by ? 'with the author' : 'without the author');
        return saved;
      } catch (error) {
        if (!(error instanceof DomainError && error.code === 'conflict') || attempt >= 5) throw error;
      }
    }
  }

  async remove(tenantId: string, planId: string, actor: Actor): Promise<void> {
    const plan = await this.get(tenantId, planId);
    checkOwner(plan, personKey(actor));
    if (!['draft', 'submitted', 'changesRequested'].includes(plan.state)) {
      throw new DomainError('invalid_input', 'A plan that has been approved is kept for the record.');
    }
    // A round in progress is closed as withdrawn first, so the channel card and reminders stop.
    if (plan.state === 'submitted' && plan.currentRoundId) await this.deps.approvals.withdraw(tenantId, plan.currentRoundId, actor);
    await this.deps.plans.remove(tenantId, plan.planId);
    await this.deps.search?.remove(tenantId, 'plan', plan.planId);
    await this.audit(actor, plan, 'plan.deleted', plan.title);
  }

  async list(actor: Actor): Promise<PlanLists> {
    const key = personKey(actor);
    const [mine, rounds] = await Promise.all([this.deps.plans.listByOwner(actor.tenantId, key), this.deps.approvals.waitingFor(actor.tenantId, key)]);
    const waiting: PlanLists['waiting'] = [];
    for (const round of rounds) {
      const plan = await this.deps.plans.get(actor.tenantId, round.subjectId);
      if (plan) waiting.push({ round, plan });
    }
    mine.sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime());
    return { mine, waiting };
  }

  /** The plan's history: every audited change and decision, oldest first. */
  history(tenantId: string, planId: string): Promise<AuditEntry[]> {
    return this.deps.audit.list(tenantId, { subjectId: planId });
  }

  private async write(input: { planId: string; actor: Actor; values: Record<string, unknown>; teamId: unknown }, complete: boolean): Promise<Plan> {
    if (typeof input.planId !== 'string' || !PLAN_ID.test(input.planId)) throw new DomainError('invalid_input', 'This form is out of date. Type "plan new" to start again.');
    const planId = input.planId.toLowerCase();
    const now = this.deps.clock.now();
    const draft = parsePlanForm(input.values, { complete, today: londonDate(now), ladder: await this.councilLadder(input.actor.tenantId) });
    const teamId = typeof input.teamId === 'string' ? input.teamId.trim() : '';
    const group = teamId ? await this.deps.approvals.group(input.actor.tenantId, teamId) : undefined;
    if (!group) {
      throw new DomainError('invalid_input', 'Choose the working group that will approve this plan.', { teamId: 'Choose the working group.' });
    }
    const existing = await this.deps.plans.get(input.actor.tenantId, planId);
    if (!existing) {
      const plan = await this.deps.plans.create({
        ...draft,
        tenantId: input.actor.tenantId,
        planId,
        state: 'draft',
        owner: personKey(input.actor),
        ownerName: input.actor.name,
        ownerUserId: input.actor.userId,
        teamId,
        createdAt: now,
        updatedAt: now,
        roundCount: 0,
        findings: ''
      });
      await this.audit(input.actor, plan, 'plan.created', plan.title);
      await this.deps.search?.put(planSearchItem(plan));
      return plan;
    }
    checkOwner(existing, personKey(input.actor));
    if (existing.state !== 'draft' && existing.state !== 'changesRequested') {
      throw new DomainError('conflict', `This plan is ${STATE_LABELS[existing.state].toLowerCase()}: it can no longer be edited.`);
    }
    const plan = await this.deps.plans.save({ ...existing, ...draft, teamId, updatedAt: now });
    await this.audit(input.actor, plan, 'plan.edited', plan.title);
    await this.deps.search?.put(planSearchItem(plan));
    return plan;
  }

  private subject(type: 'plan' | 'findings'): SubjectHandler {
    return {
      summary: async (tenantId, subjectId) => {
        const plan = await this.deps.plans.get(tenantId, subjectId);
        return plan ? summaryOf(plan, type) : undefined;
      },
      closed: async (round) => {
        const event: PlanEvent =
          type === 'plan'
            ? round.outcome === 'approved' ? 'roundApproved' : 'roundChangesRequested'
            : round.outcome === 'approved' ? 'findingsApproved' : 'findingsChangesRequested';
        for (let attempt = 0; attempt < 10; attempt++) {
          const plan = await this.deps.plans.get(round.tenantId, round.subjectId);
          // Deleted, or already moved on by this round (a repeated close): nothing to do.
          if (!plan || plan.currentRoundId !== round.roundId) return;
          if (type === 'plan' && plan.state !== 'submitted') return;
          try {
            const saved = await this.deps.plans.save({ ...plan, state: nextState(plan.state, event), updatedAt: this.deps.clock.now() });
            await this.deps.audit.append({
              tenantId: round.tenantId,
              at: this.deps.clock.now(),
              actor: 'system',
              action: `plan.${event}`,
              subjectType: 'plan',
              subjectId: plan.planId,
              roundId: round.roundId,
              teamId: plan.teamId,
              detail: `${STATE_LABELS[plan.state]} → ${STATE_LABELS[saved.state]}`
            });
            if (type === 'findings') await this.deps.plans.save({ ...saved, currentRoundId: undefined }).catch(() => undefined);
            return;
          } catch (error) {
            if (!isDomainError(error) || error.code !== 'conflict') throw error;
          }
        }
      }
    };
  }

  private async audit(actor: Actor, plan: Plan, action: string, detail: string, roundId?: string): Promise<void> {
    await this.deps.audit.append({
      tenantId: plan.tenantId,
      at: this.deps.clock.now(),
      actor: personKey(actor),
      actorName: actor.name,
      action,
      subjectType: 'plan',
      subjectId: plan.planId,
      roundId,
      teamId: plan.teamId,
      detail
    });
  }
}

/** The approval card's summary of a plan (or of its findings). */
export function summaryOf(plan: Plan, type: 'plan' | 'findings' = 'plan'): SubjectSummary {
  const facts = [
    { title: 'Owner', value: plan.ownerName ?? 'Unknown' },
    { title: 'Purpose', value: plan.purpose },
    { title: 'Strategic outcome (what should be better, for whom)', value: plan.strategicOutcome ?? '' },
    { title: 'Level', value: plan.level ? LABELS.level[plan.level] : '' },
    { title: 'Service area', value: plan.serviceArea },
    { title: 'Who takes part', value: plan.cohorts.map((c) => LABELS.cohort[c]).join(', ') },
    { title: 'Dates', value: plan.startDate === plan.endDate ? plan.startDate : `${plan.startDate} to ${plan.endDate}` },
    // In the words of the ladder the plan was made with (plans from before issue 14: TLAP).
    { title: ladderOf(plan.ladderId).label, value: rungWords(plan.ladderId, plan.ladder) },
    ...(plan.hartRung !== undefined ? [{ title: 'Hart’s ladder', value: LABELS.hart[plan.hartRung] ?? String(plan.hartRung) }] : []),
    { title: 'Adjustments', value: [...plan.adjustments.map((a) => LABELS.adjustment[a]), plan.adjustmentsNote].filter(Boolean).join(', ') || 'None listed' },
    { title: 'Who will decide', value: plan.decisionMaker },
    { title: 'Participants hear back by', value: plan.feedbackBy }
  ];
  if (type === 'findings') facts.unshift({ title: 'Key findings', value: plan.findings });
  const review = plan.impactReview;
  if (review) {
    facts.push(
      { title: 'Is anyone better off? What changed', value: review.changed },
      { title: 'Evidence', value: review.evidence },
      { title: 'What next', value: review.next },
      { title: 'Impact reviewed by', value: `${review.byName ?? 'the plan’s owner'}, ${londonDate(review.at)}` }
    );
  }
  const checklist = LUNDY_ELEMENTS.map((e) => ({
    title: LABELS.lundy[e].split(':')[0] ?? e,
    value: `${plan.lundy[e].answer ? LABELS.answer[plan.lundy[e].answer] : 'Not answered'}${plan.lundy[e].note ? ` — ${plan.lundy[e].note}` : ''}`
  }));
  // What the working group weighs before the activity; a findings round is past it.
  const warning = type === 'plan' ? hartWarning(plan.hartRung) : undefined;
  const riskAssessment = type === 'plan' && plan.inPerson
    ? [
        { title: 'Venue', value: plan.venue },
        { title: 'Supervision', value: plan.supervision },
        { title: 'Consent', value: plan.consent },
        { title: 'Lead on the day', value: plan.leadOnTheDay }
      ].map((f) => ({ ...f, value: f.value || 'Not given' }))
    : [];
  return {
    title: plan.title,
    kindLabel: type === 'plan' ? 'Engagement plan' : 'Findings',
    facts: facts.filter((f) => f.value !== ''),
    checklist,
    warnings: warning ? [warning] : [],
    riskAssessment
  };
}
