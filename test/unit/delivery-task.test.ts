/**
 * The delivery queue message (src/domain/delivery/delivery.ts): what it carries of its record, and how
 * a message that is not exactly right is read (a bad copy is dropped, never trusted; a bad message is
 * poison).
 */
import { describe, expect, it } from 'vitest';
import { type DeliveryRecord, parseTask, recordSeen, taskFor } from '../../src/domain/delivery/delivery';

const record = (over: Partial<DeliveryRecord> = {}): DeliveryRecord => ({
  tenantId: 't1',
  jobId: 'j1',
  n: 0,
  personKey: 'p1',
  userId: '29:p1',
  name: 'Sam',
  viaGroup: 'g1',
  status: 'queued',
  attempts: 2,
  waitUntil: new Date('2026-01-05T08:00:00Z'),
  updatedAt: new Date('2026-01-04T08:00:00Z'),
  etag: 'W/"datetime\'2026-01-04T08%3A00%3A00Z\'"',
  ...over
});

describe('the queue message', () => {
  it('carries what the feeder read of a queued record (not its name), and the worker rebuilds the record from it', () => {
    const task = taskFor(record());
    expect(task.seen).toEqual({ etag: record().etag, attempts: 2, userId: '29:p1', viaGroup: 'g1', waitUntil: '2026-01-05T08:00:00.000Z' });
    const parsed = parseTask(JSON.stringify(task));
    expect(parsed).toEqual(task);
    const rebuilt = recordSeen(parsed!, parsed!.seen!, new Date('2026-01-05T09:00:00Z'));
    expect(rebuilt).toMatchObject({ tenantId: 't1', jobId: 'j1', n: 0, personKey: 'p1', status: 'queued', attempts: 2, etag: record().etag, viaGroup: 'g1' });
    expect(rebuilt.waitUntil?.toISOString()).toBe('2026-01-05T08:00:00.000Z');
    expect(rebuilt.name).toBeUndefined();
  });

  it('carries no copy of a record that is not queued (a claim in progress must be read)', () => {
    expect(taskFor(record({ status: 'sending' })).seen).toBeUndefined();
    expect(taskFor(record({ etag: '' })).seen).toBeUndefined();
  });

  it('drops a copy that is not exactly the expected shape, and keeps the message', () => {
    const base = { v: 1, tenantId: 't1', jobId: 'j1', n: 0, personKey: 'p1' };
    for (const seen of [{ etag: '', attempts: 0 }, { etag: 'x', attempts: -1 }, { etag: 'x', attempts: 1.5 }, { etag: 'x', attempts: 0, waitUntil: 'soon' }, { etag: 'x', attempts: 0, userId: 7 }, 'x', null]) {
      expect(parseTask(JSON.stringify({ ...base, seen }))).toEqual(base);
    }
    expect(parseTask(JSON.stringify({ ...base, seen: { etag: 'x', attempts: 0, extra: 'ignored' } }))).toEqual({ ...base, seen: { etag: 'x', attempts: 0 } });
  });

  it('a message without its keys is poison (undefined), as before', () => {
    expect(parseTask('{')).toBeUndefined();
    expect(parseTask(JSON.stringify({ v: 1, tenantId: 't1', jobId: 'j1', n: 0, personKey: '' }))).toBeUndefined();
    expect(parseTask(JSON.stringify({ v: 2, tenantId: 't1', jobId: 'j1', n: 0, personKey: 'p1' }))).toBeUndefined();
  });
});
