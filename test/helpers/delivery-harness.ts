/** Builds delivery (service + workers) against the test Azurite and a fake Bot Connector. */
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import type { Clock } from '../../src/domain/shared/clock';
import type { StoredConversation } from '../../src/domain/shared/conversation';
import type { DeliveryConnector, DeliveryQueue, DeliverySubject } from '../../src/domain/delivery/ports';
import type { Recipient } from '../../src/domain/delivery/delivery';
import { RateController } from '../../src/domain/delivery/delivery-rate';
import { DeliveryService, type StartDelivery } from '../../src/domain/delivery/delivery-service';
import { DeliveryWorker, type WorkerOptions } from '../../src/domain/delivery/delivery-worker';
import { TableConversationRepository } from '../../src/storage/shared/conversation-repository';
import { TableDeliveryRepository, TableFatigueLedger, TableGroupRepository } from '../../src/storage/delivery/delivery-repository';
import { StorageDeliveryQueue } from '../../src/storage/delivery/delivery-queue';
import { TableDueItemRepository } from '../../src/storage/shared/due-item-repository';
import { TABLES } from '../../src/storage/shared/keys';
import { Queues } from '../../src/storage/shared/queues';
import { Tables } from '../../src/storage/shared/tables';
import { TableDeliverySettingsRepository } from '../../src/storage/delivery/delivery-settings-repository';
import { BotConnectorClient } from '../../src/teams/delivery/delivery-connector';

export const BOT_ID = '28:voiceloop-bot';

export async function storage() {
  const connectionString = inject('storageConnectionString');
  const tables = new Tables({ kind: 'connectionString', connectionString });
  await tables.ensureAll();
  const queues = new Queues({ kind: 'connectionString', connectionString });
  return {
    tables,
    queues,
    deliveries: new TableDeliveryRepository(tables.client(TABLES.deliveries)),
    fatigue: new TableFatigueLedger(tables.client(TABLES.fatigue)),
    groups: new TableGroupRepository(tables.client(TABLES.groups)),
    settings: new TableDeliverySettingsRepository(tables.client(TABLES.tenantSettings)),
    conversations: new TableConversationRepository(tables.client(TABLES.conversations)),
    due: new TableDueItemRepository(tables.client(TABLES.dueItems))
  };
}
export type Storage = Awaited<ReturnType<typeof storage>>;

/** A real Azure Storage queue pair of its own (names are unique per call). */
export async function storageQueue(s: Storage): Promise<StorageDeliveryQueue> {
  const name = `t${randomUUID().replace(/-/g, '').slice(0, 20)}`;
  await s.queues.ensureAll([name, `${name}-poison`]);
  return new StorageDeliveryQueue(s.queues.client(name), s.queues.client(`${name}-poison`));
}

/**
 * Records the waits instead of sleeping, on a clock of its own that a wait moves on (virtual time):
 * 429 handling is checked without timing thresholds. Starts at the maximum (no slow start).
 */
export function recordingRate(maxPerSecond = 1000) {
  const waits: number[] = [];
  let now = Date.now();
  const rate = new RateController({
    maxPerSecond,
    initialPerSecond: maxPerSecond,
    now: () => now,
    sleep: async (ms) => {
      waits.push(ms);
      now += ms;
    }
  });
  return { rate, waits };
}

export interface Build {
  s: Storage;
  queue: DeliveryQueue;
  clock: Clock;
  serviceUrl: string;
  connector?: DeliveryConnector;
  rate?: RateController;
  subjects?: Record<string, DeliverySubject>;
  worker?: Partial<WorkerOptions>;
  /** The feeder's batch (default 500). */
  feedBatch?: number;
}

export function build(b: Build) {
  const connector = b.connector ?? new BotConnectorClient();
  const rate = b.rate ?? recordingRate().rate;
  const service = new DeliveryService({
    deliveries: b.s.deliveries,
    queue: b.queue,
    groups: b.s.groups,
    connector,
    rate,
    due: b.s.due,
    settings: b.s.settings,
    subjects: b.subjects,
    clock: b.clock,
    feedBatch: b.feedBatch
  });
  const worker = (owner = `w-${randomUUID().slice(0, 6)}`, extra: Partial<WorkerOptions> = {}) =>
    new DeliveryWorker({
      queue: b.queue,
      deliveries: b.s.deliveries,
      fatigue: b.s.fatigue,
      settings: b.s.settings,
      conversations: b.s.conversations,
      connector,
      rate,
      subjects: b.subjects,
      clock: b.clock,
      owner,
      ...b.worker,
      ...extra
    });
  return { service, worker, connector, rate };
}

/** People with a stored 1:1 chat at the fake connector. */
export async function people(s: Storage, tenantId: string, serviceUrl: string, count: number, stored = true): Promise<Recipient[]> {
  const out: Recipient[] = [];
  for (let i = 0; i < count; i++) {
    const aad = randomUUID();
    const r: Recipient = { personKey: aad, userId: `29:${aad}`, name: `Person ${i}` };
    out.push(r);
    if (stored) await s.conversations.upsert(personal(tenantId, serviceUrl, r));
  }
  return out;
}

export function personal(tenantId: string, serviceUrl: string, r: Recipient): StoredConversation {
  return {
    tenantId,
    serviceUrl,
    channelId: 'msteams',
    conversationId: `a:1on1-${r.personKey}`,
    conversationType: 'personal',
    botId: BOT_ID,
    userId: r.userId,
    userAadObjectId: r.personKey,
    updatedAt: new Date().toISOString()
  };
}

export const card = (text: string) => ({ type: 'AdaptiveCard' as const, version: '1.5', speak: text, body: [{ type: 'TextBlock', text, wrap: true }] });

/** A survey request to nobody yet (override `target`), sent as staff unless told otherwise. */
export function deliveryRequest(tenantId: string, overrides: Partial<StartDelivery> = {}): StartDelivery {
  return {
    tenantId,
    jobId: `survey-${randomUUID()}`,
    subjectKind: 'survey',
    subjectId: randomUUID(),
    title: 'Short breaks',
    purpose: 'request',
    cohort: 'staff',
    message: { card: card('Please tell us about short breaks'), summary: 'A short survey' },
    reminder: { card: card('A reminder: please tell us about short breaks') },
    maxReminders: 0,
    createdBy: 'author',
    target: { kind: 'people', people: [] },
    ...overrides
  };
}
