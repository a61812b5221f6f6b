import type { DraftContext } from '../drafts/index.js';
import type { Candidate, Signal, Situation } from '../types.js';
import * as act from './actions.js';
import { flagReason, plan, type Proposal } from './plans.js';
import { assessRisk } from './risk.js';

const FLAG_RATIONALE = 'hand it to you to look at, changing nothing';
const NOTHING_RATIONALE = 'leave everything as it is';

/**
 * Every sensible action for the situation, each with its risk. The first is the default a careful
 * assistant would pick without learned preferences. flag_for_review and do_nothing are always
 * there; do_nothing is last, except where it is itself the default (a cancelled or cosmetically
 * updated event), where it comes first. `drafting` (the user's zone, free time and tone) and `now`
 * shape a reply draft; without them a draft still greets by name and acknowledges a deadline.
 */
export function proposeCandidates(situation: Situation, signal: Signal, drafting: DraftContext | null = null, now: Date | null = null): Candidate[] {
  const proposals = plan(situation, signal, drafting, now).filter((p): p is Proposal => p !== null);
  if (!proposals.some((p) => p.action.type === 'flag_for_review')) {
    proposals.push({ action: act.flagForReview(situation.domain, flagReason(situation)), rationale: FLAG_RATIONALE });
  }
  if (!proposals.some((p) => p.action.type === 'do_nothing')) {
    proposals.push({ action: act.doNothing(situation.domain), rationale: NOTHING_RATIONALE });
  }
  return proposals.map(({ action, rationale }) => ({ action, rationale, risk: assessRisk(action, situation) }));
}
