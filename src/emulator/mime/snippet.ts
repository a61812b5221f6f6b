import { leafText, leaves, type MimeNode } from './parse.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', nbsp: ' ', apos: "'" };

/** Visible text of an HTML body: tags, scripts and styles gone, entities decoded. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style|head)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<br\s*\/?>|<\/(p|div|li|tr|h\d)>/gi, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(#\d+|#x[0-9a-f]+|\w+);/gi, (whole, code: string) => {
      if (code.startsWith('#x') || code.startsWith('#X')) return String.fromCodePoint(parseInt(code.slice(2), 16));
      if (code.startsWith('#')) return String.fromCodePoint(Number(code.slice(1)));
      return NAMED[code.toLowerCase()] ?? whole;
    });
}

/** The readable text of a message: the first text/plain leaf, else the first text/html leaf. */
export function bodyText(root: MimeNode): string {
  const all = leaves(root).filter((leaf) => leaf.filename === '');
  const plain = all.find((leaf) => leaf.mimeType === 'text/plain');
  if (plain) return leafText(plain);
  const html = all.find((leaf) => leaf.mimeType === 'text/html');
  return html ? htmlToText(leafText(html)) : '';
}

/** Gmail's snippet: whitespace collapsed, cut near 200 characters, HTML-escaped. */
export function snippetOf(root: MimeNode): string {
  const text = bodyText(root).replace(/\s+/g, ' ').trim();
  const cut = text.length > 200 ? text.slice(0, 200).replace(/\s+\S*$/, '') : text;
  return cut.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}
