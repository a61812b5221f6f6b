import type { GmailApi } from '../google/index.js';
import type { BriefingDraftPort } from '../services/index.js';
import { findDraft, replyMessage } from './google-drafts.js';

/**
 * The daily briefing as a draft in the user's own Gmail, addressed to themself. Looked up by its
 * Message-ID before it is created, so a repeated call (a crash, a second process) finds the first.
 */
export function gmailBriefingDrafts(gmailFor: (userId: string) => GmailApi): BriefingDraftPort {
  return {
    async createOnce(userId, draft) {
      const gmail = gmailFor(userId);
      const found = await findDraft(gmail, draft.marker);
      if (found !== null) return found;
      const raw = replyMessage({ to: [draft.to], subject: draft.subject, body: draft.body, marker: draft.marker, inReplyTo: null, references: null });
      const created = await gmail.drafts.create({ raw });
      return created.id;
    },
  };
}
