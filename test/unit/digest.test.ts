/** Manager digests: aggregate maintenance, the digest built from it, schedules, and the card. */
import { describe, expect, it } from 'vitest';
import { digestCard } from '../../src/cards/digest-cards';
import type { ApprovalRound } from '../../src/domain/approval-round';
import { countFatigueSkips } from '../../src/domain/aggregates';
import type { FatigueLedger } from '../../src/domain/delivery';
import {
  type TenantAggregate,
  applyFatigueSkip,
  applyFindingsChange,
  applyPlanChange,
  applyRoundChange,
  applySurveyChange,
  buildDigest,
  emptyAggregate,
  nextDigestTime,
  parseSchedule
} from '../../src/domain/digest';
import type { Findings, WeDid } from '../../src/domain/findings';
import type { Plan } from '../../src/domain/plan';
import type { Survey } from '../../src/domain/survey';
import { zonedWallTimeToUtc } from '../../src/domain/time';
import { cardText } from '../helpers/card-query';
import { expectValidCard } from '../helpers/card-validator';

const plan = (state: Plan['state'], overrides: Partial<Plan> = {}): Plan => ({ state, level: 'meso', hartRung: 5, ...overrides }) as Plan;
const weDid = (status: WeDid['status']): WeDid => ({ id: 'w1', text: 'x', easyText: 'x', status, reason: '', owner: 'o', when: '', updatedAt: '' });
const findings = (state: Findings['state'], statuses: WeDid['status'][], nextUpdate = '2026-02-01'): Findings =>
  ({ state, weDid: statuses.map(weDid), nextUpdate } as Findings);

describe('digest aggregate', () => {
  it('plans move between states; only plans past draft count as activities by level and rung', () => {
    let a = applyPlanChange(emptyAggregate(), undefined, plan('draft'));
    expect(a.plansByState).toEqual({ draft: 1 });
    expect(a.activitiesByLevel).toEqual({});
    a = applyPlanChange(a, plan('draft'), plan('submitted'));
    a = applyPlanChange(a, undefined, plan('live', { level: 'macro' }));
    expect(a.plansByState).toEqual({ submitted: 1, live: 1 });
    expect(a.activitiesByLevel).toEqual({ meso: 1, macro: 1 });
    expect(a.activitiesByRung).toEqual({ '5': 2 });
    a = applyPlanChange(a, plan('submitted'), undefined);
    expect(a.plansByState).toEqual({ live: 1 });
  });

  it('open rounds are kept with their deadline and dropped on close; live surveys likewise', () => {
    const round = { roundId: 'r1', status: 'open', deadline: new Date('2026-01-10T17:00:00Z') } as ApprovalRound;
    let a = applyRoundChange(emptyAggregate(), round, 'r1');
    expect(a.openRounds).toEqual({ r1: '2026-01-10T17:00:00.000Z' });
    a = applyRoundChange(a, { ...round, status: 'closed' }, 'r1');
    expect(a.openRounds).toEqual({});
    const survey = { surveyId: 's1', title: 'Club', status: 'open', createdAt: new Date('2026-01-01T00:00:00Z') } as Survey;
    a = applySurveyChange(a, survey, 's1');
    expect(Object.keys(a.liveSurveys)).toEqual(['s1']);
    a = applySurveyChange(a, { ...survey, status: 'closed' }, 's1');
    expect(a.liveSurveys).toEqual({});
  });

  it('loops: open by promised date until nothing is planned or in progress, then closed', () => {
    let a = applyFindingsChange(emptyAggregate(), undefined, findings('draft', ['planned']));
    expect(a).toEqual(emptyAggregate());
    a = applyFindingsChange(a, findings('draft', ['planned']), findings('published', ['planned']));
    expect(a.loopsOpenByDate).toEqual({ '2026-02-01': 1 });
    a = applyFindingsChange(a, findings('published', ['planned']), findings('published', ['done']));
    expect(a.loopsOpenByDate).toEqual({});
    expect(a.loopsClosed).toBe(1);
  });
});

describe('digest', () => {
  const aggregate = {
    ...emptyAggregate(),
    plansByState: { live: 3, submitted: 2 },
    activitiesByLevel: { meso: 4, macro: 1 },
    activitiesByRung: { '5': 3, '3': 2 },
    openRounds: { r1: '2026-01-01T00:00:00.000Z', r2: '2026-03-01T00:00:00.000Z' },
    liveSurveys: Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`s${i}`, { title: `Survey ${i}`, since: `2026-01-0${i + 1}T00:00:00.000Z` }])),
    loopsOpenByDate: { '2026-01-20': 2, '2026-03-01': 1 },
    loopsClosed: 4,
    safeguardingAlerts: 1
  };

  it('counts overdue approvals and loops; lists the newest live surveys with respondents suppressed', () => {
    const d = buildDigest(aggregate, new Date('2026-02-01T10:00:00Z'), '2026-02-01', { s6: 3, s5: 12 }, 5);
    expect(d).toMatchObject({ approvalsWaiting: 2, approvalsOverdue: 1, liveSurveys: 7, loopsOpen: 3, loopsOverdue: 2, loopsClosed: 4, safeguardingAlerts: 1 });
    expect(d.newestLive.map((s) => s.surveyId)).toEqual(['s6', 's5', 's4', 's3', 's2']);
    expect(d.newestLive[0]!.respondents).toEqual({ kind: 'few' });
    expect(d.newestLive[1]!.respondents).toEqual({ kind: 'exact', value: 12 });
    const card = digestCard(d);
    expectValidCard(card, 'digest');
    const text = cardText(card as never);
    expect(text).toContain('Survey 6: fewer than 5 responded');
    expect(text).not.toMatch(/\b3 responded/);
    // No total or percentage of respondents anywhere: a suppressed count cannot be worked out by subtraction.
    expect(text).not.toMatch(/%/);
    expect(text).not.toMatch(/total/i);
    expect(JSON.stringify(card)).toContain('Chart.HorizontalBar');
  });

  it('an empty tenant still gives a valid card', () => {
    expectValidCard(digestCard(buildDigest(emptyAggregate(), new Date(), '2026-02-01', {}, 5)), 'empty digest');
  });

  it('schedules: default Monday 09:00; day and time words; the next time in London time, across clock changes', () => {
    expect(parseSchedule('')).toEqual({ day: 'monday', time: '09:00' });
    expect(parseSchedule('Fri 7:30')).toEqual({ day: 'friday', time: '07:30' });
    expect(parseSchedule('wednesday 14')).toEqual({ day: 'wednesday', time: '14:00' });
    expect(() => parseSchedule('25:00')).toThrow(/did not understand/);
    // Monday 5 Jan 2026, 10:00 GMT: next Monday 09:00 is a week later.
    expect(nextDigestTime(new Date('2026-01-05T10:00:00Z'), { day: 'monday', time: '09:00' }, zonedWallTimeToUtc).toISOString()).toBe('2026-01-12T09:00:00.000Z');
    // Before 09:00 on a Monday: the same day. In summer time 09:00 London is 08:00 UTC.
    expect(nextDigestTime(new Date('2026-06-01T06:00:00Z'), { day: 'monday', time: '09:00' }, zonedWallTimeToUtc).toISOString()).toBe('2026-06-01T08:00:00.000Z');
  });
});

describe('people skipped by the fatigue cap', () => {
  it('each refused reservation counts once on its London day; the digest sums the last 7 days; old days are dropped', async () => {
    let stored: TenantAggregate = emptyAggregate();
    const aggregates = { get: async () => stored, update: async (_t: string, change: (a: TenantAggregate) => TenantAggregate) => void (stored = change(stored)) };
    let allow = true;
    const ledger: FatigueLedger = {
      reserve: async () => (allow ? { allowed: true, entries: [], changed: true } : { allowed: false, count: 2, rule: 'fatigue' }),
      release: async () => undefined
    };
    countFatigueSkips(ledger, aggregates);
    const rule = { maxRequests: 2, windowDays: 14 };
    await ledger.reserve('t', 'p1', 'job', new Date('2026-02-01T10:00:00Z'), rule);
    expect(stored.fatigueSkippedByDay).toEqual({});
    allow = false;
    await ledger.reserve('t', 'p1', 'job', new Date('2026-02-01T23:30:00Z'), rule); // still 1 Feb in London (GMT)
    await ledger.reserve('t', 'p2', 'job', new Date('2026-01-20T10:00:00Z'), rule);
    expect(stored.fatigueSkippedByDay).toEqual({ '2026-02-01': 1, '2026-01-20': 1 });
    expect(buildDigest(stored, new Date('2026-02-03T10:00:00Z'), '2026-02-03', {}, 5).fatigueSkipped).toBe(1);
    expect(applyFatigueSkip(stored, '2026-03-01').fatigueSkippedByDay).toEqual({ '2026-02-01': 1, '2026-03-01': 1 });
    expect(cardText(digestCard(buildDigest(stored, new Date('2026-02-03T10:00:00Z'), '2026-02-03', {}, 5)) as never)).toContain('skipped by the fatigue cap (7 days): 1');
  });
});
