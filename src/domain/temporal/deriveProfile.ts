import type { Clock, Domain, FeedbackKind, Urgency } from '../types.js';
import { DEFAULT_WINDOW, hourLabel, learnWindow, MIN_ANSWERS } from './activeWindow.js';
import { medianOf } from './median.js';
import type { AnsweredDecision, TemporalProfile, TimeZoneChoice } from './types.js';
import { isKnownTimeZone, localWeekdayHour, WEEKDAYS } from './zonedTime.js';

/** The profile rests on at most this many of the user's most recent answers. */
export const PROFILE_ANSWER_LIMIT = 100;

const DOMAIN_ORDER: readonly Domain[] = ['email', 'calendar', 'finance'];
const URGENCY_ORDER: readonly Urgency[] = ['critical', 'high', 'normal', 'low'];

export interface ProfileInput {
  userId: string;
  /** The user's answers, in whatever order; only the newest PROFILE_ANSWER_LIMIT up to now count. */
  answers: readonly AnsweredDecision[];
  timeZone: TimeZoneChoice;
  clock: Clock;
}

/**
 * A user's temporal profile, derived from their recent answers: when they are active, how fast
 * they answer, what they answer on which weekday. Pure and deterministic: the same answers, zone
 * and clock give the same profile whatever the order they come in.
 */
export function deriveTemporalProfile(input: ProfileInput): TemporalProfile {
  const now = input.clock.now().getTime();
  const zone = usableZone(input.timeZone);
  const answers = input.answers
    .filter((a) => Number.isFinite(a.answeredAt.getTime()) && Number.isFinite(a.askedAt.getTime()) && a.answeredAt.getTime() <= now)
    .sort(newestFirst)
    .slice(0, PROFILE_ANSWER_LIMIT);

  const byHour = new Array<number>(24).fill(0);
  const weekdays = WEEKDAYS.map(() => new Array<number>(24).fill(0));
  const kindsByWeekday = WEEKDAYS.map(() => new Map<FeedbackKind, number>());
  const waits = new Map<string, number[]>();
  for (const answer of answers) {
    const { weekday, hour } = localWeekdayHour(answer.answeredAt, zone.name);
    byHour[hour] = (byHour[hour] ?? 0) + 1;
    const row = weekdays[weekday];
    if (row) row[hour] = (row[hour] ?? 0) + 1;
    const kinds = kindsByWeekday[weekday];
    kinds?.set(answer.kind, (kinds.get(answer.kind) ?? 0) + 1);
    const key = `${answer.domain}/${answer.urgency}`;
    const seconds = Math.floor(Math.max(0, answer.answeredAt.getTime() - answer.askedAt.getTime()) / 1000);
    waits.set(key, [...(waits.get(key) ?? []), seconds]);
  }

  const n = answers.length;
  const trusted = n >= MIN_ANSWERS;
  const learned = trusted ? learnWindow(byHour) : null;
  const startHour = learned?.startHour ?? DEFAULT_WINDOW.startHour;
  const endHour = learned?.endHour ?? DEFAULT_WINDOW.endHour;
  const hours = learned?.hours ?? DEFAULT_WINDOW.endHour - DEFAULT_WINDOW.startHour;
  const span = hours >= 24 ? 'all day' : `${hourLabel(startHour)}–${hourLabel(endHour)}`;
  const basis = learned ? `learned from your last ${n} answers` : `a default until SkyTwin has seen ${MIN_ANSWERS} of your answers (it has ${n})`;
  const windowExplanation = learned
    ? `You usually answer ${hours >= 24 ? 'at all hours' : `between ${hourLabel(startHour)} and ${hourLabel(endHour)}`} (${zone.name}): ${learned.covered} of your last ${n} answers fall in these hours, and ${hourLabel(learned.modeHour)} is your busiest hour.`
    : `Too few answers to learn from (${n} of the ${MIN_ANSWERS} needed), so SkyTwin assumes you are active ${span} (${zone.name}) until there are.`;

  return {
    userId: input.userId,
    timeZone: { ...zone, explanation: zoneExplanation(zone, input.timeZone) },
    basedOn: {
      answers: n,
      limit: PROFILE_ANSWER_LIMIT,
      oldestAnswerAt: answers.at(-1)?.answeredAt.toISOString() ?? null,
      newestAnswerAt: answers[0]?.answeredAt.toISOString() ?? null,
      trusted,
      explanation: trusted
        ? `Rests on your last ${n} answers (approvals, rejections, edits, undos, confirmations and corrections; at most ${PROFILE_ANSWER_LIMIT}).`
        : `Rests on only ${n} answers: too few to trust (SkyTwin needs ${MIN_ANSWERS}), so it uses a default active window.`,
    },
    activity: {
      byHour,
      byWeekday: WEEKDAYS.map((weekday, index) => {
        const counts = weekdays[index] ?? [];
        return { weekday, total: counts.reduce((sum, c) => sum + c, 0), byHour: counts };
      }),
    },
    activeWindow: {
      start: hourLabel(startHour),
      end: hourLabel(endHour),
      hours,
      timeZone: zone.name,
      source: learned ? 'learned' : 'default',
      basis,
      coverage: learned ? Math.round((learned.covered / n) * 100) / 100 : null,
      modeHour: n === 0 ? null : (learned?.modeHour ?? learnWindow(byHour)?.modeHour ?? null),
      explanation: windowExplanation,
    },
    responseTimes: DOMAIN_ORDER.flatMap((domain) =>
      URGENCY_ORDER.flatMap((urgency) => {
        const seconds = waits.get(`${domain}/${urgency}`);
        return seconds ? [{ domain, urgency, answers: seconds.length, medianSeconds: medianOf(seconds) }] : [];
      }),
    ),
    commonAnswers: WEEKDAYS.map((weekday, index) => {
      const counts = [...(kindsByWeekday[index] ?? new Map<FeedbackKind, number>()).entries()]
        .map(([kind, count]) => ({ kind, count }))
        .sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind));
      return { weekday, total: counts.reduce((sum, c) => sum + c.count, 0), mostCommon: counts[0]?.kind ?? null, answers: counts };
    }),
  };
}

function newestFirst(a: AnsweredDecision, b: AnsweredDecision): number {
  return (
    b.answeredAt.getTime() - a.answeredAt.getTime() ||
    a.decisionId.localeCompare(b.decisionId) ||
    a.kind.localeCompare(b.kind) ||
    a.askedAt.getTime() - b.askedAt.getTime()
  );
}

function usableZone(choice: TimeZoneChoice): TimeZoneChoice {
  return isKnownTimeZone(choice.name) ? choice : { name: 'UTC', source: 'utc' };
}

function zoneExplanation(used: TimeZoneChoice, asked: TimeZoneChoice): string {
  if (used.name !== asked.name) return `UTC, because ${JSON.stringify(asked.name)} is not a time zone SkyTwin knows.`;
  switch (used.source) {
    case 'quiet_hours':
      return `${used.name}, the time zone of your quiet hours setting.`;
    case 'host':
      return `${used.name}, the time zone of the machine SkyTwin runs on, since your settings name none (set quiet hours to choose one).`;
    default:
      return 'UTC: neither your settings nor the machine SkyTwin runs on name a time zone (set quiet hours to choose one).';
  }
}
