import { ensurePrivateDir } from '../private-files/index.js';
import { SupervisedChild } from './child.js';
import { createLogSink, type LineSink } from './log-sink.js';
import { resolveOptions, type ResolvedOptions } from './options.js';
import { claimPidFile, removePidFile, supervisorPaths, type SupervisorPaths } from './pid-files.js';
import { runOnce } from './run-once.js';
import { listenForShutdown, type ShutdownRequest } from './shutdown-signal.js';
import { describeExit } from './spawn-process.js';
import type { SupervisorOptions } from './types.js';

/**
 * Runs the migration, then supervises every process until SIGTERM/SIGINT (or `signal`) → 0, or
 * until every process has hit its restart cap → 1. Refuses (1) while another supervisor lives.
 */
export async function runSupervisor(input: SupervisorOptions): Promise<number> {
  const options = resolveOptions(input);
  const paths = supervisorPaths(options.dataDir);
  ensurePrivateDir(options.dataDir);
  ensurePrivateDir(paths.runDir);
  ensurePrivateDir(paths.logsDir);
  const sinks: LineSink[] = [];
  const sinkFor = (name: string) => {
    const sink = createLogSink({ name, stdout: options.stdout, filePath: paths.logFile(name) });
    sinks.push(sink);
    return sink;
  };
  const own = sinkFor('supervisor');
  const log = (message: string) => own.writeLine(message);

  const claim = claimPidFile(paths.supervisorPidFile);
  if (!claim.claimed) {
    log(
      `another supervisor is already running (pid ${claim.holderPid}, see ${paths.supervisorPidFile}); ` +
        'stop it first, or delete that file if the pid is not a SkyTwin supervisor',
    );
    await own.close();
    return 1;
  }

  const shutdown = listenForShutdown(options.signal, options.handleSignals);
  const children: SupervisedChild[] = [];
  let stopping: Promise<void> | undefined;
  const stopAll = () =>
    (stopping ??= Promise.all(children.map((child) => child.stop(options.shutdownTimeoutMs, shutdown.force))).then(
      () => undefined,
    ));
  try {
    if (options.migrate !== null) {
      const failed = await migrate(options, sinkFor(options.migrate.name), shutdown, log);
      if (failed !== null) return failed;
    }
    if (options.processes.length === 0) {
      log('nothing to supervise');
      return 0;
    }
    const everyoneFailed = superviseAll(options, paths, sinkFor, log, children);
    const outcome = await Promise.race([aborted(shutdown.stop).then(() => 'stop' as const), everyoneFailed]);
    if (outcome === 'all-failed') {
      log('every process has exceeded its restarts; exiting');
      return 1;
    }
    log(`${shutdown.reason() ?? 'stop'}: stopping ${children.map((child) => child.name).join(', ')}`);
    await stopAll();
    log('all processes stopped');
    return 0;
  } finally {
    // Also reached on an unexpected exception: never leave children running behind us.
    await stopAll();
    shutdown.dispose();
    removePidFile(paths.supervisorPidFile);
    await Promise.all(sinks.map((sink) => sink.close()));
  }
}

/** null when the migration succeeded; otherwise the exit code for the supervisor. */
async function migrate(
  options: ResolvedOptions,
  output: LineSink,
  shutdown: ShutdownRequest,
  log: (message: string) => void,
): Promise<number | null> {
  const spec = options.migrate;
  if (spec === null) return null;
  log(`running ${spec.name}`);
  const result = await runOnce(spec, output, shutdown.stop, options.shutdownTimeoutMs, shutdown.force);
  if (result.kind === 'stopped') {
    log(`${shutdown.reason() ?? 'stop'} during ${spec.name}; nothing was started`);
    return 0;
  }
  if (result.status.code === 0) {
    log(`${spec.name} done`);
    return null;
  }
  log(`${spec.name} failed (${describeExit(result.status)}); starting nothing`);
  return 1;
}

/** Starts every process; resolves 'all-failed' once each has been given up on. */
function superviseAll(
  options: ResolvedOptions,
  paths: SupervisorPaths,
  sinkFor: (name: string) => LineSink,
  log: (message: string) => void,
  children: SupervisedChild[],
): Promise<'all-failed'> {
  const awaitingReady = new Set(options.processes.filter((spec) => spec.readyUrl !== undefined).map((spec) => spec.name));
  let announced = false;
  const announceIfReady = () => {
    if (announced || awaitingReady.size > 0) return;
    announced = true;
    options.onReady();
  };
  return new Promise((resolve) => {
    for (const spec of options.processes) {
      children.push(
        new SupervisedChild({
          spec,
          pidFile: paths.pidFile(spec.name),
          output: sinkFor(spec.name),
          log,
          restart: options.restart,
          readyPollIntervalMs: options.readyPollIntervalMs,
          onReady: (name) => {
            awaitingReady.delete(name);
            announceIfReady();
          },
          onGaveUp: () => {
            if (children.every((child) => child.state === 'failed')) resolve('all-failed');
          },
        }),
      );
    }
    for (const child of children) child.start();
    announceIfReady();
  });
}

function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
