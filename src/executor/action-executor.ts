import type { ActionType } from '../domain/index.js';
import type { OutboxAction } from '../store/index.js';

export type ExecutionOutcome =
  | { status: 'succeeded'; result: unknown }
  | { status: 'failed'; reason: string }
  | { status: 'unknown'; reason: string }
  /** The target was unavailable and running again is safe: try later (after `afterMs` when it asked for a wait). */
  | { status: 'retry'; reason: string; afterMs: number | null };

/** Carries out actions in the world (Gmail, Calendar, ...). One implementation per target. */
export interface ActionExecutor {
  /** True when running the action twice leaves the same end state, so a crashed run may be repeated. */
  isIdempotent(type: ActionType): boolean;
  execute(action: OutboxAction): Promise<ExecutionOutcome>;
  /** Reverts an executed action; `action.parameters.previous` holds the original run's result. */
  undo(action: OutboxAction): Promise<ExecutionOutcome>;
}
