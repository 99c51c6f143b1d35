/**
 * The "possibly" guess on a net's alert (docs/safeguarding.md, "Naming what the nets catch") can never
 * cost an alert: with the category namer failing, the answer is flagged exactly as before, without a guess.
 */
import { describe, expect, it, vi } from 'vitest';
import { screenText } from '../../src/domain/safeguarding/safeguarding';

vi.mock('../../src/domain/safeguarding/screening/category-model', () => ({
  likelyCategories: () => {
    throw new Error('category weights unreadable');
  }
}));

describe('a failing category namer', () => {
  it('leaves the flag, the category and the evidence as they are, and names no guess', () => {
    const screening = screenText('there is only bread in the house again');
    expect(screening).toMatchObject({ flagged: true, categories: ['possible-harm'], failed: false });
    expect(screening.possibly).toBeUndefined();
    expect(screening.matches[0]).toMatch(/^learnt net/);
    expect(screenText('my dad hits me')).toMatchObject({ flagged: true, categories: ['physical'] });
  });
});
