/**
 * The printable easy-read page of "how your voice changed things" (docs/two-way-loop.md): the same
 * lines as the participants' 1:1 card, in large type with a symbol per line, one column, black on
 * white, that prints cleanly (no buttons, no navigation, no scripts). Every piece of text is escaped.
 */
import type { Findings } from '../../domain/findings/findings';
import { dateForPeople, weDidLines } from '../findings/findings-cards';
import { sentence } from '../shared/text';

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A line: its symbol apart from its words, so the symbol column lines up on paper. */
function row(text: string): string {
  const m = /^(\p{Extended_Pictographic}[\uFE0F\u200D\p{Extended_Pictographic}]*)\s*(.*)$/u.exec(text);
  const symbol = m?.[1] ?? '';
  const words = m?.[2] ?? text;
  return `<li><span class="symbol" aria-hidden="true">${escape(symbol)}</span><span class="words">${escape(words)}</span></li>`;
}

/** The lines of the page: exactly what the 1:1 easy-read card says. */
export function printableLines(f: Findings): { intro: string[]; said: string[]; did: string[][]; next: string } {
  return {
    intro: ['👋 Thank you for telling us what you think.'],
    said: f.youSaid.map((y) => `🗣️ You told us: ${sentence(y.easyText)}`),
    did: f.weDid.map((w) => weDidLines(w).map((l) => l.text)),
    next: `📅 We will tell you more by ${dateForPeople(f.nextUpdate)}.`
  };
}

export function printablePage(f: Findings): string {
  const lines = printableLines(f);
  const title = '📣 How your views changed things';
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escape(title.replace(/^\S+\s/, ''))}: ${escape(f.title)}</title>
<style>
  body { font-family: Arial, Helvetica, sans-serif; font-size: 20pt; line-height: 1.5; color: #000; background: #fff; max-width: 42em; margin: 1.5em auto; padding: 0 1em; }
  h1 { font-size: 28pt; margin: 0 0 0.5em; }
  h2 { font-size: 22pt; margin: 1em 0 0.3em; }
  ul { list-style: none; padding: 0; margin: 0; }
  li { display: flex; gap: 0.6em; margin: 0.4em 0; break-inside: avoid; }
  .symbol { flex: 0 0 1.6em; font-size: 26pt; text-align: center; }
  .words { flex: 1; }
  section { break-inside: avoid; border-top: 2px solid #000; padding-top: 0.4em; margin-top: 0.6em; }
  @media print { body { margin: 0; max-width: none; } @page { margin: 15mm; } }
</style>
</head>
<body>
<main>
<h1>${escape(title)}</h1>
<p class="topic">${escape(f.title)}</p>
<ul>${lines.intro.map(row).join('')}</ul>
<h2>🗣️ What you told us</h2>
<ul>${lines.said.map(row).join('')}</ul>
<h2>🛠️ What we did</h2>
${lines.did.map((rows) => `<section><ul>${rows.map(row).join('')}</ul></section>`).join('\n')}
<ul>${row(lines.next)}</ul>
</main>
</body>
</html>
`;
}
