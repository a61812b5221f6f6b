import type { ActiveHours, Domain, FeedbackKind, Urgency } from '../types.js';
import type { Weekday } from './zonedTime.js';

/** One answer the user gave to a decision: an approval's answer, an undo, a confirmation or correction. */
export interface AnsweredDecision {
  decisionId: string;
  kind: FeedbackKind;
  domain: Domain;
  urgency: Urgency;
  /** When SkyTwin asked (the approval request) or decided (for undo, confirm and correct). */
  askedAt: Date;
  answeredAt: Date;
}

/** Where the profile's time zone came from. */
export type TimeZoneSource = 'quiet_hours' | 'host' | 'utc';

export interface TimeZoneChoice {
  name: string;
  source: TimeZoneSource;
}

export interface TemporalProfile {
  userId: string;
  timeZone: TimeZoneChoice & { explanation: string };
  basedOn: {
    answers: number;
    /** At most this many recent answers are read. */
    limit: number;
    oldestAnswerAt: string | null;
    newestAnswerAt: string | null;
    /** False below MIN_ANSWERS: the default window applies and the figures are only indicative. */
    trusted: boolean;
    explanation: string;
  };
  /** Answers per local hour and weekday in the profile's time zone. */
  activity: {
    byHour: number[];
    byWeekday: { weekday: Weekday; total: number; byHour: number[] }[];
  };
  activeWindow: ActiveHours & {
    /** Share of the answers inside the window (0..1, two places); null for the default window. */
    coverage: number | null;
    /** The local hour with most answers; null without answers. */
    modeHour: number | null;
    explanation: string;
  };
  responseTimes: { domain: Domain; urgency: Urgency; answers: number; medianSeconds: number }[];
  commonAnswers: { weekday: Weekday; total: number; mostCommon: FeedbackKind | null; answers: { kind: FeedbackKind; count: number }[] }[];
}
