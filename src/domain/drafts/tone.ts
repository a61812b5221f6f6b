/**
 * How the user writes replies, learned from drafts they edited or approved: the greeting word
 * they open with and the closing paragraph they sign with. Deterministic: each variant is
 * counted, and the most used one (the latest on a tie) is the one drafts use.
 */
export interface ToneProfile {
  /** Greeting word(s) before the name, as written ("Hey", "Dear"); '' when they open with the name alone. */
  greetings: ToneVariant[];
  /** Closing paragraph, lines joined by "\n" ("Cheers,\nAnn"). */
  signOffs: ToneVariant[];
  /** Replies learned from. */
  samples: number;
  /** ISO time of the last reply learned from, null before the first. */
  updatedAt: string | null;
}

export interface ToneVariant {
  text: string;
  count: number;
  /** Sample number that last used it: the tie-breaker, newest wins. */
  lastSample: number;
}

/** What a draft should use; null fields: nothing learned, use the default. */
export interface UsualTone {
  greeting: string | null;
  signOff: string | null;
}

const KEEP_VARIANTS = 5;
const MAX_SIGN_OFF_LINES = 3;
const MAX_SIGN_OFF_LINE = 40;
const GREETING = /^(hi|hello|hey|hiya|dear|good (?:morning|afternoon|evening)|greetings|morning|howdy|yo)\b[ \t]*([^\n]*)$/i;
const NAME_WORD = "\\p{L}[\\p{L}\\p{M}'.-]{0,39}";
const NAME_LINE = new RegExp(`^${NAME_WORD}(?:[ \\t]+${NAME_WORD}){0,2}[ \\t]*[,!]?$`, 'u');

export function emptyTone(): ToneProfile {
  return { greetings: [], signOffs: [], samples: 0, updatedAt: null };
}

/** The greeting and sign-off a new draft should use. */
export function usualTone(profile: ToneProfile | null): UsualTone {
  if (profile === null) return { greeting: null, signOff: null };
  return { greeting: favourite(profile.greetings), signOff: favourite(profile.signOffs) };
}

/**
 * The reply's greeting word and closing, each null when the text has none a person would recognise.
 * `addressee` (the recipient's first name) lets a reply that opens with the name alone ("Bob,") count.
 */
export function readTone(body: string, addressee = ''): UsualTone {
  const paragraphs = body
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) => p.split('\n').map((line) => line.trim()).filter((line) => line !== ''))
    .filter((lines) => lines.length > 0);
  const firstLine = paragraphs[0]?.[0] ?? '';
  return { greeting: greetingOf(firstLine, addressee), signOff: paragraphs.length > 1 ? signOffOf(paragraphs[paragraphs.length - 1] ?? []) : null };
}

/**
 * The profile after one more reply; unchanged when the reply shows neither greeting nor sign-off.
 * A reply the user wrote (`confirmOnly` false) teaches what it uses; a draft they approved as
 * SkyTwin wrote it (`confirmOnly` true) only confirms what was already learned, so SkyTwin's own
 * default wording never becomes "the user's usual".
 */
export function learnTone(profile: ToneProfile | null, body: string, addressee: string, now: Date, confirmOnly = false): ToneProfile {
  const before = profile ?? emptyTone();
  const found = readTone(body, addressee);
  const known = (variants: ToneVariant[], text: string | null) => (text !== null && variants.some((v) => v.text === text) ? text : null);
  const read = confirmOnly ? { greeting: known(before.greetings, found.greeting), signOff: known(before.signOffs, found.signOff) } : found;
  if (read.greeting === null && read.signOff === null) return before;
  const sample = before.samples + 1;
  return {
    greetings: read.greeting === null ? before.greetings : tally(before.greetings, read.greeting, sample),
    signOffs: read.signOff === null ? before.signOffs : tally(before.signOffs, read.signOff, sample),
    samples: sample,
    updatedAt: now.toISOString(),
  };
}

/** The name a draft SkyTwin wrote is addressed to ("Hi Bob," or "Bob," → "Bob"); '' when it greets no one by name. */
export function addresseeOf(draftBody: string): string {
  const line = (draftBody.split('\n')[0] ?? '').trim().replace(/[ \t]*[,!]$/, '');
  const rest = GREETING.exec(line)?.[2]?.trim() ?? line;
  return /^\p{L}[\p{L}\p{M}'-]{0,39}$/u.test(rest) && !GREETING.test(rest) ? rest : '';
}

/** A stored profile, tolerating anything malformed (it reads back as nothing learned). */
export function toneFromJson(value: unknown): ToneProfile {
  if (typeof value !== 'object' || value === null) return emptyTone();
  const record = value as Record<string, unknown>;
  const samples = typeof record['samples'] === 'number' && Number.isSafeInteger(record['samples']) ? record['samples'] : 0;
  const updatedAt = typeof record['updatedAt'] === 'string' ? record['updatedAt'] : null;
  return { greetings: variantsOf(record['greetings']), signOffs: variantsOf(record['signOffs']), samples, updatedAt };
}

function greetingOf(line: string, addressee: string): string | null {
  const match = GREETING.exec(line);
  if (match) {
    const rest = (match[2] ?? '').trim();
    // "Hi Bob," or "Hi," — a greeting; "Hi there, I wanted to ask…" is a sentence, not a greeting line.
    return rest === '' || /^[,!]$/.test(rest) || NAME_LINE.test(rest) ? capitalise(match[1] ?? '') : null;
  }
  const bare = line.replace(/[ \t]*[,!]$/, '');
  return addressee !== '' && bare !== line && bare.toLowerCase() === addressee.toLowerCase() ? '' : null;
}

function signOffOf(lines: string[]): string | null {
  if (lines.length > MAX_SIGN_OFF_LINES || lines.some((line) => line.length > MAX_SIGN_OFF_LINE)) return null;
  // A closing is short and does not end a sentence the way a paragraph of content does.
  if (/[.?]$/.test(lines[0] ?? '')) return null;
  return lines.join('\n');
}

function capitalise(word: string): string {
  const lower = word.toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

function tally(variants: ToneVariant[], text: string, sample: number): ToneVariant[] {
  const found = variants.find((v) => v.text === text);
  const updated = found
    ? variants.map((v) => (v === found ? { text, count: v.count + 1, lastSample: sample } : v))
    : [...variants, { text, count: 1, lastSample: sample }];
  return [...updated].sort(byPreference).slice(0, KEEP_VARIANTS);
}

function byPreference(a: ToneVariant, b: ToneVariant): number {
  return b.count - a.count || b.lastSample - a.lastSample;
}

function favourite(variants: ToneVariant[]): string | null {
  return [...variants].sort(byPreference)[0]?.text ?? null;
}

function variantsOf(value: unknown): ToneVariant[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const v = item as Record<string, unknown>;
    if (typeof v['text'] !== 'string' || typeof v['count'] !== 'number' || typeof v['lastSample'] !== 'number') return [];
    return [{ text: v['text'], count: v['count'], lastSample: v['lastSample'] }];
  });
}
