import type { MailKind } from './content.js';
import type { DemoSummary } from './demo.js';
import type { Fault, FaultSpec } from './faults.js';
import type { GmailQuotaSettings } from './quota.js';
import type { QuotaState } from './quota-routes.js';
import type { RequestLogEntry, RequestLogFilter } from './request-log.js';
import type { Account } from './state/accounts.js';
import type { AccessRole, CalendarInfo } from './state/calendar.js';
import type { AccountInput, AddedMessage } from './state/emulator-state.js';
import type { EventInput } from './state/event-input.js';
import type { MailInput } from './state/mail-input.js';

/** A control call the emulator refused; `code` is the HTTP status, `body` what it answered. */
export class EmulatorControlError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
  }
}

/** A typed client for the control API under /_emulator (plain fetch; for tests, scripts and the demo). */
export class EmulatorControl {
  readonly baseUrl: string;

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}/_emulator${path}`, {
      method,
      ...(body !== undefined ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    const parsed: unknown = text === '' ? undefined : JSON.parse(text);
    if (!response.ok) {
      const message = (parsed as { error?: { message?: string } } | undefined)?.error?.message ?? `HTTP ${response.status}`;
      throw new EmulatorControlError(response.status, `${method} /_emulator${path}: ${message}`, parsed);
    }
    return parsed as T;
  }

  private static account(email: string): string {
    return `/accounts/${encodeURIComponent(email)}`;
  }

  health(): Promise<{ ok: boolean; seed: number; accounts: number }> {
    return this.call('GET', '/health');
  }

  createAccount(input: AccountInput): Promise<{ email: string; refreshToken: string }> {
    return this.call('POST', '/accounts', input);
  }

  async accounts(): Promise<Account[]> {
    return (await this.call<{ accounts: Account[] }>('GET', '/accounts')).accounts;
  }

  issueAccessToken(email: string, scopes?: string[]): Promise<{ accessToken: string; expiresIn: number }> {
    return this.call('POST', `${EmulatorControl.account(email)}/access-tokens`, scopes !== undefined ? { scopes } : {});
  }

  /** A further refresh token for the account (the first one comes from createAccount). */
  async issueRefreshToken(email: string): Promise<string> {
    return (await this.call<{ refreshToken: string }>('POST', `${EmulatorControl.account(email)}/refresh-tokens`, {})).refreshToken;
  }

  addMessage(email: string, input: MailInput): Promise<AddedMessage> {
    return this.call('POST', `${EmulatorControl.account(email)}/messages`, input);
  }

  async addMessages(email: string, inputs: MailInput[]): Promise<AddedMessage[]> {
    return (await this.call<{ messages: AddedMessage[] }>('POST', `${EmulatorControl.account(email)}/messages`, { messages: inputs })).messages;
  }

  async deleteMessage(email: string, id: string): Promise<void> {
    await this.call('DELETE', `${EmulatorControl.account(email)}/messages/${encodeURIComponent(id)}`);
  }

  addCalendar(email: string, input: { id: string; summary?: string; timeZone?: string; accessRole?: AccessRole }): Promise<CalendarInfo> {
    return this.call('POST', `${EmulatorControl.account(email)}/calendars`, input);
  }

  addEvent(email: string, input: EventInput): Promise<Record<string, unknown>> {
    return this.call('POST', `${EmulatorControl.account(email)}/events`, input);
  }

  updateEvent(email: string, eventId: string, patch: Record<string, unknown>, calendarId = 'primary'): Promise<Record<string, unknown>> {
    return this.call('PATCH', `${EmulatorControl.account(email)}/events/${encodeURIComponent(eventId)}?calendarId=${encodeURIComponent(calendarId)}`, patch);
  }

  async cancelEvent(email: string, eventId: string, calendarId = 'primary'): Promise<void> {
    await this.call('DELETE', `${EmulatorControl.account(email)}/events/${encodeURIComponent(eventId)}?calendarId=${encodeURIComponent(calendarId)}`);
  }

  async startArrivals(email: string, options: { everyMs: number; count?: number }): Promise<void> {
    await this.call('POST', `${EmulatorControl.account(email)}/arrivals`, options);
  }

  async stopArrivals(email: string): Promise<boolean> {
    return (await this.call<{ stopped: boolean }>('DELETE', `${EmulatorControl.account(email)}/arrivals`)).stopped;
  }

  /** Delivers one generated message now (the same stream timed arrivals draw from). */
  deliverArrival(email: string, kind?: MailKind): Promise<AddedMessage> {
    return this.call('POST', `${EmulatorControl.account(email)}/arrivals/next`, kind !== undefined ? { kind } : {});
  }

  async revokeRefreshTokens(email: string): Promise<void> {
    await this.call('POST', `${EmulatorControl.account(email)}/revoke`, {});
  }

  async expireCursors(email: string): Promise<void> {
    await this.call('POST', `${EmulatorControl.account(email)}/expire-cursors`, {});
  }

  async expireAccessTokens(email?: string): Promise<number> {
    return (await this.call<{ expired: number }>('POST', '/access-tokens/expire', email !== undefined ? { email } : {})).expired;
  }

  addFault(spec: FaultSpec): Promise<Fault> {
    return this.call('POST', '/faults', spec);
  }

  async faults(): Promise<Fault[]> {
    return (await this.call<{ faults: Fault[] }>('GET', '/faults')).faults;
  }

  async removeFault(id: string): Promise<void> {
    await this.call('DELETE', `/faults/${encodeURIComponent(id)}`);
  }

  async clearFaults(): Promise<void> {
    await this.call('DELETE', '/faults');
  }

  /** Gmail's per-user quota and what each account spent in its current window. */
  quota(): Promise<QuotaState> {
    return this.call('GET', '/quota');
  }

  /** Sets Gmail's per-user quota (null: off); every account's window starts afresh. */
  setGmailQuota(gmail: GmailQuotaSettings | null): Promise<QuotaState> {
    return this.call('PUT', '/quota', { gmail });
  }

  async requestLog(filter: RequestLogFilter = {}): Promise<RequestLogEntry[]> {
    const query = new URLSearchParams(Object.entries(filter).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
    const suffix = query.size > 0 ? `?${query.toString()}` : '';
    return (await this.call<{ requests: RequestLogEntry[] }>('GET', `/requests${suffix}`)).requests;
  }

  async clearRequestLog(): Promise<void> {
    await this.call('DELETE', '/requests');
  }

  seedDemo(options: { email: string; now?: string; seed?: number; arrivalsEveryMs?: number; timeZone?: string }): Promise<DemoSummary> {
    return this.call('POST', '/demo', options);
  }
}
