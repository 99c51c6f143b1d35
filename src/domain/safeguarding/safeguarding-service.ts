/**
 * What happens when a free-text answer raises a concern (docs/delivery.md, "Safeguarding"):
 * - the designated safeguarding lead gets a 1:1 alert card naming the categories — once per answer,
 *   even if the answer is handled twice — and the young person gets an easy-read reply;
 * - the lead (or a deputy) presses "I'm dealing with this": who and when go on the alert row and in the
 *   audit trail (never the words), and every copy of the card says who is dealing with it;
 * - an alert nobody acknowledges within the tenant's time (working minutes) goes on to the deputy leads,
 *   by a leased due item (it survives a restart and runs once); people who already had it (the lead with
 *   no deputy; the deputies when no lead is set) get a "still not acknowledged" reminder, never the alert
 *   as if new, and the administrators a notice without the words;
 * - `safeguarding alerts` lists open alerts to the lead and deputies, and to nobody else.
 *
 * Alerts are at-least-once, unlike survey requests (at-most-once): the alert row is created before the
 * send and set to `sent` after it, and an answer handled again finds `pending` and sends again. A
 * duplicate alert costs the lead a moment; a lost one could cost a child's safety.
 */
import { createHash } from 'node:crypto';
import type { Clock } from '../shared/clock';
import { type Actor, personKey } from '../shared/conversation';
import { DomainError } from '../shared/errors';
import type { AuditLog, CardPayload, Delivery, DueItem, DueItemRepository } from '../shared/ports';
import { type Screening, type ScreeningCategory, SAFEGUARDING_WORDS_JOB, normalizeForScreening, screenText, wordsMayGo, wordsReleaseAt } from './safeguarding';
import { type DeliverySettings, type SafeguardingLead, SAFEGUARDING_LIMITS } from '../delivery/delivery-settings';
import type { DeliverySettingsRepository } from '../delivery/ports';
import { wallClock } from '../shared/time';
import { STAFF_CALENDAR, type WorkingCalendar, addWorkingMinutes, isWorkingTime } from '../shared/working-days';
import type { Question, Survey } from '../surveys/survey';
import { ConcernPhraseCache } from './concern-phrases';
import type { HarmCategory } from './harm-categories';
import type { AlertRef, SealedIdentityReader, IdentitySealer, AlertLedger, SealedIdentity, AlertRecord, EscalationKind } from './ports';

/** What the lead's (or a deputy's) alert card shows. */
export interface AlertCardInput {
  ref: AlertRef;
  subjectTitle: string;
  questionText?: string;
  text: string;
  /** The words were deleted with the survey's answers (retention). */
  wordsDeleted?: boolean;
  at: Date;
  timeZone: string;
  respondent?: string;
  anonymous: boolean;
  categories: ScreeningCategory[];
  /** "Possible harm" only: the categories it possibly is (a guess from the words). */
  possibly?: HarmCategory[];
  matches: string[];
  /** Raised outside working hours: the council's out-of-hours number, when set. */
  outOfHours?: { number?: string };
  acknowledged?: { name: string; at: Date };
  /**
   * Sent on because nobody acknowledged it in time. `as` (default from `toDeputies`): on to the deputies,
   * to the lead, or `again` — a "still not acknowledged" reminder to people who already had it.
   * `noLead`: no designated safeguarding lead was set.
   */
  escalation?: { at: Date; workingMinutes: number; toDeputies: boolean; as?: EscalationKind; noLead?: boolean };
  /** A line for the person who pressed (e.g. who pressed first). */
  notice?: string;
}

/** What the administrators are told when an alert is not acknowledged and no deputy is set: no words, no category, no person. */
export interface UnacknowledgedNoticeInput {
  subjectTitle: string;
  at: Date;
  timeZone: string;
  workingMinutes: number;
  leadName?: string;
  /** Nobody is named to receive alerts at all: the notice asks for a lead to be named now. */
  noLead?: boolean;
  /** No lead is set and the alert went to these deputy leads (names), who have not acknowledged it. */
  deputies?: string[];
}

/** One line of `safeguarding alerts`. */
export interface AlertSummary {
  ref: AlertRef;
  subjectTitle: string;
  raisedAt: Date;
  timeZone: string;
  categories: ScreeningCategory[];
  possibly?: HarmCategory[];
  acknowledged?: { name: string; at: Date };
  escalatedAt?: Date;
}

export interface SafeguardingDeps {
  settings: DeliverySettingsRepository;
  sealed: SealedIdentityReader & IdentitySealer;
  alerts: AlertLedger;
  /** 1:1 to a person by person key (the stored personal conversation); `updateForPerson` refreshes a card sent before. */
  sender: {
    sendToPerson(tenantId: string, personKey: string, card: CardPayload): Promise<Delivery>;
    updateForPerson?(tenantId: string, personKey: string, activityId: string, card: CardPayload): Promise<void>;
  };
  alertCard: (input: AlertCardInput) => CardPayload;
  replyCard: () => CardPayload;
  unacknowledgedCard: (input: UnacknowledgedNoticeInput) => CardPayload;
  /** Escalations are scheduled work (leased, retried, survive a restart). */
  due: DueItemRepository;
  /** Due-item kind of escalations (default SAFEGUARDING_ESCALATION_JOB); tests give their own to keep out of each other's way. */
  escalationJob?: string;
  audit: AuditLog;
  clock: Clock;
  /** The council's phrases, cached (shared with the withheld-text filter in the app); by default a cache of its own over `settings`. */
  phrases?: ConcernPhraseCache;
  /** Administrators' person keys (Entra object ids): told when an alert waits and no deputy is set. */
  administrators?: readonly string[];
  /** Working hours (the tenant's time zone replaces the calendar's). */
  calendar?: WorkingCalendar;
  log?: { error(fields: object, message: string): void; warn(fields: object, message: string): void };
}

export interface ScreenAnswer {
  tenantId: string;
  subjectId: string;
  subjectTitle: string;
  questionId: string;
  questionText?: string;
  /** The key of this response (the respondent key of the survey): one alert per (question, response). */
  responseKey: string;
  text: string;
  timeZone?: string;
  anonymous: boolean;
  /** Named surveys: who answered (shown to the lead). */
  respondent?: { name?: string; userId?: string };
  /**
   * Anonymous surveys: who answered, known to the turn. Kept only when the answer raises a concern,
   * sealed in its own table, and read back by this alert path alone.
   */
  identity?: SealedIdentity;
}

/** A written survey answer as the screen takes it: named answers name the respondent, anonymous ones seal who wrote it. */
export function surveyAnswerToScreen(survey: Survey, question: Question, text: string, actor: Actor, responseKey: string): ScreenAnswer {
  const anonymous = survey.anonymity !== 'named';
  return {
    tenantId: survey.tenantId,
    subjectId: survey.surveyId,
    subjectTitle: survey.title,
    questionId: question.id,
    questionText: question.text,
    responseKey,
    text,
    timeZone: survey.timeZone,
    anonymous,
    respondent: anonymous ? undefined : { name: actor.name, userId: actor.userId },
    identity: anonymous ? { personKey: personKey(actor), userId: actor.userId, name: actor.name } : undefined
  };
}

export interface ScreenResult extends Screening {
  /** The easy-read card for the young person, when flagged. */
  reply?: CardPayload;
  /** Whether the lead (or, with no lead, a deputy) has been told. */
  alerted: boolean;
}

export const SAFEGUARDING_ESCALATION_JOB = 'safeguarding.escalate';
/** How far back `safeguarding alerts` lists alerts already dealt with. */
export const DEALT_WITH_DAYS = 14;
/** Evidence kept and shown: a few short items, enough to see why (the words themselves are on the card). */
const EVIDENCE = { items: 3, length: 60 };
const DAY_MS = 86_400_000;

/** The alert's opaque id: stable for one answer, so scheduling its escalation twice keeps one item. */
/** A short fingerprint of what was written (normalised), so a changed answer is a new alert and a repeat is not. */
const wordsKey = (text: string): string => createHash('sha256').update(normalizeForScreening(text)).digest('base64url').slice(0, 12);

export const alertIdOf = (subjectId: string, alertKey: string): string =>
  createHash('sha256').update(`${subjectId}\n${alertKey}`).digest('base64url').slice(0, 22);

/** "16:05" in the time zone. */
export function clockTime(at: Date, timeZone: string): string {
  const w = wallClock(at, timeZone);
  return `${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
}

/** "1 working hour", "30 working minutes", "1 hour 30 minutes of working time". */
export function workingTimeText(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} working minute${rest === 1 ? '' : 's'}`;
  if (rest === 0) return `${hours} working hour${hours === 1 ? '' : 's'}`;
  return `${hours} hour${hours === 1 ? '' : 's'} ${rest} minute${rest === 1 ? '' : 's'} of working time`;
}

const FORBIDDEN = 'Only the designated safeguarding lead and the deputy leads can see or act on safeguarding alerts.';

export class SafeguardingService {
  private readonly phrases: ConcernPhraseCache;

  readonly escalationJob: string;

  constructor(private readonly deps: SafeguardingDeps) {
    this.escalationJob = deps.escalationJob ?? SAFEGUARDING_ESCALATION_JOB;
    this.phrases = deps.phrases ?? new ConcernPhraseCache(deps.settings, deps.clock);
  }

  /** The tenant's lead, if set. */
  async lead(tenantId: string): Promise<SafeguardingLead | undefined> {
    return (await this.deps.settings.get(tenantId)).safeguardingLead;
  }

  /** The lead and the deputies. */
  async team(tenantId: string): Promise<{ lead?: SafeguardingLead; deputies: SafeguardingLead[] }> {
    const settings = await this.deps.settings.get(tenantId);
    return { lead: settings.safeguardingLead, deputies: settings.safeguardingDeputies };
  }

  /** True for the lead and the deputies: the people who see alerts. */
  async isLeadOrDeputy(actor: Actor): Promise<boolean> {
    return isTeam(await this.deps.settings.get(actor.tenantId), personKey(actor));
  }

  /** Screens one free-text answer on arrival; on a concern, alerts the lead and returns the reply card. */
  async screenAnswer(input: ScreenAnswer): Promise<ScreenResult> {
    // The category rules need nothing from storage: if the council's phrases cannot be read, screen without them.
    // The tenant's phrases at most PHRASES_TTL_MS old (concern-phrases.ts): answers arrive by the dozen in a session.
    const phrases = await this.phrases.get(input.tenantId).catch((error: unknown) => {
      this.deps.log?.error({ tenantId: input.tenantId, err: String(error) }, 'safeguarding: council phrases unreadable, screening with the category rules alone');
      return [] as string[];
    });
    const screening = screenText(input.text, phrases);
    if (!screening.flagged) return { ...screening, alerted: false };
    const reply = this.deps.replyCard();
    // The young person always gets the reply: a failure on the way to the lead is logged (and the
    // escalation, once planned, still runs), never shown to them or to a group.
    try {
      return { ...screening, reply, alerted: await this.raiseAlert(input, screening) };
    } catch (error) {
      this.deps.log?.error({ tenantId: input.tenantId, subjectId: input.subjectId, err: String(error) }, 'safeguarding alert could not be raised');
      return { ...screening, reply, alerted: false };
    }
  }

  /** Records the alert and sends it to the lead (or, with no lead, the deputies); true when someone got it. */
  private async raiseAlert(input: ScreenAnswer, screening: Screening): Promise<boolean> {
    // A concern: the lead as stored now, never a cached one.
    const settings = await this.deps.settings.get(input.tenantId);
    const lead = settings.safeguardingLead;
    // No lead (cleared since the survey was published): the deputies are told at once instead.
    const first = lead ? [lead] : settings.safeguardingDeputies;
    const alertKey = await this.alertKeyFor(input);
    const { state, alert } = await this.deps.alerts.begin({
      tenantId: input.tenantId,
      subjectId: input.subjectId,
      alertKey,
      alertId: alertIdOf(input.subjectId, alertKey),
      subjectTitle: input.subjectTitle,
      questionId: input.questionId,
      questionText: input.questionText,
      responseKey: input.responseKey,
      text: input.text,
      categories: screening.categories,
      possibly: screening.possibly,
      matches: screening.matches.slice(0, EVIDENCE.items).map((m) => (m.length > EVIDENCE.length ? `${m.slice(0, EVIDENCE.length - 1)}…` : m)),
      anonymous: input.anonymous,
      respondent: input.anonymous ? undefined : (input.respondent?.name ?? input.respondent?.userId),
      raisedAt: this.deps.clock.now(),
      timeZone: input.timeZone ?? settings.allowedHours.timeZone,
      ackMinutes: settings.alertAckMinutes
    });
    if (state === 'sent') return true;
    // Planned before the lead is tried: an alert that cannot reach the lead needs the deputies all the more.
    await this.scheduleEscalation(alert, settings);
    if (input.anonymous && input.identity) {
      // Who wrote it helps the lead, but the alert matters more: a sealing failure never holds it back.
      await this.deps.sealed.seal(input.tenantId, input.subjectId, input.responseKey, input.identity).catch((error: unknown) => {
        this.deps.log?.error({ tenantId: input.tenantId, alertId: alert.alertId, err: String(error) }, 'safeguarding: the identity could not be sealed; alerting without it');
      });
    }
    if (first.length === 0) {
      // Nobody to send it to: the alert waits (with its words) for a lead or deputy to be named, and the
      // administrators are told now, without the words, to name one.
      this.deps.log?.error({ tenantId: input.tenantId, subjectId: input.subjectId, alertId: alert.alertId }, 'safeguarding concern but no safeguarding lead or deputy is set');
      await this.tellAdministrators(input.tenantId, alert, { noLead: true });
      return false;
    }
    if (!lead) this.deps.log?.error({ tenantId: input.tenantId, subjectId: input.subjectId }, 'safeguarding concern but no safeguarding lead is set: alerting the deputies');
    return this.sendWaiting(alert, first, settings);
  }

  /**
   * One alert per answer as written: the same words again (a retry, a second press) alert once; an answer
   * changed to other words is a new alert beside the first, so a disclosure added later is never lost.
   */
  private async alertKeyFor(input: ScreenAnswer): Promise<string> {
    const first = `${input.questionId}|${input.responseKey}`;
    const existing = await this.deps.alerts.get(input.tenantId, { subjectId: input.subjectId, alertKey: first });
    if (!existing || existing.wordsDeletedAt || normalizeForScreening(existing.text) === normalizeForScreening(input.text)) return first;
    return `${first}|${wordsKey(input.text)}`;
  }

  /** Sends an alert to each person; marks it sent once one of them has it. */
  private async sendWaiting(alert: AlertRecord, people: readonly SafeguardingLead[], settings: DeliverySettings): Promise<boolean> {
    const card = this.deps.alertCard(await this.cardInput(alert, settings));
    let current = alert;
    let alerted = false;
    for (const person of people) {
      const delivery = await this.deps.sender.sendToPerson(alert.tenantId, person.personKey, card);
      if (!delivery.delivered) {
        this.deps.log?.error({ tenantId: alert.tenantId, alertId: alert.alertId, reason: delivery.reason }, 'safeguarding alert could not be delivered');
        continue;
      }
      alerted = true;
      current = await this.recordSend(current, person.personKey, delivery.activityId);
    }
    if (alerted) await this.deps.alerts.markSent(alert.tenantId, alert.subjectId, alert.alertKey, this.deps.clock.now());
    return alerted;
  }

  /** The administrators' notice without the words (an alert waits unacknowledged, or with nobody to receive it). */
  private async tellAdministrators(tenantId: string, alert: AlertRecord, extra: { noLead?: boolean; leadName?: string }): Promise<number> {
    const notice = this.deps.unacknowledgedCard({ subjectTitle: alert.subjectTitle, at: alert.raisedAt, timeZone: alert.timeZone, workingMinutes: alert.ackMinutes, ...extra });
    let reached = 0;
    for (const key of new Set(this.deps.administrators ?? [])) {
      const delivery = await this.deps.sender.sendToPerson(tenantId, key, notice);
      if (delivery.delivered) reached++;
      else this.deps.log?.error({ tenantId, alertId: alert.alertId, reason: delivery.reason }, 'safeguarding notice could not be delivered to an administrator');
    }
    if (reached === 0) this.deps.log?.error({ tenantId, alertId: alert.alertId }, 'safeguarding notice reached no administrator');
    return reached;
  }

  /**
   * Alerts that reached nobody (no lead or deputy was named, or none could be reached) go to the lead, or
   * the deputies, as soon as one is named. Returns how many were sent.
   */
  async sendWaitingAlerts(tenantId: string): Promise<number> {
    const settings = await this.deps.settings.get(tenantId);
    const people = settings.safeguardingLead ? [settings.safeguardingLead] : settings.safeguardingDeputies;
    if (people.length === 0) return 0;
    let sent = 0;
    for (const alert of await this.deps.alerts.list(tenantId)) {
      if (alert.state === 'sent' || alert.acknowledged || alert.cards.length > 0) continue;
      if (await this.sendWaiting(alert, people, settings)) sent++;
    }
    return sent;
  }

  /** "I'm dealing with this": the first press is kept (ETag), audited and shown on every copy of the card. */
  async acknowledge(actor: Actor, ref: AlertRef, pressedActivityId?: string): Promise<{ first: boolean; card: CardPayload }> {
    const settings = await this.deps.settings.get(actor.tenantId);
    const key = personKey(actor);
    if (!isTeam(settings, key)) throw new DomainError('forbidden', FORBIDDEN);
    const at = this.deps.clock.now();
    let first = false;
    const alert = await this.deps.alerts.update(actor.tenantId, ref, (current) => {
      first = !current.acknowledged;
      return first ? { ...current, acknowledged: { by: key, name: actor.name, at } } : undefined;
    });
    if (!alert?.acknowledged) throw new DomainError('not_found', 'This alert is no longer stored in VoiceLoop.');
    const ack = alert.acknowledged;
    // The first press settles it; a later press finishes one a crash interrupted.
    if (first || !alert.ackSettled) await this.settleAcknowledgement(alert, settings, pressedActivityId);
    const since = clockTime(ack.at, alert.timeZone);
    const notice = first
      ? undefined
      : ack.by === key
        ? `You pressed "I'm dealing with this" already, at ${since}.`
        : `${ack.name ?? 'Someone'} pressed "I'm dealing with this" first, at ${since}: they are dealing with it.`;
    return { first, card: this.deps.alertCard(await this.cardInput(alert, settings, { notice })) };
  }

  /**
   * What follows an acknowledgement, each step safe to repeat: the words' release scheduled (if
   * retention kept them), the audit entry (keyed: stored once), every copy of the card refreshed, the
   * alert marked settled, and last the escalation cancelled. Run by the first press, and again by a later
   * press or the escalation job if a crash came between the acknowledgement and its audit.
   */
  private async settleAcknowledgement(alert: AlertRecord, settings: DeliverySettings, pressedActivityId?: string): Promise<void> {
    const ack = alert.acknowledged;
    if (!ack) return;
    const { tenantId } = alert;
    // Retention kept these words because nobody had read them: they may go a few days from now.
    const release = alert.wordsDueAt && !alert.wordsDeletedAt ? wordsReleaseAt(ack) : undefined;
    if (release) await this.deps.due.schedule({ tenantId, kind: SAFEGUARDING_WORDS_JOB, key: alert.subjectId, dueAt: release, payload: { surveyId: alert.subjectId } });
    await this.deps.audit.append({
      tenantId,
      at: ack.at,
      actor: ack.by,
      actorName: ack.name,
      action: 'safeguarding.alert.acknowledged',
      subjectType: 'safeguarding-alert',
      subjectId: alert.alertId,
      detail: `survey ${alert.subjectId}; raised ${alert.raisedAt.toISOString()}`,
      key: `ack-${alert.alertId}`
    });
    await this.refreshCopies(alert, settings, pressedActivityId);
    await this.deps.alerts.update(tenantId, alert, (current) => (current.ackSettled ? undefined : { ...current, ackSettled: true }));
    // Last: until here the escalation job stays due, and it finishes this if the process dies on the way.
    await this.deps.due.cancel(tenantId, this.escalationJob, alert.alertId);
  }

  /** The alert card again, for the lead or a deputy (from `safeguarding alerts`). */
  async alertCardFor(actor: Actor, ref: AlertRef): Promise<CardPayload> {
    const settings = await this.deps.settings.get(actor.tenantId);
    if (!isTeam(settings, personKey(actor))) throw new DomainError('forbidden', FORBIDDEN);
    const alert = await this.deps.alerts.get(actor.tenantId, ref);
    if (!alert) throw new DomainError('not_found', 'This alert is no longer stored in VoiceLoop.');
    return this.deps.alertCard(await this.cardInput(alert, settings));
  }

  /** `safeguarding alerts`: open ones first (oldest first), then those dealt with in the last DEALT_WITH_DAYS days (newest first). */
  async openAlerts(actor: Actor): Promise<{ open: AlertSummary[]; dealtWith: AlertSummary[] }> {
    const settings = await this.deps.settings.get(actor.tenantId);
    if (!isTeam(settings, personKey(actor))) throw new DomainError('forbidden', FORBIDDEN);
    const since = this.deps.clock.now().getTime() - DEALT_WITH_DAYS * DAY_MS;
    const all = await this.deps.alerts.list(actor.tenantId);
    const summary = (a: AlertRecord): AlertSummary => ({
      ref: { subjectId: a.subjectId, alertKey: a.alertKey },
      subjectTitle: a.subjectTitle,
      raisedAt: a.raisedAt,
      timeZone: a.timeZone,
      categories: a.categories,
      possibly: a.possibly,
      acknowledged: a.acknowledged ? { name: a.acknowledged.name ?? 'someone', at: a.acknowledged.at } : undefined,
      escalatedAt: a.escalatedAt
    });
    return {
      open: all.filter((a) => !a.acknowledged).sort((a, b) => a.raisedAt.getTime() - b.raisedAt.getTime()).map(summary),
      dealtWith: all
        .filter((a) => a.acknowledged && a.acknowledged.at.getTime() >= since)
        .sort((a, b) => (b.acknowledged?.at.getTime() ?? 0) - (a.acknowledged?.at.getTime() ?? 0))
        .map(summary)
    };
  }

  /**
   * The words job of one survey: clears the words retention kept on its alerts once each may go
   * (acknowledged, and `WORDS_KEPT_AFTER_ACK_DAYS` since); comes back for those still waiting.
   */
  async runWordsRelease(item: DueItem): Promise<void> {
    const { tenantId } = item;
    const subjectId = String(item.payload.surveyId ?? item.key);
    const now = this.deps.clock.now();
    const waiting = (await this.deps.alerts.list(tenantId)).filter((a) => a.subjectId === subjectId && a.wordsDueAt && !a.wordsDeletedAt);
    let next: Date | undefined;
    let cleared = 0;
    for (const alert of waiting) {
      const done = await this.deps.alerts.update(tenantId, alert, (current) =>
        current.wordsDeletedAt || !wordsMayGo(current.acknowledged, now) ? undefined : { ...current, text: '', respondent: undefined, matches: [], wordsDeletedAt: now }
      );
      if (done?.wordsDeletedAt) {
        cleared++;
        continue;
      }
      // Unread: look again tomorrow. Read lately: when its days are up.
      const at = wordsReleaseAt(done?.acknowledged) ?? new Date(now.getTime() + DAY_MS);
      if (!next || at < next) next = at;
    }
    if (next) await this.deps.due.schedule({ tenantId, kind: SAFEGUARDING_WORDS_JOB, key: subjectId, dueAt: next, payload: { surveyId: subjectId } });
    if (cleared > 0) {
      await this.deps.audit.append({
        tenantId, at: now, actor: 'system', action: 'safeguarding.alert.wordsDeleted', subjectType: 'survey', subjectId,
        detail: `words of ${cleared} acknowledged alert(s) deleted after retention; ${waiting.length - cleared} still kept`
      });
    }
  }

  /**
   * The due item of an alert nobody acknowledged in time (docs/delivery.md, "Escalation"). It goes further,
   * never the same alert again as if new to people who already have it:
   * - team members who did not have it yet (the deputies, after the lead; the lead, named after the alert
   *   went to the deputies) get the full card, headed escalated;
   * - when everyone on the team already had it (no deputy; or no lead, so the deputies were alerted at
   *   once), they get a "still not acknowledged" reminder of it, and the administrators a notice without
   *   the words; with no lead set the administrators are always told. Never nothing: with nobody named at
   *   all the administrators are asked to name someone.
   * Runs once: an alert acknowledged or already escalated is left alone, and a retry skips whoever it
   * already reached (the plan is the same on a retry: it is made from who had the card when raised).
   */
  async runEscalation(item: DueItem): Promise<void> {
    const { tenantId } = item;
    const ref = { subjectId: String(item.payload.subjectId), alertKey: String(item.payload.alertKey) };
    let alert = await this.deps.alerts.get(tenantId, ref);
    // Acknowledged meanwhile, but a crash left its follow-up half done (the escalation was not cancelled): finish it.
    if (alert?.acknowledged && !alert.ackSettled) return this.settleAcknowledgement(alert, await this.deps.settings.get(tenantId));
    if (!alert || alert.acknowledged || alert.escalatedAt) return;
    const settings = await this.deps.settings.get(tenantId);
    const lead = settings.safeguardingLead;
    const deputies = settings.safeguardingDeputies.filter((d) => d.personKey !== lead?.personKey);
    // Who has the card from when it was raised (copies an earlier attempt of this escalation sent do not count).
    const had = new Set(alert.cards.filter((c) => !c.escalation).map((c) => c.personKey));
    const freshDeputies = deputies.map((d) => d.personKey).filter((k) => !had.has(k));
    const freshLead = lead && !had.has(lead.personKey) ? [lead.personKey] : [];
    const as: EscalationKind = freshDeputies.length > 0 ? 'deputies' : freshLead.length > 0 ? 'lead' : 'again';
    const team = [...(lead ? [lead.personKey] : []), ...deputies.map((d) => d.personKey)];
    const full = as === 'again' ? team.filter((k) => had.has(k)) : [...freshLead, ...freshDeputies];
    const noLead = !lead;
    const admins = as === 'again' || noLead ? [...new Set(this.deps.administrators ?? [])].filter((k) => !full.includes(k)) : [];
    if (admins.length > 0 || as === 'again') {
      this.deps.log?.error(
        { tenantId, alertId: alert.alertId, administrators: admins.length },
        noLead
          ? 'safeguarding alert not acknowledged in time and no safeguarding lead is set: a reminder to the deputies, administrators told'
          : 'safeguarding alert not acknowledged in time and no deputy lead is set: sent to the lead again, administrators told'
      );
    }
    const at = this.deps.clock.now();
    const card = this.deps.alertCard(await this.cardInput(alert, settings, { escalation: { at, workingMinutes: alert.ackMinutes, toDeputies: as === 'deputies', as, noLead } }));
    const notice = this.deps.unacknowledgedCard({
      subjectTitle: alert.subjectTitle,
      at: alert.raisedAt,
      timeZone: alert.timeZone,
      workingMinutes: alert.ackMinutes,
      leadName: lead?.name,
      noLead: team.length === 0,
      deputies: noLead && deputies.length > 0 ? deputies.map((d) => d.name ?? d.userId) : undefined
    });
    let reached = 0;
    for (const [key, payload, keep] of [...full.map((k) => [k, card, true] as const), ...admins.map((k) => [k, notice, false] as const)]) {
      if (alert.escalatedTo.includes(key)) {
        reached++;
        continue;
      }
      const delivery = await this.deps.sender.sendToPerson(tenantId, key, payload);
      if (!delivery.delivered) {
        this.deps.log?.error({ tenantId, alertId: alert.alertId, reason: delivery.reason }, 'safeguarding escalation could not be delivered to one person');
        continue;
      }
      reached++;
      alert = await this.recordSend(alert, key, keep ? delivery.activityId : undefined, true);
    }
    if (reached === 0) this.deps.log?.error({ tenantId, alertId: alert.alertId }, 'safeguarding escalation reached nobody');
    await this.deps.alerts.update(tenantId, ref, (current) =>
      current.escalatedAt ? undefined : { ...current, escalatedAt: at, escalatedToDeputies: as === 'deputies', escalatedAs: as, escalatedWithoutLead: noLead }
    );
    const whom = as === 'deputies' ? `to ${full.length} deputy lead(s)` : as === 'lead' ? 'to the lead' : `a reminder to the ${full.length} who had it`;
    await this.deps.audit.append({
      tenantId,
      at,
      actor: 'system',
      action: 'safeguarding.alert.escalated',
      subjectType: 'safeguarding-alert',
      subjectId: alert.alertId,
      detail:
        `not acknowledged within ${alert.ackMinutes} working minutes: ${whom}` +
        `${noLead ? '; no lead set' : as === 'again' ? '; no deputy lead set' : ''}${admins.length > 0 ? `; ${admins.length} administrator(s) told` : ''}, ${reached} reached`
    });
  }

  /** Admin: sets (or clears) the tenant's designated safeguarding lead; the new lead stops being a deputy. */
  async setLead(tenantId: string, lead: SafeguardingLead | undefined, by?: Actor): Promise<void> {
    if (lead && !lead.personKey) throw new DomainError('invalid_input', 'Choose the person who is the designated safeguarding lead.');
    await this.deps.settings.update(tenantId, (current) => ({
      ...current,
      safeguardingLead: lead,
      safeguardingDeputies: current.safeguardingDeputies.filter((d) => d.personKey !== lead?.personKey)
    }));
    if (by) await this.auditTeam(by, lead ? 'safeguarding.lead.set' : 'safeguarding.lead.cleared', lead ? `lead: ${lead.name ?? lead.userId}` : 'no lead');
    if (lead) await this.sendWaitingAlerts(tenantId);
  }

  /** Admin: adds a deputy lead (the lead cannot also be a deputy). False when they already were one. */
  async addDeputy(by: Actor, deputy: SafeguardingLead): Promise<boolean> {
    let added = false;
    await this.deps.settings.update(by.tenantId, (current) => {
      if (current.safeguardingLead?.personKey === deputy.personKey) {
        throw new DomainError('invalid_input', 'You are the designated safeguarding lead. A deputy is someone else, who acts when the lead cannot.');
      }
      added = !current.safeguardingDeputies.some((d) => d.personKey === deputy.personKey);
      if (added && current.safeguardingDeputies.length >= SAFEGUARDING_LIMITS.deputies) {
        throw new DomainError('invalid_input', `There are already ${SAFEGUARDING_LIMITS.deputies} deputy leads, the most VoiceLoop keeps. Remove one first.`);
      }
      return added ? { ...current, safeguardingDeputies: [...current.safeguardingDeputies, deputy] } : current;
    });
    if (added) {
      await this.auditTeam(by, 'safeguarding.deputy.added', `deputy: ${deputy.name ?? deputy.userId}`);
      await this.sendWaitingAlerts(by.tenantId);
    }
    return added;
  }

  /** Removes deputies (admin: any; a deputy: themselves, checked by the caller). Returns those removed. */
  async removeDeputies(by: Actor, which: (deputy: SafeguardingLead) => boolean): Promise<SafeguardingLead[]> {
    let removed: SafeguardingLead[] = [];
    await this.deps.settings.update(by.tenantId, (current) => {
      removed = current.safeguardingDeputies.filter(which);
      return { ...current, safeguardingDeputies: current.safeguardingDeputies.filter((d) => !which(d)) };
    });
    if (removed.length > 0) await this.auditTeam(by, 'safeguarding.deputy.removed', `removed: ${removed.map((d) => d.name ?? d.userId).join(', ')}`);
    return removed;
  }

  private async auditTeam(by: Actor, action: string, detail: string): Promise<void> {
    await this.deps.audit.append({ tenantId: by.tenantId, at: this.deps.clock.now(), actor: personKey(by), actorName: by.name, action, subjectType: 'tenant', subjectId: by.tenantId, detail });
  }

  private calendarOf(settings: DeliverySettings): WorkingCalendar {
    return { ...(this.deps.calendar ?? STAFF_CALENDAR), timeZone: settings.allowedHours.timeZone };
  }

  /** Idempotent: the same alert always has the same item and due time (from when it was raised). */
  private async scheduleEscalation(alert: AlertRecord, settings: DeliverySettings): Promise<void> {
    await this.deps.due.schedule({
      tenantId: alert.tenantId,
      kind: this.escalationJob,
      key: alert.alertId,
      dueAt: addWorkingMinutes(alert.raisedAt, alert.ackMinutes, this.calendarOf(settings)),
      payload: { subjectId: alert.subjectId, alertKey: alert.alertKey }
    });
  }

  private async recordSend(alert: AlertRecord, key: string, activityId: string | undefined, escalation = false): Promise<AlertRecord> {
    const updated = await this.deps.alerts.update(alert.tenantId, alert, (current) => ({
      ...current,
      escalatedTo: escalation && !current.escalatedTo.includes(key) ? [...current.escalatedTo, key] : current.escalatedTo,
      // The newest copies: a card re-sent many times (a flaky chat) keeps the row small.
      cards: activityId ? [...current.cards, { personKey: key, activityId, ...(escalation ? { escalation: true } : {}) }].slice(-20) : current.cards
    }));
    return updated ?? alert;
  }

  /** Every copy of the card in Teams now says who is dealing with it (best effort: the press itself already counted). */
  private async refreshCopies(alert: AlertRecord, settings: DeliverySettings, except?: string): Promise<void> {
    const update = this.deps.sender.updateForPerson?.bind(this.deps.sender);
    if (!update) return;
    const card = this.deps.alertCard(await this.cardInput(alert, settings));
    for (const copy of alert.cards) {
      if (copy.activityId === except) continue;
      try {
        await update(alert.tenantId, copy.personKey, copy.activityId, card);
      } catch (error) {
        this.deps.log?.warn({ err: String(error), tenantId: alert.tenantId, alertId: alert.alertId }, 'could not refresh a copy of a safeguarding alert card');
      }
    }
  }

  private async cardInput(alert: AlertRecord, settings: DeliverySettings, extra: Partial<AlertCardInput> = {}): Promise<AlertCardInput> {
    let respondent = alert.respondent;
    if (alert.anonymous) {
      // An unreadable seal leaves the card without a name; the card still goes.
      const sealed = await this.deps.sealed.read(alert.tenantId, alert.subjectId, alert.responseKey).catch((error: unknown) => {
        this.deps.log?.error({ tenantId: alert.tenantId, alertId: alert.alertId, err: String(error) }, 'safeguarding: the sealed identity could not be read');
        return undefined;
      });
      respondent = sealed ? (sealed.name ?? sealed.userId) : undefined;
    }
    return {
      ref: { subjectId: alert.subjectId, alertKey: alert.alertKey },
      subjectTitle: alert.subjectTitle,
      questionText: alert.questionText,
      text: alert.text,
      wordsDeleted: !!alert.wordsDeletedAt,
      at: alert.raisedAt,
      timeZone: alert.timeZone,
      respondent,
      anonymous: alert.anonymous,
      categories: alert.categories,
      possibly: alert.possibly,
      matches: alert.matches,
      // The number as set now: a council keeps it current, and an old card shows the current one when refreshed.
      outOfHours: isWorkingTime(alert.raisedAt, this.calendarOf(settings)) ? undefined : { number: settings.outOfHoursNumber },
      acknowledged: alert.acknowledged ? { name: alert.acknowledged.name ?? 'a safeguarding lead', at: alert.acknowledged.at } : undefined,
      escalation: alert.escalatedAt
        ? { at: alert.escalatedAt, workingMinutes: alert.ackMinutes, toDeputies: alert.escalatedToDeputies ?? true, as: alert.escalatedAs, noLead: alert.escalatedWithoutLead }
        : undefined,
      ...extra
    };
  }
}

function isTeam(settings: DeliverySettings, key: string): boolean {
  return settings.safeguardingLead?.personKey === key || settings.safeguardingDeputies.some((d) => d.personKey === key);
}
