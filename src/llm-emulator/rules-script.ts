import { undelimit, type MailData } from '../llm/prompt.js';
import type { ChatRequest, LlmReply } from './replies.js';

// Enough of a model for the demo: picks a kind from the request's schema by keywords in the
// delimited mail, as a small local model would on easy mail. It reads only the data.
const KEYWORDS: [kind: string, words: readonly string[]][] = [
  ['security_alert', ['password', 'sign-in', 'security code', 'verify your account', 'suspicious']],
  ['subscription_renewal', ['renew', 'subscription', 'auto-renew']],
  ['receipt', ['receipt', 'invoice', 'order confirmation', 'payment received']],
  ['newsletter', ['newsletter', 'digest', 'weekly', 'issue #', 'unsubscribe']],
  ['promotion', ['% off', 'sale', 'discount', 'offer', 'deal']],
  ['notification', ['notification', 'reminder', 'your account', 'was updated', 'shipped']],
  ['work_request', ['could you', 'can you', 'please', 'deadline', 'review', 'by friday', 'asap']],
  ['personal', ['dinner', 'birthday', 'weekend', 'family', 'lunch', 'hi ', 'hey ']],
];

export function enumOf(schema: Record<string, unknown> | null, field: string): string[] {
  const properties = schema?.['properties'];
  const property = typeof properties === 'object' && properties !== null ? (properties as Record<string, unknown>)[field] : undefined;
  if (typeof property !== 'object' || property === null) return [];
  // Either {enum: [...]} or, as TypeBox writes a union of literals, {anyOf: [{const}, ...]}.
  const values = (property as Record<string, unknown>)['enum'];
  if (Array.isArray(values)) return values.map(String);
  const options = (property as Record<string, unknown>)['anyOf'];
  return Array.isArray(options) ? options.flatMap((o: unknown) => (typeof o === 'object' && o !== null && 'const' in o ? [String((o as { const: unknown }).const)] : [])) : [];
}

export function mailOf(request: ChatRequest): MailData | null {
  for (const message of [...request.messages].reverse()) {
    if (message.role !== 'user') continue;
    const mail = undelimit(message.content);
    if (mail !== null) return mail;
  }
  return null;
}

/** The default script: a keyword reading of the mail, or a short reply when the schema asks for a body. */
export function rulesLikeScript(request: ChatRequest): LlmReply {
  const mail = mailOf(request);
  if (hasProperty(request.schema, 'body') && mail !== null) return { kind: 'answer', content: { body: replyTo(mail) } };
  if (hasProperty(request.schema, 'summary')) return { kind: 'answer', content: { summary: summaryOf(request) } };
  const kinds = enumOf(request.schema, 'kind');
  if (mail === null || kinds.length === 0) return { kind: 'text', text: 'I need an email between <mail-data> markers and a schema with a kind enum.' };
  const text = `${mail.subject}\n${mail.body}`.toLowerCase();
  for (const [kind, words] of KEYWORDS) {
    if (!kinds.includes(kind)) continue;
    const word = words.find((w) => text.includes(w));
    if (word !== undefined) return { kind: 'answer', content: { kind, confidence: 0.7, reason: `mentions "${word.trim()}"` } };
  }
  const fallback = kinds.includes('personal') ? 'personal' : (kinds[0] ?? 'unknown');
  return { kind: 'answer', content: { kind: fallback, confidence: 0.4, reason: 'no telling keyword; reads like a note from a person' } };
}

function hasProperty(schema: Record<string, unknown> | null, field: string): boolean {
  const properties = schema?.['properties'];
  return typeof properties === 'object' && properties !== null && field in properties;
}

/** A plain reply a small model might write: greets the sender by first name, names the subject. */
function replyTo(mail: MailData): string {
  const name = /^\s*"?([\p{L}'-]+)[^<]*</u.exec(mail.from)?.[1] ?? '';
  const subject = mail.subject.trim() === '' ? 'your message' : `"${mail.subject.trim()}"`;
  return `${name === '' ? 'Hello' : `Hello ${name}`},\n\nThank you for writing about ${subject}. I have read it and will come back to you with an answer.\n\nKind regards`;
}

/** A briefing's summary: the rules' own sentence from the data, as a small model might echo it. */
function summaryOf(request: ChatRequest): string {
  const text = request.messages.findLast((m) => m.role === 'user')?.content ?? '';
  const match = /<briefing-data>\n(.*)\n<\/briefing-data>/.exec(text);
  try {
    const facts: unknown = JSON.parse(match?.[1] ?? 'null');
    const rules = typeof facts === 'object' && facts !== null ? (facts as Record<string, unknown>)['rulesSummary'] : undefined;
    return typeof rules === 'string' && rules !== '' ? `Good morning. ${rules}` : 'Good morning.';
  } catch {
    return 'Good morning.';
  }
}
