import type { InterpretContext, Signal, Situation } from '../types.js';
import { interpretCalendar } from './calendar.js';
import { interpretEmail } from './email.js';
import { asRecord } from './fields.js';
import { followUpMarker, interpretFollowUp } from './followUp.js';
import { malformed } from './situation.js';

/**
 * Turns one signal into a situation. Pure and total: odd input becomes an 'unknown' situation
 * with the problem as evidence, never an exception.
 */
export function interpretSignal(signal: Signal, context: InterpretContext): Situation {
  const raw = asRecord(signal);
  const source = raw?.['source'];
  if (source === 'calendar' && raw?.['type'] === 'calendar.event') return interpretCalendar(signal as Signal & { source: 'calendar' }, context);
  if (source === 'gmail' && raw?.['type'] === 'email.received') {
    const email = signal as Signal & { source: 'gmail' };
    const followUp = followUpMarker(email);
    return followUp !== null ? interpretFollowUp(email, followUp) : interpretEmail(email, context);
  }
  return malformed(source === 'calendar' ? 'calendar' : 'email', 'unrecognised signal source or type');
}
