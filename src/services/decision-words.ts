import type { ActionPhrase, ActionSpec, ActionType, Domain, LifeState, Reversibility, RiskLevel, Situation } from '../domain/index.js';
import { describeAction, describeSubject, headlineFor, parseAddress, proposalFor } from '../domain/index.js';

/** What a stored row tells a person: sender, draft, risk, the action in words, the headline now. */

const RISK_ORDER: RiskLevel[] = ['critical', 'high', 'moderate', 'low', 'negligible'];

export function senderOf(fromHeader: string | null, counterpart: string | null): { name: string | null; address: string | null } {
  const parsed = fromHeader === null ? null : parseAddress(fromHeader);
  if (parsed !== null) return { name: parsed.name === '' ? null : parsed.name, address: parsed.address };
  return { name: null, address: counterpart };
}

export function situationOf(value: unknown): Situation | null {
  return typeof value === 'object' && value !== null && 'kind' in value && 'domain' in value ? (value as Situation) : null;
}

export function counterpartOf(situation: Situation | null): string | null {
  return situation?.facts.counterpart ?? null;
}

export function riskSummaryOf(risk: unknown): { overall: RiskLevel; reasons: string[] } | null {
  if (typeof risk !== 'object' || risk === null) return null;
  const { overall, dimensions } = risk as { overall?: RiskLevel; dimensions?: Record<string, { level?: RiskLevel; reason?: string }> };
  if (overall === undefined || !RISK_ORDER.includes(overall)) return null;
  const reasons = Object.values(dimensions ?? {})
    .filter((d) => d.level !== undefined && d.level !== 'negligible' && typeof d.reason === 'string' && d.reason !== '')
    .sort((a, b) => RISK_ORDER.indexOf(a.level ?? 'negligible') - RISK_ORDER.indexOf(b.level ?? 'negligible'))
    .map((d) => `${d.reason ?? ''} (${d.level ?? ''})`);
  return { overall, reasons };
}

export function parametersOf(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** A reply draft's text, for reply drafts only. */
export function draftOf(actionType: string | null, parameters: unknown): { to: string[]; subject: string; body: string } | null {
  if (actionType !== 'draft_reply') return null;
  const p = parametersOf(parameters);
  const to = Array.isArray(p.to) ? p.to.filter((x): x is string => typeof x === 'string') : [];
  return { to, subject: typeof p.subject === 'string' ? p.subject : '', body: typeof p.body === 'string' ? p.body : '' };
}

function specOf(actionType: string, parameters: unknown, domain: string): ActionSpec {
  return {
    type: actionType as ActionType,
    domain: domain as Domain,
    parameters: parametersOf(parameters),
    reversibility: 'unknown' as Reversibility,
    estimatedCostCents: 0,
  };
}

export function phraseOf(actionType: string | null, parameters: unknown, situation: Situation | null, domain: string): ActionPhrase | null {
  if (actionType === null || situation === null) return null;
  return describeAction(specOf(actionType, parameters, domain), describeSubject(situation));
}

export function proposalOf(actionType: string | null, parameters: unknown, situation: Situation | null, domain: string): string | null {
  if (actionType === null || situation === null) return null;
  return proposalFor(specOf(actionType, parameters, domain), situation);
}

export function situationWordsOf(situation: Situation | null, kind: string): { kind: string; words: string } {
  const words = situation?.summary?.trim();
  return { kind, words: words !== undefined && words !== '' ? words : kind.replace(/_/g, ' ') };
}

export interface LifeOfRow {
  lifeState: string;
  lifeAt: Date | null;
  lifeDetail: string | null;
}

export function lifeStateOf(row: LifeOfRow): LifeState {
  return row.lifeState as LifeState;
}

export function headlineOf(
  row: LifeOfRow & { decidedSummary: string; domain: string; execAuthorizedBy?: string | null },
  phrase: ActionPhrase | null,
  timeZone: string,
  now: Date,
): string {
  return headlineFor({
    life: { state: lifeStateOf(row), at: row.lifeAt, detail: row.lifeDetail },
    phrase,
    domain: row.domain,
    decidedSummary: row.decidedSummary,
    timeZone,
    now,
    automatic: row.execAuthorizedBy === 'policy',
  });
}
