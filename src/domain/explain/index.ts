// Explanations: turns a decision (situation, candidates, outcome, settings, twin preferences) into
// the readable record every decision carries, deterministically and without reading the clock.
export type { ExplainInput } from './context.js';
export { explainDecision } from './explainDecision.js';
export { suggestedPreferenceKey } from './howToCorrect.js';
export { describeAction, describeSubject } from './phrases.js';
export type { ActionPhrase } from './phrases.js';
