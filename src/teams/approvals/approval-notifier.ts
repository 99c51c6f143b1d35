import { approvalCard, escalationCard, outcomeCard, reminderCard } from '../../cards/approvals/approval-cards';
import type { ApprovalNotifier, SubjectSummary } from '../../domain/approvals/ports';
import type { ApprovalRound } from '../../domain/approvals/approval-round';
import type { Delivery, ProactiveSender } from '../../domain/shared/ports';
import type { GroupMember } from '../../domain/approvals/working-group';

/** Approval messages as cards: the channel card, 1:1 reminders, the chair's escalation, the owner's outcome. */
export class TeamsApprovalNotifier implements ApprovalNotifier {
  constructor(
    private readonly sender: ProactiveSender,
    private readonly maxReminders: number
  ) {}

  postRound(round: ApprovalRound, summary: SubjectSummary): Promise<string> {
    return this.sender.sendToConversation(round.channel, approvalCard(round, summary));
  }

  async updateRound(round: ApprovalRound, summary: SubjectSummary): Promise<void> {
    if (round.activityId) await this.sender.updateInConversation(round.channel, round.activityId, approvalCard(round, summary));
  }

  remind(round: ApprovalRound, summary: SubjectSummary, member: GroupMember, reminder: number): Promise<Delivery> {
    return this.sender.sendToPerson(round.tenantId, member.key, reminderCard(round, summary, reminder, this.maxReminders));
  }

  escalate(round: ApprovalRound, summary: SubjectSummary, outstanding: GroupMember[]): Promise<Delivery> {
    const chairIsMember = round.members.some((m) => m.key === round.chair);
    return this.sender.sendToPerson(round.tenantId, round.chair, escalationCard(round, summary, outstanding, chairIsMember));
  }

  tellOwner(round: ApprovalRound, summary: SubjectSummary): Promise<Delivery> {
    return this.sender.sendToPerson(round.tenantId, round.owner, outcomeCard(round, summary));
  }
}
