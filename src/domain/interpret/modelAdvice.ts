import type { EmailSignal, EmailSituationKind, InterpretContext, Signal, Situation } from '../types.js';
import { clue } from './clues.js';
import { interpretEmailAs } from './email.js';
import { kindLabel } from './situation.js';

/** The kinds a language model may propose for mail the rules could not name ('unknown' abstains). */
export const MODEL_KINDS = [
  'newsletter',
  'promotion',
  'receipt',
  'notification',
  'security_alert',
  'subscription_renewal',
  'personal',
  'work_request',
  'unknown',
] as const satisfies readonly (EmailSituationKind | 'unknown')[];
export type ModelKind = (typeof MODEL_KINDS)[number];

/** A model's word is worth less than a rule's: its situations are never more sure than this. */
export const MODEL_CONFIDENCE_CAP = 0.6;

/**
 * Rules readings below this confidence are unsure and a model reads the mail too. The rules name a
 * kind from 0.5 (CONFIDENCE_THRESHOLD); under 0.6 the reading rests on a single clue, such as a
 * List-Unsubscribe header alone or "sender seen before, replied to" alone.
 */
export const UNSURE_BELOW = 0.6;

/**
 * Whether a language model should read this mail too: the rules could not name it, or named it
 * unsure. A security alert stays one however unsure: a model may not talk SkyTwin out of caution.
 */
export function wantsModelReading(ruled: Situation): boolean {
  return ruled.kind === 'unknown' || (ruled.kind !== 'security_alert' && ruled.confidence < UNSURE_BELOW);
}

/** "the rules were unsure: a newsletter, 50 % sure". */
function unsureWords(ruled: Situation): string {
  return `the rules were unsure: ${kindLabel(ruled.kind).toLowerCase()}, ${Math.round(ruled.confidence * 100)} % sure`;
}

/** Why a model gave no proposal; the rules decide instead. */
export type ModelFailure = 'timeout' | 'unavailable' | 'nonsense';

/**
 * What an optional language model said about one mail, gathered by the caller before deciding.
 * `reading` null: the model was not asked (the rules knew what it is).
 */
export interface ModelAdvice {
  model: string;
  reading: { kind: ModelKind; confidence: number; reason: string } | { failure: ModelFailure } | null;
}

/** Why the rules decided instead of a model, in words for explanations. */
export const FAILURE_WORDS: Record<ModelFailure, string> = {
  timeout: 'the model timed out',
  unavailable: 'the model was unavailable',
  nonsense: "the model's answer was unusable",
};

/**
 * The rules' situation, or, where the rules left a readable mail `unknown` or named it unsure
 * (wantsModelReading), the model's proposed kind read through the same rules for facts and urgency
 * (`byModel`). A model that agrees with an unsure reading changes nothing. Candidates, risk and
 * policy follow from the situation as always. The first evidence line says which path was used,
 * and an unsure reading says why the model was asked.
 */
export function withModelAdvice(ruled: Situation, signal: Signal, context: InterpretContext, advice: ModelAdvice): { situation: Situation; byModel: boolean } {
  const situation = adviseSituation(ruled, signal, context, advice);
  return { situation, byModel: situation.kind !== ruled.kind };
}

function adviseSituation(ruled: Situation, signal: Signal, context: InterpretContext, advice: ModelAdvice): Situation {
  const reading = advice.reading;
  const model = shortText(advice.model, 60);
  if (signal.source !== 'gmail' || reading === null || !wantsModelReading(ruled)) return noted(ruled, 'interpreted by the rules');
  const unsure = ruled.kind === 'unknown' ? null : unsureWords(ruled);
  const why = unsure === null ? '' : `; ${unsure}`;
  if ('failure' in reading) return noted(ruled, `rules: ${FAILURE_WORDS[reading.failure] ?? FAILURE_WORDS.nonsense}${why}`);
  const kind = MODEL_KINDS.find((k) => k === reading.kind);
  if (kind === undefined || kind === 'unknown') return noted(ruled, `rules: ${model} could not tell ${unsure === null ? 'either' : 'better'}${why}`);
  if (kind === ruled.kind) return noted(ruled, `rules: ${model} read it the same way${why}`);
  const confidence = Number.isFinite(reading.confidence) ? Math.min(MODEL_CONFIDENCE_CAP, Math.max(0, reading.confidence)) : 0;
  // An unsure reading gives way only to a model surer than the rules were.
  if (unsure !== null && confidence <= ruled.confidence) return noted(ruled, `rules: ${model} read ${kindLabel(kind).toLowerCase()} but was less sure${why}`);
  const reason = shortText(reading.reason, 160);
  const clues = [clue(confidence, `interpreted by ${model}${reason === '' ? '' : `: ${reason}`}`), ...(unsure === null ? [] : [clue(0, unsure)])];
  const proposed = interpretEmailAs(signal as EmailSignal, context, kind, confidence, clues);
  return proposed ?? noted(ruled, `rules: ${FAILURE_WORDS.nonsense}${why}`);
}

function noted(situation: Situation, line: string): Situation {
  return { ...situation, evidence: [line, ...situation.evidence] };
}

/** Model text goes into explanations: one line, bounded. */
function shortText(text: unknown, max: number): string {
  const line = String(text ?? '').replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
