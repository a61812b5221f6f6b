import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensurePrivateDir, tightenPath, tightenTree } from './private-files.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'skytwin-private-'));
  dirs.push(dir);
  return dir;
}

const mode = (path: string) => statSync(path).mode & 0o777;

describe('private files', () => {
  it('makes missing directories 0700 and takes group and other access from an existing one', () => {
    const root = scratch();
    ensurePrivateDir(join(root, 'data', 'run'));
    expect(mode(join(root, 'data'))).toBe(0o700);
    expect(mode(join(root, 'data', 'run'))).toBe(0o700);
    chmodSync(join(root, 'data'), 0o755);
    ensurePrivateDir(join(root, 'data'));
    expect(mode(join(root, 'data'))).toBe(0o700);
  });

  it('tightens a whole tree, keeping the owner bits, and leaves what a symbolic link points at alone', () => {
    const root = scratch();
    const outside = join(root, 'outside');
    writeFileSync(outside, 'not ours');
    chmodSync(outside, 0o644);
    const db = join(root, 'db');
    mkdirSync(join(db, 'global'), { recursive: true });
    chmodSync(db, 0o777);
    chmodSync(join(db, 'global'), 0o755);
    writeFileSync(join(db, 'global', 'pg_control'), 'x');
    chmodSync(join(db, 'global', 'pg_control'), 0o666);
    writeFileSync(join(db, 'script'), 'x');
    chmodSync(join(db, 'script'), 0o775);
    writeFileSync(join(db, 'PG_VERSION'), '17');
    chmodSync(join(db, 'PG_VERSION'), 0o600);
    symlinkSync(outside, join(db, 'link'));

    expect(tightenTree(db)).toBe(4);
    expect(mode(db)).toBe(0o700);
    expect(mode(join(db, 'global'))).toBe(0o700);
    expect(mode(join(db, 'global', 'pg_control'))).toBe(0o600);
    expect(mode(join(db, 'script'))).toBe(0o700);
    expect(mode(join(db, 'PG_VERSION'))).toBe(0o600);
    expect(mode(outside)).toBe(0o644);
    expect(tightenTree(db)).toBe(0);
  });

  it('takes a missing path as nothing to do', () => {
    const root = scratch();
    expect(tightenTree(join(root, 'absent'))).toBe(0);
    expect(() => tightenPath(join(root, 'absent'))).not.toThrow();
    writeFileSync(join(root, 'api-token'), 'x', { mode: 0o644 });
    chmodSync(join(root, 'api-token'), 0o644);
    tightenPath(join(root, 'api-token'));
    expect(mode(join(root, 'api-token'))).toBe(0o600);
  });
});
