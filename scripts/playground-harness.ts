/**
 * Shared set-up for the Playground smoke scripts: VoiceLoop (its own embedded storage) and the
 * Microsoft 365 Agents Playground on free ports, headless Chromium on the Playground, and a clean
 * stop of everything afterwards, whatever happens in the scenario.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import type { Locator } from 'playwright-core';
import type { VoiceLoop } from '../src/voiceloop';
import { startVoiceLoop } from '../src/app';
import { loadConfig } from '../src/config';
import { type PlaygroundSession, openPlayground } from './playground-driver';

export interface SmokeContext {
  pg: PlaygroundSession;
  /** The bot under test (e.g. to open allowed hours so a smoke runs at any time of day). */
  app: VoiceLoop;
  /** The newest top-level card, pinned: it stays the same element when newer messages arrive. */
  pinnedLastCard(): Promise<Locator>;
  /** Closes every result banner (closing one re-renders its card, so do it before filling a card in). */
  dismissAll(): Promise<void>;
  check(condition: boolean, what: string): void;
  shot(name: string): Promise<void>;
  /** Presses a card button and waits for `expect` on that card (screenshot `failed.png` if it never shows). */
  press(card: Locator, title: string, expect: string): Promise<void>;
  /** In the open conversation: `survey new` → Create draft (the first template) → Publish; the invitation card. */
  publishTemplateSurvey(): Promise<Locator>;
  /** In the group chat: `session start` → Start session; the session's welcome and consent card. */
  startSessionInGroup(): Promise<Locator>;
  /**
   * In the team channel: `workinggroup setup` saved as a working group of just you, chairing — the
   * Playground has one user, so your approval decides (README).
   */
  setUpWorkingGroup(name: string): Promise<void>;
}

/** A free TCP port on loopback (the smokes' bot and pages). */
export function freePort(): Promise<number> {
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

export interface SmokeOptions {
  /** Extra configuration for the bot (e.g. a shorter SCHEDULER_INTERVAL_MS). */
  env?: Record<string, string>;
  /** Browser window size (default 1400×900); a taller window shows long cards whole. */
  viewport?: { width: number; height: number };
}

/** Runs one scenario against a fresh bot and Playground; exits non-zero when it fails. */
export function runPlaygroundSmoke(name: string, shotsDir: string, scenario: (ctx: SmokeContext) => Promise<void>, options: SmokeOptions = {}): void {
  const shots = path.resolve(shotsDir);
  const run = async (): Promise<void> => {
    mkdirSync(shots, { recursive: true });
    const [botPort, playgroundPort, tablePort, queuePort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    const app = await startVoiceLoop(
      loadConfig({
        VOICELOOP_MODE: 'local',
        PORT: String(botPort),
        PUBLIC_URL: `http://127.0.0.1:${botPort}`,
        AZURITE_TABLE_PORT: String(tablePort),
        AZURITE_QUEUE_PORT: String(queuePort),
        VOICELOOP_DATA_DIR: path.join(shots, `data-${Date.now()}`),
        LOG_LEVEL: 'warn',
        ...options.env
      })
    );
    const cli = path.join(path.dirname(require.resolve('@microsoft/m365agentsplayground/package.json')), 'cli.js');
    const playground: ChildProcess = spawn(
      process.execPath,
      [cli, '-e', `${app.url}/api/messages`, '-c', 'msteams', '-p', String(playgroundPort), '--disable-telemetry'],
      { env: { ...process.env, TZ: 'Europe/London', TEAMSAPPTESTER_BROWSER: 'none' }, stdio: 'ignore', cwd: shots }
    );
    const url = `http://localhost:${playgroundPort}`;
    let pg: PlaygroundSession | undefined;
    try {
      await waitForHttp(url, 30_000);
      pg = await openPlayground({ url, viewport: options.viewport });
      const session = pg;
      const pinnedLastCard = async (): Promise<Locator> => {
        const cards = session.page.locator('.fai-OutputCard .ac-adaptiveCard:not(.ac-adaptiveCard *)');
        return cards.nth((await cards.count()) - 1);
      };
      const dismissAll = async (): Promise<void> => {
        const dismiss = session.page.getByRole('button', { name: 'Dismiss Invoke Message' });
        while ((await dismiss.count()) > 0) await dismiss.first().click();
      };
      const press = async (card: Locator, title: string, expect: string): Promise<void> => {
        await dismissAll();
        await session.clickCardButton(title, { card, waitForStatus: false });
        try {
          await card.getByText(expect, { exact: false }).first().waitFor({ timeout: 10_000 });
        } catch (error) {
          await session.screenshot(path.join(shots, 'failed.png'));
          throw new Error(`after "${title}" the card shows ${JSON.stringify(await card.innerText())}, status ${String(await session.cardStatus(card))}`, { cause: error });
        }
      };
      await scenario({
        pg: session,
        app,
        pinnedLastCard,
        dismissAll,
        press,
        check(condition, what) {
          if (!condition) throw new Error(`${name} failed: ${what}`);
          process.stdout.write(`  ✓ ${what}\n`);
        },
        shot: (file) => session.screenshot(path.join(shots, file)),
        async publishTemplateSurvey() {
          await session.send('survey new');
          const form = await pinnedLastCard();
          await press(form, 'Create draft', 'Draft saved.');
          const count = await session.botMessageCount();
          await press(form, 'Publish', 'Published.');
          await session.waitForBotMessages(count + 1);
          return pinnedLastCard();
        },
        async setUpWorkingGroup(groupName) {
          await session.switchConversation('channel');
          await session.send('workinggroup setup');
          const setup = session.lastBotCard();
          await dismissAll();
          await session.fillInCard('Name of the working group', groupName, { card: setup });
          await session.chooseInCard('Members', 'The people I choose below', { card: setup });
          await session.chooseInCard('Chosen people (when not the whole team)', session.config.currentUser.name, { card: setup });
          await session.chooseInCard('Chair', session.config.currentUser.name, { card: setup });
          await press(setup, 'Save working group', groupName);
        },
        async startSessionInGroup() {
          await session.switchConversation('group');
          const count = await session.botMessageCount();
          await session.send('session start');
          const chooser = await pinnedLastCard();
          await dismissAll();
          await session.clickCardButton('Start session', { card: chooser, waitForStatus: false });
          await chooser.getByText('Before you start').waitFor({ timeout: 10_000 });
          await session.waitForBotMessages(count + 2);
          return pinnedLastCard();
        }
      });
      process.stdout.write(`\n${name} passed. Screenshots: ${shots}\n`);
    } finally {
      await pg?.close().catch(() => undefined);
      playground.kill('SIGTERM');
      // The Playground does not always stop on SIGTERM: make sure it is gone.
      await new Promise((r) => setTimeout(r, 1500));
      if (playground.exitCode === null && playground.signalCode === null) playground.kill('SIGKILL');
      await app.close();
    }
  };
  run().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
