/**
 * Naming a net's alert (docs/safeguarding.md, "Naming what the nets catch"): when only a net fired (the
 * broad net or the learnt net: "possible harm"), a softmax regression over the same features as the
 * learnt net (model.ts) guesses the category, so the alert can say "possibly: neglect". Trained on the
 * disclosures of the floored sets by `npm run safeguarding:train` into category-weights.json.
 *
 * It only ever adds words to an alert already raised: it runs after the flag is decided, never decides
 * it, and if it fails the alert simply names no guess.
 */
import type { HarmCategory } from '../harm-categories';
import weights from './category-weights.json';
import { modelFeatures } from './model';
import type { Token } from './text';

export interface CategoryWeights {
  trainedOn: string[];
  /** The categories, in the order of each bias and weight index. */
  categories: HarmCategory[];
  /** The second category is named too when its probability is at least this share of the first's. */
  second: number;
  bias: number[];
  /** Per feature, flat pairs: category index, weight, category index, weight … (weights too small to matter left out). */
  weights: Record<string, number[]>;
}

/** Each category's probability for these tokens, best first. */
export function categoryScores(tokens: readonly Token[], model: CategoryWeights = weights as CategoryWeights): { category: HarmCategory; p: number }[] {
  const z = [...model.bias];
  for (const f of modelFeatures(tokens)) {
    const pairs = model.weights[f];
    if (!pairs) continue;
    for (let i = 0; i + 1 < pairs.length; i += 2) z[pairs[i] as number] = (z[pairs[i] as number] ?? 0) + (pairs[i + 1] as number);
  }
  const top = Math.max(...z);
  const e = z.map((v) => Math.exp(v - top));
  const sum = e.reduce((s, v) => s + v, 0);
  return model.categories.map((category, i) => ({ category, p: (e[i] as number) / sum })).sort((a, b) => b.p - a.p);
}

/** The best category, and the second when it is close (`second`): what "possibly: …" names. */
export function likelyCategories(tokens: readonly Token[], model: CategoryWeights = weights as CategoryWeights): HarmCategory[] {
  const [first, next] = categoryScores(tokens, model);
  if (!first) return [];
  return next && next.p >= model.second * first.p ? [first.category, next.category] : [first.category];
}
