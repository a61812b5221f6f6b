import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmulatorState, loadStateFile, seedDemo, writeStateFile } from '../src/emulator/index.js';
import type { BenchContext, Benchmark } from './benchmark.js';
import { ms, summarize, table, targetLine } from './stats.js';

/** Mailbox sizes: the seeded demo inbox, then about a day and a week of one arrival a minute. */
const SIZES = [51, 1_500, 10_000];
const ROUNDS = 7;
/** A save stops the emulator's event loop while it runs; at a week of demo mail it should stay short. */
const SAVE_TARGET_MS = 250;

/**
 * What keeping the emulator's state in a file costs: one save (snapshot, JSON, write, fsync,
 * rename) and one restore (read, parse, check, rebuild every message from its bytes) of a demo
 * account whose mailbox holds N messages, median of several rounds.
 */
export const emulatorStateBenchmark: Benchmark = {
  name: 'emulatorstate',
  async run({ out }: BenchContext) {
    const dir = mkdtempSync(join(tmpdir(), 'skytwin-bench-emulator-'));
    try {
      const rows: string[][] = [['messages', 'file MB', 'save p50 ms', 'save max ms', 'restore p50 ms', 'restore max ms']];
      let largestSave = NaN;
      for (const size of SIZES) {
        const state = new EmulatorState({ seed: 7, clock: { now: () => new Date('2026-11-24T09:00:00Z') }, accessTokenTtlSeconds: 3600, historyRetention: 1000 });
        await seedDemo(state, { email: 'demo@skytwin.example', now: new Date('2026-11-24T09:00:00Z'), seed: 7 });
        const email = 'demo@skytwin.example';
        for (let n = state.mailbox(email).profile(email).messagesTotal; n < size; n += 1) state.addMessage(email, state.nextArrival(email));
        const file = join(dir, `state-${size}.json`);
        const saves: number[] = [];
        const restores: number[] = [];
        for (let round = 0; round < ROUNDS; round += 1) {
          let started = performance.now();
          writeStateFile(file, state.snapshot('running'));
          saves.push(performance.now() - started);
          started = performance.now();
          const saved = loadStateFile(file, (line) => out(line));
          const restored = new EmulatorState({ seed: 1, clock: state.clock, accessTokenTtlSeconds: 3600, historyRetention: 1000, ...(saved ? { restore: saved } : {}) });
          restores.push(performance.now() - started);
          if (restored.mailbox(email).profile(email).messagesTotal !== state.mailbox(email).profile(email).messagesTotal) throw new Error('the restored mailbox differs');
          restored.close();
        }
        state.close();
        const save = summarize(saves);
        const restore = summarize(restores);
        largestSave = save.p50;
        rows.push([String(size), (statSync(file).size / 1_048_576).toFixed(1), ms(save.p50), ms(save.max), ms(restore.p50), ms(restore.max)]);
      }
      out(`emulatorstate: save and restore of a demo mailbox, ${ROUNDS} rounds each`);
      for (const line of table(rows)) out(line);
      out(targetLine({ label: `save p50 at ${SIZES.at(-1)}`, measured: largestSave, target: SAVE_TARGET_MS, kind: 'max', unit: 'ms' }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
