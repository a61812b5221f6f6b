import { decodeBase64Url } from './base64url.js';
import { decodeBytes, parseContentType } from './charset.js';
import type { GmailMessagePart } from './gmail-wire.js';
import { htmlToText } from './html-text.js';

export interface MessageBody {
  text: string;
  format: 'plain' | 'html' | 'none';
  warnings: string[];
}

export function headerOf(part: GmailMessagePart, name: string): string | null {
  const wanted = name.toLowerCase();
  const found = (part.headers ?? []).find((header) => typeof header?.name === 'string' && header.name.toLowerCase() === wanted);
  return typeof found?.value === 'string' ? found.value : null;
}

function mimeTypeOf(part: GmailMessagePart): string {
  const declared = typeof part.mimeType === 'string' ? part.mimeType.trim().toLowerCase() : '';
  return declared || parseContentType(headerOf(part, 'Content-Type')).mimeType || 'text/plain';
}

function isAttachment(part: GmailMessagePart): boolean {
  if (typeof part.filename === 'string' && part.filename !== '') return true;
  return /^\s*attachment\b/i.test(headerOf(part, 'Content-Disposition') ?? '');
}

/** The text parts in reading order, attachments skipped, nested multiparts walked depth first. */
function textParts(part: GmailMessagePart, found: { plain: GmailMessagePart[]; html: GmailMessagePart[] }, depth: number): void {
  if (depth > 32) return;
  const type = mimeTypeOf(part);
  const children = Array.isArray(part.parts) ? part.parts : [];
  if (type.startsWith('multipart/') || (children.length > 0 && !type.startsWith('text/'))) {
    for (const child of children) if (child && typeof child === 'object') textParts(child, found, depth + 1);
    return;
  }
  if (isAttachment(part)) return;
  if (type === 'text/plain') found.plain.push(part);
  else if (type === 'text/html') found.html.push(part);
}

function decodePart(part: GmailMessagePart, warnings: string[]): string | null {
  const data = part.body?.data;
  if (typeof data !== 'string') {
    if (typeof part.body?.attachmentId === 'string') warnings.push(`a ${mimeTypeOf(part)} part came without inline data`);
    return null;
  }
  const charset = parseContentType(headerOf(part, 'Content-Type')).params['charset'];
  return decodeBytes(decodeBase64Url(data), charset);
}

function firstDecoded(parts: GmailMessagePart[], warnings: string[]): string | null {
  for (const part of parts) {
    const text = decodePart(part, warnings);
    if (text !== null) return text;
  }
  return null;
}

/** The readable body: the first inline text/plain part, else the first text/html part as text. */
export function messageBody(payload: GmailMessagePart | undefined): MessageBody {
  const warnings: string[] = [];
  if (!payload || typeof payload !== 'object') return { text: '', format: 'none', warnings: ['the message has no payload'] };
  const found = { plain: [] as GmailMessagePart[], html: [] as GmailMessagePart[] };
  textParts(payload, found, 0);
  const plain = firstDecoded(found.plain, warnings);
  if (plain !== null) return { text: plain, format: 'plain', warnings };
  const html = firstDecoded(found.html, warnings);
  if (html !== null) return { text: htmlToText(html), format: 'html', warnings };
  return { text: '', format: 'none', warnings };
}
