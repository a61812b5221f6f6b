import type { Kysely } from 'kysely';
import type { ActionType, AutonomySettings, Domain, TrustProgressionSettings, TrustTier } from '../../domain/index.js';
import { DOMAINS, FOLLOW_UP_DEFAULT_DAYS, defaultSettings } from '../../domain/index.js';
import type { Schema } from '../schema.js';
import { json, toInt, toIntOrNull } from './parse.js';

/** The columns of `user_settings` the settings are built from; int8 may arrive as a string or, through JSON, a number. */
export interface SettingsRow {
  per_action_cents: string | number;
  daily_cents: string | number;
  quiet_start: string | null;
  quiet_end: string | null;
  quiet_time_zone: string | null;
  blocked_domains: unknown;
  trust_progression: unknown;
  follow_up_after_days?: number | string | null;
}

export interface DomainAutonomyRow {
  domain: string;
  tier: string;
  per_action_cents: string | number | null;
  daily_cents: string | number | null;
  allow_irreversible: unknown;
}

/** Loads a user's autonomy settings; a user without rows gets the defaults (observer everywhere). */
export async function loadSettings(db: Kysely<Schema>, userId: string): Promise<AutonomySettings> {
  const row = await db.selectFrom('user_settings').selectAll().where('user_id', '=', userId).executeTakeFirst();
  const domains = await db.selectFrom('domain_autonomy').selectAll().where('user_id', '=', userId).execute();
  return settingsFromRows(row ?? null, domains);
}

export function settingsFromRows(row: SettingsRow | null, domains: readonly DomainAutonomyRow[]): AutonomySettings {
  const settings = defaultSettings();
  if (row) {
    settings.spendLimits = { perActionCents: toInt(row.per_action_cents), dailyCents: toInt(row.daily_cents) };
    settings.quietHours =
      row.quiet_start !== null && row.quiet_end !== null && row.quiet_time_zone !== null
        ? { start: row.quiet_start, end: row.quiet_end, timeZone: row.quiet_time_zone }
        : null;
    settings.blockedDomains = row.blocked_domains as string[];
    // Rows written before a field existed get its default.
    settings.trustProgression = { ...settings.trustProgression, ...(row.trust_progression as Partial<TrustProgressionSettings>) };
  }
  settings.followUpAfterDays = toIntOrNull(row?.follow_up_after_days ?? null) ?? FOLLOW_UP_DEFAULT_DAYS;
  for (const domainRow of domains) {
    const domain = domainRow.domain as Domain;
    if (!DOMAINS.includes(domain)) continue;
    settings.trustTiers[domain] = domainRow.tier as TrustTier;
    const perActionCents = toIntOrNull(domainRow.per_action_cents);
    const dailyCents = toIntOrNull(domainRow.daily_cents);
    const allowIrreversible = domainRow.allow_irreversible as ActionType[];
    if (perActionCents !== null || dailyCents !== null || allowIrreversible.length > 0) {
      settings.domainOverrides[domain] = {
        ...(perActionCents !== null ? { perActionCents } : {}),
        ...(dailyCents !== null ? { dailyCents } : {}),
        ...(allowIrreversible.length > 0 ? { allowIrreversible } : {}),
      };
    }
  }
  return settings;
}

export async function saveSettings(
  db: Kysely<Schema>,
  userId: string,
  settings: AutonomySettings,
  now: Date,
): Promise<void> {
  const values = {
    per_action_cents: settings.spendLimits.perActionCents,
    daily_cents: settings.spendLimits.dailyCents,
    quiet_start: settings.quietHours?.start ?? null,
    quiet_end: settings.quietHours?.end ?? null,
    quiet_time_zone: settings.quietHours?.timeZone ?? null,
    blocked_domains: json(settings.blockedDomains),
    trust_progression: json(settings.trustProgression),
    follow_up_after_days: settings.followUpAfterDays ?? null,
    updated_at: now,
  };
  await db
    .insertInto('user_settings')
    .values({ user_id: userId, ...values })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
    .execute();
  for (const domain of DOMAINS) {
    const override = settings.domainOverrides[domain];
    const domainValues = {
      tier: settings.trustTiers[domain],
      per_action_cents: override?.perActionCents ?? null,
      daily_cents: override?.dailyCents ?? null,
      allow_irreversible: json(override?.allowIrreversible ?? []),
      updated_at: now,
    };
    await db
      .insertInto('domain_autonomy')
      .values({ user_id: userId, domain, ...domainValues })
      .onConflict((oc) => oc.columns(['user_id', 'domain']).doUpdateSet(domainValues))
      .execute();
  }
}

/** Trust progression moves one domain's tier; nothing else in the settings changes. */
export async function setTier(db: Kysely<Schema>, userId: string, domain: Domain, tier: TrustTier, now: Date) {
  await db
    .updateTable('domain_autonomy')
    .set({ tier, updated_at: now })
    .where('user_id', '=', userId)
    .where('domain', '=', domain)
    .execute();
}
