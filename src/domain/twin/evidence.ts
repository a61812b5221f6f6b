import type { Evidence, Preference } from '../types.js';
import { confidenceOf } from './confidence.js';

/** A preference keeps only its newest evidence; older habits have decayed to little anyway. */
export const MAX_EVIDENCE = 50;

/** What an evidence said about which value, whatever the preference's value is now. */
export function aboutOf(evidence: Evidence, currentValue: string): { value: string; weight: number } {
  return evidence.about ?? { value: currentValue, weight: evidence.weight };
}

/**
 * The weight of one statement for a given value. Choosing another value speaks against this one
 * (the preference holds one value per key); rejecting another value says nothing about this one.
 */
export function weightFor(about: { value: string; weight: number }, value: string): number {
  if (about.value === value) return about.weight;
  return about.weight > 0 ? -about.weight : 0;
}

/** The evidence list re-expressed relative to `value` (its `about` is kept, so this is lossless). */
export function relativeTo(evidence: Evidence[], currentValue: string, value: string): Evidence[] {
  return evidence.map((e) => {
    const about = aboutOf(e, currentValue);
    return { ...e, weight: weightFor(about, value), about };
  });
}

/**
 * The value the evidence supports best, judged by the confidence each value would have; ties keep
 * the current value so a preference does not flap between equally supported values.
 */
export function bestValue(evidence: Evidence[], currentValue: string, now: Date): { value: string; confidence: number } {
  const currentConfidence = confidenceOf(relativeTo(evidence, currentValue, currentValue), now);
  let best = { value: currentValue, confidence: currentConfidence };
  const seen = new Set<string>([currentValue]);
  for (const e of evidence) {
    const about = aboutOf(e, currentValue);
    if (about.weight <= 0 || seen.has(about.value)) continue;
    seen.add(about.value);
    const confidence = confidenceOf(relativeTo(evidence, currentValue, about.value), now);
    if (confidence > best.confidence) best = { value: about.value, confidence };
  }
  return best;
}

/**
 * How the decisions behind a preference went for its value: one count per decision (its entries
 * netted, so "approved then undone" counts once, against), stated rules counted apart.
 */
export function decisionTally(preference: Preference): { for: number; against: number; stated: number } {
  const net = new Map<string, number>();
  let stated = 0;
  for (const e of preference.evidence) {
    if (e.decisionId === null) {
      if (e.weight > 0) stated += 1;
      continue;
    }
    net.set(e.decisionId, (net.get(e.decisionId) ?? 0) + e.weight);
  }
  let forCount = 0;
  let against = 0;
  for (const w of net.values()) {
    if (w > 0) forCount += 1;
    else if (w < 0) against += 1;
  }
  return { for: forCount, against, stated };
}
