import { proposeCandidates } from '../candidates/index.js';
import { explainDecision } from '../explain/index.js';
import { interpretSignal, withModelAdvice, type ModelAdvice } from '../interpret/index.js';
import { chooseOutcome } from '../outcome/index.js';
import { evaluatePolicy } from '../policy/index.js';
import { withActiveExpiry } from '../temporal/index.js';
import { askFirstWhenModelRead } from './modelOutcome.js';
import { notedDraft, withModelDraft, type DraftAdvice } from './modelDraft.js';
import { joinTextPrediction, textAdvice, type TextModel } from '../textmodel/index.js';
import { predictAction, scopeGate, scopeSettings, viewSituation } from '../twin/index.js';
import type { DraftContext } from '../drafts/index.js';
import type {
  AcceptedEvent,
  ActiveHours,
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
  /** When the user is usually active (temporal profile): approval expiry counts only that time. */
  activeHours?: ActiveHours | null;
  /**
   * The user's text model: for mail from a sender the twin has no preference for, its advice may
   * raise the prediction of the action the user took for similar mail. Absent: the twin alone.
   */
  textModel?: TextModel | null;
  /**
   * What an optional language model proposed for mail the rules leave unknown (gathered before
   * deciding; see src/llm). Absent: rules only, and nothing is said about a model.
   */
  model?: ModelAdvice | null;
  /**
   * What a reply draft may use: the user's zone, working hours, busy times and learned tone. Absent:
   * drafts greet by name and acknowledge deadlines in UTC, and ask for times instead of proposing them.
   */
  drafting?: DraftContext | null;
  /**
   * The reply text an optional language model wrote for this mail (gathered before deciding): it
   * replaces the rules' draft body and nothing else. Absent: rules only, nothing said about a model.
   */
  draft?: DraftAdvice | null;
  clock: Clock;
  ids: IdGenerator;
}

/** interpret → candidates with risk → twin prediction → policy → outcome → explanation. Pure. */
export function decide(input: DecisionInput): DecisionDraft {
  const now = input.clock.now();
  const interpretContext = {
    userEmail: input.userEmail,
    senderHistory: input.senderHistory,
    acceptedEvents: input.acceptedEvents,
    previousEvent: input.previousEvent ?? null,
  };
  const ruled = interpretSignal(input.signal, interpretContext);
  const advised = input.model ? withModelAdvice(ruled, input.signal, interpretContext, input.model) : null;
  const situation = advised?.situation ?? ruled;
  const tier = input.settings.trustTiers[situation.domain];
  const policyContext = {
    settings: input.settings,
    situation,
    spentLast24hCents: input.spentLast24hCents,
    executedInDomain: input.executedInDomain,
    now,
    activeHours: input.activeHours ?? null,
    scope: scopeGate(input.twin, situation, scopeSettings(input.settings.trustProgression), now),
  };
  const twinView = viewSituation(input.twin, situation, now);
  const proposed = input.draft ? withModelDraft(proposeCandidates(situation, input.signal, input.drafting ?? null, now), situation, input.draft) : proposeCandidates(situation, input.signal, input.drafting ?? null, now);
  const advice = input.textModel ? textAdvice(input.textModel, input.signal, situation, twinView, proposed.map((c) => c.action)) : null;
  // Fields listed rather than spread: a spread takes a generic copy path for every candidate.
  const candidates: EvaluatedCandidate[] = proposed.map((candidate) => ({
    action: candidate.action,
    rationale: candidate.rationale,
    risk: candidate.risk,
    prediction:
      advice === null
        ? predictAction(twinView, candidate.action)
        : joinTextPrediction(predictAction(twinView, candidate.action), candidate.action, twinView, advice, situation),
    verdict: evaluatePolicy(candidate, input.settings.trustTiers[candidate.action.domain], policyContext),
  }));
  const chosen = askFirstWhenModelRead(chooseOutcome(candidates, tier, situation, now), advised?.byModel === true, situation, now);
  const outcome = input.activeHours ? withActiveExpiry(chosen, situation.urgency, now, input.activeHours) : chosen;
  const explained = explainDecision({
    situation,
    candidates,
    outcome,
    tier,
    settings: input.settings,
    preferences: input.twin.preferences,
  });
  const explanation = input.draft ? notedDraft(explained, proposed, situation, input.draft) : explained;
  return { id: input.ids.next(), situation, candidates, outcome, explanation, tier };
}
