import { proposeCandidates } from '../candidates/index.js';
import { explainDecision } from '../explain/index.js';
import { interpretSignal } from '../interpret/index.js';
import { chooseOutcome } from '../outcome/index.js';
import { evaluatePolicy } from '../policy/index.js';
import { predict } from '../twin/index.js';
import type {
  AcceptedEvent,
  AutonomySettings,
  Clock,
  DecisionDraft,
  Domain,
  EvaluatedCandidate,
  IdGenerator,
  SenderHistory,
  Signal,
  TwinProfile,
} from '../types.js';

/** Everything one decision depends on, gathered by the caller; the pipeline reads nothing else. */
export interface DecisionInput {
  signal: Signal;
  userEmail: string;
  settings: AutonomySettings;
  twin: TwinProfile;
  senderHistory: SenderHistory;
  acceptedEvents: AcceptedEvent[];
  /** Calendar: the span of the version of this event seen before, to tell a moved meeting from a touched one. */
  previousEvent?: { start: string; end: string } | null;
  spentLast24hCents: number;
  executedInDomain: Record<Domain, number>;
  clock: Clock;
  ids: IdGenerator;
}

/** interpret → candidates with risk → twin prediction → policy → outcome → explanation. Pure. */
export function decide(input: DecisionInput): DecisionDraft {
  const now = input.clock.now();
  const situation = interpretSignal(input.signal, {
    userEmail: input.userEmail,
    senderHistory: input.senderHistory,
    acceptedEvents: input.acceptedEvents,
    previousEvent: input.previousEvent ?? null,
  });
  const tier = input.settings.trustTiers[situation.domain];
  const policyContext = {
    settings: input.settings,
    situation,
    spentLast24hCents: input.spentLast24hCents,
    executedInDomain: input.executedInDomain,
    now,
  };
  const candidates: EvaluatedCandidate[] = proposeCandidates(situation, input.signal).map((candidate) => ({
    ...candidate,
    prediction: predict(input.twin, situation, candidate.action, now),
    verdict: evaluatePolicy(candidate, input.settings.trustTiers[candidate.action.domain], policyContext),
  }));
  const outcome = chooseOutcome(candidates, tier, situation, now);
  const explanation = explainDecision({
    situation,
    candidates,
    outcome,
    tier,
    settings: input.settings,
    preferences: input.twin.preferences,
  });
  return { id: input.ids.next(), situation, candidates, outcome, explanation, tier };
}
