import { describe, expect, it } from 'vitest';
import { sentence, stripSymbol } from '../../src/cards/shared/text';

describe('card text helpers', () => {
  it('sentence ends the text with a full stop unless it already ends a sentence', () => {
    expect(sentence(' You can skip any question ')).toBe('You can skip any question.');
    expect(sentence('Are you ready?')).toBe('Are you ready?');
    expect(sentence('Thank you!')).toBe('Thank you!');
  });

  it('stripSymbol removes the leading symbol (with its joiners), and only that', () => {
    expect(stripSymbol('📋 Your survey')).toBe('Your survey');
    expect(stripSymbol('🧑‍🏫 You are running this session')).toBe('You are running this session');
    expect(stripSymbol('🛡️ Safe')).toBe('Safe');
    expect(stripSymbol('No symbol 🎉')).toBe('No symbol 🎉');
  });
});
