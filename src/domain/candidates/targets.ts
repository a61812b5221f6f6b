import { parseAddress } from '../interpret/index.js';
import type { Signal, Situation } from '../types.js';

// Ids come from the situation's facts first, the raw signal second: proposals must work even for
// a situation built elsewhere (or edited) whose facts are thin.

function dataOf(signal: Signal): Record<string, unknown> {
  const data: unknown = (signal as { data?: unknown } | null)?.data;
  return typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

export interface MessageTarget {
  messageId: string;
  threadId: string;
}

export function messageTarget(situation: Situation, signal: Signal): MessageTarget | null {
  const data = dataOf(signal);
  const messageId = text(situation.facts.messageId) || text(data['messageId']);
  if (messageId === '') return null;
  return { messageId, threadId: text(situation.facts.threadId) || text(data['threadId']) || messageId };
}

export interface EventTarget {
  eventId: string;
  calendarId: string;
}

export function eventTarget(situation: Situation, signal: Signal): EventTarget | null {
  const data = dataOf(signal);
  const eventId = text(situation.facts.eventId) || text(data['eventId']);
  if (eventId === '') return null;
  return { eventId, calendarId: text(situation.facts.calendarId) || text(data['calendarId']) || 'primary' };
}

export interface Correspondent {
  address: string;
  /** Display name as written, '' when none. */
  name: string;
}

export function correspondent(situation: Situation, signal: Signal): Correspondent | null {
  const parsed = parseAddress(dataOf(signal)['from']);
  const address = text(situation.facts.counterpart).toLowerCase() || parsed?.address || '';
  if (address === '') return null;
  return { address, name: parsed !== null && parsed.address === address ? parsed.name : '' };
}

export function subjectOf(situation: Situation, signal: Signal): string {
  return text(situation.facts.subject) || text(dataOf(signal)['subject']) || text(dataOf(signal)['summary']);
}
