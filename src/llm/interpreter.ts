import { Type, type Static } from '@sinclair/typebox';
import { MODEL_KINDS, type EmailData, type ModelAdvice } from '../domain/index.js';
import type { LlmClient } from './client.js';
import { isLlmError } from './errors.js';
import { interpretMessages, mailDataOf, PROMPT_VERSION } from './prompt.js';

/** The one answer a model may give about a mail: a kind from the fixed list, nothing to act on. */
export const InterpretationSchema = Type.Object(
  {
    kind: Type.Union(MODEL_KINDS.map((kind) => Type.Literal(kind))),
    confidence: Type.Number({ minimum: 0, maximum: 1 }),
    reason: Type.String({ maxLength: 300 }),
  },
  { additionalProperties: false },
);
export type Interpretation = Static<typeof InterpretationSchema>;

export type Reading = NonNullable<ModelAdvice['reading']>;

/** Asks a model what kind of mail this is; never throws, a failure is a reading too. */
export interface MailInterpreter {
  readonly model: string;
  readonly promptVersion: string;
  /** Calls one ingest request makes at the same time. */
  readonly concurrency: number;
  /**
   * How long one ingest request may spend starting calls: mail not yet asked by then is left to
   * the rules, so a slow model cannot hold a sync past the worker's 30 s request timeout.
   */
  readonly budgetMs: number;
  read(data: EmailData): Promise<Reading>;
}

export function createMailInterpreter(client: LlmClient, concurrency: number, budgetMs = 15_000): MailInterpreter {
  return {
    model: client.model,
    promptVersion: PROMPT_VERSION,
    concurrency,
    budgetMs,
    async read(data) {
      try {
        return await client.complete(interpretMessages(mailDataOf(data), MODEL_KINDS), InterpretationSchema, 'mail_interpretation');
      } catch (error) {
        if (isLlmError(error)) return { failure: error.failure };
        throw error;
      }
    },
  };
}
