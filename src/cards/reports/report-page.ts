/**
 * The board report as files (docs/audit-and-report.md): a full HTML page that prints cleanly to PDF
 * (the browser's "Print → Save as PDF"; print CSS, A4, tables kept whole) and an easy-read one-page
 * version for young people and families. People are only ever counted as the audit suppressed them; no
 * name of anyone is in either page (the figures come from plans and findings, never from answers). All
 * text is escaped: user text is data, never markup.
 */
import { STATUS_LABELS, WE_DID_STATUSES } from '../../domain/findings/findings';
import { ladderOf } from '../../domain/plans/ladder';
import { ladderCounts } from '../../domain/plans/participation-audit';
import { COMMISSIONING_LEVELS, HART_NON_PARTICIPATION_MAX, HART_RUNGS, LABELS, LUNDY_ELEMENTS } from '../../domain/plans/plan';
import { type Report, describeDay, describePeriod } from '../../domain/reports/report';
import { type ShownCount, describeCount } from '../../domain/shared/suppression';

const escape = (text: string | number): string =>
  String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const PRINT_CSS = `
  :root { color-scheme: light; }
  body { font-family: Arial, Helvetica, sans-serif; font-size: 12pt; line-height: 1.45; color: #111; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
  h1 { font-size: 20pt; margin-bottom: 0.2rem; } h2 { font-size: 15pt; margin-top: 1.6rem; border-bottom: 1px solid #999; }
  p.meta { color: #444; margin-top: 0; }
  table { border-collapse: collapse; width: 100%; margin: 0.6rem 0 1rem; }
  th, td { border: 1px solid #999; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
  td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
  caption { text-align: left; font-weight: bold; padding-bottom: 0.3rem; }
  .note { font-size: 10.5pt; color: #333; }
  @page { size: A4; margin: 16mm; }
  @media print {
    body { margin: 0; max-width: none; font-size: 10.5pt; }
    h2 { break-after: avoid; } table, figure, li { break-inside: avoid; } tr { break-inside: avoid; }
    a { color: inherit; text-decoration: none; }
  }`;

const EASY_CSS = `
  body { font-family: Arial, Helvetica, sans-serif; font-size: 18pt; line-height: 1.6; color: #111; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; }
  h1 { font-size: 24pt; }
  ul { list-style: none; padding: 0; } li { display: flex; gap: 0.8rem; margin: 0.8rem 0; align-items: baseline; }
  .symbol { font-size: 28pt; width: 2.5rem; flex: none; }
  @page { size: A4; margin: 15mm; }
  @media print { body { margin: 0; font-size: 16pt; } li { break-inside: avoid; } }`;

function page(title: string, css: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>${css}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

function table(caption: string, head: string[], rows: (string | number)[][], numeric: boolean[] = []): string {
  const cls = (i: number) => (numeric[i] ? ' class="n"' : '');
  return `<table><caption>${escape(caption)}</caption><thead><tr>${head.map((h, i) => `<th scope="col"${cls(i)}>${escape(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${escape(c)}</th>` : `<td${cls(i)}>${escape(c)}</td>`)).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/** How the total of people who took part reads in the report. */
export function describePeople(shown: ShownCount, threshold: number): string {
  return shown.kind === 'withheld' ? `not shown (fewer than ${threshold} took part somewhere, and a total would give that number away)` : describeCount(shown, threshold);
}

/** The full report: plain English, every table with a caption, people suppressed throughout. */
export function reportHtml(report: Report, generatedOn: string): string {
  const t = report.threshold;
  const tot = report.totals;
  const period = describePeriod(report.from, report.to);
  const num = (n: number) => [false, true].concat(Array(n).fill(true));
  const parts = [
    `<h1>Participation and co-production report</h1>`,
    `<p class="meta">${escape(period)}. Made by VoiceLoop on ${escape(describeDay(generatedOn))}.</p>`,
    `<h2>Summary</h2>`,
    table(
      'The period at a glance',
      ['What', 'Number'],
      [
        ['Engagement activities (approved plans whose dates overlap the period)', tot.activities],
        ['People who took part', describePeople(report.participants, t)],
        ['"You said" themes heard', tot.themes],
        ['Changes made ("We did": done)', tot.changes.done],
        ['Changes in progress', tot.changes.inProgress],
        ['Changes planned', tot.changes.planned],
        ['Changes not possible (and people told why)', tot.changes.notPossible],
        ['Loops closed (people told what happened)', tot.loopsClosed],
        ['Loops overdue (promised update date passed)', tot.loopsOverdue],
        ['Outcomes reviewed ("Is anyone better off?")', tot.outcomesReviewed]
      ],
      [false, true]
    ),
    `<h2>Changes made</h2>`,
    report.highlights.length
      ? `<ul>${report.highlights.map((h) => `<li>${escape(h.text)} <span class="note">(${escape(h.area)}${h.when ? `, ${escape(h.when)}` : ''})</span></li>`).join('')}</ul>`
      : '<p>No changes were marked as done in the period yet.</p>',
    `<h2>Where decisions were made</h2>`,
    table('Activities by commissioning level', ['Level', 'Activities'], COMMISSIONING_LEVELS.map((l) => [LABELS.level[l], tot.byLevel[l]]), [false, true]),
    table(`Activities by step on the ${ladderOf(report.audit.ladder).label}`, ['Step', 'Activities'], ladderCounts(tot.byLadder, report.audit.ladder).map((c) => [c.words, c.count]), [false, true]),
    table("Activities by rung of Hart's ladder of participation", ['Rung', 'Activities'], HART_RUNGS.map((r) => [LABELS.hart[r]!, tot.byHart[r] ?? 0]), [false, true]),
    `<p class="note">Rungs 1 to ${HART_NON_PARTICIPATION_MAX} (manipulation, decoration, tokenism) are not real participation.</p>`,
    table(
      "Lundy's model: activities that met each element",
      ['Element', 'Activities'],
      [...LUNDY_ELEMENTS.map((e) => [LABELS.lundy[e], tot.lundyYes[e]]), ['All four met', tot.lundyFull]],
      [false, true]
    ),
    `<h2>By service area</h2>`,
    table(
      'Each service area',
      ['Service area', 'Activities', 'People who took part', 'Themes', ...WE_DID_STATUSES.map((s) => `Changes: ${STATUS_LABELS[s].toLowerCase()}`), 'Loops closed', 'Loops overdue', 'Outcomes reviewed'],
      report.audit.areas.map((a) => [a.area, a.activities, describeCount(a.participants, t), a.themes, ...WE_DID_STATUSES.map((s) => a.changes[s]), a.loopsClosed, a.loopsOverdue, a.outcomesReviewed]),
      num(10)
    ),
    `<h2>About these figures</h2>`,
    `<p class="note">An activity is an engagement plan the working group approved, whose dates overlap the period. People who took part are counted from attendance at the activity's surveys and sessions, once per activity, never from what they answered. To protect people, any count of people from 1 to ${t - 1} shows as "fewer than ${t}", and other counts are hidden where a small one could be worked out from them. No one is named in this report. "Outcomes reviewed" counts plans with an impact review ("Is anyone better off?"). Steps are in the council's own ladder; a plan made under an earlier ladder is shown with that ladder's name.</p>`
  ];
  return page(`Participation report: ${period}`, PRINT_CSS, parts.join('\n'));
}

/** One line of the easy-read page: a symbol and a short sentence. */
export interface EasyLine {
  symbol: string;
  text: string;
}

const things = (n: number): string => `${n} ${n === 1 ? 'thing' : 'things'}`;

/** The easy-read page's lines (the tests run the easy-read check over each). */
export function easyReadLines(report: Report): EasyLine[] {
  const c = report.totals.changes;
  const people = report.participants;
  const lines: EasyLine[] = [{ symbol: '📅', text: `This is about ${describePeriod(report.from, report.to)}.` }];
  // The total is exact only when nothing anywhere is small; otherwise no number at all.
  if (people.kind === 'exact' && people.value > 0) lines.push({ symbol: '👥', text: `${people.value} people took part.` });
  else lines.push({ symbol: '👥', text: 'Young people and families took part.' });
  if (report.totals.themes > 0) lines.push({ symbol: '🗣️', text: `You told us ${things(report.totals.themes)}.` });
  lines.push({ symbol: '✅', text: `We changed ${things(c.done)}.` });
  if (c.inProgress + c.planned > 0) lines.push({ symbol: '🔧', text: `We are still working on ${things(c.inProgress + c.planned)}.` });
  if (c.notPossible > 0) lines.push({ symbol: '🚫', text: `We could not do ${things(c.notPossible)}. We told you why.` });
  for (const h of report.highlights) lines.push({ symbol: '⭐', text: h.easyText });
  lines.push({ symbol: '💬', text: 'Ask your worker if you want to know more.' });
  return lines;
}

/** The easy-read one-page version: a symbol beside every sentence, large text, no numbers of few people. */
export function easyReadHtml(report: Report): string {
  const lines = easyReadLines(report);
  const body = `<h1>✨ What you told us and what we did</h1>
<ul>
${lines.map((l) => `<li><span class="symbol" aria-hidden="true">${escape(l.symbol)}</span><span>${escape(l.text)}</span></li>`).join('\n')}
</ul>`;
  return page('What you told us and what we did', EASY_CSS, body);
}
