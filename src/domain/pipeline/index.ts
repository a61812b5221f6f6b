// The decision pipeline composed from the pure steps: one signal in, one decision draft out.
// Deterministic given its input (clock and id generator included).
export { decide } from './decide.js';
export type { DecisionInput } from './decide.js';
export { draftableByModel, withModelDraft, notedDraft, type DraftAdvice } from './modelDraft.js';
