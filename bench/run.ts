import type { Benchmark } from './benchmark.js';
import { chaosBenchmark } from './chaos.js';
import { decideBenchmark } from './decide.js';
import { dashboardBenchmark } from './dashboard.js';
import { emulatorStateBenchmark } from './emulator-state.js';
import { gmailQuotaBenchmark } from './gmail-quota.js';
import { historyBenchmark } from './history.js';
import { learningBenchmark } from './learning.js';
import { livenessBenchmark } from './liveness.js';
import { memoryBenchmark } from './memory.js';
import { pipelineBenchmark } from './pipeline.js';
import { rateLimitBenchmark } from './rate-limit.js';
import { restartBenchmark } from './restart.js';
import { syncBenchmark } from './sync.js';
import { temporalBenchmark } from './temporal-profile.js';

// Every benchmark in bench/, run in turn. Exits non-zero only when one fails to run; a missed
// target is a figure to read, not an error. `npm run bench -- pipeline` runs the named ones only.
const BENCHMARKS: readonly Benchmark[] = [decideBenchmark, pipelineBenchmark, historyBenchmark, syncBenchmark, rateLimitBenchmark, gmailQuotaBenchmark, temporalBenchmark, chaosBenchmark, restartBenchmark, emulatorStateBenchmark, dashboardBenchmark, memoryBenchmark, livenessBenchmark, learningBenchmark];

const out = (line: string) => process.stdout.write(`${line}\n`);
const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !BENCHMARKS.some((b) => b.name === name));
if (unknown.length > 0) {
  process.stderr.write(`unknown benchmark ${unknown.join(', ')}; expected one of: ${BENCHMARKS.map((b) => b.name).join(', ')}\n`);
  process.exit(2);
}

let failed = 0;
for (const benchmark of BENCHMARKS.filter((b) => wanted.length === 0 || wanted.includes(b.name))) {
  const started = performance.now();
  try {
    await benchmark.run({ out, env: process.env });
    out(`\n${benchmark.name}: done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    failed += 1;
    process.stderr.write(`\n${benchmark.name}: failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
}
// Exit explicitly: a pool or socket a failed benchmark left open must not keep the process alive.
process.exit(failed > 0 ? 1 : 0);
