import type { TextModel } from './model.js';

/** Fewest similar examples before the model speaks at all: two newsletters are a coincidence. */
export const MIN_SIMILAR = 3;
/** Similar examples at which the evidence factor of the confidence reaches one half (as the twin's support does). */
export const SIMILAR_HALF_POINT = 1.5;
/** Below this posterior the model is torn between actions and says nothing. */
export const MIN_PROBABILITY = 0.6;

export interface TextPrediction {
  /** The action value the user chose for mail like this one. */
  value: string;
  /** Naive Bayes posterior of `value` among the allowed values (0..1; overconfident, as NB is). */
  probability: number;
  /** The posterior tempered by how many similar examples back it: probability · n / (n + 1.5). */
  confidence: number;
  /** Examples of `value` that share this mail's strongest feature for it. */
  similar: number;
  /** Examples of `value` that were of the same situation kind as this mail. */
  sameKind: number;
}

/**
 * What the user would likely do with mail that has `features`, among `allowed` action values
 * (the decision's candidates). Null when the model knows too little: fewer than MIN_SIMILAR
 * similar examples, or a posterior under MIN_PROBABILITY. Laplace smoothing on priors and
 * likelihoods; features the model never saw are left out.
 */
export function predictText(model: TextModel, features: readonly string[], allowed: readonly string[], kind: string): TextPrediction | null {
  if (model.classes.size === 0) return null;
  const values = [...new Set(allowed)];
  if (!values.some((v) => (model.classes.get(v) ?? 0) > 0)) return null;
  let examples = 0;
  for (const v of values) examples += model.classes.get(v) ?? 0;
  const vocabulary = model.features.size;
  const known = features.filter((f) => model.features.has(f));

  const scores = values.map((v) => {
    let score = Math.log(((model.classes.get(v) ?? 0) + 1) / (examples + values.length));
    const denominator = (model.totals.get(v) ?? 0) + vocabulary;
    for (const f of known) score += Math.log(((model.features.get(f)?.get(v) ?? 0) + 1) / denominator);
    return score;
  });
  let best = 0;
  for (let i = 1; i < values.length; i++) if ((scores[i] ?? -Infinity) > (scores[best] ?? -Infinity)) best = i;
  const top = scores[best] ?? 0;
  let partition = 0;
  for (const s of scores) partition += Math.exp(s - top);
  const probability = 1 / partition;
  const value = values[best] ?? '';
  if (probability < MIN_PROBABILITY) return null;

  // The strongest feature for `value`: one it has more often (relative to its size) than any other value does.
  const likelihood = (f: string, v: string): number =>
    ((model.features.get(f)?.get(v) ?? 0) + 1) / ((model.totals.get(v) ?? 0) + vocabulary);
  let similar = 0;
  for (const f of known) {
    const count = model.features.get(f)?.get(value) ?? 0;
    if (count <= similar) continue;
    const mine = likelihood(f, value);
    if (values.every((v) => v === value || likelihood(f, v) < mine)) similar = count;
  }
  if (similar < MIN_SIMILAR) return null;
  const sameKind = model.features.get(`kind:${kind}`)?.get(value) ?? 0;
  return { value, probability, confidence: (probability * similar) / (similar + SIMILAR_HALF_POINT), similar, sameKind };
}
