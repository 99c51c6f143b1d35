/**
 * The board report's summary card and the cards that hand out files (docs/audit-and-report.md): charts
 * where people would rather look than read (a text fallback for clients without charts; bar values shown,
 * so every axis reads in whole activities), people suppressed as the audit suppressed them, and a button
 * for the files. A file never goes on a card: a link opens it, or Teams asks to save it.
 */
import summaryTemplate from './report-summary.json';
import { ladderOf } from '../../domain/plans/ladder';
import { COMMISSIONING_LEVELS, HART_RUNGS, LABELS } from '../../domain/plans/plan';
import { type AreaRow, type ParticipationAudit, ladderCounts } from '../../domain/plans/participation-audit';
import { describeCount } from '../../domain/shared/suppression';
import type { ReportFileRequest } from '../../domain/reports/ports';
import { type Report, describePeriod } from '../../domain/reports/report';
import { infoCard } from '../shared/info-card';
import { type AdaptiveCardJson, renderCard } from '../shared/render';
import { VERBS } from '../shared/verbs';
import { describePeople } from './report-page';

/** A file ready to fetch: its name and link. */
export interface FileLink {
  name: string;
  url: string;
}

/** How the files come with a card: links (only for the person who asked, for 15 minutes), Teams file cards, or a button. */
export type FilesOffer = { links: FileLink[] } | { consent: true } | { button: true } | { none: true };

interface Point {
  x: string;
  y: number;
  text: string;
}

const points = (rows: [string, number][]): Point[] => rows.map(([x, y]) => ({ x, y, text: String(y) }));

const chart = (heading: string, kind: 'bar' | 'pie', xTitle: string, rows: [string, number][]) => {
  const all = points(rows);
  return { heading, kind, xTitle, points: all, slices: all.filter((p) => p.y > 0), showChart: all.some((p) => p.y > 0) };
};

/** The data of the "get the files" button: what the files are made from. */
export const filesData = (request: ReportFileRequest): Record<string, string> => ({
  kind: request.kind,
  ...(request.from ? { from: request.from, to: request.to ?? '' } : {}),
  ...(request.teamIds ? { teamIds: request.teamIds.join(',') } : {})
});

function offerModel(offer: FilesOffer, request: ReportFileRequest, button: string) {
  return {
    links: 'links' in offer ? offer.links.map((l) => ({ title: `📄 ${l.name}`, url: l.url })) : [],
    filesNote:
      'links' in offer
        ? 'The files open from the buttons below for 15 minutes, for you only. Open the HTML report in a browser and print it, or save it as PDF.'
        : 'consent' in offer
          ? 'Accept the file cards below to save the files in your OneDrive.'
          : '',
    showFilesButton: 'button' in offer,
    filesButton: button,
    filesVerb: VERBS.reportFiles,
    filesData: filesData(request)
  };
}

/** The summary card of the board report. */
export function reportSummaryCard(report: Report, offer: FilesOffer): AdaptiveCardJson {
  const t = report.totals;
  const period = describePeriod(report.from, report.to);
  const people = describePeople(report.participants, report.threshold);
  const headline = [
    { title: 'Activities', value: String(t.activities) },
    { title: 'People who took part', value: people },
    { title: '"You said" themes', value: String(t.themes) },
    { title: 'Changes made', value: String(t.changes.done) },
    { title: 'Loops closed', value: String(t.loopsClosed) },
    { title: 'Overdue', value: `${t.loopsOverdue} loops past their promised update` }
  ];
  const charts = [
    chart('🪜 Activities by commissioning level', 'bar', 'Level', COMMISSIONING_LEVELS.map((l) => [LABELS.level[l], t.byLevel[l]])),
    chart(`🤝 Activities by step of the ${ladderOf(report.audit.ladder).label}`, 'pie', 'Step', ladderCounts(t.byLadder, report.audit.ladder).map((c) => [c.words, c.count])),
    chart('🧗 Activities by rung of Hart’s ladder', 'bar', 'Rung', HART_RUNGS.map((r) => [LABELS.hart[r]!, t.byHart[r] ?? 0]))
  ];
  return renderCard(summaryTemplate, {
    title: 'Participation report',
    period,
    headline,
    charts,
    highlights: report.highlights.map((h) => ({ text: h.text, area: h.area })),
    note: `People are counted once per activity, from attendance, never from answers. Counts of people from 1 to ${report.threshold - 1} show as "fewer than ${report.threshold}". No one is named.`,
    ...offerModel(offer, { kind: 'reportHtml', from: report.from, to: report.to }, '📄 Get the full report'),
    speak: `Participation report, ${period}. ${t.activities} activities. People who took part: ${people}. ${t.changes.done} changes made. ${t.loopsClosed} loops closed, ${t.loopsOverdue} overdue.`
  });
}

/** The audit's CSV or the working group's audit trail, offered as a file. */
export function fileOfferCard(input: { title: string; text: string; request: ReportFileRequest; offer: FilesOffer; facts?: { title: string; value: string }[] }): AdaptiveCardJson {
  const model = offerModel(input.offer, input.request, '📄 Get the CSV file');
  const card = infoCard({
    title: input.title,
    text: [input.text, model.filesNote.replace('Open the HTML report in a browser and print it, or save it as PDF.', 'It opens in a spreadsheet.')].filter(Boolean).join(' '),
    facts: input.facts,
    actions: model.showFilesButton ? [{ title: model.filesButton, verb: model.filesVerb, data: model.filesData }] : []
  });
  const links = model.links.map((l) => ({ type: 'Action.OpenUrl', title: l.title, url: l.url }));
  return links.length ? { ...card, actions: [...((card.actions as unknown[] | undefined) ?? []), ...links] } : card;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** An area's activities by step, in the council's words: only steps with activities ("none" if no plan names one). */
const stepsLine = (r: AreaRow, audit: ParticipationAudit): string =>
  ladderCounts(r.byLadder, audit.ladder)
    .filter((c) => c.count > 0)
    .map((c) => `${c.words} ${c.count}`)
    .join(', ') || 'none';

/** The participation audit: one line per service area; the CSV (every column) as a file. */
export function participationAuditCard(audit: ParticipationAudit, offer: FilesOffer): AdaptiveCardJson {
  const t = audit.threshold;
  return fileOfferCard({
    title: `Participation audit ${audit.from} to ${audit.to}`,
    text:
      audit.areas.length === 0
        ? 'No activities in these dates.'
        : `${plural(audit.areas.length, 'service area', 'service areas')}. Participants are counted per activity; small numbers show as "fewer than ${t}"${audit.totalParticipants === undefined ? ', and no total is shown so none can be worked out' : ''}. The CSV has every figure, including each step of the ${ladderOf(audit.ladder).label} and each Lundy element.`,
    facts: [
      ...audit.areas.map((r) => ({
        title: r.area,
        value:
          `${plural(r.activities, 'activity', 'activities')} (micro ${r.byLevel.micro}, meso ${r.byLevel.meso}, macro ${r.byLevel.macro}) · ${ladderOf(audit.ladder).label}: ${stepsLine(r, audit)} · ` +
          `Hart rungs ${r.rungs.join(', ') || 'none'} · Lundy all four: ${r.lundyFull} · ` +
          `participants ${describeCount(r.participants, t)} · themes ${r.themes} · changes made ${r.changesMade}, in progress ${r.changes.inProgress}, planned ${r.changes.planned}, not possible ${r.changes.notPossible} · ` +
          `loops closed ${r.loopsClosed} · loops overdue ${r.loopsOverdue} · outcomes reviewed ${r.outcomesReviewed}`
      })),
      ...(audit.totalParticipants !== undefined ? [{ title: 'All areas', value: `participants ${audit.totalParticipants}` }] : [])
    ],
    request: { kind: 'auditCsv', from: audit.from, to: audit.to },
    offer: audit.areas.length ? offer : { none: true }
  });
}

/** A Teams file consent card for a report file: accepting saves it in the person's OneDrive. */
export function reportConsentAttachment(input: { name: string; sizeInBytes: number; token: string; description: string }) {
  const context = { reportToken: input.token };
  return {
    contentType: 'application/vnd.microsoft.teams.card.file.consent',
    name: input.name,
    content: { description: input.description, sizeInBytes: input.sizeInBytes, acceptContext: context, declineContext: context }
  };
}
