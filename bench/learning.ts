import { loadavg } from 'node:os';
import type { EmailSignal } from '../src/domain/index.js';
import { startTestApp, type TestApp } from '../test/support/app.js';
import { ManualClock } from '../test/support/clock.js';
import type { BenchContext, Benchmark } from './benchmark.js';

// A simulated user with a fixed, noisy policy replayed over 90 days through the live pipeline: the
// real app (routes, services, policy, outbox) on an embedded database, driven in process with an
// injected clock. Each sender has one action the user wants; 5 % of the user's answers go the other
// way. The figures: per week, how often the user had to step in, and how often SkyTwin acted alone
// on something the user's policy says no to (false autonomy).

const SENDERS = 80;
const DAYS = 90;
const NOISE = 0.05;
const START = '2026-09-01T07:00:00Z';

type Kind = 'newsletter' | 'promotion' | 'notification';
type Want = 'archive' | 'label' | 'mark_read';

interface Sender {
  address: string;
  name: string;
  kind: Kind;
  want: Want;
  /** Mails per week. */
  perWeek: number;
}

/** Who wants what, by kind: shares of senders whose mail the user wants archived, labelled or marked read. */
const POLICY: Record<Kind, [Want, number][]> = {
  newsletter: [['archive', 0.55], ['label', 0.25], ['mark_read', 0.2]],
  promotion: [['archive', 0.7], ['mark_read', 0.3]],
  notification: [['mark_read', 0.6], ['archive', 0.25], ['label', 0.15]],
};
const KINDS: Kind[] = ['newsletter', 'promotion', 'notification'];

/** mulberry32: a small seeded generator, so every run replays the same user and the same noise. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, shares: [T, number][]): T {
  let r = random();
  for (const [value, share] of shares) {
    if (r < share) return value;
    r -= share;
  }
  return (shares.at(-1) as [T, number])[0];
}

function makeSenders(random: () => number): Sender[] {
  const senders: Sender[] = [];
  for (let i = 0; i < SENDERS; i++) {
    const kind = KINDS[i % KINDS.length] as Kind;
    const org = `org${String(i).padStart(2, '0')}`;
    const local = kind === 'notification' ? 'no-reply' : kind === 'promotion' ? 'offers' : 'digest';
    // Frequencies from daily to fortnightly, most senders in between.
    const perWeek = [7, 3, 2, 1, 1, 0.5][Math.floor(random() * 6)] ?? 1;
    senders.push({ address: `${local}@${org}.example`, name: `${org.toUpperCase()} ${kind}`, kind, want: pick(random, POLICY[kind]), perWeek });
  }
  return senders;
}

let messageCounter = 0;
function mail(userId: string, sender: Sender, at: Date): EmailSignal {
  const id = `learn${(messageCounter++).toString(16).padStart(8, '0')}`;
  const base = { messageId: id, threadId: id, to: ['ann@example.com'], cc: [], from: `${sender.name} <${sender.address}>` };
  const host = sender.address.slice(sender.address.indexOf('@') + 1);
  const data =
    sender.kind === 'newsletter'
      ? { subject: `${sender.name}: this week's issue`, snippet: 'Your weekly digest', labels: ['INBOX', 'UNREAD', 'CATEGORY_UPDATES'], listUnsubscribe: `<mailto:unsubscribe@${host}>`, bodyText: 'Your weekly newsletter digest. Unsubscribe at any time.' }
      : sender.kind === 'promotion'
        ? { subject: '48 hours only: 30% off everything', snippet: 'Our biggest sale', labels: ['INBOX', 'UNREAD', 'CATEGORY_PROMOTIONS'], listUnsubscribe: `<https://${host}/u>`, bodyText: 'Our biggest sale of the year is here. Use promo code SAVE30 at checkout. Unsubscribe.' }
        : { subject: 'New message from Dana Kim in #launch', snippet: 'Dana Kim sent you a message', labels: ['INBOX', 'UNREAD', 'CATEGORY_UPDATES'], listUnsubscribe: null, bodyText: 'Dana Kim sent you a message: "launch notes are in the doc". Open the app to reply.' };
  return { userId, source: 'gmail', externalId: id, type: 'email.received', occurredAt: at.toISOString(), data: { ...base, ...data } };
}

interface Week {
  decisions: number;
  asked: number;
  /** Undos and corrections: the user stepping in after the fact. */
  fixed: number;
  automatic: number;
  falseAutonomy: number;
}

function emptyWeek(): Week {
  return { decisions: 0, asked: 0, fixed: 0, automatic: 0, falseAutonomy: 0 };
}

async function call(t: TestApp, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) {
  const response = await t.call({ method, url, ...(payload ? { payload } : {}) });
  if (response.status >= 300) throw new Error(`${method} ${url}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export async function simulate(out: (line: string) => void): Promise<Week[]> {
  const random = seeded(20261203);
  const senders = makeSenders(random);
  const clock = new ManualClock(START);
  const t = await startTestApp(undefined, clock);
  try {
    const user = await call(t, 'POST', '/api/users', { email: 'ann@example.com', name: 'Ann' });
    // The user sets the ceiling: SkyTwin may act alone on low-risk, reversible email, where it earned it.
    await call(t, 'PUT', `/api/users/${user.id}/settings`, { trustTiers: { email: 'low' } });
    const weeks: Week[] = [];
    const kinds = new Map<string, number>();
    const askedWhy = new Map<string, number>();
    for (let day = 0; day < DAYS; day++) {
      const week = (weeks[Math.floor(day / 7)] ??= emptyWeek());
      const today = senders.filter((s) => random() < s.perWeek / 7);
      for (const sender of today) {
        clock.advance(Math.floor((12 * 3_600_000) / Math.max(1, today.length)));
        const signal = mail(user.id, sender, clock.now());
        const answer = await call(t, 'POST', '/api/events/ingest', signal);
        const view = await call(t, 'GET', `/api/decisions/${answer.results[0].decisionId}`);
        kinds.set(view.situation?.kind ?? 'unknown', (kinds.get(view.situation?.kind ?? 'unknown') ?? 0) + 1);
        week.decisions++;
        const chosen: string | null = view.selectedAction?.action ?? null;
        const noisy = random() < NOISE;
        const wantsIt = (chosen === sender.want) !== noisy;
        if (view.outcome === 'needs_approval') {
          week.asked++;
          const codes = [...(view.reasons ?? []), ...(view.selectedAction?.reasons ?? [])]
            .map((r: { code: string }) => r.code)
            .filter((c: string) => !['active_hours_expiry', 'tier_allows', 'inert', 'spend_within_limits'].includes(c));
          const why = codes[0] ?? 'other';
          if (day >= DAYS - 28) askedWhy.set(why, (askedWhy.get(why) ?? 0) + 1);
          await call(t, 'POST', `/api/approvals/${view.approval.id}/${wantsIt ? 'approve' : 'reject'}`);
          await t.runner.drain();
        } else if (view.outcome === 'auto_execute') {
          week.automatic++;
          if (chosen !== sender.want) week.falseAutonomy++;
          await t.runner.drain();
          if (!wantsIt) {
            week.fixed++;
            await call(t, 'POST', `/api/decisions/${view.id}/undo`);
            await t.runner.drain();
          }
        } else if (view.outcome === 'shadow') {
          // Observer: SkyTwin only recorded what it would have done; the user reviews it.
          week.asked++;
          if (wantsIt) await call(t, 'POST', `/api/decisions/${view.id}/feedback`, { kind: 'confirm' });
          else await call(t, 'POST', `/api/decisions/${view.id}/feedback`, { kind: 'correct', action: noisy ? chosen === 'archive' ? 'mark_read' : 'archive' : sender.want });
        } else if (view.outcome === 'no_action' && !noisy) {
          // Left alone, but the user wanted something done: they correct it on the dashboard.
          week.fixed++;
          await call(t, 'POST', `/api/decisions/${view.id}/feedback`, { kind: 'correct', action: sender.want });
        }
      }
      clock.set(new Date(Date.parse(START) + (day + 1) * 86_400_000));
      if (day % 7 === 6) out(`  week ${Math.floor(day / 7) + 1} replayed: ${week.decisions} decisions, ${week.asked} asked, ${week.automatic} ran alone`);
    }
    out(`situations seen: ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}`);
    out(`why it still asked in the last 4 weeks: ${[...askedWhy].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ')}`);
    const settings = await call(t, 'GET', `/api/users/${user.id}/settings`);
    out(`email tier at the end: ${settings.trustTiers.email}`);
    return weeks;
  } finally {
    await t.close();
  }
}

function pct(n: number, d: number): string {
  return d === 0 ? '   -  ' : `${((100 * n) / d).toFixed(1).padStart(5)}%`;
}

export const learningBenchmark: Benchmark = {
  name: 'learning',
  async run({ out }: BenchContext) {
    out(`learning: a simulated user, ${SENDERS} senders (${KINDS.join(', ')}), ${Math.round(NOISE * 100)} % inconsistent answers, ${DAYS} days through the live pipeline (embedded database, injected clock)`);
    out(`load before: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    const started = performance.now();
    const weeks = await simulate(out);
    out('');
    out('week  decisions  asked   stepped in (asked+undone+corrected)  ran alone  false autonomy');
    weeks.forEach((w, i) => {
      out(
        `${String(i + 1).padStart(4)}  ${String(w.decisions).padStart(9)}  ${pct(w.asked, w.decisions)}  ${pct(w.asked + w.fixed, w.decisions).padStart(35)}  ${pct(w.automatic, w.decisions).padStart(9)}  ${pct(w.falseAutonomy, w.automatic).padStart(14)}`,
      );
    });
    const first = weeks[0] ?? emptyWeek();
    const twelfth = weeks[11] ?? emptyWeek();
    const rate = (w: Week) => (w.decisions === 0 ? 0 : (w.asked + w.fixed) / w.decisions);
    const fall = rate(first) === 0 ? 0 : 1 - rate(twelfth) / rate(first);
    const automatic = weeks.reduce((n, w) => n + w.automatic, 0);
    const wrong = weeks.reduce((n, w) => n + w.falseAutonomy, 0);
    out('');
    out(`interruptions (asked, undone or corrected): week 1 ${pct(first.asked + first.fixed, first.decisions).trim()}, week 12 ${pct(twelfth.asked + twelfth.fixed, twelfth.decisions).trim()}: down ${(fall * 100).toFixed(1)} % (target ≥ 60 %)`);
    out(`false autonomy over all ${DAYS} days: ${wrong} of ${automatic} actions run alone = ${pct(wrong, automatic).trim()} (target < 2 %)`);
    out(`run time ${((performance.now() - started) / 1000).toFixed(1)} s; load after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  },
};
