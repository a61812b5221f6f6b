/** What the fake model server does with one chat-completions request. */
export type LlmReply =
  /** A well-formed completion whose message content is `content` encoded as JSON. */
  | { kind: 'answer'; content: unknown; delayMs?: number }
  /** A well-formed completion whose message content is this text, verbatim (not JSON, or off schema). */
  | { kind: 'text'; text: string; delayMs?: number }
  /** An HTTP error, e.g. 429 with a Retry-After header, or 500. */
  | { kind: 'error'; status: number; body?: unknown; headers?: Record<string, string>; delayMs?: number }
  /** A 200 whose body is not JSON at all. */
  | { kind: 'malformed'; body: string; delayMs?: number }
  /** No answer until the client gives up or the server closes. */
  | { kind: 'hang' };

/** A request as the server received it. */
export interface ChatRequest {
  model: string;
  messages: { role: string; content: string }[];
  /** The `response_format.json_schema.schema` the client sent, or null. */
  schema: Record<string, unknown> | null;
  authorization: string | null;
  /** The whole body as parsed. */
  body: Record<string, unknown>;
}

/** Decides the reply to one request; may look at it (the prompt, the schema) or ignore it. */
export type LlmScript = (request: ChatRequest) => LlmReply | Promise<LlmReply>;

export function answer(content: unknown, delayMs?: number): LlmReply {
  return delayMs === undefined ? { kind: 'answer', content } : { kind: 'answer', content, delayMs };
}
