import type { Domain } from '../types.js';

/** A place in the dashboard where a setting or preference would change a decision's outcome. */
export interface SettingLink {
  label: string;
  view: 'settings' | 'twin';
  field: string;
}

export interface LinkInput {
  domain: Domain | string;
  outcome: string;
  /** Codes of the outcome's reasons and of the selected candidate's verdict. */
  reasonCodes: readonly string[];
  /** The twin's most specific key for this situation, or null. */
  preferenceKey: string | null;
  /** A blocked-domains entry that covers the counterpart, or null. */
  blockedEntry: string | null;
}

/** The settings (and the preference) that would change this outcome, most direct first. */
export function changeLinksFor(input: LinkInput): SettingLink[] {
  const links: SettingLink[] = [];
  const add = (link: SettingLink) => {
    if (!links.some((l) => l.view === link.view && l.field === link.field)) links.push(link);
  };
  const codes = new Set(input.reasonCodes);
  if (input.blockedEntry !== null || codes.has('blocked_domain')) {
    add({ label: `Unblock ${input.blockedEntry ?? 'the domain'} in Settings`, view: 'settings', field: 'blockedDomains' });
  }
  if (codes.has('spend_per_action') || codes.has('spend_daily') || codes.has('spend_limit_invalid')) {
    add({ label: `Change the ${input.domain} spend limits`, view: 'settings', field: 'spendLimits' });
  }
  if (codes.has('quiet_hours') || codes.has('quiet_hours_deferred') || codes.has('quiet_hours_invalid')) {
    add({ label: 'Change your quiet hours', view: 'settings', field: 'quietHours' });
  }
  if (input.outcome !== 'no_action' || codes.has('tier_insufficient')) {
    add({ label: `Change how much SkyTwin may do in ${input.domain}`, view: 'settings', field: `trustTiers.${input.domain}` });
  }
  if (input.preferenceKey !== null) {
    add({ label: 'Tell the twin what you prefer here', view: 'twin', field: input.preferenceKey });
  }
  return links;
}
