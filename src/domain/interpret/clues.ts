/** One readable reason with how strongly it points at a kind (0..1). */
export interface Clue {
  weight: number;
  text: string;
}

/** Below this a kind is not claimed: the situation becomes 'unknown' instead of a guess. */
export const CONFIDENCE_THRESHOLD = 0.5;

/** Independent clues combine as a noisy-or: each closes part of the remaining doubt. */
export function combine(clues: readonly Clue[]): number {
  let doubt = 1;
  for (const clue of clues) doubt *= 1 - Math.min(1, Math.max(0, clue.weight));
  return round(1 - doubt);
}

export function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

export function clue(weight: number, text: string): Clue {
  return { weight, text };
}
