/** What the rule-written summary is made of: counts and the first names, already in the user's words. */
export interface BriefingFacts {
  /** "since 08:00 yesterday" or "in the last 24 hours". */
  periodWords: string;
  did: { label: string; count: number; undone: number }[];
  waiting: { total: number; oldestFrom: string | null; oldestExpiresAt: string | null };
  meetings: { total: number; first: { summary: string; time: string } | null; conflicts: number };
  followUps: number;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The listed labels joined as a person would: "a, b and c". */
function listed(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1) ?? ''}`;
}

/** A short plain paragraph, written by rules, that says nothing the sections do not show. */
export function briefingSummary(facts: BriefingFacts): string {
  const sentences: string[] = [];
  const ran = facts.did.reduce((sum, group) => sum + group.count, 0);
  if (ran === 0) sentences.push(`SkyTwin ran nothing ${facts.periodWords}.`);
  else {
    const undone = facts.did.reduce((sum, group) => sum + group.undone, 0);
    const what = listed(facts.did.map((group) => `${group.label.toLowerCase()}: ${group.count}`));
    sentences.push(`SkyTwin ran ${plural(ran, 'action', 'actions')} ${facts.periodWords} (${what})${undone > 0 ? `, ${undone} since undone` : ''}.`);
  }
  const { waiting } = facts;
  if (waiting.total === 0) sentences.push('Nothing waits for your approval.');
  else {
    const oldest = waiting.oldestFrom === null ? '' : `; the oldest is from ${waiting.oldestFrom}${waiting.oldestExpiresAt === null ? '' : ` and expires ${waiting.oldestExpiresAt}`}`;
    sentences.push(`${plural(waiting.total, 'request waits', 'requests wait')} for your approval${oldest}.`);
  }
  const { meetings } = facts;
  if (meetings.total === 0) sentences.push('No meetings today.');
  else {
    const first = meetings.first === null ? '' : `, the first "${meetings.first.summary}" at ${meetings.first.time}`;
    const conflicts = meetings.conflicts === 0 ? '' : ` and ${plural(meetings.conflicts, 'conflict', 'conflicts')}`;
    sentences.push(`Today: ${plural(meetings.total, 'meeting', 'meetings')}${first}${conflicts}.`);
  }
  if (facts.followUps > 0) sentences.push(`${plural(facts.followUps, 'follow-up is', 'follow-ups are')} due.`);
  return sentences.join(' ');
}

const GROUP_LABELS: Record<string, string> = {
  archive: 'Archived',
  label: 'Labelled',
  mark_read: 'Marked read',
  draft_reply: 'Drafted replies',
  rsvp: 'Answered invitations',
  flag_for_review: 'Flagged for review',
  approve_renewal: 'Approved renewals',
};

/** The heading of a group of actions of one kind: "Archived". */
export function actionGroupLabel(actionType: string): string {
  const known = GROUP_LABELS[actionType];
  if (known !== undefined) return known;
  const words = actionType.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
