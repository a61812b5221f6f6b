import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wireGoogle } from '../../src/api/google-wiring.js';
import { parseConfig } from '../../src/config/index.js';
import { EmulatorControl, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import type { ActionExecutor } from '../../src/executor/index.js';
import type { BriefingDraftPort } from '../../src/services/index.js';
import { startTestApp, type TestApp } from './app.js';
import type { Backend } from './database.js';
import { ManualClock } from './clock.js';

export interface GoogleTestApp extends TestApp {
  /** The executor the outbox runner uses: Google, through the emulator. */
  google: ActionExecutor;
  /** The daily briefing's Gmail drafts, through the emulator. */
  briefingDrafts: BriefingDraftPort;
  emulator: RunningEmulator;
  control: EmulatorControl;
  dataDir: string;
}

/**
 * The app wired to Google exactly as `skytwin api` is (wireGoogle), with Google played by the
 * emulator on loopback. The clock follows real time, since the emulator's tokens do.
 */
export async function startGoogleTestApp(backend?: Backend): Promise<GoogleTestApp> {
  const emulator = await startEmulator({ seed: 7 });
  const dataDir = mkdtempSync(join(tmpdir(), 'skytwin-google-'));
  const config = parseConfig(
    {
      SKYTWIN_DATA_DIR: dataDir,
      GOOGLE_CLIENT_ID: 'skytwin-test',
      GOOGLE_CLIENT_SECRET: 'skytwin-test-secret',
      GOOGLE_API_BASE_URL: emulator.url,
      GOOGLE_OAUTH_TOKEN_URL: `${emulator.url}/token`,
      GOOGLE_OAUTH_AUTH_URL: `${emulator.url}/o/oauth2/v2/auth`,
      SKYTWIN_GOOGLE_TIMEOUT_MS: '5000',
    },
    dataDir,
  );
  let executor: ActionExecutor | null = null;
  let briefingDrafts: BriefingDraftPort | null = null;
  const t = await startTestApp(backend, new ManualClock(new Date()), {
    google: (services) => {
      const wired = wireGoogle(config, services);
      if (!wired) throw new Error('Google did not wire');
      executor = wired.executor;
      briefingDrafts = wired.briefingDrafts;
      return wired;
    },
  });
  if (!executor || !briefingDrafts) throw new Error('Google did not wire');
  return {
    ...t,
    google: executor,
    briefingDrafts,
    emulator,
    control: new EmulatorControl(emulator.url),
    dataDir,
    async close() {
      await t.close();
      await emulator.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
