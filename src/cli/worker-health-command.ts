import type { Config } from '../config/index.js';
import { heartbeatAge } from '../heartbeat/index.js';

type Out = { out: (line: string) => void; err: (line: string) => void };

/** `skytwin worker health`: 0 while the worker's heartbeat is younger than `maxAgeMs`, else 1. */
export function workerHealthCommand(config: Config, maxAgeMs: number, io: Out): number {
  const path = config.workerHeartbeatFile;
  const limit = `limit ${Math.round(maxAgeMs / 1000)} s`;
  const age = heartbeatAge(path, Date.now());
  if (age === null) {
    io.err(`worker not alive: no heartbeat file ${path} (not started yet, stopped, or it writes to another SKYTWIN_WORKER_HEARTBEAT_FILE)`);
    return 1;
  }
  const seconds = `${Math.round(age / 1000)} s`;
  if (age > maxAgeMs) {
    io.err(`worker not alive: its heartbeat is ${seconds} old (${limit}): the poll loop has not come round; its log says why (it may be waiting for the API)`);
    return 1;
  }
  io.out(`worker alive: heartbeat ${seconds} old (${limit})`);
  return 0;
}
