import { describe, expect, it } from 'vitest';
import { buildRawMessage, type MessageSpec } from './build.js';
import { decodeQuotedPrintable, decodeWords, encodeQuotedPrintable, fromBase64Any } from './encoding.js';
import { headerValue, leafText, leaves, parseMessage, parseParams } from './parse.js';
import { htmlToText, snippetOf } from './snippet.js';

const spec = (overrides: Partial<MessageSpec> = {}): MessageSpec => {
  let n = 0;
  return {
    from: 'Zoë Ångström <zoe@example.com>',
    to: ['ann@example.com'],
    cc: [],
    subject: 'Grüße — café',
    text: 'Line one\nLine two with ümlaut',
    html: '<p>Line one</p>',
    date: new Date('2026-11-24T09:12:44Z'),
    messageId: '<abc@example.com>',
    headers: [['List-Unsubscribe', '<mailto:u@example.com>']],
    layout: 'alternative',
    charset: 'UTF-8',
    attachments: [],
    boundary: () => `b${(n += 1)}`,
    ...overrides,
  };
};

describe('building and reading messages', () => {
  it('round-trips headers (RFC 2047), alternative parts and quoted-printable bodies', () => {
    const raw = buildRawMessage(spec());
    const text = raw.toString('latin1');
    expect(text).toMatch(/^From: =\?UTF-8\?B\?[^?]+\?= <zoe@example.com>\r\n/);
    expect(text).toContain('Date: Tue, 24 Nov 2026 09:12:44 +0000\r\n');
    expect(/[^\x00-\x7f]/.test(text)).toBe(false);
    const root = parseMessage(raw);
    expect(headerValue(root.headers, 'subject')).toBe('Grüße — café');
    expect(headerValue(root.headers, 'From')).toBe('Zoë Ångström <zoe@example.com>');
    expect(root.mimeType).toBe('multipart/alternative');
    expect(leaves(root).map((l) => l.mimeType)).toEqual(['text/plain', 'text/html']);
    expect(leafText(leaves(root)[0]!)).toBe('Line one\r\nLine two with ümlaut');
  });

  it('writes mixed messages with base64 attachments and Latin-1 bodies', () => {
    const raw = buildRawMessage(spec({ layout: 'mixed', html: null, charset: 'ISO-8859-1', attachments: [{ filename: 'a.bin', mimeType: 'application/octet-stream', content: Buffer.from([0, 1, 2, 255]) }] }));
    const root = parseMessage(raw);
    expect(root.mimeType).toBe('multipart/mixed');
    const [body, attachment] = leaves(root);
    expect(body?.params.charset).toBe('ISO-8859-1');
    expect(body?.body.toString('latin1')).toBe('Line one\r\nLine two with ümlaut');
    expect(attachment?.filename).toBe('a.bin');
    expect([...(attachment?.body ?? [])]).toEqual([0, 1, 2, 255]);
  });

  it('refuses text a charset cannot carry', () => {
    expect(() => buildRawMessage(spec({ charset: 'US-ASCII' }))).toThrow(/charset/);
  });
});

describe('encodings', () => {
  it('quoted-printable keeps lines under 76 characters and round-trips bytes', () => {
    const bytes = Buffer.from(`${'x'.repeat(200)}=é\r\nnext`, 'utf8');
    const encoded = encodeQuotedPrintable(bytes);
    for (const line of encoded.split('\r\n')) expect(line.length).toBeLessThanOrEqual(76);
    expect(decodeQuotedPrintable(encoded).equals(bytes)).toBe(true);
  });

  it('decodes Q and B encoded words in other charsets and joins adjacent words', () => {
    expect(decodeWords('=?ISO-8859-1?Q?J=F6rg_M=FCller?= <j@example.de>')).toBe('Jörg Müller <j@example.de>');
    expect(decodeWords('=?UTF-8?B?w7w=?= =?UTF-8?B?w7w=?=')).toBe('üü');
  });

  it('reads parameters with quotes and RFC 2231 names', () => {
    expect(parseParams('Text/Plain; charset="utf-8"; format=flowed')).toEqual({ value: 'text/plain', params: { charset: 'utf-8', format: 'flowed' } });
    expect(parseParams("attachment; filename*=UTF-8''na%C3%AFve.txt").params.filename).toBe('naïve.txt');
  });

  it('accepts base64url and standard base64 with or without padding', () => {
    expect(fromBase64Any('aGk_Pz4-')?.toString()).toBe('hi??>>');
    expect(fromBase64Any('aGk/Pz4+')?.toString()).toBe('hi??>>');
    expect(fromBase64Any('aGk=')?.toString()).toBe('hi');
    expect(fromBase64Any('not base64!')).toBeNull();
  });
});

describe('snippets', () => {
  it('uses the plain part, collapses whitespace, cuts near 200 characters and escapes HTML', () => {
    const root = parseMessage(buildRawMessage(spec({ text: `Tom's  "deal"\n\n& <more> ${'word '.repeat(60)}`, html: null })));
    const snippet = snippetOf(root);
    expect(snippet.startsWith('Tom&#39;s &quot;deal&quot; &amp; &lt;more&gt; word')).toBe(true);
    expect(snippet.length).toBeLessThanOrEqual(240);
    expect(snippet.endsWith('word')).toBe(true);
  });

  it('falls back to the visible text of HTML', () => {
    expect(htmlToText('<style>p{}</style><p>Hi&nbsp;there&#33;</p>').trim()).toBe('Hi there!');
  });
});
