import { gmailQuotaUnits } from '../google/index.js';
import { GoogleError } from './errors.js';

/** Gmail's per-user limit as the emulator enforces it: units per rolling window. */
export interface GmailQuotaSettings {
  units: number;
  windowMs: number;
}

export type QuotaVerdict = { allowed: true; units: number } | { allowed: false; retryAfterSeconds: number };

const invalid = (message: string): GoogleError => new GoogleError(400, 'invalid', message);

export function validateQuotaSettings(value: unknown): GmailQuotaSettings | null {
  if (value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalid('gmail must be {units, windowMs?} or null');
  const { units, windowMs = 60_000 } = value as { units?: unknown; windowMs?: unknown };
  if (typeof units !== 'number' || !Number.isSafeInteger(units) || units < 1) throw invalid('gmail.units must be a whole number of at least 1');
  if (typeof windowMs !== 'number' || !Number.isSafeInteger(windowMs) || windowMs < 100 || windowMs > 86_400_000) {
    throw invalid('gmail.windowMs must be a whole number of milliseconds from 100 to 86400000');
  }
  return { units, windowMs };
}

/**
 * Counts each account's Gmail quota units over a rolling window on the emulator's clock, with the
 * cost table SkyTwin's client uses, and refuses a call that would go over the limit. A refused
 * call costs nothing, as at Google. Off (null) by default in process; `skytwin emulator` turns it
 * on at Gmail's 6,000 units a minute.
 */
export class GmailQuota {
  private current: GmailQuotaSettings | null;
  private readonly spent = new Map<string, { at: number; units: number }[]>();

  constructor(settings: GmailQuotaSettings | null = null) {
    this.current = validateQuotaSettings(settings);
  }

  get settings(): GmailQuotaSettings | null {
    return this.current;
  }

  /** New settings start every account's window afresh. */
  configure(settings: GmailQuotaSettings | null): void {
    this.current = validateQuotaSettings(settings);
    this.spent.clear();
  }

  /** Units the account spent in the window ending at `now`. */
  used(account: string, now: number): number {
    return this.recent(account, now).reduce((sum, entry) => sum + entry.units, 0);
  }

  /** Every account that spent something in the window ending at `now`, with its units. */
  usage(now: number): Record<string, number> {
    const out: Record<string, number> = {};
    for (const account of this.spent.keys()) {
      const used = this.used(account, now);
      if (used > 0) out[account] = used;
    }
    return out;
  }

  /** Charges one call to `endpoint` for `account`, or says how long until it would fit. */
  charge(account: string, endpoint: string, now: number): QuotaVerdict {
    const units = gmailQuotaUnits(endpoint) ?? 0;
    if (this.current === null || units === 0) return { allowed: true, units };
    const entries = this.recent(account, now);
    let used = entries.reduce((sum, entry) => sum + entry.units, 0);
    // A call dearer than the whole limit goes through an empty window rather than never.
    const limit = Math.max(this.current.units, units);
    if (used + units > limit) {
      let waitMs = this.current.windowMs;
      for (const entry of entries) {
        used -= entry.units;
        if (used + units <= limit) {
          waitMs = entry.at + this.current.windowMs - now;
          break;
        }
      }
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    }
    entries.push({ at: now, units });
    return { allowed: true, units };
  }

  /** The account's entries still inside the window (arrival after now - windowMs), oldest first. */
  private recent(account: string, now: number): { at: number; units: number }[] {
    const windowMs = this.current?.windowMs ?? 0;
    const kept = (this.spent.get(account) ?? []).filter((entry) => entry.at > now - windowMs);
    this.spent.set(account, kept);
    return kept;
  }
}
