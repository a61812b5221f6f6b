import type { SituationKind } from '../types.js';
import type { Correspondent } from './targets.js';

export function replySubject(subject: string): string {
  const trimmed = subject.trim();
  if (trimmed === '') return 'Re: (no subject)';
  return /^re:/i.test(trimmed) ? trimmed : `Re: ${trimmed}`;
}

/** "Doe, Jane" → "Jane"; "Jane Doe" → "Jane"; no name or an odd one → no name at all. */
export function firstName(name: string): string {
  const cleaned = name.replace(/["']/g, '').trim();
  const given = cleaned.includes(',') ? (cleaned.split(',')[1] ?? '') : cleaned;
  const first = given.trim().split(/\s+/)[0] ?? '';
  return /^\p{L}[\p{L}\p{M}'-]{0,39}$/u.test(first) ? first : '';
}

/** A short holding reply the user edits before sending; it promises nothing beyond a follow-up. */
export function draftBody(kind: SituationKind, to: Correspondent, subject: string): string {
  const name = firstName(to.name);
  const greeting = name === '' ? 'Hi,' : `Hi ${name},`;
  if (kind === 'work_request') {
    const about = subject.trim() === '' ? '' : ` about "${subject.trim()}"`;
    return `${greeting}\n\nThanks for your message${about}. I've seen your request and will get back to you shortly.\n\nBest regards`;
  }
  if (kind === 'personal') return `${greeting}\n\nThanks for your note! I'll get back to you soon.\n\nBest`;
  return `${greeting}\n\nThanks for your message. I'll get back to you soon.\n\nBest regards`;
}
