// Candidates: every sensible action for a situation (default first), each with a six-dimension risk assessment.
// Pure; assessRisk also rates actions a user edited, whatever their parameters.
export { proposeCandidates } from './propose.js';
export { assessRisk } from './risk.js';
export { financialLevel, FINANCIAL_BANDS, maxRiskLevel } from './levels.js';
export { effectiveReversibility, INTRINSIC_REVERSIBILITY } from './reversibility.js';
export { LABELS as CANDIDATE_LABELS } from './plans.js';
