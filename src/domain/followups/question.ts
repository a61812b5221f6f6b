/** Phrases that ask the reader for something, beside a question mark. */
const ASKING = [
  /\?/,
  /\b(could|can|would|will) you\b/i,
  /\blet me know\b/i,
  /\bget back to me\b/i,
  /\bplease (send|confirm|share|reply|respond|advise|review|check|tell)\b/i,
  /\bany (news|update|updates|thoughts)\b/i,
  /\bwaiting (for|on) your\b/i,
];

/** Sentences that look like questions but ask nothing the user waits on. */
const SMALL_TALK = [/^(hi|hello|hey|dear)\b[^?]*,?$/i, /\bhow are (you|things)\b/i, /\bhope (you|all|this)\b/i, /^(thanks|thank you|cheers)\b/i];

/** Where the quoted earlier mail or the signature starts: nothing below is the user's new text. */
const QUOTE_START = [/^>/, /^on .{4,200} wrote:$/i, /^-{2,}\s*$/, /^-+\s*original message\s*-+$/i, /^from: .+$/i];

const MAX_SENTENCE = 160;

/**
 * The first sentence of the user's own text (quotes and signature left out) that asks something,
 * shortened for a nudge; null when the mail asks nothing.
 */
export function askingSentence(bodyText: string): string | null {
  const own: string[] = [];
  for (const raw of bodyText.split(/\r?\n/)) {
    const line = raw.trim();
    if (QUOTE_START.some((pattern) => pattern.test(line))) break;
    own.push(line);
  }
  const sentences = own
    .join('\n')
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  for (const sentence of sentences) {
    if (SMALL_TALK.some((pattern) => pattern.test(sentence))) continue;
    if (ASKING.some((pattern) => pattern.test(sentence))) return shorten(sentence);
  }
  return null;
}

function shorten(sentence: string): string {
  const clean = sentence.replace(/\s+/g, ' ');
  return clean.length <= MAX_SENTENCE ? clean : `${clean.slice(0, MAX_SENTENCE - 1).trimEnd()}…`;
}
