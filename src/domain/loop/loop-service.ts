/**
 * The loop goes both ways (docs/two-way-loop.md): reactions and comments on a "We did", the
 * "Has it made things better?" check a set time after it is done, and "Tell us" at any time.
 * Every comment and every "Tell us" is screened exactly like a survey answer (SafeguardingService):
 * a concern reaches the lead with the words; the owner never sees them. Framework-free.
 */
import { createHash } from 'node:crypto';
import type { Clock } from '../shared/clock';
import { type Actor, personKey } from '../shared/conversation';
import { DomainError } from '../shared/errors';
import type { AuditLog, CardPayload, DueItem, DueItemRepository, ProactiveSender } from '../shared/ports';
import { voterKey } from '../shared/voter-key';
import { type AllowedHours, isAllowedNow, nextAllowedTime } from '../delivery/quiet-hours';
import type { Findings, WeDid } from '../findings/findings';
import type { FindingsView } from '../findings/findings-service';
import type { FindingsRepository } from '../findings/ports';
import { londonDate } from '../plans/plan-service';
import type { ScreenAnswer, ScreenResult } from '../safeguarding/safeguarding-service';
import type { Survey } from '../surveys/survey';
import {
  type BetterAnswer, type ItemTally, type LoopSettings, type ServiceArea, type ShownTally, type TellUsRole,
  checkDueAt, emptyTally, notWhatMajority, parseArea, parseBetter, parseComment, parseReaction, parseTellUs, shownTally, sumDays
} from './loop';
import type { LoopRepository } from './ports';
import { PRINT_LINK_DAYS, pagePath, verifyPageLink } from './printable';
import { sendOncePerPerson } from '../findings/send-once';

export const LOOP_CHECK_JOB = 'loop.check';
/** Safeguarding alerts of "Tell us" views are filed under this subject (one per tenant). */
export const TELL_US_SUBJECT = 'tellus';

/** One "We did" with its counts as the owner and the working group may see them. */
export interface ItemFigures {
  item: WeDid;
  shown: ShownTally;
  flagged: boolean;
}

export interface FindingsFigures {
  findings: Findings;
  threshold: number;
  items: ItemFigures[];
}

export interface LoopCards {
  /** The participants' easy-read "We did" card, with the three buttons on every item. */
  weDidEasy(view: FindingsView, notice?: string): CardPayload;
  /** The participants' short follow-up after a status change (one item, same buttons). */
  followUp(view: FindingsView, item: WeDid): CardPayload;
  /** "Has it made things better?" (easy read). */
  check(view: FindingsView, item: WeDid, notice?: string): CardPayload;
  /** The owner's 1:1 card with a participant's comment (no name: reactions are anonymous). */
  ownerComment(input: { findings: Findings; item: WeDid; text: string }): CardPayload;
  /** The service-area owner's card with a "Tell us" view. */
  tellUsOwner(input: { area: ServiceArea; role: TellUsRole; text?: string; from?: string; withheld: boolean }): CardPayload;
}

export interface LoopServiceDeps {
  loop: LoopRepository;
  findings: {
    get(tenantId: string, surveyId: unknown): Promise<Findings>;
    view(findings: Findings): Promise<FindingsView>;
  };
  /** Every findings of the tenant (for `findings reactions`: the owner's and the working group's). */
  listFindings: (tenantId: string) => Promise<Findings[]>;
  /** Send markers (create-if-absent before each 1:1 send) are the findings' own. */
  markers: Pick<FindingsRepository, 'claimSend' | 'recordSend' | 'releaseSend'>;
  surveys: {
    attendees(tenantId: string, surveyId: string): Promise<{ personKey: string }[]>;
    threshold(tenantId: string): Promise<number>;
    get(tenantId: string, surveyId: string): Promise<Survey>;
  };
  screen: (input: ScreenAnswer) => Promise<ScreenResult>;
  sender: ProactiveSender;
  due: DueItemRepository;
  audit: AuditLog;
  clock: Clock;
  cards: LoopCards;
  checkEasyRead: (card: unknown) => string[];
  allowedHours: (tenantId: string) => Promise<AllowedHours>;
  /** Reactions are stored under a keyed hash of the person: changeable, never linkable. */
  voterSecret: string;
  isAdmin: (actor: Actor) => boolean;
}

const hash = (text: string): string => createHash('sha256').update(text).digest('base64url').slice(0, 16);

export class LoopService {
  constructor(private readonly deps: LoopServiceDeps) {}

  // ---- reactions, comments and the check ---------------------------------------------------

  /** The published findings and one of its "We did" items, for someone who took part. */
  private async forParticipant(actor: Actor, surveyId: unknown, itemId: unknown): Promise<{ findings: Findings; item: WeDid; voter: string }> {
    const findings = await this.deps.findings.get(actor.tenantId, surveyId);
    if (findings.state !== 'published') throw new DomainError('not_found', 'These findings are not published any more.');
    const item = findings.weDid.find((w) => w.id === itemId);
    if (!item) throw new DomainError('not_found', 'That "We did" is no longer there.');
    const attendees = await this.deps.surveys.attendees(actor.tenantId, findings.surveyId);
    if (!attendees.some((a) => a.personKey === personKey(actor))) throw new DomainError('forbidden', 'Only people who took part can answer this.');
    const voter = voterKey(this.deps.voterSecret, actor.tenantId, `loop:${findings.surveyId}:${item.id}`, personKey(actor));
    return { findings, item, voter };
  }

  /** "That's right" / "Not what we said": one per person, changeable. Returns the card to show them. */
  async react(actor: Actor, surveyId: unknown, itemId: unknown, raw: unknown): Promise<CardPayload> {
    const reaction = parseReaction(raw);
    const { findings, item, voter } = await this.forParticipant(actor, surveyId, itemId);
    const before = await this.deps.loop.setReaction(actor.tenantId, findings.surveyId, item.id, voter, reaction);
    if (before !== reaction) await this.refreshFlag(findings, item);
    const notice = reaction === 'right' ? '👍 Thank you. You told us this is right.' : '👎 Thank you. You told us this is not what you said.';
    return this.deps.cards.weDidEasy(await this.deps.findings.view(findings), notice);
  }

  /** "Has it made things better?": one per person, changeable, only for a "We did" that is done. */
  async better(actor: Actor, surveyId: unknown, itemId: unknown, raw: unknown): Promise<CardPayload> {
    const answer: BetterAnswer = parseBetter(raw);
    const { findings, item, voter } = await this.forParticipant(actor, surveyId, itemId);
    if (item.status !== 'done') throw new DomainError('closed', 'This is not done yet. We will ask you later.');
    await this.deps.loop.setBetter(actor.tenantId, findings.surveyId, item.id, voter, answer);
    return this.deps.cards.check(await this.deps.findings.view(findings), item, '💚 Thank you. We saved your answer.');
  }

  /**
   * "Tell us more": screened like a survey answer. A concern goes to the lead (with who wrote it,
   * sealed as for anonymous answers) and the writer gets the easy-read reply; the owner never sees
   * those words. Otherwise the owner gets the comment 1:1, without a name.
   */
  async comment(actor: Actor, surveyId: unknown, itemId: unknown, raw: unknown): Promise<{ card: CardPayload; reply?: CardPayload }> {
    const text = parseComment(raw);
    const { findings, item, voter } = await this.forParticipant(actor, surveyId, itemId);
    const result = await this.deps.screen({
      tenantId: actor.tenantId,
      subjectId: findings.surveyId,
      subjectTitle: `${findings.title} (comment on "We did")`,
      questionId: `wedid-${item.id}`,
      questionText: `We did: ${item.text}`,
      responseKey: voter,
      text,
      anonymous: true,
      identity: { personKey: personKey(actor), userId: actor.userId, name: actor.name }
    });
    const fresh = await this.deps.loop.addComment(actor.tenantId, findings.surveyId, item.id, voter, hash(text));
    if (fresh && !result.flagged) {
      const delivery = await this.deps.sender.sendToPerson(findings.tenantId, findings.owner, this.deps.cards.ownerComment({ findings, item, text }));
      if (!delivery.delivered) await this.audit(findings.tenantId, 'system', 'loop.commentNotDelivered', 'summary', findings.surveyId, `${item.id}: ${delivery.reason}`);
    }
    if (fresh) await this.audit(findings.tenantId, 'participant', 'loop.comment', 'summary', findings.surveyId, `${item.id}${result.flagged ? ' (passed to the safeguarding lead)' : ''}`);
    const card = this.deps.cards.weDidEasy(await this.deps.findings.view(findings), '💬 Thank you. We have sent what you told us.');
    return { card, reply: result.reply };
  }

  private async refreshFlag(findings: Findings, item: WeDid): Promise<void> {
    const [tallies, threshold] = await Promise.all([this.deps.loop.tallies(findings.tenantId, findings.surveyId), this.deps.surveys.threshold(findings.tenantId)]);
    const flagged = notWhatMajority(tallies[item.id] ?? emptyTally(), threshold);
    const key = `${findings.surveyId}|${item.id}`;
    await this.deps.loop.updateCounters(findings.tenantId, (c) => {
      const flags = { ...c.notWhatFlags };
      if (flagged) flags[key] = `${findings.title}: ${item.text}`.slice(0, 200);
      else delete flags[key];
      return { ...c, notWhatFlags: flags };
    });
  }

  /** The counts beside each "We did", suppressed: for the owner, or in the working group's team. */
  async figures(actor: Actor, surveyId: unknown, teamId?: string): Promise<FindingsFigures> {
    const findings = await this.deps.findings.get(actor.tenantId, surveyId);
    const isOwner = findings.owner === personKey(actor);
    const inGroup = teamId !== undefined && findings.teamId !== undefined && teamId === findings.teamId;
    if (!isOwner && !inGroup) throw new DomainError('forbidden', 'Only the owner of these findings and their working group can see what people said back.');
    return this.figuresOf(findings);
  }

  /** `findings reactions`: the person's own published findings, and in a working group's channel that group's. */
  async figuresFor(actor: Actor, teamId?: string): Promise<FindingsFigures[]> {
    const all = (await this.deps.listFindings(actor.tenantId)).filter((f) => f.state === 'published');
    const visible = all.filter((f) => f.owner === personKey(actor) || (teamId !== undefined && f.teamId === teamId));
    return Promise.all(visible.map((f) => this.figuresOf(f)));
  }

  async figuresOf(findings: Findings): Promise<FindingsFigures> {
    const [tallies, threshold] = await Promise.all([this.deps.loop.tallies(findings.tenantId, findings.surveyId), this.deps.surveys.threshold(findings.tenantId)]);
    return {
      findings,
      threshold,
      items: findings.weDid.map((item) => {
        const t: ItemTally = tallies[item.id] ?? emptyTally();
        return { item, shown: shownTally(t, threshold), flagged: notWhatMajority(t, threshold) };
      })
    };
  }

  /** Called when a published "We did" becomes done: the check goes `checkAfterDays` later (one due item per item). */
  async scheduleCheck(findings: Findings, item: WeDid): Promise<void> {
    const settings = await this.deps.loop.settings(findings.tenantId);
    await this.deps.due.schedule({
      tenantId: findings.tenantId,
      kind: LOOP_CHECK_JOB,
      key: `${findings.surveyId}|${item.id}`,
      dueAt: checkDueAt(this.deps.clock.now(), settings.checkAfterDays),
      payload: { surveyId: findings.surveyId, itemId: item.id }
    });
  }

  /** Scheduler handler: the check 1:1 to everyone who took part, in their allowed hours, once each. */
  async runCheck(due: DueItem): Promise<void> {
    const surveyId = String(due.payload.surveyId);
    const itemId = String(due.payload.itemId);
    let findings: Findings;
    try {
      findings = await this.deps.findings.get(due.tenantId, surveyId);
    } catch {
      return; // deleted since
    }
    const item = findings.weDid.find((w) => w.id === itemId);
    if (findings.state !== 'published' || !item || item.status !== 'done') return; // moved on: nothing to ask
    const view = await this.deps.findings.view(findings);
    const now = this.deps.clock.now();
    const hours = await this.deps.allowedHours(due.tenantId);
    if (!isAllowedNow(now, view.survey.cohort, hours)) {
      await this.deps.due.schedule({ tenantId: due.tenantId, kind: LOOP_CHECK_JOB, key: due.key, dueAt: nextAllowedTime(now, view.survey.cohort, hours), payload: due.payload });
      return;
    }
    const card = this.deps.cards.check(view, item);
    const problems = this.deps.checkEasyRead(card);
    if (problems.length > 0) throw new Error(`the check card failed the easy-read check: ${problems[0]}`);
    const what = `check-${item.id}`;
    const people = await this.deps.surveys.attendees(due.tenantId, surveyId);
    const { sent, failed } = await sendOncePerPerson(this.deps.markers, { tenantId: due.tenantId, surveyId, what }, people, (person) =>
      this.deps.sender.sendToPerson(due.tenantId, person.personKey, card)
    );
    await this.audit(due.tenantId, 'system', 'loop.checkSent', 'summary', surveyId, `${item.id}: ${sent} sent, ${failed} not reachable`);
  }

  // ---- the printable page (people who took part without Teams) --------------------------------

  /** `findings print`: a signed link to the printable page of each of the person's published findings. */
  async printLinks(actor: Actor): Promise<{ findings: Findings; path: string; expiresAt: Date }[]> {
    const expiresAt = new Date(this.deps.clock.now().getTime() + PRINT_LINK_DAYS * 86_400_000);
    const mine = (await this.deps.listFindings(actor.tenantId)).filter((f) => f.state === 'published' && f.owner === personKey(actor));
    const links = mine.map((findings) => ({ findings, path: pagePath(this.deps.voterSecret, actor.tenantId, findings.surveyId, expiresAt), expiresAt }));
    for (const l of links) await this.audit(actor.tenantId, personKey(actor), 'loop.printLink', 'summary', l.findings.surveyId, `until ${expiresAt.toISOString()}`, actor.name);
    return links;
  }

  /** The findings behind a printable link, once the link is verified (`not_found` otherwise, or when unpublished). */
  async printable(tenantId: string, surveyId: string, expires: unknown, sig: unknown): Promise<Findings> {
    verifyPageLink(this.deps.voterSecret, tenantId, surveyId, expires, sig, this.deps.clock.now());
    const findings = await this.deps.findings.get(tenantId, surveyId);
    if (findings.state !== 'published') throw new DomainError('not_found', 'This link has expired or does not exist.');
    return findings;
  }

  // ---- Tell us ------------------------------------------------------------------------------

  async settings(tenantId: string): Promise<LoopSettings> {
    return this.deps.loop.settings(tenantId);
  }

  /**
   * A view raised at any time: screened like a survey answer, then routed to the owner of the chosen
   * service area. A concern goes to the lead with the words (the owner is told only that a view was
   * passed on). Counted for the digest and audited (never the words). Returns what the sender is told.
   */
  async tellUs(actor: Actor, values: Record<string, unknown>): Promise<{ area: ServiceArea; delivered: boolean; flagged: boolean; reply?: CardPayload }> {
    const settings = await this.deps.loop.settings(actor.tenantId);
    if (settings.areas.length === 0) throw new DomainError('closed', 'Tell us is not set up yet. Ask an administrator to add the service areas.');
    const input = parseTellUs(values, settings.areas);
    const responseKey = voterKey(this.deps.voterSecret, actor.tenantId, TELL_US_SUBJECT, personKey(actor));
    const result = await this.deps.screen({
      tenantId: actor.tenantId,
      subjectId: TELL_US_SUBJECT,
      subjectTitle: `Tell us: ${input.area.name}`,
      questionId: input.area.id,
      questionText: `Tell us (${input.role})`,
      responseKey,
      text: input.text,
      anonymous: false,
      respondent: { name: actor.name, userId: actor.userId }
    });
    // Once per person, area, words and day: a retried invoke neither sends nor counts twice.
    const now = this.deps.clock.now();
    const day = londonDate(now);
    const what = `tellus-${hash(`${personKey(actor)}\n${input.area.id}\n${input.text}\n${day}`)}`;
    if (!(await this.deps.markers.claimSend(actor.tenantId, TELL_US_SUBJECT, input.area.ownerKey, what))) {
      return { area: input.area, delivered: true, flagged: result.flagged, reply: result.reply };
    }
    const card = this.deps.cards.tellUsOwner(
      result.flagged ? { area: input.area, role: input.role, withheld: true } : { area: input.area, role: input.role, text: input.text, from: actor.name, withheld: false }
    );
    const delivery = await this.deps.sender.sendToPerson(actor.tenantId, input.area.ownerKey, card);
    // Not reachable and nothing for the lead: the claim is given back so the sender can try again.
    if (!delivery.delivered && !result.flagged) {
      await this.deps.markers.releaseSend(actor.tenantId, TELL_US_SUBJECT, input.area.ownerKey, what);
      await this.audit(actor.tenantId, personKey(actor), 'tellus.notDelivered', 'tellus', input.area.id, `${input.area.name}: ${delivery.reason}`);
      return { area: input.area, delivered: false, flagged: false };
    }
    await this.deps.markers.recordSend(actor.tenantId, TELL_US_SUBJECT, { personKey: input.area.ownerKey, what, state: delivery.delivered ? 'sent' : 'failed', activityId: delivery.delivered ? delivery.activityId : undefined });
    await this.deps.loop.updateCounters(actor.tenantId, (c) => ({ ...c, tellUsByDay: { ...c.tellUsByDay, [day]: (c.tellUsByDay[day] ?? 0) + 1 } }));
    await this.audit(actor.tenantId, personKey(actor), 'tellus.raised', 'tellus', input.area.id, `${input.area.name}; ${input.role}; ${result.flagged ? 'passed to the safeguarding lead' : 'sent to the owner'}`);
    return { area: input.area, delivered: true, flagged: result.flagged, reply: result.reply };
  }

  /** How many "Tell us" views were raised from `from` to `to` (London dates, inclusive): for the digest and the audit. */
  async countTellUs(tenantId: string, from: string, to: string): Promise<number> {
    return sumDays((await this.deps.loop.counters(tenantId)).tellUsByDay, from, to);
  }

  /** What the digest shows: "Not what we said" items and the "Tell us" views of the last 7 days. */
  async digestFigures(tenantId: string): Promise<{ notWhatWeSaid: string[]; tellUsLast7Days: number }> {
    const counters = await this.deps.loop.counters(tenantId);
    const today = londonDate(this.deps.clock.now());
    const from = londonDate(new Date(this.deps.clock.now().getTime() - 6 * 86_400_000));
    return { notWhatWeSaid: Object.values(counters.notWhatFlags).sort(), tellUsLast7Days: sumDays(counters.tellUsByDay, from, today) };
  }

  async addArea(actor: Actor, values: Record<string, unknown>): Promise<LoopSettings> {
    this.requireAdmin(actor);
    let added: ServiceArea | undefined;
    const saved = await this.deps.loop.updateSettings(actor.tenantId, (s) => {
      const ids = s.areas.map((a) => Number(a.id.slice(1))).filter(Number.isInteger);
      added = parseArea(values, s.areas, `a${Math.max(0, ...ids) + 1}`);
      return { ...s, areas: [...s.areas, added] };
    });
    await this.audit(actor.tenantId, personKey(actor), 'tellus.areaAdded', 'tellus', added!.id, `${added!.name} → ${added!.ownerName ?? added!.ownerKey}`, actor.name);
    return saved;
  }

  async removeArea(actor: Actor, areaId: unknown): Promise<LoopSettings> {
    this.requireAdmin(actor);
    let removed: ServiceArea | undefined;
    const saved = await this.deps.loop.updateSettings(actor.tenantId, (s) => {
      removed = s.areas.find((a) => a.id === areaId);
      if (!removed) throw new DomainError('not_found', 'That service area is no longer there.');
      return { ...s, areas: s.areas.filter((a) => a.id !== areaId) };
    });
    await this.audit(actor.tenantId, personKey(actor), 'tellus.areaRemoved', 'tellus', removed!.id, removed!.name, actor.name);
    return saved;
  }

  requireAdmin(actor: Actor): void {
    if (!this.deps.isAdmin(actor)) throw new DomainError('forbidden', 'Only administrators can set the service areas for Tell us.');
  }

  private async audit(tenantId: string, actor: string, action: string, subjectType: string, subjectId: string, detail: string, actorName?: string): Promise<void> {
    await this.deps.audit.append({ tenantId, at: this.deps.clock.now(), actor, actorName, action, subjectType, subjectId, detail });
  }
}

/**
 * Wraps the findings repository (applied where the findings module builds it): when a save makes a
 * "We did" of published findings done, `onDone` runs (the loop schedules its check). Like the digest
 * aggregates, not atomic with the write: a crash between the two skips that check.
 */
export function findingsWithDoneChecks(inner: FindingsRepository, onDone: (findings: Findings, item: WeDid) => Promise<void>): FindingsRepository {
  return Object.assign(Object.create(inner) as FindingsRepository, {
    async save(findings: Findings) {
      const before = await inner.get(findings.tenantId, findings.surveyId);
      const saved = await inner.save(findings);
      if (saved.state === 'published') {
        for (const item of saved.weDid) {
          const was = before?.state === 'published' ? before.weDid.find((w) => w.id === item.id)?.status : undefined;
          if (item.status === 'done' && was !== 'done') await onDone(saved, item);
        }
      }
      return saved;
    }
  });
}
