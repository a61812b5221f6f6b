import type { Candidate, PolicyContext, TrustTier, VerdictKind } from '../types.js';

export interface RuleInput {
  candidate: Candidate;
  tier: TrustTier;
  ctx: PolicyContext;
}

/** What one rule has to say about a candidate; the strictest finding of all rules wins. */
export interface Finding {
  verdict: VerdictKind;
  code: string;
  message: string;
  /** Only meaningful on an 'allowed' finding: run no earlier than this instant (ISO, UTC). */
  notBefore?: string;
}

/** A pure check. Returning no findings means "nothing to say"; throwing means "deny" (fail closed). */
export interface PolicyRule {
  name: string;
  check(input: RuleInput): Finding[];
}
