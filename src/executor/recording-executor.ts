import type { ActionType } from '../domain/index.js';
import type { OutboxAction } from '../store/index.js';
import type { ActionExecutor, ExecutionOutcome } from './action-executor.js';

export interface RecordedCall {
  kind: 'execute' | 'undo';
  actionId: string;
  type: ActionType;
  parameters: Record<string, unknown>;
}

const IDEMPOTENT: readonly ActionType[] = ['archive', 'label', 'mark_read', 'rsvp', 'flag_for_review', 'do_nothing'];

/**
 * Performs nothing outside SkyTwin: it records each call, so tests can count effects and the
 * product can run before a Google account is connected. Failures can be scripted per action type.
 */
export class RecordingExecutor implements ActionExecutor {
  readonly calls: RecordedCall[] = [];
  private readonly scripted = new Map<ActionType, ExecutionOutcome[]>();

  isIdempotent(type: ActionType): boolean {
    return IDEMPOTENT.includes(type);
  }

  /** The next runs of `type` end with these outcomes, in order. */
  script(type: ActionType, ...outcomes: ExecutionOutcome[]): void {
    this.scripted.set(type, [...(this.scripted.get(type) ?? []), ...outcomes]);
  }

  async execute(action: OutboxAction): Promise<ExecutionOutcome> {
    return this.run('execute', action);
  }

  async undo(action: OutboxAction): Promise<ExecutionOutcome> {
    return this.run('undo', action);
  }

  private async run(kind: 'execute' | 'undo', action: OutboxAction): Promise<ExecutionOutcome> {
    this.calls.push({ kind, actionId: action.id, type: action.type, parameters: action.parameters });
    const next = this.scripted.get(action.type)?.shift();
    if (next) return next;
    return { status: 'succeeded', result: { recorded: true, kind, type: action.type } };
  }
}
