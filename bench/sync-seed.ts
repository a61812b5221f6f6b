import type { EventInput, MailInput } from '../src/emulator/index.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The mailbox address of bench user `index` in run `runId`; one Google account per SkyTwin user. */
export function benchAccountEmail(runId: string, index: number): string {
  return `sync-${runId}-${index.toString().padStart(4, '0')}@bench.example`;
}

/**
 * Dates for `count` inbox messages spread over the six days before `now`, newest last: inside the
 * 7-day window of a first Gmail sync, so every message becomes a signal.
 */
export function mailDates(count: number, now: Date, index: number): string[] {
  const span = 6 * DAY;
  return Array.from({ length: count }, (_, i) => new Date(now.getTime() - span + Math.floor(((i + 0.5) * span) / count) - (index % 7) * 60_000).toISOString());
}

/** A generated message from the emulator's own stream, dated as the plan says. */
export function datedMail(generated: MailInput, date: string): MailInput {
  return { ...generated, date };
}

const COLLEAGUES = ['maria', 'jon', 'priya', 'tomas', 'li', 'amara', 'kofi', 'ines'];
const TOPICS = ['Roadmap review', 'Budget sync', '1:1', 'Design critique', 'Customer call', 'Hiring loop', 'Incident retro', 'Planning'];

/**
 * `count` single (non-recurring) events over the next two weeks, so a first Calendar sync yields
 * exactly `count` signals: invitations awaiting an answer, accepted meetings, the user's own
 * meetings with guests, focus blocks without guests, and an all-day event now and then.
 */
export function benchEvents(email: string, index: number, count: number, now: Date): EventInput[] {
  const dayStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const domain = email.split('@')[1] ?? 'bench.example';
  return Array.from({ length: count }, (_, k) => {
    const colleague = `${COLLEAGUES[(index + k) % COLLEAGUES.length]}@${domain}`;
    const other = `${COLLEAGUES[(index + k + 3) % COLLEAGUES.length]}@${domain}`;
    const topic = `${TOPICS[(index + k) % TOPICS.length]} #${k + 1}`;
    const day = 1 + Math.floor((k * 13) / count);
    if (k % 10 === 9) {
      const date = new Date(dayStart + day * DAY).toISOString().slice(0, 10);
      const next = new Date(dayStart + (day + 1) * DAY).toISOString().slice(0, 10);
      return { summary: `Offsite: ${topic}`, start: date, end: next, organizer: colleague, attendees: [colleague], selfResponse: 'accepted' };
    }
    const start = new Date(dayStart + day * DAY + (8 + ((index + k) % 9)) * HOUR);
    const end = new Date(start.getTime() + (k % 3 === 0 ? HOUR : HOUR / 2));
    const times = { start: start.toISOString(), end: end.toISOString() };
    switch (k % 4) {
      case 0:
        return { summary: topic, ...times, organizer: colleague, attendees: [colleague, other], selfResponse: 'needsAction', location: 'Room 4' };
      case 1:
        return { summary: topic, ...times, organizer: colleague, attendees: [colleague], selfResponse: 'accepted' };
      case 2:
        return { summary: topic, ...times, attendees: [colleague, other], description: 'Agenda in the shared doc.' };
      default:
        return { summary: `Focus: ${topic}`, ...times };
    }
  });
}
