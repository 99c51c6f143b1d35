/**
 * Azure Blob storage (Azurite's Blob server locally, started with the Table and Queue servers): one client
 * per container. Reached with a connection string, or with the account's blob URL and managed identity,
 * like Tables and Queues. Used for photos added to findings (docs/findings.md, docs/privacy.md).
 */
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { managedIdentityCredential } from './credential';

/** The containers VoiceLoop uses (names: 3–63 lower-case letters, digits and dashes). Private: no public access. */
export const CONTAINERS = {
  /** Photos of mind maps and drawings added to findings as "You said" sources, re-encoded without metadata. */
  findingsImages: 'findings-images'
} as const;

export type BlobEndpoint =
  | { kind: 'connectionString'; connectionString: string }
  | { kind: 'accountUrl'; blobUrl: string; managedIdentityClientId?: string };

/** The blob endpoint of an account whose table URL is known (https://{account}.table.core.windows.net → .blob.). */
export function blobUrlOf(tableUrl: string): string {
  return tableUrl.replace('.table.', '.blob.');
}

export class Blobs {
  private readonly service: BlobServiceClient;

  constructor(endpoint: BlobEndpoint) {
    this.service =
      endpoint.kind === 'connectionString'
        ? BlobServiceClient.fromConnectionString(endpoint.connectionString)
        : new BlobServiceClient(endpoint.blobUrl, managedIdentityCredential(endpoint.managedIdentityClientId));
  }

  container(name: string): ContainerClient {
    return this.service.getContainerClient(name);
  }

  /** Creates the containers (private); safe at every start. */
  async ensureAll(names: readonly string[] = Object.values(CONTAINERS)): Promise<void> {
    await Promise.all(names.map((name) => this.container(name).createIfNotExists()));
  }
}
