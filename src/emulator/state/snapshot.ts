import type { AccountsSnapshot } from './accounts.js';
import type { CalendarSnapshot } from './calendar.js';
import type { MailboxSnapshot } from './mailbox.js';

/** The version of the state file's layout; another version is not read. */
export const SNAPSHOT_FORMAT = 1;

/** Timed mail delivery that continues after a restart. */
export interface ArrivalPlan {
  everyMs: number;
  /** Messages still to deliver; null: until stopped. */
  remaining: number | null;
}

/**
 * Everything the emulator keeps across restarts: accounts with their tokens, mailboxes with
 * history, calendars with change counters, where each random stream stands, and timed arrivals.
 * Faults, the request log and Calendar page snapshots are left out: they belong to one run.
 */
export interface EmulatorSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  seed: number;
  /** Names this state across restarts; a fresh state (after a reset) gets another. */
  stateId: string;
  /** 'shutdown': written as the emulator stopped; 'running': a save while serving, later changes may be lost. */
  written: 'shutdown' | 'running';
  savedAt: string;
  random: { ids: number; tokens: number; arrivals: Record<string, number> };
  accounts: AccountsSnapshot;
  mailboxes: Record<string, MailboxSnapshot>;
  calendars: Record<string, CalendarSnapshot>;
  arrivals: Record<string, ArrivalPlan>;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function need(condition: boolean, what: string): void {
  if (!condition) throw new Error(`${what} is missing or malformed`);
}

/**
 * Checks the shape of a parsed state file closely enough that restoring it cannot stumble on a
 * missing part; throws an Error naming the first part that is wrong.
 */
export function readSnapshot(value: unknown): EmulatorSnapshot {
  need(isRecord(value), 'the state');
  const root = value as Record<string, unknown>;
  if (root.format !== SNAPSHOT_FORMAT) throw new Error(`format ${String(root.format)} is not ${SNAPSHOT_FORMAT}`);
  need(Number.isInteger(root.seed), 'seed');
  need(typeof root.stateId === 'string', 'stateId');
  need(root.written === 'shutdown' || root.written === 'running', 'written');
  const random = root.random;
  need(isRecord(random) && Number.isInteger(random.ids) && Number.isInteger(random.tokens) && isRecord(random.arrivals), 'random');
  const accounts = root.accounts;
  need(isRecord(accounts) && ['accounts', 'refresh', 'access', 'codes'].every((key) => Array.isArray(accounts[key])), 'accounts');
  const mailboxes = root.mailboxes;
  need(isRecord(mailboxes), 'mailboxes');
  for (const [email, mailbox] of Object.entries(mailboxes as Record<string, unknown>)) {
    const ok =
      isRecord(mailbox) &&
      Array.isArray(mailbox.messages) &&
      mailbox.messages.every((m: unknown) => isRecord(m) && typeof m.id === 'string' && typeof m.raw === 'string' && Array.isArray(m.labelIds)) &&
      Array.isArray(mailbox.drafts) &&
      Number.isInteger(mailbox.seq) &&
      isRecord(mailbox.labels) &&
      Array.isArray(mailbox.labels.user) &&
      isRecord(mailbox.history) &&
      Number.isInteger(mailbox.history.current) &&
      Array.isArray(mailbox.history.records);
    need(ok, `the mailbox of ${email}`);
  }
  const calendars = root.calendars;
  need(isRecord(calendars), 'calendars');
  for (const [email, calendar] of Object.entries(calendars as Record<string, unknown>)) {
    const ok =
      isRecord(calendar) &&
      Number.isInteger(calendar.changeCounter) &&
      Number.isInteger(calendar.epoch) &&
      Array.isArray(calendar.calendars) &&
      calendar.calendars.every((c: unknown) => isRecord(c) && isRecord(c.info) && Array.isArray(c.events));
    need(ok, `the calendars of ${email}`);
  }
  need(isRecord(root.arrivals), 'arrivals');
  return value as unknown as EmulatorSnapshot;
}
