import { toBase64Url, type MimeNode } from '../mime/index.js';
import type { StoredMessage } from '../state/message.js';

export type MessageFormat = 'full' | 'metadata' | 'minimal' | 'raw';
export const MESSAGE_FORMATS: readonly MessageFormat[] = ['full', 'metadata', 'minimal', 'raw'];

export interface MessagePart {
  partId: string;
  mimeType: string;
  filename: string;
  headers: { name: string; value: string }[];
  body: { size: number; data?: string; attachmentId?: string };
  parts?: MessagePart[];
}

/** Attachment ids are opaque to clients; this one names the message and part it came from. */
export const attachmentIdOf = (messageId: string, partId: string): string => `AT${Buffer.from(`${messageId}/${partId}`).toString('base64url')}`;

export function partOfAttachmentId(attachmentId: string): { messageId: string; partId: string } | null {
  if (!attachmentId.startsWith('AT')) return null;
  const [messageId, partId] = Buffer.from(attachmentId.slice(2), 'base64url').toString('utf8').split('/');
  return messageId !== undefined && partId !== undefined ? { messageId, partId } : null;
}

/** Gmail numbers parts 0, 1, … under the root ("") and 0.0, 0.1, … below. */
function partResource(node: MimeNode, partId: string, messageId: string): MessagePart {
  const part: MessagePart = {
    partId,
    mimeType: node.mimeType,
    filename: node.filename,
    headers: node.headers.map((h) => ({ name: h.name, value: h.value })),
    body: { size: 0 },
  };
  if (node.parts.length > 0) {
    part.parts = node.parts.map((child, index) => partResource(child, partId === '' ? String(index) : `${partId}.${index}`, messageId));
  } else if (node.filename !== '') {
    part.body = { attachmentId: attachmentIdOf(messageId, partId), size: node.body.length };
  } else if (node.body.length > 0) {
    part.body = { size: node.body.length, data: toBase64Url(node.body) };
  }
  return part;
}

/** The leaf a partId names, for attachments.get. */
export function findPart(root: MimeNode, partId: string): MimeNode | null {
  if (partId === '') return root;
  let node: MimeNode | undefined = root;
  for (const index of partId.split('.')) node = node?.parts[Number(index)];
  return node ?? null;
}

/** The Message resource in the requested format, fields in the order Gmail writes them. */
export function messageResource(message: StoredMessage, format: MessageFormat, metadataHeaders: readonly string[] = []): Record<string, unknown> {
  const resource: Record<string, unknown> = {
    id: message.id,
    threadId: message.threadId,
    labelIds: [...message.labelIds],
    snippet: message.snippet,
  };
  if (format === 'full') {
    resource.payload = partResource(message.root, '', message.id);
  } else if (format === 'metadata') {
    const wanted = metadataHeaders.map((h) => h.toLowerCase());
    resource.payload = {
      partId: '',
      mimeType: message.root.mimeType,
      filename: '',
      headers: message.root.headers.filter((h) => wanted.length === 0 || wanted.includes(h.name.toLowerCase())).map((h) => ({ name: h.name, value: h.value })),
      body: { size: 0 },
    };
  }
  resource.sizeEstimate = message.raw.length;
  if (format === 'raw') resource.raw = toBase64Url(message.raw);
  resource.historyId = String(message.historyId);
  resource.internalDate = String(message.internalDate);
  return resource;
}

/** Keyset page tokens: digits like Gmail's, naming the last item's date and arrival order. */
export function pageTokenAfter(message: StoredMessage): string {
  return `${message.internalDate}${String(message.seq).padStart(10, '0')}`;
}

export function pageStart(messages: readonly StoredMessage[], token: string | undefined): number | null {
  if (token === undefined || token === '') return 0;
  const m = /^(\d+)(\d{10})$/.exec(token);
  if (!m) return null;
  const date = Number(m[1]);
  const seq = Number(m[2]);
  const index = messages.findIndex((x) => x.internalDate < date || (x.internalDate === date && x.seq < seq));
  return index < 0 ? messages.length : index;
}
