/**
 * Wires what every feature module uses (docs/CONVENTIONS.md, docs/storage.md): the storage account
 * (embedded emulator or Azure), due items, the audit log, conversation references and the proactive
 * sender, drafts, search, the withheld-text filter, and the digest counters (aggregate and reach)
 * that other features' repositories are wrapped to keep up to date (docs/findings.md).
 */
import type { AppConfig, StorageConfig } from '../config';
import type { Clock } from '../domain/shared/clock';
import type { AdminPolicy } from '../domain/privacy/privacy';
import { ConcernPhraseCache } from '../domain/safeguarding/concern-phrases';
import { FlaggedTextFilter } from '../domain/safeguarding/withheld-text';
import { SearchService } from '../domain/search/search-service';
import type { Logger } from '../log';
import { TableAggregateRepository, TableReachRepository } from '../storage/digests/aggregate-repository';
import { TableDeliverySettingsRepository } from '../storage/delivery/delivery-settings-repository';
import { TableSearchIndex } from '../storage/search/search-repository';
import { TableAuditLog } from '../storage/shared/audit-repository';
import { TableConversationRepository } from '../storage/shared/conversation-repository';
import { TableDraftRepository } from '../storage/shared/draft-repository';
import { TableDueItemRepository } from '../storage/shared/due-item-repository';
import type { EmbeddedStorage } from '../storage/shared/emulator';
import { TABLES } from '../storage/shared/keys';
import { QUEUES, type QueueEndpoint, Queues } from '../storage/shared/queues';
import { type BlobEndpoint, Blobs, blobUrlOf } from '../storage/shared/blobs';
import { type TableEndpoint, Tables } from '../storage/shared/tables';
import { TeamsProactiveSender } from '../teams/shared/proactive';
import { TableAlertLedger } from '../storage/safeguarding/safeguarding-repository';

export interface Storage {
  tables: Tables;
  queues: Queues;
  /** Blob containers (photos added to findings). */
  blobs: Blobs;
  /** Stops the embedded emulator, if one was started. */
  close(): Promise<void>;
}

/** Connects to the configured storage (starting the embedded emulator if asked) and creates every table and queue. */
/** Names of the scheduler table and delivery queue when not the defaults (AppConfig, docs: configuration). */
export interface StorageNames {
  schedulerTable?: string;
  deliveryQueue?: string;
}

export async function openStorage(config: StorageConfig, log: Logger, names: StorageNames = {}): Promise<Storage> {
  const { schedulerTable, deliveryQueue } = names;
  let emulator: EmbeddedStorage | undefined;
  let endpoint: TableEndpoint;
  let queueEndpoint: QueueEndpoint;
  let blobEndpoint: BlobEndpoint;
  if (config.kind === 'embedded') {
    // Loaded only when used: Azurite switches on tracing of every Azure SDK call in the process that
    // loads it, which production (real storage) must not pay for.
    const { startEmbeddedStorage } = await import('../storage/shared/emulator.js');
    emulator = await startEmbeddedStorage({ dataDir: config.dataDir, tablePort: config.tablePort, queuePort: config.queuePort });
    log.info({ tablePort: emulator.tablePort, queuePort: emulator.queuePort, dataDir: config.dataDir }, 'embedded storage emulator started');
    endpoint = { kind: 'connectionString', connectionString: emulator.connectionString };
    queueEndpoint = endpoint;
    blobEndpoint = endpoint;
  } else if (config.kind === 'connectionString') {
    endpoint = { kind: 'connectionString', connectionString: config.connectionString };
    queueEndpoint = endpoint;
    blobEndpoint = endpoint;
  } else {
    endpoint = { kind: 'accountUrl', tableUrl: config.tableUrl, managedIdentityClientId: config.managedIdentityClientId };
    queueEndpoint = { kind: 'accountUrl', queueUrl: config.queueUrl, managedIdentityClientId: config.managedIdentityClientId };
    blobEndpoint = { kind: 'accountUrl', blobUrl: blobUrlOf(config.tableUrl), managedIdentityClientId: config.managedIdentityClientId };
  }
  const close = async (): Promise<void> => {
    await emulator?.close();
  };
  try {
    const tables = new Tables(endpoint, schedulerTable ? { [TABLES.dueItems]: schedulerTable } : {});
    await tables.ensureAll();
    const queues = new Queues(queueEndpoint);
    await queues.ensureAll(deliveryQueue ? [...Object.values(QUEUES), deliveryQueue, `${deliveryQueue}-poison`] : undefined);
    const blobs = new Blobs(blobEndpoint);
    await blobs.ensureAll();
    return { tables, queues, blobs, close };
  } catch (error) {
    await close();
    throw error;
  }
}

export type Shared = ReturnType<typeof createShared>;

export function createShared(storage: Storage, config: AppConfig, clock: Clock, log: Logger) {
  const { tables } = storage;
  const conversations = new TableConversationRepository(tables.client(TABLES.conversations));
  const admins: AdminPolicy = { admins: config.admins ?? [], localMode: config.mode === 'local' };
  const phraseSettings = new TableDeliverySettingsRepository(tables.client(TABLES.tenantSettings));
  const concernPhrases = new ConcernPhraseCache(phraseSettings, clock);
  return {
    config,
    clock,
    log,
    tables,
    queues: storage.queues,
    /** Blob containers: photos added to findings (docs/findings.md). */
    blobs: storage.blobs,
    /** Who may run admin commands (privacy, delivery settings). */
    admins,
    due: new TableDueItemRepository(tables.client(TABLES.dueItems)),
    audit: new TableAuditLog(tables.client(TABLES.audit)),
    conversations,
    /** Proactive 1:1 and channel messages; attached to the adapter by createTeamsBot. */
    proactive: new TeamsProactiveSender(conversations),
    drafts: new TableDraftRepository(tables.client(TABLES.drafts)),
    /** Each feature module registers who may see its kind of item. */
    search: new SearchService(new TableSearchIndex(tables.client(TABLES.search))),
    /** Free text the safeguarding screen flags is withheld from results, exports and quotes (docs/privacy.md). */
    withheld: new FlaggedTextFilter({ settings: phraseSettings, phrases: concernPhrases, alerts: new TableAlertLedger(tables.client(TABLES.safeguarding)), clock }),
    /** The council's concern phrases, one cache for the alert path and the withheld-text filter (src/domain/safeguarding/concern-phrases.ts). */
    concernPhrases,
    /** Digest counters (docs/findings.md), kept up to date by wrapping feature repositories. */
    aggregates: new TableAggregateRepository(tables.client(TABLES.aggregates)),
    /** Who was asked to answer each survey (response rates): 1:1 sends and session members. */
    reach: new TableReachRepository(tables.client(TABLES.aggregates))
  };
}
