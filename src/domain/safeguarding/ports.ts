import type { HarmCategory } from './harm-categories';
import type { ScreeningCategory } from './safeguarding';
/** Repository interfaces ("ports") of Safeguarding (docs/safeguarding.md): the alert ledger and sealed identities; src/storage/safeguarding implements them. */
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

/** Where an unacknowledged alert's escalation went: see `AlertRecord.escalatedAs`. */
export type EscalationKind = 'deputies' | 'lead' | 'again';

/** Where an alert is stored: its survey (subject) and `{question}|{response}`. */
export interface AlertRef {
  subjectId: string;
  alertKey: string;
}

/** One alert, as stored (the `safeguarding` table). */
export interface AlertRecord extends AlertRef {
  tenantId: string;
  /** Opaque id (a hash of subject and key): names the alert in the audit trail and the scheduler. */
  alertId: string;
  subjectTitle: string;
  questionId: string;
  questionText?: string;
  /** The survey's respondent key (a keyed hash): reads the sealed identity of an anonymous answer. */
  responseKey: string;
  /** The answer's words, for the lead's and deputies' cards; '' once deleted with the survey's answers. */
  text: string;
  categories: ScreeningCategory[];
  /** "Possible harm" only: the one or two categories it most likely is, a guess from the words (docs/safeguarding.md). */
  possibly?: HarmCategory[];
  /** Short evidence from the screen; deleted with the words. */
  matches: string[];
  anonymous: boolean;
  /** Named surveys: who answered (deleted with the words). Anonymous: never here, see `sealedidentities`. */
  respondent?: string;
  raisedAt: Date;
  timeZone: string;
  /** The acknowledgement time when it was raised, in working minutes (its escalation is due after it). */
  ackMinutes: number;
  state: Exclude<AlertState, 'new'>;
  sentAt?: Date;
  acknowledged?: { by: string; name?: string; at: Date };
  /** The acknowledgement's follow-up (escalation cancelled, audit written, copies refreshed) is done. */
  ackSettled?: boolean;
  escalatedAt?: Date;
  /** False when no deputy was set and the escalation went to the lead again (and the administrators). */
  escalatedToDeputies?: boolean;
  /**
   * Where the escalation went (docs/delivery.md, "Escalation"): on to deputies, or to the lead, who did not
   * have it yet; or `again`: everyone on the team already had it, so they got a "still not acknowledged"
   * reminder and the administrators a notice. Rows escalated before this field: from `escalatedToDeputies`.
   */
  escalatedAs?: EscalationKind;
  /** No designated safeguarding lead was set when it escalated (the administrators were told). */
  escalatedWithoutLead?: boolean;
  /** Who the escalation reached (person keys): a retried escalation skips them. */
  escalatedTo: string[];
  /** The alert cards in Teams chats, refreshed when someone acknowledges; `escalation`: sent by the escalation (not when raised). */
  cards: { personKey: string; activityId: string; escalation?: boolean }[];
  wordsDeletedAt?: Date;
  /**
   * Retention reached the survey while the alert was unread (or read only lately): the words stay for the
   * lead until `wordsReleaseAt` (docs/safeguarding.md, "Retention never takes unread words").
   */
  wordsDueAt?: Date;
  etag?: string;
}

export type NewAlert = Omit<AlertRecord, 'state' | 'sentAt' | 'acknowledged' | 'escalatedAt' | 'escalatedToDeputies' | 'escalatedAs' | 'escalatedWithoutLead' | 'escalatedTo' | 'cards' | 'wordsDeletedAt' | 'wordsDueAt' | 'ackSettled' | 'etag'>;

export interface AlertLedger {
  /** Creates the alert if absent; says what state it was in, with the stored alert. */
  begin(alert: NewAlert): Promise<{ state: AlertState; alert: AlertRecord }>;
  markSent(tenantId: string, subjectId: string, alertKey: string, at: Date): Promise<void>;
  get(tenantId: string, ref: AlertRef): Promise<AlertRecord | undefined>;
  /** Read-change-write with the ETag, retried on a race; `change` returns undefined to write nothing. */
  update(tenantId: string, ref: AlertRef, change: (current: AlertRecord) => AlertRecord | undefined): Promise<AlertRecord | undefined>;
  /** Every alert of the tenant (markers written before alerts kept their details are left out). */
  list(tenantId: string): Promise<AlertRecord[]>;
}

/** For the withheld-text filter: what every alert of the tenant carried, and nothing else (it is read every few seconds). */
export interface AlertedWords {
  /** The words of each alert ('' once retention deleted them); only that column is read. */
  alertedWords(tenantId: string): Promise<string[]>;
}
