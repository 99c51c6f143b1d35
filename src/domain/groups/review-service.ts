/**
 * Young Commissioners review recommendations (docs/groups.md): an officer sends a group one easy-read
 * card per "We did" item of findings they own; each member says agree / not sure / disagree, with an
 * optional comment screened for safeguarding like any answer (a flagged comment goes to the lead and is
 * never shown with the results). Results are counted per item, suppressed like survey results, and
 * shown to the findings' owner and participation officers.
 */
import type { Findings, WeDid } from '../findings/findings';
import type { ScreenAnswer, ScreenResult } from '../safeguarding/safeguarding-service';
import { type Actor, personKey } from '../shared/conversation';
import { DomainError } from '../shared/errors';
import { cleanText } from '../shared/text';
import { voterKey } from '../shared/voter-key';
import type { GroupService } from './group-service';
import { GROUP_LIMITS, type GroupMember, type ParticipationGroup } from './groups';
import type { ReviewRepository } from './ports';
import { type ReviewTally, parseReviewChoice, tallyReviews } from './review';

export interface ReviewServiceDeps {
  reviews: ReviewRepository;
  groups: GroupService;
  /** The findings (`not_found` when gone). */
  findings(tenantId: string, surveyId: unknown): Promise<Findings>;
  /** The findings this officer owns. */
  findingsOf(actor: Actor): Promise<Findings[]>;
  /** The tenant's small-number threshold (as survey results). */
  threshold(tenantId: string): Promise<number>;
  /** The safeguarding screen every young person's free text goes through. */
  screen(input: ScreenAnswer): Promise<ScreenResult>;
  /** Keys reviewers (a keyed hash per findings: a second view replaces the first; names are never stored). */
  secret: string;
}

export interface ReviewSend {
  group: ParticipationGroup;
  findings: Findings;
  members: GroupMember[];
}

export class ReviewService {
  constructor(private readonly deps: ReviewServiceDeps) {}

  /** Findings of this officer with at least one "We did" item: what can be sent for review. */
  async reviewable(actor: Actor): Promise<Findings[]> {
    if (!(await this.deps.groups.canManage(actor))) throw new DomainError('forbidden', 'Only participation officers and VoiceLoop administrators can ask a group to review.');
    return (await this.deps.findingsOf(actor)).filter((f) => f.weDid.length > 0);
  }

  /** Who gets the review cards: every member of the group (those added by staff too: it is the group's work). */
  async toSend(actor: Actor, groupId: unknown, surveyId: unknown): Promise<ReviewSend> {
    const { group, members } = await this.deps.groups.view(actor, groupId);
    const findings = (await this.reviewable(actor)).find((f) => f.surveyId === surveyId);
    if (!findings) throw new DomainError('not_found', 'Choose findings of yours with at least one "We did" item.');
    if (members.length === 0) throw new DomainError('invalid_input', `${group.name} has no members yet.`);
    return { group, findings, members };
  }

  claimSend(tenantId: string, surveyId: string, groupId: string, personKey: string): Promise<boolean> {
    return this.deps.reviews.claimSend(tenantId, surveyId, groupId, personKey);
  }

  releaseSend(tenantId: string, surveyId: string, groupId: string, personKey: string): Promise<void> {
    return this.deps.reviews.releaseSend(tenantId, surveyId, groupId, personKey);
  }

  /** A member's view of one item; the comment screened first. Returns the safeguarding reply when flagged. */
  async record(actor: Actor, data: Record<string, unknown>): Promise<{ findings: Findings; item: WeDid; group: ParticipationGroup; reply?: ScreenResult['reply'] }> {
    const group = await this.deps.groups.get(actor.tenantId, data.groupId);
    if (!(await this.deps.groups.isMember(actor, group.groupId))) {
      throw new DomainError('forbidden', `This is for members of ${group.name}. You can join with "🙋 I want to help more".`);
    }
    const findings = await this.deps.findings(actor.tenantId, data.surveyId);
    const item = findings.weDid.find((w) => w.id === data.itemId);
    if (!item) throw new DomainError('not_found', 'This idea has been taken out of the findings.');
    const choice = parseReviewChoice(data.choice);
    const comment = cleanText(data.comment ?? '', { field: 'comment', maxLength: GROUP_LIMITS.comment, multiline: true });
    const reviewerKey = voterKey(this.deps.secret, actor.tenantId, `review|${findings.surveyId}`, personKey(actor));
    let kept = comment;
    let reply: ScreenResult['reply'];
    if (comment !== '') {
      const screened = await this.deps.screen({
        tenantId: actor.tenantId,
        subjectId: findings.surveyId,
        subjectTitle: `${group.name} review: ${findings.title}`,
        questionId: `review-${item.id}`,
        questionText: item.text,
        responseKey: reviewerKey,
        text: comment,
        anonymous: true,
        identity: { personKey: personKey(actor), userId: actor.userId, name: actor.name }
      });
      // A flagged comment is with the lead; it is never shown beside the results.
      if (screened.flagged) kept = '';
      reply = screened.reply;
    }
    await this.deps.reviews.put(actor.tenantId, { surveyId: findings.surveyId, itemId: item.id, reviewerKey, choice, comment: kept });
    return { findings, item, group, reply };
  }

  /** The owner of the findings and officers: counts per item, suppressed; comments for them alone. */
  async results(actor: Actor, surveyId: unknown): Promise<{ findings: Findings; tallies: ReviewTally[]; threshold: number }> {
    const findings = await this.deps.findings(actor.tenantId, surveyId);
    if (findings.owner !== personKey(actor) && !(await this.deps.groups.canManage(actor))) {
      throw new DomainError('forbidden', 'Only the owner of these findings and participation officers can see the review.');
    }
    const [votes, threshold] = await Promise.all([this.deps.reviews.list(actor.tenantId, findings.surveyId), this.deps.threshold(actor.tenantId)]);
    return { findings, threshold, tallies: tallyReviews(findings.weDid.map((w) => w.id), votes, threshold) };
  }
}
