// The pure domain core: interpretation, candidates and risk, the twin, policy, outcome, explanation.
// No I/O and no clock reads; everything it needs is passed in.
export * from './types.js';
export * from './interpret/index.js';
export * from './candidates/index.js';
export * from './twin/index.js';
export * from './policy/index.js';
export * from './outcome/index.js';
export * from './explain/index.js';
export * from './temporal/index.js';
export * from './textmodel/index.js';
export * from './followups/index.js';
export * from './briefing/index.js';
export * from './drafts/index.js';
export * from './pipeline/index.js';
export * from './signal-times.js';
