/**
 * The embedded Azure Storage emulator: Azurite's Table and Queue servers started in this process,
 * so a newcomer (and the test suite) needs nothing else installed.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
// Azurite's package root starts its CLI; the server classes are reached by deep import.
import TableConfiguration from 'azurite/dist/src/table/TableConfiguration';
import TableServer from 'azurite/dist/src/table/TableServer';
import QueueConfiguration from 'azurite/dist/src/queue/QueueConfiguration';
import QueueServer from 'azurite/dist/src/queue/QueueServer';

/** Azurite's well-known development account (public, documented by Microsoft; not a secret). */
export const DEV_ACCOUNT = 'devstoreaccount1';
export const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface EmbeddedStorage {
  connectionString: string;
  tablePort: number;
  queuePort: number;
  close(): Promise<void>;
}

export interface EmbeddedStorageOptions {
  /** Folder for the data; omit to keep everything in memory (tests). */
  dataDir?: string;
  /** 0 picks a free port. */
  tablePort?: number;
  queuePort?: number;
  host?: string;
}

/**
 * restify (the bot's HTTP server, in this same process in local mode) defines `query` on
 * http.IncomingMessage.prototype. Express inside Azurite then takes the query string as already
 * parsed and never reads it: every `$filter` (and queue parameter) would be silently dropped. Each
 * emulator request gets its own empty `query`, so Express parses it as usual.
 */
function keepQueryStrings(server: unknown): void {
  const http = (server as { httpServer?: Server }).httpServer;
  http?.prependListener('request', (req: IncomingMessage) => {
    Object.defineProperty(req, 'query', { value: undefined, writable: true, configurable: true, enumerable: true });
  });
}

interface LokiCollectionPrototype {
  findOne(query?: Record<string, unknown>): unknown;
  removeBatchByPositions(positions: number[]): void;
  __voiceloopPointLookups?: boolean;
}

/**
 * Azurite's Table server finds an entity by `findOne({ PartitionKey, RowKey })`; LokiJS applies the
 * two equalities in that order, so the PartitionKey index yields the whole partition and the RowKey is
 * then compared row by row: every point read, write and insert costs O(rows in the partition) (a
 * 10,000-recipient delivery: 10,000 comparisons per call, and O(n²) to insert the records). Azure
 * Tables looks entities up by both keys. Asking LokiJS for the RowKey first (its index gives the one or
 * few rows with that key) and then the PartitionKey is the same conjunction, answered in O(log n).
 * Applied once to the LokiJS that Azurite uses; affects only the emulator.
 */
function indexPointLookups(server: unknown): void {
  const db = (server as { metadataStore?: { db?: { constructor?: { Collection?: { prototype: LokiCollectionPrototype } } } } }).metadataStore?.db;
  const proto = db?.constructor?.Collection?.prototype;
  if (!proto || proto.__voiceloopPointLookups) return;
  const findOne = proto.findOne;
  proto.findOne = function (this: unknown, query?: Record<string, unknown>) {
    if (query) {
      const keys = Object.keys(query);
      const primitive = (v: unknown): boolean => typeof v === 'string' || typeof v === 'number';
      if (keys.length === 2 && keys[0] === 'PartitionKey' && keys[1] === 'RowKey' && primitive(query.PartitionKey) && primitive(query.RowKey)) {
        return findOne.call(this, { RowKey: query.RowKey, PartitionKey: query.PartitionKey });
      }
      // The Queue server finds a message by { accountName, queueName, messageId }: the same, by its id first.
      if (keys.length === 3 && keys[2] === 'messageId' && primitive(query.messageId)) {
        return findOne.call(this, { messageId: query.messageId, accountName: query.accountName, queueName: query.queueName });
      }
    }
    return findOne.call(this, query);
  };
  // Removing nothing rebuilds every binary index of the collection in LokiJS (its batch remove turns
  // adaptive indices off and re-sorts them all); the Queue server removes the expired messages, usually
  // none, on every message delete: one full re-sort of four indices per delivery. Nothing to remove →
  // nothing to do.
  const removeBatchByPositions = proto.removeBatchByPositions;
  proto.removeBatchByPositions = function (this: unknown, positions: number[]) {
    if (Array.isArray(positions) && positions.length === 0) return;
    removeBatchByPositions.call(this, positions);
  };
  proto.__voiceloopPointLookups = true;
}

/**
 * Azurite's Queue server sweeps unreferenced message extents every 60 s, and the sweep grows faster
 * than the messages it clears (measured: 0.5 s after 1,000 messages, 8.5 s after 3,000 — a minute of
 * fan-out at 50/s), blocking the emulator meanwhile: every queue and table call waits. Sweeping every
 * 5 s keeps each sweep small. Affects only the emulator.
 */
function sweepQueueExtentsOften(server: unknown): void {
  const gc = (server as { gcManager?: { gcIntervalInMS?: number } }).gcManager;
  if (gc && typeof gc.gcIntervalInMS === 'number') gc.gcIntervalInMS = 5000;
}

function portOf(server: { getHttpServerAddress(): string }): number {
  return Number(new URL(server.getHttpServerAddress()).port);
}

export async function startEmbeddedStorage(options: EmbeddedStorageOptions = {}): Promise<EmbeddedStorage> {
  const host = options.host ?? '127.0.0.1';
  const inMemory = options.dataDir === undefined;
  const dir = options.dataDir ? path.resolve(options.dataDir, 'azurite') : '';
  if (!inMemory) mkdirSync(path.join(dir, 'queue'), { recursive: true });

  // Positional constructors: host, port, keep-alive, db paths, logs off, loose, skip API version check.
  const table = new TableServer(
    new TableConfiguration(
      host, options.tablePort ?? 0, undefined,
      inMemory ? ':memory:' : path.join(dir, '__azurite_db_table__.json'),
      false, false, undefined, undefined, true, true,
      undefined, undefined, undefined, undefined, false, inMemory
    )
  );
  const queue = new QueueServer(
    new QueueConfiguration(
      host, options.queuePort ?? 0, undefined,
      inMemory ? ':memory:' : path.join(dir, '__azurite_db_queue__.json'),
      inMemory ? ':memory:' : path.join(dir, '__azurite_db_queue_extent__.json'),
      [{ locationId: 'Default', locationPath: path.join(dir || '.', 'queue'), maxConcurrency: 10 }],
      false, undefined, false, undefined, true, true,
      undefined, undefined, undefined, undefined, false, inMemory
    )
  );
  keepQueryStrings(table);
  keepQueryStrings(queue);
  indexPointLookups(table);
  sweepQueueExtentsOften(queue);
  await table.start();
  try {
    await queue.start();
  } catch (error) {
    await table.close();
    throw error;
  }
  const tablePort = portOf(table);
  const queuePort = portOf(queue);
  const connectionString = [
    'DefaultEndpointsProtocol=http',
    `AccountName=${DEV_ACCOUNT}`,
    `AccountKey=${DEV_KEY}`,
    `TableEndpoint=http://${host}:${tablePort}/${DEV_ACCOUNT}`,
    `QueueEndpoint=http://${host}:${queuePort}/${DEV_ACCOUNT}`
  ].join(';');

  return {
    connectionString,
    tablePort,
    queuePort,
    async close() {
      await Promise.allSettled([table.close(), queue.close()]);
    }
  };
}

export type { AddressInfo };
