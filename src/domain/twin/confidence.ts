import type { Evidence } from '../types.js';

/*
 * How sure the twin is of a preference, from its evidence (weights relative to the preference's value).
 *
 *   d_i   = 0.5 ^ (age_i / 90 days)            recency: old habits fade (stated rules do not, see below)
 *   S     = Σ w_i·d_i over w_i > 0              support
 *   A_j   = Σ w_i·d_i over w_i > 0 newer than j support that came after contradiction j
 *   C     = Σ |w_j|·d_j · ρ / (ρ + A_j)         contradiction, forgiven by later support (ρ = 2)
 *   conf  = min(0.99, S / (S + k) · 1 / (1 + β·C))   k = 1.5, β = 0.5
 *
 * Why this shape:
 * - S / (S + k) grows with the count of agreeing evidence with diminishing returns:
 *   1 approval → 0.40, 2 → 0.57, 3 → 0.67, 5 → 0.77, 10 → 0.87 (so one approval never suffices, three do).
 * - Contradiction multiplies instead of being outvoted: a fresh undo (−2) halves the confidence
 *   however long the history (5 approvals + undo → 0.38; 50 approvals + undo → 0.49), so the next
 *   decision asks again. A ratio S/(S+C) would let 50 old approvals drown out today's undo.
 * - Later support forgives an earlier contradiction (ρ / (ρ + A_j)), so a user who undid once by
 *   mistake and then approves three more times is trusted again (5 + undo + 3 → 0.60), instead of
 *   waiting months for the undo to decay.
 * - Every term moves one way: more support raises S and every A_j; more contradiction only adds to
 *   C. So one more supporting evidence never lowers confidence and one contradicting never raises it.
 * - Explicit statements ('restate') do not decay: a rule the user stated holds until they change it.
 *   Their larger weight (3) is what makes them count more; 'correct' (±2) decays like other feedback.
 */

export const HALF_LIFE_DAYS = 90;
export const MAX_CONFIDENCE = 0.99;
/** Support needed for a confidence of 0.5 (before contradictions). */
export const SUPPORT_HALF_POINT = 1.5;
/** How hard unforgiven contradiction weight pulls confidence down. */
export const CONTRADICTION_PENALTY = 0.5;
/** Later support of this size halves an earlier contradiction. */
export const FORGIVENESS_SUPPORT = 2;

const DAY_MS = 86_400_000;

/** Recency factor of one evidence at `now`; evidence from the future counts as fresh. */
export function decayFactor(evidence: Evidence, now: Date): number {
  if (evidence.kind === 'restate') return 1;
  const at = Date.parse(evidence.at);
  const ageDays = Math.max(0, (now.getTime() - at) / DAY_MS);
  return Math.pow(0.5, ageDays / HALF_LIFE_DAYS);
}

interface Weighed {
  at: number;
  index: number;
  value: number;
}

function isNewer(a: Weighed, b: Weighed): boolean {
  // Same instant (one request recording several entries): list order decides.
  return a.at > b.at || (a.at === b.at && a.index > b.index);
}

export function confidenceOf(evidence: Evidence[], now: Date): number {
  const supporting: Weighed[] = [];
  const contradicting: Weighed[] = [];
  evidence.forEach((e, index) => {
    const at = Date.parse(e.at);
    // Unreadable entries carry no information; skipping them keeps the function total.
    if (!Number.isFinite(e.weight) || e.weight === 0 || Number.isNaN(at)) return;
    const value = Math.abs(e.weight) * decayFactor(e, now);
    (e.weight > 0 ? supporting : contradicting).push({ at, index, value });
  });

  let support = 0;
  for (const s of supporting) support += s.value;
  if (support <= 0) return 0;

  let contradiction = 0;
  for (const c of contradicting) {
    let later = 0;
    for (const s of supporting) if (isNewer(s, c)) later += s.value;
    contradiction += (c.value * FORGIVENESS_SUPPORT) / (FORGIVENESS_SUPPORT + later);
  }

  const strength = support / (support + SUPPORT_HALF_POINT);
  const consistency = 1 / (1 + CONTRADICTION_PENALTY * contradiction);
  return Math.min(MAX_CONFIDENCE, Math.max(0, strength * consistency));
}
