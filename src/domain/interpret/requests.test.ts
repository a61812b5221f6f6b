import { describe, expect, it } from 'vitest';
import { normalizeText } from './fields.js';
import { findDeadline, findMeetingRequest } from './requests.js';

const sent = new Date('2026-12-01T09:00:00Z');
const meeting = (text: string) => findMeetingRequest(normalizeText(text));
const deadline = (text: string) => findDeadline(normalizeText(text), sent);

describe('findMeetingRequest', () => {
  it('finds a request to meet or talk, with the length asked for (30 minutes when unstated)', () => {
    expect(meeting('Could we schedule a call next week to go over the plan?')).toEqual({ minutes: 30 });
    expect(meeting("Let's meet for 45 minutes about the budget")).toEqual({ minutes: 45 });
    expect(meeting('Are you free for an hour this week?')).toEqual({ minutes: 60 });
    expect(meeting('Can we find a time for a half-hour chat?')).toEqual({ minutes: 30 });
    expect(meeting('I would like to talk about the contract, 90 min if possible')).toEqual({ minutes: 90 });
  });

  it('leaves mail that asks no meeting alone', () => {
    expect(meeting('Please send me the Q4 report by Friday.')).toBeNull();
    expect(meeting('The meeting notes are attached.')).toBeNull();
    expect(meeting('We have a meeting tomorrow, and I will call the vendor after it.')).toBeNull();
    expect(meeting('Could you call the vendor?')).toBeNull();
  });
});

describe('findDeadline', () => {
  it('reads weekdays, relative days and dates after "by", "before", "due"', () => {
    expect(deadline('Please send the report by Friday.')).toMatchObject({ on: 'weekday', weekday: 4 });
    expect(deadline('Need it EOD tomorrow, thanks')).toMatchObject({ on: 'days', days: 1 });
    expect(deadline('Could you reply by tomorrow?')).toMatchObject({ on: 'days', days: 1 });
    expect(deadline('Can you get this done by end of day?')).toMatchObject({ on: 'days', days: 0 });
    expect(deadline('Please confirm before 5 Dec.')).toMatchObject({ on: 'date', date: '2026-12-05' });
    expect(deadline('by the end of the week please')).toMatchObject({ on: 'weekday', weekday: 4 });
  });

  it('takes the first deadline in the text and ignores dates that are not one', () => {
    expect(deadline('The review is on 10 December; I need your notes by Monday.')).toMatchObject({ on: 'weekday', weekday: 0 });
    expect(deadline('We met on 3 December and talked a lot.')).toBeNull();
  });
});
