// The outcome step: picks one evaluated candidate and decides whether it runs alone, waits for
// approval, is only recorded (observer) or nothing happens.
export { chooseOutcome } from './chooseOutcome.js';
export { APPROVAL_TTL_MS, approvalExpiresAt } from './expiry.js';
export { selectCandidate } from './select.js';
export { AUTO_EXECUTE_MIN_CONFIDENCE, AUTO_EXECUTE_MIN_SCORE, TWIN_CLUELESS_CONFIDENCE } from './thresholds.js';
