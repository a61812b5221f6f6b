import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ensurePrivateDir, PRIVATE_FILE_MODE, tightenPath } from '../private-files/index.js';
import { SecretBox } from './secret-box.js';

const KEY_FILE = 'credentials.key';
const KEY_BYTES = 32;

export function credentialsKeyPath(dataDir: string): string {
  return join(dataDir, KEY_FILE);
}

/**
 * The box for secrets at rest, keyed by `$SKYTWIN_DATA_DIR/credentials.key` (32 random bytes,
 * base64, mode 0600), made on first use. A key file of the wrong size stops start-up rather than
 * being replaced: replacing it would orphan every stored credential.
 */
export function loadSecretBox(dataDir: string): SecretBox {
  const path = credentialsKeyPath(dataDir);
  let encoded: string;
  try {
    encoded = readFileSync(path, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    ensurePrivateDir(dirname(path));
    encoded = randomBytes(KEY_BYTES).toString('base64');
    try {
      writeFileSync(path, `${encoded}\n`, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
    } catch (raced) {
      // Another process made it first: use theirs.
      if ((raced as NodeJS.ErrnoException).code !== 'EEXIST') throw raced;
      encoded = readFileSync(path, 'utf8').trim();
    }
  }
  tightenPath(path);
  const key = Buffer.from(encoded, 'base64');
  if (key.length !== KEY_BYTES) throw new Error(`${path} must hold ${KEY_BYTES} base64 bytes; it holds ${key.length}. Restore it from a backup, or delete it and reconnect every Google account.`);
  return new SecretBox(key);
}
