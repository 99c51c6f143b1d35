/**
 * Training the learnt net (docs/safeguarding.md, "The learnt net"): logistic regression by stochastic
 * gradient descent over the labelled sets, with a seeded shuffle so the same sets always give the same
 * weights; the threshold is chosen by 5-fold cross-validation (the lowest whose false positives on
 * held-out benign controls stay at most `CV_FALSE_POSITIVES`), never by looking at an unseen set.
 */
import { type ModelWeights, modelFeatures, sigmoid } from '../../src/domain/safeguarding/screening/model';
import { tokensOf } from '../../src/domain/safeguarding/screening/screen';
import type { LabelledItem } from './evaluate';

const EPOCHS = 30;
const RATE = 0.2;
const L2 = 1e-4;
const FOLDS = 5;
/** The net alone, on held-out benign controls, may flag at most this share (the rules add their own). */
export const CV_FALSE_POSITIVES = 0.05;
const THRESHOLDS = [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95];

interface Example {
  features: string[];
  label: 0 | 1;
}

/** mulberry32: a small seeded generator, so training is repeatable. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

export function examplesOf(items: readonly LabelledItem[]): Example[] {
  return items.map((item) => ({ features: modelFeatures(tokensOf(item.text)), label: item.category ? 1 : 0 }));
}

function fit(examples: readonly Example[], seed: number): { bias: number; weights: Map<string, number> } {
  const random = seeded(seed);
  const weights = new Map<string, number>();
  let bias = 0;
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (const ex of shuffled(examples, random)) {
      const p = sigmoid(bias + ex.features.reduce((s, f) => s + (weights.get(f) ?? 0), 0));
      const g = p - ex.label;
      for (const f of ex.features) weights.set(f, (weights.get(f) ?? 0) * (1 - RATE * L2) - RATE * g);
      bias -= RATE * g;
    }
  }
  return { bias, weights };
}

const scoreWith = (model: { bias: number; weights: Map<string, number> }, ex: Example): number =>
  sigmoid(model.bias + ex.features.reduce((s, f) => s + (model.weights.get(f) ?? 0), 0));

export interface Training {
  model: ModelWeights;
  /** Cross-validated recall and false positives of the net alone at each threshold tried. */
  crossValidation: { threshold: number; recall: number; falsePositives: number }[];
}

export function train(sets: Record<string, readonly LabelledItem[]>): Training {
  const examples = Object.values(sets).flatMap((items) => examplesOf(items));
  const order = shuffled(examples.map((_, i) => i), seeded(7));
  const held: { score: number; label: 0 | 1 }[] = [];
  for (let k = 0; k < FOLDS; k++) {
    const test = order.filter((_, j) => j % FOLDS === k);
    const fold = fit(order.filter((_, j) => j % FOLDS !== k).map((i) => examples[i] as Example), 11 + k);
    for (const i of test) held.push({ score: scoreWith(fold, examples[i] as Example), label: (examples[i] as Example).label });
  }
  const disclosures = held.filter((h) => h.label === 1);
  const benign = held.filter((h) => h.label === 0);
  const crossValidation = THRESHOLDS.map((threshold) => ({
    threshold,
    recall: disclosures.filter((h) => h.score > threshold).length / disclosures.length,
    falsePositives: benign.filter((h) => h.score > threshold).length / benign.length
  }));
  const threshold = crossValidation.find((c) => c.falsePositives <= CV_FALSE_POSITIVES)?.threshold ?? THRESHOLDS[THRESHOLDS.length - 1]!;
  const full = fit(examples, 3);
  const weights: Record<string, number> = {};
  // Tiny weights change nothing: left out to keep the file small. Sorted for a stable file.
  for (const [f, w] of [...full.weights.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) if (Math.abs(w) >= 0.01) weights[f] = Math.round(w * 1e4) / 1e4;
  return { model: { trainedOn: Object.keys(sets), threshold, bias: Math.round(full.bias * 1e4) / 1e4, weights }, crossValidation };
}
