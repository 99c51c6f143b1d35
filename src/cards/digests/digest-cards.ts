/** The manager digest card (docs/findings.md): charts where people would rather look than read. */
import digestTemplate from './digest.json';
import type { Digest, ResponseRate } from '../../domain/digests/digest';
import type { ParticipationAudit } from '../../domain/plans/participation-audit';
import { infoCard } from '../shared/info-card';
import { LABELS, STATE_LABELS, type PlanState } from '../../domain/plans/plan';
import { describeCount } from '../../domain/shared/suppression';
import { formatForPeople } from '../../domain/shared/time';
import { type AdaptiveCardJson, renderCard } from '../shared/render';

interface Section {
  heading: string;
  facts: { title: string; value: string }[];
  chart: { x: string; y: number }[];
  showChart: boolean;
  note: string;
}

const section = (heading: string, facts: { title: string; value: string }[], note = '', chart?: { x: string; y: number }[]): Section => ({
  heading,
  facts,
  chart: chart ?? [],
  showChart: (chart ?? []).some((c) => c.y > 0),
  note
});

/**
 * How a live survey's responses read in the digest: "12 of 40 responded (30%)". Beside a suppressed
 * count only what depends on the number asked is shown (never the hidden value), so every count from
 * 1 to threshold-1 reads the same (test/unit/digest.test.ts proves it).
 */
export function describeResponseRate(rate: ResponseRate, threshold: number): string {
  const few = `fewer than ${threshold}`;
  switch (rate.kind) {
    case 'rate':
      return `${rate.respondents} of ${rate.asked} responded (${rate.percent}%)`;
    case 'few':
      return `${few} of ${rate.asked} responded`;
    case 'hidden':
      return `${few} responded; rate hidden (small numbers)`;
    case 'notKnown': {
      const why = { notAsked: '', shared: ' (posted in a channel or group chat)', moreThanAsked: ' (more answered than were asked)' }[rate.why];
      return `${describeCount(rate.respondents, threshold)} responded; rate not known${why}`;
    }
  }
}

export function digestCard(d: Digest): AdaptiveCardJson {
  const threshold = d.threshold;
  const states = Object.entries(d.plansByState).map(([state, n]) => ({ x: STATE_LABELS[state as PlanState] ?? state, y: n }));
  const levels = Object.entries(d.activitiesByLevel).map(([level, n]) => ({ x: LABELS.level[level as keyof typeof LABELS.level] ?? level, y: n }));
  const rungs = Object.entries(d.activitiesByRung)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([rung, n]) => ({ x: LABELS.hart[Number(rung)] ?? rung, y: n }));
  const asFacts = (rows: { x: string; y: number }[]) => rows.map((r) => ({ title: r.x, value: String(r.y) }));
  const sections: Section[] = [
    section('📋 Plans by state', asFacts(states), states.length ? '' : 'No plans yet.', states),
    section('🗳️ Approvals', [
      { title: 'Waiting for the working group', value: String(d.approvalsWaiting) },
      { title: 'Past their deadline', value: String(d.approvalsOverdue) }
    ]),
    section(
      '📊 Surveys live',
      [
        { title: 'Open now', value: String(d.liveSurveys) },
        ...d.newestLive.map((s) => ({ title: s.title, value: describeResponseRate(s.rate, threshold) }))
      ],
      `Rates are of the people asked: sent the survey 1:1, or in the chat where a session of it ran. Small numbers show as "fewer than ${threshold}".${d.liveSurveys > d.newestLive.length ? ` The ${d.newestLive.length} newest are listed.` : ''}`
    ),
    section('🪜 Participation by commissioning level', asFacts(levels), 'Activities past draft.', levels),
    section('🧗 Participation by Hart’s ladder', asFacts(rungs), 'Rungs 1–3 are not real participation.', rungs),
    section('🔁 Closing the loop', [
      { title: 'Loops closed', value: String(d.loopsClosed) },
      { title: 'Still open', value: String(d.loopsOpen) },
      { title: 'Past the promised date', value: String(d.loopsOverdue) }
    ]),
    ...(d.loop
      ? [
          section(
            '💬 The loop both ways',
            [
              { title: 'Tell us views (7 days)', value: String(d.loop.tellUsLast7Days) },
              ...d.loop.notWhatWeSaid.slice(0, 5).map((item) => ({ title: '⚠️ Not what we said', value: item }))
            ],
            d.loop.notWhatWeSaid.length ? 'Most people who reacted said these "We did" are not what they said. Type "findings reactions" to see the counts.' : 'No "We did" has a "Not what we said" majority.'
          )
        ]
      : []),
    section('😮‍💨 Asked too often', [{ title: 'Survey requests skipped by the fatigue cap (7 days)', value: String(d.fatigueSkipped) }]),
    section('🛡️ Safeguarding', [{ title: 'Alerts raised', value: String(d.safeguardingAlerts) }], 'A count only. The designated safeguarding lead has the details.')
  ];
  return renderCard(digestTemplate, {
    generated: `As of ${formatForPeople(d.generatedAt, 'Europe/London')}`,
    sections,
    speak: `VoiceLoop digest. ${d.approvalsWaiting} approvals waiting, ${d.approvalsOverdue} overdue. ${d.liveSurveys} surveys live. ${d.loopsClosed} loops closed, ${d.loopsOpen} open, ${d.loopsOverdue} overdue.`
  });
}

/** The participation audit: one line per service area, then the CSV to copy (as `audit export`). */
export function participationAuditCard(audit: ParticipationAudit, csv: string): AdaptiveCardJson {
  const t = audit.threshold;
  return infoCard({
    title: `Participation audit ${audit.from} to ${audit.to}`,
    text:
      audit.areas.length === 0
        ? 'No activities in these dates.'
        : `${audit.areas.length} service areas. Participants are counted per activity; small numbers show as "fewer than ${t}"${audit.totalParticipants === undefined ? ', and no total is shown so none can be worked out' : ''}. Copy the CSV below into a file ending .csv.`,
    facts: [
      ...audit.areas.map((r) => ({
        title: r.area,
        value: `${r.activities} activities (micro ${r.byLevel.micro}, meso ${r.byLevel.meso}, macro ${r.byLevel.macro}) · rungs ${r.rungs.join(', ') || 'none'} · Lundy all four: ${r.lundyFull} · participants ${describeCount(r.participants, t)} · changes made ${r.changesMade} · loops closed ${r.loopsClosed}`
      })),
      ...(audit.totalParticipants !== undefined ? [{ title: 'All areas', value: `participants ${audit.totalParticipants}` }] : [])
    ],
    pre: audit.areas.length ? csv : ''
  });
}
