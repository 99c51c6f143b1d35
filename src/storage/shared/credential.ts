/**
 * The managed identity's credential for Azure Storage, one per client id, loaded only where storage is
 * reached that way: `@azure/identity` takes about 0.1 s to load, which a process that reaches storage
 * with a connection string (locally, the benches) need not pay before its first send after a restart.
 */
import type { DefaultAzureCredential } from '@azure/identity';

const credentials = new Map<string, DefaultAzureCredential>();

export function managedIdentityCredential(managedIdentityClientId?: string): DefaultAzureCredential {
  const key = managedIdentityClientId ?? '';
  let credential = credentials.get(key);
  if (!credential) {
    // Loaded on first use (see above).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const identity = require('@azure/identity') as typeof import('@azure/identity');
    credential = new identity.DefaultAzureCredential(managedIdentityClientId ? { managedIdentityClientId } : {});
    credentials.set(key, credential);
  }
  return credential;
}
