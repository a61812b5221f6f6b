import { firstName } from './draft.js';

/** The nudge for a question nobody answered: by name, what was asked and when, in the user's words. */
export function nudgeBody(input: { name: string; askedOn: string; subject: string; question: string }): string {
  const first = firstName(input.name);
  const greeting = first === '' ? 'Hi,' : `Hi ${first},`;
  const about = input.subject.trim() === '' ? '' : ` about "${input.subject.trim()}"`;
  return `${greeting}\n\nJust following up on my question from ${input.askedOn}${about}: ${input.question}\n\nThanks!`;
}
