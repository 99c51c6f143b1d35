/**
 * `npm run smoke:playground`: the quick-poll flow as a person sees it, in the real Microsoft 365 Agents
 * Playground driven by headless Chromium (Debian's /usr/bin/chromium: `apt-get install chromium`).
 * Starts its own bot (in-memory storage) and Playground on free ports, then: welcome card → `poll` →
 * fill in the form → Post poll → vote → change the vote → close → final chart. Screenshots go to
 * .data/playground-smoke/. Not part of `npm test` (it needs a browser).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { startVoiceLoop } from '../src/app';
import { loadConfig } from '../src/config';
import { openPlayground } from './playground-driver';

const shots = path.resolve('.data/playground-smoke');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`Playground smoke failed: ${what}`);
  process.stdout.write(`  ✓ ${what}\n`);
}

async function main(): Promise<void> {
  mkdirSync(shots, { recursive: true });
  const [botPort, playgroundPort, tablePort, queuePort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  const config = loadConfig({
    VOICELOOP_MODE: 'local',
    PORT: String(botPort),
    AZURITE_TABLE_PORT: String(tablePort),
    AZURITE_QUEUE_PORT: String(queuePort),
    VOICELOOP_DATA_DIR: path.join(shots, `data-${Date.now()}`),
    LOG_LEVEL: 'warn'
  });
  const app = await startVoiceLoop(config);
  const cli = path.join(path.dirname(require.resolve('@microsoft/m365agentsplayground/package.json')), 'cli.js');
  const playground: ChildProcess = spawn(
    process.execPath,
    [cli, '-e', `${app.url}/api/messages`, '-c', 'msteams', '-p', String(playgroundPort), '--disable-telemetry'],
    { env: { ...process.env, TZ: 'Europe/London', TEAMSAPPTESTER_BROWSER: 'none' }, stdio: 'ignore', cwd: shots }
  );
  const url = `http://localhost:${playgroundPort}`;
  let session: Awaited<ReturnType<typeof openPlayground>> | undefined;
  try {
    await waitForHttp(url, 30_000);
    session = await openPlayground({ url });
    const pg = session;
    // lastBotCard() follows new messages; a card we act on must stay the same element.
    const pinnedLastCard = async () => {
      const cards = pg.page.locator('.fai-OutputCard .ac-adaptiveCard:not(.ac-adaptiveCard *)');
      return cards.nth((await cards.count()) - 1);
    };

    await pg.waitForBotMessages(1, 20_000);
    check((await pg.lastBotCard().innerText()).includes('Welcome to VoiceLoop'), 'the welcome card arrives on install');
    await pg.screenshot(path.join(shots, '01-welcome.png'));

    await pg.send('poll');
    await pg.waitForBotMessages(2);
    check((await pg.lastBotCard().innerText()).includes('Create a quick poll'), '"poll" shows the form');
    await pg.fillInCard('Question', 'Which day suits the next session?', { card: await pinnedLastCard() });
    await pg.fillInCard('Options: one per line, from 2 to 10', 'Monday\nWednesday\nFriday', { card: await pinnedLastCard() });
    await pg.screenshot(path.join(shots, '02-form.png'));
    const formCard = await pinnedLastCard();
    await pg.clickCardButton('Post poll', { card: formCard, waitForStatus: false });
    await pg.waitForBotMessages(3);
    await formCard.getByText('Poll posted').waitFor({ timeout: 10_000 });
    check((await formCard.innerText()).includes('Poll posted'), 'posting replaces the form with a confirmation');
    const pollCard = await pinnedLastCard();
    check((await pollCard.innerText()).includes('Which day suits the next session?'), 'the poll card is posted');
    await pg.screenshot(path.join(shots, '03-poll.png'));

    await pg.chooseInCard('Your answer', 'Wednesday', { card: pollCard });
    await pg.clickCardButton('Vote', { card: pollCard });
    await pollCard.getByText('You chose: Wednesday').waitFor({ timeout: 10_000 }).catch(() => undefined);
    check((await pollCard.innerText()).includes('You chose: Wednesday'), 'voting shows my choice');
    await pg.screenshot(path.join(shots, '04-voted.png'));

    // Dismissing the last result banner re-renders the card: do it before choosing, not after.
    const dismiss = pg.page.getByRole('button', { name: 'Dismiss Invoke Message' });
    while ((await dismiss.count()) > 0) await dismiss.first().click();
    await pg.chooseInCard('Your answer', 'Friday', { card: pollCard });
    await pg.clickCardButton('Change my vote', { card: pollCard });
    await pollCard.getByText('You chose: Friday').waitFor({ timeout: 10_000 }).catch(() => undefined);
    const changed = await pollCard.innerText();
    check(changed.includes('You chose: Friday') && changed.includes('1 person has voted.'), `changing my vote keeps one vote (card: ${JSON.stringify(changed)})`);

    await pg.clickCardButton('Close poll', { card: pollCard });
    await pollCard.getByText('Closed', { exact: false }).first().waitFor({ timeout: 10_000 }).catch(() => undefined);
    const closed = await pollCard.innerText();
    await pg.screenshot(path.join(shots, '05-closed.png'));
    check(closed.includes('Closed'), 'the author closes the poll');
    check(closed.includes('Friday') && !closed.includes('Close poll'), `the final result shows, with nothing left to press (card: ${JSON.stringify(closed)})`);
    process.stdout.write(`\nPlayground smoke passed. Screenshots: ${shots}\n`);
  } finally {
    await session?.close().catch(() => undefined);
    playground.kill('SIGTERM');
    await app.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
