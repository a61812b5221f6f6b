// Gmail v1 over HTTP: profile, messages, history, drafts and labels, answering as Google does.
// Routes only translate between the wire and the mailbox state.
export { gmailRoutes } from './routes.js';
export { messageResource, type MessageFormat, type MessagePart } from './resource.js';
