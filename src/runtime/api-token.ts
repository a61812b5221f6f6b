import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePrivateDir, PRIVATE_FILE_MODE, tightenPath } from '../private-files/index.js';
import { newToken } from '../services/index.js';

/** The owner's API token in `$SKYTWIN_DATA_DIR/api-token` (mode 0600), made on first start. */
export function ensureApiToken(dataDir: string): string {
  const path = join(dataDir, 'api-token');
  ensurePrivateDir(dataDir);
  if (existsSync(path)) {
    const token = readFileSync(path, 'utf8').trim();
    if (token.length >= 20) {
      tightenPath(path);
      return token;
    }
  }
  const token = newToken('sto');
  writeFileSync(path, `${token}\n`, { mode: PRIVATE_FILE_MODE, flag: 'w' });
  // An existing (too short) file keeps its mode through the rewrite.
  tightenPath(path);
  return token;
}
