import { loadavg } from 'node:os';
import { benchUsers, signalStream, type BenchUser } from './signals.js';
import {
  applyFeedback,
  decide,
  defaultSettings,
  emptyTextModel,
  emptyTwin,
  exampleCount,
  lessonOf,
  mailFeatures,
  textModelToJson,
  trainText,
  type AutonomySettings,
  type DecisionDraft,
  type Signal,
  type TextModel,
  type TwinProfile,
} from '../src/domain/index.js';

// `node --import tsx bench/textmodel.ts`: what the text model costs decide(). The pipeline mix of
// bench/decide, decided without a text model (A) and with one trained on the same 400 answers as
// the twin (B), in interleaved rounds; prints decisions per second of each and the ratio B / A,
// and how often the model advised. Also the model's size as stored.

const SIGNALS = 10_000;
const ROUNDS = 6;
const TRAINING = 400;
const now = new Date('2026-11-24T09:12:44.000Z');

const users: BenchUser[] = benchUsers(50, 'bench').map((user, index) => ({ ...user, id: `u${index}` }));
const next = signalStream(users, 'd', 42, now);
const signals: Signal[] = Array.from({ length: SIGNALS }, next);
const settings: AutonomySettings = { ...defaultSettings(), trustTiers: { email: 'moderate', calendar: 'low', finance: 'low' }, quietHours: { start: '22:00', end: '07:00', timeZone: 'Europe/Berlin' } };

function decideFor(signal: Signal, twin: TwinProfile, model: TextModel | null, at: Date): DecisionDraft {
  let n = 0;
  return decide({
    signal,
    userEmail: signal.source === 'gmail' ? (signal.data.to[0] ?? 'me@example.com') : 'me@example.com',
    settings,
    twin,
    senderHistory: { seenCount: 3, repliedCount: 1 },
    acceptedEvents: [],
    previousEvent: null,
    spentLast24hCents: 1200,
    executedInDomain: { email: 40, calendar: 12, finance: 3 },
    textModel: model,
    clock: { now: () => at },
    ids: { next: () => `id${n++}` },
  });
}

// The twin and the text model learn from the same answers: approved, every fifth rejected.
let twin = emptyTwin('bench');
let model = emptyTextModel();
signals.slice(0, TRAINING).forEach((signal, index) => {
  const at = new Date(now.getTime() - (TRAINING - index) * 3_600_000);
  const draft = decideFor(signal, twin, model, at);
  const selected = draft.outcome.selectedIndex === null ? undefined : draft.candidates[draft.outcome.selectedIndex];
  if (!selected) return;
  const input = { kind: index % 5 === 4 ? ('reject' as const) : ('approve' as const), decisionId: draft.id, situation: draft.situation, action: selected.action, correctedAction: null, preferenceKeys: selected.prediction.preferenceKeys, wasAutomatic: false };
  twin = applyFeedback(twin, input, settings.trustTiers, settings.trustProgression, at).twin;
  const value = lessonOf(input);
  if (value !== null && signal.source === 'gmail') model = trainText(model, mailFeatures(signal, draft.situation.kind), value);
});

function round(withModel: TextModel | null): { rate: number; advised: number } {
  let advised = 0;
  const started = performance.now();
  for (const signal of signals) {
    const draft = decideFor(signal, twin, withModel, now);
    if (withModel !== null && draft.candidates.some((c) => c.prediction.similarMail !== undefined)) advised += 1;
  }
  return { rate: SIGNALS / ((performance.now() - started) / 1000), advised };
}

console.log(`textmodel: ${SIGNALS} signals of the pipeline mix; load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log(`model: ${exampleCount(model)} examples, ${model.features.size} features, ${model.classes.size} actions, ${JSON.stringify(textModelToJson(model)).length} bytes as stored; twin ${twin.preferences.length} preferences`);
round(null);
round(model);
const a: number[] = [];
const b: number[] = [];
let advised = 0;
for (let i = 0; i < ROUNDS; i++) {
  // Interleaved, the order alternating, so drift in the machine's load hits both alike.
  const first = i % 2 === 0 ? null : model;
  const one = round(first);
  const two = round(first === null ? model : null);
  (first === null ? a : b).push(one.rate);
  (first === null ? b : a).push(two.rate);
  advised = Math.max(one.advised, two.advised);
}
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? 0;
console.log(`without (A) decisions/s: ${a.map((r) => r.toFixed(0)).join(', ')}; median ${median(a).toFixed(0)}`);
console.log(`with    (B) decisions/s: ${b.map((r) => r.toFixed(0)).join(', ')}; median ${median(b).toFixed(0)}`);
console.log(`ratio B / A per round: ${a.map((x, i) => ((b[i] ?? 0) / x).toFixed(3)).join(', ')}; of medians ${(median(b) / median(a)).toFixed(3)}`);
console.log(`the text model advised on ${advised} of ${SIGNALS} decisions (mail from senders the twin has no preference for)`);
