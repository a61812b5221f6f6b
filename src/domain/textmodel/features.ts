import type { EmailSignal, SituationKind } from '../types.js';

/** Words at most per message: a long mail weighs no more than a short one and stays cheap to read. */
export const MAX_TOKENS_PER_MESSAGE = 40;
/** Characters of the body read: the opening says what a mail is; signatures and footers repeat. */
const BODY_CHARS = 2000;
const MIN_TOKEN = 3;
const MAX_TOKEN = 24;

/** Words too common in mail to say anything about it (English, plus mail boilerplate). */
const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'the and for you your are was were this that with from have has had not but all any can our out its ' +
    'who what when where why how will would should could there their they them then than too very just ' +
    'about into over also more most some such only own same other which while been being here hers him his ' +
    'she her one two per via off yes get got let may might must now new use using each both few nor ' +
    'http https www com html nbsp amp quot mailto'
  ).split(' '),
);

const WORD = /[\p{L}\p{N}]+/gu;
const TAG = /<[^>]*>/g;
const SKIPPED_LABELS: ReadonlySet<string> = new Set(['inbox', 'unread']);

function words(text: string, into: Set<string>, limit: number): void {
  for (const match of text.toLowerCase().matchAll(WORD)) {
    if (into.size >= limit) return;
    const word = match[0];
    if (word.length < MIN_TOKEN || word.length > MAX_TOKEN) continue;
    if (STOP_WORDS.has(word) || /^\d+$/.test(word)) continue;
    into.add(`t:${word}`);
  }
}

function addressParts(from: string): { address: string; domain: string } | null {
  const bracketed = /<([^<>\s]+@[^<>\s]+)>/.exec(from);
  const raw = bracketed?.[1] ?? /[^\s<>"]+@[^\s<>"]+/.exec(from)?.[0];
  if (raw === undefined) return null;
  const address = raw.toLowerCase();
  const domain = address.slice(address.lastIndexOf('@') + 1);
  return domain === '' ? null : { address, domain };
}

/**
 * What the text model reads of one mail, as a set of feature names (each at most once): the
 * sender ("from:"), its domain ("dom:"), Gmail labels but INBOX and UNREAD ("lab:"), a
 * List-Unsubscribe header ("unsub"), what the interpreter made of it ("kind:") and the words of
 * the subject and the body's opening ("t:"), lower-cased, without stop words, at most 40.
 */
export function mailFeatures(signal: EmailSignal, kind: SituationKind): string[] {
  const data = signal.data;
  const features: string[] = [`kind:${kind}`];
  const sender = addressParts(typeof data.from === 'string' ? data.from : '');
  if (sender) features.push(`from:${sender.address}`, `dom:${sender.domain}`);
  const labels = Array.isArray(data.labels) ? data.labels : [];
  for (const label of labels) {
    if (typeof label !== 'string') continue;
    const name = label.toLowerCase();
    if (name !== '' && !SKIPPED_LABELS.has(name) && !features.includes(`lab:${name}`)) features.push(`lab:${name}`);
  }
  if (typeof data.listUnsubscribe === 'string' && data.listUnsubscribe.trim() !== '') features.push('unsub');
  const tokens = new Set<string>();
  words(typeof data.subject === 'string' ? data.subject : '', tokens, MAX_TOKENS_PER_MESSAGE);
  const body = typeof data.bodyText === 'string' ? data.bodyText.slice(0, BODY_CHARS).replace(TAG, ' ') : '';
  words(body, tokens, MAX_TOKENS_PER_MESSAGE);
  features.push(...tokens);
  return features;
}
