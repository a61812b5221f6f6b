import { arrivalKind, generateMail, type MailKind } from '../content.js';
import type { EmulatorClock } from '../clock.js';
import { GoogleError } from '../errors.js';
import { FaultRegistry, type Fault, type FaultSpec } from '../faults.js';
import { createRandom, type Random } from '../random.js';
import { RequestLog, type RequestLogEntry, type RequestLogFilter } from '../request-log.js';
import { isTimeZone } from '../timezone.js';
import { eventResource } from '../calendar/render.js';
import { AccountStore, type Account } from './accounts.js';
import { CalendarStore, type AccessRole, type CalendarInfo } from './calendar.js';
import { eventFromInput, type EventInput } from './event-input.js';
import { rawFromInput, type MailInput } from './mail-input.js';
import { Mailbox } from './mailbox.js';

export interface StateOptions {
  seed: number;
  clock: EmulatorClock;
  accessTokenTtlSeconds: number;
  historyRetention: number;
}

export interface AccountInput {
  email: string;
  displayName?: string;
  /** Default: one the seed draws. */
  refreshToken?: string;
  /** Calendar time zone (default UTC). */
  timeZone?: string;
  /** Scopes of the refresh token (default: gmail.modify and calendar). */
  scopes?: string[];
}

export interface AddedMessage {
  id: string;
  threadId: string;
  historyId: string;
  labelIds: string[];
}

/** All emulated Google data and the operations the control API offers; both servers and seeders use it. */
export class EmulatorState {
  readonly accounts: AccountStore;
  readonly faults: FaultRegistry;
  readonly requests = new RequestLog();
  readonly clock: EmulatorClock;
  readonly seed: number;
  private readonly ids: Random;
  private readonly mailboxes = new Map<string, Mailbox>();
  private readonly calendars = new Map<string, CalendarStore>();
  private readonly arrivalTimers = new Map<string, NodeJS.Timeout>();
  private readonly arrivalRandom = new Map<string, Random>();
  private readonly retention: number;

  constructor(options: StateOptions) {
    this.seed = options.seed;
    this.clock = options.clock;
    this.retention = options.historyRetention;
    this.ids = createRandom(options.seed, 'ids');
    this.accounts = new AccountStore(options.clock, createRandom(options.seed, 'tokens'), options.accessTokenTtlSeconds);
    this.faults = new FaultRegistry(createRandom(options.seed, 'faults'));
  }

  private now(): number {
    return this.clock.now().getTime();
  }

  createAccount(input: AccountInput): { email: string; refreshToken: string } {
    if (typeof input?.email !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(input.email)) throw new GoogleError(400, 'invalid', 'email must be an address');
    const timeZone = input.timeZone ?? 'UTC';
    if (!isTimeZone(timeZone)) throw new GoogleError(400, 'invalid', `Invalid time zone: ${timeZone}`);
    const { account, refreshToken } = this.accounts.create({ ...input, timeZone });
    this.mailboxes.set(account.email, new Mailbox(this.ids, 1000 + this.ids.int(9_000_000), this.retention));
    this.calendars.set(account.email, new CalendarStore(account.email, timeZone, this.ids));
    return { email: account.email, refreshToken };
  }

  account(email: string): Account {
    return this.accounts.get(email);
  }

  mailbox(email: string): Mailbox {
    const found = this.mailboxes.get(this.account(email).email);
    if (!found) throw new GoogleError(404, 'notFound', `No account ${email}.`);
    return found;
  }

  calendar(email: string): CalendarStore {
    const found = this.calendars.get(this.account(email).email);
    if (!found) throw new GoogleError(404, 'notFound', `No account ${email}.`);
    return found;
  }

  /** Delivers a message (history records messageAdded). */
  addMessage(email: string, input: MailInput): AddedMessage {
    const account = this.account(email);
    const mailbox = this.mailbox(email);
    const dateMs = input.date !== undefined ? Date.parse(input.date) : this.now();
    if (Number.isNaN(dateMs)) throw new GoogleError(400, 'invalid', `Invalid date: ${String(input.date)}`);
    const raw = rawFromInput(input, account.email, new Date(dateMs), this.ids);
    const labelIds = (input.labels ?? ['INBOX', 'UNREAD']).map((label) => mailbox.labels.ensure(label));
    const message = mailbox.insert({ raw, labelIds, internalDate: dateMs, ...(input.threadId !== undefined ? { threadId: input.threadId } : {}) });
    return { id: message.id, threadId: message.threadId, historyId: String(message.historyId), labelIds: [...message.labelIds] };
  }

  deleteMessage(email: string, messageId: string): void {
    this.mailbox(email).remove(messageId);
  }

  addCalendar(email: string, input: { id: string; summary?: string; timeZone?: string; accessRole?: AccessRole }): CalendarInfo {
    const store = this.calendar(email);
    const timeZone = input.timeZone ?? store.calendar('primary').timeZone;
    if (typeof input.id !== 'string' || input.id === '') throw new GoogleError(400, 'invalid', 'calendar id is required');
    if (!isTimeZone(timeZone)) throw new GoogleError(400, 'invalid', `Invalid time zone: ${timeZone}`);
    return store.addCalendar({ id: input.id, summary: input.summary ?? input.id, timeZone, accessRole: input.accessRole ?? 'owner' });
  }

  /** Seeds an event and answers it as events.get would. */
  addEvent(email: string, input: EventInput): Record<string, unknown> {
    const store = this.calendar(email);
    const info = store.calendar(input.calendarId ?? 'primary');
    const event = store.insert(eventFromInput(input, { account: store.owner, calendarId: info.id, calendarZone: info.timeZone, id: store.newEventId(), now: this.now() }));
    return eventResource(event, { viewer: store.owner, calendarZone: info.timeZone });
  }

  /** A change made on Google's side (e.g. the organizer moves a meeting); shows in incremental sync. */
  updateEvent(email: string, eventId: string, patch: Record<string, unknown>, calendarId = 'primary'): Record<string, unknown> {
    const store = this.calendar(email);
    const info = store.calendar(calendarId);
    return eventResource(store.patch(info.id, eventId, patch, this.now()), { viewer: store.owner, calendarZone: info.timeZone });
  }

  cancelEvent(email: string, eventId: string, calendarId = 'primary'): void {
    const store = this.calendar(email);
    store.cancel(store.calendar(calendarId).id, eventId, this.now());
  }

  issueAccessToken(email: string, scopes?: string[]): { accessToken: string; expiresIn: number } {
    const account = this.account(email);
    const { token, expiresIn } = this.accounts.mintAccessToken(account.email, scopes ?? account.scopes);
    return { accessToken: token, expiresIn };
  }

  /** A further refresh token for the account, as a new consent would give. */
  issueRefreshToken(email: string): { refreshToken: string } {
    const account = this.account(email);
    return { refreshToken: this.accounts.issueRefreshToken(account.email, account.scopes) };
  }

  /** Revokes the account's refresh tokens and the access tokens made from them. */
  revokeRefreshTokens(email: string): void {
    this.accounts.revokeAccount(this.account(email).email);
  }

  /** Every history id handed out so far answers 404, every sync token 410. */
  expireCursors(email: string): void {
    this.mailbox(email).history.expireAll();
    this.calendar(email).epoch += 1;
  }

  expireAccessTokens(email?: string): number {
    return this.accounts.expireAccessTokens(email === undefined ? undefined : this.account(email).email);
  }

  /** A realistic message for the account, drawn from its own seeded stream. */
  nextArrival(email: string, kind?: MailKind): MailInput {
    const account = this.account(email);
    let random = this.arrivalRandom.get(account.email);
    if (!random) {
      random = createRandom(this.seed, `arrivals:${account.email}`);
      this.arrivalRandom.set(account.email, random);
    }
    return generateMail(kind ?? arrivalKind(random), random, { email: account.email, date: this.clock.now() });
  }

  /** Delivers a generated message every `everyMs` until stopped (or `count` messages). */
  startArrivals(email: string, options: { everyMs: number; count?: number }): void {
    const account = this.account(email);
    if (!Number.isFinite(options.everyMs) || options.everyMs < 10) throw new GoogleError(400, 'invalid', 'everyMs must be at least 10');
    this.stopArrivals(account.email);
    let delivered = 0;
    const timer = setInterval(() => {
      try {
        this.addMessage(account.email, this.nextArrival(account.email));
        delivered += 1;
        if (options.count !== undefined && delivered >= options.count) this.stopArrivals(account.email);
      } catch {
        // A timer must never take the server down; a failed delivery ends the arrivals.
        this.stopArrivals(account.email);
      }
    }, options.everyMs);
    timer.unref();
    this.arrivalTimers.set(account.email, timer);
  }

  stopArrivals(email: string): boolean {
    const key = email.toLowerCase();
    const timer = this.arrivalTimers.get(key);
    if (timer) clearInterval(timer);
    return this.arrivalTimers.delete(key);
  }

  addFault(spec: FaultSpec): Fault {
    return this.faults.add(spec);
  }

  requestLog(filter?: RequestLogFilter): RequestLogEntry[] {
    return this.requests.list(filter);
  }

  /** Stops timers; the data stays readable. */
  close(): void {
    for (const key of [...this.arrivalTimers.keys()]) this.stopArrivals(key);
  }
}
