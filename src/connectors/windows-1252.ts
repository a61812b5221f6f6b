// Node's TextDecoder reads windows-1252 (and so iso-8859-1, which WHATWG maps to it) as plain
// Latin-1, turning 0x80–0x9F into C1 controls instead of € “ ” – … . This table fixes those bytes.

const HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

export function windows1252Char(byte: number): string {
  return String.fromCharCode(byte >= 0x80 && byte <= 0x9f ? (HIGH[byte - 0x80] as number) : byte);
}

export function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  for (let start = 0; start < bytes.length; start += 8192) {
    text += String.fromCharCode(...Array.from(bytes.subarray(start, start + 8192), (byte) => windows1252Char(byte).charCodeAt(0)));
  }
  return text;
}
