/**
 * Azure Storage queues (Azurite's Queue server locally): one client per queue, created once and shared.
 * Reached with a connection string, or with the account's queue URL and managed identity, like Tables.
 */
import { QueueClient, QueueServiceClient } from '@azure/storage-queue';
import { managedIdentityCredential } from './credential';

/** The queues VoiceLoop uses (names: 3–63 lower-case letters, digits and dashes). */
export const QUEUES = {
  /** One message per recipient of a 1:1 delivery (docs/delivery.md). */
  delivery: 'delivery',
  /** Messages set aside: malformed, referring to a deleted job, or dequeued too often. */
  deliveryPoison: 'delivery-poison'
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export type QueueEndpoint =
  | { kind: 'connectionString'; connectionString: string }
  | { kind: 'accountUrl'; queueUrl: string; managedIdentityClientId?: string };

export class Queues {
  private readonly clients = new Map<string, QueueClient>();
  private readonly service: QueueServiceClient;

  constructor(endpoint: QueueEndpoint) {
    this.service =
      endpoint.kind === 'connectionString'
        ? QueueServiceClient.fromConnectionString(endpoint.connectionString)
        : new QueueServiceClient(endpoint.queueUrl, managedIdentityCredential(endpoint.managedIdentityClientId));
  }

  /** A queue by name; `prefix` lets tests and benchmarks use their own queues in a shared account. */
  client(name: string): QueueClient {
    let client = this.clients.get(name);
    if (!client) {
      client = this.service.getQueueClient(name);
      this.clients.set(name, client);
    }
    return client;
  }

  /** The queues whose names start with `prefix`, with their metadata (a tenant's delivery queue names its tenant). */
  list(prefix: string): AsyncIterable<{ name: string; metadata?: Record<string, string> }> {
    return this.service.listQueues({ prefix, includeMetadata: true });
  }

  /** Creates the given queues (default: every queue VoiceLoop uses); safe to run at every start. */
  async ensureAll(names: readonly string[] = Object.values(QUEUES)): Promise<void> {
    await Promise.all(names.map((name) => this.client(name).createIfNotExists()));
  }
}
