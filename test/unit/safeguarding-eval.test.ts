/**
 * The floor under the safeguarding screen (docs/safeguarding.md, "Evaluation"): on every labelled set,
 * recall ≥ 97% in every category of harm and false positives ≤ 10%. `npm run safeguarding:eval`
 * prints the figures and what was missed.
 */
import { describe, expect, it } from 'vitest';
import { HARM_CATEGORIES } from '../../src/domain/safeguarding/harm-categories';
import categoryWeights from '../../src/domain/safeguarding/screening/category-weights.json';
import weights from '../../src/domain/safeguarding/screening/model-weights.json';
import { screenText } from '../../src/domain/safeguarding/safeguarding';
import { FALSE_ALARMS_NOT_FLOORED, SETS, TARGETS, evaluate, loadSet, ratio } from '../safeguarding/evaluate';
import { train, trainCategories } from '../safeguarding/train';

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

  it.skipIf(FALSE_ALARMS_NOT_FLOORED.includes(name))('false positives are at most 10%', () => {
    expect(ratio(result.falsePositives.length, result.benign), JSON.stringify(result.falsePositives.map((f) => f.text))).toBeLessThanOrEqual(TARGETS.falsePositives);
  });

  it('the "possibly" guess on a net\'s alert changes no flag, category or evidence on any answer, and comes only with "possible harm"', () => {
    for (const item of items) {
      const guessed = screenText(item.text);
      const { possibly, ...rest } = guessed;
      expect(rest, item.text).toEqual(screenText(item.text, [], { guess: false }));
      if (possibly) expect(guessed.categories, item.text).toContain('possible-harm');
      if (guessed.categories.includes('possible-harm')) expect(possibly?.length, item.text).toBeGreaterThanOrEqual(1);
    }
  });
});

describe('the learnt net', () => {
  it('model-weights.json is exactly what the floored sets train (repeatable; run `npm run safeguarding:train` after changing a set)', () => {
    const { model } = train(Object.fromEntries(SETS.map((name) => [name, loadSet(name)])));
    expect(model.trainedOn).toEqual([...SETS]);
    expect(model.threshold).toBe(weights.threshold);
    expect(model.bias).toBe(weights.bias);
    expect(model.weights).toEqual(weights.weights);
  }, 120_000);

  it('category-weights.json is exactly what the floored sets train, and small', () => {
    const { model } = trainCategories(Object.fromEntries(SETS.map((name) => [name, loadSet(name)])));
    expect(model.trainedOn).toEqual([...SETS]);
    expect(model).toEqual(categoryWeights);
    expect(JSON.stringify(categoryWeights).length).toBeLessThan(400_000); // (it grows about 13 KB with each set of 550 added)
  }, 120_000);

  it('alerts, as possible harm, on a disclosure no rule was written for; leaves an ordinary answer alone', () => {
    const hungry = 'there is only bread in the house again';
    expect(screenText(hungry, [], { learnt: false }).flagged).toBe(false);
    const screening = screenText(hungry);
    expect(screening).toMatchObject({ flagged: true, categories: ['possible-harm'] });
    expect(screening.matches[0]).toMatch(/^learnt net [01]\.\d\d: .+/);
    // The net names no category of its own; the guess names the likeliest one or two, as "possibly".
    expect(screening.possibly).toContain('neglect'); // among the one or two it names
    expect(screenText('I love going swimming with my dad on Saturdays').flagged).toBe(false);
  });
});
