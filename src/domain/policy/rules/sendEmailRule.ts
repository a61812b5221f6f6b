import type { Finding, PolicyRule } from '../rule.js';

/**
 * Sending mail is irreversible whatever the candidate claims about it: never automatic below
 * high, and at high only where the user allowed send_email in the domain.
 */
export const sendEmailRule: PolicyRule = {
  name: 'send-email',
  check({ candidate, tier, ctx }): Finding[] {
    const { action } = candidate;
    if (action.type !== 'send_email') return [];
    if (tier !== 'high') {
      return [
        {
          verdict: 'needs_approval',
          code: 'send_email',
          message: `sending mail can't be undone, so it is never automatic below high autonomy`,
        },
      ];
    }
    const allowed = ctx.settings.domainOverrides[action.domain]?.allowIrreversible ?? [];
    if (allowed.includes('send_email')) return [];
    return [
      {
        verdict: 'needs_approval',
        code: 'send_email',
        message: `sending mail runs alone only where you allowed it, and you haven't in ${action.domain}`,
      },
    ];
  },
};
