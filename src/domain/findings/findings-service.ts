/**
 * Closing the loop: recording findings, optional working-group approval (subject type "summary" on
 * the generic approval mechanism), publishing them to a channel and 1:1 to every person who took
 * part (from attendance, never answers), and following up when a "We did" status changes.
 * Framework-free; docs/findings.md explains the choices.
 */
import type { SubjectSummary } from '../approvals/ports';
import { roundIdFor } from '../approvals/approval-round';
import type { ApprovalService } from '../approvals/approval-service';
import type { Clock } from '../shared/clock';
import { type Actor, type StoredConversation, personKey } from '../shared/conversation';
import { DomainError, isDomainError } from '../shared/errors';
import { FINDINGS_LIMITS, FINDINGS_STATE_LABELS, type Findings, type FindingsFigures, type PhotoRef, STATUS_LABELS, type WeDid, checkReason, figuresOf, nextId, parseNextUpdate, parseStatus, parseWeDid, parseYouSaid, publishProblem } from './findings';
import type { Plan } from '../plans/plan';
import { londonDate } from '../plans/plan-service';
import type { AuditLog, CardPayload, ConversationRepository, Delivery, DueItem, DueItemRepository, ProactiveSender } from '../shared/ports';
import { type AllowedHours, isAllowedNow, nextAllowedTime } from '../delivery/quiet-hours';
import { REASONS } from '../delivery/delivery';
import type { SearchItem } from '../search/search';
import type { SearchService } from '../search/search-service';
import type { Survey } from '../surveys/survey';
import type { SurveyService } from '../surveys/survey-service';
import { cleanText } from '../shared/text';
import type { FlaggedTextFilter } from '../safeguarding/withheld-text';
import type { FindingsRepository } from './ports';
import { sendOncePerPerson } from './send-once';

export const FINDINGS_SEND_JOB = 'findings.send';
/** The approval mechanism's subject type for findings records (plans' own text findings use "findings"). */
export const SUMMARY_SUBJECT = 'summary' as const;

/** What every rendering needs. */
export interface FindingsView {
  findings: Findings;
  survey: Survey;
  figures: FindingsFigures;
}

export interface FindingsCards {
  /** Standard card for a channel. */
  standard(view: FindingsView): CardPayload;
  /** Easy-read card for each participant. */
  easy(view: FindingsView): CardPayload;
  /** Short easy-read follow-up after a status change. */
  followUp(view: FindingsView, item: WeDid): CardPayload;
  /** For the author, 1:1, once the publish sends are done: how many the card reached and why the rest not. */
  sentReport?(report: SendReport): CardPayload;
}

/** What a publish's 1:1 sends did: people reached, and those not reached by reason. */
export interface SendReport {
  title: string;
  sent: number;
  notReached: { reason: string; count: number }[];
}

/** "Sent to 2, 1 not reachable: app not installed" — only numbers that were sent (or not) are ever announced. */
export function describeSendReport(report: SendReport): string {
  const parts = [`Sent to ${report.sent}`, ...report.notReached.map((r) => `${r.count} ${r.reason}`)];
  return `${parts.join(', ')}.`;
}

/** Said to the author for a person the card could not reach (as survey delivery says it). */
const NOT_REACHABLE = REASONS.notReachable;

/** Why a person was not reached, in the author's words. */
function reasonForAuthor(reason: string | undefined): string {
  if (!reason || reason === NOT_REACHABLE || reason.startsWith('no 1:1 chat')) return NOT_REACHABLE;
  if (/\(403\)/.test(reason)) return 'not reachable: blocked or uninstalled';
  if (/\(404\)/.test(reason)) return 'not reachable: chat not found';
  return 'not reachable';
}

export interface FindingsServiceDeps {
  findings: FindingsRepository;
  surveys: SurveyService;
  plans: { get(tenantId: string, planId: string): Promise<Plan> };
  approvals: ApprovalService;
  conversations: ConversationRepository;
  sender: ProactiveSender;
  due: DueItemRepository;
  audit: AuditLog;
  clock: Clock;
  cards: FindingsCards;
  /** The easy-read check (src/cards/shared/easy-read.ts): every participant card must pass it. */
  checkEasyRead: (card: unknown) => string[];
  /** Allowed hours of the tenant (delivery settings). */
  allowedHours: (tenantId: string) => Promise<AllowedHours>;
  /** Answers passed to the safeguarding lead: never offered, accepted or shown as quotes. */
  withheld: FlaggedTextFilter;
  search?: SearchService;
  /** Photos added as "You said" sources (docs/findings.md): deleted with their theme or the findings. */
  photos?: { remove(tenantId: string, name: string): Promise<boolean>; removeForSurvey(tenantId: string, surveyId: string): Promise<number> };
}

/** How published findings are listed in search: visible to their owner and in the channel they went to. */
export function findingsSearchItem(f: Findings): SearchItem {
  return {
    tenantId: f.tenantId,
    kind: 'summary',
    id: f.surveyId,
    title: `You said, we did: ${f.title}`,
    subtitle: f.youSaid.map((t) => t.text).join(' · ').slice(0, 300),
    ownerKey: f.owner,
    createdAt: f.publishedAt ?? f.createdAt,
    conversationId: f.channel?.conversationId
  };
}

const MAX_ATTEMPTS = 8;

export class FindingsService {
  constructor(private readonly deps: FindingsServiceDeps) {
    deps.approvals.registerSubject(SUMMARY_SUBJECT, {
      summary: async (tenantId, subjectId) => {
        const findings = await deps.findings.get(tenantId, subjectId);
        return findings ? approvalSummary(await this.withoutWithheldQuotes(findings)) : undefined;
      },
      closed: async (round) => {
        for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
          const findings = await deps.findings.get(round.tenantId, round.subjectId);
          if (!findings || findings.currentRoundId !== round.roundId || findings.state !== 'withGroup') return;
          const state = round.outcome === 'approved' ? 'approved' : round.outcome === 'withdrawn' ? 'draft' : 'changesRequested';
          try {
            await deps.findings.save({ ...findings, state, updatedAt: deps.clock.now() });
            await this.audit('system', undefined, findings, `findings.${state}`, `round ${round.number}`, round.roundId);
            return;
          } catch (error) {
            if (!isConflict(error)) throw error;
          }
        }
      }
    });
  }

  async get(tenantId: string, surveyId: unknown): Promise<Findings> {
    const id = typeof surveyId === 'string' ? surveyId.toLowerCase() : '';
    const findings = /^[0-9a-f-]{36}$/.test(id) ? await this.deps.findings.get(tenantId, id) : undefined;
    if (!findings) throw new DomainError('not_found', 'These findings no longer exist.');
    return findings;
  }

  async getOwned(tenantId: string, surveyId: unknown, actor: Actor): Promise<Findings> {
    const findings = await this.get(tenantId, surveyId);
    if (findings.owner !== personKey(actor)) throw new DomainError('forbidden', 'Only the person who wrote these findings can change them.');
    return findings;
  }

  /**
   * The findings of one of the person's surveys, created empty the first time and linked to a plan: the
   * survey's own (chosen at "survey new", so never asked again), else one of the person's own plans.
   */
  async open(tenantId: string, surveyId: unknown, actor: Actor, planId?: unknown): Promise<Findings> {
    const survey = await this.deps.surveys.getOwned(tenantId, surveyId, actor);
    const existing = await this.deps.findings.get(tenantId, survey.surveyId);
    if (existing) return existing;
    const plan = survey.planId ? await this.surveyPlan(tenantId, survey.planId) : await this.ownPlan(tenantId, planId, actor);
    const now = this.deps.clock.now();
    const later = new Date(now.getTime() + 42 * 86_400_000);
    try {
      const created = await this.deps.findings.create({
        tenantId,
        surveyId: survey.surveyId,
        planId: plan?.planId,
        title: survey.title,
        owner: personKey(actor),
        ownerName: actor.name,
        ownerUserId: actor.userId,
        teamId: plan?.teamId,
        youSaid: [],
        weDid: [],
        nextUpdate: plan?.feedbackBy && plan.feedbackBy >= londonDate(now) ? plan.feedbackBy : londonDate(later),
        state: 'draft',
        roundCount: 0,
        version: 1,
        createdAt: now,
        updatedAt: now
      });
      await this.audit(personKey(actor), actor.name, created, 'findings.created', plan ? `plan ${plan.planId}` : 'standalone survey');
      return created;
    } catch (error) {
      // A double click: the other click created them.
      if (!isConflict(error)) throw error;
      return this.get(tenantId, survey.surveyId);
    }
  }

  /** The plan a survey was made under; a plan deleted since leaves the findings standalone. */
  private async surveyPlan(tenantId: string, planId: string): Promise<Plan | undefined> {
    try {
      return await this.deps.plans.get(tenantId, planId);
    } catch (error) {
      if (isDomainError(error) && error.code === 'not_found') return undefined;
      throw error;
    }
  }

  private async ownPlan(tenantId: string, planId: unknown, actor: Actor): Promise<Plan | undefined> {
    if (typeof planId !== 'string' || planId === '') return undefined;
    const plan = await this.deps.plans.get(tenantId, planId);
    if (plan.owner !== personKey(actor)) throw new DomainError('forbidden', 'You can link findings only to your own plan.');
    return plan;
  }

  /**
   * Everything the cards need: the findings, their survey and the suppressed figures. A quote chosen
   * before the screen flagged it is left out of every card drawn from here (it stays stored).
   */
  async view(findings: Findings): Promise<FindingsView> {
    const survey = await this.deps.surveys.get(findings.tenantId, findings.surveyId);
    const [tally, threshold, shown] = await Promise.all([
      this.deps.surveys.tally(survey),
      this.deps.surveys.threshold(findings.tenantId),
      this.withoutWithheldQuotes(findings)
    ]);
    return { findings: shown, survey, figures: figuresOf(survey, tally, threshold) };
  }

  /** Free-text answers the owner may quote: the results' texts, which never include one passed to the safeguarding lead. */
  async quotable(tenantId: string, surveyId: string, actor: Actor): Promise<string[]> {
    const results = await this.deps.surveys.results(tenantId, surveyId, actor);
    const texts = results.questions.flatMap((q) => q.freeTexts ?? []);
    return [...new Set(texts)].slice(0, 20);
  }

  async addYouSaid(tenantId: string, surveyId: unknown, actor: Actor, values: Record<string, unknown>): Promise<Findings> {
    const owned = await this.getOwned(tenantId, surveyId, actor);
    const survey = await this.deps.surveys.get(tenantId, owned.surveyId);
    const [quotable, withheld] = await Promise.all([this.quotable(tenantId, owned.surveyId, actor), this.deps.withheld.forTenant(tenantId)]);
    return this.mutate(tenantId, owned.surveyId, actor, 'findings.youSaidAdded', (f) => {
      if (f.youSaid.length >= FINDINGS_LIMITS.maxThemes) throw new DomainError('invalid_input', `At most ${FINDINGS_LIMITS.maxThemes} themes.`);
      const theme = parseYouSaid(values, survey, nextId('t', f.youSaid), { quotable, withheld });
      return { ...f, youSaid: [...f.youSaid, theme] };
    });
  }

  /** A "You said" whose source is a photo already stored (src/domain/findings/photos.ts); the caption is its text. */
  async addPhotoTheme(tenantId: string, surveyId: string, actor: Actor, caption: string, photo: PhotoRef): Promise<Findings> {
    const text = cleanText(caption, { field: 'caption', maxLength: FINDINGS_LIMITS.easyText, multiline: false }) || 'A photo of what people said (a mind map or drawing).';
    return this.mutate(tenantId, surveyId, actor, 'findings.youSaidAdded', (f) => {
      if (f.state === 'withGroup') throw new DomainError('conflict', 'These findings are with the working group. Add the photo once they have decided.');
      if (f.youSaid.length >= FINDINGS_LIMITS.maxThemes) throw new DomainError('invalid_input', `At most ${FINDINGS_LIMITS.maxThemes} themes.`);
      return { ...f, youSaid: [...f.youSaid, { id: nextId('t', f.youSaid), text, easyText: text, support: [], photo }] };
    });
  }

  async addWeDid(tenantId: string, surveyId: unknown, actor: Actor, values: Record<string, unknown>): Promise<Findings> {
    const owned = await this.getOwned(tenantId, surveyId, actor);
    return this.mutate(tenantId, owned.surveyId, actor, 'findings.weDidAdded', (f) => {
      if (f.weDid.length >= FINDINGS_LIMITS.maxResponses) throw new DomainError('invalid_input', `At most ${FINDINGS_LIMITS.maxResponses} responses.`);
      return { ...f, weDid: [...f.weDid, parseWeDid(values, nextId('w', f.weDid), this.deps.clock.now())] };
    });
  }

  async removeItem(tenantId: string, surveyId: unknown, actor: Actor, itemId: unknown): Promise<Findings> {
    const owned = await this.getOwned(tenantId, surveyId, actor);
    return this.mutate(tenantId, owned.surveyId, actor, 'findings.itemRemoved', (f) => {
      if (f.state === 'published') throw new DomainError('conflict', 'Published findings keep their items. Change a status instead.');
      const youSaid = f.youSaid.filter((t) => t.id !== itemId);
      const weDid = f.weDid.filter((w) => w.id !== itemId);
      if (youSaid.length === f.youSaid.length && weDid.length === f.weDid.length) throw new DomainError('not_found', 'That item is no longer there.');
      return { ...f, youSaid, weDid };
    }).then(async (changed) => {
      // The theme's photo goes with it.
      const photo = owned.youSaid.find((t) => t.id === itemId)?.photo;
      if (photo) await this.deps.photos?.remove(tenantId, photo.name);
      return changed;
    });
  }

  async setNextUpdate(tenantId: string, surveyId: unknown, actor: Actor, raw: unknown): Promise<Findings> {
    const owned = await this.getOwned(tenantId, surveyId, actor);
    const nextUpdate = parseNextUpdate(raw);
    return this.mutate(tenantId, owned.surveyId, actor, 'findings.nextUpdateSet', (f) => ({ ...f, nextUpdate }));
  }

  /**
   * Changes a "We did" status. On published findings the channel card is updated in place, and every
   * participant gets a short easy-read follow-up (scheduled in their allowed hours, once per status).
   */
  async setStatus(tenantId: string, surveyId: unknown, actor: Actor, itemId: unknown, rawStatus: unknown, rawReason: unknown): Promise<Findings> {
    const owned = await this.getOwned(tenantId, surveyId, actor);
    const status = parseStatus(rawStatus);
    const reason = cleanText(rawReason, { field: 'reason', maxLength: FINDINGS_LIMITS.reason, multiline: true });
    checkReason(status, reason);
    let changed = false;
    const saved = await this.mutate(tenantId, owned.surveyId, actor, 'findings.statusChanged', (f) => {
      const item = f.weDid.find((w) => w.id === itemId);
      if (!item) throw new DomainError('not_found', 'That "We did" item is no longer there.');
      changed = item.status !== status || item.reason !== reason;
      const updated: WeDid = { ...item, status, reason, updatedAt: this.deps.clock.now().toISOString() };
      return { ...f, weDid: f.weDid.map((w) => (w.id === item.id ? updated : w)) };
    }, `${String(itemId)} → ${STATUS_LABELS[status]}`);
    if (changed && saved.state === 'published') {
      await this.updateChannelCard(saved);
      await this.scheduleSend(saved, `status-${String(itemId)}-${status}`);
    }
    return saved;
  }

  /** The tenant's working groups, for choosing who approves findings that are not linked to a plan. */
  async workingGroups(tenantId: string): Promise<{ teamId: string; name: string }[]> {
    return (await this.deps.approvals.groups(tenantId)).map((g) => ({ teamId: g.teamId, name: g.name })).sort((a, b) => a.name.localeCompare(b.name));
  }

  /**
   * Sends the findings to the working group (the generic approval mechanism, subject "summary"): the
   * plan's, else the channel's where this was pressed, else the one chosen on the card.
   */
  async submitForApproval(tenantId: string, surveyId: unknown, actor: Actor, channel?: StoredConversation, chosenTeamId?: unknown): Promise<Findings> {
    const findings = await this.getOwned(tenantId, surveyId, actor);
    if (findings.state === 'withGroup') throw new DomainError('conflict', 'The findings are already with the working group.');
    if (findings.state === 'published') throw new DomainError('conflict', 'These findings are published already.');
    if (findings.youSaid.length === 0 && findings.weDid.length === 0) throw new DomainError('invalid_input', 'Add "You said" and "We did" first.');
    let teamId = findings.teamId ?? (channel?.conversationType === 'channel' ? channel.teamId : undefined);
    if (!teamId && typeof chosenTeamId === 'string' && chosenTeamId !== '') {
      if (!(await this.deps.approvals.group(tenantId, chosenTeamId))) throw new DomainError('not_found', 'That working group no longer exists. Choose another.');
      teamId = chosenTeamId;
    }
    if (!teamId) throw new DomainError('invalid_input', 'Choose the working group that should approve the findings.');
    const number = findings.roundCount + 1;
    const roundId = roundIdFor(SUMMARY_SUBJECT, findings.surveyId, number);
    const saved = await this.deps.findings.save({ ...findings, teamId, state: 'withGroup', roundCount: number, currentRoundId: roundId, updatedAt: this.deps.clock.now() });
    try {
      await this.deps.approvals.open({ tenantId, subjectType: SUMMARY_SUBJECT, subjectId: findings.surveyId, number, teamId, owner: actor });
    } catch (error) {
      const now = await this.deps.findings.get(tenantId, findings.surveyId);
      if (now) await this.deps.findings.save({ ...now, state: findings.state, roundCount: findings.roundCount, currentRoundId: findings.currentRoundId }).catch(() => undefined);
      throw error;
    }
    await this.audit(personKey(actor), actor.name, saved, 'findings.submitted', `round ${number}`, roundId);
    return saved;
  }

  /**
   * Publishes: the standard card to the chosen channel (which must have a stored conversation
   * reference: the bot is in it), then the easy-read card 1:1 to everyone who took part, in their
   * allowed hours, through the scheduler. Publishing again to the same channel updates the card there
   * and sends nobody anything twice.
   */
  async publish(tenantId: string, surveyId: unknown, actor: Actor, conversationId: string): Promise<{ findings: Findings; participants: number; sendsAt: Date }> {
    let findings = await this.getOwned(tenantId, surveyId, actor);
    const attendees = await this.deps.surveys.attendees(tenantId, findings.surveyId);
    const problem = publishProblem(findings, attendees.length);
    if (problem) throw new DomainError('invalid_input', problem);
    const channel = await this.deps.conversations.getConversation(tenantId, conversationId);
    if (!channel) {
      throw new DomainError('not_found', 'VoiceLoop is not in that channel (or chat) yet. Add VoiceLoop to it, then publish again.');
    }
    const view = await this.view(findings);
    const easyProblems = this.deps.checkEasyRead(this.deps.cards.easy(view));
    if (easyProblems.length > 0) {
      throw new DomainError('invalid_input', `The easy-read card is not easy enough yet. Give shorter easy-read versions: ${easyProblems.slice(0, 3).join('; ')}`);
    }
    const card = this.deps.cards.standard(view);
    if (findings.channel?.conversationId === channel.conversationId && findings.channelActivityId) {
      await this.deps.sender.updateInConversation(channel, findings.channelActivityId, card);
    } else {
      const activityId = await this.deps.sender.sendToConversation(channel, card);
      for (let attempt = 0; ; attempt++) {
        try {
          findings = await this.deps.findings.save({ ...findings, channel, channelActivityId: activityId, state: 'published', publishedAt: findings.publishedAt ?? this.deps.clock.now(), updatedAt: this.deps.clock.now() });
          break;
        } catch (error) {
          if (!isConflict(error) || attempt >= MAX_ATTEMPTS) throw error;
          findings = await this.getOwned(tenantId, findings.surveyId, actor);
        }
      }
    }
    const sendsAt = await this.scheduleSend(findings, 'publish');
    await this.audit(personKey(actor), actor.name, findings, 'findings.published', `channel ${channel.conversationId}; ${attendees.length} participants`);
    await this.deps.search?.put(findingsSearchItem(findings));
    return { findings, participants: attendees.length, sendsAt };
  }

  async remove(tenantId: string, surveyId: unknown, actor: Actor): Promise<void> {
    const findings = await this.getOwned(tenantId, surveyId, actor);
    if (findings.state === 'withGroup' && findings.currentRoundId) await this.deps.approvals.withdraw(tenantId, findings.currentRoundId, actor);
    await this.deps.findings.remove(tenantId, findings.surveyId);
    await this.deps.photos?.removeForSurvey(tenantId, findings.surveyId);
    await this.deps.search?.remove(tenantId, 'summary', findings.surveyId);
    await this.audit(personKey(actor), actor.name, findings, 'findings.deleted', findings.title);
  }

  listMine(actor: Actor): Promise<Findings[]> {
    return this.deps.findings.listByOwner(actor.tenantId, personKey(actor));
  }

  /** Scheduler handler: the 1:1 sends of a publish or a follow-up, in the survey cohort's allowed hours. */
  async runSend(item: DueItem): Promise<void> {
    const surveyId = String(item.payload.surveyId);
    const what = String(item.payload.what);
    const findings = await this.deps.findings.get(item.tenantId, surveyId);
    if (!findings || findings.state !== 'published') return; // deleted since: nothing to send
    const view = await this.view(findings);
    const now = this.deps.clock.now();
    const hours = await this.deps.allowedHours(item.tenantId);
    if (!isAllowedNow(now, view.survey.cohort, hours)) {
      await this.deps.due.schedule({ tenantId: item.tenantId, kind: FINDINGS_SEND_JOB, key: item.key, dueAt: nextAllowedTime(now, view.survey.cohort, hours), payload: item.payload });
      return;
    }
    let card: CardPayload;
    if (what === 'publish') card = this.deps.cards.easy(view);
    else {
      const itemId = what.split('-')[1] ?? '';
      const weDid = findings.weDid.find((w) => w.id === itemId);
      if (!weDid || `status-${weDid.id}-${weDid.status}` !== what) return; // the status moved on again: that follow-up is stale
      card = this.deps.cards.followUp(view, weDid);
    }
    if (this.deps.checkEasyRead(card).length > 0) throw new Error('a participant card failed the easy-read check');
    const attendees = await this.deps.surveys.attendees(item.tenantId, surveyId);
    // Never twice: the marker is created before the send; only its creator sends.
    const { sent, failed } = await sendOncePerPerson(this.deps.findings, { tenantId: item.tenantId, surveyId, what }, attendees, (person) => this.sendToAttendee(findings, person, card));
    if (what !== 'publish') await this.updateParticipantCards(findings, view);
    await this.audit('system', undefined, findings, 'findings.sent', `${what}: ${sent} sent, ${failed} not reachable`);
    if (what === 'publish' && sent + failed > 0) await this.reportSends(findings);
  }

  /**
   * One person who took part, 1:1: their stored chat, else the 1:1 chat created where the app is installed
   * for them (through the channel the findings went to) — someone who answered only in a group chat has none
   * stored yet. Refused for good: not reachable, said so to the author.
   */
  private async sendToAttendee(findings: Findings, person: { personKey: string; userId: string }, card: CardPayload): Promise<Delivery> {
    const stored = await this.deps.conversations.getPersonal(findings.tenantId, person.personKey);
    if (!stored) {
      if (!findings.channel || !person.userId || !this.deps.sender.openPersonal) return { delivered: false, reason: NOT_REACHABLE };
      const opened = await this.deps.sender.openPersonal(findings.channel, person);
      if (!opened) return { delivered: false, reason: NOT_REACHABLE };
    }
    return this.deps.sender.sendToPerson(findings.tenantId, person.personKey, card);
  }

  /** Tells the author 1:1 how many the published card reached, from the send markers (exact across retries). */
  private async reportSends(findings: Findings): Promise<void> {
    if (!this.deps.cards.sentReport) return;
    const markers = await this.deps.findings.sends(findings.tenantId, findings.surveyId, 'publish');
    const reasons = new Map<string, number>();
    for (const m of markers) if (m.state === 'failed') reasons.set(reasonForAuthor(m.reason), (reasons.get(reasonForAuthor(m.reason)) ?? 0) + 1);
    const report: SendReport = {
      title: findings.title,
      sent: markers.filter((m) => m.state === 'sent').length,
      notReached: [...reasons].map(([reason, count]) => ({ reason, count }))
    };
    const delivery = await this.deps.sender.sendToPerson(findings.tenantId, findings.owner, this.deps.cards.sentReport(report));
    if (!delivery.delivered) await this.audit('system', undefined, findings, 'findings.reportNotSent', delivery.reason);
  }

  // ---- internals ----------------------------------------------------------------------------

  /** The findings as cards may show them: without a quote the safeguarding screen now flags. */
  private async withoutWithheldQuotes(findings: Findings): Promise<Findings> {
    if (!findings.youSaid.some((t) => t.quote)) return findings;
    const withheld = await this.deps.withheld.forTenant(findings.tenantId);
    if (!findings.youSaid.some((t) => t.quote && withheld(t.quote))) return findings;
    return { ...findings, youSaid: findings.youSaid.map((t) => (t.quote && withheld(t.quote) ? { ...t, quote: undefined } : t)) };
  }

  private async scheduleSend(findings: Findings, what: string): Promise<Date> {
    const survey = await this.deps.surveys.get(findings.tenantId, findings.surveyId);
    const now = this.deps.clock.now();
    const dueAt = nextAllowedTime(now, survey.cohort, await this.deps.allowedHours(findings.tenantId));
    await this.deps.due.schedule({ tenantId: findings.tenantId, kind: FINDINGS_SEND_JOB, key: `${findings.surveyId}|${what}`, dueAt, payload: { surveyId: findings.surveyId, what } });
    return dueAt;
  }

  private async updateChannelCard(findings: Findings): Promise<void> {
    if (!findings.channel || !findings.channelActivityId) return;
    await this.deps.sender.updateInConversation(findings.channel, findings.channelActivityId, this.deps.cards.standard(await this.view(findings)));
  }

  /** The easy-read cards people already got show the new status too (best effort per person). */
  private async updateParticipantCards(findings: Findings, view: FindingsView): Promise<void> {
    const card = this.deps.cards.easy(view);
    for (const marker of await this.deps.findings.sends(findings.tenantId, findings.surveyId, 'publish')) {
      if (marker.state !== 'sent' || !marker.activityId) continue;
      const personal = await this.deps.conversations.getPersonal(findings.tenantId, marker.personKey);
      if (personal) await this.deps.sender.updateInConversation(personal, marker.activityId, card).catch(() => undefined);
    }
  }

  private async mutate(
    tenantId: string,
    surveyId: string,
    actor: Actor,
    action: string,
    change: (f: Findings) => Findings,
    detail?: string
  ): Promise<Findings> {
    for (let attempt = 0; ; attempt++) {
      const current = await this.getOwned(tenantId, surveyId, actor);
      if (current.state === 'withGroup') throw new DomainError('conflict', 'The findings are with the working group. Wait for their decision.');
      const next = change(current);
      // Approved findings that change need approving again (if they were sent for approval at all).
      const state = current.state === 'approved' || current.state === 'changesRequested' ? 'draft' : current.state;
      try {
        const saved = await this.deps.findings.save({ ...next, state, version: current.version + 1, updatedAt: this.deps.clock.now() });
        await this.audit(personKey(actor), actor.name, saved, action, detail ?? '');
        if (saved.state === 'published') await this.deps.search?.put(findingsSearchItem(saved));
        return saved;
      } catch (error) {
        if (!isConflict(error) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  private async audit(actor: string, actorName: string | undefined, findings: Findings, action: string, detail: string, roundId?: string): Promise<void> {
    await this.deps.audit.append({
      tenantId: findings.tenantId,
      at: this.deps.clock.now(),
      actor,
      actorName,
      action,
      subjectType: SUMMARY_SUBJECT,
      subjectId: findings.surveyId,
      roundId,
      teamId: findings.teamId,
      detail
    });
  }
}

const isConflict = (error: unknown): boolean => isDomainError(error) && error.code === 'conflict';

/** What the working group's approval card shows about the findings. */
export function approvalSummary(f: Findings): SubjectSummary {
  return {
    title: f.title,
    kindLabel: 'Findings: you said, we did',
    facts: [
      { title: 'Owner', value: f.ownerName ?? 'Unknown' },
      { title: 'State', value: FINDINGS_STATE_LABELS[f.state] },
      ...f.youSaid.map((t, i) => ({ title: `You said ${i + 1}`, value: t.quote ? `${t.text} (quote: "${t.quote}")` : t.text })),
      ...f.weDid.map((w, i) => ({
        title: `We did ${i + 1}`,
        value: `${w.text} · ${STATUS_LABELS[w.status]}${w.reason ? ` (${w.reason})` : ''} · ${w.owner}${w.when ? ` · ${w.when}` : ''}`
      })),
      { title: 'We will tell people more by', value: f.nextUpdate }
    ],
    checklist: []
  };
}
