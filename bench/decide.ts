import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Benchmark, BenchContext } from './benchmark.js';
import { benchUsers, signalStream, type BenchUser } from './signals.js';
import { summarize } from './stats.js';
import type {
  ActiveHours,
  AutonomySettings,
  Clock,
  DecisionDraft,
  Domain,
  IdGenerator,
  Signal,
  TwinProfile,
} from '../src/domain/index.js';

/** The domain module as the build emits it: the code SkyTwin runs, not the source through a loader. */
type DomainModule = Pick<typeof import('../src/domain/index.js'), 'applyFeedback' | 'decide' | 'defaultSettings' | 'emptyTwin'>;

const BUILT_DOMAIN = 'dist/domain/index.js';
const SIGNALS = 10_000;
const DEFAULT_ROUNDS = 5;
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
  async run({ out, env }: BenchContext) {
    const roundsWanted = roundCount(env.BENCH_ROUNDS);
    const measured = await loadDomain(BUILT_DOMAIN, 'run `npm run build` first');
    const baselinePath = env.BENCH_DECIDE_BASELINE?.trim();
    const baseline = baselinePath ? await loadDomain(baselinePath, 'BENCH_DECIDE_BASELINE names a built domain/index.js, e.g. another checkout\'s dist/domain/index.js') : null;
    const now = new Date('2026-11-24T09:12:44.000Z');
    const users: BenchUser[] = benchUsers(50, 'bench').map((user, index) => ({ ...user, id: `u${index}` }));
    const next = signalStream(users, 'd', 42, now);
    const signals = Array.from({ length: SIGNALS }, next);
    const settings = benchSettings(measured);
    const activeHours: ActiveHours = { start: '08:00', end: '19:00', hours: 11, timeZone: 'Europe/Berlin', source: 'learned', basis: 'bench' };
    out(`decide: ${SIGNALS} signals of the pipeline mix, ${roundsWanted} timed rounds after a warm-up round; every rule on, quiet hours ${settings.quietHours?.start}–${settings.quietHours?.end} ${settings.quietHours?.timeZone}`);
    out(`measured: the built ${BUILT_DOMAIN}${baseline ? `, in rounds alternating with ${baselinePath}` : ''}`);
    out(`machine: ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), node ${process.version}, load ${loadavg()[0]?.toFixed(2)}`);

    const runner = (domain: DomainModule) => {
      const twin = trainedTwin(domain, signals.slice(0, TRAINING_DECISIONS), settings, now);
      return {
        twin,
        run: (timed: boolean): Round => {
          const latencies: number[] = [];
          let candidates = 0;
          const started = performance.now();
          for (const signal of signals) {
            const before = timed ? performance.now() : 0;
            const draft = decideFor(domain, signal, settings, twin, activeHours, now);
            if (timed) latencies.push(performance.now() - before);
            candidates += draft.candidates.length;
          }
          return { seconds: (performance.now() - started) / 1000, latencies, candidates };
        },
      };
    };
    const current = runner(measured);
    const previous = baseline ? runner(baseline) : null;
    out(`twin: ${current.twin.preferences.length} preferences learned from ${TRAINING_DECISIONS} answered decisions`);
    current.run(false);
    previous?.run(false);
    const rounds: Round[] = [];
    const baselineRounds: Round[] = [];
    for (let round = 0; round < roundsWanted; round++) {
      // Alternating which build goes first, so neither always meets the machine's state after the other.
      if (previous && round % 2 === 1) baselineRounds.push(previous.run(true));
      rounds.push(current.run(true));
      if (previous && round % 2 === 0) baselineRounds.push(previous.run(true));
    }
    const rates = rounds.map((r) => SIGNALS / r.seconds);
    const perDecision = summarize(rounds.flatMap((r) => r.latencies));
    const medianRate = median(rates);
    out(`candidates per decision: ${((rounds[0]?.candidates ?? 0) / SIGNALS).toFixed(2)}`);
    out(`decisions/s per round: ${rates.map((r) => r.toFixed(0)).join(', ')}; median ${medianRate.toFixed(0)} (target ≥ ${TARGET_PER_SECOND}: ${medianRate >= TARGET_PER_SECOND ? 'met' : 'missed'})`);
    out(`per decision: p50 ${perDecision.p50.toFixed(3)} ms, p90 ${perDecision.p90.toFixed(3)} ms, p99 ${perDecision.p99.toFixed(3)} ms, max ${perDecision.max.toFixed(3)} ms (target p99 ≤ ${TARGET_P99_MS} ms: ${perDecision.p99 <= TARGET_P99_MS ? 'met' : 'missed'})`);
    if (baselineRounds.length > 0) {
      const baselineRates = baselineRounds.map((r) => SIGNALS / r.seconds);
      const ratios = rates.map((rate, i) => rate / (baselineRates[i] ?? NaN));
      out(`baseline decisions/s per round: ${baselineRates.map((r) => r.toFixed(0)).join(', ')}; median ${median(baselineRates).toFixed(0)}`);
      out(`measured ÷ baseline, round by round: ${ratios.map((r) => r.toFixed(2)).join(', ')}; median ${median(ratios).toFixed(2)}`);
    }
  },
};

interface Round {
  seconds: number;
  latencies: number[];
  candidates: number;
}

function roundCount(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return DEFAULT_ROUNDS;
  const value = Number(raw.trim());
  if (!/^\d+$/.test(raw.trim()) || value < 1 || value > 1000) throw new Error(`BENCH_ROUNDS must be a whole number from 1 to 1000, not "${raw}"`);
  return value;
}

async function loadDomain(path: string, hint: string): Promise<DomainModule> {
  const file = resolve(path);
  if (!existsSync(file)) throw new Error(`${file} does not exist: ${hint}`);
  return (await import(pathToFileURL(file).href)) as DomainModule;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

function benchSettings(domain: DomainModule): AutonomySettings {
  const settings = domain.defaultSettings();
  return {
    ...settings,
    trustTiers: { email: 'moderate', calendar: 'low', finance: 'low' },
    quietHours: { start: '22:00', end: '07:00', timeZone: 'Europe/Berlin' },
    blockedDomains: ['spam.example', 'casino.example'],
    domainOverrides: { finance: { perActionCents: 1500, dailyCents: 4000 } },
  };
}

function decideFor(domain: DomainModule, signal: Signal, settings: AutonomySettings, twin: TwinProfile, activeHours: ActiveHours, now: Date): DecisionDraft {
  return domain.decide({
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
function trainedTwin(domain: DomainModule, signals: Signal[], settings: AutonomySettings, now: Date): TwinProfile {
  let twin = domain.emptyTwin('bench');
  signals.forEach((signal, index) => {
    const at = new Date(now.getTime() - (signals.length - index) * 3_600_000);
    const draft = decideFor(domain, signal, settings, twin, { start: '08:00', end: '19:00', hours: 11, timeZone: 'Europe/Berlin', source: 'default', basis: 'bench' }, at);
    const selected = draft.outcome.selectedIndex === null ? undefined : draft.candidates[draft.outcome.selectedIndex];
    if (!selected) return;
    twin = domain.applyFeedback(
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
