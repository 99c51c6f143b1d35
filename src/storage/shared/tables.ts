import { TableClient, TableServiceClient } from '@azure/data-tables';
import { managedIdentityCredential } from './credential';
import { TABLES, type TableName } from './keys';
import { leanTransactions } from './transaction';

/** How to reach the storage account's Table service. */
export type TableEndpoint =
  | { kind: 'connectionString'; connectionString: string }
  | { kind: 'accountUrl'; tableUrl: string; managedIdentityClientId?: string };

/** One TableClient per table, created once and shared. */
export class Tables {
  private readonly clients = new Map<TableName, TableClient>();
  private readonly service: TableServiceClient;

  /** `names` gives a table another name in this account (e.g. a scheduler table of its own). */
  constructor(
    private readonly endpoint: TableEndpoint,
    private readonly names: Partial<Record<TableName, string>> = {}
  ) {
    this.service =
      endpoint.kind === 'connectionString'
        ? TableServiceClient.fromConnectionString(endpoint.connectionString, { allowInsecureConnection: isHttp(endpoint) })
        : new TableServiceClient(endpoint.tableUrl, managedIdentityCredential(endpoint.managedIdentityClientId));
  }

  client(name: TableName): TableClient {
    let client = this.clients.get(name);
    if (!client) {
      const actual = this.names[name] ?? name;
      client =
        this.endpoint.kind === 'connectionString'
          ? TableClient.fromConnectionString(this.endpoint.connectionString, actual, {
              allowInsecureConnection: isHttp(this.endpoint)
            })
          : new TableClient(this.endpoint.tableUrl, actual, managedIdentityCredential(this.endpoint.managedIdentityClientId));
      this.clients.set(name, leanTransactions(client));
    }
    return client;
  }

  /** Clients for several tables, by their `TABLES` key: for stores that span tables (erasure, retention). */
  pick<K extends keyof typeof TABLES>(...keys: K[]): Record<K, TableClient> {
    return Object.fromEntries(keys.map((key) => [key, this.client(TABLES[key])])) as Record<K, TableClient>;
  }

  /** Creates every table VoiceLoop uses; safe to run at every start. */
  async ensureAll(): Promise<void> {
    await Promise.all(Object.values(TABLES).map((name) => this.service.createTable(this.names[name] ?? name)));
  }

  /** Readiness: the service answers an authenticated call. */
  async ping(): Promise<void> {
    const iterator = this.service.listTables().byPage({ maxPageSize: 1 });
    await iterator.next();
  }
}

function isHttp(endpoint: { connectionString: string }): boolean {
  return /(?:Table|Queue)Endpoint=http:/i.test(endpoint.connectionString) || /DefaultEndpointsProtocol=http;/i.test(endpoint.connectionString);
}

