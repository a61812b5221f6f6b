// The process supervisor behind `bin/skytwin-dev`: migrates once, then runs, restarts and stops the
// API, the worker and the emulator; hand-written for its rolling restart window.
export { runSupervisor } from './supervisor.js';
export type { ProcessSpec, RestartOptions, SupervisorOptions } from './types.js';
export { DEFAULT_RESTART, DEFAULT_SHUTDOWN_TIMEOUT_MS, SupervisorOptionsError } from './options.js';
export { decideRestart, backoffDelay, formatDuration, NO_CRASHES } from './restart-policy.js';
export type { Crash, RestartDecision, RestartHistory, RestartVerdict } from './restart-policy.js';
export { supervisorPaths, readPidFile, isProcessAlive } from './pid-files.js';
export type { SupervisorPaths } from './pid-files.js';
export { API_NODE_FLAGS, API_MEMORY_ENV } from './api-memory.js';
