import type { ActionSpec, RiskAssessment, Situation } from '../types.js';
import * as d from './dimensions.js';
import { maxRiskLevel } from './levels.js';
import { asRecord, readCents } from './params.js';
import { effectiveReversibility } from './reversibility.js';

/**
 * Rates an action on six dimensions, each with a concrete reason; overall is the worst of them.
 * Total: an action edited by a user (any parameters, odd values) is rated, never rejected by a throw.
 */
export function assessRisk(action: ActionSpec, situation: Situation): RiskAssessment {
  const raw = asRecord(action);
  const type = typeof raw['type'] === 'string' ? raw['type'] : String(raw['type']);
  const cost = raw['estimatedCostCents'];
  const input: d.RiskInput = {
    type,
    parameters: asRecord(raw['parameters']),
    reversibility: effectiveReversibility(type, raw['reversibility']),
    declaredReversibility: raw['reversibility'],
    costCents: cost === undefined ? 0 : readCents(cost),
    situation,
  };
  const dimensions: RiskAssessment['dimensions'] = {
    reversibility: d.reversibilityRisk(input),
    financial: d.financialRisk(input),
    legal: d.legalRisk(input),
    privacy: d.privacyRisk(input),
    relationship: d.relationshipRisk(input),
    operational: d.operationalRisk(input),
  };
  const levels = [
    dimensions.reversibility.level,
    dimensions.financial.level,
    dimensions.legal.level,
    dimensions.privacy.level,
    dimensions.relationship.level,
    dimensions.operational.level,
  ];
  return { overall: maxRiskLevel(levels), dimensions };
}
