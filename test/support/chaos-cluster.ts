import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EmulatorControl } from '../../src/emulator/index.js';
import { CLI, childEnv, freePort, LiveProcess, poll, runCli } from './processes.js';

/**
 * The processes of a chaos run: one `skytwin emulator`, and `skytwin api` and `skytwin worker`
 * that can be killed with SIGKILL and started again whenever the run wants, on the same port and data.
 */
export class ChaosCluster {
  private readonly stopped: LiveProcess[] = [];
  api: LiveProcess | null = null;
  worker: LiveProcess | null = null;
  readonly kills = { api: 0, worker: 0 };

  private constructor(
    readonly emulator: LiveProcess,
    readonly control: EmulatorControl,
    readonly apiUrl: string,
    readonly env: NodeJS.ProcessEnv,
    readonly dataDir: string,
  ) {}

  /** Starts the emulator and prepares (migrates) the database; the API and the worker start on demand. */
  static async start(options: { seed: number; dataDir: string; databaseUrl: string | null; extraEnv?: Record<string, string> }): Promise<ChaosCluster> {
    const emulator = new LiveProcess([CLI, 'emulator', '--port', '0', '--seed', String(options.seed)], childEnv({}));
    const [, emulatorUrl = ''] = await emulator.waitFor(/emulator listening on (http:\/\/\S+)/, 30_000);
    const control = new EmulatorControl(emulatorUrl);
    // Gmail's per-user quota would answer 429s of its own; the chaos run injects its own faults.
    await fetch(`${emulatorUrl}/_emulator/quota`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ gmail: null }) });
    const port = await freePort();
    const env = childEnv({
      SKYTWIN_DATA_DIR: options.dataDir,
      SKYTWIN_API_PORT: String(port),
      SKYTWIN_API_URL: `http://127.0.0.1:${port}`,
      GOOGLE_CLIENT_ID: 'skytwin-chaos',
      GOOGLE_CLIENT_SECRET: 'skytwin-chaos-secret',
      GOOGLE_API_BASE_URL: emulatorUrl,
      GOOGLE_OAUTH_TOKEN_URL: `${emulatorUrl}/token`,
      GOOGLE_OAUTH_AUTH_URL: `${emulatorUrl}/o/oauth2/v2/auth`,
      LOG_LEVEL: 'warn',
      SKYTWIN_POLL_INTERVAL_MS: '500',
      // A kill mid-action costs one lease: short here so the run settles quickly. Safe, because
      // one API runs at a time and every Google call gives up after 5 s.
      SKYTWIN_OUTBOX_LEASE_MS: '5000',
      SKYTWIN_GOOGLE_TIMEOUT_MS: '5000',
      SKYTWIN_GMAIL_QUOTA_UNITS_PER_MIN: '10000000',
      SKYTWIN_RATE_LIMIT: 'off',
      ...(options.databaseUrl !== null ? { DATABASE_URL: options.databaseUrl } : {}),
      ...options.extraEnv,
    });
    // A server database is migrated once, as `npm start` does; the embedded one by the API itself.
    const migrated = options.databaseUrl === null ? { code: 0, stdout: '', stderr: '' } : await runCli(['migrate'], env);
    if (migrated.code !== 0) throw new Error(`skytwin migrate failed (${migrated.code}):\n${migrated.stdout}\n${migrated.stderr}`);
    return new ChaosCluster(emulator, control, `http://127.0.0.1:${port}`, env, options.dataDir);
  }

  /** The owner's bearer token, made by the API on its first start. */
  ownerToken(): string {
    return readFileSync(join(this.dataDir, 'api-token'), 'utf8').trim();
  }

  /** Starts the API and resolves once it says it is ready (database connected and migrated). */
  async startApi(): Promise<void> {
    const api = new LiveProcess([CLI, 'api'], this.env);
    this.api = api;
    await api.waitFor(/api ready: database connected and migrated/, 180_000);
  }

  startWorker(): void {
    this.worker = new LiveProcess([CLI, 'worker'], this.env);
  }

  /** SIGKILL: no handler runs, nothing is flushed or released. */
  async killApi(): Promise<void> {
    const api = this.api;
    if (!api) return;
    this.api = null;
    await api.stop('SIGKILL');
    this.kills.api += 1;
    this.stopped.push(api);
  }

  async killWorker(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    await worker.stop('SIGKILL');
    this.kills.worker += 1;
    this.stopped.push(worker);
  }

  /** A clean stop of the API and the worker (SIGTERM), so the database can be opened by the checks. */
  async stopSkyTwin(): Promise<void> {
    for (const child of [this.worker, this.api]) {
      if (!child) continue;
      const code = await child.stop('SIGTERM', 30_000);
      if (code !== 0) throw new Error(`a SkyTwin process exited with ${String(code)} on SIGTERM:\n${child.output.slice(-4000)}`);
    }
    this.worker = null;
    this.api = null;
  }

  async close(): Promise<void> {
    for (const child of [this.worker, this.api, this.emulator]) await child?.stop('SIGKILL', 5_000);
  }

  /** Everything the API and worker processes printed, for a failure's message. */
  output(): string {
    const all = [...this.stopped, ...(this.api ? [this.api] : []), ...(this.worker ? [this.worker] : [])];
    return all.map((child) => child.output).join('\n---\n');
  }

  /** Waits until the API answers its readiness check (after a restart). */
  async untilReady(timeoutMs = 60_000): Promise<void> {
    await poll(async () => ((await fetch(`${this.apiUrl}/api/health/ready`)).status === 200 ? true : null), timeoutMs);
  }
}
