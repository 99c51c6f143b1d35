/** Which free texts are withheld (src/domain/safeguarding/withheld-text.ts), with a tenant's phrases read from Azurite. */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/shared/clock';
import { FlaggedTextFilter } from '../../src/domain/safeguarding/withheld-text';
import { type Storage, storage } from '../helpers/delivery-harness';

let s: Storage;
beforeAll(async () => {
  s = await storage();
});

describe('the flagged-text filter', () => {
  it('withholds what the screen flags, keeps ordinary answers, and applies a phrase the council adds once its cached phrases are 10 s old', async () => {
    const tenantId = randomUUID();
    const clock = new ManualClock('2031-03-03T16:00:00Z');
    const filter = new FlaggedTextFilter({ settings: s.settings, clock });

    let withheld = await filter.forTenant(tenantId);
    expect(withheld('I want to kill myself')).toBe(true);
    expect(withheld('he hits me')).toBe(true);
    expect(withheld('More trips to the seaside please')).toBe(false);
    expect(withheld('The minibus was purple')).toBe(false);

    await s.settings.update(tenantId, (current) => ({ ...current, concernPhrases: { add: ['minibus was purple'], remove: [] } }));
    clock.advance(9_999);
    withheld = await filter.forTenant(tenantId);
    expect(withheld('The minibus was purple')).toBe(false); // still the phrases read a moment ago
    clock.advance(1);
    withheld = await filter.forTenant(tenantId);
    expect(withheld('The minibus was purple')).toBe(true);
    expect(withheld('More trips to the seaside please')).toBe(false);

    // Another tenant's phrases are its own.
    expect((await filter.forTenant(randomUUID()))('The minibus was purple')).toBe(false);
  });
});
