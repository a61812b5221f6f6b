// One file per policy rule; each is a pure function from a candidate and its context to findings.
// The policy folder composes them in ruleSet.ts.
export { activeHoursRule, VISIBLE_ACTIONS } from './activeHoursRule.js';
export { blockedDomainRule, matchBlockedDomain, normalizeDomain } from './blockedDomainRule.js';
export { criticalRiskRule } from './criticalRiskRule.js';
export { irreversibleRule } from './irreversibleRule.js';
export { neverListRule } from './neverListRule.js';
export { NEW_DOMAIN_APPROVALS, newDomainRule } from './newDomainRule.js';
export { quietHoursRule } from './quietHoursRule.js';
export { sendEmailRule } from './sendEmailRule.js';
export { spendRule } from './spendRule.js';
export { tierRule } from './tierRule.js';
