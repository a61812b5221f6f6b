import { DEFAULT_WORK_HOURS, SLOT_HORIZON_DAYS, clockLabel, dayLabel, findFreeSlots, resolveDeadline, usualTone, type DraftContext } from '../drafts/index.js';
import type { Situation, SituationKind } from '../types.js';
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

/** What the draft says about itself, for the candidate's rationale ("proposes 3 free times from your calendar"). */
export interface ComposedDraft {
  body: string;
  notes: string[];
}

/** The mail a draft answers, as the pipeline read it. */
export interface DraftSubject {
  situation: Situation;
  to: Correspondent;
  subject: string;
  /** When the mail was sent: deadlines like "by Friday" count from it. */
  sentAt: Date | null;
}

const NO_CONTEXT: DraftContext = { timeZone: 'UTC', workStart: DEFAULT_WORK_HOURS.start, workEnd: DEFAULT_WORK_HOURS.end, busy: null, horizonDays: SLOT_HORIZON_DAYS, tone: null };
const SLOT_COUNT = 3;

/**
 * A reply the user edits before sending, addressed by first name and in their usual greeting and
 * sign-off: it proposes free times from their calendar when asked to meet, acknowledges a deadline
 * with its date, and otherwise promises nothing beyond a follow-up.
 */
export function composeDraft(mail: DraftSubject, context: DraftContext | null, now: Date | null): ComposedDraft {
  const ctx = context ?? NO_CONTEXT;
  const tone = usualTone(ctx.tone);
  const notes: string[] = [];
  const facts = mail.situation.facts;
  const paragraphs = [greetingLine(firstName(mail.to.name), tone.greeting), opener(mail.situation.kind, mail.subject)];
  if (facts.meetingRequest) paragraphs.push(...meetingParagraphs(facts.meetingRequest.minutes, ctx, now ?? mail.sentAt, notes));
  const deadline = facts.deadline && mail.sentAt ? resolveDeadline(facts.deadline, mail.sentAt, now ?? mail.sentAt, ctx.timeZone) : null;
  if (deadline) {
    notes.push(`it acknowledges the deadline (${deadline.label})`);
    paragraphs.push(
      deadline.passed
        ? `I see you needed this by ${deadline.label}; I'll get back to you as soon as I can.`
        : deadline.today
          ? `I've noted that you need this today, and I'll come back to you before the end of the day.`
          : `I've noted your deadline and I'll come back to you by ${deadline.label}.`,
    );
  }
  if (!facts.meetingRequest && !deadline) paragraphs.push(holding(mail.situation.kind));
  if (tone.greeting !== null || tone.signOff !== null) notes.push(`in your usual ${[tone.greeting !== null ? 'greeting' : '', tone.signOff !== null ? 'sign-off' : ''].filter(Boolean).join(' and ')}`);
  paragraphs.push(tone.signOff ?? (mail.situation.kind === 'personal' ? 'Best' : 'Best regards'));
  return { body: paragraphs.join('\n\n'), notes };
}

function greetingLine(name: string, greeting: string | null): string {
  const word = greeting ?? 'Hi';
  if (name !== '') return word === '' ? `${name},` : `${word} ${name},`;
  return word === '' || word === 'Dear' ? 'Hello,' : `${word},`;
}

function opener(kind: SituationKind, subject: string): string {
  if (kind === 'personal') return 'Thanks for your note!';
  const about = kind === 'work_request' && subject.trim() !== '' ? ` about "${subject.trim()}"` : '';
  return `Thanks for your message${about}.`;
}

function holding(kind: SituationKind): string {
  if (kind === 'work_request') return "I've seen your request and will get back to you shortly.";
  return "I'll get back to you soon.";
}

function meetingParagraphs(minutes: number, ctx: DraftContext, now: Date | null, notes: string[]): string[] {
  if (ctx.busy === null || now === null) {
    return ["Happy to find a time to talk. Could you suggest a few times that suit you? I'll check them against my calendar."];
  }
  const slots = findFreeSlots({
    now,
    timeZone: ctx.timeZone,
    workStart: ctx.workStart,
    workEnd: ctx.workEnd,
    minutes,
    busy: ctx.busy,
    count: SLOT_COUNT,
    horizonDays: ctx.horizonDays,
  });
  if (slots.length === 0) {
    notes.push(`your calendar has no free ${minutes} minutes in working hours over the next ${ctx.horizonDays} days, so it asks for times instead`);
    return [
      `I'd be glad to talk, but my calendar has no free ${minutes} minutes in my working hours over the next ${ctx.horizonDays} days. Could you suggest a few times after that? I'll check them against my calendar.`,
    ];
  }
  notes.push(`it proposes ${slots.length} free ${slots.length === 1 ? 'time' : 'times'} from your calendar (${ctx.timeZone})`);
  const lines = slots.map((slot) => `- ${dayLabel(slot.date)}, ${clockLabel(slot.start, ctx.timeZone)}–${clockLabel(slot.end, ctx.timeZone)}`);
  const which = slots.length === 1 ? 'Would this time work for you' : 'Would one of these times work for you';
  return [`Happy to talk. ${which} (${minutes} minutes, ${ctx.timeZone} time)?`, lines.join('\n'), "If none suits, tell me a time that does and I'll check it against my calendar."];
}
