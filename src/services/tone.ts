import type { Kysely } from 'kysely';
import type { Static } from '@sinclair/typebox';
import type { ToneView } from '../contract/index.js';
import type { ActionSpec, FeedbackKind, ToneVariant } from '../domain/index.js';
import { addresseeOf, learnTone, usualTone } from '../domain/index.js';
import { loadToneProfile, saveToneProfile, type Schema } from '../store/index.js';

function bodyOf(action: ActionSpec | null): string | null {
  const body = action?.type === 'draft_reply' ? action.parameters['body'] : undefined;
  return typeof body === 'string' ? body : null;
}

/**
 * Learns the user's greeting and sign-off from a reply draft they approved, in the caller's
 * transaction (the same one as the twin's feedback). A changed body teaches; a draft approved as
 * written only confirms what was learned before. Returns whether the profile changed.
 */
export async function learnReplyTone(
  trx: Kysely<Schema>,
  event: { userId: string; kind: FeedbackKind; action: ActionSpec | null; correctedAction: ActionSpec | null },
  now: Date,
): Promise<boolean> {
  if (event.kind !== 'approve' && event.kind !== 'edit') return false;
  const proposed = bodyOf(event.action);
  const sent = event.kind === 'edit' ? bodyOf(event.correctedAction) : proposed;
  if (proposed === null || sent === null) return false;
  const before = await loadToneProfile(trx, event.userId);
  const after = learnTone(before, sent, addresseeOf(proposed), now, sent === proposed);
  if (after === before || (before === null && after.samples === 0)) return false;
  await saveToneProfile(trx, event.userId, after, now);
  return true;
}

/** The learned tone as GET twin shows it. */
export async function readToneView(db: Kysely<Schema>, userId: string): Promise<Static<typeof ToneView>> {
  const profile = await loadToneProfile(db, userId);
  const usual = usualTone(profile);
  const variants = (list: readonly ToneVariant[]) => list.map((v) => ({ text: v.text, count: v.count }));
  return {
    greeting: usual.greeting,
    signOff: usual.signOff,
    samples: profile?.samples ?? 0,
    updatedAt: profile?.updatedAt ?? null,
    greetings: variants(profile?.greetings ?? []),
    signOffs: variants(profile?.signOffs ?? []),
  };
}
