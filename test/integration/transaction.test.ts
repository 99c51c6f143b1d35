/**
 * Transactions assembled directly (src/storage/shared/transaction.ts) against Azurite: the same bytes,
 * results and errors as the SDK's own `submitTransaction`, which stays the path for what it does not write.
 */
import { randomUUID } from 'node:crypto';
import { TableClient, type TableTransactionResponse, type TransactionAction } from '@azure/data-tables';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { storageStatus } from '../../src/storage/shared/errors';
import { leanTransactions, parseResponse, submitTransaction } from '../../src/storage/shared/transaction';

let table: TableClient;
/** The `$batch` bodies sent, ids blanked. */
const bodies: string[] = [];

beforeAll(async () => {
  table = TableClient.fromConnectionString(inject('storageConnectionString'), `tx${randomUUID().replace(/-/g, '').slice(0, 12)}`, { allowInsecureConnection: true });
  await table.createTable();
  table.pipeline.addPolicy({
    name: 'record-batches',
    sendRequest(request, next) {
      if (request.url.endsWith('$batch')) bodies.push(String(request.body).replace(/(batch|changeset)_[0-9a-f-]{36}/g, '$1_ID'));
      return next(request);
    }
  });
});

type Submit = (actions: TransactionAction[]) => Promise<TableTransactionResponse>;
const lean: Submit = (actions) => submitTransaction(table, actions);
const sdk: Submit = (actions) => table.submitTransaction(actions);

/** Every kind of action, in a partition of its own; returns what was sent, answered and stored. */
async function everyKind(submit: Submit): Promise<{ body: string; statuses: string[]; rows: unknown[] }> {
  const partitionKey = `t|${randomUUID()}`;
  const replaced = await table.createEntity({ partitionKey, rowKey: 'replaced', v: 1 });
  await table.createEntity({ partitionKey, rowKey: 'merged', v: 1, kept: 'yes' });
  await table.createEntity({ partitionKey, rowKey: 'deleted', v: 1 });
  const sent = bodies.length;
  const response = await submit([
    ['create', { partitionKey, rowKey: 'new:é~(1)', text: 'a "quote" and é', n: 3, f: 1.5, yes: true, at: new Date(0), gone: undefined, none: null }],
    ['update', { partitionKey, rowKey: 'replaced', v: 2 }, 'Replace', { etag: replaced.etag! }],
    ['update', { partitionKey, rowKey: 'merged', v: 2 }, 'Merge'],
    ['upsert', { partitionKey, rowKey: 'upserted', v: 2 }, 'Replace'],
    ['delete', { partitionKey, rowKey: 'deleted' }]
  ]);
  const rows: unknown[] = [];
  for await (const { etag: _etag, timestamp: _timestamp, ...row } of table.listEntities({ queryOptions: { filter: `PartitionKey eq '${partitionKey}'` } })) {
    rows.push({ ...row, partitionKey: 'P' });
  }
  return {
    body: bodies.slice(sent).join('').replaceAll(encodeURIComponent(partitionKey), 'P').replaceAll(partitionKey, 'P').replace(/W\/"datetime'[^"]+'"/g, 'ETAG'),
    statuses: response.subResponses.map((r) => `${r.status} ${r.rowKey ?? '-'} ${r.etag ? 'etag' : '-'}`),
    rows
  };
}

describe('transactions assembled directly', () => {
  it('send the bytes the SDK sends, get the same answer, and store the same rows', async () => {
    const ours = await everyKind(lean);
    const theirs = await everyKind(sdk);
    expect(ours.body).toBe(theirs.body);
    expect(ours.statuses).toEqual(theirs.statuses);
    expect(ours.statuses).toHaveLength(5);
    expect(ours.rows).toEqual(theirs.rows);
    expect(ours.rows).toContainEqual(expect.objectContaining({ rowKey: 'merged', v: 2, kept: 'yes' }));
    expect(ours.rows).toContainEqual(expect.objectContaining({ rowKey: 'new:é~(1)', text: 'a "quote" and é', at: new Date(0) }));
  });

  it('fail as the SDK fails: 409 for a row that exists, 412 for a stale ETag, and nothing is written', async () => {
    for (const submit of [lean, sdk]) {
      const partitionKey = `t|${randomUUID()}`;
      const first = await table.createEntity({ partitionKey, rowKey: 'a', v: 1 });
      await table.updateEntity({ partitionKey, rowKey: 'a', v: 2 }, 'Replace', { etag: first.etag! });
      const exists = await submit([
        ['create', { partitionKey, rowKey: 'b', v: 1 }],
        ['create', { partitionKey, rowKey: 'a', v: 1 }]
      ]).catch((error: unknown) => error as { code?: string });
      expect(storageStatus(exists)).toBe(409);
      expect(exists).toMatchObject({ code: 'EntityAlreadyExists' });
      const stale = await submit([
        ['create', { partitionKey, rowKey: 'c', v: 1 }],
        ['update', { partitionKey, rowKey: 'a', v: 3 }, 'Replace', { etag: first.etag! }]
      ]).catch((error: unknown) => error);
      expect(storageStatus(stale)).toBe(412);
      const rows = [];
      for await (const row of table.listEntities({ queryOptions: { filter: `PartitionKey eq '${partitionKey}'` } })) rows.push(row.rowKey);
      expect(rows).toEqual(['a']);
    }
  });

  it('keeps a line separator in free text (the emulator refuses it from the SDK, which does not escape it)', async () => {
    const partitionKey = `t|${randomUUID()}`;
    const text = 'first\u2028second\u2029third';
    await lean([['create', { partitionKey, rowKey: 'a', text }]]);
    expect((await table.getEntity<{ text: string }>(partitionKey, 'a')).text).toBe(text);
  });

  it('leaves to the SDK what it does not write itself (binary values)', async () => {
    const partitionKey = `t|${randomUUID()}`;
    let delegated = 0;
    const response = await submitTransaction(table, [['create', { partitionKey, rowKey: 'a', bytes: new Uint8Array([1, 2, 3]) }]], (actions) => {
      delegated++;
      return table.submitTransaction(actions);
    });
    expect(delegated).toBe(1);
    expect(response.subResponses[0]?.status).toBe(204);
    expect([...(await table.getEntity<{ bytes: Uint8Array }>(partitionKey, 'a')).bytes]).toEqual([1, 2, 3]);
  });

  it('is what a client from Tables uses, behind the same method', async () => {
    const client = leanTransactions(TableClient.fromConnectionString(inject('storageConnectionString'), table.tableName, { allowInsecureConnection: true }));
    const partitionKey = `t|${randomUUID()}`;
    let sdkCalls = 0;
    const original = TableClient.prototype.submitTransaction;
    TableClient.prototype.submitTransaction = function (this: TableClient, ...args) {
      sdkCalls++;
      return original.apply(this, args);
    };
    try {
      const response = await client.submitTransaction([['create', { partitionKey, rowKey: 'a', v: 1 }]]);
      expect(response.getResponseForEntity('a')?.etag).toMatch(/^W\/"datetime'/);
    } finally {
      TableClient.prototype.submitTransaction = original;
    }
    expect(sdkCalls).toBe(0);
  });

  it('reads an answer it cannot parse as an error, not as success', () => {
    const fail = (status: number, code: string | undefined, message: string): Error => Object.assign(new Error(message), { statusCode: status, code });
    expect(() => parseResponse(400, '{"odata.error":{"code":"InvalidInput","message":{"value":"bad"}}}', fail)).toThrow('bad');
    expect(() => parseResponse(500, 'not json', fail)).toThrow('Transaction Failed');
    expect(() => parseResponse(202, '--batchresponse_x\r\n--changesetresponse_y\r\nno status here\r\n--changesetresponse_y--', fail)).toThrow(/status/);
  });
});
