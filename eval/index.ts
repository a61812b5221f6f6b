// Scenario evaluation of the live pipeline: a catalogue, a harness that drives the API, and a
// checker of the safety invariants on what was stored. `npm run eval` runs it (see run.ts).
export { editFor } from './answers.js';
export { apiFor, ApiError, type Api, type Json } from './api.js';
export { runScenario, runScenarios, type EvalReport, type Observed, type ScenarioResult } from './harness.js';
export { checkExecutorCalls, checkUserInvariants, type Violation } from './invariants.js';
export { inQuietHours, isBlocked } from './oracle.js';
export { formatAll, formatReport } from './report.js';
export { MIN_MATCH_RATE } from './run-config.js';
export * from './scenario.js';
export { SCENARIOS } from './scenarios/index.js';
export { signalBody } from './signals.js';
export { warmUp } from './warmup.js';
