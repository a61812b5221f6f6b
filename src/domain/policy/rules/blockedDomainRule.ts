import { isInert } from '../actions.js';
import type { Finding, PolicyRule } from '../rule.js';

/** "@Acme.com", "*.acme.com", ".acme.com." all mean acme.com. */
export function normalizeDomain(entry: string): string {
  return entry.trim().toLowerCase().replace(/^[@*.]+/, '').replace(/\.+$/, '');
}

/** The last question and answer: every candidate of a decision, and its explanation, ask the same. */
let last: { domain: string; blocked: readonly string[]; entry: string | null } | null = null;

/** The blocked entry that covers `domain` (equal or a parent domain), or null. */
export function matchBlockedDomain(domain: string | undefined, blocked: readonly string[]): string | null {
  if (domain === undefined) return null;
  if (last !== null && last.domain === domain && sameEntries(last.blocked, blocked)) return last.entry;
  const entry = findBlockedEntry(domain, blocked);
  last = { domain, blocked: [...blocked], entry };
  return entry;
}

function sameEntries(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function findBlockedEntry(domain: string, blocked: readonly string[]): string | null {
  const target = normalizeDomain(domain);
  if (target === '') return null;
  for (const raw of blocked) {
    const entry = normalizeDomain(raw);
    if (entry !== '' && (target === entry || target.endsWith(`.${entry}`))) return entry;
  }
  return null;
}

/** Blocked counterparts: SkyTwin touches nothing from them, only leaving or flagging stays open. */
export const blockedDomainRule: PolicyRule = {
  name: 'blocked-domain',
  check({ candidate, ctx }): Finding[] {
    if (isInert(candidate.action.type)) return [];
    const domain = ctx.situation.facts.counterpartDomain;
    const entry = matchBlockedDomain(domain, ctx.settings.blockedDomains);
    if (entry === null || domain === undefined) return [];
    const target = normalizeDomain(domain);
    const message = target === entry ? `${entry} is blocked` : `${target} is blocked (you blocked ${entry})`;
    return [{ verdict: 'denied', code: 'blocked_domain', message }];
  },
};
