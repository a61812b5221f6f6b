import { join } from 'node:path';
import { isDemoMode, type Config } from '../config/index.js';
import { HealthReadyBody, SyncViewBody, UsersViewBody, type HealthReady } from '../contract/index.js';
import { isProcessAlive, readPidFile, supervisorPaths } from '../supervisor/index.js';
import { matchesContract } from '../worker/index.js';
import { ApiLink, causeOf, readApiToken } from './api-link.js';

type Out = { out: (line: string) => void; err: (line: string) => void };

interface Probe {
  ok: boolean;
  status: number | null;
  body: unknown;
  detail: string;
}

/**
 * `skytwin status`: where the dashboard is, whether demo mode is on, how each process is doing,
 * and every Google connection that needs its user (credentials to reconnect, polls held back by
 * an open circuit breaker). Exit 0 when all is well, 1 when something needs the user.
 */
export async function statusCommand(config: Config, io: Out): Promise<number> {
  const problems: string[] = [];
  const paths = supervisorPaths(config.dataDir);
  const pidOf = (file: string): { pid: number | null; alive: boolean } => {
    const pid = readPidFile(file);
    return { pid, alive: pid !== null && isProcessAlive(pid) };
  };

  const live = await probe(`${config.apiUrl}/api/health/live`);
  const ready = live.ok || live.status !== null ? await probe(`${config.apiUrl}/api/health/ready`) : live;
  const health = matchesContract(HealthReadyBody, ready.body) ? ready.body : null;
  const demoFromApi = health?.demoMode;
  const demo = demoFromApi ?? isDemoMode(config);

  io.out(`dashboard   ${config.apiUrl}/`);
  io.out(
    `demo mode   ${demo ? 'on: Google is played by the local emulator' : 'off'}` +
      (typeof demoFromApi === 'boolean' ? '' : ' (from the settings here: the API did not say)'),
  );

  const supervisor = pidOf(paths.supervisorPidFile);
  const processLine = (name: string, state: { pid: number | null; alive: boolean }, word?: string): string => {
    const said = word ?? (state.pid === null ? 'not started' : state.alive ? 'running' : 'not running');
    return `${name.padEnd(11)} ${said}${state.pid === null ? '' : ` (pid ${state.pid})`}`;
  };
  if (supervisor.pid !== null && !supervisor.alive) problems.push(`the supervisor (pid ${supervisor.pid}) is gone; start SkyTwin again (npm start)`);
  io.out(processLine('supervisor', supervisor));

  const api = pidOf(paths.pidFile('api'));
  // The API may run unsupervised (no pid file): whether it answers is what counts.
  const apiWord = live.ok ? 'running' : api.alive ? 'not answering' : 'down';
  io.out(`${processLine('api', api, apiWord)}  live: ${live.detail}  ready: ${ready.detail}`);
  if (!live.ok) problems.push(`the API does not answer at ${config.apiUrl}; start SkyTwin (npm start)`);
  else if (!ready.ok) problems.push(`the API at ${config.apiUrl} is not ready: ${notReadyDetail(ready.body)}`);

  const worker = pidOf(paths.pidFile('worker'));
  io.out(processLine('worker', worker));
  if (worker.pid !== null && !worker.alive) problems.push(`the worker (pid ${worker.pid}) is not running; see ${paths.logFile('worker')}`);
  else if (worker.pid === null && supervisor.alive) problems.push(`the supervisor is not running the worker (it gave up after repeated crashes?); see ${paths.logFile('worker')}`);

  const emulator = pidOf(paths.pidFile('emulator'));
  if (emulator.pid !== null || (demo && supervisor.alive)) {
    const health = await probe(`http://127.0.0.1:${config.emulatorPort}/_emulator/health`);
    io.out(`${processLine('emulator', emulator)}  health: ${health.detail}`);
    if (!emulator.alive || !health.ok) problems.push(`the Google emulator is not answering; see ${paths.logFile('emulator')}`);
  }

  if (ready.ok) await reportConnections(config, io, problems);

  if (problems.length === 0) {
    io.out('all is well');
    return 0;
  }
  io.out(`needs you (${problems.length}):`);
  for (const problem of problems) io.out(`  - ${problem}`);
  return 1;
}

/** One line per user with Google credentials; a dead connection or an open breaker is a problem. */
async function reportConnections(config: Config, io: Out, problems: string[]): Promise<void> {
  const token = readApiToken(config.dataDir);
  if (token === null) {
    problems.push(`no API token in ${join(config.dataDir, 'api-token')}, so the users' connections cannot be checked`);
    return;
  }
  const api = new ApiLink(config.apiUrl, token);
  const listed = await api.call('GET', '/api/users', undefined, 10_000).catch((error: unknown) => ({ status: 0, body: null, message: causeOf(error) }));
  if (listed.status !== 200 || !matchesContract(UsersViewBody, listed.body)) {
    problems.push(`could not list the users: ${listed.status === 200 ? 'the API answered an unexpected shape' : listed.message}`);
    return;
  }
  const { users } = listed.body;
  io.out(`users       ${users.length}`);
  for (const entry of users) {
    const who = `${entry.email} (${entry.id})`;
    const answer = await api.call('GET', `/api/users/${encodeURIComponent(entry.id)}/sync`, undefined, 10_000);
    const view = answer.status === 200 && matchesContract(SyncViewBody, answer.body) ? answer.body : null;
    if (view === null) {
      const why = answer.status === 200 ? 'the API answered an unexpected shape' : answer.message;
      io.out(`  ${who}: sync state unavailable (${why})`);
      problems.push(`could not read the sync state of ${who}: ${why}`);
      continue;
    }
    if (view.connection === null) {
      io.out(`  ${who}: no Google connection`);
      continue;
    }
    const notes: string[] = [];
    if (view.connection.status === 'needs_reconnect') {
      notes.push(`access needs reconnecting (${view.connection.statusReason ?? 'Google refused the credentials'})`);
      problems.push(`${who}: reconnect Google: bin/skytwin connect google --user ${entry.id}`);
    }
    if (view.breaker?.state === 'open') {
      const lastError = view.sources.map((source) => source.lastError).find((error) => error !== null && error !== '');
      notes.push(
        `polls paused: circuit breaker open${view.breaker.openUntil ? ` until ${view.breaker.openUntil}` : ''} after ${view.breaker.consecutiveFailures} failed cycles` +
          (lastError && view.connection.status !== 'needs_reconnect' ? ` (last error: ${lastError})` : ''),
      );
      if (view.connection.status !== 'needs_reconnect') problems.push(`${who}: Google polls are failing and paused; see ${supervisorPaths(config.dataDir).logFile('worker')}`);
    } else if (view.breaker?.state === 'half_open') {
      notes.push('trying Google again after a pause');
    }
    const synced = view.sources.map((source) => source.lastSuccessAt).filter((at): at is string => at !== null).sort().at(-1);
    io.out(`  ${who}: Google ${notes.length > 0 ? notes.join('; ') : `connected${synced ? `, last synced ${synced}` : ', not synced yet'}`}`);
  }
}

async function probe(url: string): Promise<Probe> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(3_000) });
    const text = await response.text();
    let body: unknown = null;
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      body = null;
    }
    return { ok: response.status === 200, status: response.status, body, detail: response.status === 200 ? 'ok' : `HTTP ${response.status}` };
  } catch (error) {
    return { ok: false, status: null, body: null, detail: `down (${causeOf(error)})` };
  }
}

/** The failing checks of an `application/health+json` answer, for one line. */
function notReadyDetail(body: unknown): string {
  if (!matchesContract(HealthReadyBody, body)) return 'no details';
  const checks: HealthReady['checks'] = body.checks;
  const failing = Object.entries(checks)
    .filter(([, results]) => results.some((result) => result.status !== 'pass'))
    .map(([name, results]) => `${name}: ${results[0]?.output ?? 'fail'}`);
  return failing.length > 0 ? failing.join('; ') : 'no details';
}
