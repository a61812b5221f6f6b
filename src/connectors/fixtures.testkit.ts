// Gmail format=full messages and Calendar events shaped like Google's answers, for the tests.
import { expect } from 'vitest';
import { parseSignals } from '../api/signal-validation.js';
import type { CalendarEvent } from './calendar-wire.js';
import type { GmailHeader, GmailMessage, GmailMessagePart } from './gmail-wire.js';

export const USER_ID = '3f1c2a9e-7b4d-4c1e-9a8f-2d6b5e4c3a21';

/** base64url as Gmail writes body data; `padded` keeps the `=` some producers leave in. */
export function b64url(content: string | Uint8Array, padded = false): string {
  const encoded = Buffer.from(content).toString('base64url');
  return padded ? encoded.padEnd(Math.ceil(encoded.length / 4) * 4, '=') : encoded;
}

export function header(name: string, value: string): GmailHeader {
  return { name, value };
}

export function textPart(partId: string, mimeType: string, content: string | Uint8Array, charset = 'UTF-8', extra: GmailHeader[] = []): GmailMessagePart {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return {
    partId,
    mimeType,
    filename: '',
    headers: [header('Content-Type', `${mimeType}; charset="${charset}"`), header('Content-Transfer-Encoding', 'quoted-printable'), ...extra],
    body: { size: bytes.length, data: b64url(bytes) },
  };
}

export function attachmentPart(partId: string, mimeType: string, filename: string, size: number): GmailMessagePart {
  return {
    partId,
    mimeType,
    filename,
    headers: [
      header('Content-Type', `${mimeType}; name="${filename}"`),
      header('Content-Disposition', `attachment; filename="${filename}"`),
      header('Content-Transfer-Encoding', 'base64'),
      header('X-Attachment-Id', 'f_lx2k9q1a0'),
    ],
    body: { attachmentId: 'ANGjdJ8wq3xT0bJ4Lm9s-7QvYd2pXk1Zr6uN0cE5hW3iF8gA', size },
  };
}

export function multipart(partId: string, subtype: string, parts: GmailMessagePart[], headers: GmailHeader[] = []): GmailMessagePart {
  return {
    partId,
    mimeType: `multipart/${subtype}`,
    filename: '',
    headers: [header('Content-Type', `multipart/${subtype}; boundary="000000000000b7e3c10617a4f2d1"`), ...headers],
    body: { size: 0 },
    parts,
  };
}

export const STANDARD_HEADERS: GmailHeader[] = [
  header('Delivered-To', 'ann@example.com'),
  header('Received', 'by 2002:a05:6a10:8c0e:b0:5c3:1f2e:3d4a with SMTP id k14csp123456pxb;\r\n        Tue, 24 Nov 2026 01:12:45 -0800 (PST)'),
  header('MIME-Version', '1.0'),
  header('Date', 'Tue, 24 Nov 2026 10:12:44 +0100'),
  header('Message-ID', '<CAF8xq2=Yx1m3Qn7@mail.gmail.com>'),
  header('Subject', 'Lunch?'),
  header('From', 'Bob Baker <bob@example.com>'),
  header('To', 'Ann Archer <ann@example.com>'),
];

/** A message as users.messages.get?format=full returns it; `headers` replace same-named standard ones. */
export function gmailMessage(id: string, root: GmailMessagePart, options: { headers?: GmailHeader[]; labelIds?: string[]; snippet?: string; internalDate?: string } = {}): GmailMessage {
  const replaced = new Set((options.headers ?? []).map((h) => h.name.toLowerCase()));
  const headers = [...STANDARD_HEADERS.filter((h) => !replaced.has(h.name.toLowerCase())), ...(options.headers ?? []), ...(root.headers ?? [])];
  return {
    id,
    threadId: id,
    labelIds: options.labelIds ?? ['UNREAD', 'IMPORTANT', 'CATEGORY_PERSONAL', 'INBOX'],
    snippet: options.snippet ?? 'Hi Ann, still on for lunch?',
    historyId: '1234567',
    internalDate: options.internalDate ?? '1795511564000',
    sizeEstimate: 5123,
    payload: { ...root, partId: '', headers },
  };
}

export function calendarEvent(id: string, fields: Partial<CalendarEvent> = {}): CalendarEvent {
  return {
    kind: 'calendar#event',
    etag: '"3421986412345000"',
    id,
    status: 'confirmed',
    htmlLink: `https://www.google.com/calendar/event?eid=${id}`,
    created: '2026-11-20T08:00:00.000Z',
    updated: '2026-11-24T09:00:00.000Z',
    summary: 'Design review',
    creator: { email: 'bob@example.com' },
    organizer: { email: 'bob@example.com' },
    start: { dateTime: '2026-11-25T10:00:00+01:00', timeZone: 'Europe/Berlin' },
    end: { dateTime: '2026-11-25T11:00:00+01:00', timeZone: 'Europe/Berlin' },
    iCalUID: `${id}@google.com`,
    sequence: 2,
    attendees: [
      { email: 'bob@example.com', organizer: true, responseStatus: 'accepted' },
      { email: 'ann@example.com', self: true, responseStatus: 'needsAction' },
    ],
    eventType: 'default',
    ...fields,
  };
}

/** Fails the test with the API's own problem list unless every signal passes ingest validation. */
export function expectValid(...signals: unknown[]): void {
  let problems: unknown = null;
  try {
    parseSignals({ signals });
  } catch (error) {
    problems = (error as { details?: unknown }).details ?? error;
  }
  expect(problems).toBeNull();
}
