import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { credentialsKeyPath, loadSecretBox } from './key-file.js';
import { SecretBoxError } from './secret-box.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const dataDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'skytwin-cred-'));
  dirs.push(dir);
  return dir;
};

describe('secrets at rest', () => {
  it('seals and opens with the key file it creates at mode 0600, and the sealed text hides the secret', () => {
    const dir = dataDir();
    const box = loadSecretBox(dir);
    expect(statSync(credentialsKeyPath(dir)).mode & 0o777).toBe(0o600);
    const sealed = box.seal('1//refresh-token-secret', 'user-1');
    expect(sealed).not.toContain('refresh-token-secret');
    expect(box.seal('1//refresh-token-secret', 'user-1')).not.toBe(sealed);
    expect(loadSecretBox(dir).open(sealed, 'user-1')).toBe('1//refresh-token-secret');
  });

  it('refuses another context, a tampered value, or another key', () => {
    const box = loadSecretBox(dataDir());
    const sealed = box.seal('secret', 'user-1');
    expect(() => box.open(sealed, 'user-2')).toThrow(SecretBoxError);
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3] ?? '', 'base64url');
    body[0] = (body[0] ?? 0) ^ 1;
    expect(() => box.open([parts[0], parts[1], parts[2], body.toString('base64url')].join('.'), 'user-1')).toThrow(SecretBoxError);
    expect(() => loadSecretBox(dataDir()).open(sealed, 'user-1')).toThrow(/does not open with this key/);
    expect(() => box.open('garbage', 'user-1')).toThrow(/format/);
  });

  it('tightens a key file left readable by others, and refuses one of the wrong size', () => {
    const dir = dataDir();
    loadSecretBox(dir);
    chmodSync(credentialsKeyPath(dir), 0o644);
    loadSecretBox(dir);
    expect(statSync(credentialsKeyPath(dir)).mode & 0o777).toBe(0o600);
    const other = dataDir();
    writeFileSync(credentialsKeyPath(other), Buffer.alloc(16).toString('base64'));
    expect(() => loadSecretBox(other)).toThrow(/must hold 32/);
    expect(readFileSync(credentialsKeyPath(other), 'utf8')).toBe(Buffer.alloc(16).toString('base64'));
  });
});
