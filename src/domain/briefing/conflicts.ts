/** A meeting as the briefing lists it: its span and how the user answered. */
export interface DayMeeting {
  eventId: string;
  summary: string;
  start: Date;
  end: Date;
  response: string | null;
}

export interface MeetingConflict {
  first: DayMeeting;
  second: DayMeeting;
}

/** At most this many conflicts are listed: a day that full needs the calendar, not a list. */
export const MAX_CONFLICTS = 20;

/** Pairs of meetings the user has not declined whose spans overlap (half-open), in start order. */
export function meetingConflicts(meetings: readonly DayMeeting[]): MeetingConflict[] {
  const attending = meetings.filter((m) => m.response !== 'declined').slice().sort((a, b) => a.start.getTime() - b.start.getTime() || a.eventId.localeCompare(b.eventId));
  const conflicts: MeetingConflict[] = [];
  for (let i = 0; i < attending.length; i++) {
    const first = attending[i];
    if (first === undefined) continue;
    for (let j = i + 1; j < attending.length; j++) {
      const second = attending[j];
      if (second === undefined || second.start.getTime() >= first.end.getTime()) break;
      conflicts.push({ first, second });
      if (conflicts.length >= MAX_CONFLICTS) return conflicts;
    }
  }
  return conflicts;
}
