import { describe, expect, it } from 'vitest';
import { ConversationPacer } from '../../src/domain/delivery/conversation-pace';

describe('per-conversation limits (7/s, 60/30 s, 1,800/h)', () => {
  it('lets 7 through in a second, holds the 8th until the first leaves the second; other chats are not held', () => {
    let now = 1_000_000;
    const pacer = new ConversationPacer(() => now);
    for (let i = 0; i < 7; i++) {
      expect(pacer.take('a')).toBe(0);
      now += 10;
    }
    expect(pacer.take('a')).toBe(1000 - 70);
    expect(pacer.take('b')).toBe(0);
    now += 1000 - 70;
    expect(pacer.take('a')).toBe(0);
  });

  it('at most 60 in 30 seconds and 1,800 in an hour', () => {
    let now = 0;
    const pacer = new ConversationPacer(() => now);
    for (let i = 0; i < 60; i++) {
      expect(pacer.take('a')).toBe(0);
      now += 200; // 5 a second: under 7/s
    }
    expect(pacer.take('a')).toBe(30_000 - 60 * 200);
    let hour = 0;
    const slow = new ConversationPacer(() => hour);
    for (let i = 0; i < 1800; i++) {
      expect(slow.take('c')).toBe(0);
      hour += 1000; // 1/s: under 7/s and 60/30 s
    }
    expect(slow.take('c')).toBe(3_600_000 - 1_800_000);
  });

  it('a place given back (the claim was lost, nothing sent) is not counted: deciding again does not count one message twice', () => {
    let now = 0;
    const pacer = new ConversationPacer(() => now);
    for (let i = 0; i < 6; i++) expect(pacer.take('a')).toBe(0);
    expect(pacer.take('a')).toBe(0); // the 7th: its claim is lost…
    pacer.giveBack('a');
    now += 5;
    expect(pacer.take('a')).toBe(0); // …and decided again: still the 7th, not the 8th
    expect(pacer.take('a')).toBeGreaterThan(0);
    pacer.giveBack('unknown'); // nothing to give back: no harm
  });
});
