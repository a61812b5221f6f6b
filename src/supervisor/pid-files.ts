import { openSync, closeSync, writeSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../private-files/index.js';

export interface SupervisorPaths {
  runDir: string;
  logsDir: string;
  supervisorPidFile: string;
  pidFile(name: string): string;
  logFile(name: string): string;
}

/** The file layout of CONTRACT.md "Files in $SKYTWIN_DATA_DIR"; `skytwin status` reads the same paths. */
export function supervisorPaths(dataDir: string): SupervisorPaths {
  const runDir = join(dataDir, 'run');
  const logsDir = join(dataDir, 'logs');
  return {
    runDir,
    logsDir,
    supervisorPidFile: join(runDir, 'supervisor.pid'),
    pidFile: (name) => join(runDir, `${name}.pid`),
    logFile: (name) => join(logsDir, `${name}.log`),
  };
}

/** True when a process with this pid exists (EPERM means it exists but belongs to someone else). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid in the file, or null when the file is missing or does not hold a pid. */
export function readPidFile(path: string): number | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return null;
  }
  const pid = Number(text.trim());
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/** Written through a rename so a reader never sees a half-written pid. */
export function writePidFile(path: string, pid: number): void {
  ensurePrivateDir(dirname(path));
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${pid}\n`, { mode: PRIVATE_FILE_MODE });
  renameSync(temporary, path);
}

export function removePidFile(path: string): void {
  rmSync(path, { force: true });
}

export type PidClaim = { claimed: true } | { claimed: false; holderPid: number };

/**
 * Writes our pid unless a live process already holds the file. O_EXCL makes two supervisors
 * started at once unable to both win; a file left by a dead process is replaced.
 */
export function claimPidFile(path: string, pid: number = process.pid): PidClaim {
  ensurePrivateDir(dirname(path));
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx', PRIVATE_FILE_MODE);
      try {
        writeSync(fd, `${pid}\n`);
      } finally {
        closeSync(fd);
      }
      return { claimed: true };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readPidFile(path);
      // Our own pid in the file can only be a leftover (e.g. pid 1 in a restarted container).
      if (holder !== null && holder !== pid && isProcessAlive(holder)) return { claimed: false, holderPid: holder };
      rmSync(path, { force: true });
    }
  }
  throw new Error(`could not claim ${path}: it keeps reappearing`);
}
