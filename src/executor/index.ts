// Side effects through the durable outbox: the runner that claims and runs actions, and the
// ActionExecutor contract with its recording implementation.
export type { ActionExecutor, ExecutionOutcome } from './action-executor.js';
export { RecordingExecutor } from './recording-executor.js';
export type { RecordedCall } from './recording-executor.js';
export { OutboxRunner } from './outbox-runner.js';
export type { OutboxRunnerOptions } from './outbox-runner.js';
