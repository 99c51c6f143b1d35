/**
 * Starts one in-memory Azurite (Table + Queue) for the whole test run, on random ports. Tests keep
 * out of each other's way by using their own random tenant ids: every key starts with the tenant.
 */
import type { TestProject } from 'vitest/node' with { 'resolution-mode': 'import' };
import { startEmbeddedStorage } from '../../src/storage/shared/emulator';

declare module 'vitest' {
  export interface ProvidedContext {
    storageConnectionString: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const storage = await startEmbeddedStorage({ tablePort: 0, queuePort: 0 });
  project.provide('storageConnectionString', storage.connectionString);
  return () => storage.close();
}
