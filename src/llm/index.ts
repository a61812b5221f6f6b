// Optional language models behind a hard boundary: one OpenAI-compatible client (strict JSON schema,
// timeout, breaker) and the prompts that hand it mail as delimited data. Models only advise.
export { createLlmClient, type LlmClient, type LlmClientOptions } from './client.js';
export { LlmError, isLlmError, type LlmFailure } from './errors.js';
export { isLoopbackUrl } from './loopback.js';
export { PROMPT_VERSION, delimit, inertJson, undelimit, interpretMessages, mailDataOf, type ChatMessage, type MailData } from './prompt.js';
export { createMailInterpreter, InterpretationSchema, type Interpretation, type MailInterpreter, type Reading } from './interpreter.js';
export { DRAFT_PROMPT_VERSION, draftMessages, type DraftRequest } from './draft-prompt.js';
export { createReplyDrafter, plainDraft, DraftSchema, DRAFT_BODY_LIMIT, type ReplyDrafter, type WrittenDraft } from './drafter.js';
export { BRIEFING_PROMPT_VERSION, BRIEFING_SUMMARY_LIMIT, BriefingSummarySchema, briefingFacts, briefingMessages, createBriefingSummarizer, type BriefingSummarizer, type WrittenSummary } from './briefing-summary.js';
