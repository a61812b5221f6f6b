import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editFor } from '../../eval/answers.js';
import { apiFor, type Api, type Json } from '../../eval/api.js';
import { checkExecutorCalls, checkUserInvariants, type Violation } from '../../eval/invariants.js';
import type { SettingsSpec, SignalSpec } from '../../eval/scenario.js';
import { signalBody } from '../../eval/signals.js';
import { warmUp } from '../../eval/warmup.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { preferencesFor, settingsSpec, signalSpec } from './arbitraries.js';

// The seven safety invariants of DESIGN.md against the live pipeline: random signals × random
// settings × random twin states, ingested over HTTP, checked on what the API and the store hold.

const RISK_LEVELS = ['negligible', 'low', 'moderate', 'high', 'critical'];
const DIMENSIONS = ['reversibility', 'financial', 'legal', 'privacy', 'relationship', 'operational'];

interface PoolUser {
  id: string;
  email: string;
}

describe('safety invariants hold for random signals, settings and twins (live pipeline)', () => {
  let t: TestApp;
  let api: Api;
  /** Users who have 10 actions executed in every domain, so every outcome is reachable. */
  const warm: PoolUser[] = [];
  let n = 0;
  const seen = new Map<string, number>();

  async function newUser(): Promise<PoolUser> {
    const email = `prop.user${n++}@northwind-labs.com`;
    const created = await api.post('/api/users', { email }, [201]);
    return { id: String(created.id), email };
  }

  beforeAll(async () => {
    t = await startTestApp('embedded', undefined);
    api = apiFor(t);
    api.setClock('2026-11-20T09:00:00Z');
    for (let i = 0; i < 2; i++) {
      const user = await newUser();
      await warmUp(api, user, { email: 10, calendar: 10, finance: 10 });
      warm.push(user);
    }
  });
  afterAll(async () => t.close());

  /** The decision as the API shows it obeys the invariants visible there. */
  function checkView(view: Json, settings: SettingsSpec): string[] {
    const problems: string[] = [];
    if (typeof view.explanation?.summary !== 'string' || view.explanation.summary.trim() === '') problems.push('no explanation summary');
    const tier = settings.trustTiers?.[view.domain as 'email' | 'calendar' | 'finance'];
    if (view.tier !== tier) problems.push(`decided at tier ${view.tier}, settings say ${String(tier)}`);
    if ((view.tier === 'observer') !== (view.outcome === 'shadow')) problems.push(`tier ${view.tier} with outcome ${view.outcome}`);
    if (view.outcome === 'auto_execute' && view.selectedAction?.verdict !== 'allowed') problems.push('auto_execute without an allowed verdict');
    if (view.outcome === 'needs_approval' && view.approval?.status !== 'pending') problems.push('needs_approval without a pending approval');
    if (view.outcome !== 'auto_execute' && view.execution !== null) problems.push(`${view.outcome} with an execution`);
    if (!Array.isArray(view.candidates) || view.candidates.length === 0) problems.push('no candidates');
    for (const c of view.candidates ?? []) {
      if (!RISK_LEVELS.includes(c.risk?.overall)) problems.push(`${c.action}: no overall risk`);
      for (const name of DIMENSIONS) {
        const dim = c.risk?.dimensions?.[name];
        if (!RISK_LEVELS.includes(dim?.level) || typeof dim?.reason !== 'string' || dim.reason.trim() === '') problems.push(`${c.action}: ${name} lacks a level or reason`);
      }
      if (!['allowed', 'needs_approval', 'denied'].includes(c.verdict)) problems.push(`${c.action}: verdict ${c.verdict}`);
    }
    return problems;
  }

  /** Answers like a user would and checks that the twin got a new version (invariant 6). */
  async function respond(user: PoolUser, view: Json, choice: number): Promise<string[]> {
    const before = Number((await api.get(`/api/users/${user.id}/twin`)).version);
    let status: number | null = null;
    if (view.outcome === 'needs_approval') {
      const edit = editFor(view.approval.action?.type);
      const kind = ['approve', 'reject', edit ? 'edit' : 'approve'][choice % 3];
      const payload = kind === 'edit' ? { parameters: edit } : undefined;
      status = (await t.call({ method: 'POST', url: `/api/approvals/${view.approval.id}/${kind}`, ...(payload ? { payload } : {}) })).status;
    } else if (view.outcome === 'auto_execute') {
      await api.drain();
      status = (await t.call({ method: 'POST', url: `/api/decisions/${view.id}/undo` })).status;
    } else {
      status = (await t.call({ method: 'POST', url: `/api/decisions/${view.id}/feedback`, payload: { kind: 'confirm' } })).status;
    }
    await api.drain();
    if (status >= 500) return [`answering ${view.outcome} answered ${status}`];
    const after = Number((await api.get(`/api/users/${user.id}/twin`)).version);
    if (status < 300 && after <= before) return [`answered ${view.outcome} (${status}) but the twin stayed at version ${after}`];
    if (status >= 300 && after !== before) return [`a refused answer (${status}) still changed the twin`];
    return [];
  }

  it('every stored decision obeys the seven invariants', async () => {
    await fc.assert(
      fc.asyncProperty(
        signalSpec.chain((signal) =>
          fc.record({
            who: fc.integer({ min: 0, max: 2 }),
            settings: settingsSpec,
            preferences: preferencesFor(signal),
            prior: fc.option(signalSpec, { nil: null }),
            signal: fc.constant(signal),
            minutes: fc.integer({ min: 1, max: 600 }),
            choice: fc.nat(),
          }),
        ),
        async ({ who, settings, preferences, prior, signal, minutes, choice }) => {
          // Time only moves forward, as it does for a real user, so history stays consistent.
          t.clock.advance(minutes * 60_000);
          const user = who < warm.length ? (warm[who] as PoolUser) : await newUser();
          await api.put(`/api/users/${user.id}/settings`, settings);
          // The twin starts each run from exactly the generated preferences, so a counterexample reproduces.
          for (const preference of (await api.get(`/api/users/${user.id}/twin`)).preferences as { key: string }[]) {
            await api.delete(`/api/users/${user.id}/twin/preferences/${encodeURIComponent(preference.key)}`);
          }
          for (const [key, value] of Object.entries(preferences)) {
            await api.put(`/api/users/${user.id}/twin/preferences/${encodeURIComponent(key)}`, { value });
          }
          const calls = t.executor.calls.length;
          const ids: string[] = [];
          for (const spec of [prior, signal].filter((s): s is SignalSpec => s !== null)) {
            const body = signalBody(spec, user, `prop-${n++}`, t.clock.now());
            const answer = await api.post('/api/events/ingest', body);
            ids.push(String(answer.results[0].decisionId));
          }
          const problems: string[] = [];
          for (const id of ids) problems.push(...checkView(await api.get(`/api/decisions/${id}`), settings));
          const last = await api.get(`/api/decisions/${ids.at(-1)}`);
          seen.set(last.outcome, (seen.get(last.outcome) ?? 0) + 1);
          problems.push(...(await respond(user, last, choice)));
          const violations: Violation[] = [
            ...(await checkUserInvariants(t.database.db, user.id, ids)),
            ...(await checkExecutorCalls(t.database.db, t.executor.calls.slice(calls))),
          ];
          expect([...problems, ...violations.map((v) => `[${v.invariant}] ${v.detail}`)]).toEqual([]);
        },
      ),
      { numRuns: 100 },
    );
    console.log(`outcomes reached: ${[...seen].map(([k, v]) => `${k} ${v}`).join(', ')}`);
    // A property that never reaches auto_execute would check the invariants only where they are easy.
    for (const outcome of ['auto_execute', 'needs_approval', 'shadow', 'no_action']) expect(seen.get(outcome) ?? 0, outcome).toBeGreaterThan(0);
  }, 120_000);

  it('garbage bodies never cause a 500 and never write a row', async () => {
    const user = await newUser();
    const valid = signalBody(
      { source: 'gmail', from: 'Bob <bob@example.com>', subject: 'Lunch?', bodyText: 'still on?', labels: ['INBOX'] },
      user,
      'garbage-base',
      t.clock.now(),
    );
    const REQUIRED = ['userId', 'source', 'externalId', 'type', 'occurredAt', 'data'];
    const DATA_FIELDS = ['messageId', 'threadId', 'from', 'to', 'cc', 'subject', 'snippet', 'labels', 'listUnsubscribe', 'bodyText'];
    const wrongValue = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { minLength: 1, maxLength: 2 }), fc.dictionary(fc.string(), fc.integer(), { maxKeys: 2 }));
    const broken = fc.oneof(
      fc.constantFrom(...REQUIRED).map((field) => {
        const copy: Record<string, unknown> = { ...valid };
        delete copy[field];
        return copy;
      }),
      fc.tuple(fc.constantFrom(...DATA_FIELDS), wrongValue).map(([field, value]) => ({ ...valid, data: { ...(valid.data as object), [field]: field === 'listUnsubscribe' && value === null ? 7 : value } })),
      fc.tuple(fc.constantFrom('occurredAt', 'source', 'type', 'userId'), fc.oneof(fc.string({ maxLength: 20 }), fc.integer())).map(([field, value]) => ({ ...valid, [field]: value })),
      fc.record({ signals: fc.array(fc.anything(), { maxLength: 3 }) }),
    );
    // One bad signal in a batch refuses the whole batch, the good ones included.
    const mixed = broken.filter((b) => !('signals' in b)).map((b) => ({ signals: [valid, b] }));
    const body = fc.oneof(fc.anything(), fc.jsonValue(), broken, mixed);
    const raw = fc.string({ maxLength: 60 }).filter((s) => {
      try {
        JSON.parse(s);
        return false;
      } catch {
        return true;
      }
    });
    const tables = ['signals', 'decisions', 'actions', 'approval_requests', 'feedback_events'] as const;
    const counts = async () => Promise.all(tables.map(async (table) => Number((await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n)));
    const before = await counts();
    await fc.assert(
      fc.asyncProperty(fc.oneof(body.map((b) => ({ json: true as const, b })), raw.map((b) => ({ json: false as const, b }))), async (input) => {
        const response = input.json
          ? await t.call({ method: 'POST', url: '/api/events/ingest', payload: JSON.stringify(input.b) ?? 'null', headers: { 'content-type': 'application/json' } })
          : await t.call({ method: 'POST', url: '/api/events/ingest', payload: input.b, headers: { 'content-type': 'application/json' } });
        expect(response.status, JSON.stringify(response.body)).toBeGreaterThanOrEqual(400);
        expect(response.status, JSON.stringify(response.body)).toBeLessThan(500);
        expect(typeof response.body?.error?.code).toBe('string');
      }),
      { numRuns: 150 },
    );
    expect(await counts()).toEqual(before);
  }, 60_000);
});
