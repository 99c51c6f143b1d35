/**
 * "Our voice" on the meeting stage (docs/meetings.md): the question with big symbols and the group's
 * answers as a chart, small numbers suppressed, never a name, never free text. Polls every few seconds.
 */
import type { StagePage } from '../cards/meetings/meeting-page';
import { type Host, api, el, findHost, readAloud, sleep } from './host';

const POLL_MS = 3_000;
const main = document.getElementById('main')!;
const banner = document.getElementById('banner')!;
let shown: string | undefined;

function render(page: StagePage): void {
  const key = JSON.stringify(page);
  if (key === shown) return;
  shown = key;
  main.replaceChildren();
  main.append(el('h1', {}, page.title));
  if (page.progress) main.append(el('p', { class: 'progress' }, page.progress));
  main.append(el('h2', { class: 'question' }, page.question));
  if (page.symbols.length > 0) main.append(el('p', { class: 'symbols', 'aria-hidden': 'true' }, page.symbols.join(' ')));
  const aloud = el('button', { type: 'button', class: 'aloud' }, '🔊 Read aloud');
  aloud.addEventListener('click', () => readAloud(page.speak));
  main.append(aloud);
  if (page.rows.length > 0) {
    const list = el('ul', { class: 'chart', 'aria-label': '📊 Group answers' });
    for (const row of page.rows) {
      const item = el('li', { class: 'row' });
      item.append(el('span', { class: 'label' }, `${row.symbol} ${row.label}`));
      const track = el('span', { class: 'track', 'aria-hidden': 'true' });
      const bar = el('span', { class: row.exact ? 'bar' : 'bar hidden' });
      bar.style.width = `${row.exact ? row.percent : 0}%`;
      track.append(bar);
      item.append(track, el('span', { class: 'count' }, row.shown));
      list.append(item);
    }
    main.append(list);
  }
  const notes = el('div', { class: 'notes', 'aria-live': 'polite' });
  for (const note of page.notes) notes.append(el('p', { class: 'line' }, note));
  main.append(notes);
}

async function start(): Promise<void> {
  let host: Host = await findHost();
  if (!host.inTeams) {
    banner.textContent = '🖥️ Not in Teams: this page uses the local user.';
    banner.hidden = false;
  }
  for (;;) {
    if (!host.scope) {
      main.replaceChildren(el('h1', {}, '🗣️ Our voice'), el('p', { class: 'line' }, host.waiting ?? '⏳ Please wait.'));
      if (host.inTeams) return;
      await sleep(POLL_MS);
      host = await findHost();
      continue;
    }
    try {
      render(await api<StagePage>(host, 'GET', 'stage'));
    } catch {
      render({ screen: 'waiting', revision: 'none', title: '🗣️ Our voice', progress: '', question: '⏳ No session is running.', symbols: [], notes: [], rows: [], speak: 'No session is running.' });
      if (!host.inTeams) host = await findHost();
    }
    await sleep(POLL_MS);
  }
}

void start();
