import type { SituationKind } from '../types.js';

/**
 * The kinds of mail the text model learns from and advises on: bulk mail, where similar words and
 * senders mean the same handling. A rejected reply draft on a work request or a personal email is
 * about that one conversation, not about mail that looks like it, so it teaches nothing.
 */
export const TEXT_MODEL_KINDS: ReadonlySet<SituationKind> = new Set<SituationKind>(['newsletter', 'promotion', 'receipt', 'notification']);

export function isTextModelKind(kind: SituationKind): boolean {
  return TEXT_MODEL_KINDS.has(kind);
}
