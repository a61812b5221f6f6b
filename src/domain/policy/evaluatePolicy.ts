import type { Candidate, PolicyContext, PolicyReason, TrustTier, Verdict, VerdictKind } from '../types.js';
import type { Finding, PolicyRule } from './rule.js';
import { POLICY_RULES } from './ruleSet.js';

const STRICTNESS: Record<VerdictKind, number> = { allowed: 0, needs_approval: 1, denied: 2 };

function isFinding(value: unknown): value is Finding {
  if (typeof value !== 'object' || value === null) return false;
  const { verdict, code, message } = value as Record<string, unknown>;
  return (
    typeof verdict === 'string' &&
    verdict in STRICTNESS &&
    typeof code === 'string' &&
    typeof message === 'string'
  );
}

function failure(rule: PolicyRule, detail: string): Finding {
  return { verdict: 'denied', code: 'policy_error', message: `the ${rule.name} rule failed (${detail}), so SkyTwin refuses to act` };
}

/** A rule that throws or answers nonsense denies: the policy fails closed. Findings are appended to `into`. */
function runRule(rule: PolicyRule, candidate: Candidate, tier: TrustTier, ctx: PolicyContext, into: Finding[]): void {
  const start = into.length;
  try {
    const findings: unknown = rule.check({ candidate, tier, ctx });
    if (!Array.isArray(findings)) {
      into.push(failure(rule, 'it returned no list of findings'));
      return;
    }
    for (const finding of findings as unknown[]) into.push(isFinding(finding) ? finding : failure(rule, 'it returned a malformed finding'));
  } catch (error) {
    into.length = start;
    into.push(failure(rule, error instanceof Error ? error.message : String(error)));
  }
}

/** The same composition as evaluatePolicy over any rule list (tests use it to inject failing rules). */
export function evaluateWithRules(
  rules: readonly PolicyRule[],
  candidate: Candidate,
  tier: TrustTier,
  ctx: PolicyContext,
): Verdict {
  const findings: Finding[] = [];
  for (const rule of rules) runRule(rule, candidate, tier, ctx, findings);
  if (findings.length === 0) {
    return {
      verdict: 'needs_approval',
      reasons: [{ code: 'policy_silent', message: 'no policy rule allowed this, so it needs your approval' }],
      notBefore: null,
    };
  }
  let strictest = 0;
  for (const finding of findings) strictest = Math.max(strictest, STRICTNESS[finding.verdict]);
  const reasons: PolicyReason[] = [];
  let verdict: VerdictKind | null = null;
  // Several deferrals mean waiting for the latest of them; ISO strings in UTC sort as instants.
  let notBefore: string | null = null;
  for (const finding of findings) {
    if (STRICTNESS[finding.verdict] !== strictest) continue;
    verdict ??= finding.verdict;
    if (!reasons.some((reason) => reason.code === finding.code && reason.message === finding.message)) {
      reasons.push({ code: finding.code, message: finding.message });
    }
    if (finding.notBefore !== undefined && (notBefore === null || finding.notBefore > notBefore)) notBefore = finding.notBefore;
  }
  return { verdict: verdict ?? 'denied', reasons, notBefore: verdict === 'allowed' ? notBefore : null };
}

/** The policy verdict for one candidate at the domain's tier: the strictest finding of every rule wins. */
export function evaluatePolicy(candidate: Candidate, tier: TrustTier, ctx: PolicyContext): Verdict {
  return evaluateWithRules(POLICY_RULES, candidate, tier, ctx);
}
