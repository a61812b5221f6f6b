import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarEventToSignal } from './calendar-event.js';
import type { CalendarEvent } from './calendar-wire.js';
import { UnusableItemError } from './errors.js';
import { USER_ID, expectValid } from './fixtures.testkit.js';
import { gmailMessageToSignal } from './gmail-message.js';
import type { GmailMessage, GmailMessagePart } from './gmail-wire.js';

const text = fc.string({ unit: 'binary', maxLength: 1500 });
const wild = fc.oneof(text, fc.constant('=?UTF-8?B?8J+OiQ==?= =?ISO-8859-1?Q?=E9?='), fc.constant('"a, b" <a@b.c>, x:;'), fc.string({ maxLength: 6000 }));
const charset = fc.oneof(fc.constantFrom('utf-8', 'ISO-8859-1', 'windows-1252', 'shift_jis', 'koi8-r', 'x-bogus', '', '"utf-16"'), fc.string({ maxLength: 20 }));
const headerName = fc.constantFrom('From', 'To', 'Cc', 'Subject', 'List-Unsubscribe', 'Date', 'Content-Type', 'content-disposition', 'from', 'X-Other');

const leaf: fc.Arbitrary<GmailMessagePart> = fc.record(
  {
    mimeType: fc.constantFrom('text/plain', 'text/html', 'application/pdf', 'image/png', '', 'TEXT/PLAIN'),
    filename: fc.oneof(fc.constant(''), fc.string({ maxLength: 20 })),
    headers: fc.array(fc.record({ name: headerName, value: fc.oneof(wild, charset.map((c) => `text/plain; charset=${c}`)) }), { maxLength: 4 }),
    body: fc.record({ size: fc.nat(), data: fc.oneof(fc.uint8Array({ maxLength: 3000 }).map((b) => Buffer.from(b).toString('base64url')), fc.string({ maxLength: 200 })) }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);
const part: fc.Arbitrary<GmailMessagePart> = fc.oneof(leaf, fc.record({ mimeType: fc.constantFrom('multipart/alternative', 'multipart/mixed', 'multipart/related'), parts: fc.array(fc.oneof(leaf, fc.record({ mimeType: fc.constant('multipart/alternative'), parts: fc.array(leaf, { maxLength: 3 }) })), { maxLength: 4 }) }));

const message: fc.Arbitrary<GmailMessage> = fc.record(
  {
    id: fc.oneof(fc.stringMatching(/^[0-9a-f]{16}$/), fc.string({ maxLength: 250 })),
    threadId: fc.string({ maxLength: 250 }),
    labelIds: fc.array(fc.string({ maxLength: 300 }), { maxLength: 250 }),
    snippet: wild,
    internalDate: fc.oneof(fc.bigInt({ min: -10n, max: 10n ** 17n }).map(String), fc.string({ maxLength: 20 })),
    payload: fc.tuple(part, fc.array(fc.record({ name: headerName, value: wild }), { maxLength: 8 })).map(([root, headers]) => ({ ...root, headers: [...(root.headers ?? []), ...headers] })),
  },
  { requiredKeys: [] },
);

const time = fc.record(
  { date: fc.oneof(fc.constant('2026-11-25'), fc.string({ maxLength: 12 })), dateTime: fc.oneof(fc.constant('2026-11-25T10:00:00+01:00'), fc.string({ maxLength: 30 })), timeZone: fc.string({ maxLength: 10 }) },
  { requiredKeys: [] },
);
const person = fc.record({ email: fc.string({ maxLength: 400 }), self: fc.boolean(), organizer: fc.boolean(), responseStatus: fc.constantFrom('accepted', 'declined', 'nope', 'needsAction') }, { requiredKeys: [] });
const event: fc.Arbitrary<CalendarEvent> = fc.record(
  {
    id: fc.oneof(fc.string({ minLength: 1, maxLength: 40 }), fc.string({ maxLength: 1100 })),
    etag: fc.string({ maxLength: 30 }),
    status: fc.constantFrom('confirmed', 'tentative', 'cancelled', 'weird'),
    updated: fc.oneof(fc.constant('2026-11-24T09:00:00.000Z'), fc.string({ maxLength: 30 })),
    created: fc.string({ maxLength: 30 }),
    summary: wild,
    organizer: person,
    start: time,
    end: time,
    originalStartTime: time,
    recurringEventId: fc.string({ maxLength: 1100 }),
    sequence: fc.oneof(fc.integer(), fc.double()),
    attendees: fc.array(person, { maxLength: 30 }),
  },
  { requiredKeys: [] },
);

describe('converters on arbitrary input', () => {
  it('turn any Gmail message into a valid signal, or report it as unusable', () => {
    let converted = 0;
    fc.assert(
      fc.property(message, (input) => {
        try {
          expectValid(gmailMessageToSignal(USER_ID, input, { now: new Date('2026-11-24T12:00:00Z') }));
          converted += 1;
        } catch (error) {
          expect(error).toBeInstanceOf(UnusableItemError);
        }
      }),
      { numRuns: 300 },
    );
    expect(converted).toBeGreaterThan(100);
  });

  it('turn any Calendar event into a valid signal, or report it as unusable', () => {
    let converted = 0;
    fc.assert(
      fc.property(event, fc.string({ maxLength: 400 }), fc.oneof(fc.constant('primary'), fc.string({ minLength: 1, maxLength: 1024 })), (input, selfEmail, calendarId) => {
        try {
          expectValid(calendarEventToSignal(USER_ID, calendarId, input, selfEmail, { now: new Date('2026-11-24T12:00:00Z') }));
          converted += 1;
        } catch (error) {
          expect(error).toBeInstanceOf(UnusableItemError);
        }
      }),
      { numRuns: 300 },
    );
    expect(converted).toBeGreaterThan(100);
  });
});
