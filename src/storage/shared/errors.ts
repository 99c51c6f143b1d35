import { RestError } from '@azure/data-tables';
import { DomainError } from '../../domain/shared/errors';

/** HTTP status of a storage failure, if it was one. */
export function storageStatus(error: unknown): number | undefined {
  if (error instanceof RestError) return error.statusCode;
  if (typeof error === 'object' && error !== null && 'statusCode' in error) {
    const status = (error as { statusCode: unknown }).statusCode;
    return typeof status === 'number' ? status : undefined;
  }
  return undefined;
}

export const isNotFound = (error: unknown): boolean => storageStatus(error) === 404;
/** 409 (exists) or 412 (ETag no longer matches): someone else wrote first. */
export const isWriteConflict = (error: unknown): boolean => {
  const status = storageStatus(error);
  return status === 409 || status === 412;
};

/** Maps a lost optimistic-concurrency race to the domain's `conflict`. */
export function conflictFrom(error: unknown, message: string): unknown {
  return isWriteConflict(error) ? new DomainError('conflict', message) : error;
}

/** A short randomised pause between optimistic-concurrency retries, growing with the attempt. */
export function backoff(attempt: number): Promise<void> {
  const ms = Math.min(200, 2 ** Math.min(attempt, 7)) * (0.5 + Math.random());
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Runs `write` (a read, then a write under the ETag read) again, after a backoff, each time another
 * writer got there first (409, 412); after `retries` such losses the last one is thrown.
 */
export async function retryWrites<R>(retries: number, write: () => Promise<R>): Promise<R> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (!isWriteConflict(error) || attempt >= retries) throw error;
      await backoff(attempt);
    }
  }
}
