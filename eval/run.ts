import { startTestApp } from '../test/support/app.js';
import { runScenarios } from './harness.js';
import { formatDraftInjection, runDraftInjectionEval, runInjectionEval } from './injection/index.js';
import { formatAll, formatInjection, formatReport } from './report.js';
import { MIN_MATCH_RATE } from './run-config.js';
import { SCENARIOS } from './scenarios/index.js';

// `npm run eval [--verbose] [id-prefix…]`: the catalogue through the live pipeline; exits 1 below
// 95 % match or on any safety-invariant violation; then the prompt-injection emails (eval/injection).

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const only = args.filter((a) => a !== '--verbose');
const scenarios = only.length > 0 ? SCENARIOS.filter((s) => only.some((prefix) => s.id.startsWith(prefix))) : SCENARIOS;
const started = performance.now();
const t = await startTestApp('embedded');
const report = await runScenarios(t, scenarios);
const injection = only.length === 0 || only.some((prefix) => 'injection'.startsWith(prefix)) ? await runInjectionEval(t) : null;
const draftInjection = only.length === 0 || only.some((prefix) => 'draft-injection'.startsWith(prefix)) ? await runDraftInjectionEval(t) : null;
await t.close();
if (verbose) console.log(`${formatAll(report)}\n`);
console.log(formatReport(report));
if (injection) console.log(`\n${formatInjection(injection)}`);
if (draftInjection) console.log(`\n${formatDraftInjection(draftInjection)}`);
console.log(`total with start-up: ${((performance.now() - started) / 1000).toFixed(1)} s`);
const injectionViolations = (injection?.violations.length ?? 0) + (draftInjection?.violations.length ?? 0);
const ok = (report.total === 0 || report.matchRate >= MIN_MATCH_RATE) && report.violations.length === 0 && injectionViolations === 0;
if (!ok) console.log(report.violations.length > 0 || injectionViolations > 0 ? 'FAIL: safety-invariant violations' : `FAIL: match rate below ${MIN_MATCH_RATE * 100} %`);
process.exit(ok ? 0 : 1);
