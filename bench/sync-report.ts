import { DEFAULT_BREAKER_TIMINGS } from '../src/resilience/index.js';
import { mean, ms, table, targetLine } from './stats.js';
import type { ApiRoute } from './sync-api-probe.js';
import type { SyncRunResult, Throughput } from './sync-run.js';
import { INGEST_GROUP } from './sync-worker.js';

export interface SyncReport {
  name: string;
  where: string;
  /** In the order they ran. */
  runs: SyncRunResult[];
}

/** Healthy throughput in the faulty runs over the clean runs': at least this. */
export const HEALTHY_RATIO_TARGET = 0.9;

const perSecond = (t: Throughput) => t.signals / (t.ms / 1000);
const seconds = (value: number) => ms(value / 1000, 1);
const percent = (share: number) => `${(share * 100).toFixed(0)}%`;

export function printSyncReport(r: SyncReport, out: (line: string) => void): void {
  const labels = runLabels(r.runs);
  const clean = r.runs.filter((run) => !run.plan.faulty);
  const faulty = r.runs.filter((run) => run.plan.faulty);
  const first = r.runs[0];
  if (!first) return;
  const plan = first.plan;
  out('');
  out(`== sync on ${r.name}: ${r.where}`);
  out(`   ${plan.users} users × (${plan.messages} messages + ${plan.events} events); worker concurrency ${first.cycle.concurrency} (SKYTWIN_WORKER_CONCURRENCY default);` +
    ` Google retries after 1 s, 2 s, 4 s; breakers open after ${DEFAULT_BREAKER_TIMINGS.threshold} failed cycles`);
  out(`   runs in the order ${labels.join(', ')}; each from nothing (fresh emulator, data dir and database, API and worker)`);
  out('');
  for (const line of table([
    ['run', 'users', 'signals', 'first sync s', 'signals/s', 'healthy users', 'healthy signals', 'healthy synced s', 'healthy signals/s', 'CPU s', 'cores used', 'CPU ms/signal', 'setup s', 'load avg'],
    ...r.runs.map((run, i) => [
      labels[i] ?? '',
      String(run.all.users),
      String(run.all.signals),
      seconds(run.cycle.wallMs),
      ms(perSecond(run.all), 0),
      String(run.healthy.users),
      String(run.healthy.signals),
      seconds(run.healthy.ms),
      ms(perSecond(run.healthy), 0),
      seconds(run.cpuMs),
      ms(run.cpuMs / run.cycle.wallMs),
      ms(run.cpuMs / run.all.signals),
      seconds(run.setupMs),
      `${ms(run.load[0])}→${ms(run.load[1])}`,
    ]),
  ])) out(`   ${line}`);
  out('   first sync s: from the start of the worker\'s poll cycle until every poll ended (signals stored as decisions, cursors reported);');
  out('   healthy synced s: until the last user without a fault was synced. Signals are decisions stored, counted through the API afterwards.');
  out('   CPU s: this process (API, worker and emulator threads) during the cycle; cores used = CPU s / first sync s: with other work on the');
  out('   machine, a run that got less CPU per second of wall time is slower for that reason alone.');

  const cleanRate = mean(clean.map((run) => perSecond(run.all)));
  const healthyRate = mean(faulty.map((run) => perSecond(run.healthy)));
  out('');
  out(`   time to the first full sync (clean): ${seconds(mean(clean.map((run) => run.cycle.wallMs)))} s on average; ` +
    `end to end ${ms(cleanRate, 0)} signals/s (emulator → worker → API → decisions stored)`);
  for (const [i, run] of faulty.entries()) printFaults(run, labels[r.runs.indexOf(run)] ?? `faulty ${i + 1}`, out);
  out('');
  out(`   ${targetLine({ label: 'healthy/clean ratio', measured: healthyRate / cleanRate, target: HEALTHY_RATIO_TARGET, kind: 'min', unit: '' })}`);
  out(`   = healthy signals/s in the faulty runs ${ms(healthyRate, 0)} (mean) / signals/s in the clean runs ${ms(cleanRate, 0)} (mean);` +
    ` each faulty run over that: ${faulty.map((run) => ms(perSecond(run.healthy) / cleanRate)).join(', ')}`);
  if (clean.length > 1) {
    const rates = clean.map((run) => perSecond(run.all));
    out(`   noise: the clean runs alone differ by up to ${percent(Math.max(...rates) / Math.min(...rates) - 1)} (${rates.map((rate) => ms(rate, 0)).join(', ')} signals/s)`);
  }
  const cpuPerSignal = (runs: SyncRunResult[]) => mean(runs.map((run) => run.cpuMs / run.all.signals));
  out(`   cross-check free of the machine's load: CPU per signal ${ms(cpuPerSignal(faulty))} ms in the faulty runs, ${ms(cpuPerSignal(clean))} ms in the clean runs` +
    ` (clean/faulty ${ms(cpuPerSignal(clean) / cpuPerSignal(faulty))}; the faulty users' own work is included)`);
  printTime(r.runs, labels, out);
}

function runLabels(runs: SyncRunResult[]): string[] {
  const seen = { clean: 0, faulty: 0 };
  return runs.map((run) => {
    const kind = run.plan.faulty ? 'faulty' : 'clean';
    seen[kind] += 1;
    return `${kind} ${seen[kind]}`;
  });
}

function printFaults(run: SyncRunResult, label: string, out: (line: string) => void): void {
  const faulty = run.faulty;
  if (!faulty) return;
  const outcome = (id: string) => run.cycle.users.find((user) => user.userId === id);
  const revoked = outcome(faulty.revoked);
  const failing = outcome(faulty.failing);
  const gmail503 = run.googleCalls.filter((c) => c.endpoint.startsWith('gmail.') && c.status === '503').reduce((sum, c) => sum + c.count, 0);
  const held = Math.max(0, Math.min(failing?.doneMs ?? NaN, run.healthy.ms) - (failing?.startMs ?? NaN));
  out(`   ${label}: faulty users polled ${ordinal(faulty.places[0])} and ${ordinal(faulty.places[1])} of ${run.all.users}`);
  out(`     refresh token revoked: its poll ended after ${ms(revoked?.doneMs ?? NaN, 0)} ms without a Google call for data, ${run.stored.get(faulty.revoked) ?? 0} decisions (connection now needs_reconnect)`);
  out(`     Gmail 503 on every call: ${gmail503} Gmail calls answered 503, ${run.cycle.retries.count} retries waited ${seconds(run.cycle.retries.waitMs)} s;` +
    ` its calendar still synced (${run.stored.get(faulty.failing) ?? 0} decisions); poll ended after ${seconds(failing?.doneMs ?? NaN)} s`);
  out(`     that poll held one lane of ${run.cycle.concurrency} for ${seconds(held)} s of the ${seconds(run.healthy.ms)} s until the last healthy user was synced` +
    ` (${percent(held / (run.cycle.concurrency * run.healthy.ms))} of the lane time)`);
}

const ROUTES: [ApiRoute, string][] = [
  ['ingest', 'POST ingest'],
  ['token', 'POST google-token'],
  ['report', 'PUT sync report'],
  ['targets', 'GET sync-targets'],
];

function printTime(runs: SyncRunResult[], labels: string[], out: (line: string) => void): void {
  out('');
  out('   where the time goes, worker side: lane time (each of the worker\'s lanes does one thing at a time) as a share of lanes × first-sync time');
  const rows = [['run', 'Google calls + parsing', 'token from API', 'POST ingest', 'PUT report', 'idle / tail', 'ingest POSTs', 'ms per POST', 'lane ms per signal']];
  for (const [i, run] of runs.entries()) {
    const lanes = run.cycle.lanes;
    const whole = run.cycle.concurrency * run.cycle.wallMs;
    const busy = lanes.googleMs + lanes.tokenMs + lanes.ingestMs + lanes.reportMs;
    rows.push([
      labels[i] ?? '',
      percent(lanes.googleMs / whole),
      percent(lanes.tokenMs / whole),
      percent(lanes.ingestMs / whole),
      percent(lanes.reportMs / whole),
      percent((whole - busy) / whole),
      String(run.cycle.ingestPosts),
      ms(lanes.ingestMs / run.cycle.ingestPosts, 0),
      ms(lanes.ingestMs / run.all.signals),
    ]);
  }
  for (const line of table(rows)) out(`   ${line}`);

  out('   API side (Node\'s HTTP diagnostics channels: headers in → answer written; overlapping requests add up):');
  const apiRows = [['run', ...ROUTES.flatMap(([, name]) => [`${name} n`, 'mean ms']), 'ingest max ms', 'ingest ms per signal', 'ingests in flight (mean)', 'loop delay p50/p99/max ms']];
  for (const [i, run] of runs.entries()) {
    const time = (route: ApiRoute) => run.apiTimes.find((t) => t.route === route) ?? { route, requests: 0, totalMs: 0, maxMs: NaN };
    const ingest = time('ingest');
    apiRows.push([
      labels[i] ?? '',
      ...ROUTES.flatMap(([route]) => [String(time(route).requests), ms(time(route).totalMs / time(route).requests, 0)]),
      ms(ingest.maxMs, 0),
      ms(ingest.totalMs / run.all.signals),
      ms(ingest.totalMs / run.cycle.wallMs, 1),
      `${ms(run.apiLoopDelay.p50, 0)}/${ms(run.apiLoopDelay.p99, 0)}/${ms(run.apiLoopDelay.max, 0)}`,
    ]);
  }
  for (const line of table(apiRows)) out(`     ${line}`);

  out('   the worker\'s HTTP requests phase by phase (undici diagnostics channels), mean ms per request:');
  const phaseRows = [['run', 'requests to', 'n', 'connect', 'send', 'until answered', 'read answer']];
  for (const [i, run] of runs.entries()) {
    for (const [group, p] of Object.entries(run.cycle.http).sort()) {
      phaseRows.push([labels[i] ?? '', group, String(p.requests), ms(p.connectMs / p.requests, 1), ms(p.sendMs / p.requests, 1), ms(p.answerMs / p.requests, 1), ms(p.readMs / p.requests, 1)]);
    }
  }
  for (const line of table(phaseRows)) out(`     ${line}`);
  for (const [i, run] of runs.entries()) {
    const client = run.cycle.http[INGEST_GROUP];
    const server = run.apiTimes.find((t) => t.route === 'ingest');
    if (!client || !server) continue;
    const answered = client.answerMs / client.requests;
    const inside = server.totalMs / server.requests;
    const loop = run.cycle.loopDelay;
    out(`     ${(labels[i] ?? '').padEnd(8)}: an ingest POST took ${ms(answered, 0)} ms at the worker, ${ms(inside, 0)} ms of it inside the API; ${ms(answered - inside, 0)} ms it waited` +
      ` for an event loop (worker thread's loop delay p50/p99/max ${ms(loop.p50, 0)}/${ms(loop.p99, 0)}/${ms(loop.max, 0)} ms; the API's above)`);
  }
  out('   busy share of the first-sync time per thread (event-loop utilisation):');
  for (const [i, run] of runs.entries()) {
    out(`     ${(labels[i] ?? '').padEnd(8)}: API ${percent(run.busy.api)}, sync worker ${percent(run.busy.worker)}, Google emulator ${percent(run.busy.google)}`);
  }
  const first = runs.find((run) => !run.plan.faulty) ?? runs[0];
  if (!first) return;
  out(`   Google calls as the worker saw them (${labels[runs.indexOf(first)] ?? ''}), round trip in ms:`);
  for (const line of table([
    ['operation', 'calls', 'p50', 'p90', 'p99', 'max'],
    ...[...first.cycle.googleCalls]
      .sort((a, b) => b.latency.count - a.latency.count)
      .map((c) => [c.operation, String(c.latency.count), ms(c.latency.p50, 0), ms(c.latency.p90, 0), ms(c.latency.p99, 0), ms(c.latency.max, 0)]),
  ])) out(`     ${line}`);
}

function ordinal(n: number): string {
  const suffix = n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th';
  return `${n}${suffix}`;
}
