/** Builds the real VoiceLoop in-process for a test: real HTTP endpoint, real Azurite storage. */
import { createHash, randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { inject } from 'vitest';
import type { StartOptions, VoiceLoop } from '../../src/voiceloop';
import { startVoiceLoop } from '../../src/app';
import type { AppConfig, BotCredentials } from '../../src/config';
import { type JsonObject, cardFromInvokeResponse, cardsInActivity, expectValidCard } from './card-validator';
import { type FakeConnector, startFakeConnector } from './fake-connector';
import { afterAll, beforeAll, expect } from 'vitest';
import { type TestUser, type Where, executeAction, message } from './activities';
import { cardActionTitles, cardElements } from './card-query';

export interface TestApp extends VoiceLoop {
  /** Every JSON log line the app wrote. */
  logs: Record<string, unknown>[];
  /** POSTs an activity to /api/messages and returns the HTTP status and parsed body. */
  post(activity: unknown, headers?: Record<string, string>): Promise<{ status: number; body: unknown }>;
}

/**
 * One scheduler table and one delivery queue per test file: the files share one emulator, and a
 * scheduler runs every due item it finds (a delivery worker every tenant queue it finds), so one file's
 * jobs, made at another virtual time, would otherwise run in another file's app.
 */
function ownStorageOfThisFile(): Pick<AppConfig, 'schedulerTable' | 'deliveryQueue'> {
  const id = createHash('sha256').update(expect.getState().testPath ?? 'unknown').digest('hex').slice(0, 12);
  return { schedulerTable: `dueitems${id}`, deliveryQueue: `deliveries-${id}` };
}

export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    mode: 'local',
    host: '127.0.0.1',
    port: 0,
    logLevel: 'info',
    storage: { kind: 'connectionString', connectionString: inject('storageConnectionString') },
    voterHashSecret: 'test-secret-test-secret-test-secret-0123',
    schedulerIntervalMs: 60_000,
    publicUrl: 'https://voiceloop.test',
    ...ownStorageOfThisFile(),
    ...overrides
  };
}

export async function startTestApp(
  options: StartOptions & { config?: Partial<AppConfig>; bot?: BotCredentials } = {}
): Promise<TestApp> {
  const logs: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
      callback();
    }
  });
  const config = testConfig({ ...options.config, ...(options.bot ? { mode: 'production', bot: options.bot } : {}) });
  const app = await startVoiceLoop(config, { startScheduler: false, logDestination: destination, ...options });
  return Object.assign(app, {
    logs,
    async post(activity: unknown, headers: Record<string, string> = {}) {
      const response = await fetch(`${app.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof activity === 'string' ? activity : JSON.stringify(activity)
      });
      const text = await response.text();
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: keep the text
      }
      // Every card the bot answers with is parsed by the official Adaptive Cards parser.
      if (body && typeof body === 'object' && (body as { type?: unknown }).type === 'application/vnd.microsoft.card.adaptive') {
        expectValidCard(cardFromInvokeResponse(body), 'invoke response card');
      }
      return { status: response.status, body };
    }
  });
}

export const newTenant = (): string => randomUUID();

/** Parses every card the bot sent or updated through this connector; call in afterAll of e2e files. */
export function expectEveryCardValid(connector: FakeConnector): void {
  const activities = [...connector.sent(), ...connector.updated()];
  activities.forEach((activity, i) => {
    for (const card of cardsInActivity(activity)) expectValidCard(card, `card #${i} sent to the connector`);
  });
}

/**
 * For an end-to-end test file: starts the app and a fake Bot Connector before its tests, and after
 * them parses every card sent through the connector and stops both. `assign` receives them.
 */
export function withBotAndConnector(assign: (started: { app: TestApp; connector: FakeConnector }) => void, options: Parameters<typeof startTestApp>[0] = {}): void {
  let started: { app: TestApp; connector: FakeConnector } | undefined;
  beforeAll(async () => {
    const [app, connector] = await Promise.all([startTestApp(options), startFakeConnector()]);
    started = { app, connector };
    assign(started);
  });
  afterAll(async () => {
    if (!started) return;
    expectEveryCardValid(started.connector);
    await started.app.close();
    await started.connector.close();
  });
}

/** Sends a typed message and returns every card the bot sent in answer. */
export async function sayForCards(app: TestApp, connector: FakeConnector, where: Where, who: TestUser, text: string): Promise<JsonObject[]> {
  const before = connector.sent().length;
  expect((await app.post(message(where, who, text))).status).toBe(200);
  return connector
    .sent()
    .slice(before)
    .flatMap((a) => cardsInActivity(a));
}

/** Sends a typed message, waits for the bot's reply and returns its card (parsed by the official parser). */
export async function sayForCard(app: TestApp, connector: FakeConnector, where: Where, who: TestUser, text: string): Promise<JsonObject> {
  const before = connector.sent().length;
  expect((await app.post(message(where, who, text))).status).toBe(200);
  const sent = await connector.waitForSent(before + 1);
  const [card] = cardsInActivity(sent[before]);
  expectValidCard(card, text);
  return card!;
}

/** Sends an `Action.Execute` invoke, expects 200 and returns the card it answers with (parsed by the official parser). */
export async function executeForCard(app: TestApp, where: Where, who: TestUser, verb: string, data: Record<string, unknown>): Promise<JsonObject> {
  const response = await app.post(executeAction(where, who, verb, data));
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  const card = cardFromInvokeResponse(response.body);
  expectValidCard(card, `${verb} response`);
  return card;
}

/** Presses the button titled `title` on a card (its verb and data, plus `inputs`) and returns the answering card. */
export function pressForCard(app: TestApp, where: Where, who: TestUser, card: JsonObject, title: string, inputs: Record<string, unknown> = {}): Promise<JsonObject> {
  const found = cardElements(card).find((e) => (e.type === 'Action.Execute' || e.type === 'Action.Submit') && e.title === title);
  if (!found) throw new Error(`no "${title}" among ${cardActionTitles(card).join(', ')}`);
  return executeForCard(app, where, who, String(found.verb), { ...(found.data as Record<string, unknown>), ...inputs });
}
