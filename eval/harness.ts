import type { TestApp } from '../test/support/app.js';
import { editFor } from './answers.js';
import { apiFor, type Api, type Json } from './api.js';
import { checkExecutorCalls, checkUserInvariants, type Violation } from './invariants.js';
import type { Scenario } from './scenario.js';
import { signalBody } from './signals.js';
import { warmUp } from './warmup.js';

/** What the stored decision said, read back through GET /api/decisions/:id. */
export interface Observed {
  outcome: string;
  action: string | null;
  params: Record<string, unknown>;
  kind: string;
  domain: string;
  tier: string;
  deferred: boolean;
  summary: string;
  /** Codes of the outcome's reasons, e.g. new_domain, twin_unsure, quiet_hours_deferred. */
  reasons: string[];
  /** The action value the text model advised for the selected candidate, when it did. */
  textModel: string | null;
}

export interface ScenarioResult {
  id: string;
  description: string;
  expected: Scenario['expect'];
  /** A held-apart case only generalisation solves. */
  generalisation: boolean;
  observed: Observed | null;
  /** One line per expectation that did not hold; empty = match. */
  mismatches: string[];
  /** Setup or API failure: counts as a mismatch. */
  error: string | null;
  violations: Violation[];
  ms: number;
}

export interface EvalReport {
  results: ScenarioResult[];
  total: number;
  matched: number;
  matchRate: number;
  /** Share of the scenarios' decisions that asked the user (needs_approval). */
  interruptionRate: number;
  violations: (Violation & { scenario: string })[];
  ms: number;
}

let users = 0;

function observe(view: Json): Observed {
  return {
    outcome: String(view.outcome),
    action: view.selectedAction ? String(view.selectedAction.action) : null,
    params: (view.selectedAction?.parameters ?? {}) as Record<string, unknown>,
    kind: String(view.situation?.kind),
    domain: String(view.domain),
    tier: String(view.tier),
    deferred: view.notBefore !== null && view.notBefore !== undefined,
    summary: String(view.explanation?.summary ?? ''),
    reasons: Array.isArray(view.reasons) ? view.reasons.map((r: { code?: unknown }) => String(r.code)) : [],
    textModel: typeof view.selectedAction?.prediction?.similarMail?.value === 'string' ? view.selectedAction.prediction.similarMail.value : null,
  };
}

function compare(expected: Scenario['expect'], got: Observed): string[] {
  const out: string[] = [];
  if (got.outcome !== expected.outcome) out.push(`outcome ${expected.outcome} ≠ ${got.outcome}`);
  if (expected.action !== undefined && got.action !== expected.action) out.push(`action ${String(expected.action)} ≠ ${String(got.action)}`);
  for (const [key, value] of Object.entries(expected.params ?? {})) {
    if (JSON.stringify(got.params[key]) !== JSON.stringify(value)) out.push(`${key} ${JSON.stringify(value)} ≠ ${JSON.stringify(got.params[key])}`);
  }
  if (expected.kind !== undefined && got.kind !== expected.kind) out.push(`kind ${expected.kind} ≠ ${got.kind}`);
  if (expected.domain !== undefined && got.domain !== expected.domain) out.push(`domain ${expected.domain} ≠ ${got.domain}`);
  if (expected.deferred !== undefined && got.deferred !== expected.deferred) out.push(`deferred ${String(expected.deferred)} ≠ ${String(got.deferred)}`);
  return out;
}

async function twinVersion(api: Api, userId: string): Promise<number> {
  return Number((await api.get(`/api/users/${userId}/twin`)).version);
}

/**
 * Answers the decision as a user might (approve, reject, edit, confirm, undo) and checks that the
 * answer made a new twin version (invariant 6); what it stored is then part of the invariant check.
 */
async function answer(api: Api, userId: string, decisionId: string, view: Json, index: number): Promise<Violation[]> {
  const before = await twinVersion(api, userId);
  let answered = false;
  if (view.outcome === 'needs_approval' && view.approval?.status === 'pending') {
    const edit = editFor(view.approval.action?.type);
    const kind = ['approve', 'approve', 'reject', edit ? 'edit' : 'approve'][index % 4];
    await api.post(`/api/approvals/${view.approval.id}/${kind}`, kind === 'edit' ? { parameters: edit } : undefined);
    answered = true;
  } else if (view.outcome === 'shadow' || view.outcome === 'no_action') {
    await api.post(`/api/decisions/${decisionId}/feedback`, { kind: 'confirm' });
    answered = true;
  } else if (view.outcome === 'auto_execute') {
    await api.drain();
    // An irreversible action cannot be undone (409): then there is no answer to learn from.
    const undo = await api.post(`/api/decisions/${decisionId}/undo`, undefined, [202, 409]);
    answered = undo?.error === undefined;
  }
  await api.drain();
  const after = await twinVersion(api, userId);
  return answered && after <= before ? [{ invariant: '6 feedback', decisionId, detail: `answering ${view.outcome} left the twin at version ${after}` }] : [];
}

export async function runScenario(t: TestApp, scenario: Scenario, index: number): Promise<ScenarioResult> {
  const started = performance.now();
  const api = apiFor(t);
  const result: ScenarioResult = {
    id: scenario.id,
    description: scenario.description,
    expected: scenario.expect,
    generalisation: scenario.generalisation === true,
    observed: null,
    mismatches: [],
    error: null,
    violations: [],
    ms: 0,
  };
  const calls = t.executor.calls.length;
  let userId: string | null = null;
  try {
    const n = users++;
    const address = `eval.user${n}@${scenario.userDomain ?? 'northwind-labs.com'}`;
    // Set up (user, warm-up) four days before the scenario, so priors can sit days earlier still.
    api.setClock(new Date(new Date(scenario.now).getTime() - 4 * 86_400_000).toISOString());
    const created = await api.post('/api/users', { email: address, name: `Eval ${scenario.id}` }, [201]);
    const user = { id: String(created.id), email: address };
    userId = user.id;
    await warmUp(api, user, scenario.warmUp ?? {});
    if (scenario.settings) await api.put(`/api/users/${user.id}/settings`, scenario.settings);
    for (const [key, value] of Object.entries(scenario.preferences ?? {})) {
      await api.put(`/api/users/${user.id}/twin/preferences/${encodeURIComponent(key)}`, { value });
    }
    for (const [i, step] of (scenario.prior ?? []).entries()) {
      api.setClock(step.at ?? scenario.now);
      const ingested = await api.post('/api/events/ingest', signalBody(step.signal, user, `${scenario.id}-prior-${i}-${n}`, api.now()));
      const view = await api.get(`/api/decisions/${ingested.results[0].decisionId}`);
      if ((step.answer === 'approve' || step.answer === 'reject') && view.outcome === 'needs_approval') {
        await api.post(`/api/approvals/${view.approval.id}/${step.answer}`, undefined);
      } else if (step.answer !== undefined && typeof step.answer !== 'string' && (view.outcome === 'shadow' || view.outcome === 'no_action')) {
        // What the user wants: a confirmation where SkyTwin already chose it, a correction elsewhere.
        const chosen = view.selectedAction?.action === step.answer.correct;
        await api.post(`/api/decisions/${ingested.results[0].decisionId}/feedback`, chosen ? { kind: 'confirm' } : { kind: 'correct', action: step.answer.correct });
      } else if (step.answer === 'confirm' && (view.outcome === 'shadow' || view.outcome === 'no_action')) {
        await api.post(`/api/decisions/${ingested.results[0].decisionId}/feedback`, { kind: 'confirm' });
      }
      await api.drain();
    }
    api.setClock(scenario.now);
    const ingested = await api.post('/api/events/ingest', signalBody(scenario.signal, user, `${scenario.id}-${n}`, api.now()));
    const decisionId = String(ingested.results[0].decisionId);
    const view = await api.get(`/api/decisions/${decisionId}`);
    result.observed = observe(view);
    result.mismatches = compare(scenario.expect, result.observed);
    result.violations.push(...(await answer(api, user.id, decisionId, view, index)));
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
  }
  if (userId !== null) {
    result.violations.push(...(await checkUserInvariants(t.database.db, userId)));
    result.violations.push(...(await checkExecutorCalls(t.database.db, t.executor.calls.slice(calls))));
  }
  result.ms = performance.now() - started;
  return result;
}

/** Runs every scenario on one app, each with a user of its own, and sums up. */
export async function runScenarios(t: TestApp, scenarios: readonly Scenario[]): Promise<EvalReport> {
  const started = performance.now();
  const results: ScenarioResult[] = [];
  for (const [index, scenario] of scenarios.entries()) results.push(await runScenario(t, scenario, index));
  const matched = results.filter((r) => r.error === null && r.mismatches.length === 0).length;
  const decided = results.filter((r) => r.observed !== null);
  const asked = decided.filter((r) => r.observed?.outcome === 'needs_approval').length;
  return {
    results,
    total: results.length,
    matched,
    matchRate: results.length === 0 ? 0 : matched / results.length,
    interruptionRate: decided.length === 0 ? 0 : asked / decided.length,
    violations: results.flatMap((r) => r.violations.map((v) => ({ ...v, scenario: r.id }))),
    ms: performance.now() - started,
  };
}
