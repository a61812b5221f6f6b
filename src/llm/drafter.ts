import { Type } from '@sinclair/typebox';
import type { DraftAdvice } from '../domain/index.js';
import type { LlmClient } from './client.js';
import { DRAFT_PROMPT_VERSION, draftMessages, type DraftRequest } from './draft-prompt.js';
import { isLlmError } from './errors.js';

/** The one thing a model may give for a reply: its body, as text. */
export const DraftSchema = Type.Object({ body: Type.String({ minLength: 1, maxLength: 6_000 }) }, { additionalProperties: false });

/** Longest draft body kept; a longer one is cut at a word. */
export const DRAFT_BODY_LIMIT = 2_000;

export type WrittenDraft = NonNullable<DraftAdvice['written']>;

/** Asks a model to write a reply's text; never throws, a failure is an answer too. */
export interface ReplyDrafter {
  readonly model: string;
  readonly promptVersion: string;
  /** Calls one ingest request makes at the same time. */
  readonly concurrency: number;
  /** How long one ingest request may spend on models (readings and drafts together). */
  readonly budgetMs: number;
  write(request: DraftRequest): Promise<WrittenDraft>;
}

export function createReplyDrafter(client: LlmClient, concurrency: number, budgetMs = 15_000): ReplyDrafter {
  return {
    model: client.model,
    promptVersion: DRAFT_PROMPT_VERSION,
    concurrency,
    budgetMs,
    async write(request) {
      try {
        const answer = await client.complete(draftMessages(request), DraftSchema, 'reply_draft');
        const body = plainDraft(answer.body);
        return body === '' ? { failure: 'nonsense' } : { body };
      } catch (error) {
        if (isLlmError(error)) return { failure: error.failure };
        throw error;
      }
    },
  };
}

// Invisible characters that could hide text from the person approving: zero-width, bidi controls, BOM.
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * The model's text as a plain-text email body: no HTML tags or entities, no Markdown fence or
 * emphasis markers, no invisible or control characters, at most two line breaks in a row, and at
 * most `limit` characters. '' when nothing is left.
 */
export function plainDraft(text: string, limit = DRAFT_BODY_LIMIT): string {
  let body = text.replace(/\r\n?/g, '\n');
  const fenced = /^\s*```[a-z]*\n([\s\S]*?)\n```\s*$/i.exec(body);
  if (fenced?.[1] !== undefined) body = fenced[1];
  body = body
    .replace(/&nbsp;/gi, ' ')
    .replace(/&(lt|gt|quot|apos|amp);/gi, (_, name: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[name.toLowerCase()] ?? '')
    .replace(/&#?[a-z0-9]+;/gi, '')
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>/gi, '\n\n')
    .replace(/<\/?[a-z][^>\n]*>/gi, '')
    .replace(INVISIBLE, '')
    .replace(/\t/g, ' ')
    .replace(CONTROL, '')
    .replace(/\*\*([^*\n]+)\*\*/g, '$1')
    .replace(/__([^_\n]+)__/g, '$1')
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/[ ]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (body.length <= limit) return body;
  const cut = body.slice(0, limit - 1);
  const space = cut.search(/\s\S*$/);
  return `${(space > limit / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
