import type { ActionType } from '../domain/index.js';
import { isGoogleConnectionError } from '../errors/index.js';
import { isPermanentGoogleError, isTransientGoogleError, type CalendarApi, type GmailApi } from '../google/index.js';
import type { OutboxAction } from '../store/index.js';
import type { ActionExecutor, ExecutionOutcome } from './action-executor.js';
import { ActionParameterError } from './action-errors.js';
import { createDraftOnce, deleteDraft } from './google-drafts.js';
import { labelIdFor } from './google-labels.js';

/** The Google APIs of one user; the API process builds them over its own access tokens. */
export interface GoogleAccount {
  gmail: GmailApi;
  calendar: CalendarApi;
}

/**
 * Record-only types: SkyTwin keeps the decision (and the user sees it) but nothing at Google
 * changes. A renewal is approved by letting it run; SkyTwin never pays anyone.
 */
const RECORD_ONLY: readonly ActionType[] = ['flag_for_review', 'do_nothing', 'approve_renewal'];

/**
 * Carries out outbox actions on Gmail and Calendar. Every effect is idempotent or reconciled, so
 * a run repeated after a crash ends in the same state: label changes and RSVPs set values, and a
 * draft is looked up by the Message-ID SkyTwin gives it before another is created.
 */
export class GoogleExecutor implements ActionExecutor {
  constructor(private readonly accountFor: (userId: string) => GoogleAccount) {}

  isIdempotent(type: ActionType): boolean {
    return ['archive', 'label', 'mark_read', 'rsvp', 'draft_reply', ...RECORD_ONLY].includes(type);
  }

  execute(action: OutboxAction): Promise<ExecutionOutcome> {
    return this.guard(action, async (account) => {
      const p = action.parameters;
      switch (action.type) {
        case 'archive':
          return changeLabels(account, text(p, 'messageId'), { removeLabelIds: ['INBOX'] });
        case 'mark_read':
          return changeLabels(account, text(p, 'messageId'), { removeLabelIds: ['UNREAD'] });
        case 'label': {
          const labelId = await labelIdFor(account.gmail, text(p, 'label'));
          return { ...(await changeLabels(account, text(p, 'messageId'), { addLabelIds: [labelId] })), labelId };
        }
        case 'draft_reply':
          return createDraftOnce(account.gmail, action);
        case 'rsvp':
          return respond(account, text(p, 'calendarId'), text(p, 'eventId'), rsvpValue(p['response']), sendUpdates(p['sendUpdates']));
        default:
          if (RECORD_ONLY.includes(action.type)) return { recorded: true, type: action.type };
          throw new UnsupportedActionError(action.type);
      }
    });
  }

  undo(action: OutboxAction): Promise<ExecutionOutcome> {
    return this.guard(action, async (account) => {
      const p = action.parameters;
      const previous = (p['previous'] ?? {}) as Record<string, unknown>;
      switch (action.type) {
        case 'archive':
          return changeLabels(account, text(p, 'messageId'), { addLabelIds: ['INBOX'] });
        case 'mark_read':
          return changeLabels(account, text(p, 'messageId'), { addLabelIds: ['UNREAD'] });
        case 'label':
          return changeLabels(account, text(p, 'messageId'), { removeLabelIds: [text(previous, 'labelId')] });
        case 'draft_reply':
          return deleteDraft(account.gmail, text(previous, 'draftId'));
        case 'rsvp':
          return respond(account, text(p, 'calendarId'), text(p, 'eventId'), rsvpValue(previous['previousResponse'] ?? 'needsAction'), sendUpdates(p['sendUpdates']));
        default:
          if (RECORD_ONLY.includes(action.type)) return { recorded: true, type: action.type, undone: true };
          throw new UnsupportedActionError(action.type);
      }
    });
  }

  /**
   * Google's permanent refusals end the action as failed, with Google's reason in words; so does
   * a user whose Google account is not connected or whose access was revoked: only the user can
   * fix that, and running the action again before they do would fail the same way.
   */
  private async guard(action: OutboxAction, run: (account: GoogleAccount) => Promise<unknown>): Promise<ExecutionOutcome> {
    try {
      return { status: 'succeeded', result: await run(this.accountFor(action.userId)) };
    } catch (error) {
      if (error instanceof UnsupportedActionError || error instanceof ActionParameterError) return { status: 'failed', reason: error.message };
      if (isGoogleConnectionError(error)) return { status: 'failed', reason: `This action was not carried out. ${error.message}.` };
      if (isPermanentGoogleError(error)) {
        const what = error.status === 404 ? 'the message or event is gone' : error.status === 403 ? 'SkyTwin lacks permission' : 'Google refused the request';
        return { status: 'failed', reason: `Google said no (${what}): ${error.message}` };
      }
      // Every Google action is idempotent or reconciled (drafts are looked up first), so running
      // it again later is safe whether or not Google acted this time.
      if (isTransientGoogleError(error)) return { status: 'retry', reason: `Google was unavailable: ${error.message}`, afterMs: error.retryAfterMs };
      throw error;
    }
  }
}

async function changeLabels(account: GoogleAccount, messageId: string, change: { addLabelIds?: string[]; removeLabelIds?: string[] }) {
  const message = await account.gmail.messages.modify(messageId, change);
  return { messageId, labelIds: message.labelIds ?? [] };
}

async function respond(account: GoogleAccount, calendarId: string, eventId: string, response: string, updates: 'all' | 'externalOnly' | 'none') {
  const event = await account.calendar.events.get(calendarId, eventId);
  const attendees = event.attendees ?? [];
  const self = attendees.find((attendee) => attendee.self === true);
  if (!self) throw new ActionParameterError(`you are not an attendee of event ${eventId}, so there is nothing to answer`);
  const previousResponse = self.responseStatus ?? 'needsAction';
  const patched = attendees.map((attendee) => (attendee === self ? { ...attendee, responseStatus: rsvpValue(response) } : attendee));
  await account.calendar.events.patch(calendarId, eventId, { attendees: patched }, { sendUpdates: updates });
  return { calendarId, eventId, response, previousResponse };
}

class UnsupportedActionError extends Error {
  constructor(type: string) {
    super(`SkyTwin does not carry out ${type} on Google`);
  }
}

function text(parameters: Record<string, unknown>, key: string): string {
  const value = parameters[key];
  if (typeof value !== 'string' || value === '') throw new ActionParameterError(`the action has no ${key}`);
  return value;
}

function rsvpValue(value: unknown): 'accepted' | 'declined' | 'tentative' | 'needsAction' {
  if (value === 'accepted' || value === 'declined' || value === 'tentative' || value === 'needsAction') return value;
  throw new ActionParameterError(`"${String(value)}" is not a calendar response`);
}

function sendUpdates(value: unknown): 'all' | 'externalOnly' | 'none' {
  return value === 'none' || value === 'externalOnly' ? value : 'all';
}
