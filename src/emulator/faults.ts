import { GoogleError } from './errors.js';
import type { Random } from './random.js';

/** What happens to a disturbed call. */
export interface FaultOutcome {
  /** Answer with this HTTP status instead of the real answer. */
  status?: number;
  /** Google error reason for the generated body (e.g. userRateLimitExceeded); ignored when `body` is given. */
  reason?: string;
  /** Exact JSON body to answer with. */
  body?: unknown;
  /** Extra response headers, e.g. `{"Retry-After": "2"}` or an HTTP date. */
  headers?: Record<string, string>;
  /** Wait this long first; with no status or drop the call then proceeds normally. */
  delayMs?: number;
  /**
   * `true`: destroy the connection without answering. `'after'`: carry the call out, then destroy
   * the connection instead of answering: the change is made, the answer is lost.
   */
  drop?: boolean | 'after';
}

/** What a test asks for: which calls to disturb, how, and how often. */
export interface FaultSpec extends FaultOutcome {
  /** Endpoint name (`gmail.messages.list`), a family prefix (`gmail.*`) or `*`. */
  endpoint: string;
  /** Only calls made for this account (email); omitted or null: every caller. */
  account?: string | null;
  /**
   * Each disturbed call gets one of these outcomes, drawn from the seeded generator, instead of
   * the fault's own: e.g. `probability: 0.1` with 500, 503, 429 and a drop gives 10 % of calls
   * one of the four.
   */
  oneOf?: FaultOutcome[];
  /** Apply to the next N matching calls (default 1 unless `probability` is set). */
  times?: number;
  /** Apply to each matching call with this chance, drawn from the seeded generator. */
  probability?: number;
}

export interface Fault extends FaultSpec {
  id: string;
  /** Calls it may still disturb; null: unlimited. */
  remaining: number | null;
  applied: number;
}

const invalid = (message: string): GoogleError => new GoogleError(400, 'invalid', message);

const OUTCOME_FIELDS = ['status', 'reason', 'body', 'headers', 'delayMs', 'drop'] as const;

function validateOutcome(outcome: FaultOutcome, name: string): void {
  if (typeof outcome !== 'object' || outcome === null) throw invalid(`${name} must be an object`);
  if (outcome.drop !== undefined && typeof outcome.drop !== 'boolean' && outcome.drop !== 'after') throw invalid(`${name}.drop must be true, false or "after"`);
  if (outcome.drop === 'after' && outcome.status !== undefined) throw invalid(`${name} cannot both answer a status and drop the connection after the call`);
  if (outcome.status === undefined && outcome.delayMs === undefined && (outcome.drop === undefined || outcome.drop === false)) throw invalid(`${name} needs status, delayMs or drop`);
  if (outcome.status !== undefined && (!Number.isInteger(outcome.status) || outcome.status < 200 || outcome.status > 599)) throw invalid(`${name}.status must be an HTTP status 200-599`);
  if (outcome.delayMs !== undefined && (!Number.isFinite(outcome.delayMs) || outcome.delayMs < 0 || outcome.delayMs > 600_000)) throw invalid(`${name}.delayMs must be 0-600000`);
  if (outcome.headers !== undefined && (typeof outcome.headers !== 'object' || outcome.headers === null || Object.values(outcome.headers).some((v) => typeof v !== 'string'))) {
    throw invalid(`${name}.headers must map names to strings`);
  }
}

function validate(spec: FaultSpec): void {
  if (typeof spec.endpoint !== 'string' || spec.endpoint === '') throw invalid('fault.endpoint is required');
  if (spec.oneOf !== undefined) {
    if (!Array.isArray(spec.oneOf) || spec.oneOf.length === 0) throw invalid('fault.oneOf must be a non-empty list of outcomes');
    if (OUTCOME_FIELDS.some((field) => spec[field] !== undefined)) throw invalid(`a fault with oneOf takes its outcomes from the list only, not ${OUTCOME_FIELDS.join(', ')}`);
    spec.oneOf.forEach((outcome, i) => validateOutcome(outcome, `fault.oneOf[${i}]`));
  } else {
    validateOutcome(spec, 'fault');
  }
  if (spec.times !== undefined && (!Number.isInteger(spec.times) || spec.times < 1)) throw invalid('fault.times must be a positive integer');
  if (spec.probability !== undefined && (typeof spec.probability !== 'number' || spec.probability < 0 || spec.probability > 1)) throw invalid('fault.probability must be between 0 and 1');
}

export function endpointMatches(pattern: string, endpoint: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return endpoint.startsWith(pattern.slice(0, -1));
  return pattern === endpoint;
}

/** Registered faults, consulted in the order they were added; the first that fires wins. */
export class FaultRegistry {
  private faults: Fault[] = [];
  private counter = 0;

  constructor(private readonly random: Random) {}

  add(spec: FaultSpec): Fault {
    validate(spec);
    this.counter += 1;
    const times = spec.times ?? (spec.probability !== undefined ? null : 1);
    const fault: Fault = {
      ...spec,
      account: spec.account ? spec.account.toLowerCase() : null,
      id: `fault-${this.counter}`,
      remaining: times,
      applied: 0,
    };
    this.faults.push(fault);
    return fault;
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  remove(id: string): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter((f) => f.id !== id);
    return this.faults.length < before;
  }

  clear(): void {
    this.faults = [];
  }

  /**
   * The fault to apply to this call, or null; spends one of its uses. With `oneOf`, the answer
   * is the fault with the outcome drawn for this call in place of the list.
   */
  take(endpoint: string, account: string | null): Fault | null {
    for (const fault of this.faults) {
      if (fault.remaining === 0 || !endpointMatches(fault.endpoint, endpoint)) continue;
      if (fault.account !== null && fault.account !== account) continue;
      if (fault.probability !== undefined && !this.random.chance(fault.probability)) continue;
      if (fault.remaining !== null) fault.remaining -= 1;
      fault.applied += 1;
      if (fault.oneOf === undefined) return fault;
      const { oneOf, ...rest } = fault;
      return { ...rest, ...this.random.pick(oneOf) };
    }
    return null;
  }
}
