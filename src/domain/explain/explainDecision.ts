import { findPreference } from '../twin/index.js';
import type { Explanation } from '../types.js';
import { describeAlternatives } from './alternatives.js';
import type { ExplainInput } from './context.js';
import { buildContext } from './context.js';
import { describeHowToCorrect } from './howToCorrect.js';
import { describeWhatHappened, describeWhyThisAction } from './narrative.js';
import { clause } from './phrases.js';
import { summarize } from './summary.js';
import { describeWhatWouldChange } from './whatWouldChange.js';

/**
 * The explanation record every decision carries (safety invariant 2). Text is built only from
 * its input, so the same decision always reads the same.
 */
export function explainDecision(input: ExplainInput): Explanation {
  const ctx = buildContext(input);
  const evidence: string[] = [];
  const addEvidence = (line: string): void => {
    const text = line.trim();
    if (text !== '' && !evidence.includes(text)) evidence.push(text);
  };
  input.situation.evidence.forEach(addEvidence);
  // The twin's reason is often the same for every candidate ("you have not told SkyTwin yet…"):
  // it is said once, and a candidate's own line only where it says something new.
  const twinReasons = new Set<string>();
  if (ctx.selected !== null && clause(ctx.selected.prediction.reason) !== '') {
    addEvidence(ctx.selected.prediction.reason);
    twinReasons.add(clause(ctx.selected.prediction.reason));
  }
  for (const candidate of input.candidates) {
    const reason = clause(candidate.prediction.reason);
    if (candidate === ctx.selected || reason === '' || twinReasons.has(reason)) continue;
    twinReasons.add(reason);
    addEvidence(`${candidate.action.type.replace(/_/g, ' ')}: ${candidate.prediction.reason.trim()}`);
  }
  const keys = [...new Set(ctx.selected?.prediction.preferenceKeys ?? [])];
  const preferencesUsed = keys.flatMap((key) => {
    const preference = findPreference(input.preferences, key);
    return preference === undefined ? [] : [{ key, value: preference.value, confidence: preference.confidence }];
  });
  return {
    summary: summarize(ctx),
    whatHappened: describeWhatHappened(ctx),
    evidence,
    preferencesUsed,
    whyThisAction: describeWhyThisAction(ctx),
    alternatives: describeAlternatives(ctx),
    whatWouldChange: describeWhatWouldChange(ctx),
    howToCorrect: describeHowToCorrect(ctx),
  };
}
