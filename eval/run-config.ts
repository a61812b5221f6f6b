/** Below this share of matching scenarios the eval fails (npm run eval exits 1, the vitest test fails). */
export const MIN_MATCH_RATE = 0.95;
