import { QuotaLedger, type QuotaWindow } from './quota-ledger.js';

export interface QuotaBudgetOptions extends QuotaWindow {
  /** Milliseconds on a clock that never goes back; `performance.now` by default. */
  now?: () => number;
}

/** A granted spend: settle it when the call's answer arrives (or the call is given up). */
export interface QuotaSpend {
  /** How long the call waited for budget, in ms. */
  waitedMs: number;
  settle(): void;
}

interface Waiter {
  units: number;
  since: number;
  resolve(spend: QuotaSpend): void;
  reject(reason: unknown): void;
  detach(): void;
}

/**
 * Paces calls to a budget of units per window: a call that does not fit waits until enough of
 * the window's earlier spending has aged out, and never fails for lack of budget. Waiters are
 * served strictly in arrival order, so a dear call is not overtaken for ever by cheap ones and
 * parallel callers share the budget in turn.
 */
export class QuotaBudget {
  private readonly ledger: QuotaLedger;
  private readonly now: () => number;
  private readonly queue: Waiter[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(options: QuotaBudgetOptions) {
    this.ledger = new QuotaLedger({ units: options.units, windowMs: options.windowMs });
    this.now = options.now ?? (() => performance.now());
  }

  get window(): QuotaWindow {
    return this.ledger.window;
  }

  /** Units spent in the current window, calls in flight included. */
  used(): number {
    return this.ledger.used(this.now());
  }

  /** Waits until `units` fit, then records them. Aborting `signal` gives up the wait (rejects with its reason). */
  spend(units: number, signal?: AbortSignal): Promise<QuotaSpend> {
    if (!Number.isSafeInteger(units) || units < 0) return Promise.reject(new RangeError(`units must be a whole number >= 0, got ${units}`));
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<QuotaSpend>((resolve, reject) => {
      const onAbort = () => {
        const index = this.queue.indexOf(waiter);
        if (index >= 0) this.queue.splice(index, 1);
        reject(signal?.reason);
        this.pump();
      };
      const waiter: Waiter = { units, since: this.now(), resolve, reject, detach: () => signal?.removeEventListener('abort', onAbort) };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(waiter);
      if (this.queue.length === 1) this.pump();
    });
  }

  /** Grants the head of the queue as long as it fits; otherwise waits for the time or the settle that makes room. */
  private pump(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    for (let head = this.queue[0]; head !== undefined; head = this.queue[0]) {
      const now = this.now();
      const wait = this.ledger.waitMs(now, head.units);
      if (wait === null) return; // only a call in flight can make room: its settle pumps again
      if (wait > 0) {
        this.timer = setTimeout(() => {
          this.timer = null;
          this.pump();
        }, wait);
        return;
      }
      this.queue.shift();
      head.detach();
      const handle = this.ledger.spend(head.units);
      let settled = false;
      head.resolve({
        waitedMs: now - head.since,
        settle: () => {
          if (settled) return;
          settled = true;
          this.ledger.settle(handle, this.now());
          if (this.queue.length > 0) this.pump();
        },
      });
    }
  }
}
