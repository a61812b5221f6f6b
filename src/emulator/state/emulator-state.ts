import { arrivalKind, generateMail, type MailKind } from '../content.js';
import type { EmulatorClock } from '../clock.js';
import { GoogleError } from '../errors.js';
import { FaultRegistry, type Fault, type FaultSpec } from '../faults.js';
import { createRandom, hash32, type Random } from '../random.js';
import { RequestLog, type RequestLogEntry, type RequestLogFilter } from '../request-log.js';
import { isTimeZone } from '../timezone.js';
import { eventResource } from '../calendar/render.js';
import { AccountStore, type Account } from './accounts.js';
import { CalendarStore, type AccessRole, type CalendarInfo } from './calendar.js';
import { eventFromInput, type EventInput } from './event-input.js';
import { rawFromInput, type MailInput } from './mail-input.js';
import { Mailbox } from './mailbox.js';
import { SNAPSHOT_FORMAT, type ArrivalPlan, type EmulatorSnapshot } from './snapshot.js';

export interface StateOptions {
  seed: number;
  clock: EmulatorClock;
  accessTokenTtlSeconds: number;
  historyRetention: number;
  /** A saved state to continue from (its seed wins over `seed`). */
  restore?: EmulatorSnapshot;
}

/**
 * Ids a restart skips when the state was saved while serving: changes after that save are lost,
 * and ids a client saw for them must never name other changes later.
 */
const RESTART_ID_GAP = 10_000;

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
  /** Names this state across restarts (see EmulatorSnapshot.stateId). */
  readonly stateId: string;
  /** True when this state continues a saved one. */
  readonly restored: boolean;
  /**
   * Demo mode: a sign-in for an address the emulator does not know creates that account with a
   * demo mailbox and calendar of its own (arrivals at this interval). Null: such a sign-in gets the first account.
   */
  demoAccounts: { arrivalsEveryMs?: number } | null = null;
  /** Told about changes that timers make (arrivals); the server adds its own for requests. */
  onChange: () => void = () => undefined;
  private readonly ids: Random;
  private readonly mailboxes = new Map<string, Mailbox>();
  private readonly calendars = new Map<string, CalendarStore>();
  private readonly arrivalTimers = new Map<string, NodeJS.Timeout>();
  private readonly arrivalRandom = new Map<string, Random>();
  private readonly arrivalPlans = new Map<string, ArrivalPlan>();
  private readonly retention: number;
  private readonly tokens: Random;

  constructor(options: StateOptions) {
    const saved = options.restore;
    this.seed = saved?.seed ?? options.seed;
    this.clock = options.clock;
    this.retention = options.historyRetention;
    this.restored = saved !== undefined;
    this.stateId = saved?.stateId ?? hash32(`${this.seed}:${options.clock.now().toISOString()}`).toString(16).padStart(8, '0');
    this.ids = createRandom(this.seed, 'ids', saved?.random.ids);
    this.tokens = createRandom(this.seed, 'tokens', saved?.random.tokens);
    this.accounts = new AccountStore(options.clock, this.tokens, options.accessTokenTtlSeconds);
    this.faults = new FaultRegistry(createRandom(this.seed, 'faults'));
    if (saved) this.restore(saved);
  }

  private restore(saved: EmulatorSnapshot): void {
    this.accounts.restore(saved.accounts);
    for (const [email, mailbox] of Object.entries(saved.mailboxes)) this.mailboxes.set(email, Mailbox.restore(mailbox, this.ids, this.retention));
    for (const [email, calendar] of Object.entries(saved.calendars)) this.calendars.set(email, CalendarStore.restore(email, calendar, this.ids));
    for (const [email, position] of Object.entries(saved.random.arrivals)) this.arrivalRandom.set(email, createRandom(this.seed, `arrivals:${email}`, position));
    if (saved.written === 'running') {
      for (const mailbox of this.mailboxes.values()) mailbox.history.skip(RESTART_ID_GAP);
      for (const calendar of this.calendars.values()) calendar.skip(RESTART_ID_GAP);
    }
    for (const [email, plan] of Object.entries(saved.arrivals)) {
      if (this.accounts.find(email)) this.startArrivals(email, { everyMs: plan.everyMs, ...(plan.remaining !== null ? { count: plan.remaining } : {}) });
    }
  }

  /** Everything a restart needs, as plain JSON-ready data. */
  snapshot(written: EmulatorSnapshot['written']): EmulatorSnapshot {
    const entries = <T>(map: Map<string, T>) => [...map.entries()];
    return {
      format: SNAPSHOT_FORMAT,
      seed: this.seed,
      stateId: this.stateId,
      written,
      savedAt: this.clock.now().toISOString(),
      random: {
        ids: this.ids.position(),
        tokens: this.tokens.position(),
        arrivals: Object.fromEntries(entries(this.arrivalRandom).map(([email, random]) => [email, random.position()])),
      },
      accounts: this.accounts.snapshot(),
      mailboxes: Object.fromEntries(entries(this.mailboxes).map(([email, mailbox]) => [email, mailbox.snapshot()])),
      calendars: Object.fromEntries(entries(this.calendars).map(([email, calendar]) => [email, calendar.snapshot()])),
      arrivals: Object.fromEntries(entries(this.arrivalPlans).map(([email, plan]) => [email, { ...plan }])),
    };
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
    // The first epoch depends on the state: a sync token kept from before a reset answers 410.
    this.calendars.set(account.email, new CalendarStore(account.email, timeZone, this.ids, hash32(`${this.stateId}:${account.email}`)));
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
    if (options.count !== undefined && (!Number.isInteger(options.count) || options.count < 1)) throw new GoogleError(400, 'invalid', 'count must be a positive integer');
    this.stopArrivals(account.email);
    const plan: ArrivalPlan = { everyMs: options.everyMs, remaining: options.count ?? null };
    this.arrivalPlans.set(account.email, plan);
    const timer = setInterval(() => {
      try {
        this.addMessage(account.email, this.nextArrival(account.email));
        if (plan.remaining !== null) plan.remaining -= 1;
        if (plan.remaining === 0) this.stopArrivals(account.email);
      } catch {
        // A timer must never take the server down; a failed delivery ends the arrivals.
        this.stopArrivals(account.email);
      }
      this.onChange();
    }, options.everyMs);
    timer.unref();
    this.arrivalTimers.set(account.email, timer);
  }

  /** Whether generated mail is arriving for the account on a timer. */
  hasArrivals(email: string): boolean {
    return this.arrivalPlans.has(email.trim().toLowerCase());
  }

  stopArrivals(email: string): boolean {
    const key = email.toLowerCase();
    this.arrivalPlans.delete(key);
    return this.clearArrivalTimer(key);
  }

  private clearArrivalTimer(key: string): boolean {
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

  /** Stops timers; the data stays readable, and a snapshot still names the arrivals to resume. */
  close(): void {
    for (const key of [...this.arrivalTimers.keys()]) this.clearArrivalTimer(key);
  }
}
