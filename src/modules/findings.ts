/**
 * Wires "You said, we did" findings (docs/findings.md): the findings repository (counted in the digest
 * aggregate), the service with its cards and easy-read check, who may find published findings in
 * search, and the job that sends them 1:1 in allowed hours.
 */
import { findingsSentCard, findingsStandardCard } from '../cards/findings/findings-cards';
import { weDidEasyCard, weDidFollowUpCard } from '../cards/loop/loop-cards';
import { checkEasyRead } from '../cards/shared/easy-read';
import type { ApprovalService } from '../domain/approvals/approval-service';
import type { DeliverySettingsRepository } from '../domain/delivery/ports';
import { findingsWithAggregates } from '../domain/digests/aggregates';
import type { Findings, WeDid } from '../domain/findings/findings';
import { findingsWithDoneChecks } from '../domain/loop/loop-service';
import { FINDINGS_SEND_JOB, FindingsService } from '../domain/findings/findings-service';
import type { PlanService } from '../domain/plans/plan-service';
import { ownerOrConversation } from '../domain/search/search';
import type { SurveyService } from '../domain/surveys/survey-service';
import type { Scheduler } from '../scheduler/scheduler';
import { TableFindingsRepository, listAllFindings } from '../storage/findings/findings-repository';
import { TABLES } from '../storage/shared/keys';
import { CONTAINERS } from '../storage/shared/blobs';
import { BlobPhotoStore } from '../storage/findings/photo-store';
import { sharpPhotoCodec } from '../storage/findings/photo-codec';
import { FindingsPhotos } from '../domain/findings/photos';
import type { Shared } from './shared';

export interface FindingsNeeds {
  surveys: SurveyService;
  plans: PlanService;
  approvals: ApprovalService;
  /** The tenant's allowed hours for 1:1 sends. */
  deliverySettings: DeliverySettingsRepository;
  /** The two-way loop (docs/two-way-loop.md): a published "We did" became done (its check is scheduled). */
  whenDone?: (findings: Findings, item: WeDid) => Promise<void>;
}

export function createFindings(shared: Shared, needs: FindingsNeeds) {
  const table = shared.tables.client(TABLES.findings);
  const repository = new TableFindingsRepository(table);
  const whenDone = needs.whenDone;
  const counted = findingsWithAggregates(repository, shared.aggregates);
  const photoStore = new BlobPhotoStore(shared.blobs.container(CONTAINERS.findingsImages));
  const service = new FindingsService({
    findings: whenDone ? findingsWithDoneChecks(counted, whenDone) : counted,
    surveys: needs.surveys,
    plans: needs.plans,
    approvals: needs.approvals,
    conversations: shared.conversations,
    sender: shared.proactive,
    due: shared.due,
    audit: shared.audit,
    clock: shared.clock,
    // Participants' cards carry "That's right / Not what we said / Tell us more" (docs/two-way-loop.md).
    cards: { standard: findingsStandardCard, easy: weDidEasyCard, followUp: weDidFollowUpCard, sentReport: findingsSentCard },
    checkEasyRead,
    allowedHours: async (tenantId) => (await needs.deliverySettings.get(tenantId)).allowedHours,
    withheld: shared.withheld,
    search: shared.search,
    photos: photoStore
  });
  // Photos as "You said" sources (docs/findings.md): only the owner and the working group see them.
  const photos = new FindingsPhotos({
    findings: service,
    listFindings: (tenantId) => listAllFindings(table, tenantId),
    workingGroupMembers: async (tenantId, teamId) => ((await needs.approvals.groups(tenantId)).find((g) => g.teamId === teamId)?.members ?? []).map((m) => m.key),
    store: photoStore,
    codec: sharpPhotoCodec,
    clock: shared.clock,
    secret: shared.config.voterHashSecret
  });
  // Published findings are found by their owner and in the channel they went to.
  shared.search.registerKind('summary', ownerOrConversation);
  return {
    service,
    photos,
    /** GET /photos/{tenant}/{survey}/{file}?expires=…&sig=…: a findings photo behind its signed link. */
    photo: (tenantId: string, name: string, expires: string | null, sig: string | null) => photos.open(tenantId, name, expires, sig),
    /** The send markers (the two-way loop's check sends use them too). */
    repository,
    /** Every findings of a tenant (the participation audit reads them all). */
    listAll: (tenantId: string): Promise<Findings[]> => listAllFindings(table, tenantId),
    registerJobs(scheduler: Scheduler): void {
      scheduler.register(FINDINGS_SEND_JOB, (item) => service.runSend(item));
    }
  };
}
