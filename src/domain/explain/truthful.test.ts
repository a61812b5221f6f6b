import { describe, expect, it } from 'vitest';
import type { AutonomySettings, TrustTier } from '../types.js';
import { decide } from '../pipeline/index.js';
import { defaultSettings } from '../policy/index.js';
import { emptyTwin } from '../twin/index.js';
import { candidate, situation } from '../policy/fixtures.testkit.js';
import { changeLinksFor } from './links.js';
import { askReason } from './narrative.js';
import { clockTime, correctionsNow, failureInWords, headlineFor, startOfLocalDay } from './life.js';
import { describeAction, proposalFor } from './phrases.js';

const NOW = new Date('2026-11-24T09:12:44.000Z');

/** The whole pure pipeline on one newsletter, for a user the twin knows nothing about yet. */
function explainNewsletter(tier: TrustTier, patch: Partial<AutonomySettings> = {}) {
  return decideNewsletter(tier, patch).explanation;
}

function decideNewsletter(tier: TrustTier, patch: Partial<AutonomySettings> = {}) {
  const base = defaultSettings();
  const settings: AutonomySettings = { ...base, ...patch, trustTiers: { ...base.trustTiers, email: tier } };
  const draft = decide({
    signal: {
      userId: 'u',
      source: 'gmail',
      externalId: 'm1',
      type: 'email.received',
      occurredAt: NOW.toISOString(),
      data: {
        messageId: 'm1',
        threadId: 'm1',
        from: 'Acme News <news@acme-news.com>',
        to: ['ann@example.com'],
        cc: [],
        subject: 'This week at Acme',
        snippet: 'Your weekly digest',
        labels: ['INBOX', 'UNREAD', 'CATEGORY_UPDATES'],
        listUnsubscribe: '<mailto:unsubscribe@acme-news.com>',
        bodyText: 'Your weekly newsletter digest. Unsubscribe at any time.',
      },
    },
    userEmail: 'ann@example.com',
    settings,
    // Newsletters have earned autonomy, so only the twin's certainty stands between them and running alone.
    twin: { ...emptyTwin('u'), scopes: { scopes: { 'email/newsletter': { agree: 40, disagree: 0, misses: [], hold: null, updatedAt: NOW.toISOString() } }, demotedAt: {} } },
    senderHistory: { seenCount: 0, repliedCount: 0 },
    acceptedEvents: [],
    spentLast24hCents: 0,
    executedInDomain: { email: 50, calendar: 50, finance: 50 },
    clock: { now: () => NOW },
    ids: { next: () => '00000000-0000-4000-8000-000000000001' },
  });
  return draft;
}

/** What an approval row says for the decision: the gist, without the explanation's figures. */
function rowReason(tier: TrustTier, patch: Partial<AutonomySettings> = {}): string {
  const draft = decideNewsletter(tier, patch);
  const index = draft.outcome.selectedIndex;
  return askReason({ outcome: draft.outcome, situation: draft.situation, selected: index === null ? null : (draft.candidates[index] ?? null) });
}

describe('truthful explanations', () => {
  it('the policy line matches the outcome: an approval request never reads "Policy: allowed"', () => {
    const e = explainNewsletter('suggest');
    expect(e.summary).toMatch(/^Waiting for your approval/);
    expect(e.whyThisAction).not.toContain('Policy: allowed');
    expect(e.whyThisAction).toContain('Policy: needs your approval — email is at the suggest tier');
  });

  it('an action the rules allow but the twin is unsure of says it needs approval, and why', () => {
    const e = explainNewsletter('high');
    expect(e.summary).toMatch(/^Waiting for your approval/);
    expect(e.whyThisAction).toMatch(/Policy: needs your approval — the twin isn't sure enough/);
  });

  it("an approval row gives the shortest true reason, without the explanation's figures", () => {
    expect(rowReason('suggest')).toBe('email is at the suggest tier');
    const unsure = rowReason('high');
    expect(unsure).toBe("SkyTwin isn't sure yet that you want this");
    expect(unsure).not.toMatch(/score|confidence|\d/);
  });

  it('says a missing preference once, not once per candidate', () => {
    const e = explainNewsletter('suggest');
    const text = [e.summary, e.whatHappened, ...e.evidence, e.whyThisAction, ...e.alternatives.map((a) => a.why)].join('\n');
    expect(text.match(/not told SkyTwin yet/g) ?? [], text).toHaveLength(1);
    expect(text).not.toContain('no preference learned yet');
  });

  it('points to the Twin page by its name', () => {
    const e = explainNewsletter('suggest');
    const text = [...e.whatWouldChange, ...e.howToCorrect].join('\n');
    expect(text).toContain('the Twin page');
    expect(text).not.toContain('twin page');
  });
});

describe('headlineFor: the state is the headline after the fact', () => {
  const sit = situation();
  const phrase = describeAction(candidate({ type: 'archive' }).action, 'the newsletter from news@acme.com');
  const base = { phrase, domain: 'email', decidedSummary: 'Waiting for your approval to archive the newsletter from news@acme.com.', timeZone: 'Europe/Berlin', now: new Date('2026-11-24T12:00:00Z') };
  it.each([
    ['executed', new Date('2026-11-24T08:14:00Z'), null, 'Archived the newsletter from news@acme.com at 09:14.'],
    ['undone', new Date('2026-11-24T08:20:00Z'), null, 'Undone at 09:20: SkyTwin had archived the newsletter from news@acme.com, and put it back.'],
    ['failed', new Date('2026-11-24T08:20:00Z'), 'Google said no (404 notFound): Requested entity was not found.', 'Failed: the message was deleted in Gmail.'],
    ['expired', new Date('2026-11-24T02:15:00Z'), null, 'Expired unanswered at 03:15 — nothing was done.'],
    ['expired', new Date('2026-11-24T08:30:00Z'), 'bob@example.com wrote on the thread on 2026-11-24, so no nudge is needed', 'Withdrawn at 09:30: bob@example.com wrote on the thread on 2026-11-24, so no nudge is needed — nothing was done.'],
    ['cancelled', new Date('2026-11-24T08:21:00Z'), null, 'Cancelled at 09:21 before it ran — nothing was done.'],
    ['rejected', new Date('2026-11-24T08:22:00Z'), 'I read these', 'Rejected at 09:22 (you said: I read these) — nothing was done.'],
  ] as const)('%s', (state, at, detail, text) => {
    expect(headlineFor({ ...base, life: { state, at, detail } })).toBe(text);
  });
  it('says when SkyTwin ran it on its own', () => {
    const life = { state: 'executed' as const, at: new Date('2026-11-24T08:14:00Z'), detail: null };
    expect(headlineFor({ ...base, life, automatic: true })).toBe('Archived the newsletter from news@acme.com automatically at 09:14.');
  });
  it('keeps "Will … at 06:00" while an automatic action waits for its hour', () => {
    const decidedSummary = 'Will archive the newsletter from news@acme.com automatically at 06:00, when you are usually active (temporal profile).';
    expect(headlineFor({ ...base, decidedSummary, automatic: true, life: { state: 'queued', at: null, detail: null } })).toBe(decidedSummary);
    expect(headlineFor({ ...base, life: { state: 'queued', at: null, detail: null } })).toBe('Approved; queued to archive the newsletter from news@acme.com.');
  });
  it('keeps the decided summary while the request waits', () => {
    expect(headlineFor({ ...base, life: { state: 'pending', at: null, detail: null } })).toBe(base.decidedSummary);
    expect(sit.kind).toBe('newsletter');
  });
  it('names the day when it was not today', () => {
    expect(clockTime(new Date('2026-11-20T08:14:00Z'), 'Europe/Berlin', base.now)).toBe('20 Nov 09:14');
  });
  it('reads failures in plain words', () => {
    expect(failureInWords('Google said no (404 notFound): Requested entity was not found', 'calendar')).toBe('the event was deleted in Google Calendar');
    expect(failureInWords(null, 'email')).toBe('SkyTwin could not tell why');
  });
});

describe('startOfLocalDay', () => {
  it.each([
    ['2026-11-24T12:00:00Z', 'Europe/Berlin', '2026-11-23T23:00:00.000Z'],
    ['2026-11-24T23:30:00Z', 'Europe/Berlin', '2026-11-24T23:00:00.000Z'],
    ['2026-11-24T03:00:00Z', 'America/New_York', '2026-11-23T05:00:00.000Z'],
    ['2026-03-29T12:00:00Z', 'Europe/Berlin', '2026-03-28T23:00:00.000Z'],
    ['2026-10-25T12:00:00Z', 'Europe/Berlin', '2026-10-24T22:00:00.000Z'],
    ['2026-11-24T12:00:00Z', 'UTC', '2026-11-24T00:00:00.000Z'],
  ])('%s in %s', (now, zone, start) => {
    expect(startOfLocalDay(new Date(now), zone).toISOString()).toBe(start);
  });
});

describe('proposals and links', () => {
  it('says the proposal in plain words', () => {
    expect(proposalFor(candidate({ type: 'archive' }).action, situation())).toBe('Archive this newsletter');
    expect(proposalFor(candidate({ type: 'rsvp', parameters: { response: 'accepted' } }).action, situation({ kind: 'calendar_invitation', domain: 'calendar' }))).toBe(
      'Accept this invitation',
    );
  });
  it('links the settings that would change the outcome', () => {
    const links = changeLinksFor({ domain: 'email', outcome: 'needs_approval', reasonCodes: ['tier_suggest', 'quiet_hours'], preferenceKey: 'email.sender:a@b.com', blockedEntry: null });
    expect(links).toEqual([
      { label: 'Change your quiet hours', view: 'settings', field: 'quietHours' },
      { label: 'Change how much SkyTwin may do in email', view: 'settings', field: 'trustTiers.email' },
      { label: 'Tell the twin what you prefer here', view: 'twin', field: 'email.sender:a@b.com' },
    ]);
  });
});

describe('correctionsNow', () => {
  const decided = ['Approve it to run it as proposed.', 'Reject it to leave things as they are.', 'Tell the twin what you prefer by restating a preference such as "email.sender:a@b.com" on the Twin page.'];
  it('keeps the decision-time advice while the request waits', () => {
    expect(correctionsNow('pending', false, decided)).toEqual(decided);
  });
  it('offers undo, not approval, once it ran', () => {
    expect(correctionsNow('executed', true, decided)).toEqual(['Undo it if it was wrong; the undo teaches the twin.', decided[2]]);
    expect(correctionsNow('expired', false, decided)[0]).toBe('Nothing ran; if you wanted it, do it yourself in Google.');
  });
});
