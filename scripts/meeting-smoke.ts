/// <reference lib="dom" />
/**
 * `npm run smoke:meeting`: the meeting pages (docs/meetings.md) in a real browser (Debian's Chromium,
 * /usr/bin/chromium) against a fresh local VoiceLoop (embedded storage). A session is started in a group
 * chat through /api/messages (the fake Bot Connector takes the replies); then, in local mode, the person
 * running it presses Start, Share and Next on their side panel, a young person answers three questions on
 * theirs (two by pointer, one by keyboard alone), five more answer, and the stage shows the suppressed chart.
 * axe-core checks WCAG 2.2 AA on every state of both pages, in the light, dark and high-contrast themes, at
 * a tablet's width and at 320 px (200% zoom); the easy-read check runs over each page's text. Screenshots go
 * to .data/meeting-smoke/. Not part of `npm test` (it needs a browser).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';
import { checkText } from '../src/cards/shared/easy-read';
import { startVoiceLoop } from '../src/app';
import { loadConfig } from '../src/config';
import { startFakeConnector } from '../test/helpers/fake-connector';
import { buildPages } from './build-pages';
import { startSessionOverHttp } from './meeting-fixture';
import { freePort } from './playground-harness';

const shots = path.resolve('.data/meeting-smoke');
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const WCAG22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
let failures = 0;

function check(condition: boolean, what: string): void {
  process.stdout.write(`${condition ? '✔' : '✘'} ${what}\n`);
  if (!condition) failures += 1;
}

/** axe-core over the page as it is now: WCAG 2.2 A and AA rules. */
async function axe(page: Page, state: string): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async (tags) => {
    const result = await (window as unknown as { axe: { run(ctx: Document, o: unknown): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, {
      runOnly: { type: 'tag', values: tags }
    });
    return result.violations.map((v) => `${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, WCAG22_AA);
  check(violations.length === 0, `axe (WCAG 2.2 AA): no violations on ${state}${violations.length ? `: ${violations.join('; ')}` : ''}`);
}

/** The easy-read sentence rules over what the page shows, and reflow (no sideways scrolling). */
async function easyAndReflow(page: Page, state: string): Promise<void> {
  const text = await page.locator('main').innerText();
  const problems = checkText(text, state);
  check(problems.length === 0, `easy read: what ${state} shows${problems.length ? `: ${problems.join('; ')}` : ''}`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  check(overflow <= 0, `${state}: no sideways scrolling (${overflow}px)`);
}

async function everyState(page: Page, state: string): Promise<void> {
  await page.screenshot({ path: path.join(shots, `${state}.png`), fullPage: true });
  await axe(page, state);
  await easyAndReflow(page, state);
}

async function main(): Promise<void> {
  mkdirSync(shots, { recursive: true });
  for (const s of await buildPages()) process.stdout.write(`meeting page ${s.page}: first load ${(s.gzip / 1024).toFixed(1)} KiB gzip\n`);
  const [botPort, tablePort, queuePort] = await Promise.all([freePort(), freePort(), freePort()]);
  const app = await startVoiceLoop(
    loadConfig({
      VOICELOOP_MODE: 'local',
      PORT: String(botPort),
      PUBLIC_URL: `http://127.0.0.1:${botPort}`,
      AZURITE_TABLE_PORT: String(tablePort),
      AZURITE_QUEUE_PORT: String(queuePort),
      VOICELOOP_DATA_DIR: path.join(shots, `data-${Date.now()}`),
      LOG_LEVEL: 'warn'
    }),
    { startScheduler: false }
  );
  const connector = await startFakeConnector();
  let browser: Browser | undefined;
  try {
    const { tenantId, chat } = await startSessionOverHttp(app, connector);
    const group = { conversationId: chat };
    check(connector.sent().some((a) => JSON.stringify(a).includes('Welcome')), 'the session started in the group chat');

    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    const tablet = await browser.newContext({ viewport: { width: 768, height: 1024 }, bypassCSP: true });
    tablet.setDefaultTimeout(15_000);
    const facilitator = await tablet.newPage();
    const kim = await tablet.newPage();
    const stage = await (await browser.newContext({ viewport: { width: 1280, height: 720 }, bypassCSP: true })).newPage();
    const base = app.url;
    await facilitator.goto(`${base}/meeting/panel`);
    await kim.goto(`${base}/meeting/panel?as=Kim`);
    await stage.goto(`${base}/meeting/stage`);

    await kim.getByText('Today we will ask you about').first().waitFor();
    check(await kim.getByText('Not in Teams: this page uses the local user (Kim).').isVisible(), 'local mode: the page says it is not in Teams and uses the local user');
    await everyState(kim, '01-panel-welcome');
    await kim.getByRole('button', { name: "👍 I'm ready" }).click();
    await kim.getByText('The first question is coming soon.').first().waitFor();
    await everyState(kim, '02-panel-ready');
    await facilitator.getByRole('button', { name: '▶️ Start the questions' }).waitFor();
    await everyState(facilitator, '03-facilitator-welcome');
    await everyState(stage, '04-stage-welcome');

    await facilitator.getByRole('button', { name: '▶️ Start the questions' }).click();
    await facilitator.getByRole('button', { name: '📺 Share to the stage' }).click();
    // Kim's panel follows by itself.
    await kim.getByRole('heading', { name: '📋 Question 1 of 4' }).waitFor();
    check(true, "the side panel followed the facilitator's start by itself");
    await everyState(kim, '05-panel-q1');
    await stage.getByText('We show the answers once 5 people have answered.').first().waitFor();
    await everyState(stage, '06-stage-q1-waiting');
    // Question 1 by pointer.
    await kim.getByRole('button', { name: '👍 I like it' }).click();
    await kim.getByText('✅ You chose: 👍 I like it.').first().waitFor();
    check(await kim.getByRole('button', { name: '👍 I like it' }).getAttribute('aria-pressed') === 'true', 'question 1 answered by pointer: the choice shows as chosen');
    await everyState(kim, '07-panel-q1-answered');
    // Five more young people answer (through the same API the page uses).
    for (const [i, choice] of ['0', '0', '0', '0', '0'].entries()) {
      const page = (await (await fetch(`${base}/api/meeting/panel?${new URLSearchParams({ tenant: tenantId, chat: group.conversationId!, as: `Young person ${i + 1}` })}`)).json()) as { question: { questionId: string; version: number; sessionId: string } };
      const answered = await fetch(`${base}/api/meeting/answer`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ tenant: tenantId, chat: group.conversationId, as: `Young person ${i + 1}`, sessionId: page.question.sessionId, questionId: page.question.questionId, version: page.question.version, choice })
      });
      if (!answered.ok) throw new Error(`answer ${i}: ${answered.status} ${await answered.text()}`);
    }
    await stage.locator('.chart').waitFor({ timeout: 20_000 });
    const stageText = await stage.locator('main').innerText();
    check(/I like it\s+6/.test(stageText), 'the stage updated by itself: six people like it, shown once five had answered');
    check(!stageText.includes('Kim') && !stageText.includes('Young person'), 'the stage never names anyone');
    await everyState(stage, '08-stage-q1-chart');

    // Question 2 by keyboard alone: Tab to the choice, Enter.
    await facilitator.getByRole('button', { name: '➡️ Next question' }).click();
    await kim.getByRole('heading', { name: '📋 Question 2 of 4' }).waitFor();
    await everyState(kim, '09-panel-q2');
    for (let i = 0; i < 12; i += 1) {
      await kim.keyboard.press('Tab');
      if ((await kim.evaluate(() => document.activeElement?.textContent ?? '')) === "🙅 I don't want to answer") break;
    }
    check((await kim.evaluate(() => document.activeElement?.textContent ?? '')) === "🙅 I don't want to answer", 'keyboard: Tab reaches "I don\'t want to answer"');
    await kim.keyboard.press('Enter');
    await kim.getByText("✅ You chose: 🙅 I don't want to answer.").first().waitFor();
    check(true, 'question 2 answered by keyboard alone');
    await everyState(kim, '10-panel-q2-answered-keyboard');

    // Question 3 by keyboard (Space on the first choice).
    await facilitator.getByRole('button', { name: '➡️ Next question' }).click();
    await kim.getByRole('heading', { name: '📋 Question 3 of 4' }).waitFor();
    for (let i = 0; i < 12; i += 1) {
      await kim.keyboard.press('Tab');
      if ((await kim.evaluate(() => document.activeElement?.textContent ?? '')) === '✅ Yes') break;
    }
    await kim.keyboard.press('Space');
    await kim.getByText('✅ You chose: ✅ Yes.').first().waitFor();
    check(true, 'question 3 answered by keyboard alone');
    await everyState(kim, '11-panel-q3-answered');
    await everyState(stage, '12-stage-q3');

    // Themes: dark and high contrast, and 320 px wide (200% zoom of a 640 px panel).
    for (const theme of ['dark', 'contrast']) {
      const themed = await tablet.newPage();
      await themed.goto(`${base}/meeting/panel?as=Kim&theme=${theme}`);
      await themed.getByRole('heading', { name: '📋 Question 3 of 4' }).waitFor();
      await everyState(themed, `13-panel-${theme}`);
      const themedStage = await tablet.newPage();
      await themedStage.goto(`${base}/meeting/stage?theme=${theme}`);
      await themedStage.locator('h2').first().waitFor();
      await everyState(themedStage, `14-stage-${theme}`);
    }
    const narrow = await (await browser.newContext({ viewport: { width: 320, height: 640 }, bypassCSP: true })).newPage();
    await narrow.goto(`${base}/meeting/panel?as=Kim`);
    await narrow.getByRole('heading', { name: '📋 Question 3 of 4' }).waitFor();
    await everyState(narrow, '15-panel-320px-zoom');

    // Pause and end: the panel says so, then thanks.
    await facilitator.getByRole('button', { name: '⏸️ Take a break' }).click();
    await kim.getByRole('heading', { name: '⏸️ Short break' }).waitFor();
    await everyState(kim, '16-panel-paused');
    await everyState(facilitator, '17-facilitator-paused');
    await facilitator.getByRole('button', { name: '🏁 End session' }).click();
    await kim.getByRole('heading', { name: '🎉 Thank you for taking part!' }).waitFor({ timeout: 20_000 });
    await everyState(kim, '18-panel-ended');
    await stage.getByText('No session is running.').first().waitFor({ timeout: 20_000 });
    await everyState(stage, '19-stage-ended');
    check(connector.updated().some((a) => JSON.stringify(a).includes('Thank you for taking part')), "the chat's session card shows the end too");
  } finally {
    await browser?.close();
    await connector.close();
    await app.close();
  }
  process.stdout.write(failures === 0 ? '\nMeeting smoke passed. Screenshots: .data/meeting-smoke/\n' : `\nMeeting smoke: ${failures} check(s) failed.\n`);
  process.exit(failures === 0 ? 0 : 1);
}

main().catch((error: unknown) => {
  process.stderr.write(`Meeting smoke failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
