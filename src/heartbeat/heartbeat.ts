import { rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../private-files/index.js';

/**
 * The worker's sign of life for a container health check: a file whose modification time moves
 * while the poll loop comes round. A file rather than a port keeps the worker a pure client of the
 * API; a path outside the shared data directory keeps scaled-out workers apart.
 */
export interface Heartbeat {
  /** Touches the file, at most once per `minIntervalMs`; a failing disk is reported once, never thrown. */
  beat(): void;
  /** A stopped worker is not alive: the file goes with it. */
  remove(): void;
}

export interface HeartbeatOptions {
  path: string;
  now?: () => number;
  minIntervalMs?: number;
  onError?: (message: string) => void;
}

export function heartbeatFile(options: HeartbeatOptions): Heartbeat {
  const now = options.now ?? Date.now;
  const minIntervalMs = options.minIntervalMs ?? 1_000;
  let last = Number.NEGATIVE_INFINITY;
  let failed = false;
  return {
    beat() {
      const at = now();
      if (at - last < minIntervalMs) return;
      last = at;
      try {
        ensurePrivateDir(dirname(options.path));
        writeFileSync(options.path, `${process.pid} ${new Date(at).toISOString()}\n`, { mode: PRIVATE_FILE_MODE });
        failed = false;
      } catch (error) {
        if (failed) return;
        failed = true;
        options.onError?.(`cannot write the heartbeat file ${options.path}: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
    remove() {
      rmSync(options.path, { force: true });
    },
  };
}

/** Milliseconds since the last beat, or null when there is no heartbeat file. */
export function heartbeatAge(path: string, nowMs: number): number | null {
  try {
    return Math.max(0, nowMs - statSync(path).mtimeMs);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
