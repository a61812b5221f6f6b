import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startApi } from '../src/api/index.js';
import type { Signal } from '../src/domain/index.js';
import { EmulatorControl, startEmulator, type RequestLogEntry } from '../src/emulator/index.js';
import { GMAIL_QUOTA_WINDOW_MS, GMAIL_UNITS_PER_MINUTE, gmailQuotaUnits, splitGmailQuota } from '../src/google/index.js';
import { UserBreakers } from '../src/resilience/index.js';
import { Worker, WorkerApi, googleSyncer } from '../src/worker/index.js';
import { embeddedBackend } from './backends.js';
import type { BenchContext, Benchmark } from './benchmark.js';
import { withCleanup } from './cleanup.js';
import { ApiClient } from './http.js';

const MESSAGES = 500;
const EMAIL = 'quota-bench@example.com';

/** The worker's API client, counting the signals the API stored. */
class CountingWorkerApi extends WorkerApi {
  stored = 0;
  override async ingest(signals: Signal[]): Promise<number> {
    const stored = await super.ingest(signals);
    this.stored += stored;
    return stored;
  }
}

/**
 * A new user's first Gmail sync of 500 messages under Gmail's per-user quota for new projects
 * (6,000 units a minute), end to end: the emulator enforcing the quota with Gmail's 429, the
 * worker in process pacing to its share exactly as `skytwin worker` does, the API on the embedded
 * database. Prints the units spent, the time taken, the 429s met (the target is none) and the
 * least time the quota allows.
 */
export const gmailQuotaBenchmark: Benchmark = {
  name: 'quota',
  async run({ out }: BenchContext) {
    const quota = GMAIL_UNITS_PER_MINUTE;
    const share = splitGmailQuota(quota).worker;
    out(`quota: first Gmail sync of ${MESSAGES} messages for a new user; the emulator allows ${quota} units a minute per user, the worker paces to its ${share}`);
    await withCleanup(async (cleanup) => {
      const emulator = await startEmulator({ seed: 9, gmailQuota: { units: quota, windowMs: GMAIL_QUOTA_WINDOW_MS } });
      cleanup.add('stop the emulator', () => emulator.close());
      const control = new EmulatorControl(emulator.url);

      const backend = await embeddedBackend(cleanup);
      const config = {
        ...backend.config,
        googleClientId: 'skytwin-bench',
        googleClientSecret: 'skytwin-bench-secret',
        googleApiBaseUrl: emulator.url,
        googleOAuthTokenUrl: `${emulator.url}/token`,
        googleOAuthAuthUrl: `${emulator.url}/o/oauth2/v2/auth`,
        gmailQuotaUnitsPerMin: quota,
      };
      const api = await startApi(config, { log: () => undefined });
      cleanup.add('stop the API', () => api.close());
      await api.ready;
      const token = readFileSync(join(config.dataDir, 'api-token'), 'utf8').trim();
      const owner = new ApiClient(api.url, token);

      const user = (await owner.call('POST', '/api/users', { email: EMAIL })).body as { id: string };
      const { refreshToken } = await control.createAccount({ email: EMAIL });
      for (let start = 0; start < MESSAGES; start += 100) {
        const batch = Array.from({ length: Math.min(100, MESSAGES - start) }, (_, k) => {
          const i = start + k;
          return { from: `Shop ${i % 37} <orders@shop${i % 37}.example>`, subject: `Order ${i} confirmed`, text: `Receipt ${i}: total $${(i % 90) + 10}.00` };
        });
        await control.addMessages(EMAIL, batch);
      }
      await owner.call('POST', `/api/users/${user.id}/connections/google`, { refreshToken });

      const controller = new AbortController();
      cleanup.add('stop the worker', () => controller.abort());
      const workerApi = new CountingWorkerApi({ baseUrl: api.url, token, signal: controller.signal });
      let waits = 0;
      const worker = new Worker({
        api: workerApi,
        controller,
        sync: googleSyncer({
          api: workerApi,
          apiBaseUrl: emulator.url,
          timeoutMs: config.googleTimeoutMs,
          gmailWindowDays: config.gmailWindowDays,
          gmailMaxMessages: config.gmailMaxMessages,
          gmailQuota: { units: share, windowMs: GMAIL_QUOTA_WINDOW_MS },
          signal: controller.signal,
          log: (event) => {
            if (event.type === 'quota_wait') waits += 1;
          },
        }),
        breakers: new UserBreakers(undefined, (line) => out(`   warning: ${line}`)),
        pollIntervalMs: config.pollIntervalMs,
        concurrency: config.workerConcurrency,
        log: () => undefined,
      });

      const started = performance.now();
      await worker.cycle();
      const elapsedMs = performance.now() - started;

      const gmail = (await control.requestLog({ account: EMAIL })).filter((entry) => entry.endpoint?.startsWith('gmail.'));
      const refused = gmail.filter((entry) => entry.status === 429).length;
      const units = gmail.filter((entry) => entry.status !== 429).reduce((sum, entry) => sum + unitsOf(entry), 0);
      const gets = gmail.filter((entry) => entry.endpoint === 'gmail.messages.get' && entry.status === 200).length;
      const googleMs = gmail.length === 0 ? 0 : Date.parse(gmail.at(-1)?.time ?? '') - Date.parse(gmail[0]?.time ?? '');
      const windowS = GMAIL_QUOTA_WINDOW_MS / 1000;
      out(`-- embedded (${backend.where})`);
      out(`   units spent:           ${units} (${gets} messages.get at ${gmailQuotaUnits('gmail.messages.get')}, plus getProfile and messages.list)`);
      out(`   messages ingested:     ${workerApi.stored} of ${MESSAGES}`);
      out(`   elapsed:               ${(elapsedMs / 1000).toFixed(1)} s for the whole poll; ${(googleMs / 1000).toFixed(1)} s from the first Gmail call to the last`);
      out(`   calls that waited:     ${waits}`);
      out(`   429 answers:           ${refused} (target 0: ${refused === 0 ? 'met' : 'MISSED'})`);
      out(
        `   theoretical minimum:   ${minimumSeconds(units, share, windowS)} s at the worker's ${share} units a minute` +
          ` (${minimumSeconds(units, quota, windowS)} s at the whole ${quota}): all but the last window's worth must age out of a rolling ${windowS} s window`,
      );
      if (workerApi.stored !== MESSAGES) throw new Error(`only ${workerApi.stored} of ${MESSAGES} messages were ingested`);
    }, out);
  },
};

function unitsOf(entry: RequestLogEntry): number {
  return entry.endpoint === null ? 0 : (gmailQuotaUnits(entry.endpoint) ?? 0);
}

/** Under a rolling window, `units` need ceil(units / limit) windows' worth: every one but the last must pass in full. */
function minimumSeconds(units: number, limit: number, windowS: number): number {
  return Math.max(0, Math.ceil(units / limit) - 1) * windowS;
}
