// The policy engine: trust tiers, never-list, spend limits, quiet hours, blocked domains and the
// new-domain ramp, each a pure rule; the strictest finding decides the verdict, and errors deny.
export { describeActionType, describeReversibility, INERT_ACTIONS, isInert, isIrreversible } from './actions.js';
export { evaluatePolicy, evaluateWithRules } from './evaluatePolicy.js';
export { formatCents } from './money.js';
export { MAX_RECIPIENTS_WITHOUT_APPROVAL, neverListReason } from './neverList.js';
export { countRecipients } from '../mail-facts.js';
export { isWithinQuietHours, localSecondsOfDay, parseClockTime, quietHoursEnd } from './quietHours.js';
export type { Finding, PolicyRule, RuleInput } from './rule.js';
export { POLICY_RULES } from './ruleSet.js';
export { matchBlockedDomain, NEW_DOMAIN_APPROVALS, normalizeDomain } from './rules/index.js';
export { defaultSettings, spendLimitsFor } from './settings.js';
export type { EffectiveSpendLimits } from './settings.js';
export { lowestTierAllowing, nextTierDown, nextTierUp, riskRank, tierAllows, tierRank } from './tiers.js';
