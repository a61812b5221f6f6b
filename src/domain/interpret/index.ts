// Interpretation: turns a Gmail or Calendar signal into a Situation (kind, domain, urgency, facts, evidence).
// Pure and deterministic; anything it cannot read with confidence becomes kind 'unknown'.
export { interpretSignal } from './interpret.js';
export { withModelAdvice, wantsModelReading, MODEL_KINDS, MODEL_CONFIDENCE_CAP, UNSURE_BELOW, FAILURE_WORDS, type ModelAdvice, type ModelKind, type ModelFailure } from './modelAdvice.js';
export { parseAddress, type ParsedAddress } from './address.js';
export { findAmounts, toCents, type MoneyMatch } from './money.js';
export { findDates, type DateMatch } from './dates.js';
export { DEFAULT_MEETING_MINUTES, findDeadline, findMeetingRequest, mailMayAskToMeet } from './requests.js';
export { parseInstant } from './time.js';
export { followUpMarker, type FollowUpMarker } from './followUp.js';
export { CONFIDENCE_THRESHOLD } from './clues.js';
export { formatMoney } from './format.js';
