import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { claimPidFile, isProcessAlive, readPidFile, removePidFile, supervisorPaths, writePidFile } from './pid-files.js';

/** The pid of a process that has already exited (and been reaped). */
function deadPid(): number {
  const result = spawnSync(process.execPath, ['-e', '']);
  return result.pid ?? 0;
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'skytwin-pid-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('pid files', () => {
  it('lays files out as the contract says', () => {
    const paths = supervisorPaths('/data');
    expect(paths.supervisorPidFile).toBe('/data/run/supervisor.pid');
    expect(paths.pidFile('api')).toBe('/data/run/api.pid');
    expect(paths.logFile('worker')).toBe('/data/logs/worker.log');
  });

  it('writes, reads and removes a pid, creating the directory', () => {
    const path = join(dir, 'run', 'api.pid');
    writePidFile(path, 4242);
    expect(readFileSync(path, 'utf8')).toBe('4242\n');
    expect(readPidFile(path)).toBe(4242);
    expect(readdirSync(join(dir, 'run'))).toEqual(['api.pid']);
    removePidFile(path);
    expect(existsSync(path)).toBe(false);
    removePidFile(path);
  });

  it('reads garbage or a missing file as no pid', () => {
    const path = join(dir, 'x.pid');
    expect(readPidFile(path)).toBeNull();
    writeFileSync(path, 'not a pid');
    expect(readPidFile(path)).toBeNull();
    writeFileSync(path, '-3');
    expect(readPidFile(path)).toBeNull();
  });

  it('tells live processes from dead ones', () => {
    expect(isProcessAlive(process.pid)).toBe(true);
    expect(isProcessAlive(deadPid())).toBe(false);
  });
});

describe('claimPidFile', () => {
  it('claims a missing file', () => {
    const path = join(dir, 'run', 'supervisor.pid');
    expect(claimPidFile(path, 1234)).toEqual({ claimed: true });
    expect(readPidFile(path)).toBe(1234);
  });

  it('refuses while the holder is alive and leaves its file alone', () => {
    const path = join(dir, 'supervisor.pid');
    writeFileSync(path, `${process.ppid}\n`);
    expect(claimPidFile(path, process.pid)).toEqual({ claimed: false, holderPid: process.ppid });
    expect(readPidFile(path)).toBe(process.ppid);
  });

  it('replaces a file left by a dead process, by garbage, or by our own pid', () => {
    const path = join(dir, 'supervisor.pid');
    for (const leftover of [String(deadPid()), 'garbage', String(process.pid)]) {
      writeFileSync(path, leftover);
      expect(claimPidFile(path, process.pid)).toEqual({ claimed: true });
      expect(readPidFile(path)).toBe(process.pid);
    }
  });
});
