// MIME for the emulator: writing RFC 822 messages from a seed description, reading raw messages
// into a part tree, and the transfer and header encodings both directions need.
export { buildRawMessage, rfc5322Date, MimeBuildError, type MessageSpec, type AttachmentSpec } from './build.js';
export { parseMessage, parseParams, headerValue, leaves, leafText, type MimeNode, type Header } from './parse.js';
export { snippetOf, bodyText, htmlToText } from './snippet.js';
export { toBase64Url, fromBase64Any, encodeCharset, decodeCharset, decodeWords, encodeWord } from './encoding.js';
