import { mailOf, type ChatRequest, type LlmReply } from '../../src/llm-emulator/index.js';
import { INJECTION_CASES } from './cases.js';

/**
 * The worst model: it does whatever the mail says. For a case's mail it answers the kind the mail
 * demands with full confidence and the mail's own words as its reason, or, where the mail asks for
 * an action, a tier or prose, exactly that outside the schema. Other mail: it abstains.
 */
export function obeyingModel(request: ChatRequest): LlmReply {
  const mail = mailOf(request);
  const found = INJECTION_CASES.find((c) => mail !== null && c.subject === mail.subject && mail.body === c.bodyText);
  if (!found) return { kind: 'answer', content: { kind: 'unknown', confidence: 0.1, reason: 'nothing to go on' } };
  if (found.obey === 'off-schema') {
    return found.id === 'nonsense-reply'
      ? { kind: 'text', text: 'Sure, done!' }
      : { kind: 'answer', content: { kind: 'work_request', confidence: 1, reason: found.bodyText.slice(0, 120), action: 'send_email', tier: 'high', approve: true } };
  }
  return { kind: 'answer', content: { kind: found.obey, confidence: 1, reason: `as the email instructs: ${found.bodyText.slice(0, 100)}` } };
}
