/**
 * Training the learnt net (docs/safeguarding.md, "The learnt net"): logistic regression by stochastic
 * gradient descent over the labelled sets, with a seeded shuffle so the same sets always give the same
 * weights; the threshold is chosen by 5-fold cross-validation (`chooseThreshold`), never by looking at
 * an unseen set.
 */
import { HARM_CATEGORIES, type HarmCategory } from '../../src/domain/safeguarding/harm-categories';
import type { CategoryWeights } from '../../src/domain/safeguarding/screening/category-model';
import { type ModelWeights, modelFeatures, sigmoid } from '../../src/domain/safeguarding/screening/model';
import { tokensOf } from '../../src/domain/safeguarding/screening/screen';
import type { LabelledItem } from './evaluate';

const EPOCHS = 30;
const RATE = 0.2;
const L2 = 1e-4;
const FOLDS = 5;
/**
 * The threshold that catches the most held-out disclosures for the false alarms it costs: the most
 * (recall − false-positive rate), an extra disclosure caught weighing at least as much as an extra false
 * alarm ("a false alarm costs a minute, a miss can cost a child"); ties go to the lower threshold. (Until
 * round 8 it was "the lowest with the net's own false alarms at most 5%": as the benign controls grew
 * harder that rule climbed to 0.95 and gave up 3 points of held-out recall for 1.2 points of false alarms.)
 */
export function chooseThreshold(crossValidation: readonly { threshold: number; recall: number; falsePositives: number }[]): number {
  let best = crossValidation[0]!;
  for (const c of crossValidation) if (c.recall - c.falsePositives > best.recall - best.falsePositives + 1e-9) best = c;
  return best.threshold;
}
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
  const threshold = chooseThreshold(crossValidation);
  const full = fit(examples, 3);
  const weights: Record<string, number> = {};
  // Tiny weights change nothing: left out to keep the file small. Sorted for a stable file.
  for (const [f, w] of [...full.weights.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) if (Math.abs(w) >= 0.01) weights[f] = Math.round(w * 1e4) / 1e4;
  return { model: { trainedOn: Object.keys(sets), threshold, bias: Math.round(full.bias * 1e4) / 1e4, weights }, crossValidation };
}

/** The category namer (category-model.ts): softmax regression over the disclosures; chosen by 5-fold cross-validation on the training sets. */
const CATEGORY = { epochs: 30, rate: 0.2, l2: 1e-3, prune: 0.2, second: 0.35 } as const;

interface Disclosure {
  features: string[];
  category: number;
}

type Softmax = { bias: number[]; weights: Map<string, number[]> };

function fitCategories(examples: readonly Disclosure[], seed: number, size: number): Softmax {
  const random = seeded(seed);
  const weights = new Map<string, number[]>();
  const bias = new Array<number>(size).fill(0);
  for (let epoch = 0; epoch < CATEGORY.epochs; epoch++) {
    for (const ex of shuffled(examples, random)) {
      const p = softmax(bias, weights, ex.features);
      for (const f of ex.features) {
        const w = weights.get(f) ?? new Array<number>(size).fill(0);
        for (let c = 0; c < size; c++) w[c] = (w[c] as number) * (1 - CATEGORY.rate * CATEGORY.l2) - CATEGORY.rate * ((p[c] as number) - (c === ex.category ? 1 : 0));
        weights.set(f, w);
      }
      for (let c = 0; c < size; c++) bias[c] = (bias[c] as number) - CATEGORY.rate * ((p[c] as number) - (c === ex.category ? 1 : 0));
    }
  }
  // Small weights are left out (the file stays small); cross-validation measures the pruned model.
  for (const w of weights.values()) for (let c = 0; c < size; c++) if (Math.abs(w[c] as number) < CATEGORY.prune) w[c] = 0;
  return { bias, weights };
}

function softmax(bias: readonly number[], weights: Map<string, number[]>, features: readonly string[]): number[] {
  const z = [...bias];
  for (const f of features) {
    const w = weights.get(f);
    if (w) for (let c = 0; c < z.length; c++) z[c] = (z[c] as number) + (w[c] as number);
  }
  const top = Math.max(...z);
  const e = z.map((v) => Math.exp(v - top));
  const sum = e.reduce((s, v) => s + v, 0);
  return e.map((v) => v / sum);
}

/** Which categories would be named: the best, and the second when its probability is at least `second` of the first's. */
function named(p: readonly number[]): number[] {
  const [first, next] = p.map((v, c) => [v, c] as const).sort((a, b) => b[0] - a[0]);
  if (!first) return [];
  return next && next[0] >= CATEGORY.second * first[0] ? [first[1], next[1]] : [first[1]];
}

export interface CategoryTraining {
  model: CategoryWeights;
  /** Cross-validated on held-out disclosures: the best category right, and the labelled one among those named. */
  crossValidation: { top1: number; named: number; namesPerAlert: number };
}

export function trainCategories(sets: Record<string, readonly LabelledItem[]>): CategoryTraining {
  const categories: HarmCategory[] = HARM_CATEGORIES.map((c) => c.id);
  const examples: Disclosure[] = Object.values(sets)
    .flat()
    .flatMap((item) => (item.category ? [{ features: modelFeatures(tokensOf(item.text)), category: categories.indexOf(item.category) }] : []));
  const order = shuffled(examples.map((_, i) => i), seeded(7));
  let top1 = 0;
  let right = 0;
  let names = 0;
  for (let k = 0; k < FOLDS; k++) {
    const fold = fitCategories(order.filter((_, j) => j % FOLDS !== k).map((i) => examples[i] as Disclosure), 11 + k, categories.length);
    for (const i of order.filter((_, j) => j % FOLDS === k)) {
      const ex = examples[i] as Disclosure;
      const guess = named(softmax(fold.bias, fold.weights, ex.features));
      if (guess[0] === ex.category) top1++;
      if (guess.includes(ex.category)) right++;
      names += guess.length;
    }
  }
  const full = fitCategories(examples, 3, categories.length);
  const round = (w: number): number => Math.round(w * 100) / 100;
  const weights: Record<string, number[]> = {};
  for (const [f, w] of [...full.weights.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const pairs = w.flatMap((v, c) => (round(v) !== 0 ? [c, round(v)] : []));
    if (pairs.length > 0) weights[f] = pairs;
  }
  return {
    model: { trainedOn: Object.keys(sets), categories, second: CATEGORY.second, bias: full.bias.map(round), weights },
    crossValidation: { top1: top1 / examples.length, named: right / examples.length, namesPerAlert: names / examples.length }
  };
}
