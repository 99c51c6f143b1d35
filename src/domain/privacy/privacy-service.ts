/**
 * Retention and erasure (docs/privacy.md): the policy, over ports.
 *
 * Retention: when a survey closes, a `privacy.retention` due item is scheduled for `closedAt + days`
 * (the tenant's setting). The job marks the survey "deleting", deletes the raw answers, respondent rows,
 * sealed identities, export links and 1:1 delivery records of that survey, then marks it "deleted". It
 * re-reads the setting when it runs (a changed setting moves it), never touches an open survey, and is
 * idempotent: killed half way, the next attempt finishes what is left.
 *
 * Erasure: `privacy erase <person>` (admins) shows what would be removed and asks to confirm; the
 * confirm runs once per request (a ledger row), removes what VoiceLoop stores about the person except
 * what must be kept (KEPT_ON_ERASE), and appends an audit entry with counts only.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../shared/clock';
import { type Actor, personKey } from '../shared/conversation';
import { DomainError, isDomainError } from '../shared/errors';
import type { AuditLog, DueItem, DueItemRepository } from '../shared/ports';
import { type AdminPolicy, type EraseCounts, type PersonIdentity, type PersonReference, type PrivacySettings, type RetentionCounts, type RetentionMark, emptyCounts, eraseAuditDetail, parseRetentionDays, requireAdmin, retentionDueAt, retentionNote, totalOf } from './privacy';
import type { IdentitySealer } from '../safeguarding/ports';
import { SAFEGUARDING_WORDS_JOB } from '../safeguarding/safeguarding';
import type { Survey } from '../surveys/survey';
import type { SurveyRepository } from '../surveys/ports';
import { voterKey } from '../shared/voter-key';
import type { PrivacySettingsRepository, RetentionStore, PersonDataStore, ErasureLedger, LeadRole, ErasurePlan } from './ports';

const DAY_MS = 86_400_000;

export const RETENTION_JOB = 'privacy.retention';
/** Re-plans every closed survey of a tenant (after the setting changes; picks up surveys closed before retention existed). */
export const RETENTION_SWEEP_JOB = 'privacy.retention.sweep';

export interface PrivacyDeps {
  settings: PrivacySettingsRepository;
  retention: RetentionStore;
  people: PersonDataStore;
  ledger: ErasureLedger;
  sealer: IdentitySealer;
  /** Undefined when the survey no longer exists. */
  survey: (tenantId: string, surveyId: string) => Promise<Survey | undefined>;
  lead: LeadRole;
  due: DueItemRepository;
  audit: AuditLog;
  clock: Clock;
  voterHashSecret: string;
  admins: AdminPolicy;
  /** Scheduled work keyed by a person (e.g. their digest subscription): kinds whose key is the person key. */
  personalJobKinds: string[];
  /** Photos added to the survey's findings (docs/findings.md): deleted with the answers. */
  photos?: { deleteForSurvey(tenantId: string, surveyId: string): Promise<number> };
}

export interface ErasePreview {
  requestId: string;
  person: PersonIdentity;
  counts: EraseCounts;
}

export interface EraseResult {
  person: PersonIdentity;
  counts: EraseCounts;
  /** This request had already run: the counts are those of that run. */
  alreadyDone: boolean;
}

const MAX_KEYS = 6;

export class PrivacyService {
  constructor(private readonly deps: PrivacyDeps) {}

  isAdmin(actor: Actor): boolean {
    try {
      requireAdmin(this.deps.admins, actor);
      return true;
    } catch {
      return false;
    }
  }

  settings(tenantId: string): Promise<PrivacySettings> {
    return this.deps.settings.get(tenantId);
  }

  /** Admins: sets the retention; every closed survey's deletion is re-planned by a sweep. */
  async setRetention(actor: Actor, raw: unknown): Promise<PrivacySettings> {
    requireAdmin(this.deps.admins, actor);
    const days = parseRetentionDays(raw);
    const now = this.deps.clock.now();
    const before = await this.deps.settings.get(actor.tenantId);
    const saved = await this.deps.settings.update(actor.tenantId, (current) => ({ ...current, retentionDays: days, updatedBy: personKey(actor), updatedAt: now }));
    await this.deps.audit.append({
      tenantId: actor.tenantId,
      at: now,
      actor: personKey(actor),
      actorName: actor.name,
      action: 'privacy.retention.set',
      subjectType: 'tenant',
      subjectId: actor.tenantId,
      detail: `retentionDays ${before.retentionDays} → ${days}`
    });
    await this.deps.due.schedule({ tenantId: actor.tenantId, kind: RETENTION_SWEEP_JOB, key: 'all', dueAt: now, payload: {} });
    return saved;
  }

  // ---------- retention ----------

  /** Called when a survey closes: its raw answers are deleted `retentionDays` after `closedAt`. */
  async scheduleRetention(survey: Survey): Promise<void> {
    if (survey.status !== 'closed') return;
    const { retentionDays } = await this.deps.settings.get(survey.tenantId);
    const closedAt = survey.closedAt ?? this.deps.clock.now();
    await this.deps.due.schedule({
      tenantId: survey.tenantId,
      kind: RETENTION_JOB,
      key: survey.surveyId,
      dueAt: retentionDueAt(closedAt, retentionDays),
      payload: { surveyId: survey.surveyId }
    });
  }

  /** The retention job of one survey. */
  async runRetention(item: DueItem): Promise<void> {
    const { tenantId } = item;
    const surveyId = String(item.payload.surveyId ?? item.key);
    const now = this.deps.clock.now();
    const { retentionDays } = await this.deps.settings.get(tenantId);
    const survey = await this.deps.survey(tenantId, surveyId);
    if (survey) {
      // Never the answers of a survey people can still answer.
      if (survey.status !== 'closed') return;
      const dueAt = retentionDueAt(survey.closedAt ?? now, retentionDays);
      if (dueAt > now) {
        // The setting was lengthened since this was scheduled: wait (the scheduler keeps the new time).
        await this.deps.due.schedule({ tenantId, kind: RETENTION_JOB, key: surveyId, dueAt, payload: { surveyId } });
        return;
      }
    }
    // A deleted survey's leftover rows go too.
    const mark = await this.deps.retention.beginMark(tenantId, surveyId, now, retentionDays);
    if (mark.state === 'deleted') return;
    const { answers, respondents } = await this.deps.retention.deleteRawAnswers(tenantId, surveyId);
    await this.deps.sealer.deleteForSubject(tenantId, surveyId);
    const exportLinks = await this.deps.retention.deleteExportLinks(tenantId, surveyId);
    const deliveryRecords = await this.deps.retention.deleteDeliveryRecords(tenantId, surveyId);
    const words = await this.deps.retention.deleteAlertWords(tenantId, surveyId, now);
    const photos = (await this.deps.photos?.deleteForSurvey(tenantId, surveyId)) ?? 0;
    const reviewComments = await this.deps.retention.clearReviewComments(tenantId, surveyId);
    const alertWords = words.cleared;
    const counts: RetentionCounts = {
      answers,
      respondents,
      exportLinks,
      deliveryRecords,
      alertWords,
      ...(words.kept > 0 ? { alertWordsKept: words.kept } : {}),
      ...(photos > 0 ? { photos } : {}),
      ...(reviewComments > 0 ? { reviewComments } : {})
    };
    // Words nobody has read yet stay for the lead; the safeguarding words job clears them once they may go.
    if (words.kept > 0) await this.deps.due.schedule({ tenantId, kind: SAFEGUARDING_WORDS_JOB, key: surveyId, dueAt: new Date(now.getTime() + DAY_MS), payload: { surveyId } });
    await this.deps.retention.finishMark(tenantId, surveyId, this.deps.clock.now(), counts);
    await this.deps.audit.append({
      tenantId,
      at: this.deps.clock.now(),
      actor: 'system',
      action: 'privacy.retention.answersDeleted',
      subjectType: 'survey',
      subjectId: surveyId,
      detail: `after ${retentionDays} days: answers=${answers} respondents=${respondents} exportLinks=${exportLinks} deliveryRecords=${deliveryRecords} alertWords=${alertWords} alertWordsKept=${words.kept} photos=${photos} reviewComments=${reviewComments} sealedIdentities=deleted`
    });
  }

  /** Re-plans every closed survey whose answers are still there (due now if already past its time). */
  async runSweep(item: DueItem): Promise<void> {
    const { tenantId } = item;
    const { retentionDays } = await this.deps.settings.get(tenantId);
    for (const { surveyId, closedAt } of await this.deps.retention.closedSurveys(tenantId)) {
      const mark = await this.deps.retention.getMark(tenantId, surveyId);
      if (mark?.state === 'deleted') continue;
      await this.deps.due.schedule({ tenantId, kind: RETENTION_JOB, key: surveyId, dueAt: retentionDueAt(closedAt, retentionDays), payload: { surveyId } });
    }
  }

  mark(tenantId: string, surveyId: string): Promise<RetentionMark | undefined> {
    return this.deps.retention.getMark(tenantId, surveyId);
  }

  /** The owner's note when the survey's answers are (being) deleted; undefined while they are kept. */
  async note(survey: Pick<Survey, 'tenantId' | 'surveyId' | 'timeZone'>): Promise<string | undefined> {
    const mark = await this.deps.retention.getMark(survey.tenantId, survey.surveyId);
    return mark ? retentionNote(mark, survey.timeZone) : undefined;
  }

  /** Refuses reading raw answers once retention has started on the survey (export backstop). */
  async assertAnswersKept(survey: Pick<Survey, 'tenantId' | 'surveyId' | 'timeZone'>): Promise<void> {
    const note = await this.note(survey);
    if (note) throw new DomainError('not_found', note.replace(/^🗑️ /, ''));
  }

  // ---------- erasure ----------

  /** Admins: who is meant, and what would be removed. Nothing is changed. */
  async previewErase(actor: Actor, ref: PersonReference): Promise<ErasePreview> {
    requireAdmin(this.deps.admins, actor);
    const person = await this.resolve(actor.tenantId, ref);
    const counts = await this.count(actor.tenantId, person, true);
    if (totalOf(counts) === 0) {
      throw new DomainError('not_found', `VoiceLoop holds nothing it can erase about ${ref.name ?? ref.id} in this organisation. Nothing was changed.`);
    }
    return { requestId: randomUUID(), person, counts };
  }

  /** Admins: erases (once per request id; a repeat shows the first run's counts). */
  async erase(actor: Actor, requestId: unknown, person: PersonIdentity): Promise<EraseResult> {
    requireAdmin(this.deps.admins, actor);
    if (typeof requestId !== 'string' || !/^[0-9a-f-]{36}$/i.test(requestId)) throw new DomainError('invalid_input', 'This card is out of date. Type "privacy erase" again.');
    const checked = checkIdentity(person);
    const tenantId = actor.tenantId;
    const now = this.deps.clock.now();
    const state = await this.deps.ledger.begin(tenantId, requestId, personKey(actor), now);
    if (state.state === 'done') return { person: checked, counts: state.counts, alreadyDone: true };
    // New, or "running" (a double click, or a run that died half way): erasing is idempotent, so run it.
    const counts = await this.count(tenantId, checked, false);
    if (await this.deps.ledger.finish(tenantId, requestId, counts, this.deps.clock.now())) {
      await this.deps.audit.append({
        tenantId,
        at: this.deps.clock.now(),
        actor: personKey(actor),
        actorName: actor.name,
        action: 'privacy.erased',
        subjectType: 'person',
        // Not the person: a keyed hash, so the DPO can check "was X erased?" without the trail naming X.
        subjectId: `erased:${voterKey(this.deps.voterHashSecret, tenantId, 'privacy:erase', checked.keys[0]!)}`,
        roundId: requestId,
        detail: eraseAuditDetail(counts)
      });
    }
    return { person: checked, counts, alreadyDone: false };
  }

  private async resolve(tenantId: string, ref: PersonReference): Promise<PersonIdentity> {
    const keys = new Set<string>();
    const userIds = new Set<string>();
    if (ref.kind === 'aad') {
      keys.add(ref.id);
    } else {
      userIds.add(ref.id);
      keys.add(ref.id);
      const found = await this.deps.people.keysOfUserId(tenantId, ref.id);
      const aads = new Set(found.filter((k) => k !== ref.id).map((k) => k.toLowerCase()));
      if (aads.size > 1) throw new DomainError('conflict', 'That user id belongs to more than one stored person. Name them by their Entra object id instead.');
      for (const k of found) keys.add(k);
    }
    for (const key of [...keys]) for (const id of await this.deps.people.userIdsOf(tenantId, key)) userIds.add(id);
    for (const id of userIds) keys.add(id);
    return checkIdentity({ keys: [...keys], userIds: [...userIds], name: ref.name });
  }

  private async count(tenantId: string, person: PersonIdentity, dryRun: boolean): Promise<EraseCounts> {
    const [surveys, polls] = await Promise.all([this.deps.people.linkableSurveys(tenantId), this.deps.people.namedPolls(tenantId)]);
    const secret = this.deps.voterHashSecret;
    const plan: ErasurePlan = {
      tenantId,
      person,
      // Named and pseudonymous surveys only: anonymous answers are never linked to a person, not even here.
      surveyRows: surveys.flatMap((s) => person.keys.map((k) => ({ surveyId: s.surveyId, questionIds: s.questionIds, respondentKey: voterKey(secret, tenantId, `survey:${s.surveyId}`, k) }))),
      pollVotes: polls.flatMap((pollId) => person.keys.map((k) => ({ pollId, voterKey: voterKey(secret, tenantId, pollId, k) }))),
      dueItems: this.deps.personalJobKinds.flatMap((kind) => person.keys.map((key) => ({ kind, key })))
    };
    const counts = { ...emptyCounts(), ...(await this.deps.people.erase(plan, dryRun)) };
    const lead = await this.deps.lead.leadKey(tenantId);
    const deputies = (await this.deps.lead.deputyKeys?.(tenantId)) ?? [];
    for (const key of new Set([lead, ...deputies].filter((k): k is string => !!k && person.keys.includes(k)))) {
      counts.safeguardingLead = 1;
      if (!dryRun) await this.deps.lead.clearIf(tenantId, key);
    }
    return counts;
  }
}

/** The identity from a confirm card: the keys must look like keys (an admin's own card, but checked anyway). */
function checkIdentity(person: PersonIdentity): PersonIdentity {
  const ok = (k: unknown): k is string => typeof k === 'string' && k.length > 0 && k.length <= 400;
  const keys = Array.isArray(person?.keys) ? person.keys.filter(ok) : [];
  const userIds = Array.isArray(person?.userIds) ? person.userIds.filter(ok) : [];
  if (keys.length === 0 || keys.length > MAX_KEYS || userIds.length > MAX_KEYS) throw new DomainError('invalid_input', 'This card is out of date. Type "privacy erase" again.');
  return { keys: [...new Set(keys)], userIds: [...new Set(userIds)], name: typeof person.name === 'string' ? person.name.slice(0, 200) : undefined };
}

/**
 * Wraps the survey repository so that a survey's closing schedules its retention job — before the
 * "closed" status is saved, so no closed survey is ever without one (a failed save leaves a job that
 * finds the survey open and does nothing). SurveyService itself is not changed.
 */
export function surveysWithRetention(inner: SurveyRepository, privacy: Pick<PrivacyService, 'scheduleRetention' | 'assertAnswersKept'>): SurveyRepository {
  return Object.assign(Object.create(inner) as SurveyRepository, {
    /** Every export reads this: once retention has started, it says so instead of an empty or partial CSV. */
    async responses(tenantId: string, surveyId: string) {
      await privacy.assertAnswersKept({ tenantId, surveyId, timeZone: 'Europe/London' });
      return inner.responses(tenantId, surveyId);
    },
    async save(survey: Survey) {
      if (survey.status === 'closed') {
        const before = await inner.get(survey.tenantId, survey.surveyId);
        if (before?.status !== 'closed') await privacy.scheduleRetention(survey);
      }
      return inner.save(survey);
    }
  });
}

/** For handlers: a `not_found` survey is "no survey". */
export async function surveyOrUndefined(read: () => Promise<Survey>): Promise<Survey | undefined> {
  try {
    return await read();
  } catch (error) {
    if (isDomainError(error) && error.code === 'not_found') return undefined;
    throw error;
  }
}
