/**
 * Wires VoiceLoop together: config → storage → services → Teams bot → HTTP → scheduler.
 * Tests build the real app with this, in-process.
 */
import type { AddressInfo } from 'node:net';
import type pino from 'pino';
import type { AppConfig } from './config';
import { type Clock, systemClock } from './domain/clock';
import { isDomainError } from './domain/errors';
import { POLL_CLOSE_JOB, PollService } from './domain/poll-service';
import { createHttpServer } from './http/server';
import { type Logger, createLogger } from './log';
import { Scheduler } from './scheduler/scheduler';
import { TableConversationRepository } from './storage/conversation-repository';
import { TableDueItemRepository } from './storage/due-item-repository';
import { type EmbeddedStorage, startEmbeddedStorage } from './storage/emulator';
import { TABLES } from './storage/keys';
import { TablePollRepository } from './storage/poll-repository';
import { type TableEndpoint, Tables } from './storage/tables';
import { createTeamsBot } from './teams/app';
import { SearchService, ownerOrConversation } from './domain/search';
import { TableSearchIndex } from './storage/search-repository';
import { TableDraftRepository } from './storage/draft-repository';

export interface VoiceLoop {
  url: string;
  port: number;
  log: Logger;
  scheduler: Scheduler;
  polls: PollService;
  tables: Tables;
  /** Stops taking requests, lets the scheduler finish its pass, stops the embedded emulator. */
  close(): Promise<void>;
}

export interface StartOptions {
  clock?: Clock;
  logDestination?: pino.DestinationStream;
  /** Tests drive the scheduler themselves (virtual time). */
  startScheduler?: boolean;
}

export async function startVoiceLoop(config: AppConfig, options: StartOptions = {}): Promise<VoiceLoop> {
  const log = createLogger(config.logLevel, options.logDestination);
  const clock = options.clock ?? systemClock;

  let emulator: EmbeddedStorage | undefined;
  let endpoint: TableEndpoint;
  if (config.storage.kind === 'embedded') {
    emulator = await startEmbeddedStorage({
      dataDir: config.storage.dataDir,
      tablePort: config.storage.tablePort,
      queuePort: config.storage.queuePort
    });
    log.info({ tablePort: emulator.tablePort, queuePort: emulator.queuePort, dataDir: config.storage.dataDir }, 'embedded storage emulator started');
    endpoint = { kind: 'connectionString', connectionString: emulator.connectionString };
  } else if (config.storage.kind === 'connectionString') {
    endpoint = { kind: 'connectionString', connectionString: config.storage.connectionString };
  } else {
    endpoint = { kind: 'accountUrl', tableUrl: config.storage.tableUrl, managedIdentityClientId: config.storage.managedIdentityClientId };
  }

  try {
    const tables = new Tables(endpoint);
    await tables.ensureAll();

    const due = new TableDueItemRepository(tables.client(TABLES.dueItems));
    const search = new SearchService(new TableSearchIndex(tables.client(TABLES.search))).registerKind('poll', ownerOrConversation);
    const polls = new PollService({
      search,
      polls: new TablePollRepository(tables.client(TABLES.polls)),
      due,
      clock,
      voterHashSecret: config.voterHashSecret
    });
    const conversations = new TableConversationRepository(tables.client(TABLES.conversations));
    const drafts = new TableDraftRepository(tables.client(TABLES.drafts));
    const bot = createTeamsBot({ polls, conversations, search, drafts, publicUrl: config.publicUrl, clock, log, bot: config.bot });

    const scheduler = new Scheduler({ due, clock, log });
    scheduler.register(POLL_CLOSE_JOB, async (item) => {
      try {
        const { view } = await polls.close(item.tenantId, String(item.payload.pollId));
        await bot.updatePollMessage(view.poll, view.tally);
      } catch (error) {
        if (isDomainError(error) && error.code === 'not_found') return; // deleted since: nothing to close
        throw error;
      }
    });

    const server = createHttpServer({ messages: (req, res) => bot.handle(req, res), ready: () => tables.ping() }, log);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    });
    const port = (server.address() as AddressInfo).port;
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
    if (options.startScheduler !== false) scheduler.start(config.schedulerIntervalMs);
    log.info({ url: `${url}/api/messages`, mode: config.mode }, 'VoiceLoop is listening');

    return {
      url,
      port,
      log,
      scheduler,
      polls,
      tables,
      async close() {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await scheduler.stop();
        await emulator?.close();
      }
    };
  } catch (error) {
    await emulator?.close();
    throw error;
  }
}
