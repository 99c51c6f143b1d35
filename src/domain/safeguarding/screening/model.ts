/**
 * The learnt net (docs/safeguarding.md, "The learnt net"): a logistic regression over the words of an
 * answer (lemmas and pairs of neighbouring lemmas), trained on the labelled sets by
 * `npm run safeguarding:train` into model-weights.json. It runs after the rules and the broad net, on
 * answers neither flagged, and alerts as "possible harm" when its score passes the threshold chosen by
 * cross-validation on the training sets. The rules catch what they were written for; the net catches
 * disclosures written in words the rules never foresaw, because it weighs every word together.
 */
import type { Token } from './text';
import weights from './model-weights.json';

export interface ModelWeights {
  /** The sets it was trained on, and when (for the docs and the freshness test). */
  trainedOn: string[];
  threshold: number;
  bias: number;
  weights: Record<string, number>;
}

/** Words too common to carry meaning alone (they still count inside pairs). */
const STOP = new Set(['a', 'an', 'the', 'and', 'or', 'to', 'of', 'in', 'on', 'at', 'is', 'it', 'was', 'be', 'for', 'with', 'that', 'this', 'so', 'but', 'as', 'are', 'do', 'did', 'have', 'has', 'had', 'i', 'my', 'me']);

/** The features of an answer: each lemma (`u:`) and each pair of neighbouring lemmas (`b:`), once. */
export function modelFeatures(tokens: readonly Token[]): string[] {
  const out = new Set<string>();
  tokens.forEach((t, i) => {
    if (!STOP.has(t.lemma)) out.add(`u:${t.lemma}`);
    if (i > 0) out.add(`b:${(tokens[i - 1] as Token).lemma}_${t.lemma}`);
  });
  return [...out];
}

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** The model's probability that an answer discloses harm, and the words that weighed most towards it. */
export function scoreAnswer(tokens: readonly Token[], model: ModelWeights = weights as ModelWeights): { score: number; evidence: string[] } {
  const features = modelFeatures(tokens);
  let z = model.bias;
  const toward: [string, number][] = [];
  for (const f of features) {
    const w = model.weights[f];
    if (w === undefined) continue;
    z += w;
    if (w > 0) toward.push([f, w]);
  }
  const evidence = toward
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([f]) => f.slice(2).replace('_', ' '));
  return { score: sigmoid(z), evidence };
}

/** Whether the net alerts on these tokens. */
export function modelFlags(tokens: readonly Token[], model: ModelWeights = weights as ModelWeights): { flagged: boolean; evidence: string } {
  const { score, evidence } = scoreAnswer(tokens, model);
  return { flagged: score > model.threshold, evidence: `learnt net ${score.toFixed(2)}: ${evidence.join(', ')}` };
}
