import type { Domain } from '../src/domain/index.js';
import type { Api } from './api.js';
import { signalBody } from './signals.js';
import { email, event, USER, type SignalSpec } from './scenario.js';

// "The first 10 actions in a domain need approval": a scenario that wants SkyTwin to act alone
// first lives through those 10, the honest way, through the API: signals at suggest, each approved,
// executed by the outbox. What the twin (and its text model) learned from them is removed again so
// only the scenario's own preferences count; the approvals' trust progress stays, as it would for a real user.

const WARM_SENDER = 'skytwin-warmup.test';

function warmSignal(domain: Domain, n: number): SignalSpec {
  switch (domain) {
    case 'email':
      return email(`Warm-up Digest <digest@${WARM_SENDER}>`, `Warm-up digest, issue #${n}`, 'Your weekly digest. Unsubscribe at any time.', {
        labels: ['INBOX', 'UNREAD', 'CATEGORY_UPDATES'],
        listUnsubscribe: `<mailto:unsubscribe@${WARM_SENDER}>`,
      });
    case 'finance':
      return email(`Warm-up Shop <receipts@${WARM_SENDER}>`, `Your receipt #10${n}`, `Thank you for your purchase. Total paid: $5.0${n % 10}`, {
        labels: ['INBOX', 'UNREAD', 'CATEGORY_UPDATES'],
      });
    case 'calendar': {
      // February 2027: no scenario puts anything there, so these accepted events never clash.
      const day = String(n + 1).padStart(2, '0');
      return event(`Warm-up sync ${n}`, `2027-02-${day}T08:00:00Z`, `2027-02-${day}T08:30:00Z`, `scheduler@${WARM_SENDER}`, {
        eventId: `warmup${n}`,
        attendees: [
          { email: `scheduler@${WARM_SENDER}`, responseStatus: 'accepted' },
          { email: USER, self: true, responseStatus: 'needsAction' },
        ],
      });
    }
  }
}

/** Executes `count` approved actions in each domain, then resets tiers and forgets the lessons. */
export async function warmUp(api: Api, user: { id: string; email: string }, domains: Partial<Record<Domain, number>>): Promise<void> {
  const entries = Object.entries(domains) as [Domain, number][];
  if (entries.length === 0) return;
  await api.put(`/api/users/${user.id}/settings`, { trustTiers: Object.fromEntries(entries.map(([d]) => [d, 'suggest'])) });
  for (const [domain, count] of entries) {
    const signals = Array.from({ length: count }, (_, n) => signalBody(warmSignal(domain, n), user, `warm-${domain}-${n}`, api.now()));
    if (signals.length === 0) continue;
    const answer = await api.post('/api/events/ingest', { signals });
    const asked = await api.get(`/api/users/${user.id}/approvals?status=pending&limit=200`);
    const pending = (asked.approvals as { id: string; decisionId: string; action: { type: string } | null }[]).filter((a) =>
      (answer.results as { decisionId: string }[]).some((r) => r.decisionId === a.decisionId),
    );
    if (pending.length !== signals.length || pending.some((a) => !a.action || ['do_nothing', 'flag_for_review'].includes(a.action.type))) {
      throw new Error(`warm-up in ${domain}: expected ${signals.length} approvals of acting candidates, got ${JSON.stringify(pending.map((a) => a.action?.type))}`);
    }
    for (const approval of pending) await api.post(`/api/approvals/${approval.id}/approve`, undefined);
  }
  await api.drain();
  const twin = await api.get(`/api/users/${user.id}/twin`);
  for (const preference of twin.preferences as { key: string }[]) {
    await api.delete(`/api/users/${user.id}/twin/preferences/${encodeURIComponent(preference.key)}`);
  }
  // The text model learned from the warm-up's digests too: forget that as well.
  await api.delete(`/api/users/${user.id}/twin/text-model`);
  await api.put(`/api/users/${user.id}/settings`, { trustTiers: { email: 'observer', calendar: 'observer', finance: 'observer' } });
}
