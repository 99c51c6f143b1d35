/** The board report's figures, quarters, ranges and pages (docs/audit-and-report.md). */
import { describe, expect, it } from 'vitest';
import { participationAuditCard, reportSummaryCard } from '../../src/cards/reports/report-cards';
import { easyReadHtml, easyReadLines, reportHtml } from '../../src/cards/reports/report-page';
import { checkText } from '../../src/cards/shared/easy-read';
import type { Findings, WeDid, YouSaid } from '../../src/domain/findings/findings';
import { auditCsv, buildAudit, ladderCounts, outcomeReviewed, parseRange } from '../../src/domain/plans/participation-audit';
import type { Plan } from '../../src/domain/plans/plan';
import { buildReport, describePeriod, highlightsOf, nextQuarterStart, previousQuarter } from '../../src/domain/reports/report';
import { cardElements, cardText } from '../helpers/card-query';
import { expectValidCard } from '../helpers/card-validator';

const yes = { answer: 'yes' as const, note: '' };
const no = { answer: 'no' as const, note: 'n' };
const plan = (planId: string, serviceArea: string, overrides: Partial<Plan> = {}): Plan =>
  ({ planId, serviceArea, state: 'live', level: 'meso', ladder: 'coDesign', hartRung: 5, startDate: '2026-01-10', endDate: '2026-01-20', lundy: { space: yes, voice: yes, audience: yes, influence: yes }, ...overrides }) as Plan;
const weDid = (status: WeDid['status'], text = 'x', when = ''): WeDid => ({ id: text, text, easyText: `${text} (easy)`, status, reason: '', owner: 'o', when, updatedAt: '' });
const youSaid = (n: number): YouSaid[] => Array.from({ length: n }, (_, i) => ({ id: `y${i}`, text: 't', easyText: 't', support: [] }));
const findings = (planId: string, surveyId: string, weDids: WeDid[], overrides: Partial<Findings> = {}): Findings =>
  ({ planId, surveyId, state: 'published', weDid: weDids, youSaid: youSaid(1), nextUpdate: '2026-03-01', ...overrides }) as Findings;

const INPUT = {
  from: '2026-01-01',
  to: '2026-12-31',
  today: '2026-04-01',
  threshold: 5,
  plans: [
    plan('p1', 'Youth clubs'),
    plan('p2', 'Youth clubs', { level: 'macro', ladder: 'coProduction', hartRung: 7, lundy: { space: yes, voice: no, audience: yes, influence: yes } }),
    plan('p3', 'Short breaks', { level: 'micro', ladder: 'consultation', hartRung: 2 }),
    plan('p4', 'Short breaks', { state: 'draft' })
  ],
  findings: [
    // p1: published, all done or not possible: a closed loop.
    findings('p1', 's1', [weDid('done', 'New quiet room', '2026-02-01'), weDid('notPossible', 'Minibus')], { youSaid: youSaid(2) }),
    // p2: published, still planned, promised by 1 March: overdue on 1 April.
    findings('p2', 's2', [weDid('planned', 'Later sessions'), weDid('inProgress', 'Easy-read menus')]),
    // p3: not published: counted in themes and statuses, never as a loop.
    findings('p3', 's3', [weDid('done', 'Not yet published')], { state: 'draft' })
  ],
  attendees: { s1: ['a', 'b', 'c', 'd', 'e'], s2: ['a', 'f', 'g', 'h', 'i', 'j'], s3: ['k', 'l', 'm', 'n', 'o', 'p'] }
};

describe('the audit figures (issue 14)', () => {
  it('counts each activity by ladder step, Hart rung and Lundy element; themes, changes by status, loops closed and overdue', () => {
    const audit = buildAudit(INPUT);
    const clubs = audit.areas.find((a) => a.area === 'Youth clubs')!;
    expect(clubs).toMatchObject({
      activities: 2,
      byLevel: { micro: 0, meso: 1, macro: 1 },
      byLadder: { 'tlap:coDesign': 1, 'tlap:coProduction': 1, 'tlap:consultation': 0, 'tlap:coercion': 0 },
      byHart: { 5: 1, 7: 1, 2: 0 },
      lundyFull: 1,
      lundyYes: { space: 2, voice: 1, audience: 2, influence: 2 },
      themes: 3,
      changes: { planned: 1, inProgress: 1, done: 1, notPossible: 1 },
      changesMade: 1,
      loopsClosed: 1,
      loopsOverdue: 1,
      outcomesReviewed: 0,
      participants: { kind: 'exact', value: 11 }
    });
    const breaks = audit.areas.find((a) => a.area === 'Short breaks')!;
    expect(breaks).toMatchObject({ activities: 1, byHart: { 2: 1 }, themes: 1, changes: { done: 1 }, loopsClosed: 0, loopsOverdue: 0 });
    expect(audit.totalParticipants).toBe(17);
  });

  it("a West Sussex council: counted on its five steps in its own words; an older TLAP plan shown with its ladder's name", () => {
    const ws = {
      ...INPUT,
      ladder: 'westSussex' as const,
      plans: [
        plan('p1', 'Youth clubs', { ladderId: 'westSussex', ladder: 'participation' }),
        plan('p2', 'Youth clubs', { ladderId: 'westSussex', ladder: 'coProduction' }),
        plan('p5', 'Youth clubs', { ladderId: 'westSussex', ladder: 'participation' }),
        // Made under TLAP before the council chose West Sussex's ladder.
        plan('p3', 'Short breaks', { ladder: 'coDesign' })
      ]
    };
    const audit = buildAudit(ws);
    expect(audit.ladder).toBe('westSussex');
    const clubs = audit.areas.find((a) => a.area === 'Youth clubs')!;
    expect(clubs.byLadder).toEqual({ 'westSussex:noEngagement': 0, 'westSussex:information': 0, 'westSussex:consultation': 0, 'westSussex:participation': 2, 'westSussex:coProduction': 1 });
    const breaks = audit.areas.find((a) => a.area === 'Short breaks')!;
    expect(ladderCounts(breaks.byLadder, 'westSussex').map((c) => [c.words, c.count])).toEqual([
      ['No engagement', 0], ['Information', 0], ['Consultation', 0], ['Participation', 0], ['Co-production', 0],
      ['Co-design (TLAP ladder of co-production)', 1]
    ]);
    const lines = auditCsv(audit).split('\r\n');
    expect(lines[0]!.split(',')).toHaveLength(35);
    expect(lines[0]).toContain(',Loops closed,Ladder: No engagement,Ladder: Information,Ladder: Consultation,Ladder: Participation,Ladder: Co-production,Ladder: other ladders,Hart rung 1,');
    expect(lines[0]).not.toContain('Coercion');
    // Short breaks: 0 on each West Sussex step, 1 under another ladder; Youth clubs: 2 at Participation, 1 at Co-production.
    expect(lines[1]!.split(',').slice(10, 16)).toEqual(['0', '0', '0', '0', '0', '1']);
    expect(lines[2]!.split(',').slice(10, 16)).toEqual(['0', '0', '0', '2', '1', '0']);

    const report = buildReport(ws);
    const card = reportSummaryCard(report, { button: true });
    expectValidCard(card, 'West Sussex summary');
    const pie = cardElements(card).find((e) => e.type === 'Chart.Pie')!;
    expect(pie.title).toBe('🤝 Activities by step of the West Sussex ladder of participation');
    expect(pie.data).toEqual([
      { legend: 'Participation', value: 2 },
      { legend: 'Co-production', value: 1 },
      { legend: 'Co-design (TLAP ladder of co-production)', value: 1 }
    ]);
    const html = reportHtml(report, '2026-04-01');
    expect(html).toContain('Activities by step on the West Sussex ladder of participation');
    expect(html).toContain('<th scope="row">No engagement</th><td class="n">0</td>');
    expect(html).toContain('<th scope="row">Participation</th><td class="n">2</td>');
    expect(html).toContain('<th scope="row">Co-design (TLAP ladder of co-production)</th><td class="n">1</td>');
    expect(html).not.toContain('Coercion');
    const auditCard = participationAuditCard(audit, { button: true });
    expectValidCard(auditCard, 'West Sussex audit');
    expect(cardText(auditCard)).toContain('West Sussex ladder of participation: Participation 2, Co-production 1 ·');
    expect(cardText(auditCard)).toContain('West Sussex ladder of participation: Co-design (TLAP ladder of co-production) 1 ·');
  });

  it('a loop is overdue only after its promised date, and only while something is open', () => {
    expect(buildAudit({ ...INPUT, today: '2026-03-01' }).areas.find((a) => a.area === 'Youth clubs')!.loopsOverdue).toBe(0);
    expect(buildAudit({ ...INPUT, today: '2026-03-02' }).areas.find((a) => a.area === 'Youth clubs')!.loopsOverdue).toBe(1);
  });

  it('outcomes reviewed: behind one function, 0 until plans record an impact review', () => {
    expect(outcomeReviewed(plan('p', 'a'))).toBe(false);
    expect(outcomeReviewed({ ...plan('p', 'a'), impactReview: { changed: 'x', evidence: 'y', next: 'z', by: 'owner', at: new Date(0) } })).toBe(true);
  });

  it('the CSV keeps its first ten columns and adds every new figure', () => {
    const lines = auditCsv(buildAudit(INPUT)).split('\r\n');
    // Seven TLAP steps (the default ladder) and one column for plans made under another ladder.
    expect(lines[0]!.split(',')).toHaveLength(37);
    expect(lines[0]).toContain(',Ladder: Co-design,Ladder: Co-production,Ladder: other ladders,Hart rung 1,');
    expect(lines[0]).toMatch(/^Service area,Activities,Micro,Meso,Macro,Hart rungs reached,Lundy: all four met,Participants,Changes made,Loops closed,Ladder: Coercion,/);
    expect(lines[0]).toMatch(/,You said themes,We did: Planned,We did: In progress,We did: Done,We did: Not possible,Loops overdue,Outcomes reviewed$/);
    expect(lines[2]).toBe('Youth clubs,2,0,1,1,5 7,1,11,1,1,0,0,0,0,0,1,1,0,0,0,0,0,1,0,1,0,2,1,2,2,3,1,1,1,1,1,0');
  });

  it('ranges: two real dates, in order, under five years', () => {
    expect(parseRange('2021-04-01 2026-03-31')).toEqual({ from: '2021-04-01', to: '2026-03-31' });
    expect(() => parseRange('2021-04-01 2026-04-01')).toThrow('more than 5 years');
    expect(() => parseRange('2020-01-01 2030-01-01', 'report')).toThrow('more than 5 years');
    expect(() => parseRange('2026-01-01', 'report')).toThrow('Give two dates: "report 2025-04-01 2026-03-31".');
    expect(() => parseRange('2026-13-01 2026-12-01')).toThrow('Give two dates');
    expect(() => parseRange('2026-02-01 2026-01-01')).toThrow('The second date cannot be before the first.');
    expect(() => parseRange('2026-01-01 2026-02-01 2026-03-01')).toThrow('Give two dates');
    // A leap day start: five years on is 1 March.
    expect(parseRange('2024-02-29 2029-02-28')).toEqual({ from: '2024-02-29', to: '2029-02-28' });
  });
});

describe('the board report', () => {
  it('adds the areas up; people only as suppressed; highlights are published changes made, newest first', () => {
    const report = buildReport(INPUT);
    expect(report.totals).toMatchObject({ activities: 3, byLevel: { micro: 1, meso: 1, macro: 1 }, byHart: { 2: 1, 5: 1, 7: 1 }, themes: 4, loopsClosed: 1, loopsOverdue: 1 });
    expect(report.totals.changes).toEqual({ planned: 1, inProgress: 1, done: 2, notPossible: 1 });
    expect(report.participants).toEqual({ kind: 'exact', value: 17 });
    // The unpublished "done" is not a highlight.
    expect(report.highlights.map((h) => h.text)).toEqual(['New quiet room']);
    expect(highlightsOf({ ...INPUT, from: '2027-01-01', to: '2027-12-31' })).toEqual([]);
  });

  it('a small area: its count shows as "fewer than", the other is hidden, and no total anywhere', () => {
    const small = { ...INPUT, attendees: { ...INPUT.attendees, s3: ['k', 'l'] } };
    const report = buildReport(small);
    expect(report.participants).toEqual({ kind: 'withheld' });
    const html = reportHtml(report, '2026-04-01');
    expect(html).toContain('<th scope="row">Short breaks</th><td class="n">1</td><td class="n">fewer than 5</td>');
    expect(html).toContain('<th scope="row">Youth clubs</th><td class="n">2</td><td class="n">hidden</td>');
    expect(html).not.toMatch(/<td class="n">(2|11|13)<\/td><td class="n">\d/);
    const card = reportSummaryCard(report, { button: true });
    expectValidCard(card, 'summary with small numbers');
    expect(cardText(card)).toContain('People who took part: not shown');
    expect(cardText(card)).not.toMatch(/\b(2|11|13) people/);
    expect(easyReadLines(report).find((l) => l.symbol === '👥')!.text).toBe('Young people and families took part.');
    // One area only: its count is the total, so "fewer than 5" would pin it; it is withheld.
    const one = buildReport({ ...small, plans: [small.plans[2]!] });
    expect(one.participants).toEqual({ kind: 'withheld' });
    expect(one.audit.areas[0]!.participants).toEqual({ kind: 'withheld' });
  });

  it('the summary card: valid, whole-number charts with a text fallback, the files button', () => {
    const card = reportSummaryCard(buildReport(INPUT), { button: true });
    expectValidCard(card, 'summary');
    const charts = cardElements(card).filter((e) => String(e.type).startsWith('Chart.'));
    expect(charts.map((c) => c.type)).toEqual(['Chart.HorizontalBar', 'Chart.Pie', 'Chart.HorizontalBar']);
    for (const c of charts) {
      expect((c.fallback as { type: string }).type).toBe('FactSet');
      for (const d of c.data as { y?: number; value?: number }[]) expect(Number.isInteger(d.y ?? d.value)).toBe(true);
    }
    expect(cardElements(card).find((e) => e.type === 'Action.Execute')!.data).toEqual({ kind: 'reportHtml', from: '2026-01-01', to: '2026-12-31' });
    expect(String(card.speak)).toContain('3 activities');
    const withLinks = reportSummaryCard(buildReport(INPUT), { links: [{ name: 'r.html', url: 'https://x.test/files/t/a.html' }] });
    expectValidCard(withLinks, 'summary with links');
    expect(cardElements(withLinks).some((e) => e.type === 'Action.Execute')).toBe(false);
  });

  it('the audit card has no CSV rows; an empty period offers no file', () => {
    const card = participationAuditCard(buildAudit(INPUT), { button: true });
    expectValidCard(card, 'audit');
    expect(cardElements(card).some((e) => e.fontType === 'Monospace')).toBe(false);
    const empty = participationAuditCard(buildAudit({ ...INPUT, from: '2030-01-01', to: '2030-12-31' }), { button: true });
    expect(cardText(empty)).toContain('No activities in these dates.');
    expect(cardElements(empty).some((e) => e.type === 'Action.Execute')).toBe(false);
  });

  it('the pages: user text escaped, print CSS, and every easy-read sentence passes the easy-read check', () => {
    const hostile = { ...INPUT, plans: INPUT.plans.map((p) => ({ ...p, serviceArea: '<script>alert(1)</script>' })) };
    const report = buildReport(hostile);
    const html = reportHtml(report, '2026-04-01');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('@page { size: A4');
    const lines = easyReadLines(buildReport(INPUT));
    expect(lines.map((l) => l.text)).toEqual([
      'This is about 1 January 2026 to 31 December 2026.',
      '17 people took part.',
      'You told us 4 things.',
      'We changed 2 things.',
      'We are still working on 2 things.',
      'We could not do 1 thing. We told you why.',
      'New quiet room (easy)',
      'Ask your worker if you want to know more.'
    ]);
    for (const line of lines) {
      expect(checkText(line.text, line.symbol)).toEqual([]);
      expect(line.symbol).toMatch(/\p{Extended_Pictographic}/u);
    }
    expect(easyReadHtml(buildReport(INPUT))).toContain('<span class="symbol" aria-hidden="true">✅</span><span>We changed 2 things.</span>');
  });

  it('quarters: the one just ended, and when the next begins', () => {
    expect(previousQuarter('2026-07-01')).toEqual({ from: '2026-04-01', to: '2026-06-30', name: '2026-Q2' });
    expect(previousQuarter('2026-01-01')).toEqual({ from: '2025-10-01', to: '2025-12-31', name: '2025-Q4' });
    expect(previousQuarter('2026-03-31')).toEqual({ from: '2025-10-01', to: '2025-12-31', name: '2025-Q4' });
    expect(previousQuarter('2024-04-15')).toEqual({ from: '2024-01-01', to: '2024-03-31', name: '2024-Q1' });
    expect(nextQuarterStart('2026-12-31')).toBe('2027-01-01');
    expect(nextQuarterStart('2026-01-01')).toBe('2026-04-01');
    expect(nextQuarterStart('2026-09-30')).toBe('2026-10-01');
    expect(describePeriod('2026-04-01', '2026-06-30')).toBe('1 April 2026 to 30 June 2026');
  });
});
