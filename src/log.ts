import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { type Logger } from 'pino';

/** Fields carried on every log line written while handling one activity (or one scheduler job). */
export interface LogContext {
  activityId?: string;
  conversationId?: string;
  job?: string;
}

const context = new AsyncLocalStorage<LogContext>();

/** Runs fn with fields that every log line inside it carries, however deep the call. */
export function withLogContext<T>(fields: LogContext, fn: () => Promise<T>): Promise<T> {
  return context.run({ ...context.getStore(), ...fields }, fn);
}

/** Structured JSON logger; the activity id of the turn in progress is added to every line. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'voiceloop' },
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin: () => ({ ...context.getStore() }),
      redact: { paths: ['*.password', '*.secret', '*.authorization', 'headers.authorization'], remove: true }
    },
    destination
  );
}

export type { Logger };
