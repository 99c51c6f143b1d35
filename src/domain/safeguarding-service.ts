/**
 * What happens when a free-text answer raises a concern (docs/delivery.md, "Safeguarding"):
 * the designated safeguarding lead gets a 1:1 alert card — once per answer, even if the answer is
 * handled twice — and the young person gets an easy-read reply.
 *
 * Alerts are at-least-once, unlike survey requests (at-most-once): a marker row is created before the
 * send and set to `sent` after it, and an answer handled again finds `pending` and sends again. A
 * duplicate alert costs the lead a moment; a lost one could cost a child's safety.
 */
import type { Clock } from './clock';
import { DomainError } from './errors';
import type { CardPayload, Delivery } from './ports';
import { type Screening, concernPhrases, screenText } from './safeguarding';
import type { DeliverySettingsRepository, SafeguardingLead } from './tenant-settings';

/** Who wrote an anonymous answer: kept apart, read only by a safeguarding alert. */
export interface SealedIdentity {
  personKey: string;
  userId: string;
  name?: string;
}

/** For the survey feature: seal on answer, delete with the survey's data. It cannot read. */
export interface IdentitySealer {
  seal(tenantId: string, subjectId: string, responseKey: string, identity: SealedIdentity): Promise<void>;
  deleteForSubject(tenantId: string, subjectId: string): Promise<void>;
}

/** For the alert path only (SafeguardingService): the documented exception to anonymity. */
export interface SealedIdentityReader {
  read(tenantId: string, subjectId: string, responseKey: string): Promise<SealedIdentity | undefined>;
}

export type AlertState = 'new' | 'pending' | 'sent';

export interface AlertLedger {
  /** Creates the marker if absent; says what state it was in. */
  begin(tenantId: string, subjectId: string, alertKey: string, at: Date): Promise<AlertState>;
  markSent(tenantId: string, subjectId: string, alertKey: string, at: Date): Promise<void>;
}

export interface AlertCardInput {
  subjectTitle: string;
  questionText?: string;
  text: string;
  at: Date;
  timeZone: string;
  respondent?: string;
  anonymous: boolean;
  matches: string[];
}

export interface SafeguardingDeps {
  settings: DeliverySettingsRepository;
  sealed: SealedIdentityReader & IdentitySealer;
  alerts: AlertLedger;
  /** 1:1 to a person by person key (the stored personal conversation). */
  sender: { sendToPerson(tenantId: string, personKey: string, card: CardPayload): Promise<Delivery> };
  alertCard: (input: AlertCardInput) => CardPayload;
  replyCard: () => CardPayload;
  clock: Clock;
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

export interface ScreenResult extends Screening {
  /** The easy-read card for the young person, when flagged. */
  reply?: CardPayload;
  /** Whether the lead has been told (false when no lead is set or Teams refused). */
  alerted: boolean;
}

/** How old the concern-phrase list used for screening may be. */
const PHRASES_TTL_MS = 10_000;

export class SafeguardingService {
  private readonly phrases = new Map<string, { phrases: ReturnType<typeof concernPhrases>; at: number }>();

  constructor(private readonly deps: SafeguardingDeps) {}

  /** The tenant's lead, if set. */
  async lead(tenantId: string): Promise<SafeguardingLead | undefined> {
    return (await this.deps.settings.get(tenantId)).safeguardingLead;
  }

  /**
   * The tenant's concern phrases, read at most PHRASES_TTL_MS ago: every free-text answer is screened,
   * and in a session they arrive by the dozen. A phrase an admin adds applies within seconds.
   */
  private async phrasesFor(tenantId: string): Promise<ReturnType<typeof concernPhrases>> {
    const hit = this.phrases.get(tenantId);
    if (hit && Date.now() - hit.at < PHRASES_TTL_MS) return hit.phrases;
    const phrases = concernPhrases((await this.deps.settings.get(tenantId)).concernPhrases);
    if (this.phrases.size > 10_000) this.phrases.clear();
    this.phrases.set(tenantId, { phrases, at: Date.now() });
    return phrases;
  }

  /** Screens one free-text answer on arrival; on a concern, alerts the lead and returns the reply card. */
  async screenAnswer(input: ScreenAnswer): Promise<ScreenResult> {
    const screening = screenText(input.text, await this.phrasesFor(input.tenantId));
    if (!screening.flagged) return { ...screening, alerted: false };
    // A concern: the lead as stored now, never a cached one.
    const settings = await this.deps.settings.get(input.tenantId);
    const reply = this.deps.replyCard();
    const lead = settings.safeguardingLead;
    if (!lead) {
      this.deps.log?.error({ tenantId: input.tenantId, subjectId: input.subjectId }, 'safeguarding concern but no safeguarding lead is set');
      return { ...screening, reply, alerted: false };
    }
    const now = this.deps.clock.now();
    const alertKey = `${input.questionId}|${input.responseKey}`;
    const state = await this.deps.alerts.begin(input.tenantId, input.subjectId, alertKey, now);
    if (state === 'sent') return { ...screening, reply, alerted: true };

    let respondent = input.respondent?.name ?? input.respondent?.userId;
    if (input.anonymous && input.identity) await this.deps.sealed.seal(input.tenantId, input.subjectId, input.responseKey, input.identity);
    if (input.anonymous) {
      const sealed = await this.deps.sealed.read(input.tenantId, input.subjectId, input.responseKey);
      respondent = sealed ? (sealed.name ?? sealed.userId) : undefined;
    }
    const card = this.deps.alertCard({
      subjectTitle: input.subjectTitle,
      questionText: input.questionText,
      text: input.text,
      at: now,
      timeZone: input.timeZone ?? settings.allowedHours.timeZone,
      respondent,
      anonymous: input.anonymous,
      matches: screening.matches
    });
    const delivery = await this.deps.sender.sendToPerson(input.tenantId, lead.personKey, card);
    if (!delivery.delivered) {
      this.deps.log?.error({ tenantId: input.tenantId, reason: delivery.reason }, 'safeguarding alert could not be delivered to the lead');
      return { ...screening, reply, alerted: false };
    }
    await this.deps.alerts.markSent(input.tenantId, input.subjectId, alertKey, this.deps.clock.now());
    return { ...screening, reply, alerted: true };
  }

  /** Admin: sets (or clears) the tenant's designated safeguarding lead. */
  async setLead(tenantId: string, lead: SafeguardingLead | undefined): Promise<void> {
    if (lead && !lead.personKey) throw new DomainError('invalid_input', 'Choose the person who is the designated safeguarding lead.');
    await this.deps.settings.update(tenantId, (current) => ({ ...current, safeguardingLead: lead }));
  }
}
