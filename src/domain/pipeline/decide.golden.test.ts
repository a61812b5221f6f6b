import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyFeedback, decide, defaultSettings, emptyTwin } from '../index.js';
import type { AcceptedEvent, ActiveHours, AutonomySettings, DecisionDraft, Domain, Signal, TwinProfile } from '../index.js';
import { benchUsers, signalStream, type BenchUser } from './golden-signals.testkit.js';

// Every decision draft of a few thousand seeded signals, under varied settings, twins, clocks and
// active hours, against a digest recorded once. What a draft holds (situation, candidates, risk,
// verdicts and their reasons, outcome, explanation text) is what users read and what is stored,
// so a faster pipeline must produce it byte for byte. Re-record only for an intended change:
// SKYTWIN_RECORD_GOLDEN=1 npx vitest run src/domain/pipeline/decide.golden.test.ts
const GOLDEN_FILE = new URL('./decide.golden.json', import.meta.url);
const SIGNALS = 3000;
const TRAINING = 300;
const BASE = new Date('2026-11-24T09:12:44.000Z');

const SETTINGS: readonly AutonomySettings[] = [
  {
    ...defaultSettings(),
    trustTiers: { email: 'moderate', calendar: 'low', finance: 'low' },
    quietHours: { start: '22:00', end: '07:00', timeZone: 'Europe/Berlin' },
    blockedDomains: ['spam.example', 'casino.example'],
    domainOverrides: { finance: { perActionCents: 1500, dailyCents: 4000 } },
  },
  {
    ...defaultSettings(),
    trustTiers: { email: 'high', calendar: 'high', finance: 'moderate' },
    quietHours: { start: '13:30', end: '15:45', timeZone: 'America/New_York' },
    blockedDomains: ['contoso.dev', 'amazon.com', 'morningbrew.com'],
    spendLimits: { perActionCents: 900, dailyCents: 2500 },
    domainOverrides: { email: { allowIrreversible: ['send_email'] } },
  },
  { ...defaultSettings(), trustTiers: { email: 'suggest', calendar: 'moderate', finance: 'observer' } },
  {
    ...defaultSettings(),
    trustTiers: { email: 'low', calendar: 'suggest', finance: 'high' },
    quietHours: { start: '00:00', end: '23:30', timeZone: 'Asia/Kolkata' },
  },
];

const ACTIVE_HOURS: readonly (ActiveHours | null)[] = [
  { start: '08:00', end: '19:00', hours: 11, timeZone: 'Europe/Berlin', source: 'learned', basis: 'learned from your last 57 answers' },
  null,
  { start: '21:00', end: '02:30', hours: 5.5, timeZone: 'Asia/Tokyo', source: 'learned', basis: 'learned from your last 12 answers' },
  { start: '09:00', end: '17:00', hours: 8, timeZone: 'UTC', source: 'default', basis: 'the default working day' },
  { start: '07:15', end: '23:45', hours: 16.5, timeZone: 'America/Los_Angeles', source: 'learned', basis: 'learned from your last 200 answers' },
];

const EXECUTED: readonly Record<Domain, number>[] = [
  { email: 40, calendar: 12, finance: 3 },
  { email: 0, calendar: 0, finance: 0 },
  { email: 2, calendar: 1, finance: 0 },
];

interface Variant {
  settings: AutonomySettings;
  twin: TwinProfile;
  activeHours: ActiveHours | null;
  now: Date;
  spent: number;
  executed: Record<Domain, number>;
  senderHistory: { seenCount: number; repliedCount: number };
}

function decideFor(signal: Signal, variant: Variant, acceptedEvents: AcceptedEvent[], previousEvent: { start: string; end: string } | null): DecisionDraft {
  let n = 0;
  return decide({
    signal,
    userEmail: signal.source === 'gmail' ? (signal.data.to[0] ?? 'me@example.com') : 'me@example.com',
    settings: variant.settings,
    twin: variant.twin,
    senderHistory: variant.senderHistory,
    acceptedEvents,
    previousEvent,
    spentLast24hCents: variant.spent,
    executedInDomain: variant.executed,
    activeHours: variant.activeHours,
    clock: { now: () => variant.now },
    ids: { next: () => `id-${signal.externalId}-${n++}` },
  });
}

function trainedTwin(signals: readonly Signal[]): TwinProfile {
  const settings = SETTINGS[0] as AutonomySettings;
  let twin = emptyTwin('golden');
  signals.forEach((signal, index) => {
    const at = new Date(BASE.getTime() - (signals.length - index) * 3_600_000);
    const variant: Variant = { settings, twin, activeHours: ACTIVE_HOURS[0] ?? null, now: at, spent: 0, executed: EXECUTED[0] as Record<Domain, number>, senderHistory: { seenCount: 3, repliedCount: 1 } };
    const draft = decideFor(signal, variant, [], null);
    const selected = draft.outcome.selectedIndex === null ? undefined : draft.candidates[draft.outcome.selectedIndex];
    if (!selected) return;
    twin = applyFeedback(
      twin,
      { kind: index % 5 === 4 ? 'reject' : index % 11 === 3 ? 'undo' : 'approve', decisionId: draft.id, situation: draft.situation, action: selected.action, correctedAction: null, preferenceKeys: selected.prediction.preferenceKeys, wasAutomatic: false },
      settings.trustTiers,
      settings.trustProgression,
      at,
    ).twin;
  });
  return twin;
}

/** Overlapping accepted events for some invitations, a moved earlier version for others. */
function calendarContext(signal: Signal, index: number): { acceptedEvents: AcceptedEvent[]; previousEvent: { start: string; end: string } | null } {
  if (signal.source !== 'calendar') return { acceptedEvents: [], previousEvent: null };
  const start = new Date(signal.data.start).getTime();
  const acceptedEvents: AcceptedEvent[] =
    index % 3 === 0 ? [{ eventId: `busy${index}`, summary: 'Focus time', start: new Date(start - 900_000).toISOString(), end: new Date(start + 900_000).toISOString() }] : [];
  const previousEvent = index % 4 === 1 ? { start: new Date(start - 3_600_000).toISOString(), end: signal.data.start } : null;
  return { acceptedEvents, previousEvent };
}

/**
 * Recursively sorted keys: the digest is of what is stored (jsonb), not of property order.
 * Fractions are cut to 12 significant digits because V8's Math.pow differs in the
 * last bit between Node versions (0.42217614184135366 on Node 20, ...536 on Node 24).
 */
function canonical(value: unknown): unknown {
  if (typeof value === 'number' && !Number.isInteger(value)) return Number(value.toPrecision(12));
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

function digest(draft: DecisionDraft): string {
  return createHash('sha256').update(JSON.stringify(canonical(draft))).digest('hex').slice(0, 16);
}

function goldenDigests(): Record<string, string> {
  const users: BenchUser[] = benchUsers(20, 'golden').map((user, index) => ({ ...user, id: `u${index}` }));
  const next = signalStream(users, 'g', 1234, BASE);
  const signals = Array.from({ length: SIGNALS }, next);
  const twins = [trainedTwin(signals.slice(0, TRAINING)), emptyTwin('golden')];
  const digests: Record<string, string> = {};
  signals.forEach((signal, index) => {
    const variant: Variant = {
      settings: SETTINGS[index % SETTINGS.length] as AutonomySettings,
      twin: twins[index % 7 === 6 ? 1 : 0] as TwinProfile,
      activeHours: ACTIVE_HOURS[index % ACTIVE_HOURS.length] ?? null,
      // 47 minutes 13 seconds apart: the decisions walk through every hour of several days.
      now: new Date(BASE.getTime() + index * 2_833_000),
      spent: [0, 1200, 2450, 4990][index % 4] as number,
      executed: EXECUTED[index % EXECUTED.length] as Record<Domain, number>,
      senderHistory: index % 6 === 5 ? { seenCount: 0, repliedCount: 0 } : { seenCount: 3 + (index % 9), repliedCount: index % 3 },
    };
    const { acceptedEvents, previousEvent } = calendarContext(signal, index);
    digests[`${index} ${signal.externalId}`] = digest(decideFor(signal, variant, acceptedEvents, previousEvent));
  });
  return digests;
}

describe('decide() against the recorded golden decisions', () => {
  it('produces every recorded draft unchanged', () => {
    const actual = goldenDigests();
    if (process.env.SKYTWIN_RECORD_GOLDEN === '1') writeFileSync(GOLDEN_FILE, `${JSON.stringify(actual).replaceAll(',"', ',\n"')}\n`);
    expect(existsSync(GOLDEN_FILE)).toBe(true);
    const expected = JSON.parse(readFileSync(GOLDEN_FILE, 'utf8')) as Record<string, string>;
    const changed = Object.keys(expected).filter((key) => actual[key] !== expected[key]);
    expect(Object.keys(actual)).toHaveLength(SIGNALS);
    expect(changed.slice(0, 20)).toEqual([]);
  });
});
