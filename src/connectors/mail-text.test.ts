import { describe, expect, it } from 'vitest';
import { splitAddressList } from './address-list.js';
import { decodeBase64Url } from './base64url.js';
import { decodeBytes, parseContentType } from './charset.js';
import { decodeEncodedWords } from './encoded-words.js';
import { decodeEntities, LATIN1_ENTITY_COUNT } from './html-entities.js';
import { htmlToText } from './html-text.js';
import { cleanText, fitAddress, fitListUnsubscribe, truncate } from './text.js';

describe('decodeEncodedWords', () => {
  it('decodes B and Q words, with underscores as spaces and lower-case markers', () => {
    expect(decodeEncodedWords('=?UTF-8?B?8J+OiSBQYXJ0eQ==?=')).toBe('🎉 Party');
    expect(decodeEncodedWords('=?ISO-8859-1?Q?Caf=E9_=26_Cr=E8me?=')).toBe('Café & Crème');
    expect(decodeEncodedWords('=?utf-8?q?na=C3=AFve?= text')).toBe('naïve text');
  });

  it('joins adjacent words without the whitespace between them, but keeps other text', () => {
    expect(decodeEncodedWords('=?UTF-8?Q?a?= =?UTF-8?Q?b?=\r\n =?ISO-8859-1?Q?c?= and =?UTF-8?Q?d?=')).toBe('abc and d');
  });

  it('keeps a language suffix out of the charset and leaves malformed words as written', () => {
    expect(decodeEncodedWords('=?UTF-8*en?Q?Hello?=')).toBe('Hello');
    expect(decodeEncodedWords('=?UTF-8?X?abc?= =?broken')).toBe('=?UTF-8?X?abc?= =?broken');
    expect(decodeEncodedWords('plain subject')).toBe('plain subject');
  });

  it('decodes an unknown charset as UTF-8', () => {
    expect(decodeEncodedWords('=?x-nonsense?Q?ok=C3=A9?=')).toBe('oké');
  });
});

describe('splitAddressList', () => {
  it('ignores commas in quotes, escaped quotes, angle brackets and comments', () => {
    expect(splitAddressList('"Last, First \\"Nick\\"" <a@x.com>, <b@x.com>, c@x.com (Team, Ops), "x,y"@odd.com')).toEqual([
      '"Last, First \\"Nick\\"" <a@x.com>',
      '<b@x.com>',
      'c@x.com (Team, Ops)',
      '"x,y"@odd.com',
    ]);
  });

  it('quotes a decoded display name that holds specials, and leaves a plain one bare', () => {
    expect(splitAddressList('=?UTF-8?B?RG9lLCBKYW5l?= <jane@x.com>, =?UTF-8?Q?Zo=C3=AB?= <zoe@x.com>, "=?UTF-8?Q?a=22b?=" <q@x.com>')).toEqual([
      '"Doe, Jane" <jane@x.com>',
      'Zoë <zoe@x.com>',
      '"a\\"b" <q@x.com>',
    ]);
  });

  it('rejoins a display name that arrived decoded with a bare comma, and quotes it', () => {
    expect(splitAddressList('Müller, André <andre@x.de>, bob@x.com, Ops, Team <ops@x.com>')).toEqual([
      '"Müller, André" <andre@x.de>',
      'bob@x.com',
      '"Ops, Team" <ops@x.com>',
    ]);
    expect(splitAddressList('bob@x.com, trailing words')).toEqual(['bob@x.com', 'trailing words']);
  });

  it('yields the members of a group and nothing for an empty group', () => {
    expect(splitAddressList('Team: a@x.com, "B, C" <b@x.com>; d@x.com')).toEqual(['a@x.com', '"B, C" <b@x.com>', 'd@x.com']);
    expect(splitAddressList('undisclosed-recipients:;')).toEqual([]);
    expect(splitAddressList(' , ,')).toEqual([]);
  });
});

describe('htmlToText', () => {
  it('keeps a > inside a quoted attribute from ending the tag', () => {
    expect(htmlToText('<img alt="a > b" src="x.png">after')).toBe('after');
    expect(htmlToText("<a title='1 > 0'>link</a> text")).toBe('link text');
  });

  it('drops unclosed scripts and comments to the end, and keeps a stray < as text', () => {
    expect(htmlToText('before<script>never closed')).toBe('before');
    expect(htmlToText('before<!-- never closed')).toBe('before');
    expect(htmlToText('1 < 2 and 3 > 2')).toBe('1 < 2 and 3 > 2');
  });

  it('handles upper-case tags, self-closing breaks and nested hidden elements', () => {
    expect(htmlToText('<P>One<BR/>Two</P><STYLE>x{}</STYLE><Div>Three</Div>')).toBe('One\nTwo\n\nThree');
  });

  it('stays linear on hostile input', () => {
    const started = Date.now();
    const text = htmlToText(`<a ${'x='.repeat(200_000)}`.concat('<'.repeat(200_000), '<!'.repeat(100_000)));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(typeof text).toBe('string');
  });
});

describe('decodeEntities', () => {
  it('knows the whole Latin-1 set, numeric references and windows-1252 numbers', () => {
    expect(LATIN1_ENTITY_COUNT).toBe(96);
    expect(decodeEntities('&yuml;&nbsp;&Agrave;&divide;')).toBe('ÿ\u00a0À÷');
    expect(decodeEntities('&#39;&#x2019;&#8364;&#150;&#0;&#xD800;&#x110000;')).toBe("'’€–\uFFFD\uFFFD\uFFFD");
  });

  it('leaves unknown names and references without a semicolon alone', () => {
    expect(decodeEntities('&bogus; a=1&copy=2 &amp')).toBe('&bogus; a=1&copy=2 &amp');
  });
});

describe('byte and text utilities', () => {
  it('decodes base64url with or without padding and tolerates standard base64 and whitespace', () => {
    const expected = Buffer.from([0xfb, 0xff, 0xbf, 0x41]);
    for (const data of ['-_-_QQ', '-_-_QQ==', '+/+/QQ==', '-_-_\r\nQQ']) expect(Buffer.from(decodeBase64Url(data))).toEqual(expected);
  });

  it('parses Content-Type parameters, quoted or not', () => {
    expect(parseContentType('Text/HTML; Charset="ISO-8859-1"; format=flowed')).toEqual({ mimeType: 'text/html', params: { charset: 'ISO-8859-1', format: 'flowed' } });
    expect(parseContentType(null)).toEqual({ mimeType: '', params: {} });
  });

  it('reads Latin-1 labels as windows-1252 and common misspellings of charsets', () => {
    expect(decodeBytes(Uint8Array.of(0x80, 0xe9), 'latin1')).toBe('€é');
    expect(decodeBytes(Uint8Array.of(0x93, 0x94), '"cp-1252"')).toBe('“”');
    expect(decodeBytes(Uint8Array.of(0xa4), 'iso-8859-15')).toBe('€');
    expect(decodeBytes(Buffer.from('Привет', 'utf8'), 'UTF8')).toBe('Привет');
  });

  it('cleans control characters and lone surrogates, keeps tabs and newlines', () => {
    expect(cleanText('a\u0000b\r\nc\rd\te\u0007\uD800f\uDC00')).toBe('ab\nc\nd\te\uFFFDf\uFFFD');
  });

  it('truncates without splitting a surrogate pair', () => {
    expect(truncate('ab😀', 3)).toEqual({ text: 'ab', truncated: true });
    expect(truncate('ab😀', 4)).toEqual({ text: 'ab😀', truncated: false });
  });

  it('fits an address and a List-Unsubscribe value by whole parts', () => {
    expect(fitAddress(`"${'n'.repeat(50)}" <a@x.com>`, 30)).toBe(`"${'n'.repeat(18)}" <a@x.com>`);
    expect(fitListUnsubscribe('<mailto:a@x.com>, <https://x.com/unsubscribe/123>', 30)).toBe('<mailto:a@x.com>');
  });
});
