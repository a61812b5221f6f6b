import { chmodSync, lstatSync, mkdirSync, readdirSync, type Stats } from 'node:fs';
import { join } from 'node:path';

/** Owner only: what every directory and file under `$SKYTWIN_DATA_DIR` gets, whatever the umask. */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Group or other may do anything at all. */
const SHARED_BITS = 0o077;

/**
 * Makes `dir` (and any missing parents, which mkdir creates with the same mode) and takes group
 * and other access away from it if it already existed with them.
 */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  tighten(dir, lstatSync(dir));
}

/** Takes group and other access away from one file or directory; a missing path is no error. */
export function tightenPath(path: string): void {
  const stats = statOrNull(path);
  if (stats !== null) tighten(path, stats);
}

/**
 * Walks `root` (not following symbolic links) and takes group and other access away from every
 * file and directory that still allows them; returns how many it changed. Files that vanish during the walk
 * (a database removing its temporary files) are skipped.
 */
export function tightenTree(root: string): number {
  const stats = statOrNull(root);
  if (stats === null) return 0;
  let changed = tighten(root, stats) ? 1 : 0;
  if (!stats.isDirectory()) return changed;
  let names: string[];
  try {
    names = readdirSync(root);
  } catch (error) {
    if (isMissing(error)) return changed;
    throw error;
  }
  for (const name of names) changed += tightenTree(join(root, name));
  return changed;
}

function tighten(path: string, stats: Stats): boolean {
  if (stats.isSymbolicLink() || (stats.mode & SHARED_BITS) === 0) return false;
  // Directories stay usable by their owner; files keep the owner's own bits (rw, or rwx).
  const mode = stats.isDirectory() ? PRIVATE_DIR_MODE : stats.mode & 0o700;
  try {
    chmodSync(path, mode);
    return true;
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
}

function statOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}
