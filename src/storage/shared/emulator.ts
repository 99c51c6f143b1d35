/**
 * The embedded Azure Storage emulator: Azurite's Table, Queue and Blob servers started in this process,
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
import BlobConfiguration from 'azurite/dist/src/blob/BlobConfiguration';
import BlobServer from 'azurite/dist/src/blob/BlobServer';

/** Azurite's well-known development account (public, documented by Microsoft; not a secret). */
export const DEV_ACCOUNT = 'devstoreaccount1';
export const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface EmbeddedStorage {
  connectionString: string;
  tablePort: number;
  queuePort: number;
  /** Blob storage: photos added to findings (docs/findings.md). */
  blobPort: number;
  close(): Promise<void>;
}

export interface EmbeddedStorageOptions {
  /** Folder for the data; omit to keep everything in memory (tests). */
  dataDir?: string;
  /** 0 picks a free port. */
  tablePort?: number;
  queuePort?: number;
  blobPort?: number;
  host?: string;
  /**
   * How often the queue server sweeps unreferenced message extents (default 5 s, see
   * `sweepQueueExtentsOften`). A benchmark that must not measure the emulator's own pauses passes a
   * very long interval: the sweep then runs once at start, and the few MB of spent extents stay in memory
   * for the run.
   */
  queueSweepMs?: number;
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
      if (keys.length === 3 && keys[0] === 'accountName' && keys[1] === 'queueName' && keys[2] === 'messageId' && primitive(query.messageId)) {
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
 * The single PartitionKey an OData filter pins, when it is a pure conjunction (no `or`, no `not`)
 * with a `PartitionKey eq '…'` term: every entity it matches is in that partition. Otherwise undefined.
 * Literals in single or double quotes (Azurite accepts both; a quote is doubled inside) are text, never
 * words; anything unusual (an unterminated literal, a word joined to a literal) pins nothing, and the
 * query runs over the whole table as before.
 */
export function pinnedPartition(filter: unknown): string | undefined {
  if (typeof filter !== 'string') return undefined;
  // Words outside string literals, and the literals themselves, in order.
  const tokens: Array<{ word?: string; literal?: string }> = [];
  const pattern = /'((?:[^']|'')*)'|"((?:[^"]|"")*)"|([A-Za-z_][A-Za-z0-9_.]*|-?[0-9][0-9A-Za-z.+-]*)|[\s()]+|./g;
  let previous = '';
  for (let match = pattern.exec(filter); match; match = pattern.exec(filter)) {
    const [text, single, double, word] = match;
    if (single !== undefined || double !== undefined) {
      if (/[A-Za-z0-9_]$/.test(previous)) return undefined; // datetime'…', guid'…', X'…': not plain text
      tokens.push({ literal: single !== undefined ? single.replace(/''/g, "'") : (double as string).replace(/""/g, '"') });
    } else if (word !== undefined) tokens.push({ word });
    else if (!/^[\s()]+$/.test(text)) return undefined; // a stray quote or symbol: leave it to Azurite
    previous = text;
  }
  if (tokens.some((t) => t.word !== undefined && /^(or|not)$/i.test(t.word))) return undefined;
  for (let i = 0; i + 2 < tokens.length; i++) {
    const [field, op, value] = [tokens[i], tokens[i + 1], tokens[i + 2]];
    if (field?.word === 'PartitionKey' && op?.word !== undefined && /^eq$/i.test(op.word) && value?.literal !== undefined) return value.literal;
  }
  return undefined;
}

interface LokiResultset {
  find(query: Record<string, unknown>): LokiResultset;
}
interface TableStoreLike {
  queryTableEntities(...args: unknown[]): Promise<unknown>;
  getEntityCollection(...args: unknown[]): { chain(): LokiResultset };
}

/**
 * Azurite's Table server answers a query by testing its filter on every entity of the *table*, then
 * sorting what matched, for every page: a feeder or a progress count paging through a 10,000-row
 * partition of the delivery table cost it hundreds of milliseconds a page (a quarter of its CPU in the
 * fan-out bench, and the stalls that held up every other call meanwhile). Azure Tables reads one
 * partition. When the filter pins the partition (see `pinnedPartition`), the same query runs on that
 * partition only, taken from LokiJS's PartitionKey index; the filter, paging and order are Azurite's
 * own. Affects only the emulator.
 */
function queryOnePartition(server: unknown): void {
  const store = (server as { metadataStore?: TableStoreLike }).metadataStore;
  if (!store || typeof store.queryTableEntities !== 'function' || typeof store.getEntityCollection !== 'function') return;
  const query = store.queryTableEntities;
  const collectionOf = store.getEntityCollection;
  store.queryTableEntities = function (this: TableStoreLike, ...args: unknown[]) {
    const partition = pinnedPartition((args[3] as { filter?: unknown } | undefined)?.filter);
    if (partition === undefined) return query.apply(this, args);
    const narrowed = Object.create(this) as TableStoreLike;
    narrowed.getEntityCollection = (...a: unknown[]) => {
      const collection = collectionOf.apply(this, a);
      return { chain: () => collection.chain().find({ PartitionKey: partition }) };
    };
    return query.apply(narrowed, args);
  };
}

/**
 * Azurite's Queue server sweeps unreferenced message extents every 60 s, and the sweep grows faster
 * than the messages it clears (measured: 0.5 s after 1,000 messages, 8.5 s after 3,000 — a minute of
 * fan-out at 50/s), blocking the emulator meanwhile: every queue and table call waits. Sweeping every
 * 5 s keeps each sweep small. Affects only the emulator.
 */
function sweepQueueExtentsOften(server: unknown, everyMs = 5000): void {
  const gc = (server as { gcManager?: { gcIntervalInMS?: number } }).gcManager;
  // (setTimeout takes at most 2^31 − 1 ms; longer would fire at once.)
  if (gc && typeof gc.gcIntervalInMS === 'number') gc.gcIntervalInMS = Math.min(everyMs, 2 ** 31 - 1);
}

function portOf(server: { getHttpServerAddress(): string }): number {
  return Number(new URL(server.getHttpServerAddress()).port);
}

export async function startEmbeddedStorage(options: EmbeddedStorageOptions = {}): Promise<EmbeddedStorage> {
  const host = options.host ?? '127.0.0.1';
  const inMemory = options.dataDir === undefined;
  const dir = options.dataDir ? path.resolve(options.dataDir, 'azurite') : '';
  if (!inMemory) mkdirSync(path.join(dir, 'queue'), { recursive: true });
  if (!inMemory) mkdirSync(path.join(dir, 'blob'), { recursive: true });

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
  const blob = new BlobServer(
    new BlobConfiguration(
      host, options.blobPort ?? 0, undefined,
      inMemory ? ':memory:' : path.join(dir, '__azurite_db_blob__.json'),
      inMemory ? ':memory:' : path.join(dir, '__azurite_db_blob_extent__.json'),
      [{ locationId: 'Default', locationPath: path.join(dir || '.', 'blob'), maxConcurrency: 10 }],
      false, undefined, false, undefined, true, true,
      undefined, undefined, undefined, undefined, false, inMemory
    )
  );
  keepQueryStrings(table);
  keepQueryStrings(queue);
  keepQueryStrings(blob);
  indexPointLookups(table);
  queryOnePartition(table);
  sweepQueueExtentsOften(queue, options.queueSweepMs);
  await table.start();
  try {
    await queue.start();
  } catch (error) {
    await table.close();
    throw error;
  }
  try {
    await blob.start();
  } catch (error) {
    await Promise.allSettled([table.close(), queue.close()]);
    throw error;
  }
  const tablePort = portOf(table);
  const queuePort = portOf(queue);
  const blobPort = portOf(blob);
  const connectionString = [
    'DefaultEndpointsProtocol=http',
    `AccountName=${DEV_ACCOUNT}`,
    `AccountKey=${DEV_KEY}`,
    `TableEndpoint=http://${host}:${tablePort}/${DEV_ACCOUNT}`,
    `QueueEndpoint=http://${host}:${queuePort}/${DEV_ACCOUNT}`,
    `BlobEndpoint=http://${host}:${blobPort}/${DEV_ACCOUNT}`
  ].join(';');

  return {
    connectionString,
    tablePort,
    queuePort,
    blobPort,
    async close() {
      await Promise.allSettled([table.close(), queue.close(), blob.close()]);
    }
  };
}

export type { AddressInfo };
