// The adversarial eval: prompt-injection emails through the live pipeline with a model that obeys
// them, checked against the safety invariants and against policy on its own terms.
export { INJECTION_CASES, type InjectionCase } from './cases.js';
export { obeyingModel } from './obeying-model.js';
export { runInjectionEval, type InjectionReport, type InjectionResult } from './run-injection.js';
export { formatInjection } from './report.js';
export { DRAFT_INJECTION_CASES, type DraftInjectionCase } from './draft-cases.js';
export { formatDraftInjection, obeyingDrafter, runDraftInjectionEval, type DraftInjectionReport, type DraftInjectionResult } from './run-draft-injection.js';
