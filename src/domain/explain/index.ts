// Explanations: turns a decision (situation, candidates, outcome, settings, twin preferences) into
// the readable record every decision carries, deterministically and without reading the clock.
export type { ExplainInput } from './context.js';
export { explainDecision } from './explainDecision.js';
export { suggestedPreferenceKey } from './howToCorrect.js';
export { capitalize, describeAction, describeSubject, proposalFor, shortSubject, similarMailPhrase } from './phrases.js';
export type { ActionPhrase } from './phrases.js';
export { askReason } from './narrative.js';
export { changeLinksFor } from './links.js';
export type { LinkInput, SettingLink } from './links.js';
export { clockTime, correctionsNow, failureInWords, headlineFor, LIFE_STATES, startOfLocalDay, undoInWords, verdictInWords } from './life.js';
export type { HeadlineInput, LifeFacts, LifeState } from './life.js';
export { alwaysWords, groupLabel } from './groups.js';
export type { GroupParts } from './groups.js';
