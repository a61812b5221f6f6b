import type { Briefing } from '../contract/index.js';

const who = (sender: { name: string | null; address: string | null }) => sender.name ?? sender.address ?? 'someone';

/** The briefing as a plain-text message to the user themself (the optional Gmail draft). */
export function briefingText(briefing: Briefing): { subject: string; body: string } {
  const lines: string[] = [briefing.summary, ''];
  lines.push(`What SkyTwin did (${briefing.did.total}):`);
  for (const group of briefing.did.groups) {
    lines.push(`  ${group.label}: ${group.count}${group.undone > 0 ? ` (${group.undone} undone)` : ''}`);
    for (const item of group.items) lines.push(`    - ${who(item.sender)}: ${item.subject ?? '(no subject)'}${item.state === 'executed' ? '' : ` [${item.state}]`}`);
  }
  lines.push('', `Waiting for your approval (${briefing.waiting.total}):`);
  for (const item of briefing.waiting.items) lines.push(`  - ${who(item.sender)}: ${item.subject ?? '(no subject)'} — ${item.proposal}`);
  lines.push('', `Today (${briefing.today.date}, ${briefing.timeZone}):`);
  for (const meeting of briefing.today.meetings) lines.push(`  - ${meeting.time} ${meeting.summary}${meeting.response === 'declined' ? ' (declined)' : ''}`);
  for (const conflict of briefing.today.conflicts) lines.push(`  ! ${conflict.words}`);
  if (briefing.followUps.items.length > 0) {
    lines.push('', `Waiting on a reply (${briefing.followUps.items.length}):`);
    for (const item of briefing.followUps.items) lines.push(`  - ${who(item.to)}: ${item.subject}`);
  }
  return { subject: `Your SkyTwin briefing for ${briefing.today.date}`, body: `${lines.join('\n')}\n` };
}
