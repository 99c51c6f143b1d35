/**
 * The floor under the safeguarding screen (docs/safeguarding.md, "Evaluation"): on every labelled set,
 * recall ≥ 97% in every category of harm and false positives ≤ 10%. `npm run safeguarding:eval`
 * prints the figures and what was missed.
 */
import { describe, expect, it } from 'vitest';
import { HARM_CATEGORIES } from '../../src/domain/safeguarding/harm-categories';
import { SETS, TARGETS, evaluate, loadSet, ratio } from '../safeguarding/evaluate';

describe.each(SETS)('the safeguarding screen on %s', (name) => {
  const items = loadSet(name);
  const result = evaluate(items);

  it('is a real labelled set: disclosures in every category and benign controls', () => {
    for (const c of HARM_CATEGORIES) expect(result.recall[c.id].total, c.id).toBeGreaterThanOrEqual(12);
    expect(result.benign).toBeGreaterThanOrEqual(60);
  });

  it.each(HARM_CATEGORIES.map((c) => c.id))('recall in %s is at least 97%', (category) => {
    const r = result.recall[category];
    const missed = result.missed.filter((m) => m.category === category).map((m) => m.text);
    expect(ratio(r.caught, r.total), `missed: ${JSON.stringify(missed)}`).toBeGreaterThanOrEqual(TARGETS.recall);
  });

  it('false positives are at most 10%', () => {
    expect(ratio(result.falsePositives.length, result.benign), JSON.stringify(result.falsePositives.map((f) => f.text))).toBeLessThanOrEqual(TARGETS.falsePositives);
  });
});
