import { describe, it, expect, afterEach } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SupervisedChild, type RestartTimers } from './child.js';
import type { LineSink } from './log-sink.js';
import { DEFAULT_RESTART } from './options.js';

/** Holds every delayed restart until the test runs it, so a restart can be caught while pending. */
class HeldTimers implements RestartTimers {
  readonly pending = new Map<number, { run: () => void; ms: number }>();
  private next = 1;
  set(run: () => void, ms: number): number {
    const handle = this.next++;
    this.pending.set(handle, { run, ms });
    return handle;
  }
  clear(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  runAll(): void {
    for (const [handle, timer] of [...this.pending]) {
      this.pending.delete(handle);
      timer.run();
    }
  }
}

const sink = (lines: string[]): LineSink => ({ writeLine: (line) => void lines.push(line), close: async () => undefined });

async function waitFor(what: string, probe: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('SupervisedChild', () => {
  it('cancels a pending delayed restart when stopped, and never starts the process again', async () => {
    dir = mkdtempSync(join(tmpdir(), 'skytwin-child-'));
    const timers = new HeldTimers();
    const log: string[] = [];
    const child = new SupervisedChild({
      spec: { name: 'crasher', command: process.execPath, args: ['-e', 'process.exit(3)'] },
      pidFile: join(dir, 'crasher.pid'),
      output: sink([]),
      log: (line) => void log.push(line),
      restart: DEFAULT_RESTART,
      readyPollIntervalMs: 50,
      onReady: () => undefined,
      onGaveUp: () => undefined,
      now: () => 0,
      timers,
    });
    child.start();
    await waitFor('the crash', () => child.state === 'backing-off');
    expect(log.at(-1)).toBe('restarting crasher in 0 ms (exit code 3; crash 1 in the last 5 min, 5 restarts allowed)');
    expect([...timers.pending.values()].map((timer) => timer.ms)).toEqual([0]);

    await child.stop(1_000, new AbortController().signal);
    expect(timers.pending.size).toBe(0);
    expect(log.at(-1)).toBe('cancelled the pending restart of crasher');
    expect(child.state).toBe('stopped');
    // Even a timer that had already fired must not bring it back.
    timers.runAll();
    expect(log.filter((line) => line.startsWith('started crasher'))).toHaveLength(1);
    expect(existsSync(join(dir, 'crasher.pid'))).toBe(false);
  });

  it('restarts the first crash at once, doubles the delay per further quick crash and starts over after a stable run, on its own clock', async () => {
    dir = mkdtempSync(join(tmpdir(), 'skytwin-child-'));
    const timers = new HeldTimers();
    const log: string[] = [];
    let clock = 0;
    const child = new SupervisedChild({
      spec: { name: 'crasher', command: process.execPath, args: ['-e', 'process.exit(3)'] },
      pidFile: join(dir, 'crasher.pid'),
      output: sink([]),
      log: (line) => void log.push(line),
      restart: { ...DEFAULT_RESTART, maxRestarts: 10 },
      readyPollIntervalMs: 50,
      onReady: () => undefined,
      onGaveUp: () => undefined,
      now: () => clock,
      timers,
    });
    const restarts = () => log.filter((line) => line.startsWith('restarting crasher'));
    child.start();
    // Each run lasts `uptime` on the injected clock before its crash is seen.
    for (const uptime of [5, 5, 5, 30_000, 5]) {
      const seen = restarts().length;
      clock += uptime;
      await waitFor('the crash', () => restarts().length === seen + 1);
      timers.runAll();
    }
    expect(restarts().map((line) => /in (\d+ m?s)/.exec(line)?.[1])).toEqual(['0 ms', '100 ms', '200 ms', '0 ms', '100 ms']);
    await child.stop(1_000, new AbortController().signal);
  });
});
