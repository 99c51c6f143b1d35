import { describe, expect, it } from 'vitest';
import { type AppConfig, ConfigError, loadConfig } from '../../src/config';

type Env = Record<string, string | undefined>;

const SECRET = 'x'.repeat(32);
const BOT_ID = '11111111-2222-4333-8444-555555555555';
const TENANT_ID = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const CONNECTION = 'DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=a2V5;EndpointSuffix=core.windows.net';

/** A complete production environment: a client-secret bot with a storage connection string. */
const production = (overrides: Env = {}): Env => ({
  BOT_ID,
  BOT_PASSWORD: 'client-secret',
  VOTER_HASH_SECRET: SECRET,
  STORAGE_CONNECTION_STRING: CONNECTION,
  ...overrides
});

/** The problems loadConfig reports for `env`; fails the test when it does not throw ConfigError. */
function problemsOf(env: Env): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected loadConfig to refuse this environment');
}

describe('loadConfig: local mode', () => {
  it('runs with nothing else set: loopback only, port 3978, embedded storage', () => {
    const config = loadConfig({ VOICELOOP_MODE: 'local' });
    expect(config).toEqual<AppConfig>({
      mode: 'local',
      host: '127.0.0.1',
      port: 3978,
      logLevel: 'info',
      bot: undefined,
      storage: { kind: 'embedded', dataDir: '.data', tablePort: 10002, queuePort: 10001 },
      voterHashSecret: expect.any(String) as unknown as string,
      schedulerIntervalMs: 15_000,
      publicUrl: 'http://localhost:3978',
      admins: []
    });
    expect(config.voterHashSecret.length).toBeGreaterThanOrEqual(32);
  });

  it('reads VOICELOOP_ADMINS as Entra object ids, lower-cased and de-duplicated; anything else is refused', () => {
    const id = '6F1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D';
    expect(loadConfig({ VOICELOOP_MODE: 'local', VOICELOOP_ADMINS: `${id}, ${id.toLowerCase()}` }).admins).toEqual([id.toLowerCase()]);
    expect(problemsOf({ VOICELOOP_MODE: 'local', VOICELOOP_ADMINS: `${id},29:someone` })).toEqual([
      'VOICELOOP_ADMINS must list Entra object ids (GUIDs), separated by commas (not: "29:someone")'
    ]);
  });

  it('takes the public URL from PUBLIC_URL, else BOT_DOMAIN, and drops a trailing slash', () => {
    expect(loadConfig({ VOICELOOP_MODE: 'local', PUBLIC_URL: 'https://vl.example.org/' }).publicUrl).toBe('https://vl.example.org');
    expect(loadConfig({ VOICELOOP_MODE: 'local', BOT_DOMAIN: 'vl.example.org' }).publicUrl).toBe('https://vl.example.org');
    expect(problemsOf({ VOICELOOP_MODE: 'local', PUBLIC_URL: 'not a url' })).toContain('PUBLIC_URL must be an http(s) URL (got "not a url")');
  });

  it.each([['localhost'], ['::1'], ['127.0.0.1']])('accepts the loopback host %s', (HOST) => {
    expect(loadConfig({ VOICELOOP_MODE: 'local', HOST }).host).toBe(HOST);
  });

  it('refuses to listen on every interface without authentication (HOST=0.0.0.0)', () => {
    expect(problemsOf({ VOICELOOP_MODE: 'local', HOST: '0.0.0.0' })).toEqual([
      'local mode is unauthenticated and binds loopback only: HOST must be 127.0.0.1 (got "0.0.0.0")'
    ]);
  });

  it('refuses bot credentials, which would be ignored', () => {
    expect(problemsOf({ VOICELOOP_MODE: 'local', BOT_ID, BOT_PASSWORD: 'client-secret' })).toContain(
      'VOICELOOP_MODE=local runs without credentials: remove BOT_ID/BOT_PASSWORD/BOT_TYPE/BOT_TENANT_ID'
    );
  });

  it('refuses even a lone BOT_PASSWORD', () => {
    expect(problemsOf({ VOICELOOP_MODE: 'local', BOT_PASSWORD: 'p' })).toContain(
      'VOICELOOP_MODE=local runs without credentials: remove BOT_ID/BOT_PASSWORD/BOT_TYPE/BOT_TENANT_ID'
    );
  });

  it('uses configured storage instead of the emulator when given', () => {
    expect(loadConfig({ VOICELOOP_MODE: 'local', STORAGE_CONNECTION_STRING: CONNECTION }).storage).toEqual({
      kind: 'connectionString',
      connectionString: CONNECTION
    });
  });

  it('reads the emulator\u2019s data directory and ports', () => {
    const config = loadConfig({ VOICELOOP_MODE: 'local', VOICELOOP_DATA_DIR: '/tmp/vl', AZURITE_TABLE_PORT: '20002', AZURITE_QUEUE_PORT: '20001' });
    expect(config.storage).toEqual({ kind: 'embedded', dataDir: '/tmp/vl', tablePort: 20002, queuePort: 20001 });
  });

  it('treats blank variables as unset', () => {
    expect(loadConfig({ VOICELOOP_MODE: ' local ', HOST: '  ', PORT: '', BOT_ID: ' ' }).port).toBe(3978);
  });
});

describe('loadConfig: production', () => {
  it('accepts a client-secret bot with storage and a secret, listening on all interfaces', () => {
    const config = loadConfig(production());
    expect(config.mode).toBe('production');
    expect(config.host).toBe('0.0.0.0');
    expect(config.bot).toMatchObject({ appId: BOT_ID, appType: 'MultiTenant', password: 'client-secret' });
    expect(config.storage).toEqual({ kind: 'connectionString', connectionString: CONNECTION });
    expect(config.voterHashSecret).toBe(SECRET);
  });

  it('accepts a user-assigned managed identity with a tenant and no password', () => {
    const config = loadConfig(production({ BOT_PASSWORD: undefined, BOT_TYPE: 'UserAssignedMSI', BOT_TENANT_ID: TENANT_ID }));
    expect(config.bot).toMatchObject({ appId: BOT_ID, appType: 'UserAssignedMSI', tenantId: TENANT_ID });
    expect(config.bot?.password).toBeUndefined();
  });

  it('accepts storage by account URLs (managed identity)', () => {
    const config = loadConfig(
      production({
        STORAGE_CONNECTION_STRING: undefined,
        STORAGE_ACCOUNT_URL: 'https://acct.table.core.windows.net',
        STORAGE_QUEUE_URL: 'https://acct.queue.core.windows.net',
        AZURE_CLIENT_ID: BOT_ID
      })
    );
    expect(config.storage).toEqual({
      kind: 'accountUrl',
      tableUrl: 'https://acct.table.core.windows.net',
      queueUrl: 'https://acct.queue.core.windows.net',
      managedIdentityClientId: BOT_ID
    });
  });

  it('with nothing set, refuses to start and lists every missing item at once', () => {
    const problems = problemsOf({});
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('no bot credentials: set BOT_ID with BOT_PASSWORD'),
        'VOTER_HASH_SECRET is required (at least 32 random characters)',
        'storage is not configured: set STORAGE_CONNECTION_STRING, or STORAGE_ACCOUNT_URL and STORAGE_QUEUE_URL'
      ])
    );
    expect(problems).toHaveLength(3);
  });

  it('puts every problem in the error message, one per line', () => {
    let message = '';
    try {
      loadConfig({});
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^VoiceLoop cannot start/);
    expect(message).toContain('  - VOTER_HASH_SECRET is required');
    expect(message).toContain('  - storage is not configured');
  });

  it('tells people how to run locally when there are no credentials', () => {
    expect(problemsOf(production({ BOT_ID: undefined, BOT_PASSWORD: undefined }))).toEqual([
      expect.stringContaining('or set VOICELOOP_MODE=local')
    ]);
  });

  it('refuses an unknown mode', () => {
    expect(problemsOf(production({ VOICELOOP_MODE: 'dev' }))).toEqual(['VOICELOOP_MODE must be "local" or "production" (got "dev")']);
  });

  it('refuses a password without a bot id', () => {
    expect(problemsOf(production({ BOT_ID: undefined }))).toEqual(['BOT_ID is required when any bot credential is set']);
  });

  it('refuses a bot id that is not a GUID', () => {
    expect(problemsOf(production({ BOT_ID: 'my-bot' }))).toEqual(['BOT_ID must be a GUID (got "my-bot")']);
  });

  it('refuses a tenant id that is not a GUID', () => {
    expect(problemsOf(production({ BOT_TYPE: 'SingleTenant', BOT_TENANT_ID: 'contoso' }))).toEqual([
      'BOT_TENANT_ID must be a GUID (got "contoso")'
    ]);
  });

  it('refuses a client-secret bot without a password', () => {
    expect(problemsOf(production({ BOT_PASSWORD: undefined }))).toEqual([
      'BOT_PASSWORD is required for BOT_TYPE MultiTenant (or set BOT_TYPE=UserAssignedMSI)'
    ]);
  });

  it('refuses a managed identity without a tenant id', () => {
    expect(problemsOf(production({ BOT_PASSWORD: undefined, BOT_TYPE: 'UserAssignedMSI' }))).toEqual([
      'BOT_TENANT_ID is required for BOT_TYPE UserAssignedMSI'
    ]);
  });

  it('refuses a managed identity with a password', () => {
    expect(problemsOf(production({ BOT_TYPE: 'UserAssignedMSI', BOT_TENANT_ID: TENANT_ID }))).toEqual([
      'BOT_PASSWORD must not be set with BOT_TYPE=UserAssignedMSI'
    ]);
  });

  it('refuses a single-tenant bot without a tenant id', () => {
    expect(problemsOf(production({ BOT_TYPE: 'SingleTenant' }))).toEqual(['BOT_TENANT_ID is required for BOT_TYPE SingleTenant']);
  });

  it('refuses an unknown bot type', () => {
    expect(problemsOf(production({ BOT_TYPE: 'Personal' }))).toEqual([
      'BOT_TYPE must be one of MultiTenant, SingleTenant, UserAssignedMSI (got "Personal")'
    ]);
  });

  it('refuses a short voter hash secret', () => {
    expect(problemsOf(production({ VOTER_HASH_SECRET: 'x'.repeat(31) }))).toEqual(['VOTER_HASH_SECRET must be at least 32 characters']);
  });

  it('refuses a short voter hash secret in local mode too', () => {
    expect(problemsOf({ VOICELOOP_MODE: 'local', VOTER_HASH_SECRET: 'short' })).toEqual(['VOTER_HASH_SECRET must be at least 32 characters']);
  });

  it('requires a voter hash secret', () => {
    expect(problemsOf(production({ VOTER_HASH_SECRET: undefined }))).toEqual(['VOTER_HASH_SECRET is required (at least 32 random characters)']);
  });

  it('refuses a connection string together with account URLs', () => {
    expect(problemsOf(production({ STORAGE_ACCOUNT_URL: 'https://acct.table.core.windows.net' }))).toContain(
      'set either STORAGE_CONNECTION_STRING or STORAGE_ACCOUNT_URL/STORAGE_QUEUE_URL, not both'
    );
  });

  it('refuses a table URL without a queue URL', () => {
    expect(
      problemsOf(production({ STORAGE_CONNECTION_STRING: undefined, STORAGE_ACCOUNT_URL: 'https://acct.table.core.windows.net' }))
    ).toEqual(['STORAGE_QUEUE_URL is required with STORAGE_ACCOUNT_URL']);
  });

  it('refuses a storage URL that is not http(s)', () => {
    expect(
      problemsOf(
        production({
          STORAGE_CONNECTION_STRING: undefined,
          STORAGE_ACCOUNT_URL: 'ftp://acct',
          STORAGE_QUEUE_URL: 'https://acct.queue.core.windows.net'
        })
      )
    ).toEqual(expect.arrayContaining(['STORAGE_ACCOUNT_URL must be an http(s) URL (got "ftp://acct")']));
  });
});

describe('loadConfig: ports, log level and scheduler', () => {
  it('reads PORT', () => {
    expect(loadConfig(production({ PORT: '8080' })).port).toBe(8080);
  });

  it.each([['abc'], ['70000'], ['-1'], ['80.5']])('refuses PORT=%s', (PORT) => {
    expect(problemsOf(production({ PORT }))).toEqual([`PORT must be a port number from 0 to 65535 (got "${PORT}")`]);
  });

  it('refuses a bad emulator port', () => {
    expect(problemsOf({ VOICELOOP_MODE: 'local', AZURITE_TABLE_PORT: 'x' })).toEqual([
      'AZURITE_TABLE_PORT must be a port number from 0 to 65535 (got "x")'
    ]);
  });

  it.each([['debug'], ['silent'], ['fatal']])('reads LOG_LEVEL=%s', (LOG_LEVEL) => {
    expect(loadConfig(production({ LOG_LEVEL })).logLevel).toBe(LOG_LEVEL);
  });

  it.each([['verbose'], ['INFO']])('refuses LOG_LEVEL=%s', (LOG_LEVEL) => {
    expect(problemsOf(production({ LOG_LEVEL }))).toEqual([
      `LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "${LOG_LEVEL}")`
    ]);
  });

  it('reads SCHEDULER_INTERVAL_MS and refuses values under 100', () => {
    expect(loadConfig(production({ SCHEDULER_INTERVAL_MS: '250' })).schedulerIntervalMs).toBe(250);
    expect(problemsOf(production({ SCHEDULER_INTERVAL_MS: '50' }))).toEqual([
      'SCHEDULER_INTERVAL_MS must be a whole number of at least 100 (got "50")'
    ]);
  });

  it('reports problems from different settings together', () => {
    const problems = problemsOf(production({ PORT: 'abc', LOG_LEVEL: 'loud', BOT_ID: 'nope', VOTER_HASH_SECRET: 'short' }));
    expect(problems).toHaveLength(4);
    expect(problems.map((p) => p.split(' ')[0])).toEqual(expect.arrayContaining(['PORT', 'LOG_LEVEL', 'BOT_ID', 'VOTER_HASH_SECRET']));
  });
});
