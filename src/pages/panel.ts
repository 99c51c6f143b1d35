/**
 * The side panel (docs/meetings.md): the welcome and consent, then the question everyone is on, one at a
 * time, with large symbol-and-word choices, "I don't want to answer" and read-aloud. It follows the
 * facilitator by polling the session's small summary; the organiser and presenters also get the controls.
 */
import { meeting } from '@microsoft/teams-js';
import type { PanelPage } from '../cards/meetings/meeting-page';
import { ApiError, type Host, api, el, findHost, readAloud, sleep } from './host';

const POLL_MS = 2_000;

let host: Host;
let page: PanelPage | undefined;
let lastSession: string | undefined;
let ready = false;
const picked = new Set<number>();

const main = document.getElementById('main')!;
const status = document.getElementById('status')!;
const banner = document.getElementById('banner')!;

function say(text: string): void {
  status.textContent = text;
}

function button(label: string, onPress: () => void, className = 'choice', pressed?: boolean): HTMLButtonElement {
  const b = el('button', { type: 'button', class: className }, label);
  if (pressed !== undefined) b.setAttribute('aria-pressed', String(pressed));
  b.addEventListener('click', onPress);
  return b;
}

function render(next: PanelPage, focus: boolean): void {
  page = next;
  if (next.sessionId) lastSession = next.sessionId;
  main.replaceChildren();
  const heading = el('h1', { tabindex: '-1', id: 'title' }, next.title);
  main.append(heading);
  main.append(button('🔊 Read aloud', () => readAloud(next.speak), 'aloud'));
  for (const line of next.lines) main.append(el('p', { class: 'line' }, line));
  if (next.consent) {
    if (ready) main.append(el('p', { class: 'line good' }, next.consent.thanks));
    else main.append(button(next.consent.button, () => ((ready = true), render(next, true), say(next.consent!.thanks)), "choice positive"));
  }
  const q = next.question;
  if (q) {
    main.append(el('h2', { class: 'question', id: 'question' }, q.text));
    if (q.answered) main.append(el('p', { class: 'line good' }, q.answered));
    const group = el('div', { class: 'choices', role: 'group', 'aria-labelledby': 'question' });
    if (q.freeText) {
      const label = el('label', { for: 'text', class: 'line' }, '✏️ Write your answer');
      const area = el('textarea', { id: 'text', rows: '4', maxlength: '1000' });
      group.append(label, area, button('📨 Send my answer', () => void send({ text: area.value }), 'choice positive'));
    } else if (q.multiple) {
      if (picked.size === 0) q.choices.filter((c) => c.chosen).forEach((c) => picked.add(c.value));
      for (const c of q.choices) {
        group.append(
          button(`${c.symbol} ${c.label}`, () => {
            if (picked.has(c.value)) picked.delete(c.value);
            else picked.add(c.value);
            render(next, false);
            document.querySelector<HTMLButtonElement>(`[data-value="${c.value}"]`)?.focus();
          }, 'choice', picked.has(c.value))
        );
        group.lastElementChild!.setAttribute('data-value', String(c.value));
      }
      group.append(button('📨 Send my answers', () => void send({ choice: [...picked].join(',') }), 'choice positive'));
    } else {
      for (const c of q.choices) group.append(button(`${c.symbol} ${c.label}`, () => void send({ choice: String(c.value) }), 'choice', c.chosen));
    }
    group.append(button(`${q.skip.symbol} ${q.skip.label}`, () => void send({ skip: true }), 'choice skip', q.skip.chosen));
    main.append(group);
  }
  if (next.controls.length > 0) {
    const controls = el('section', { class: 'controls', 'aria-labelledby': 'controls-title' });
    controls.append(el('h2', { id: 'controls-title' }, '🧑‍🏫 Run the session'));
    for (const c of next.controls) controls.append(button(c.label, () => void act(c.action), 'control'));
    main.append(controls);
  }
  if (focus) heading.focus();
}

async function send(answer: Record<string, string | boolean>): Promise<void> {
  const q = page?.question;
  if (!q) return;
  try {
    const next = await api<PanelPage>(host, 'POST', 'answer', { sessionId: q.sessionId, questionId: q.questionId, version: q.version, ...answer });
    picked.clear();
    render(next, false);
    say(next.question?.answered || '✅ Thank you.');
    document.getElementById('question')?.focus();
  } catch (error) {
    say(`⚠️ ${error instanceof Error ? error.message : 'Sorry, that did not work.'}`);
    await refresh(true);
  }
}

async function act(action: string): Promise<void> {
  if (!page?.sessionId) return;
  try {
    const next = await api<PanelPage>(host, 'POST', 'action', { sessionId: page.sessionId, action });
    if (action === 'share' && host.inTeams) {
      meeting.shareAppContentToStage((error) => error && say('⚠️ Teams did not share the stage.'), `${location.origin}/meeting/stage`);
    }
    render(next, true);
    say('✅ Done.');
  } catch (error) {
    say(`⚠️ ${error instanceof Error ? error.message : 'Sorry, that did not work.'}`);
  }
}

async function refresh(focus: boolean): Promise<void> {
  const next = await api<PanelPage>(host, 'GET', 'panel', { session: lastSession });
  if (next.revision !== page?.revision) {
    if (next.sessionId !== page?.sessionId) ready = false;
    picked.clear();
    render(next, focus);
    if (focus) say(next.title);
  }
}

async function start(): Promise<void> {
  host = await findHost();
  if (!host.inTeams) banner.textContent = host.scope ? `🖥️ Not in Teams: this page uses the local user${host.scope.as ? ` (${host.scope.as})` : ''}.` : '🖥️ Not in Teams.';
  banner.hidden = false;
  while (!host.scope) {
    main.replaceChildren(el('h1', { tabindex: '-1' }, '👋 Hello!'), el('p', { class: 'line' }, host.waiting ?? '⏳ Please wait.'));
    if (host.inTeams) return;
    await sleep(POLL_MS);
    host = await findHost();
  }
  await refresh(false);
  // Follow the facilitator: the small summary each poll; the whole page only when it changed.
  for (;;) {
    await sleep(POLL_MS);
    try {
      const summary = await api<{ revision: string }>(host, 'GET', 'summary', { session: lastSession });
      if (summary.revision !== page?.revision && !(page?.screen === 'ended' && summary.revision === 'none')) await refresh(true);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404 && page?.screen === 'ended') continue;
      if (error instanceof ApiError && error.status === 404) await refresh(true).catch(() => undefined);
    }
  }
}

void start();
