import type { RiskLevel } from '../types.js';
import { RISK_LEVELS } from '../types.js';

export function levelRank(level: RiskLevel): number {
  return RISK_LEVELS.indexOf(level);
}

export function maxRiskLevel(levels: readonly RiskLevel[]): RiskLevel {
  let highest: RiskLevel = 'negligible';
  for (const level of levels) if (levelRank(level) > levelRank(highest)) highest = level;
  return highest;
}

/** Money bands in integer cents: up to $20 is low, up to $100 moderate, up to $1,000 high. */
export const FINANCIAL_BANDS = { low: 2_000, moderate: 10_000, high: 100_000 } as const;

export function financialLevel(cents: number): RiskLevel {
  if (cents <= 0) return 'negligible';
  if (cents <= FINANCIAL_BANDS.low) return 'low';
  if (cents <= FINANCIAL_BANDS.moderate) return 'moderate';
  if (cents <= FINANCIAL_BANDS.high) return 'high';
  return 'critical';
}
