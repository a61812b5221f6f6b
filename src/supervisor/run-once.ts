import type { LineSink } from './log-sink.js';
import { spawnProcess, stopProcess, type ExitStatus } from './spawn-process.js';
import type { ProcessSpec } from './types.js';

export type RunOnceResult = { kind: 'exited'; status: ExitStatus } | { kind: 'stopped' };

/**
 * Runs a one-shot program (the migration) to completion. Aborting `stop` terminates it the way
 * shutdown terminates supervised children.
 */
export async function runOnce(
  spec: ProcessSpec,
  output: LineSink,
  stop: AbortSignal,
  graceMs: number,
  force: AbortSignal,
): Promise<RunOnceResult> {
  const running = spawnProcess(spec, output);
  const stopped = new Promise<'stopped'>((resolve) => {
    if (stop.aborted) resolve('stopped');
    else stop.addEventListener('abort', () => resolve('stopped'), { once: true });
  });
  const first = await Promise.race([running.exited, stopped]);
  if (first === 'stopped') {
    await stopProcess(running, graceMs, force);
    return { kind: 'stopped' };
  }
  await running.drained;
  return { kind: 'exited', status: first };
}
