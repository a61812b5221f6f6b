import { calendarReaderFrom, gmailReaderFrom, syncCalendar, syncGmail } from '../connectors/index.js';
import { GMAIL_QUOTA_WINDOW_MS, GMAIL_UNITS_PER_MINUTE, GoogleClient, splitGmailQuota, type GoogleLogEvent } from '../google/index.js';
import { QuotaBudget, type QuotaWindow } from '../resilience/index.js';
import type { WorkerApi } from './api-client.js';
import { apiTokenSource } from './api-tokens.js';
import type { SourceSyncer } from './worker.js';

export interface GoogleSyncerOptions {
  api: WorkerApi;
  apiBaseUrl: string;
  timeoutMs: number;
  gmailWindowDays: number;
  gmailMaxMessages: number;
  /**
   * The worker's share of each user's Gmail quota (units per window): Gmail calls wait for it
   * rather than run into 429s. Null: unpaced. Absent: the worker's share of GMAIL_UNITS_PER_MINUTE.
   */
  gmailQuota?: QuotaWindow | null;
  /** Scales retry waits; 1 in production. */
  retryTimeScale?: number;
  /** Retry waits longer than this free the worker's lane: the source is polled again when the wait is over. */
  deferRetriesOverMs?: number;
  log?: (event: GoogleLogEvent & { userId: string }) => void;
  /** The worker's stop signal: aborts Google calls in flight and their retries. */
  signal?: AbortSignal;
}

/** Syncs one source of one user against Google (or the emulator) through one client per user. */
export function googleSyncer(options: GoogleSyncerOptions): SourceSyncer {
  const clients = new Map<string, GoogleClient>();
  const budgets = new Map<string, QuotaBudget>();
  const quota = options.gmailQuota === undefined ? { units: splitGmailQuota(GMAIL_UNITS_PER_MINUTE).worker, windowMs: GMAIL_QUOTA_WINDOW_MS } : options.gmailQuota;
  const budgetFor = (userId: string, window: QuotaWindow) => {
    const budget = new QuotaBudget(window);
    budgets.set(userId, budget);
    return budget;
  };
  const clientFor = (userId: string) => {
    let client = clients.get(userId);
    if (!client) {
      client = new GoogleClient({
        // One client per user, so one budget per user: the quota is Google's per-user limit.
        ...(quota !== null ? { gmailBudget: budgetFor(userId, quota) } : {}),
        apiBaseUrl: options.apiBaseUrl,
        timeoutMs: options.timeoutMs,
        tokens: apiTokenSource(options.api, userId),
        ...(options.retryTimeScale !== undefined ? { retry: { timeScale: options.retryTimeScale } } : {}),
        ...(options.deferRetriesOverMs !== undefined ? { deferRetriesOverMs: options.deferRetriesOverMs } : {}),
        log: (event) => options.log?.({ ...event, userId }),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      clients.set(userId, client);
    }
    return client;
  };
  const quotaOf = (userId: string) => {
    const budget = budgets.get(userId);
    if (!budget) return null;
    return { usedUnits: Math.max(0, Math.round(budget.used())), limitUnits: Math.max(1, budget.window.units), windowMs: Math.max(1, budget.window.windowMs) };
  };
  const sync: SourceSyncer = async ({ target, source, resume }) => {
    const client = clientFor(target.userId);
    client.resumeRetries(resume ?? null);
    const now = new Date();
    if (source.source === 'gmail') {
      const result = await syncGmail(gmailReaderFrom(client.gmail), {
        userId: target.userId,
        cursor: source.cursor,
        now,
        windowDays: options.gmailWindowDays,
        maxMessages: options.gmailMaxMessages,
      });
      return { signals: result.signals, cursor: result.cursor };
    }
    const result = await syncCalendar(calendarReaderFrom(client.calendar), {
      userId: target.userId,
      calendarId: source.resource || 'primary',
      cursor: source.cursor,
      selfEmail: target.accountEmail ?? '',
      now,
    });
    return { signals: result.signals, cursor: result.cursor };
  };
  return Object.assign(sync, { quotaOf });
}
