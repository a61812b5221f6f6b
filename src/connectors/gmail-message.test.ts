import { describe, expect, it } from 'vitest';
import { UnusableItemError } from './errors.js';
import {
  USER_ID,
  attachmentPart,
  b64url,
  expectValid,
  gmailMessage,
  header,
  multipart,
  textPart,
} from './fixtures.testkit.js';
import { gmailMessageToSignal } from './gmail-message.js';

const PLAIN = 'Hi Ann,\r\n\r\nstill on for lunch on Thursday? I\'ll book the usual place.\r\n\r\nBob\r\n';
const HTML = '<div dir="ltr">Hi Ann,<br><br>still on for lunch on <b>Thursday</b>? I&#39;ll book the usual place.<br><br>Bob</div>';

describe('gmailMessageToSignal', () => {
  it('reads a multipart/alternative message: headers, labels, snippet, the plain part and the time', () => {
    const message = gmailMessage('18f0a1b2c3d4e5f6', multipart('', 'alternative', [textPart('0', 'text/plain', PLAIN), textPart('1', 'text/html', HTML)]), {
      snippet: 'Hi Ann, still on for lunch on Thursday? I&#39;ll book the usual place. Bob &amp; co',
      headers: [header('List-Unsubscribe', '<mailto:unsub@example.com>, <https://example.com/u?id=1>')],
    });
    const signal = gmailMessageToSignal(USER_ID, message);
    expectValid(signal);
    expect(signal).toMatchObject({
      userId: USER_ID,
      source: 'gmail',
      type: 'email.received',
      externalId: '18f0a1b2c3d4e5f6',
      occurredAt: '2026-11-24T09:12:44.000Z',
    });
    expect(signal.data).toEqual({
      messageId: '18f0a1b2c3d4e5f6',
      threadId: '18f0a1b2c3d4e5f6',
      from: 'Bob Baker <bob@example.com>',
      to: ['Ann Archer <ann@example.com>'],
      cc: [],
      subject: 'Lunch?',
      snippet: "Hi Ann, still on for lunch on Thursday? I'll book the usual place. Bob & co",
      labels: ['UNREAD', 'IMPORTANT', 'CATEGORY_PERSONAL', 'INBOX'],
      listUnsubscribe: '<mailto:unsub@example.com>, <https://example.com/u?id=1>',
      bodyText: "Hi Ann,\n\nstill on for lunch on Thursday? I'll book the usual place.\n\nBob",
    });
  });

  it('takes the body from inside multipart/mixed and skips attachments, even a text one placed first', () => {
    const body = multipart('0', 'alternative', [textPart('0.0', 'text/plain', 'Invoice attached, due 1 Dec.'), textPart('0.1', 'text/html', '<p>Invoice attached</p>')]);
    const notes = { ...textPart('1', 'text/plain', 'private notes, not the body'), filename: 'notes.txt' };
    const message = gmailMessage('18f0a1b2c3d4e5f7', multipart('', 'mixed', [notes, body, attachmentPart('2', 'application/pdf', 'invoice-2026-11.pdf', 48213)]));
    const signal = gmailMessageToSignal(USER_ID, message);
    expectValid(signal);
    expect(signal.data.bodyText).toBe('Invoice attached, due 1 Dec.');
  });

  it('skips a part marked as attachment by Content-Disposition alone', () => {
    const inline = textPart('1', 'text/plain', 'the real body');
    const disposed = textPart('0', 'text/plain', 'attached log', 'UTF-8', [header('Content-Disposition', 'attachment')]);
    const signal = gmailMessageToSignal(USER_ID, gmailMessage('m-disp', multipart('', 'mixed', [disposed, inline])));
    expect(signal.data.bodyText).toBe('the real body');
  });

  it('turns an html-only message into readable text without scripts, styles or tags', () => {
    const html = [
      '<!DOCTYPE html><html><head><title>Weekly digest</title><style>p { color: red; }</style></head>',
      '<body><script type="text/javascript">track("open");</script><!-- hidden -->',
      '<h1>This&nbsp;week</h1><p>Prices from &euro;9 &amp; up &mdash; see <a href="https://x.example/a?b=1&amp;c=2" title="a > b">our offers</a>.</p>',
      '<ul><li>First</li><li>Second</li></ul><table><tr><td>Total</td><td>&pound;12</td></tr></table>',
      '</body></html>',
    ].join('\n');
    const message = gmailMessage('18f0a1b2c3d4e5f8', { mimeType: 'text/html', filename: '', headers: [header('Content-Type', 'text/html; charset=utf-8')], body: { size: html.length, data: b64url(html) } });
    const signal = gmailMessageToSignal(USER_ID, message);
    expectValid(signal);
    expect(signal.data.bodyText).toBe('This week\n\nPrices from €9 & up — see our offers.\n\n- First\n- Second\n\nTotal £12');
  });

  it('decodes a latin-1 body and a windows-1252 one by their declared charset', () => {
    const latin1 = Uint8Array.from([...Buffer.from('Caf', 'latin1'), 0xe9, ...Buffer.from(' cr', 'latin1'), 0xe8, ...Buffer.from('me br', 'latin1'), 0xfb, 0x6c, 0xe9, 0x65]);
    const signal = gmailMessageToSignal(USER_ID, gmailMessage('m-latin1', textPart('', 'text/plain', latin1, 'ISO-8859-1')));
    expect(signal.data.bodyText).toBe('Café crème brûlée');
    const cp1252 = Uint8Array.from([0x93, ...Buffer.from('Total', 'latin1'), 0x94, 0x20, 0x80, 0x35]);
    expect(gmailMessageToSignal(USER_ID, gmailMessage('m-1252', textPart('', 'text/plain', cp1252, 'windows-1252'))).data.bodyText).toBe('“Total” €5');
  });

  it('reads body data with and without base64 padding, with - and _ in it', () => {
    const text = 'Shipping? >>> ~~~ über 5€? ÿÿ';
    const unpadded = b64url(text);
    const padded = b64url(text, true);
    expect(unpadded).toMatch(/[-_]/);
    expect(padded.endsWith('=')).toBe(true);
    expect(unpadded.endsWith('=')).toBe(false);
    for (const data of [padded, unpadded]) {
      const part = { ...textPart('', 'text/plain', ''), body: { size: 0, data } };
      expect(gmailMessageToSignal(USER_ID, gmailMessage('m-b64', part)).data.bodyText).toBe(text);
    }
  });

  it('decodes RFC 2047 encoded-words in Subject, From and address lists', () => {
    // "Grüße aus Köln 🎉" in two B words that split "ö" between them.
    const subjectBytes = Buffer.from('Grüße aus Köln 🎉', 'utf8');
    const cut = subjectBytes.indexOf(0xc3, 12) + 1;
    const subject = `=?UTF-8?B?${subjectBytes.subarray(0, cut).toString('base64')}?=\r\n =?UTF-8?B?${subjectBytes.subarray(cut).toString('base64')}?=`;
    const message = gmailMessage('m-2047', textPart('', 'text/plain', 'x'), {
      headers: [
        header('Subject', subject),
        header('From', '=?ISO-8859-1?Q?Andr=E9_M=FCller?= <andre@example.de>'),
        header('To', '=?utf-8?q?Zo=C3=AB_Smith?= <zoe@example.com>, =?UTF-8?B?RG9lLCBKYW5l?= <jane@example.com>'),
        header('Cc', '=?iso-8859-1?q?caf=E9?= Owner <cafe@example.com>'),
      ],
    });
    const signal = gmailMessageToSignal(USER_ID, message);
    expectValid(signal);
    expect(signal.data.subject).toBe('Grüße aus Köln 🎉');
    expect(signal.data.from).toBe('André Müller <andre@example.de>');
    // The decoded comma in "Doe, Jane" does not split the entry.
    expect(signal.data.to).toEqual(['Zoë Smith <zoe@example.com>', '"Doe, Jane" <jane@example.com>']);
    expect(signal.data.cc).toEqual(['café Owner <cafe@example.com>']);
  });

  it('splits To and Cc at top-level commas only, and drops empty groups', () => {
    const message = gmailMessage('m-to', textPart('', 'text/plain', 'x'), {
      headers: [
        header('To', '"Doe, Jane" <jane@example.com>, bob@example.com,\r\n "Smith, J. (Sales)" <js@example.com>, Carl (work, main) <carl@example.com>'),
        header('Cc', 'undisclosed-recipients:;'),
      ],
    });
    const signal = gmailMessageToSignal(USER_ID, message);
    expectValid(signal);
    expect(signal.data.to).toEqual(['"Doe, Jane" <jane@example.com>', 'bob@example.com', '"Smith, J. (Sales)" <js@example.com>', 'Carl (work, main) <carl@example.com>']);
    expect(signal.data.cc).toEqual([]);
  });

  it('matches header names case-insensitively', () => {
    const part = { ...textPart('', 'text/plain', 'x'), headers: [header('content-type', 'text/plain; charset=utf-8')] };
    const message = gmailMessage('m-case', part, {});
    message.payload!.headers = [header('SUBJECT', 'Loud'), header('from', 'quiet@example.com'), header('TO', 'a@example.com'), header('list-unsubscribe', '<https://u.example.com>')];
    const signal = gmailMessageToSignal(USER_ID, message);
    expect(signal.data).toMatchObject({ subject: 'Loud', from: 'quiet@example.com', to: ['a@example.com'], listUnsubscribe: '<https://u.example.com>' });
  });

  it('still makes a valid signal when headers, snippet and internalDate are missing', () => {
    const message = gmailMessage('m-bare', textPart('', 'text/plain', 'only a body'));
    message.payload!.headers = [header('Date', 'Mon, 23 Nov 2026 18:00:00 -0500')];
    delete message.internalDate;
    delete message.snippet;
    delete message.labelIds;
    delete message.threadId;
    const signal = gmailMessageToSignal(USER_ID, message);
    expectValid(signal);
    expect(signal.occurredAt).toBe('2026-11-23T23:00:00.000Z');
    expect(signal.data).toMatchObject({ from: '', to: [], cc: [], subject: '', snippet: '', labels: [], threadId: 'm-bare', listUnsubscribe: null, bodyText: 'only a body' });
  });

  it('makes a valid signal from a message with nothing but an id, timed by the caller', () => {
    const now = new Date('2026-11-24T12:00:00Z');
    const signal = gmailMessageToSignal(USER_ID, { id: '18f0ffffffffffff' }, { now });
    expectValid(signal);
    expect(signal.occurredAt).toBe(now.toISOString());
    expect(signal.data['parseWarnings']).toEqual(['the message has no payload', 'no usable time: the time of reading is used']);
  });

  it('reports a message without an id instead of inventing one', () => {
    expect(() => gmailMessageToSignal(USER_ID, { threadId: 't', snippet: 'x' })).toThrow(UnusableItemError);
    expect(() => gmailMessageToSignal(USER_ID, { id: '   ' })).toThrow(/no id/);
  });

  it('caps a huge body at 32 KiB on a character boundary and says so', () => {
    // An emoji straddles the cap: cutting inside it would leave half a surrogate pair.
    const huge = `${'a'.repeat(32 * 1024 - 1)}😀${'b'.repeat(300_000)}`;
    const signal = gmailMessageToSignal(USER_ID, gmailMessage('m-huge', textPart('', 'text/plain', huge)));
    expectValid(signal);
    expect(signal.data.bodyText.length).toBe(32 * 1024 - 1);
    expect(signal.data.bodyText.endsWith('a')).toBe(true);
    expect(signal.data['bodyTruncated']).toBe(true);
    const smaller = gmailMessageToSignal(USER_ID, gmailMessage('m-huge', textPart('', 'text/plain', huge)), { maxBodyChars: 100 });
    expect(smaller.data.bodyText).toBe('a'.repeat(100));
    // The API's own limit wins over a larger request.
    const most = gmailMessageToSignal(USER_ID, gmailMessage('m-huge', textPart('', 'text/plain', huge)), { maxBodyChars: 10_000_000 });
    expect(most.data.bodyText.length).toBe(200_000);
    expectValid(most);
  });

  it('fits over-long headers into the API limits without losing the sender address', () => {
    const longName = 'N'.repeat(3000);
    const entries = Array.from({ length: 200 }, (_, i) => `<https://example.com/unsubscribe/${i}/${'x'.repeat(20)}>`).join(', ');
    const message = gmailMessage('m-long', textPart('', 'text/plain', 'x'), {
      headers: [
        header('From', `"${longName}" <sender@example.com>`),
        header('Subject', 'S'.repeat(9000)),
        header('To', Array.from({ length: 1500 }, (_, i) => `r${i}@example.com`).join(', ')),
        header('List-Unsubscribe', entries),
      ],
      labelIds: Array.from({ length: 300 }, (_, i) => `Label_${i}`),
    });
    const signal = gmailMessageToSignal(USER_ID, message);
    expectValid(signal);
    expect(signal.data.from.length).toBeLessThanOrEqual(1000);
    expect(signal.data.from.endsWith('<sender@example.com>')).toBe(true);
    expect(signal.data.to).toHaveLength(1000);
    expect(signal.data.labels).toHaveLength(200);
    expect(signal.data.listUnsubscribe!.length).toBeLessThanOrEqual(5000);
    expect(signal.data.listUnsubscribe!.endsWith('>')).toBe(true);
  });

  it('reads an unknown charset as UTF-8 with replacement characters and strips NUL', () => {
    const bytes = Uint8Array.from([...Buffer.from('ok '), 0xff, 0xfe, 0x00, ...Buffer.from(' done')]);
    const signal = gmailMessageToSignal(USER_ID, gmailMessage('m-unknown', textPart('', 'text/plain', bytes, 'x-made-up-8bit')));
    expectValid(signal);
    expect(signal.data.bodyText).toBe('ok \uFFFD\uFFFD done');
  });

  it('leaves the body empty when the text part was not inlined, and notes it', () => {
    const part = { ...textPart('', 'text/plain', ''), body: { size: 5_000_000, attachmentId: 'ANGjdJ9big' } };
    const signal = gmailMessageToSignal(USER_ID, gmailMessage('m-big', part));
    expectValid(signal);
    expect(signal.data.bodyText).toBe('');
    expect(signal.data['parseWarnings']).toEqual(['a text/plain part came without inline data']);
  });
});
