/** How far (in characters) an amount or date may sit from the phrase it belongs to. */
export const NEAR_WINDOW = 160;

/**
 * The match closest to an anchor phrase in the same part of the mail (subject or text), else the
 * first match at all: "renews on December 3 for $45.00" beats an unrelated "$5 credit" above it.
 * Text after its anchor reads naturally ("will be charged $45"), so looking back counts double.
 */
export function pickNear<T extends { index: number }>(
  matches: readonly T[],
  anchors: readonly number[],
  boundary: number,
  window = NEAR_WINDOW,
): T | null {
  let best: T | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const match of matches) {
    for (const anchor of anchors) {
      if (match.index < boundary !== anchor < boundary) continue;
      const distance = match.index >= anchor ? match.index - anchor : 2 * (anchor - match.index);
      if (distance <= window && distance < bestDistance) {
        best = match;
        bestDistance = distance;
      }
    }
  }
  return best ?? matches[0] ?? null;
}
