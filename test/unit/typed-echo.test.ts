import { describe, expect, it } from 'vitest';
import type { AdaptiveCardJson } from '../../src/cards/shared/render';
import { ECHO_BUDGET, ECHO_LIMIT, clipTypedEcho } from '../../src/cards/shared/typed-echo';
import { expectValidCard } from '../helpers/card-validator';

const form = (inputs: Record<string, unknown>[]): AdaptiveCardJson => ({
  type: 'AdaptiveCard',
  version: '1.5',
  speak: 'form',
  body: [{ type: 'Container', items: inputs.map((i) => ({ type: 'Input.Text', label: 'Box', ...i })) }]
});
const items = (card: AdaptiveCardJson) => (card.body as { items: Record<string, unknown>[] }[])[0]!.items;

describe('a refused form echoes at most the allowed length of what was typed', () => {
  it('cuts an over-long value to the input\'s maxLength, notes it right under the input, leaves the card given unchanged', () => {
    const card = form([{ id: 'q', maxLength: 500, value: 'x'.repeat(65_536) }, { id: 'other', maxLength: 10, value: 'fine' }]);
    const before = JSON.stringify(card);
    const out = clipTypedEcho(card);
    expect(JSON.stringify(card)).toBe(before);
    expectValidCard(out, 'clipped form');
    const [q, note, other] = items(out);
    expect(q).toMatchObject({ id: 'q', value: 'x'.repeat(500) });
    expect(note).toMatchObject({ type: 'TextBlock', text: '✂️ What you typed here was 65,536 characters; only the first 500 are shown. Please shorten it.' });
    expect(other).toMatchObject({ id: 'other', value: 'fine' });
    expect(items(out)).toHaveLength(3);
  });

  it('counts characters, not UTF-16 units: an emoji is one character and is never split', () => {
    const out = clipTypedEcho(form([{ id: 'q', maxLength: 3, value: '🙂🙂🙂🙂' }]));
    expect(items(out)[0]!.value).toBe('🙂🙂🙂');
  });

  it('an input without maxLength is cut at ECHO_LIMIT; values the inputs allow are never touched, however big the card', () => {
    expect((items(clipTypedEcho(form([{ id: 'q', value: 'y'.repeat(ECHO_LIMIT + 1) }])))[0]!.value as string).length).toBe(ECHO_LIMIT);
    const full = form(Array.from({ length: 5 }, (_, i) => ({ id: `f${i}`, maxLength: 3000, value: 'z'.repeat(3000) })));
    expect(clipTypedEcho(full)).toBe(full); // 15,000 characters allowed and shown whole
  });

  it('holds everything shown of over-long values in one card to ECHO_BUDGET bytes; a box past the budget says it is too long to show', () => {
    const out = clipTypedEcho(form(Array.from({ length: 8 }, (_, i) => ({ id: `f${i}`, maxLength: 2000, value: '🙂'.repeat(20_000) }))));
    const shown = items(out).filter((e) => e.type === 'Input.Text').map((e) => String(e.value));
    expect(Buffer.byteLength(shown.join(''), 'utf8')).toBeLessThanOrEqual(ECHO_BUDGET);
    expect(shown[0]).toBe('🙂'.repeat(1500)); // 6,000 bytes: the whole budget
    expect(shown.slice(1).every((v) => v === '')).toBe(true);
    const notes = items(out).filter((e) => e.type === 'TextBlock').map((e) => String(e.text));
    expect(notes).toHaveLength(8);
    expect(notes[1]).toBe('✂️ What you typed here was 20,000 characters, too long to show again. Please type it shorter.');
    expectValidCard(out, 'budget');
  });
});
