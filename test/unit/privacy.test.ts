import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eraseConfirmCard, eraseDoneCard, retentionCard } from '../../src/cards/privacy/privacy-cards';
import { VERBS } from '../../src/cards/shared/verbs';
import { ManualClock } from '../../src/domain/shared/clock';
import {
  ERASED_KINDS,
  KEPT_ON_ERASE,
  RETENTION,
  emptyCounts,
  eraseAuditDetail,
  isAdmin,
  parsePersonReference,
  parseRetentionDays,
  retentionDueAt,
  retentionNote
} from '../../src/domain/privacy/privacy';
import { PrivacyService, RETENTION_JOB } from '../../src/domain/privacy/privacy-service';
import type { DueItem } from '../../src/domain/shared/ports';
import type { Survey } from '../../src/domain/surveys/survey';
import { DATA_DECISIONS } from '../../src/storage/privacy/data-decisions';
import { TABLES } from '../../src/storage/shared/keys';
import { cardText } from '../helpers/card-query';
import { expectValidCard } from '../helpers/card-validator';
import { domainErrorOf } from '../helpers/fixtures';

const AAD = '6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

describe('retention setting', () => {
  it('accepts whole days from 30 to 2190 (also "400 days"); refuses anything else with the range', () => {
    expect(parseRetentionDays('365')).toBe(365);
    expect(parseRetentionDays(' 400 days ')).toBe(400);
    expect(parseRetentionDays(30)).toBe(30);
    expect(parseRetentionDays('2190')).toBe(2190);
    for (const bad of ['29', '2191', '0', '-5', '1.5', 'a year', '', undefined, 365.5]) {
      expect(domainErrorOf(() => parseRetentionDays(bad)).message).toContain('from 30 to 2190');
    }
    expect(RETENTION.defaultDays).toBe(365);
  });

  it('deletion falls due the set number of days after closing', () => {
    expect(retentionDueAt(new Date('2026-03-02T10:00:00Z'), 365)).toEqual(new Date('2027-03-02T10:00:00Z'));
  });

  it('the owner\'s note says when, why and what stays; "deleting" says it is under way', () => {
    const deleted = retentionNote({ surveyId: 's', state: 'deleted', startedAt: new Date('2027-03-02T10:00:00Z'), deletedAt: new Date('2027-03-02T10:01:00Z'), retentionDays: 365 }, 'Europe/London');
    expect(deleted).toMatch(/^🗑️ Answers deleted on 2 March 2027, 365 days after the survey closed/);
    expect(deleted).toContain('counts shown here stay');
    expect(retentionNote({ surveyId: 's', state: 'deleting', startedAt: new Date(), retentionDays: 30 }, 'Europe/London')).toContain('being deleted');
  });
});

describe('admins', () => {
  const actor = { tenantId: 't', userId: '29:x', aadObjectId: AAD.toUpperCase() };
  it('are the configured Entra object ids (any case); a user id is never enough', () => {
    expect(isAdmin({ admins: [AAD], localMode: false }, actor)).toBe(true);
    expect(isAdmin({ admins: [AAD], localMode: false }, { ...actor, aadObjectId: undefined })).toBe(false);
    expect(isAdmin({ admins: ['29:x'], localMode: false }, { ...actor, aadObjectId: undefined })).toBe(false);
    expect(isAdmin({ admins: [], localMode: false }, actor)).toBe(false);
  });
  it('in local mode with none configured, the local user is one; configured admins still rule in local mode', () => {
    expect(isAdmin({ admins: [], localMode: true }, { tenantId: 't', userId: 'user-id-0' })).toBe(true);
    expect(isAdmin({ admins: ['00000000-0000-4000-8000-000000000000'], localMode: true }, actor)).toBe(false);
  });
});

describe('naming the person to erase', () => {
  it('takes one @mention (its Entra id when known), or one Entra object id, or one Teams user id', () => {
    expect(parsePersonReference('', [{ id: '29:abc', aadObjectId: AAD.toUpperCase(), name: 'Sam' }])).toEqual({ kind: 'aad', id: AAD, name: 'Sam' });
    expect(parsePersonReference('', [{ id: '29:abc', name: 'Sam' }])).toEqual({ kind: 'user', id: '29:abc', name: 'Sam' });
    expect(parsePersonReference(` ${AAD} `, [])).toEqual({ kind: 'aad', id: AAD });
    expect(parsePersonReference('29:1a2B-c_d', [])).toEqual({ kind: 'user', id: '29:1a2B-c_d' });
  });
  it('refuses typed names, several people, and nothing at all, saying how to name someone', () => {
    expect(domainErrorOf(() => parsePersonReference('Sam Smith', [])).message).toContain('Typed names are not used');
    expect(domainErrorOf(() => parsePersonReference('', [{ id: '29:a' }, { id: '29:b' }])).message).toBe('Name one person at a time.');
    expect(domainErrorOf(() => parsePersonReference('   ', [])).message).toContain('privacy erase @name');
    expect(domainErrorOf(() => parsePersonReference(`${AAD} 29:abc`, [])).code).toBe('invalid_input');
  });
});

describe('what erasure does with every table', () => {
  it('has a recorded decision for every table in TABLES (a new table fails here until someone decides)', () => {
    expect(Object.keys(DATA_DECISIONS).sort()).toEqual(Object.values(TABLES).sort());
    for (const [table, decision] of Object.entries(DATA_DECISIONS)) {
      expect(decision.erase.length, table).toBeGreaterThan(5);
      expect(decision.retention.length, table).toBeGreaterThan(5);
    }
  });
  it('docs/privacy.md lists every table with its decision', () => {
    const doc = readFileSync(join(__dirname, '../../docs/privacy.md'), 'utf8');
    for (const table of Object.values(TABLES)) expect(doc, table).toContain(`| \`${table}\` |`);
  });
  it('the audit detail is counts only', () => {
    const counts = { ...emptyCounts(), attendance: 3, surveyAnswers: 4 };
    expect(eraseAuditDetail(counts)).toBe('attendance=3 surveyAnswers=4');
    expect(eraseAuditDetail(emptyCounts())).toBe('nothing stored');
  });
});

describe('privacy cards', () => {
  const person = { keys: [AAD, '29:abc'], userIds: ['29:abc'], name: 'Sam ${user.name} **bold**' };
  const counts = { ...emptyCounts(), conversations: 1, attendance: 2 };

  it('confirm: counts per kind, what is kept and why, Erase and Cancel as Action.Execute; user text shown verbatim', () => {
    const card = eraseConfirmCard({ requestId: 'c0ffee00-0000-4000-8000-000000000000', person, counts });
    expectValidCard(card, 'erase confirm');
    expect(card.version).toBe('1.5');
    expect(String(card.speak)).toContain('Attendance (surveys they took part in): 2.');
    const text = cardText(card);
    expect(text).toContain('Sam ${user.name} **bold**');
    expect(text).toContain(`${ERASED_KINDS.conversations}: 1`);
    for (const kept of KEPT_ON_ERASE) expect(text).toContain(kept.what);
    const actions = (card.body as { type: string; actions?: { verb: string; data: Record<string, unknown> }[] }[]).flatMap((b) => b.actions ?? []);
    expect(actions.map((a) => a.verb)).toEqual([VERBS.privacyEraseConfirm, VERBS.privacyEraseCancel]);
    expect(actions[0]!.data).toEqual({ requestId: 'c0ffee00-0000-4000-8000-000000000000', person });
  });

  it('done, already done, nothing left; retention for admins and others', () => {
    for (const input of [
      { person, counts, alreadyDone: false },
      { person, counts, alreadyDone: true },
      { person, counts: emptyCounts(), alreadyDone: false }
    ]) {
      const card = eraseDoneCard(input);
      expectValidCard(card, 'erase done');
      expect(card.speak).toBeTruthy();
    }
    expect(cardText(eraseDoneCard({ person, counts: emptyCounts(), alreadyDone: false }))).toContain('Nothing was left to remove');
    const forAdmin = retentionCard({ retentionDays: 400, updatedAt: new Date('2026-03-02T10:00:00Z') }, { isAdmin: true, timeZone: 'Europe/London' });
    expectValidCard(forAdmin, 'retention');
    expect(cardText(forAdmin)).toContain('400 days after a survey closes');
    expect(cardText(retentionCard({ retentionDays: 365 }, { isAdmin: false, timeZone: 'Europe/London' }))).toContain('administrators can change this');
  });
});

describe('the retention job (policy, with in-memory ports)', () => {
  function harness(survey: Partial<Survey> | undefined) {
    const clock = new ManualClock('2027-03-03T10:00:00Z');
    const calls: string[] = [];
    const marks = new Map<string, 'deleting' | 'deleted'>();
    const scheduled: { dueAt: Date }[] = [];
    const service = new PrivacyService({
      settings: { get: async () => ({ retentionDays: 365 }), update: async () => ({ retentionDays: 365 }) },
      retention: {
        getMark: async () => undefined,
        beginMark: async (_t, id, at, days) => {
          const state = marks.get(id) ?? 'deleting';
          marks.set(id, state);
          calls.push('mark');
          return { surveyId: id, state, startedAt: at, retentionDays: days };
        },
        finishMark: async (_t, id) => void (marks.set(id, 'deleted'), calls.push('finish')),
        deleteRawAnswers: async () => (calls.push('answers'), { answers: 2, respondents: 1 }),
        deleteExportLinks: async () => (calls.push('links'), 0),
        deleteDeliveryRecords: async () => (calls.push('deliveries'), 0),
        deleteAlertWords: async () => (calls.push('alert words'), { cleared: 1, kept: 0 }),
        clearReviewComments: async () => (calls.push('review comments'), 0),
        closedSurveys: async () => []
      },
      people: {} as never,
      ledger: {} as never,
      sealer: { seal: async () => undefined, deleteForSubject: async () => void calls.push('sealed') },
      survey: async () => survey as Survey | undefined,
      lead: { leadKey: async () => undefined, clearIf: async () => undefined },
      due: { schedule: async (item) => void scheduled.push(item), cancel: async () => undefined },
      audit: { append: async () => void calls.push('audit'), list: async () => [] },
      clock,
      voterHashSecret: 'x'.repeat(32),
      admins: { admins: [], localMode: false },
      personalJobKinds: []
    });
    const item: DueItem = { tenantId: 't', kind: RETENTION_JOB, key: 's1', dueAt: clock.now(), payload: { surveyId: 's1' }, attempts: 0 };
    return { service, calls, scheduled, item, clock };
  }

  it('deletes in order: mark first, then answers, sealed identities, links, deliveries, alert words, review comments, mark done, audit; a second run does nothing', async () => {
    const h = harness({ status: 'closed', closedAt: new Date('2026-03-02T10:00:00Z') });
    await h.service.runRetention(h.item);
    expect(h.calls).toEqual(['mark', 'answers', 'sealed', 'links', 'deliveries', 'alert words', 'review comments', 'finish', 'audit']);
    await h.service.runRetention(h.item);
    expect(h.calls.slice(9)).toEqual(['mark']);
  });

  it('an open survey is left alone; a survey not yet due is rescheduled, not deleted; a deleted survey\'s rows still go', async () => {
    const open = harness({ status: 'open' });
    await open.service.runRetention(open.item);
    expect(open.calls).toEqual([]);
    const early = harness({ status: 'closed', closedAt: new Date('2026-06-01T10:00:00Z') });
    await early.service.runRetention(early.item);
    expect(early.calls).toEqual([]);
    expect(early.scheduled.map((s) => s.dueAt)).toEqual([new Date('2027-06-01T10:00:00Z')]);
    const gone = harness(undefined);
    await gone.service.runRetention(gone.item);
    expect(gone.calls).toContain('answers');
  });
});
