import { USER, type SignalSpec } from './scenario.js';

function withUser(text: string, userEmail: string): string {
  return text.split(USER).join(userEmail);
}

/** The JSON body of one signal for POST /api/events/ingest, as the worker would send it. */
export function signalBody(spec: SignalSpec, user: { id: string; email: string }, externalId: string, now: Date): Record<string, unknown> {
  const occurredAt = spec.occurredAt ?? now.toISOString();
  if (spec.source === 'gmail') {
    return {
      userId: user.id,
      source: 'gmail',
      externalId,
      type: 'email.received',
      occurredAt,
      data: {
        ...spec.extra,
        messageId: externalId,
        threadId: externalId,
        from: withUser(spec.from, user.email),
        to: (spec.to ?? [USER]).map((a) => withUser(a, user.email)),
        cc: (spec.cc ?? []).map((a) => withUser(a, user.email)),
        subject: spec.subject,
        snippet: spec.snippet ?? '',
        labels: spec.labels ?? ['INBOX', 'UNREAD'],
        listUnsubscribe: spec.listUnsubscribe ?? null,
        bodyText: spec.bodyText ?? '',
      },
    };
  }
  const eventId = spec.eventId ?? externalId.replace(/[^a-z0-9]/gi, '').toLowerCase();
  const attendees = (
    spec.attendees ?? [
      { email: spec.organizer, responseStatus: 'accepted' as const },
      { email: USER, self: true, responseStatus: 'needsAction' as const },
    ]
  ).map((a) => ({ ...a, email: withUser(a.email, user.email) }));
  return {
    userId: user.id,
    source: 'calendar',
    externalId: `primary/${eventId}@${externalId}`,
    type: 'calendar.event',
    occurredAt,
    data: {
      eventId,
      calendarId: 'primary',
      status: spec.status ?? 'confirmed',
      summary: spec.summary,
      start: spec.start,
      end: spec.end,
      allDay: spec.allDay ?? false,
      organizer: withUser(spec.organizer, user.email),
      recurringEventId: spec.recurringEventId ?? null,
      attendees,
    },
  };
}
