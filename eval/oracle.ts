import type { Kysely } from 'kysely';
import type { Schema } from '../src/store/index.js';

// What the invariant checker compares stored rows against, written here from DESIGN.md rather
// than imported from the code under test.

export const LEVELS = ['negligible', 'low', 'moderate', 'high', 'critical'];
export const TIERS = ['observer', 'suggest', 'low', 'moderate', 'high'];
export const DIMENSIONS = ['reversibility', 'financial', 'legal', 'privacy', 'relationship', 'operational'];
export const INERT = ['do_nothing', 'flag_for_review'];
export const NEVER = ['delete_permanently', 'accept_terms', 'share_credentials', 'change_security_settings'];
/** What each action truly allows afterwards: a record may be more cautious, never less. */
export const TRUE_REVERSIBILITY: Record<string, string> = {
  archive: 'full',
  label: 'full',
  mark_read: 'full',
  draft_reply: 'full',
  flag_for_review: 'full',
  do_nothing: 'full',
  rsvp: 'partial',
  approve_renewal: 'none',
  send_email: 'none',
  delete_permanently: 'none',
  accept_terms: 'none',
  share_credentials: 'none',
  change_security_settings: 'unknown',
};
export const REVERSIBILITY_RANK: Record<string, number> = { full: 0, partial: 1, unknown: 2, none: 2 };
export const NEW_DOMAIN_RAMP = 10;

export interface StoredSettings {
  perAction: number;
  daily: number;
  overrides: Map<string, { perAction: number | null; daily: number | null; allowIrreversible: string[] }>;
  quiet: { start: string; end: string; timeZone: string } | null;
  blocked: string[];
}

export async function settingsOf(db: Kysely<Schema>, userId: string): Promise<StoredSettings> {
  const row = await db.selectFrom('user_settings').selectAll().where('user_id', '=', userId).executeTakeFirst();
  const domains = await db.selectFrom('domain_autonomy').selectAll().where('user_id', '=', userId).execute();
  const overrides = new Map<string, { perAction: number | null; daily: number | null; allowIrreversible: string[] }>();
  for (const d of domains) {
    overrides.set(d.domain, {
      perAction: d.per_action_cents === null ? null : Number(d.per_action_cents),
      daily: d.daily_cents === null ? null : Number(d.daily_cents),
      allowIrreversible: Array.isArray(d.allow_irreversible) ? (d.allow_irreversible as string[]) : [],
    });
  }
  return {
    perAction: row ? Number(row.per_action_cents) : 2000,
    daily: row ? Number(row.daily_cents) : 5000,
    overrides,
    quiet: row && row.quiet_start && row.quiet_end && row.quiet_time_zone ? { start: row.quiet_start, end: row.quiet_end, timeZone: row.quiet_time_zone } : null,
    blocked: row && Array.isArray(row.blocked_domains) ? (row.blocked_domains as string[]) : [],
  };
}

function minutesIn(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(instant);
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? 0) % 24;
  return hour * 60 + Number(parts.find((p) => p.type === 'minute')?.value ?? 0);
}

function hhmm(value: string): number {
  const [h, m] = value.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** [start, end) local time, wrapping midnight when start > end; start == end is no window. */
export function inQuietHours(quiet: { start: string; end: string; timeZone: string }, instant: Date): boolean {
  const start = hhmm(quiet.start);
  const end = hhmm(quiet.end);
  if (start === end) return false;
  const local = minutesIn(instant, quiet.timeZone);
  return start < end ? local >= start && local < end : local >= start || local < end;
}

export function isBlocked(domain: unknown, blocked: readonly string[]): boolean {
  if (typeof domain !== 'string' || domain === '') return false;
  const target = domain.toLowerCase();
  return blocked.some((raw) => {
    const entry = raw.toLowerCase().replace(/^[@*.]+/, '');
    return entry !== '' && (target === entry || target.endsWith(`.${entry}`));
  });
}

export function recipients(parameters: Record<string, unknown>): number {
  const count = (v: unknown) => (Array.isArray(v) ? v.length : typeof v === 'string' ? v.split(',').filter((s) => s.trim()).length : 0);
  return count(parameters.to) + count(parameters.cc) + count(parameters.bcc);
}

export function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

