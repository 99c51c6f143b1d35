/**
 * Ports of plans, working groups and approval rounds (src/storage implements the repositories on
 * Azure Tables; src/teams implements the notifier with cards). Every method takes the tenant first.
 */
import type { ApprovalRound } from './approval-round';
import type { Delivery } from '../shared/ports';
import type { GroupMember, WorkingGroup } from './working-group';

export interface WorkingGroupRepository {
  get(tenantId: string, teamId: string): Promise<WorkingGroup | undefined>;
  /** Creates (no ETag) or replaces (ETag it was read with); `conflict` on a lost race. */
  save(group: WorkingGroup): Promise<WorkingGroup>;
  list(tenantId: string): Promise<WorkingGroup[]>;
}

export interface ApprovalRoundRepository {
  /** `conflict` if a round with this id exists already. */
  create(round: ApprovalRound): Promise<ApprovalRound>;
  get(tenantId: string, roundId: string): Promise<ApprovalRound | undefined>;
  /** `conflict` if the round changed since it was read (ETag): decisions never overwrite each other. */
  save(round: ApprovalRound): Promise<ApprovalRound>;
  remove(tenantId: string, roundId: string): Promise<void>;
  listOpen(tenantId: string): Promise<ApprovalRound[]>;
  listBySubject(tenantId: string, subjectId: string): Promise<ApprovalRound[]>;
  /**
   * Claims the right to send one message (a reminder `n`, or the escalation) to one person for one
   * round: true exactly once, however many instances try. Created before sending.
   */
  claimSend(tenantId: string, roundId: string, personKey: string, what: string): Promise<boolean>;
  /** Gives the claim back when the send failed, so a retry can send. */
  releaseSend(tenantId: string, roundId: string, personKey: string, what: string): Promise<void>;
}

/** What the approval card shows about the thing being approved. */
export interface SubjectSummary {
  title: string;
  kindLabel: string;
  facts: { title: string; value: string }[];
  /** Checklist lines (the Lundy checklist for plans). */
  checklist: { title: string; value: string }[];
  /** Things the working group should weigh before deciding (a plan on Hart’s rungs 1–3). */
  warnings?: string[];
  /** The in-person risk assessment (venue, supervision, consent, lead on the day); empty when not in person. */
  riskAssessment?: { title: string; value: string }[];
}

/** Sends approval messages; implemented in src/teams with cards and proactive messaging. */
export interface ApprovalNotifier {
  /** Posts the approval card in the working-group channel; returns its activity id. */
  postRound(round: ApprovalRound, summary: SubjectSummary): Promise<string>;
  /** Replaces the channel card for everyone (the round closed). */
  updateRound(round: ApprovalRound, summary: SubjectSummary): Promise<void>;
  remind(round: ApprovalRound, summary: SubjectSummary, member: GroupMember, reminder: number): Promise<Delivery>;
  escalate(round: ApprovalRound, summary: SubjectSummary, outstanding: GroupMember[]): Promise<Delivery>;
  tellOwner(round: ApprovalRound, summary: SubjectSummary): Promise<Delivery>;
}
