import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApi, type RunningApi } from '../../src/api/index.js';
import { parseConfig } from '../../src/config/index.js';

/**
 * An API in this process on a fresh data directory (the caller removes it), with Google played by
 * the emulator at `emulatorUrl`; ready, with the owner token it wrote.
 */
export async function startApiForEmulator(emulatorUrl: string, prefix: string): Promise<{ api: RunningApi; dataDir: string; token: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const config = parseConfig(
    {
      SKYTWIN_DATA_DIR: dataDir,
      SKYTWIN_API_PORT: '0',
      GOOGLE_CLIENT_ID: 'skytwin-test',
      GOOGLE_CLIENT_SECRET: 'secret',
      GOOGLE_API_BASE_URL: emulatorUrl,
      GOOGLE_OAUTH_TOKEN_URL: `${emulatorUrl}/token`,
      GOOGLE_OAUTH_AUTH_URL: `${emulatorUrl}/o/oauth2/v2/auth`,
    },
    dataDir,
  );
  const api = await startApi(config, { log: () => undefined });
  await api.ready;
  return { api, dataDir, token: readFileSync(join(dataDir, 'api-token'), 'utf8').trim() };
}
