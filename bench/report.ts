import type { Layer, PhaseProfile } from './profile.js';
import { SIGNAL_MIX } from './signals.js';
import { ms, summarize, table, targetLine, type Summary } from './stats.js';

export interface ModeResult {
  signals: number;
  seconds: number;
  /** Per request: one decision in single mode, one batch in batched mode. */
  latency: Summary;
  requests: number;
}

export interface BackendReport {
  name: string;
  where: string;
  /** 1-minute load average at the start and the end: other work on the machine skews every figure. */
  load: [number, number];
  users: number;
  batchSize: number;
  health: Summary;
  single: ModeResult;
  /** Single-mode p50 over the first and the last tenth of the run: does a growing history slow decisions? */
  drift: { first: Summary; last: Summary };
  batched: ModeResult;
  outcomes: Map<string, number>;
  profile: PhaseProfile;
}

/** The targets are set for the embedded database; a server is compared with them for reference. */
export const TARGETS = { singleP50Ms: 5, singleP99Ms: 25, batchedPerSecond: 500 } as const;

export function driftOf(latencies: readonly number[]): BackendReport['drift'] {
  const tenth = Math.max(1, Math.floor(latencies.length / 10));
  return { first: summarize(latencies.slice(0, tenth)), last: summarize(latencies.slice(-tenth)) };
}

const rate = (mode: ModeResult) => mode.signals / mode.seconds;
const percent = (share: number) => `${(share * 100).toFixed(0)}%`;

export function printReport(r: BackendReport, out: (line: string) => void): void {
  out('');
  out(`== pipeline on ${r.name}: ${r.where}`);
  out(`   load average ${ms(r.load[0])} at the start, ${ms(r.load[1])} at the end`);
  out(`   ${r.users} users; mix ${SIGNAL_MIX.map(([kind, share]) => `${kind} ${percent(share)}`).join(', ')}; batches of ${r.batchSize} signals of one user`);
  out('');
  for (const line of table([
    ['mode', 'signals', 'seconds', 'signals/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'latency of'],
    ['single', String(r.single.signals), ms(r.single.seconds), ms(rate(r.single), 0), ms(r.single.latency.p50), ms(r.single.latency.p90), ms(r.single.latency.p99), ms(r.single.latency.max), 'one decision (1 POST)'],
    ['batched', String(r.batched.signals), ms(r.batched.seconds), ms(rate(r.batched), 0), ms(r.batched.latency.p50), ms(r.batched.latency.p90), ms(r.batched.latency.p99), ms(r.batched.latency.max), `one POST of ≤${r.batchSize}`],
  ])) out(`   ${line}`);
  out(`   batched: ${ms(r.batched.latency.mean / (r.batched.signals / r.batched.requests))} ms per decision on average`);
  out(`   single p50 over the run: first tenth ${ms(r.drift.first.p50)} ms, last tenth ${ms(r.drift.last.p50)} ms` +
    ` (p99 ${ms(r.drift.first.p99)} → ${ms(r.drift.last.p99)} ms)`);
  out(`   loopback floor: GET /api/health/live p50 ${ms(r.health.p50)} ms, p99 ${ms(r.health.p99)} ms (no database, no auth)`);
  out(`   outcomes (single + batched): ${[...r.outcomes.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  out('');
  out(`   targets${r.name === 'embedded' ? '' : ' (set for the embedded database; shown for reference)'}:`);
  out(`   ${targetLine({ label: 'single p50 latency', measured: r.single.latency.p50, target: TARGETS.singleP50Ms, kind: 'max', unit: 'ms' })}`);
  out(`   ${targetLine({ label: 'single p99 latency', measured: r.single.latency.p99, target: TARGETS.singleP99Ms, kind: 'max', unit: 'ms' })}`);
  out(`   ${targetLine({ label: 'batched throughput', measured: rate(r.batched), target: TARGETS.batchedPerSecond, kind: 'min', unit: 'signals/s' })}`);
  printProfile(r, out);
}

function printProfile(r: BackendReport, out: (line: string) => void): void {
  const p = r.profile;
  const js = (layer: Layer) => layer.totalMs - layer.sqlMs;
  const glue = js(p.ingest) - p.decideMs;
  const routeSql = p.http.sqlMs - p.ingest.sqlMs;
  const routeStatements = p.http.statements - p.ingest.statements;
  const fastify = js(p.inject) - js(p.ingest);
  const transport = js(p.http) - js(p.inject);
  const whole = p.http.totalMs;
  const share = (value: number) => percent(value / whole);
  out('');
  out(`   where the time goes: mean per signal over ${p.samples} signals, one per request, on the same database after the run;`);
  out('   in-process ingestSignals, app.inject and a loopback POST take turns signal by signal, so the layers compare fairly');
  for (const line of table([
    ['layer', 'ms', 'share', 'how measured'],
    [`SQL in ingestSignals (${p.ingest.statements.toFixed(1)} statements)`, ms(p.ingest.sqlMs), share(p.ingest.sqlMs), 'Kysely log: driver + database time, BEGIN/COMMIT included'],
    [`SQL in the route (${routeStatements.toFixed(1)} statements)`, ms(routeSql), share(routeSql), 'loopback POST minus ingestSignals'],
    ['pipeline: decide()', ms(p.decideMs), share(p.decideMs), 'the pure call, on the inputs ingest gathers'],
    ['services/store JS (query building, mapping)', ms(glue), share(glue), 'ingestSignals minus its SQL minus decide()'],
    ['Fastify: routing, validation, auth, JSON', ms(fastify), share(fastify), 'app.inject minus ingestSignals, SQL excluded'],
    ['HTTP over loopback + fetch client', ms(transport), share(transport), 'loopback POST minus app.inject, SQL excluded'],
    ['= loopback POST, one signal', ms(whole), '100%', `the timed run: mean ${ms(r.single.latency.mean)} ms, p50 ${ms(r.single.latency.p50)} ms`],
  ])) out(`   ${line}`);
  out(`   per statement: ${ms(p.http.sqlMs / p.http.statements, 3)} ms on average; floor (SELECT 1 through Kysely + node-postgres) ${ms(p.floorMs.kysely, 3)} ms` +
    (p.floorMs.direct !== null ? `, on PGlite directly ${ms(p.floorMs.direct, 3)} ms` : ''));
  out('');
  out('   statements per signal in ingestSignals, by SQL time:');
  for (const line of table([
    ['statement', 'per signal', 'mean ms', 'share of SQL'],
    ...p.topStatements.map((s) => [s.statement, s.perSignal.toFixed(2), ms(s.meanMs, 3), percent(s.share)]),
  ])) out(`     ${line}`);
  const kinds = new Map<string, number>();
  for (const row of p.situations) kinds.set(row.kind, (kinds.get(row.kind) ?? 0) + row.n);
  out(`   situations stored: ${[...kinds.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ')}`);
}
