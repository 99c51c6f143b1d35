/** Repository interfaces ("ports") of groups young people choose to join (docs/groups.md); src/storage/groups implements them. */
import type { GroupMember, ParticipationGroup } from './groups';
import type { ReviewVote } from './review';

export interface ParticipationGroupRepository {
  /** `conflict` when a group with this id exists. */
  create(group: ParticipationGroup): Promise<ParticipationGroup>;
  get(tenantId: string, groupId: string): Promise<ParticipationGroup | undefined>;
  list(tenantId: string): Promise<ParticipationGroup[]>;
  /** Adds or replaces the member row (joining again is harmless; joining yourself upgrades a staff-added row). */
  putMember(tenantId: string, groupId: string, member: GroupMember): Promise<void>;
  getMember(tenantId: string, groupId: string, personKey: string): Promise<GroupMember | undefined>;
  /** True when there was a row to remove. */
  removeMember(tenantId: string, groupId: string, personKey: string): Promise<boolean>;
  members(tenantId: string, groupId: string): Promise<GroupMember[]>;
}

/** Participation officers: who may create groups and manage members, besides administrators. */
export interface OfficerRepository {
  isOfficer(tenantId: string, personKey: string): Promise<boolean>;
  add(tenantId: string, officer: { personKey: string; name?: string }): Promise<void>;
  list(tenantId: string): Promise<{ personKey: string; name?: string }[]>;
}

export interface ReviewRepository {
  /** One row per reviewer per item: a second view replaces the first. */
  put(tenantId: string, vote: ReviewVote): Promise<void>;
  list(tenantId: string, surveyId: string): Promise<ReviewVote[]>;
  /** Create-if-absent marker before sending a member the review cards: true exactly once per (findings, group, person). */
  claimSend(tenantId: string, surveyId: string, groupId: string, personKey: string): Promise<boolean>;
  /** Gives the claim back when the send failed (so sending again reaches them). */
  releaseSend(tenantId: string, surveyId: string, groupId: string, personKey: string): Promise<void>;
}

/** The surveys a person took part in (their attendance rows; never their answers). */
export interface ContributionsReader {
  surveysOf(tenantId: string, personKey: string): Promise<string[]>;
}
