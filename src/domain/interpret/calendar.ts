import type { AcceptedEvent, CalendarSignal, InterpretContext, Situation, SituationFacts, SituationKind, Urgency } from '../types.js';
import { parseAddress } from './address.js';
import { clue, type Clue } from './clues.js';
import { asRecord, asString, shorten } from './fields.js';
import { buildSituation, kindLabel, malformed } from './situation.js';
import { HOUR_MS, parseInstant } from './time.js';

const STATUSES = ['confirmed', 'tentative', 'cancelled'];
const RESPONSES = ['needsAction', 'accepted', 'declined', 'tentative'];

interface EventReading {
  facts: SituationFacts;
  start: number;
  end: number;
  attendees: Record<string, unknown>[];
  userEmail: string;
  organizerIsUser: boolean;
}

function userEmailOf(context: InterpretContext): string {
  return asString(asRecord(context)?.['userEmail'], 1_000).trim().toLowerCase();
}

function baseFacts(data: Record<string, unknown>): SituationFacts {
  const organizer = parseAddress(data['organizer']);
  const facts: SituationFacts = {
    subject: asString(data['summary'], 1_000),
    eventId: asString(data['eventId'], 1_000).trim(),
    calendarId: asString(data['calendarId'], 1_000).trim() || 'primary',
    start: asString(data['start'], 100),
    end: asString(data['end'], 100),
  };
  if (organizer !== null) {
    facts.counterpart = organizer.address;
    facts.counterpartDomain = organizer.domain;
  }
  return facts;
}

function selfAttendee(reading: EventReading): Record<string, unknown> | null {
  const found = reading.attendees.find(
    (a) => a['self'] === true || (reading.userEmail !== '' && asString(a['email'], 1_000).trim().toLowerCase() === reading.userEmail),
  );
  return found ?? null;
}

function overlaps(reading: EventReading, eventId: string, others: unknown): AcceptedEvent[] {
  if (!Array.isArray(others)) return [];
  const found: AcceptedEvent[] = [];
  for (const item of others) {
    const other = asRecord(item);
    if (other === null) continue;
    const otherId = asString(other['eventId'], 1_000);
    const start = parseInstant(other['start']);
    const end = parseInstant(other['end']);
    if (otherId === eventId || start === null || end === null) continue;
    // Half-open spans: a meeting ending at 10:00 does not clash with one starting at 10:00.
    if (start < reading.end && reading.start < end) {
      found.push({ eventId: otherId, summary: asString(other['summary'], 1_000), start: asString(other['start'], 100), end: asString(other['end'], 100) });
    }
  }
  return found;
}

function timeChangeClue(reading: EventReading, context: InterpretContext): Clue | null {
  const previous = asRecord(asRecord(context)?.['previousEvent']);
  if (previous === null) return null;
  const start = parseInstant(previous['start']);
  const end = parseInstant(previous['end']);
  if (start === null || end === null) return null;
  reading.facts.previousStart = asString(previous['start'], 100);
  reading.facts.previousEnd = asString(previous['end'], 100);
  reading.facts.timeChanged = start !== reading.start || end !== reading.end;
  return reading.facts.timeChanged
    ? clue(0, `moved from ${reading.facts.previousStart}–${reading.facts.previousEnd} to ${reading.facts.start}–${reading.facts.end}`)
    : clue(0, 'time unchanged since the previous version');
}

function startsSoon(reading: EventReading, occurredAt: unknown): boolean {
  const at = parseInstant(occurredAt);
  return at !== null && reading.start >= at && reading.start - at <= 24 * HOUR_MS;
}

function situation(kind: SituationKind, confidence: number, urgency: Urgency, clues: Clue[], facts: SituationFacts): Situation {
  const who = facts.counterpart !== undefined ? ` from ${facts.counterpart}` : '';
  const when = facts.start !== undefined && facts.start !== '' ? ` at ${facts.start}` : '';
  const summary = `${kindLabel(kind)}${who}: "${shorten(facts.subject ?? '')}"${when}`;
  return buildSituation({ kind, domain: 'calendar', urgency, confidence, summary, clues, facts });
}

export function interpretCalendar(signal: CalendarSignal, context: InterpretContext): Situation {
  const data = asRecord(signal.data);
  if (data === null) return malformed('calendar', 'the calendar data is missing or not an object');
  const facts = baseFacts(data);
  if (facts.eventId === '') return malformed('calendar', 'the event has no id', facts);
  const status = asString(data['status'], 100);
  if (!STATUSES.includes(status)) return malformed('calendar', `unrecognised event status "${shorten(status, 40)}"`, facts);
  // Google sends cancelled events with little more than an id, so this is decided before times are checked.
  if (status === 'cancelled') return situation('calendar_cancellation', 0.95, 'normal', [clue(0.95, 'the event was cancelled')], facts);

  const start = parseInstant(data['start']);
  const end = parseInstant(data['end']);
  if (start === null || end === null) return malformed('calendar', 'the event start or end is not an ISO 8601 time', facts);
  if (end < start) return malformed('calendar', 'the event ends before it starts', facts);

  const userEmail = userEmailOf(context);
  const attendees = Array.isArray(data['attendees']) ? data['attendees'].map(asRecord).filter((a) => a !== null) : [];
  const reading: EventReading = { facts, start, end, attendees, userEmail, organizerIsUser: userEmail !== '' && facts.counterpart === userEmail };
  const self = selfAttendee(reading);
  const response = self !== null ? asString(self['responseStatus'], 100) : '';
  if (response !== '') facts.selfResponse = response;

  if (reading.organizerIsUser || self?.['organizer'] === true) {
    const changed = timeChangeClue(reading, context);
    return situation('calendar_update', 0.9, 'normal', [clue(0.9, 'the user organizes this event'), ...(changed ? [changed] : [])], facts);
  }
  if (self === null) {
    return situation('unknown', 0.3, 'normal', [clue(0, 'the user is neither the organizer nor an attendee')], facts);
  }
  if (!RESPONSES.includes(response)) {
    return situation('unknown', 0.2, 'normal', [clue(0, "the user's response status is missing or unrecognised")], facts);
  }
  if (response !== 'needsAction') {
    const changed = timeChangeClue(reading, context);
    return situation('calendar_update', 0.9, 'normal', [clue(0.9, `the user already answered (${response})`), ...(changed ? [changed] : [])], facts);
  }

  const clues: Clue[] = [clue(0.9, 'the user has not answered the invitation yet')];
  const soon = startsSoon(reading, signal.occurredAt);
  if (soon) clues.push(clue(0, 'starts within 24 hours'));
  const conflicts = overlaps(reading, facts.eventId ?? '', asRecord(context)?.['acceptedEvents']);
  if (conflicts.length === 0) return situation('calendar_invitation', 0.9, soon ? 'high' : 'normal', clues, facts);
  facts.conflictsWith = conflicts;
  for (const other of conflicts) clues.push(clue(0, `overlaps accepted event "${shorten(other.summary, 60)}" (${other.start}–${other.end})`));
  return situation('calendar_conflict', 0.9, soon ? 'high' : 'normal', clues, facts);
}
