import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { voterKey } from '../../src/domain/shared/voter-key';

const SECRET = 'a-test-secret-of-at-least-32-characters!';
const base = ['tenant-a', '0b6f3c1e-1d2a-4c3b-9e8f-7a6b5c4d3e2f', 'aad-person-1'] as const;

describe('voterKey', () => {
  it('is the same every time for the same person in the same poll (a repeat vote finds the first)', () => {
    expect(voterKey(SECRET, ...base)).toBe(voterKey(SECRET, ...base));
  });

  it('differs between polls, so one person\u2019s votes cannot be linked across polls', () => {
    expect(voterKey(SECRET, base[0], 'poll-2', base[2])).not.toBe(voterKey(SECRET, ...base));
  });

  it('differs between tenants', () => {
    expect(voterKey(SECRET, 'tenant-b', base[1], base[2])).not.toBe(voterKey(SECRET, ...base));
  });

  it('differs between people', () => {
    expect(voterKey(SECRET, base[0], base[1], 'aad-person-2')).not.toBe(voterKey(SECRET, ...base));
  });

  it('differs with another secret, so it cannot be recomputed without the key', () => {
    expect(voterKey(`${SECRET}x`, ...base)).not.toBe(voterKey(SECRET, ...base));
  });

  it('is the keyed hash itself, whether remembered or worked out again after many others', () => {
    const expected = (person: string): string => createHmac('sha256', SECRET).update(`${base[0]}\n${base[1]}\n${person}`).digest('base64url').slice(0, 32);
    expect(voterKey(SECRET, base[0], base[1], 'p-0')).toBe(expected('p-0'));
    for (let i = 1; i <= 5000; i++) voterKey(SECRET, base[0], base[1], `p-${i}`);
    expect(voterKey(SECRET, base[0], base[1], 'p-0')).toBe(expected('p-0'));
    expect(voterKey(SECRET, base[0], base[1], 'p-4999')).toBe(expected('p-4999'));
  });

  it('does not contain the person\u2019s id', () => {
    expect(voterKey(SECRET, ...base)).not.toContain('person');
  });

  it('is 32 base64url characters (safe in storage keys and URLs)', () => {
    for (let i = 0; i < 200; i++) {
      const key = voterKey(SECRET, base[0], `poll-${i}`, `person-${i}`);
      expect(key).toMatch(/^[A-Za-z0-9_-]{32}$/);
    }
  });

  it('gives different keys to many different people in one poll', () => {
    const keys = new Set(Array.from({ length: 1000 }, (_, i) => voterKey(SECRET, base[0], base[1], `person-${i}`)));
    expect(keys.size).toBe(1000);
  });
});
