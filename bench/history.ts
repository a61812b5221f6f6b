import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { startApi, type RunningApi } from '../src/api/index.js';
import { parseConfig, type Config } from '../src/config/index.js';
import type { Signal } from '../src/domain/index.js';
import { migrate, MIGRATIONS, openDatabase } from '../src/store/index.js';
import type { BenchContext, Benchmark } from './benchmark.js';
import { withCleanup, type Cleanup } from './cleanup.js';
import { fillHistory } from './history-fill.js';
import { ApiClient, ingestResults } from './http.js';
import { LoadClient, type LoadRequest } from './load.js';
import { seasonUsers } from './season.js';
import { benchUsers, signalStream, type BenchUser } from './signals.js';
import { ms, summarize, table } from './stats.js';

const USERS = 100;
const TEMPLATE_SIGNALS = 4_000;
const SPAN_DAYS = 90;
const BATCH_SIZE = 100;
const ROUNDS = 3;
const READY_TIMEOUT_MS = 600_000;

/**
 * Ingest against a database holding a long history (1,000,000 decisions by default, over 90
 * days and 100 users) ÷ the same users with only their first weeks: the reads ingest makes must
 * be index lookups bounded by what they return, not scans that grow with history. The filled
 * database is made once per schema, set-based from rows the real pipeline wrote, and kept in the
 * temp folder for later runs.
 */
export const historyBenchmark: Benchmark = {
  name: 'history',
  async run({ out, env }: BenchContext) {
    const decisions = wholeNumber(env.BENCH_HISTORY_DECISIONS, 'BENCH_HISTORY_DECISIONS', 1_000_000);
    const signals = wholeNumber(env.BENCH_SIGNALS, 'BENCH_SIGNALS', 600);
    const given = env.BENCH_HISTORY_CACHE?.trim();
    const cacheDir = given || join(tmpdir(), `skytwin-history-${schemaKey()}`);
    out(`history: ${decisions} decisions stored for ${USERS} users over ${SPAN_DAYS} days vs. the same users with ${TEMPLATE_SIGNALS}; embedded`);
    out(`   filled database: ${cacheDir} (kept between runs; delete it to fill again)`);
    if (given) out('   (named by BENCH_HISTORY_CACHE: one made under earlier migrations is brought up to date by the new ones, as an upgrade would be)');
    const cache = await prepareCache(cacheDir, decisions, out);
    await withCleanup(async (cleanup) => {
      const emptyDir = mkdtempSync(join(tmpdir(), 'skytwin-history-empty-'));
      cleanup.add(`remove ${emptyDir}`, () => rmSync(emptyDir, { recursive: true, force: true }));
      cpSync(join(cacheDir, 'template', 'db'), join(emptyDir, 'db'), { recursive: true });
      const filledDir = join(cacheDir, `filled-${decisions}`);
      for (const [name, dir] of [['empty', emptyDir], ['full', filledDir]] as const) {
        const started = performance.now();
        const applied = await migrated(benchConfig(dir));
        if (applied.length > 0) out(`   ${name}: migrations ${applied.join(', ')} applied in ${seconds(started)} s`);
      }
      const empty = await runningApi('empty', benchConfig(emptyDir), cleanup, out);
      const full = await runningApi('full', benchConfig(filledDir), cleanup, out);
      out(`   stored decisions before this run: empty ${cache.templateDecisions}, full ${cache.filledDecisions} (each run adds ${2 * signals + 50})`);
      await timeRounds(empty, full, cache.users, signals, out);
    }, out);
  },
};

interface Cached {
  users: BenchUser[];
  fillSeconds: number;
  templateDecisions: number;
  filledDecisions: number;
}

interface Target {
  name: string;
  api: RunningApi;
  load: LoadClient;
}

/** The template (the real pipeline's rows, once per schema) and its filled copy (once per schema and size). */
async function prepareCache(cacheDir: string, decisions: number, out: (line: string) => void): Promise<Cached> {
  const marker = join(cacheDir, `filled-${decisions}`, 'ready.json');
  if (existsSync(marker)) {
    const cached = JSON.parse(readFileSync(marker, 'utf8')) as Cached;
    out(`   reusing it (filled in ${cached.fillSeconds.toFixed(0)} s when it was made)`);
    return cached;
  }
  const users = await prepareTemplate(cacheDir, out);
  const filledDir = join(cacheDir, `filled-${decisions}`);
  rmSync(filledDir, { recursive: true, force: true });
  cpSync(join(cacheDir, 'template', 'db'), join(filledDir, 'db'), { recursive: true });
  const database = await openDatabase({ databaseUrl: null, dataDir: filledDir });
  let fillSeconds: number;
  let have: number;
  let filled: number;
  try {
    have = await countDecisions(database.db);
    const copies = Math.max(0, Math.ceil((decisions - have) / have));
    out(`   filling: ${copies} copies of the template's ${have} decisions and everything they wrote, spread back over ${SPAN_DAYS} days`);
    fillSeconds = await fillHistory(database.db, { copies, spanDays: SPAN_DAYS, chunk: 10, aging: AGING }, (line) => out(`   ${line}`));
    filled = await countDecisions(database.db);
  } finally {
    await database.close();
  }
  out(`   filled in ${fillSeconds.toFixed(0)} s`);
  const cached: Cached = { users, fillSeconds, templateDecisions: have, filledDecisions: filled };
  writeFileSync(marker, JSON.stringify(cached));
  return cached;
}

async function prepareTemplate(cacheDir: string, out: (line: string) => void): Promise<BenchUser[]> {
  const marker = join(cacheDir, 'template', 'users.json');
  if (existsSync(marker)) return JSON.parse(readFileSync(marker, 'utf8')) as BenchUser[];
  rmSync(join(cacheDir, 'template'), { recursive: true, force: true });
  mkdirSync(join(cacheDir, 'template'), { recursive: true });
  const started = performance.now();
  const users = await buildTemplate(benchConfig(join(cacheDir, 'template')), out);
  out(`   template: ${USERS} users, ${TEMPLATE_SIGNALS} signals and their answers through the API in ${seconds(started)} s`);
  writeFileSync(marker, JSON.stringify(users));
  return users;
}

/**
 * History is older than the template: what was queued has run, what waited was answered or
 * expired. Statements on the template tables before they are copied; a column that no longer
 * exists fails loudly here rather than skewing the figures.
 */
const AGING = [
  `UPDATE bench_template_actions SET state = 'succeeded', attempts = 1, lease_until = NULL WHERE state IN ('pending', 'running')`,
  `UPDATE bench_template_approval_requests SET status = 'expired' WHERE status = 'pending'`,
];

async function buildTemplate(config: Config, out: (line: string) => void): Promise<BenchUser[]> {
  await migrated(config);
  const api = await startApi(config, { log: (line) => out(`   [api] ${line}`) });
  try {
    await withTimeout(api.ready, READY_TIMEOUT_MS, 'the API did not become ready');
    const client = new ApiClient(api.url, readFileSync(join(config.dataDir, 'api-token'), 'utf8').trim());
    const now = new Date();
    const users: BenchUser[] = [];
    for (const [index, user] of benchUsers(USERS, 'hist').entries()) {
      const created = await client.call('POST', '/api/users', { email: user.email, name: user.name });
      const id = (created.body as { id: string }).id;
      const tiers = TIER_SPREAD[index % TIER_SPREAD.length];
      if (tiers) await client.call('PUT', `/api/users/${id}/settings`, { trustTiers: tiers });
      users.push({ ...user, id });
    }
    out('   template: users created; seasoning those with autonomy');
    await seasonUsers(client, users.filter((_, index) => TIER_SPREAD[index % TIER_SPREAD.length] !== null), 'hist', now);
    const next = signalStream(users, 'hist', 5, now);
    for (const batch of batchesByUser(next, TEMPLATE_SIGNALS)) {
      ingestResults((await client.call('POST', '/api/events/ingest', { signals: batch })).body, batch.length);
    }
    out(`   template: ${TEMPLATE_SIGNALS} signals ingested; answering approvals`);
    for (const user of users) await answerSome(client, user.id);
    return users;
  } finally {
    await api.close();
  }
}

/** What a person does with a batch: approves two in three waiting actions, rejects the rest, confirms one shadow decision in five. */
async function answerSome(client: ApiClient, userId: string): Promise<void> {
  const pending = await client.call('GET', `/api/users/${userId}/approvals?status=pending&limit=50`);
  const approvals = (pending.body as { approvals?: { id: string }[] }).approvals ?? [];
  for (const [index, approval] of approvals.entries()) {
    if (index % 3 === 2) await client.call('POST', `/api/approvals/${approval.id}/reject`, {});
    else await client.call('POST', `/api/approvals/${approval.id}/approve`);
  }
  const shadows = await client.call('GET', `/api/users/${userId}/decisions?outcome=shadow&limit=50`);
  const decisions = (shadows.body as { decisions?: { id: string }[] }).decisions ?? [];
  for (const decision of decisions.filter((_, index) => index % 5 === 0)) {
    await client.call('POST', `/api/decisions/${decision.id}/feedback`, { kind: 'confirm' });
  }
}

const TIER_SPREAD: (Record<string, string> | null)[] = [
  null,
  null,
  null,
  null,
  { email: 'suggest', calendar: 'suggest' },
  { email: 'suggest', calendar: 'observer' },
  { email: 'suggest', calendar: 'suggest', finance: 'suggest' },
  { email: 'low', calendar: 'suggest' },
  { email: 'low', calendar: 'low' },
  { email: 'moderate', calendar: 'low', finance: 'low' },
];

/** Rounds alternate which database goes first, so drift in machine load falls on both. */
async function timeRounds(empty: Target, full: Target, users: BenchUser[], signals: number, out: (line: string) => void): Promise<void> {
  const runId = randomBytes(3).toString('hex');
  const now = new Date();
  const perRound = Math.max(1, Math.ceil(signals / ROUNDS));
  const single = new Map<string, number[]>([['empty', []], ['full', []]]);
  const batched = new Map<string, number[]>([['empty', []], ['full', []]]);
  const rows: string[][] = [['round', 'db', 'single p50 ms', 'p99 ms', 'batched signals/s']];
  const ingest = (body: unknown): LoadRequest => ({ method: 'POST', path: '/api/events/ingest', body });
  const loadBefore = loadavg()[0] ?? NaN;
  for (const target of [empty, full]) {
    const warmup = signalStream(users, `w${runId}${target.name}`, 11, now);
    await target.load.run(Array.from({ length: 50 }, () => ingest(warmup())));
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const target of round % 2 === 0 ? [empty, full] : [full, empty]) {
      const nextSingle = signalStream(users, `s${runId}${target.name}${round}`, 1 + round, now);
      const singleRun = await target.load.run(Array.from({ length: perRound }, () => ingest(nextSingle())));
      singleRun.bodies.forEach((body) => ingestResults(body, 1));
      single.get(target.name)?.push(...singleRun.ms);
      const batches = batchesByUser(signalStream(users, `b${runId}${target.name}${round}`, 100 + round, now), perRound * 2);
      const batchedRun = await target.load.run(batches.map((batch) => ingest({ signals: batch })));
      batchedRun.bodies.forEach((body, index) => ingestResults(body, batches[index]?.length ?? 0));
      const rate = (perRound * 2) / (batchedRun.elapsedMs / 1000);
      batched.get(target.name)?.push(rate);
      const latency = summarize(singleRun.ms);
      rows.push([String(round + 1), target.name, ms(latency.p50), ms(latency.p99), rate.toFixed(0)]);
    }
  }
  out('');
  for (const line of table(rows)) out(`   ${line}`);
  const emptySingle = summarize(single.get('empty') ?? []);
  const fullSingle = summarize(single.get('full') ?? []);
  const emptyRate = median(batched.get('empty') ?? []);
  const fullRate = median(batched.get('full') ?? []);
  out('');
  out(`   single ingest, ${emptySingle.count} per db: empty p50 ${ms(emptySingle.p50)} ms p99 ${ms(emptySingle.p99)} ms; full p50 ${ms(fullSingle.p50)} ms p99 ${ms(fullSingle.p99)} ms`);
  out(`   batched ingest (${BATCH_SIZE} per POST), median of rounds: empty ${emptyRate.toFixed(0)} signals/s, full ${fullRate.toFixed(0)} signals/s`);
  out(`   full ÷ empty: single p50 ${(fullSingle.p50 / emptySingle.p50).toFixed(2)}, single p99 ${(fullSingle.p99 / emptySingle.p99).toFixed(2)}, batched time per signal ${(emptyRate / fullRate).toFixed(2)}   (target ≤ 1.2)`);
  out(`   load average ${loadBefore.toFixed(2)} before, ${(loadavg()[0] ?? NaN).toFixed(2)} after`);
}

async function runningApi(name: string, config: Config, cleanup: Cleanup, out: (line: string) => void): Promise<Target> {
  const started = performance.now();
  const api = await startApi(config, { log: (line) => out(`   [${name}] ${line}`) });
  cleanup.add(`stop the ${name} API`, () => api.close());
  await withTimeout(api.ready, READY_TIMEOUT_MS, `the ${name} API did not become ready`);
  out(`   ${name}: API ready in ${seconds(started)} s`);
  const load = new LoadClient(api.url, readFileSync(join(config.dataDir, 'api-token'), 'utf8').trim());
  cleanup.add(`stop the ${name} load worker`, () => load.close());
  return { name, api, load };
}

async function countDecisions(db: Parameters<typeof migrate>[0]): Promise<number> {
  const row = await sql<{ n: string }>`SELECT count(*) AS n FROM decisions`.execute(db);
  return Number(row.rows[0]?.n ?? 0);
}

async function migrated(config: Config): Promise<string[]> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    return await migrate(database.db);
  } finally {
    await database.close();
  }
}

function benchConfig(dataDir: string): Config {
  return parseConfig({ SKYTWIN_DATA_DIR: dataDir, SKYTWIN_API_PORT: '0', LOG_LEVEL: 'warn' }, dataDir);
}

/**
 * The tables and columns the migrations define: a filled database made under others is not
 * reused. A new index does not change what the rows are; `migrate` adds it on the next run, as it
 * would on an upgraded install.
 */
function schemaKey(): string {
  return createHash('sha256')
    .update(
      MIGRATIONS.filter((m) => !/^\s*CREATE\s+(UNIQUE\s+)?INDEX/i.test(m.sql))
        .map((m) => `${m.id}\n${m.sql}`)
        .join('\n'),
    )
    .digest('hex')
    .slice(0, 10);
}

/** A sync worker posts one user's new mail at a time: group the stream by user, then cut into batches. */
function batchesByUser(next: () => Signal, total: number): Signal[][] {
  const byUser = new Map<string, Signal[]>();
  for (let i = 0; i < total; i++) {
    const signal = next();
    const list = byUser.get(signal.userId) ?? [];
    list.push(signal);
    byUser.set(signal.userId, list);
  }
  const batches: Signal[][] = [];
  const queues = [...byUser.values()];
  while (queues.some((queue) => queue.length > 0)) {
    for (const queue of queues) if (queue.length > 0) batches.push(queue.splice(0, BATCH_SIZE));
  }
  return batches;
}

function wholeNumber(raw: string | undefined, name: string, fallback: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a whole number of at least 1, not "${raw}"`);
  return value;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

async function withTimeout<T>(promise: Promise<T>, limit: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} within ${limit / 1000} s`)), limit);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
