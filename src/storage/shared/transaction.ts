/**
 * Entity-group transactions, assembled directly (docs/storage.md, "Transactions").
 *
 * `TableClient.submitTransaction` builds a second TableClient for every transaction and runs each action
 * through a full request pipeline only to capture its text: about 0.9 ms of CPU for a batch of eight,
 * more than a whole single-entity write (answering sends one such batch per six answers). Here the same
 * OData `$batch` body — byte for byte the SDK's format — is written as strings and sent once through the
 * client's own pipeline (its credential, retries, user agent), and the answer is read the way the SDK
 * reads it: the same statuses, ETags and `RestError`s (a sub-request's 409 or 412 becomes the error's
 * `statusCode`, as callers expect).
 *
 * Anything this does not write itself (binary or typed values, a SAS in the URL, a Cosmos endpoint)
 * goes to the SDK's own `submitTransaction`, so nothing is ever sent differently from what it would be.
 *
 * `Tables` installs it on every client it creates (`leanTransactions`), so the storage code keeps
 * calling `table.submitTransaction(actions)` and the seams built on that method keep working.
 */
import { randomUUID } from 'node:crypto';
import { type HttpClient, createDefaultHttpClient, createHttpHeaders, createPipelineRequest } from '@azure/core-rest-pipeline';
import { RestError, type TableClient, type TableTransactionEntityResponse, type TableTransactionResponse, type TransactionAction } from '@azure/data-tables';

const CRLF = '\r\n';
let http: HttpClient | undefined;

/** Makes `table.submitTransaction` assemble its transactions here (the SDK's method kept for the rest). */
export function leanTransactions(table: TableClient): TableClient {
  const sdk = table.submitTransaction.bind(table);
  table.submitTransaction = (actions, options) => (options ? sdk(actions, options) : submitTransaction(table, actions, sdk));
  return table;
}

/** Submits `actions` (one partition, at most 100) as one atomic transaction. */
export async function submitTransaction(
  table: TableClient,
  actions: TransactionAction[],
  sdk: (actions: TransactionAction[]) => Promise<TableTransactionResponse> = (a) => table.submitTransaction(a)
): Promise<TableTransactionResponse> {
  const parts = assemblable(table) ? subRequests(table, actions) : undefined;
  if (!parts) return sdk(actions);
  const batch = `batch_${randomUUID()}`;
  const changeset = `changeset_${randomUUID()}`;
  const body =
    `--${batch}${CRLF}content-type: multipart/mixed; boundary=${changeset}${CRLF}${CRLF}` +
    parts.map((part) => `${CRLF}--${changeset}${CRLF}content-type: application/http${CRLF}content-transfer-encoding: binary${CRLF}${CRLF}${part}`).join('') +
    `${CRLF}--${changeset}--${CRLF}--${batch}--${CRLF}`;
  const request = createPipelineRequest({
    url: `${table.url.replace(/\/$/, '')}/$batch`,
    method: 'POST',
    body,
    headers: createHttpHeaders({
      accept: 'application/json',
      'x-ms-version': '2019-02-02',
      DataServiceVersion: '3.0;',
      MaxDataServiceVersion: '3.0;NetFx',
      'Content-Type': `multipart/mixed; boundary=${batch}`,
      'Accept-Charset': 'UTF-8',
      Connection: 'Keep-Alive'
    }),
    allowInsecureConnection: table.url.startsWith('http:')
  });
  const response = await table.pipeline.sendRequest((http ??= createDefaultHttpClient()), request);
  return parseResponse(response.status, response.bodyAsText ?? '', (statusCode, code, message) => new RestError(message, { code, statusCode, request, response }));
}

/** The SDK's own path is kept for what this module does not assemble. */
function assemblable(table: TableClient): boolean {
  return !table.url.includes('?') && !/\.(?:table\.cosmos|documents)\.azure\.com/i.test(table.url);
}

/** Each action as the text of an HTTP request; `undefined` when one holds a value this does not write. */
function subRequests(table: TableClient, actions: TransactionAction[]): string[] | undefined {
  const tableUrl = `${table.url.replace(/\/$/, '')}/${table.tableName}`;
  const parts: string[] = [];
  for (const action of actions) {
    const [kind, entity] = action;
    const at = `${tableUrl}(PartitionKey='${key(entity.partitionKey)}',RowKey='${key(entity.rowKey)}')`;
    if (kind === 'delete') {
      parts.push(request(`DELETE ${at}`, ['Accept: application/json;odata=minimalmetadata', 'DataServiceVersion: 3.0', 'If-Match: *']));
      continue;
    }
    const json = serialise(entity);
    if (json === undefined) return undefined;
    if (kind === 'create') {
      parts.push(
        request(
          `POST ${tableUrl}`,
          ['Content-Type: application/json;odata=nometadata', 'Accept: application/json;odata=minimalmetadata', 'DataServiceVersion: 3.0', 'Prefer: return-no-content'],
          json
        )
      );
      continue;
    }
    const mode = action[2] ?? 'Merge';
    const method = mode === 'Replace' ? 'PUT' : 'PATCH';
    const headers = ['Content-Type: application/json', 'DataServiceVersion: 3.0', 'Accept: application/json'];
    if (kind === 'update') headers.push(`If-Match: ${(action[0] === 'update' ? action[3]?.etag : undefined) ?? '*'}`);
    parts.push(request(`${method} ${at}`, headers, json));
  }
  return parts;
}

function request(line: string, headers: string[], body = ''): string {
  return [`${line} HTTP/1.1`, ...headers, CRLF, ...(body ? [body] : [])].join(CRLF);
}

/** A key in the request path: quotes doubled (OData), then URI-encoded, as the SDK does. */
function key(value: unknown): string {
  if (typeof value !== 'string') throw new Error("The entity's partitionKey and rowKey must be strings.");
  return encodeURIComponent(value.replace(/'/g, "''"));
}

const NAMES: Record<string, string> = { partitionKey: 'PartitionKey', rowKey: 'RowKey', etag: 'odata.etag', timestamp: 'Timestamp' };

/**
 * The entity as the SDK serialises it (strings, numbers, booleans, null, dates); `undefined` for any
 * other kind of value. Line and paragraph separators are escaped: a multipart body is read by lines.
 */
function serialise(entity: Record<string, unknown>): string | undefined {
  const out: Record<string, unknown> = {};
  for (const name in entity) {
    const value = entity[name];
    const as = NAMES[name] ?? name;
    if (value === undefined) continue;
    if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[as] = value;
    else if (value instanceof Date) {
      out[as] = value;
      out[`${as}@odata.type`] = 'Edm.DateTime';
    } else return undefined;
  }
  return JSON.stringify(out).replace(/[\u2028\u2029]/g, (c) => (c === '\u2028' ? '\\u2028' : '\\u2029'));
}

type Failure = (statusCode: number, code: string | undefined, message: string) => Error;

/** Reads a `$batch` answer as the SDK does: the statuses and ETags in order, or the failure as an error. */
export function parseResponse(status: number, body: string, fail: Failure): TableTransactionResponse {
  if (status < 200 || status >= 300) throw failure(body, status, fail);
  const parts = body.split('--changesetresponse_').slice(1, -1);
  const subResponses = parts.map((part): TableTransactionEntityResponse => {
    const statusMatch = /HTTP\/1\.1 ([0-9]+)/.exec(part);
    if (!statusMatch) throw new Error(`Couldn't extract status from sub-response:\n ${part}`);
    const subStatus = Number(statusMatch[1]);
    const json = /\{(.*)\}/.exec(part);
    if (json) throw failure(json[0], subStatus, fail);
    const etag = /ETag: (.*)/.exec(part)?.[1];
    const rowKey = /RowKey='(.*)'/.exec(part)?.[1];
    return { status: subStatus, ...(rowKey !== undefined && { rowKey }), ...(etag !== undefined && { etag }) };
  });
  return { status, subResponses, getResponseForEntity: (rowKey) => subResponses.find((r) => r.rowKey === rowKey) };
}

function failure(body: string, statusCode: number, fail: Failure): Error {
  let error: { code?: string; message?: { value?: string } } | undefined;
  try {
    error = (JSON.parse(body) as { 'odata.error'?: typeof error })['odata.error'];
  } catch {
    error = undefined;
  }
  return fail(statusCode, error?.code, error?.message?.value ?? 'Transaction Failed');
}
