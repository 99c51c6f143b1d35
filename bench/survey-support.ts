/**
 * Seeding many survey answers quickly but honestly (bench/survey.bench.ts, not a bench itself).
 *
 * The real answer code (`SurveyService.answer` → `TableSurveyRepository.recordAnswer` and
 * `TableAttendanceRepository.record`) runs unchanged against `CapturingTable`, an in-memory stand-in
 * for a TableClient (point reads, creates, ETag-checked entity-group transactions). The rows it ends
 * with are then written to Azurite (see bench/survey.bench.ts `seedAnswers`): the 8 tally shards
 * through the Table API with the ETags they had before seeding, the new rows (answers, respondent
 * markers, attendance) straight into the emulator's store. Only the transport differs, not the rows.
 */
import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import type { TransactionAction } from '@azure/data-tables';

export type Entity = Record<string, unknown> & { partitionKey: string; rowKey: string };

const conflict = (status: number, message: string): Error => Object.assign(new Error(message), { statusCode: status });

/**
 * An in-memory table with the part of TableClient's surface the repositories' answer path (and the
 * search index's `put`, bench/search.bench.ts) uses.
 */
export class CapturingTable {
  private readonly rows = new Map<string, { entity: Entity; etag: string }>();
  /** Rows changed since they were loaded: what has to be written. */
  private readonly dirty = new Set<string>();
  /** Real ETags of the rows loaded from Azurite. */
  private readonly loaded = new Map<string, string>();
  private etags = 0;

  private static key(pk: string, rk: string): string {
    return `${pk}\u0000${rk}`;
  }

  /** Copies a real row in (without its metadata), remembering its real ETag for the final update. */
  load(entity: Entity, realEtag: string): void {
    const clean: Entity = { partitionKey: entity.partitionKey, rowKey: entity.rowKey };
    for (const [k, v] of Object.entries(entity)) if (!['etag', 'timestamp', 'odata.metadata'].includes(k)) clean[k] = v;
    const key = CapturingTable.key(entity.partitionKey, entity.rowKey);
    this.rows.set(key, { entity: clean, etag: realEtag });
    this.loaded.set(key, realEtag);
  }

  private nextEtag(): string {
    return `W/"capture-${++this.etags}"`;
  }

  async getEntity<T extends object>(partitionKey: string, rowKey: string): Promise<T & { etag: string }> {
    const row = this.rows.get(CapturingTable.key(partitionKey, rowKey));
    if (!row) throw conflict(404, 'not found');
    return { ...(row.entity as unknown as T), etag: row.etag };
  }

  async createEntity(entity: Entity): Promise<{ etag: string }> {
    this.apply([['create', entity]]);
    return { etag: this.rows.get(CapturingTable.key(entity.partitionKey, entity.rowKey))!.etag };
  }

  async upsertEntity(entity: Entity): Promise<{ etag: string }> {
    this.apply([['upsert', entity]]);
    return { etag: this.rows.get(CapturingTable.key(entity.partitionKey, entity.rowKey))!.etag };
  }

  async updateEntity(entity: Entity, _mode: string, options?: { etag?: string }): Promise<{ etag: string }> {
    this.apply([['update', entity, 'Replace', options]]);
    return { etag: this.rows.get(CapturingTable.key(entity.partitionKey, entity.rowKey))!.etag };
  }

  async submitTransaction(actions: TransactionAction[]): Promise<{ status: number; getResponseForEntity: (rowKey: string) => { etag: string } | undefined }> {
    this.apply(actions);
    const partitionKey = (actions[0]?.[1] as Entity | undefined)?.partitionKey ?? '';
    return {
      status: 202,
      getResponseForEntity: (rowKey) => {
        const row = this.rows.get(CapturingTable.key(partitionKey, rowKey));
        return row ? { etag: row.etag } : undefined;
      }
    };
  }

  private apply(actions: TransactionAction[]): void {
    // Check every action first: a transaction commits whole or not at all.
    for (const action of actions) {
      const [kind, entity] = action as [string, Entity, unknown?, { etag?: string }?];
      const row = this.rows.get(CapturingTable.key(entity.partitionKey, entity.rowKey));
      if (kind === 'create' && row) throw conflict(409, 'exists');
      if (kind === 'update') {
        const etag = (action as [string, Entity, string, { etag?: string }?])[3]?.etag;
        if (!row) throw conflict(404, 'not found');
        if (etag && etag !== '*' && etag !== row.etag) throw conflict(412, 'etag');
      }
      if (kind !== 'create' && kind !== 'update' && kind !== 'upsert') throw new Error(`CapturingTable does not support ${kind}`);
    }
    for (const action of actions) {
      const entity = { ...(action[1] as Entity) };
      const key = CapturingTable.key(entity.partitionKey, entity.rowKey);
      this.rows.set(key, { entity, etag: this.nextEtag() });
      this.dirty.add(key);
    }
  }

  /** Every row the answer code created or changed, with the real ETag of rows that were loaded. */
  changes(): { entity: Entity; realEtag?: string }[] {
    return [...this.dirty].map((key) => {
      const { entity } = this.rows.get(key)!;
      return { entity, realEtag: this.loaded.get(key) };
    });
  }

}

// ---------- cards and HTTP, shared by the bench and its load worker ----------

export type Json = Record<string, unknown>;

export function nodes(value: unknown, out: Json[] = []): Json[] {
  if (Array.isArray(value)) value.forEach((v) => nodes(v, out));
  else if (value && typeof value === 'object') {
    out.push(value as Json);
    Object.values(value).forEach((v) => nodes(v, out));
  }
  return out;
}

const TEXTS = ['More trips please.', 'The staff are kind.', 'It is too far from my house.', 'I like the music room.', 'Can we have longer sessions?'];

/** Presses an answer button of a question card as a person would (a choice, free text, or sometimes skip). */
export function answerOf(card: Json): Json | undefined {
  // One walk of the card (the load worker's own CPU shares the machine with the bot it measures).
  const all = nodes(card);
  const answers = all.filter((n) => n.type === 'Action.Execute' && n.verb === 'survey.answer');
  if (answers.length === 0) return undefined;
  const skip = answers.find((a) => (a.data as Json | undefined)?.skip === 'true');
  const choices = answers.filter((a) => a !== skip);
  if (skip && (choices.length === 0 || Math.random() < 0.05)) return { ...(skip.data as Json) };
  const pressed = choices[Math.floor(Math.random() * choices.length)]!;
  const data = { ...(pressed.data as Json) };
  if (all.some((n) => n.type === 'Input.Text' && n.id === 'text')) data.text = TEXTS[Math.floor(Math.random() * TEXTS.length)];
  return data;
}

export async function post(url: string, activity: unknown): Promise<{ status: number; body: Json }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Json) : {} };
}


// ---------- child processes (bench/survey-worker.ts), shared by the survey and search benches ----------

/** Starts bench/survey-worker.ts in a role (`storage N`, `load`). */
export function spawnWorker(args: string[]): ChildProcess {
  return fork(path.join(__dirname, 'survey-worker.ts'), args, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

/** Sends `message` (if any) to a worker and waits for its next message of `type`. */
export function reply<T>(child: ChildProcess, type: string, message?: unknown): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onMessage = (m: { type?: string }): void => {
      if (m.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(m as T);
    };
    const onExit = (code: number | null): void => reject(new Error(`worker exited (${code}) while waiting for "${type}"`));
    child.on('message', onMessage);
    child.once('exit', onExit);
    if (message !== undefined) child.send(message as object);
  });
}
