/**
 * A sliding budget of units per window: what was spent in the last `windowMs`, and how long until
 * a spend of some size fits under the limit. Pure: the caller passes the time.
 *
 * A spend is recorded when it is granted and counts as "now" until it is settled; it is then
 * dated at its settling (when the answer came back), which is never earlier than the moment the
 * server counted it. So the ledger's window always holds at least what the server's rolling
 * window holds, and staying under the limit here means staying under it there.
 */
export interface QuotaWindow {
  /** Units that may be spent within one `windowMs`. */
  units: number;
  windowMs: number;
}

interface Entry {
  units: number;
  /** Settled at this time; null while the call is in flight. */
  at: number | null;
}

export class QuotaLedger {
  private entries: Entry[] = [];

  constructor(readonly window: QuotaWindow) {
    if (!Number.isSafeInteger(window.units) || window.units < 1) throw new RangeError(`units must be a whole number >= 1, got ${window.units}`);
    if (!Number.isFinite(window.windowMs) || window.windowMs <= 0) throw new RangeError(`windowMs must be above 0, got ${window.windowMs}`);
  }

  /** Units counted in the window ending at `now`, in-flight spends included. */
  used(now: number): number {
    this.prune(now);
    return this.entries.reduce((sum, entry) => sum + entry.units, 0);
  }

  /**
   * Milliseconds from `now` until `units` more fit: 0 when they fit now; null when they fit only
   * after a call still in flight settles. A spend larger than the whole budget fits in an empty
   * window, so it is never refused for ever.
   */
  waitMs(now: number, units: number): number | null {
    let used = this.used(now);
    const limit = Math.max(this.window.units, units);
    if (used + units <= limit) return 0;
    const settled = this.entries.filter((entry): entry is { units: number; at: number } => entry.at !== null).sort((a, b) => a.at - b.at);
    for (const entry of settled) {
      used -= entry.units;
      // The entry leaves the window strictly after at + windowMs.
      if (used + units <= limit) return Math.floor(entry.at + this.window.windowMs - now) + 1;
    }
    return null;
  }

  /** Records a granted spend, in flight until `settle` is called with the returned handle. */
  spend(units: number): object {
    const entry: Entry = { units, at: null };
    this.entries.push(entry);
    return entry;
  }

  /** Dates a spend at the moment its answer came back (or the call was abandoned). */
  settle(handle: object, now: number): void {
    const entry = this.entries.find((candidate) => candidate === handle);
    if (entry && entry.at === null) entry.at = now;
  }

  /** Drops what has left the window: settled strictly more than `windowMs` ago. */
  private prune(now: number): void {
    if (this.entries.some((entry) => entry.at !== null && entry.at + this.window.windowMs < now)) {
      this.entries = this.entries.filter((entry) => entry.at === null || entry.at + this.window.windowMs >= now);
    }
  }
}
