// A fake OpenAI-compatible chat-completions server for tests and the demo: scripted answers,
// delays, HTTP errors and nonsense, with every request recorded.
export { startLlmEmulator, type LlmEmulatorOptions, type RunningLlmEmulator } from './server.js';
export { answer, type ChatRequest, type LlmReply, type LlmScript } from './replies.js';
export { rulesLikeScript, mailOf, enumOf } from './rules-script.js';
