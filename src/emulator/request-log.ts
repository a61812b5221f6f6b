export interface RequestLogEntry {
  seq: number;
  /** ISO time from the emulator's clock when the call arrived. */
  time: string;
  method: string;
  /** Path without the query string. */
  path: string;
  /** The query string without '?', '' when none. */
  query: string;
  /** Endpoint name such as gmail.messages.list; null for unknown routes. */
  endpoint: string | null;
  account: string | null;
  /** Status answered; null when the connection was dropped. */
  status: number | null;
  faulted: boolean;
  faultId: string | null;
}

export interface RequestLogFilter {
  endpoint?: string;
  account?: string;
}

const MAX_ENTRIES = 20_000;

/** Every Google-facing call in arrival order, so tests can count and inspect calls. */
export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private counter = 0;

  add(entry: Omit<RequestLogEntry, 'seq'>): RequestLogEntry {
    this.counter += 1;
    const full = { seq: this.counter, ...entry };
    this.entries.push(full);
    if (this.entries.length > MAX_ENTRIES) this.entries.shift();
    return full;
  }

  list(filter: RequestLogFilter = {}): RequestLogEntry[] {
    return this.entries.filter(
      (e) => (filter.endpoint === undefined || e.endpoint === filter.endpoint) && (filter.account === undefined || e.account === filter.account.toLowerCase()),
    );
  }

  clear(): void {
    this.entries = [];
  }
}
