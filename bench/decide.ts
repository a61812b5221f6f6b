import { cpus, loadavg } from 'node:os';
import type { Benchmark, BenchContext } from './benchmark.js';
import { benchUsers, signalStream, type BenchUser } from './signals.js';
import { summarize } from './stats.js';
import {
  applyFeedback,
  decide,
  defaultSettings,
  emptyTwin,
  type ActiveHours,
  type AutonomySettings,
  type Clock,
  type DecisionDraft,
  type Domain,
  type IdGenerator,
  type Signal,
  type TwinProfile,
} from '../src/domain/index.js';

const SIGNALS = 10_000;
const ROUNDS = 5;
const TRAINING_DECISIONS = 400;
const TARGET_PER_SECOND = 12_000;
const TARGET_P99_MS = 0.3;

/**
 * The pure decision path in process: interpret, candidates with risk, twin prediction, every
 * policy rule (quiet hours set, blocked domains, spend limits), outcome and explanation, on the
 * synthetic mix the pipeline benchmark posts. No database, no HTTP.
 */
export const decideBenchmark: Benchmark = {
  name: 'decide',
  async run({ out }: BenchContext) {
    const now = new Date('2026-11-24T09:12:44.000Z');
    const users: BenchUser[] = benchUsers(50, 'bench').map((user, index) => ({ ...user, id: `u${index}` }));
    const next = signalStream(users, 'd', 42, now);
    const signals = Array.from({ length: SIGNALS }, next);
    const settings = benchSettings();
    const twin = trainedTwin(signals.slice(0, TRAINING_DECISIONS), settings, now);
    const activeHours: ActiveHours = { start: '08:00', end: '19:00', hours: 11, timeZone: 'Europe/Berlin', source: 'learned', basis: 'bench' };
    out(`decide: ${SIGNALS} signals of the pipeline mix, ${ROUNDS} timed rounds after a warm-up round; every rule on, quiet hours ${settings.quietHours?.start}–${settings.quietHours?.end} ${settings.quietHours?.timeZone}`);
    out(`machine: ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), node ${process.version}, load ${loadavg()[0]?.toFixed(2)}`);
    out(`twin: ${twin.preferences.length} preferences learned from ${TRAINING_DECISIONS} answered decisions`);

    const run = (timed: boolean) => {
      const latencies: number[] = [];
      let candidates = 0;
      const started = performance.now();
      for (const signal of signals) {
        const before = timed ? performance.now() : 0;
        const draft = decideFor(signal, settings, twin, activeHours, now);
        if (timed) latencies.push(performance.now() - before);
        candidates += draft.candidates.length;
      }
      return { seconds: (performance.now() - started) / 1000, latencies, candidates };
    };
    run(false);
    const rates: number[] = [];
    const all: number[] = [];
    let candidates = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const result = run(true);
      rates.push(SIGNALS / result.seconds);
      all.push(...result.latencies);
      candidates = result.candidates;
    }
    const perDecision = summarize(all);
    const sortedRates = [...rates].sort((a, b) => a - b);
    const medianRate = sortedRates[Math.floor(sortedRates.length / 2)] ?? 0;
    out(`candidates per decision: ${(candidates / SIGNALS).toFixed(2)}`);
    out(`decisions/s per round: ${rates.map((r) => r.toFixed(0)).join(', ')}; median ${medianRate.toFixed(0)} (target ≥ ${TARGET_PER_SECOND}: ${medianRate >= TARGET_PER_SECOND ? 'met' : 'missed'})`);
    out(`per decision: p50 ${perDecision.p50.toFixed(3)} ms, p90 ${perDecision.p90.toFixed(3)} ms, p99 ${perDecision.p99.toFixed(3)} ms, max ${perDecision.max.toFixed(3)} ms (target p99 ≤ ${TARGET_P99_MS} ms: ${perDecision.p99 <= TARGET_P99_MS ? 'met' : 'missed'})`);
  },
};

function benchSettings(): AutonomySettings {
  const settings = defaultSettings();
  return {
    ...settings,
    trustTiers: { email: 'moderate', calendar: 'low', finance: 'low' },
    quietHours: { start: '22:00', end: '07:00', timeZone: 'Europe/Berlin' },
    blockedDomains: ['spam.example', 'casino.example'],
    domainOverrides: { finance: { perActionCents: 1500, dailyCents: 4000 } },
  };
}

function decideFor(signal: Signal, settings: AutonomySettings, twin: TwinProfile, activeHours: ActiveHours, now: Date): DecisionDraft {
  return decide({
    signal,
    userEmail: signal.source === 'gmail' ? (signal.data.to[0] ?? 'me@example.com') : 'me@example.com',
    settings,
    twin,
    senderHistory: { seenCount: 3, repliedCount: 1 },
    acceptedEvents: [],
    previousEvent: null,
    spentLast24hCents: 1200,
    executedInDomain: EXECUTED,
    activeHours,
    clock: fixedClock(now),
    ids: counter(),
  });
}

const EXECUTED: Record<Domain, number> = { email: 40, calendar: 12, finance: 3 };

/** A twin that has seen answers: the selected action of the first decisions approved, every fifth rejected. */
function trainedTwin(signals: Signal[], settings: AutonomySettings, now: Date): TwinProfile {
  let twin = emptyTwin('bench');
  signals.forEach((signal, index) => {
    const at = new Date(now.getTime() - (signals.length - index) * 3_600_000);
    const draft = decideFor(signal, settings, twin, { start: '08:00', end: '19:00', hours: 11, timeZone: 'Europe/Berlin', source: 'default', basis: 'bench' }, at);
    const selected = draft.outcome.selectedIndex === null ? undefined : draft.candidates[draft.outcome.selectedIndex];
    if (!selected) return;
    twin = applyFeedback(
      twin,
      {
        kind: index % 5 === 4 ? 'reject' : 'approve',
        decisionId: draft.id,
        situation: draft.situation,
        action: selected.action,
        correctedAction: null,
        preferenceKeys: selected.prediction.preferenceKeys,
        wasAutomatic: false,
      },
      settings.trustTiers,
      settings.trustProgression,
      at,
    ).twin;
  });
  return twin;
}

function fixedClock(now: Date): Clock {
  return { now: () => now };
}

function counter(): IdGenerator {
  let n = 0;
  return { next: () => `id${n++}` };
}
