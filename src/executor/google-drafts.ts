import { isTransientGoogleError, type GmailApi } from '../google/index.js';
import type { OutboxAction } from '../store/index.js';
import { ActionParameterError } from './action-errors.js';

/** The Message-ID SkyTwin gives the draft of an action: how a repeated run finds it. */
export function draftMarker(actionId: string): string {
  return `<skytwin-${actionId}@skytwin.local>`;
}

/**
 * Creates the reply draft of an action at most once, even across crashes: look for a draft with
 * the action's Message-ID first, and after an answer that leaves it unknown whether Gmail
 * created it (timeout, dropped connection, 5xx), look again before giving up.
 */
export async function createDraftOnce(gmail: GmailApi, action: OutboxAction) {
  const marker = draftMarker(action.id);
  const found = await findDraft(gmail, marker);
  if (found) return { draftId: found, marker, reused: true };
  const p = action.parameters;
  const messageId = stringParam(p, 'messageId');
  const original = await gmail.messages.get(messageId, { format: 'metadata', metadataHeaders: ['Message-ID', 'References', 'Subject'] });
  const header = (name: string) => original.payload?.headers?.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value ?? null;
  const to = Array.isArray(p['to']) ? p['to'].filter((value): value is string => typeof value === 'string') : [];
  const subject = typeof p['subject'] === 'string' ? p['subject'] : `Re: ${header('Subject') ?? ''}`;
  const raw = replyMessage({
    to,
    subject,
    body: typeof p['body'] === 'string' ? p['body'] : '',
    marker,
    inReplyTo: header('Message-ID'),
    references: header('References'),
  });
  try {
    const draft = await gmail.drafts.create({ raw, threadId: original.threadId ?? stringParam(p, 'threadId') });
    return { draftId: draft.id, marker, reused: false };
  } catch (error) {
    if (isTransientGoogleError(error) && error.kind !== 'rate_limited') {
      const late = await findDraft(gmail, marker);
      if (late) return { draftId: late, marker, reused: true };
    }
    throw error;
  }
}

export async function deleteDraft(gmail: GmailApi, draftId: string) {
  await gmail.drafts.delete(draftId);
  return { draftId, deleted: true };
}

export async function findDraft(gmail: GmailApi, marker: string): Promise<string | null> {
  const list = await gmail.drafts.list({ q: `rfc822msgid:${marker}`, maxResults: 1 });
  return list.drafts?.[0]?.id ?? null;
}

/** An RFC 2822 reply, base64url-encoded as Gmail takes it; non-ASCII survives as UTF-8 in base64. */
export function replyMessage(input: { to: string[]; subject: string; body: string; marker: string; inReplyTo: string | null; references: string | null }): string {
  const lines = [
    ...(input.to.length > 0 ? [`To: ${input.to.map(headerSafe).join(', ')}`] : []),
    `Subject: ${encodeWord(headerSafe(input.subject))}`,
    `Message-ID: ${input.marker}`,
    ...(input.inReplyTo ? [`In-Reply-To: ${headerSafe(input.inReplyTo)}`, `References: ${headerSafe([input.references, input.inReplyTo].filter(Boolean).join(' '))}`] : []),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset="UTF-8"',
    'Content-Transfer-Encoding: base64',
    '',
    (Buffer.from(input.body, 'utf8').toString('base64').match(/.{1,76}/g) ?? []).join('\r\n'),
  ];
  return Buffer.from(lines.join('\r\n'), 'utf8').toString('base64url');
}

/** Header values are one line: a newline in a subject must not become a header of its own. */
function headerSafe(value: string): string {
  return value.replace(/[\r\n]+/g, ' ');
}

function encodeWord(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}

function stringParam(parameters: Record<string, unknown>, key: string): string {
  const value = parameters[key];
  if (typeof value !== 'string' || value === '') throw new ActionParameterError(`the action has no ${key}`);
  return value;
}
