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

/** A rule that throws or answers nonsense denies: the policy fails closed. */
function runRule(rule: PolicyRule, candidate: Candidate, tier: TrustTier, ctx: PolicyContext): Finding[] {
  try {
    const findings: unknown = rule.check({ candidate, tier, ctx });
    if (!Array.isArray(findings)) return [failure(rule, 'it returned no list of findings')];
    return findings.map((finding: unknown) => (isFinding(finding) ? finding : failure(rule, 'it returned a malformed finding')));
  } catch (error) {
    return [failure(rule, error instanceof Error ? error.message : String(error))];
  }
}

/** The same composition as evaluatePolicy over any rule list (tests use it to inject failing rules). */
export function evaluateWithRules(
  rules: readonly PolicyRule[],
  candidate: Candidate,
  tier: TrustTier,
  ctx: PolicyContext,
): Verdict {
  const findings = rules.flatMap((rule) => runRule(rule, candidate, tier, ctx));
  if (findings.length === 0) {
    return {
      verdict: 'needs_approval',
      reasons: [{ code: 'policy_silent', message: 'no policy rule allowed this, so it needs your approval' }],
      notBefore: null,
    };
  }
  const strictest = Math.max(...findings.map((finding) => STRICTNESS[finding.verdict]));
  const winning = findings.filter((finding) => STRICTNESS[finding.verdict] === strictest);
  const verdict = winning[0]?.verdict ?? 'denied';
  const reasons: PolicyReason[] = [];
  for (const finding of winning) {
    if (!reasons.some((reason) => reason.code === finding.code && reason.message === finding.message)) {
      reasons.push({ code: finding.code, message: finding.message });
    }
  }
  // Several deferrals mean waiting for the latest of them; ISO strings in UTC sort as instants.
  let notBefore: string | null = null;
  if (verdict === 'allowed') {
    for (const finding of winning) {
      if (finding.notBefore !== undefined && (notBefore === null || finding.notBefore > notBefore)) notBefore = finding.notBefore;
    }
  }
  return { verdict, reasons, notBefore };
}

/** The policy verdict for one candidate at the domain's tier: the strictest finding of every rule wins. */
export function evaluatePolicy(candidate: Candidate, tier: TrustTier, ctx: PolicyContext): Verdict {
  return evaluateWithRules(POLICY_RULES, candidate, tier, ctx);
}
