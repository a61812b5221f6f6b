import {
  activeHoursRule,
  blockedDomainRule,
  criticalRiskRule,
  irreversibleRule,
  neverListRule,
  newDomainRule,
  quietHoursRule,
  sendEmailRule,
  spendRule,
  tierRule,
} from './rules/index.js';
import type { PolicyRule } from './rule.js';

/** Order only decides the order of reasons in a verdict; strictness decides the verdict. */
export const POLICY_RULES: readonly PolicyRule[] = [
  blockedDomainRule,
  neverListRule,
  criticalRiskRule,
  tierRule,
  irreversibleRule,
  sendEmailRule,
  spendRule,
  newDomainRule,
  quietHoursRule,
  activeHoursRule,
];
