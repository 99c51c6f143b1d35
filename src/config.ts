/**
 * Configuration: parsed and validated once, at start-up. Nothing else in src/ reads process.env.
 *
 * Two ways to run:
 * - production: bot credentials are present (client id + secret, or a user-assigned managed identity)
 *   and every inbound request is authenticated;
 * - local: `VOICELOOP_MODE=local`, no credentials, the bot binds 127.0.0.1 only and the embedded
 *   storage emulator is used unless storage is configured.
 * Anything else refuses to start, naming each missing or invalid variable.
 */

export type BotAppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';

export interface BotCredentials {
  appId: string;
  appType: BotAppType;
  /** Client secret; absent for a managed identity. */
  password?: string;
  /** Required for SingleTenant and UserAssignedMSI. */
  tenantId?: string;
  /** Optional overrides for sovereign clouds (and for the authentication tests). */
  openIdMetadataUrl?: string;
  tokenIssuer?: string;
}

export type StorageConfig =
  | { kind: 'connectionString'; connectionString: string }
  | { kind: 'accountUrl'; tableUrl: string; queueUrl: string; managedIdentityClientId?: string }
  | { kind: 'embedded'; dataDir: string; tablePort: number; queuePort: number };

export interface AppConfig {
  mode: 'production' | 'local';
  host: string;
  port: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  bot?: BotCredentials;
  storage: StorageConfig;
  /** Key for the keyed hash that enforces one vote per person without storing who voted. */
  voterHashSecret: string;
  /** How often the scheduler looks for due work, in milliseconds. */
  schedulerIntervalMs: number;
  /** Public base URL of the bot (links to polls and surveys that unfurl in Teams). */
  publicUrl: string;
  /**
   * VoiceLoop administrators (`privacy erase`, `privacy retention set`): Entra object ids from
   * `VOICELOOP_ADMINS`. Empty in local mode means the local user (anyone on loopback) is an admin.
   */
  admins?: string[];
  /** Teams SSO for the meeting pages (docs/meetings.md); absent: local mode uses the local user, production refuses. */
  sso?: SsoConfig;
  /**
   * The scheduler's table (default `dueitems`): deployments sharing one storage account, or test files
   * sharing one emulator, each keep their own due items (a scheduler runs every due item it finds).
   */
  schedulerTable?: string;
  /** The delivery queue's name (default `deliveries`; tenant queues are named after it), for the same reason. */
  deliveryQueue?: string;
  /**
   * This instance's stable id (App Service's `WEBSITE_INSTANCE_ID`, the same across restarts of the
   * process on one instance): a restarted instance takes its own tenant sender leases back at once.
   */
  instanceId?: string;
}

/** The Entra app the meeting pages' SSO tokens are issued for (`webApplicationInfo` in the manifest). */
export interface SsoConfig {
  /** The Entra app (client) id: the audience of v2 tokens. */
  clientId: string;
  /** The application ID URI, `api://{domain}/{clientId}`: the audience of v1 tokens. */
  resource: string;
  /** Entra's signing keys (JWKS); another URL only for sovereign clouds and tests. */
  jwksUrl: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`VoiceLoop cannot start. Fix these settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const APP_TYPES: readonly BotAppType[] = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'];
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Used only in local mode when no secret is configured: local data is not personal data. */
const LOCAL_VOTER_HASH_SECRET = 'voiceloop-local-development-only';

function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function parsePort(env: Env, name: string, fallback: number, problems: string[]): number {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    problems.push(`${name} must be a port number from 0 to 65535 (got "${raw}")`);
    return fallback;
  }
  return port;
}

function parseUrl(env: Env, name: string, problems: string[]): string | undefined {
  const raw = read(env, name);
  if (raw === undefined) return undefined;
  try {
    const url = new URL(raw);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('protocol');
    return raw;
  } catch {
    problems.push(`${name} must be an http(s) URL (got "${raw}")`);
    return undefined;
  }
}

function parseBot(env: Env, problems: string[]): BotCredentials | undefined {
  const appId = read(env, 'BOT_ID');
  const password = read(env, 'BOT_PASSWORD');
  const rawType = read(env, 'BOT_TYPE');
  const tenantId = read(env, 'BOT_TENANT_ID');
  if (!appId && !password && !rawType && !tenantId) return undefined;

  if (!appId) problems.push('BOT_ID is required when any bot credential is set');
  else if (!GUID.test(appId)) problems.push(`BOT_ID must be a GUID (got "${appId}")`);

  let appType: BotAppType = 'MultiTenant';
  if (rawType !== undefined) {
    if ((APP_TYPES as readonly string[]).includes(rawType)) appType = rawType as BotAppType;
    else problems.push(`BOT_TYPE must be one of ${APP_TYPES.join(', ')} (got "${rawType}")`);
  }
  if (appType !== 'UserAssignedMSI' && !password) {
    problems.push(`BOT_PASSWORD is required for BOT_TYPE ${appType} (or set BOT_TYPE=UserAssignedMSI)`);
  }
  if (appType === 'UserAssignedMSI' && password) {
    problems.push('BOT_PASSWORD must not be set with BOT_TYPE=UserAssignedMSI');
  }
  if (appType !== 'MultiTenant' && !tenantId) problems.push(`BOT_TENANT_ID is required for BOT_TYPE ${appType}`);
  if (tenantId && !GUID.test(tenantId)) problems.push(`BOT_TENANT_ID must be a GUID (got "${tenantId}")`);

  return {
    appId: appId ?? '',
    appType,
    password,
    tenantId,
    openIdMetadataUrl: parseUrl(env, 'BOT_OPENID_METADATA_URL', problems),
    tokenIssuer: read(env, 'BOT_TOKEN_ISSUER')
  };
}

function parseStorage(env: Env, mode: AppConfig['mode'], problems: string[]): StorageConfig {
  const connectionString = read(env, 'STORAGE_CONNECTION_STRING');
  const tableUrl = parseUrl(env, 'STORAGE_ACCOUNT_URL', problems);
  const queueUrl = parseUrl(env, 'STORAGE_QUEUE_URL', problems);
  if (connectionString && (tableUrl || queueUrl)) {
    problems.push('set either STORAGE_CONNECTION_STRING or STORAGE_ACCOUNT_URL/STORAGE_QUEUE_URL, not both');
  }
  if (connectionString) return { kind: 'connectionString', connectionString };
  if (tableUrl || queueUrl) {
    if (!tableUrl) problems.push('STORAGE_ACCOUNT_URL is required with STORAGE_QUEUE_URL');
    if (!queueUrl) problems.push('STORAGE_QUEUE_URL is required with STORAGE_ACCOUNT_URL');
    return {
      kind: 'accountUrl',
      tableUrl: tableUrl ?? '',
      queueUrl: queueUrl ?? '',
      managedIdentityClientId: read(env, 'AZURE_CLIENT_ID')
    };
  }
  if (mode === 'production') {
    problems.push('storage is not configured: set STORAGE_CONNECTION_STRING, or STORAGE_ACCOUNT_URL and STORAGE_QUEUE_URL');
  }
  return {
    kind: 'embedded',
    dataDir: read(env, 'VOICELOOP_DATA_DIR') ?? '.data',
    tablePort: parsePort(env, 'AZURITE_TABLE_PORT', 10002, problems),
    queuePort: parsePort(env, 'AZURITE_QUEUE_PORT', 10001, problems)
  };
}

/** `VOICELOOP_ADMINS`: comma- or space-separated Entra object ids (GUIDs), lower-cased. */
function parseAdmins(env: Env, problems: string[]): string[] {
  const raw = read(env, 'VOICELOOP_ADMINS');
  if (raw === undefined) return [];
  const ids = raw.split(/[\s,;]+/).filter((id) => id !== '');
  const bad = ids.filter((id) => !GUID.test(id));
  if (bad.length > 0) problems.push(`VOICELOOP_ADMINS must list Entra object ids (GUIDs), separated by commas (not: ${bad.map((b) => `"${b}"`).join(', ')})`);
  return [...new Set(ids.filter((id) => GUID.test(id)).map((id) => id.toLowerCase()))];
}

const ENTRA_JWKS_URL = 'https://login.microsoftonline.com/common/discovery/v2.0/keys';

/** `SSO_CLIENT_ID` (and optionally `SSO_RESOURCE`, `SSO_JWKS_URL`): sign-in for the meeting pages. */
function parseSso(env: Env, botDomain: string | undefined, problems: string[]): SsoConfig | undefined {
  const clientId = read(env, 'SSO_CLIENT_ID');
  const resource = read(env, 'SSO_RESOURCE');
  const jwksUrl = parseUrl(env, 'SSO_JWKS_URL', problems);
  if (!clientId) {
    if (resource || jwksUrl) problems.push('SSO_CLIENT_ID is required with SSO_RESOURCE or SSO_JWKS_URL');
    return undefined;
  }
  if (!GUID.test(clientId)) problems.push(`SSO_CLIENT_ID must be a GUID (got "${clientId}")`);
  if (!resource && !botDomain) problems.push('SSO_RESOURCE (api://{domain}/{client id}) is required when BOT_DOMAIN is not set');
  return { clientId, resource: resource ?? `api://${botDomain}/${clientId}`, jwksUrl: jwksUrl ?? ENTRA_JWKS_URL };
}

/** Parses the environment. Throws ConfigError listing every problem at once. */
export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const rawMode = read(env, 'VOICELOOP_MODE');
  if (rawMode !== undefined && rawMode !== 'local' && rawMode !== 'production') {
    problems.push(`VOICELOOP_MODE must be "local" or "production" (got "${rawMode}")`);
  }
  const bot = parseBot(env, problems);
  const mode: AppConfig['mode'] = rawMode === 'local' ? 'local' : 'production';
  if (mode === 'local' && bot) {
    problems.push('VOICELOOP_MODE=local runs without credentials: remove BOT_ID/BOT_PASSWORD/BOT_TYPE/BOT_TENANT_ID');
  }
  if (mode === 'production' && !bot) {
    problems.push(
      'no bot credentials: set BOT_ID with BOT_PASSWORD (or BOT_TYPE=UserAssignedMSI and BOT_TENANT_ID), ' +
        'or set VOICELOOP_MODE=local to run unauthenticated on 127.0.0.1'
    );
  }

  const rawLevel = read(env, 'LOG_LEVEL') ?? 'info';
  let logLevel: AppConfig['logLevel'] = 'info';
  if ((LOG_LEVELS as readonly string[]).includes(rawLevel)) logLevel = rawLevel as AppConfig['logLevel'];
  else problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${rawLevel}")`);

  let voterHashSecret = read(env, 'VOTER_HASH_SECRET');
  if (voterHashSecret !== undefined && voterHashSecret.length < 32) {
    problems.push('VOTER_HASH_SECRET must be at least 32 characters');
  }
  if (mode === 'production' && voterHashSecret === LOCAL_VOTER_HASH_SECRET) {
    problems.push('VOTER_HASH_SECRET must be your own random value, not the local development one');
  }
  if (voterHashSecret === undefined) {
    if (mode === 'production') problems.push('VOTER_HASH_SECRET is required (at least 32 random characters)');
    voterHashSecret = LOCAL_VOTER_HASH_SECRET;
  }

  const host = read(env, 'HOST') ?? (mode === 'local' ? '127.0.0.1' : '0.0.0.0');
  if (mode === 'local' && !['127.0.0.1', 'localhost', '::1'].includes(host)) {
    problems.push(`local mode is unauthenticated and binds loopback only: HOST must be 127.0.0.1 (got "${host}")`);
  }

  const rawInterval = read(env, 'SCHEDULER_INTERVAL_MS');
  const schedulerIntervalMs = rawInterval === undefined ? 15_000 : Number(rawInterval);
  if (!Number.isInteger(schedulerIntervalMs) || schedulerIntervalMs < 100) {
    problems.push(`SCHEDULER_INTERVAL_MS must be a whole number of at least 100 (got "${rawInterval}")`);
  }

  const storage = parseStorage(env, mode, problems);
  const port = parsePort(env, 'PORT', 3978, problems);
  const botDomain = read(env, 'BOT_DOMAIN');
  const publicUrl = (
    parseUrl(env, 'PUBLIC_URL', problems) ?? (botDomain ? `https://${botDomain}` : `http://localhost:${port}`)
  ).replace(/\/+$/, '');
  const admins = parseAdmins(env, problems);
  const sso = parseSso(env, botDomain, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  const instanceId = read(env, 'WEBSITE_INSTANCE_ID');
  return { mode, host, port, logLevel, bot, storage, voterHashSecret, schedulerIntervalMs, publicUrl, admins, sso, ...(instanceId ? { instanceId } : {}) };
}

/** For entry points: the configuration, or the list of problems on stderr and exit code 2. */
export function loadConfigOrExit(env: Env = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}
