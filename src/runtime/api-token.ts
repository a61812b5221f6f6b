import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newToken } from '../services/index.js';

/** The owner's API token in `$SKYTWIN_DATA_DIR/api-token` (mode 0600), made on first start. */
export function ensureApiToken(dataDir: string): string {
  const path = join(dataDir, 'api-token');
  mkdirSync(dataDir, { recursive: true });
  if (existsSync(path)) {
    const token = readFileSync(path, 'utf8').trim();
    if (token.length >= 20) {
      chmodSync(path, 0o600);
      return token;
    }
  }
  const token = newToken('sto');
  writeFileSync(path, `${token}\n`, { mode: 0o600, flag: 'w' });
  chmodSync(path, 0o600);
  return token;
}
