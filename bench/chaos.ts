import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runChaos, type ChaosReport } from '../test/support/chaos.js';
import { CLI } from '../test/support/processes.js';
import type { BenchContext, Benchmark } from './benchmark.js';
import { scratchDatabase } from './backends.js';
import { withCleanup } from './cleanup.js';

const MESSAGES = 2_000;
const USERS = 5;

/**
 * kill -9 at scale: 2,000 messages arrive for five users over two minutes while the API and the
 * worker are each killed (SIGKILL) and restarted at least five times, 10 % of Google calls fail
 * transiently and approvals are answered, some right before a kill. Prints what reached the
 * database and the mailboxes: nothing may be lost or done twice. CHAOS_SEED replays a run;
 * with DATABASE_URL the run uses a fresh PostgreSQL database instead of the embedded one.
 */
export const chaosBenchmark: Benchmark = {
  name: 'chaos',
  async run({ out, env }: BenchContext) {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: the chaos run starts the built processes, so run \`npm run build\` first`);
    const seed = env.CHAOS_SEED ? Number(env.CHAOS_SEED) : randomBytes(3).readUIntBE(0, 3);
    if (!Number.isSafeInteger(seed) || seed < 0) throw new Error(`CHAOS_SEED must be a whole number, got ${String(env.CHAOS_SEED)}`);
    const adminUrl = env.DATABASE_URL?.trim() || null;
    await withCleanup(async (cleanup) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'skytwin-bench-chaos-'));
      cleanup.add(`remove ${dataDir}`, () => rmSync(dataDir, { recursive: true, force: true }));
      const databaseUrl = adminUrl ? (await scratchDatabase(adminUrl, 'skytwin_chaos', cleanup)).url.toString() : null;
      out(`chaos: seed ${seed} (CHAOS_SEED=${seed} replays it), ${databaseUrl ? 'a fresh PostgreSQL database' : 'the embedded database'}`);
      const report = await runChaos({
        seed,
        messages: MESSAGES,
        users: USERS,
        kills: { api: 5, worker: 5 },
        faultProbability: 0.1,
        arrivalMs: 120_000,
        // Google keeps failing until every message is decided and every action has run.
        faultsUntil: 'all-run',
        settleTimeoutMs: 900_000,
        dataDir,
        databaseUrl,
        log: out,
      });
      print(report, out);
    }, out);
  },
};

function print(r: ChaosReport, out: (line: string) => void): void {
  const must = (value: number) => `${value}${value === 0 ? '' : '   <-- must be 0'}`;
  out(`   seed:                   ${r.seed}`);
  out(`   messages:               ${r.messages} for ${USERS} users`);
  out(`   decisions:              ${r.decisions} (${Object.entries(r.outcomes).map(([outcome, n]) => `${outcome} ${n}`).join(', ')})`);
  out(`   duplicates:             ${must(r.duplicates)}`);
  out(`   lost:                   ${must(r.lost)}`);
  out(`   decisions for no message: ${must(r.unexpected)}`);
  out(`   actions executed:       ${r.executed} at Google (${Object.entries(r.executedTypes).map(([type, n]) => `${type} ${n}`).join(', ')})`);
  out(`   effects at the emulator: ${r.effects} of ${r.executed}`);
  out(`   double effects:         ${must(r.doubleEffects)}`);
  out(`   actions stuck:          ${must(r.stuck)} (final states: ${Object.entries(r.actionStates).map(([state, n]) => `${state} ${n}`).join(', ')})`);
  out(`   approvals:              ${Object.entries(r.approvals).map(([status, n]) => `${status} ${n}`).join(', ')}; approved by the driver ${r.approvedByDriver}, ${r.approvedBeforeKill} of them just before a kill`);
  out(`   approved, not executed: ${must(r.approvedNotExecuted)}; confirmed approvals lost: ${must(r.lostApprovals)}`);
  out(`   kills:                  API ${r.kills.api}, worker ${r.kills.worker} (SIGKILL)`);
  out(`   faults injected:        ${r.faultsInjected} failed Google calls (500, 503, 429 with Retry-After, connections dropped before or after the change)`);
  out(`   total time:             ${(r.totalMs / 1000).toFixed(1)} s, of which settling after the chaos ${(r.settleMs / 1000).toFixed(1)} s`);
  for (const problem of r.problems.slice(0, 20)) out(`   problem: ${problem}`);
  if (r.problems.length > 20) out(`   … and ${r.problems.length - 20} more problems`);
  out(`   verdict: ${r.problems.length === 0 ? 'nothing lost, nothing done twice' : `${r.problems.length} PROBLEMS`}`);
}

