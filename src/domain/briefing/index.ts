// The daily briefing: when it falls in a user's day, which meetings clash, and the rule-written summary.
// Pure: the service reads the rows and the clock and passes them in.
export { briefingSchedule, localDateOf } from './schedule.js';
export type { BriefingSchedule } from './schedule.js';
export { meetingConflicts, MAX_CONFLICTS } from './conflicts.js';
export type { DayMeeting, MeetingConflict } from './conflicts.js';
export { actionGroupLabel, briefingSummary } from './summary.js';
export type { BriefingFacts } from './summary.js';
