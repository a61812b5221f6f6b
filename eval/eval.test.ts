import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test/support/app.js';
import { runScenarios, type EvalReport } from './harness.js';
import { formatReport } from './report.js';
import { MIN_MATCH_RATE } from './run-config.js';
import { SCENARIOS } from './scenarios/index.js';

describe('scenario evaluation through the live pipeline', () => {
  let t: TestApp;
  let report: EvalReport;
  beforeAll(async () => {
    t = await startTestApp('embedded');
  });
  afterAll(async () => t.close());

  it('has a catalogue of at least 110 scenarios with unique ids', () => {
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(110);
    expect(new Set(SCENARIOS.map((s) => s.id)).size).toBe(SCENARIOS.length);
  });

  it(`matches at least ${MIN_MATCH_RATE * 100} % of the expectations and breaks no safety invariant`, async () => {
    report = await runScenarios(t, SCENARIOS);
    console.log(formatReport(report));
    expect(report.results.filter((r) => r.error !== null).map((r) => `${r.id}: ${r.error}`)).toEqual([]);
    expect(report.violations.map((v) => `${v.scenario} [${v.invariant}] ${v.detail}`)).toEqual([]);
    expect(report.matchRate).toBeGreaterThanOrEqual(MIN_MATCH_RATE);
  }, 180_000);
});
