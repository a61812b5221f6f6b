import { startTestApp } from '../test/support/app.js';
import { runScenarios } from './harness.js';
import { formatAll, formatReport } from './report.js';
import { MIN_MATCH_RATE } from './run-config.js';
import { SCENARIOS } from './scenarios/index.js';

// `npm run eval [--verbose] [id-prefix…]`: the catalogue through the live pipeline; exits 1 below
// 95 % match or on any safety-invariant violation.

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const only = args.filter((a) => a !== '--verbose');
const scenarios = only.length > 0 ? SCENARIOS.filter((s) => only.some((prefix) => s.id.startsWith(prefix))) : SCENARIOS;
const started = performance.now();
const t = await startTestApp('embedded');
const report = await runScenarios(t, scenarios);
await t.close();
if (verbose) console.log(`${formatAll(report)}\n`);
console.log(formatReport(report));
console.log(`total with start-up: ${((performance.now() - started) / 1000).toFixed(1)} s`);
const ok = report.matchRate >= MIN_MATCH_RATE && report.violations.length === 0;
if (!ok) console.log(report.violations.length > 0 ? 'FAIL: safety-invariant violations' : `FAIL: match rate below ${MIN_MATCH_RATE * 100} %`);
process.exit(ok ? 0 : 1);
