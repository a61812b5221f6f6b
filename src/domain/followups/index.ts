// Waiting on a reply: the questions the user sent, how an answer closes them, and the nudge signal
// the sweep posts once nobody answered in time. Pure: the clock and the user's zone come in.
export { askingSentence } from './question.js';
export { mailRole, sentQuestion, threadAnswer, threadOf, type MailRole, type SentQuestion } from './sent.js';
export { askedOnPhrase, followUpExternalId, followUpSignal, FOLLOW_UP_DEFAULT_DAYS, FOLLOW_UP_MAX_DAYS, type FollowUpDueItem } from './nudge.js';
