import { neverListReason } from '../neverList.js';
import type { Finding, PolicyRule } from '../rule.js';

/** DESIGN.md's never-list: explicit approval at every tier, whatever else allows. */
export const neverListRule: PolicyRule = {
  name: 'never-list',
  check({ candidate }): Finding[] {
    const reason = neverListReason(candidate.action);
    return reason === null ? [] : [{ verdict: 'needs_approval', code: 'never_list', message: reason }];
  },
};
