import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { ensurePrivateDir, PRIVATE_FILE_MODE, tightenPath } from '../private-files/index.js';
import { readSnapshot, type EmulatorSnapshot } from './state/snapshot.js';

/** Where an unusable state file is moved, so starting afresh never destroys it. */
export const corruptCopyOf = (path: string): string => `${path}.corrupt`;

/**
 * The saved state in `path`, or null when there is none. A file that cannot be used (unreadable,
 * not JSON, another layout) is moved aside with one line saying so, and the emulator starts fresh.
 */
export function loadStateFile(path: string, report: (line: string) => void): EmulatorSnapshot | null {
  if (!existsSync(path)) return null;
  try {
    return readSnapshot(JSON.parse(readFileSync(path, 'utf8')));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    try {
      renameSync(path, corruptCopyOf(path));
      report(`emulator: the state file ${path} cannot be used (${reason}); moved it to ${corruptCopyOf(path)} and starting with fresh data`);
    } catch (moveError) {
      report(`emulator: the state file ${path} cannot be used (${reason}) nor moved aside (${moveError instanceof Error ? moveError.message : String(moveError)}); starting with fresh data, and saving will replace it`);
    }
    return null;
  }
}

/** Writes `snapshot` to `path` atomically: a private temporary file, flushed to disk, renamed over it. */
export function writeStateFile(path: string, snapshot: EmulatorSnapshot): void {
  ensurePrivateDir(dirname(path));
  const temp = `${path}.tmp`;
  const fd = openSync(temp, 'w', PRIVATE_FILE_MODE);
  try {
    writeSync(fd, JSON.stringify(snapshot));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  // A temporary file left by an earlier crash keeps the mode it was made with.
  tightenPath(temp);
  renameSync(temp, path);
}

/**
 * Saves the state at most once per `delayMs` while changes come in (a crash loses at most that
 * window), and once more, marked as a clean shutdown, on close.
 */
export class StateSaver {
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private failing = false;

  constructor(
    private readonly path: string,
    private readonly snapshot: (written: EmulatorSnapshot['written']) => EmulatorSnapshot,
    private readonly delayMs: number,
    private readonly report: (line: string) => void,
  ) {}

  /** Something changed: save within `delayMs`. */
  changed(): void {
    if (this.closed || this.timer !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.save('running');
    }, this.delayMs);
  }

  /** Saves now; false (and one line) when the file could not be written. */
  save(written: EmulatorSnapshot['written'] = 'running'): boolean {
    try {
      writeStateFile(this.path, this.snapshot(written));
      if (this.failing) this.report(`emulator: saved the state to ${this.path} again`);
      this.failing = false;
      return true;
    } catch (error) {
      // Said once per run of failures, not on every change; the next change tries again.
      if (!this.failing) this.report(`emulator: could not save the state to ${this.path}: ${error instanceof Error ? error.message : String(error)}`);
      this.failing = true;
      return false;
    }
  }

  /** The final save; nothing is saved after it. */
  close(): boolean {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (this.closed) return true;
    this.closed = true;
    return this.save('shutdown');
  }
}
