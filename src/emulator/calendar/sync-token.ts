import { GoogleError, googleErrors } from '../errors.js';
import type { CalendarStore } from '../state/calendar.js';

interface TokenBody {
  o: string;
  c: string;
  s: number;
  e: number;
}

/** An opaque token naming the calendar, the change counter it covers and the cursor epoch. */
export function makeSyncToken(store: CalendarStore, calendarId: string, changeSeq: number): string {
  const body: TokenBody = { o: store.owner, c: calendarId, s: changeSeq, e: store.epoch };
  return `C${Buffer.from(JSON.stringify(body)).toString('base64url')}`;
}

/** The change counter a sync token covers; 400 when it is not one of ours, 410 when it has expired. */
export function readSyncToken(store: CalendarStore, calendarId: string, token: string): number {
  let body: Partial<TokenBody> | null = null;
  try {
    body = token.startsWith('C') ? (JSON.parse(Buffer.from(token.slice(1), 'base64url').toString('utf8')) as Partial<TokenBody>) : null;
  } catch {
    body = null;
  }
  if (!body || typeof body.s !== 'number' || typeof body.e !== 'number' || typeof body.c !== 'string') {
    throw new GoogleError(400, 'invalid', 'Invalid sync token value.', { location: 'syncToken', locationType: 'parameter' });
  }
  if (body.o !== store.owner || body.c !== calendarId || body.e !== store.epoch || body.s > store.changeSeq) throw googleErrors.fullSyncRequired();
  return body.s;
}
