/** Manager digests: aggregate maintenance, the digest built from it, schedules, and the card. */
import { describe, expect, it } from 'vitest';
import { describeResponseRate, digestCard } from '../../src/cards/digests/digest-cards';
import type { ApprovalRound } from '../../src/domain/approvals/approval-round';
import { deliveriesWithAskedCount, fatigueWithSkipCount } from '../../src/domain/digests/aggregates';
import type { DeliveryRecord } from '../../src/domain/delivery/delivery';
import type { DeliveryRepository, FatigueLedger } from '../../src/domain/delivery/ports';
import { type TenantAggregate, applyFatigueSkip, applyFindingsChange, applyPlanChange, applyRoundChange, applySurveyChange, buildDigest, emptyAggregate, nextDigestTime, parseSchedule, responseRate } from '../../src/domain/digests/digest';
import type { Findings, WeDid } from '../../src/domain/findings/findings';
import type { Plan } from '../../src/domain/plans/plan';
import type { Survey } from '../../src/domain/surveys/survey';
import { zonedWallTimeToUtc } from '../../src/domain/shared/time';
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
    // Posted in a channel or group chat: anyone there could answer, so no rate is known.
    const conversation = (conversationType: 'personal' | 'groupChat' | 'channel') => ({ conversationType }) as Survey['conversation'];
    a = applySurveyChange(a, { ...survey, conversation: conversation('channel') }, 's1');
    a = applySurveyChange(a, { ...survey, conversation: conversation('personal') }, 's2');
    expect(a.liveSurveys.s1!.shared).toBe(true);
    expect(a.liveSurveys.s2!.shared).toBeUndefined();
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

  it('response rates: "12 of 40 responded (30%)" from the counts asked; "rate not known" without a denominator', () => {
    const live = { s1: { title: 'Asked', since: '2026-01-05T00:00:00.000Z' }, s2: { title: 'Posted', since: '2026-01-04T00:00:00.000Z', shared: true }, s3: { title: 'Nobody asked', since: '2026-01-03T00:00:00.000Z' }, s4: { title: 'Few', since: '2026-01-02T00:00:00.000Z' } };
    const d = buildDigest({ ...emptyAggregate(), liveSurveys: live }, new Date('2026-02-01T10:00:00Z'), '2026-02-01', { s1: 12, s2: 30, s3: 7, s4: 2 }, 5, { s1: 40, s2: 100, s4: 40 });
    const card = digestCard(d);
    expectValidCard(card, 'digest with rates');
    const text = cardText(card as never);
    expect(text).toContain('Asked: 12 of 40 responded (30%)');
    expect(text).toContain('Posted: 30 responded; rate not known (posted in a channel or group chat)');
    expect(text).toContain('Nobody asked: 7 responded; rate not known');
    expect(text).toContain('Few: fewer than 5 of 40 responded');
    expect(text.split('\n').find((l) => l.startsWith('Few:'))).toBe('Few: fewer than 5 of 40 responded'); // no 2, no percentage
    expect(responseRate(50, 40, false, 5)).toEqual({ kind: 'notKnown', respondents: { kind: 'exact', value: 50 }, why: 'moreThanAsked' });
    expect(responseRate(0, 40, false, 5)).toEqual({ kind: 'rate', respondents: 0, asked: 40, percent: 0 });
  });

  it('no suppressed count can be worked out from a rate or a total: every count 1…threshold-1 reads the same', () => {
    // A reader who knows exactly how many were asked (they sent it) and whether it was posted openly
    // sees the same words for every hidden count, so the words say no more than "fewer than N".
    for (const threshold of [2, 3, 5, 10]) {
      for (let asked = 0; asked <= 60; asked++) {
        for (const shared of [false, true]) {
          const shown = (r: number) => describeResponseRate(responseRate(r, asked, shared, threshold), threshold);
          const hidden = Array.from({ length: threshold - 1 }, (_, i) => shown(i + 1));
          expect(new Set(hidden).size, `threshold ${threshold}, ${asked} asked`).toBe(1);
          const words = hidden[0]!;
          expect(words).not.toContain('%');
          // The only numbers shown are the threshold and (when at least the threshold were asked) the number asked.
          const numbers = (words.match(/\d+/g) ?? []).map(Number);
          expect(numbers.every((n) => n === threshold || (n === asked && asked >= threshold)), words).toBe(true);
          // An exact count (0 or at least the threshold) is shown as itself and its percentage is right.
          for (const r of [0, threshold, threshold + 7]) {
            const rate = responseRate(r, asked, shared, threshold);
            if (rate.kind === 'rate') expect(rate.percent).toBe(Math.round((100 * r) / asked));
            expect(shown(r)).not.toContain('fewer than');
          }
        }
      }
    }
    // And on the whole card: two digests that differ only in a hidden count are identical.
    const agg = { ...emptyAggregate(), liveSurveys: { s1: { title: 'Club', since: '2026-01-05T00:00:00.000Z' } } };
    const at = new Date('2026-02-01T10:00:00Z');
    for (const asked of [0, 1, 3, 4, 5, 40]) {
      const cards = [1, 2, 3, 4].map((r) => JSON.stringify(digestCard(buildDigest(agg, at, '2026-02-01', { s1: r }, 5, { s1: asked }))));
      expect(new Set(cards).size, `${asked} asked`).toBe(1);
    }
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
    const ledger: FatigueLedger = fatigueWithSkipCount({
      reserve: async () => (allow ? { allowed: true, entries: [], changed: true } : { allowed: false, count: 2, rule: 'fatigue' }),
      release: async () => undefined
    }, aggregates);
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

describe('people asked: 1:1 sends counted toward response rates', () => {
  it('a survey request becoming "sent" (the update the worker won) counts the person once; reminders, other jobs and lost races do not', async () => {
    const added: string[] = [];
    const reach = {
      add: async (_t: string, surveyId: string, people: string[]) => {
        added.push(...people.map((p) => `${surveyId}:${p}`));
        return people.length;
      },
      count: async () => 0
    };
    let wins = true;
    const deliveries = deliveriesWithAskedCount({ update: async (record: DeliveryRecord) => (wins ? record : undefined) } as unknown as DeliveryRepository, reach as never, () => undefined);
    const record = (jobId: string, n: number, status: DeliveryRecord['status'] = 'sending') => ({ tenantId: 't', jobId, n, personKey: 'p1', status }) as DeliveryRecord;
    const now = new Date();
    await deliveries.update(record('survey-s1', 0), { status: 'sent' }, now);
    await deliveries.update(record('survey-s1', 1), { status: 'sent' }, now); // a reminder
    await deliveries.update(record('survey-s1', 0), { status: 'failed' }, now);
    await deliveries.update(record('poll-x', 0), { status: 'sent' }, now);
    await deliveries.update(record('survey-s1', 0, 'sent'), { status: 'sent' }, now);
    wins = false;
    await deliveries.update(record('survey-s2', 0), { status: 'sent' }, now); // someone else changed the record first
    expect(added).toEqual(['s1:p1']);
  });
});
