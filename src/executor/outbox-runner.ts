import type { Kysely } from 'kysely';
import type { Clock } from '../domain/index.js';
import {
  claimAction,
  dueActionIds,
  finishAction,
  hasRecordedAuthorization,
  insertUserEvents,
  inTransaction,
  postponeAction,
  setCalendarResponse,
  type OutboxAction,
  type Schema,
} from '../store/index.js';
import type { ActionExecutor, ExecutionOutcome } from './action-executor.js';

export interface OutboxRunnerOptions {
  leaseMs?: number;
  pollMs?: number;
  batchSize?: number;
  /** Runs of one action, the first included, before a target that stays unavailable fails it. */
  maxAttempts?: number;
  onError?: (error: unknown) => void;
  /** After an action's final state committed, with its user: this process's live streams read it now. */
  onFinished?: (userId: string) => void;
}

/** Waits between runs of an action whose target was unavailable: 30 s, doubling, at most 15 min. */
const RETRY_BASE_MS = 30_000;
const RETRY_MAX_MS = 15 * 60_000;

/**
 * Drains the action outbox: claims due actions with a lease, refuses any without a recorded
 * authorization, runs them through the executor and records how they ended. An action whose
 * run was interrupted (expired lease) is repeated only if the executor says it is idempotent.
 */
export class OutboxRunner {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly batchSize: number;
  private readonly maxAttempts: number;

  constructor(
    private readonly db: Kysely<Schema>,
    private readonly executor: ActionExecutor,
    private readonly clock: Clock,
    private readonly options: OutboxRunnerOptions = {},
  ) {
    this.leaseMs = options.leaseMs ?? 60_000;
    this.pollMs = options.pollMs ?? 1_000;
    this.batchSize = options.batchSize ?? 20;
    this.maxAttempts = options.maxAttempts ?? 6;
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Runs soon instead of waiting for the next poll. */
  nudge(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  /** Processes every due action once; returns how many were claimed. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const ids = await dueActionIds(this.db, this.clock.now(), this.batchSize);
      let claimed = 0;
      for (const id of ids) {
        const action = await claimAction(this.db, id, this.clock.now(), this.leaseMs);
        if (!action) continue;
        claimed++;
        await this.process(action);
      }
      total += claimed;
      if (ids.length < this.batchSize || claimed === 0) return total;
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.drain()
        .then(() => undefined, (error: unknown) => this.options.onError?.(error))
        .finally(() => {
          this.running = null;
          const again = this.again;
          this.again = false;
          this.schedule(again ? 0 : this.pollMs);
        });
    }, delayMs);
    this.timer.unref();
  }

  private async process(action: OutboxAction): Promise<void> {
    let outcome = await this.outcomeOf(action);
    const now = this.clock.now();
    if (outcome.status === 'retry') {
      if (action.attempts < this.maxAttempts) {
        const backoff = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** (action.attempts - 1));
        const notBefore = new Date(now.getTime() + Math.max(outcome.afterMs ?? 0, backoff));
        await postponeAction(this.db, { id: action.id, notBefore, error: `will try again at ${notBefore.toISOString()}: ${outcome.reason}`, now });
        return;
      }
      outcome = { status: 'failed', reason: `gave up after ${action.attempts} attempts: ${outcome.reason}` };
    }
    // The final state and the user's live event commit together.
    const finished = await inTransaction(this.db, async (trx) => {
      const done = await finishAction(trx, {
        id: action.id,
        state: outcome.status,
        result: outcome.status === 'succeeded' ? outcome.result : null,
        error: outcome.status === 'succeeded' ? null : outcome.reason,
        now,
      });
      const payload = { decisionId: action.decisionId, actionId: action.id, state: outcome.status, actionKind: action.kind };
      if (done) await insertUserEvents(trx, [{ userId: action.userId, kind: 'action.state', payload }]);
      return done;
    });
    if (finished) this.options.onFinished?.(action.userId);
    if (outcome.status === 'succeeded' && action.type === 'rsvp') await this.recordResponse(action, now);
  }

  private async outcomeOf(action: OutboxAction): Promise<ExecutionOutcome> {
    if (action.attempts > 1 && !this.executor.isIdempotent(action.type)) {
      return {
        status: 'unknown',
        reason: `SkyTwin stopped while running this ${action.type}; it was not repeated because running it twice could duplicate it. Check the result yourself.`,
      };
    }
    if (!(await hasRecordedAuthorization(this.db, action))) {
      return { status: 'failed', reason: 'Refused: there is no recorded policy verdict of allowed or approval for this action.' };
    }
    try {
      return action.kind === 'undo' ? await this.executor.undo(action) : await this.executor.execute(action);
    } catch (error) {
      return { status: 'unknown', reason: `The executor stopped with an error: ${error instanceof Error ? error.message : String(error)}` };
    }
  }

  private async recordResponse(action: OutboxAction, now: Date): Promise<void> {
    const { eventId, calendarId, response } = action.parameters;
    if (typeof eventId !== 'string' || typeof calendarId !== 'string') return;
    const previous = (action.parameters.previous as { previousResponse?: unknown } | null | undefined)?.previousResponse;
    const value = action.kind === 'undo' ? (typeof previous === 'string' ? previous : 'needsAction') : response;
    if (typeof value === 'string') await setCalendarResponse(this.db, { userId: action.userId, calendarId, eventId }, value, now);
  }
}
