// The temporal profile: when a user is usually active and how fast they answer, derived from their
// recent answers (never stored), and how it stretches approval expiry and holds visible actions.
export { afterActiveTime, isActiveAt, nextActiveStart, withActiveExpiry } from './activeExpiry.js';
export { DEFAULT_WINDOW, hourLabel, learnWindow, MIN_ANSWERS, MIN_WINDOW_HOURS, WINDOW_COVERAGE } from './activeWindow.js';
export type { HourWindow } from './activeWindow.js';
export { deriveTemporalProfile, PROFILE_ANSWER_LIMIT } from './deriveProfile.js';
export type { ProfileInput } from './deriveProfile.js';
export { medianOf } from './median.js';
export type { AnsweredDecision, TemporalProfile, TimeZoneChoice, TimeZoneSource } from './types.js';
export { isKnownTimeZone, localDateTime, localWeekdayHour, WEEKDAYS } from './zonedTime.js';
export type { Weekday } from './zonedTime.js';
