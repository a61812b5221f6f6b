import type { AutonomySettings, Domain, QuietHours, TrustProgressionSettings, TrustTier } from '../domain/index.js';
import { FOLLOW_UP_DEFAULT_DAYS } from '../domain/index.js';
import { errors } from '../errors/index.js';
import { inTransaction, loadSettings, rescheduleFollowUps, saveSettings, setBriefingDraft } from '../store/index.js';
import type { ServiceDeps } from './deps.js';
import { announceUserEvents, recordUserEvents } from './user-events.js';

/** A partial settings document, already shape-checked by the route schema. */
export interface SettingsPatch {
  trustTiers?: Partial<Record<Domain, TrustTier>>;
  spendLimits?: { perActionCents?: number; dailyCents?: number };
  quietHours?: QuietHours | null;
  blockedDomains?: string[];
  domainOverrides?: AutonomySettings['domainOverrides'];
  trustProgression?: Partial<TrustProgressionSettings>;
  /** Also deliver the daily briefing as a Gmail draft to the user themself. */
  briefingDraft?: boolean;
  /** Days without an answer before a question the user sent becomes a follow-up. */
  followUpAfterDays?: number;
}

/** The highest scope bar that can still be reached (the Wilson lower bound of 100 of 100 is 0.963). */
const MAX_SCOPE_ACCURACY = 0.95;
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const DOMAIN_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** Merges the patch into the stored settings after checking what a schema cannot. */
export async function updateSettings(deps: ServiceDeps, userId: string, patch: SettingsPatch): Promise<AutonomySettings> {
  const problems = checkPatch(patch);
  if (problems.length > 0) throw errors.validation('The settings were not changed', problems);
  return inTransaction(deps.db, async (trx) => {
    const current = await loadSettings(trx, userId);
    const next: AutonomySettings = {
      trustTiers: { ...current.trustTiers, ...patch.trustTiers },
      spendLimits: { ...current.spendLimits, ...patch.spendLimits },
      quietHours: patch.quietHours === undefined ? current.quietHours : patch.quietHours,
      blockedDomains:
        patch.blockedDomains === undefined
          ? current.blockedDomains
          : [...new Set(patch.blockedDomains.map((d) => d.trim().toLowerCase()))],
      domainOverrides: patch.domainOverrides === undefined ? current.domainOverrides : patch.domainOverrides,
      trustProgression: { ...current.trustProgression, ...patch.trustProgression },
      followUpAfterDays: patch.followUpAfterDays ?? current.followUpAfterDays ?? FOLLOW_UP_DEFAULT_DAYS,
    };
    await saveSettings(trx, userId, next, deps.clock.now());
    // Questions already waiting count the new wait from when each was asked.
    if (patch.followUpAfterDays !== undefined && patch.followUpAfterDays !== current.followUpAfterDays) await rescheduleFollowUps(trx, userId, patch.followUpAfterDays);
    if (patch.briefingDraft !== undefined) await setBriefingDraft(trx, userId, patch.briefingDraft);
    await recordUserEvents(trx, [{ userId, kind: 'settings.changed', payload: {} }]);
    return next;
  }).then((saved) => {
    announceUserEvents(deps, [userId]);
    return saved;
  });
}

function checkPatch(patch: SettingsPatch): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const quiet = patch.quietHours;
  if (quiet) {
    if (!HH_MM.test(quiet.start)) problems.push({ field: 'quietHours.start', message: 'must be HH:MM (00:00 to 23:59)' });
    if (!HH_MM.test(quiet.end)) problems.push({ field: 'quietHours.end', message: 'must be HH:MM (00:00 to 23:59)' });
    if (!isTimeZone(quiet.timeZone)) problems.push({ field: 'quietHours.timeZone', message: 'must be an IANA time zone such as Europe/Berlin' });
    if (HH_MM.test(quiet.start) && quiet.start === quiet.end) problems.push({ field: 'quietHours.end', message: 'must differ from the start; to turn quiet hours off, clear them' });
  }
  const bar = patch.trustProgression?.scopeMinAccuracy;
  if (bar !== undefined && bar > MAX_SCOPE_ACCURACY) {
    problems.push({
      field: 'trustProgression.scopeMinAccuracy',
      message: `must be at most ${MAX_SCOPE_ACCURACY}: a scope's accuracy is counted conservatively over its last 100 answers, so even 100 right in a row only show 0.96`,
    });
  }
  (patch.blockedDomains ?? []).forEach((domain, index) => {
    if (!DOMAIN_NAME.test(domain.trim().toLowerCase())) {
      problems.push({ field: `blockedDomains[${index}]`, message: `"${domain}" is not a domain name such as example.com` });
    }
  });
  return problems;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
