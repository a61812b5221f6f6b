import { decodeEntities } from './html-entities.js';

// Elements whose content is not shown as text.
const HIDDEN = new Set(['script', 'style', 'head', 'template', 'title', 'noscript', 'object']);
// Elements that start a new line.
const LINE = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'center', 'dd', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure',
  'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'pre', 'section',
  'table', 'tbody', 'thead', 'tfoot', 'tr', 'ul',
]);
// Elements separated from what follows by an empty line.
const PARAGRAPH = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'table']);
const CELL = new Set(['td', 'th']);

interface Tag {
  name: string;
  closing: boolean;
  selfClosing: boolean;
  /** Index just past the `>`, or the input length when the tag is never closed. */
  end: number;
}

/** Reads the tag starting at `start` (which holds `<`), honouring quoted attribute values. */
function readTag(html: string, start: number): Tag {
  let i = start + 1;
  const closing = html[i] === '/';
  if (closing) i += 1;
  const nameStart = i;
  while (i < html.length && /[A-Za-z0-9:-]/.test(html[i] ?? '')) i += 1;
  const name = html.slice(nameStart, i).toLowerCase();
  let quote: string | null = null;
  let afterEquals = false;
  for (; i < html.length; i += 1) {
    const char = html[i];
    if (quote !== null) {
      if (char === quote) quote = null;
      continue;
    }
    if (char === '>') return { name, closing, selfClosing: html[i - 1] === '/', end: i + 1 };
    if ((char === '"' || char === "'") && afterEquals) quote = char;
    if (char === '=') afterEquals = true;
    else if (char !== ' ' && char !== '\t' && char !== '\n' && char !== '\r') afterEquals = false;
  }
  return { name, closing, selfClosing: false, end: html.length };
}

/** Index just past the end tag of `name` at or after `from`, or the input length. */
function skipContent(html: string, name: string, from: number): number {
  const pattern = new RegExp(`</${name}[\\s/>]`, 'gi');
  pattern.lastIndex = from;
  const match = pattern.exec(html);
  if (!match) return html.length;
  return readTag(html, match.index).end;
}

function breakFor(tag: Tag): string {
  if (CELL.has(tag.name)) return tag.closing ? '' : ' ';
  if (PARAGRAPH.has(tag.name)) return '\n\n';
  if (tag.name === 'li') return tag.closing ? '' : '\n- ';
  return LINE.has(tag.name) ? '\n' : '';
}

/** Tidies the text runs: single spaces within lines, no blank line runs, trimmed ends. */
function tidy(text: string): string {
  return text
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((line) => line.replace(/[ \t\f\v]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+|\n+$/g, '')
    .replace(/^- $/gm, '');
}

/**
 * HTML to readable text: scripts, styles and comments dropped, tags removed with line breaks where
 * blocks end, character references decoded, whitespace collapsed. A linear scan, so hostile or huge
 * markup costs time proportional to its size.
 */
export function htmlToText(html: string): string {
  const out: string[] = [];
  const pushText = (raw: string) => {
    if (raw !== '') out.push(decodeEntities(raw.replace(/[\t\n\r\f ]+/g, ' ')));
  };
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt === -1) {
      pushText(html.slice(i));
      break;
    }
    pushText(html.slice(i, lt));
    const next = html[lt + 1] ?? '';
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end === -1 ? html.length : end + 3;
    } else if (next === '!' || next === '?') {
      const end = html.indexOf('>', lt);
      i = end === -1 ? html.length : end + 1;
    } else if (/[A-Za-z]/.test(next) || (next === '/' && /[A-Za-z]/.test(html[lt + 2] ?? ''))) {
      const tag = readTag(html, lt);
      i = !tag.closing && !tag.selfClosing && HIDDEN.has(tag.name) ? skipContent(html, tag.name, tag.end) : tag.end;
      const separator = breakFor(tag);
      if (separator !== '') out.push(separator);
    } else {
      out.push('<');
      i = lt + 1;
    }
  }
  return tidy(out.join(''));
}
