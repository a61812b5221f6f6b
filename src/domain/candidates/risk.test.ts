import { describe, expect, it } from 'vitest';
import type { ActionSpec, ActionType, RiskLevel, Situation, SituationKind } from '../types.js';
import { financialLevel } from './levels.js';
import { assessRisk } from './risk.js';

function situation(kind: SituationKind = 'newsletter'): Situation {
  return {
    kind,
    domain: 'email',
    urgency: 'normal',
    confidence: 0.9,
    summary: 'test',
    evidence: ['test'],
    facts: { counterpart: 'bob@example.com', currency: 'USD' },
  };
}

function action(type: ActionType, parameters: Record<string, unknown> = {}, extra: Partial<ActionSpec> = {}): ActionSpec {
  return { type, domain: 'email', parameters, reversibility: 'full', estimatedCostCents: 0, ...extra };
}

describe('financialLevel', () => {
  it.each([
    [0, 'negligible'],
    [1, 'low'],
    [2000, 'low'],
    [2001, 'moderate'],
    [10000, 'moderate'],
    [10001, 'high'],
    [100000, 'high'],
    [100001, 'critical'],
  ] as const)('%i cents → %s', (cents, level) => {
    expect(financialLevel(cents)).toBe(level);
  });
});

describe('assessRisk', () => {
  it('rates archiving a newsletter negligible everywhere, with a concrete reason', () => {
    const risk = assessRisk(action('archive', { messageId: 'm1', threadId: 't1' }), situation());
    expect(risk.overall).toBe('negligible');
    expect(risk.dimensions.reversibility.reason).toBe('archiving can be undone by moving the message back to the inbox');
    for (const dimension of Object.values(risk.dimensions)) expect(dimension.reason.length).toBeGreaterThan(5);
  });

  const rows: { name: string; action: ActionSpec; kind?: SituationKind; dimension: keyof ReturnType<typeof assessRisk>['dimensions']; level: RiskLevel; overall?: RiskLevel }[] = [
    { name: 'rsvp decline strains the relationship', action: action('rsvp', { response: 'declined' }, { reversibility: 'partial' }), dimension: 'relationship', level: 'moderate', overall: 'moderate' },
    { name: 'rsvp accept is low', action: action('rsvp', { response: 'accepted' }, { reversibility: 'partial' }), dimension: 'relationship', level: 'low' },
    { name: 'rsvp is only partly reversible', action: action('rsvp', { response: 'accepted' }, { reversibility: 'partial' }), dimension: 'reversibility', level: 'moderate' },
    { name: 'accepting a conflicting invite double-books', action: action('rsvp', { response: 'accepted' }, { reversibility: 'partial' }), kind: 'calendar_conflict', dimension: 'operational', level: 'moderate' },
    { name: 'approving a $45 renewal', action: action('approve_renewal', { amountCents: 4500 }, { reversibility: 'none', estimatedCostCents: 4500 }), kind: 'subscription_renewal', dimension: 'financial', level: 'moderate', overall: 'high' },
    { name: 'approving a renewal of unknown amount', action: action('approve_renewal', { amountCents: null }, { reversibility: 'none' }), kind: 'subscription_renewal', dimension: 'financial', level: 'high' },
    { name: 'a renewal whose edited amount exceeds the estimate', action: action('approve_renewal', { amountCents: 250000 }, { reversibility: 'none', estimatedCostCents: 100 }), dimension: 'financial', level: 'critical', overall: 'critical' },
    { name: 'mail to 11 recipients', action: action('send_email', { to: Array.from({ length: 11 }, (_, i) => `p${i}@x.com`) }, { reversibility: 'none' }), dimension: 'privacy', level: 'high', overall: 'high' },
    { name: 'mail to a comma list of 12', action: action('send_email', { to: Array.from({ length: 6 }, (_, i) => `p${i}@x.com`).join(','), cc: Array.from({ length: 6 }, (_, i) => `c${i}@x.com`) }), dimension: 'privacy', level: 'high' },
    { name: 'mail to one person is still irreversible', action: action('send_email', { to: ['bob@x.com'] }, { reversibility: 'none' }), dimension: 'reversibility', level: 'high', overall: 'high' },
    { name: 'permanent deletion', action: action('delete_permanently', { messageId: 'm1' }, { reversibility: 'none' }), dimension: 'operational', level: 'high', overall: 'high' },
    { name: 'accepting terms', action: action('accept_terms', {}, { reversibility: 'none' }), dimension: 'legal', level: 'high', overall: 'high' },
    { name: 'sharing credentials', action: action('share_credentials', {}, { reversibility: 'none' }), dimension: 'privacy', level: 'critical', overall: 'critical' },
    { name: 'changing security settings', action: action('change_security_settings', {}, { reversibility: 'unknown' }), dimension: 'operational', level: 'critical', overall: 'critical' },
    { name: 'unknown reversibility counts as irreversible', action: action('change_security_settings', {}, { reversibility: 'unknown' }), dimension: 'reversibility', level: 'high' },
    { name: 'archiving a security alert', action: action('archive', { messageId: 'm1' }), kind: 'security_alert', dimension: 'privacy', level: 'high', overall: 'high' },
    { name: 'marking a security alert read', action: action('mark_read', { messageId: 'm1' }), kind: 'security_alert', dimension: 'operational', level: 'high' },
    { name: 'archiving an upcoming charge', action: action('archive', { messageId: 'm1' }), kind: 'subscription_renewal', dimension: 'operational', level: 'moderate' },
    { name: 'a draft is not sent', action: action('draft_reply', { to: ['bob@x.com'], body: 'Hi' }), kind: 'work_request', dimension: 'relationship', level: 'low', overall: 'low' },
    { name: 'send_email that claims to be reversible is still rated irreversible', action: action('send_email', { to: ['a@b.com'] }, { reversibility: 'full' }), dimension: 'reversibility', level: 'high' },
    { name: 'archive recorded as irreversible keeps the stricter record', action: action('archive', {}, { reversibility: 'none' }), dimension: 'reversibility', level: 'high' },
    { name: 'negative cost', action: action('archive', {}, { estimatedCostCents: -5 }), dimension: 'financial', level: 'high' },
    { name: 'fractional cost', action: action('archive', {}, { estimatedCostCents: 1.5 }), dimension: 'financial', level: 'high' },
    { name: 'a plain cost', action: action('archive', {}, { estimatedCostCents: 1500 }), dimension: 'financial', level: 'low' },
    { name: 'an unknown action type', action: action('launch_rockets' as ActionType), dimension: 'operational', level: 'high', overall: 'high' },
  ];

  it.each(rows)('$name: $dimension is $level', ({ action: spec, kind, dimension, level, overall }) => {
    const risk = assessRisk(spec, situation(kind));
    expect(risk.dimensions[dimension].level).toBe(level);
    if (overall !== undefined) expect(risk.overall).toBe(overall);
  });

  it('survives parameters that are not an object', () => {
    const odd = { type: 'rsvp', domain: 'calendar', parameters: null, reversibility: 42, estimatedCostCents: Number.NaN } as unknown as ActionSpec;
    const risk = assessRisk(odd, situation('calendar_invitation'));
    expect(risk.dimensions.relationship.level).toBe('moderate');
    expect(risk.dimensions.financial.level).toBe('high');
    expect(risk.dimensions.reversibility.level).toBe('high');
  });
});
