/** The participation audit: per service area, participants suppressed so none can be worked out. */
import { describe, expect, it } from 'vitest';
import { participationAuditCard } from '../../src/cards/reports/report-cards';
import type { Findings, WeDid } from '../../src/domain/findings/findings';
import { auditCsv, buildAudit, parseRange, participationAudit } from '../../src/domain/plans/participation-audit';
import type { Plan } from '../../src/domain/plans/plan';
import { type ShownCount, anyWorkedOut } from '../../src/domain/shared/suppression';
import { cardText } from '../helpers/card-query';
import { expectValidCard } from '../helpers/card-validator';

const yes = { answer: 'yes' as const, note: '' };
const plan = (planId: string, serviceArea: string, overrides: Partial<Plan> = {}): Plan =>
  ({ planId, serviceArea, state: 'live', level: 'meso', hartRung: 5, startDate: '2026-01-10', endDate: '2026-01-20', lundy: { space: yes, voice: yes, audience: yes, influence: yes }, ...overrides }) as Plan;
const weDid = (status: WeDid['status']): WeDid => ({ id: 'w', text: 'x', easyText: 'x', status, reason: '', owner: 'o', when: '', updatedAt: '' });
const findings = (planId: string, surveyId: string, statuses: WeDid['status'][] = ['done']): Findings =>
  ({ planId, surveyId, state: 'published', weDid: statuses.map(weDid) }) as Findings;

describe('participation audit', () => {
  it('parses the date range, refusing anything else', () => {
    expect(parseRange(' 2025-04-01 2026-03-31 ')).toEqual({ from: '2025-04-01', to: '2026-03-31' });
    expect(() => parseRange('2025-04-01')).toThrow(/two dates/);
    expect(() => parseRange('2026-03-31 2025-04-01')).toThrow(/before/);
    expect(() => parseRange('2025-02-30 2026-01-01')).toThrow(/two dates/);
  });

  it('groups activities in the range by service area: levels, rungs, Lundy, participants, changes, loops', () => {
    const audit = buildAudit({
      from: '2026-01-01',
      to: '2026-12-31',
      plans: [
        plan('p1', 'Youth clubs'),
        plan('p2', 'Youth clubs', { level: 'macro', hartRung: 7, lundy: { space: yes, voice: yes, audience: yes, influence: { answer: 'partly', note: 'n' } } }),
        plan('p3', 'Short breaks'),
        plan('p4', 'Short breaks', { state: 'draft' }),
        plan('p5', 'Transport', { startDate: '2025-01-01', endDate: '2025-02-01' })
      ],
      findings: [findings('p1', 's1'), findings('p2', 's2', ['planned']), findings('p3', 's3')],
      attendees: { s1: 6, s2: 7, s3: 2 },
      threshold: 5
    });
    expect(audit.areas.map((a) => a.area)).toEqual(['Short breaks', 'Youth clubs']);
    const clubs = audit.areas[1]!;
    expect(clubs).toMatchObject({ activities: 2, byLevel: { micro: 0, meso: 1, macro: 1 }, rungs: [5, 7], lundyFull: 1, changesMade: 1, loopsClosed: 1 });
    // 2 is small; with the total 15 known, 13 would give it away — so the 13 is hidden too, and no total is shown.
    expect(audit.areas[0]!.participants).toEqual({ kind: 'few' });
    expect(clubs.participants.kind).not.toBe('exact');
    expect(audit.totalParticipants).toBeUndefined();
    const csv = auditCsv(audit);
    const participantsColumn = csv.trim().split('\r\n').slice(1).map((r) => r.split(',')[7]);
    expect(participantsColumn).toEqual(['fewer than 5', 'hidden']);
    const card = participationAuditCard(audit, { button: true });
    expectValidCard(card, 'audit');
    expect(cardText(card as never)).not.toMatch(/participants (2|13|15)\b/);
  });

  it('counts only plans the working group approved: one waiting for approval or sent back is not an activity', () => {
    const states = ['draft', 'submitted', 'changesRequested', 'approved', 'live', 'reviewing', 'findingsApproved', 'loopClosed'] as const;
    const audit = buildAudit({
      from: '2026-01-01',
      to: '2026-12-31',
      plans: states.map((state, i) => plan(`p${i}`, 'Short breaks', { state })),
      findings: [],
      attendees: {},
      threshold: 5
    });
    expect(audit.areas[0]).toMatchObject({ area: 'Short breaks', activities: 5 });
  });

  it('reads the chain: findings opened before the link count through their survey\'s plan; a person counts once per plan', async () => {
    const people: Record<string, string[]> = { s1: ['a', 'b', 'c', 'd', 'e'], s2: ['a', 'b', 'f'], s3: ['x'] };
    const surveyPlans: Record<string, string> = { s2: 'p1' };
    const audit = await participationAudit(
      {
        listPlans: async () => [plan('p1', 'Youth clubs')],
        // s2's findings were opened before findings took their survey's plan; s3's survey has no plan.
        listFindings: async () => [findings('p1', 's1'), { ...findings('', 's2', ['done', 'planned']), planId: undefined }, { ...findings('', 's3'), planId: undefined }],
        attendees: async (_tenantId, surveyId) => people[surveyId] ?? [],
        surveyPlanId: async (_tenantId, surveyId) => surveyPlans[surveyId],
        threshold: async () => 5
      },
      't',
      '2026-01-01 2026-12-31'
    );
    expect(audit.areas).toEqual([expect.objectContaining({ area: 'Youth clubs', activities: 1, participants: { kind: 'exact', value: 6 }, changesMade: 2, loopsClosed: 1 })]);
    expect(audit.totalParticipants).toBe(6);
  });

  it('CSV cells are formula-safe and quoted', () => {
    const audit = buildAudit({ from: '2026-01-01', to: '2026-12-31', plans: [plan('p1', '=HYPERLINK("x"), area')], findings: [], attendees: {}, threshold: 5 });
    expect(auditCsv(audit).split('\r\n')[1]).toMatch(/^"'=HYPERLINK\(""x""\), area"/);
  });

  it('exhaustively, for 3 areas with 0–7 participants each: nothing shown (cells or total) pins a hidden count', () => {
    const parse = (value: string): ShownCount =>
      value.startsWith('fewer') ? { kind: 'few' } : value === 'hidden' ? { kind: 'hidden' } : value === 'not shown' ? { kind: 'withheld' } : { kind: 'exact', value: Number(value) };
    for (let a = 0; a <= 7; a++)
      for (let b = 0; b <= 7; b++)
        for (let c = 0; c <= 7; c++) {
          const counts = [a, b, c];
          const audit = buildAudit({
            from: '2026-01-01',
            to: '2026-12-31',
            plans: ['A', 'B', 'C'].map((area, i) => plan(`p${i}`, area)),
            findings: [0, 1, 2].map((i) => findings(`p${i}`, `s${i}`)),
            attendees: { s0: a, s1: b, s2: c },
            threshold: 5
          });
          const rows = auditCsv(audit).trim().split('\r\n').slice(1, 4);
          const shown = rows.map((r) => parse(r.split(',')[7]!));
          if (shown.some((s) => s.kind !== 'exact')) {
            expect(audit.totalParticipants, counts.join(',')).toBeUndefined();
            // Even a reader who knows the true total from elsewhere cannot pin any hidden count.
            expect(anyWorkedOut(counts, shown, 5), counts.join(',')).toBe(false);
          } else {
            expect(audit.totalParticipants).toBe(a + b + c);
          }
        }
  });
});
