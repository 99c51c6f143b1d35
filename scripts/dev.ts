/**
 * `npm run dev`: the whole local stack in one process tree.
 * - the embedded Azure Storage emulator (Azurite Table + Queue, data under .data/),
 * - VoiceLoop on http://127.0.0.1:3978/api/messages in explicit local mode,
 * - the Microsoft 365 Agents Playground on http://localhost:56150, talking to the bot as Teams would.
 * Ctrl-C stops all of it; the next start finds the data of the last.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { startVoiceLoop } from '../src/app';
import { loadConfigOrExit } from '../src/config';

const PLAYGROUND_PORT = 56150;

async function main(): Promise<void> {
  const env = { VOICELOOP_MODE: 'local', ...process.env };
  const config = loadConfigOrExit(env);
  const app = await startVoiceLoop(config);
  const endpoint = `${app.url}/api/messages`;

  let playground: ChildProcess | undefined;
  if (process.env.VOICELOOP_NO_PLAYGROUND !== "1") {
    const cli = path.join(path.dirname(require.resolve('@microsoft/m365agentsplayground/package.json')), 'cli.js');
    playground = spawn(process.execPath, [cli, '-e', endpoint, '-c', 'msteams', '-p', String(PLAYGROUND_PORT)], {
      // The Playground reports its own process time zone as the user's: make it the councils' one.
      env: { TZ: 'Europe/London', ...process.env, TEAMSAPPTESTER_BROWSER: 'none', BROWSER: 'none' },
      stdio: ['ignore', 'inherit', 'inherit']
    });
    playground.on('exit', (code, signal) => {
      if (!stopping) app.log.warn({ code, signal }, 'the Agents Playground stopped');
    });
  }

  process.stdout.write(
    [
      '',
      '  VoiceLoop is running locally.',
      `  Bot endpoint:      ${endpoint}`,
      playground ? `  Agents Playground: http://localhost:${PLAYGROUND_PORT}  (open it and type "help")` : '',
      // The Playground cannot host tabs: the meeting pages open in a browser beside it (docs/meetings.md).
      `  Side panel:        ${app.url}/meeting/panel?as=Sam  (a young person; without ?as= you run the session)`,
      `  Stage view:        ${app.url}/meeting/stage`,
      `  Data:              ${config.storage.kind === 'embedded' ? path.resolve(config.storage.dataDir) : config.storage.kind}`,
      '  Ctrl-C stops everything.',
      '',
      ''
    ]
      .filter((line, i, all) => line !== '' || i === 0 || i >= all.length - 2)
      .join('\n')
  );

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    if (playground && playground.exitCode === null) {
      const exited = new Promise((resolve) => playground?.once('exit', resolve));
      playground.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
      if (playground.exitCode === null) playground.kill('SIGKILL');
    }
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`VoiceLoop failed to start: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
