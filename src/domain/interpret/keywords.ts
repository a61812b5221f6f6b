// Phrase lists are lower-case; matching is on normalized text with word edges, so "sale" never fires inside "wholesale".

export const SECURITY_PHRASES = [
  'security alert',
  'critical security',
  'new sign-in',
  'new sign in',
  'new login',
  'new device',
  'unusual sign-in',
  'unusual activity',
  'suspicious activity',
  'suspicious sign-in',
  'suspicious login',
  'sign-in attempt',
  'login attempt',
  'unrecognized device',
  'unrecognised device',
  'someone signed in',
  'was used to sign in',
  'used to sign in to',
  'signed in to your account',
  'sign-in to your account',
  'someone has your password',
  'account was accessed',
  'unauthorized access',
  'password was changed',
  'password has been changed',
  'password changed',
  'password reset',
  'reset your password',
  'verification code',
  'security code',
  'one-time code',
  '2-step verification',
  'two-step verification',
  'two-factor',
  'recovery email',
  'account has been locked',
  'account locked',
] as const;

export const RENEWAL_PHRASES = [
  'will renew',
  'will auto-renew',
  'will automatically renew',
  'auto-renew',
  'auto renew',
  'automatically renew',
  'renews on',
  'renews automatically',
  'renewal notice',
  'renewal reminder',
  'upcoming renewal',
  'subscription renewal',
  'membership renewal',
  'renewal date',
  'has been renewed',
  'was renewed',
  'successfully renewed',
  'will be charged',
  'will be billed',
  'upcoming charge',
  'upcoming payment',
  'next billing date',
  'next payment date',
  'free trial ends',
  'trial ends',
  'trial is ending',
  'trial will end',
] as const;

export const SUBSCRIPTION_WORDS = ['subscription', 'membership', 'plan', 'renewal', 'annual', 'monthly', 'yearly'] as const;

export const RECEIPT_PHRASES = [
  'receipt',
  'your order',
  'order confirmation',
  'order confirmed',
  'order #',
  'order number',
  'payment received',
  'payment confirmation',
  'payment successful',
  'thank you for your purchase',
  'thanks for your purchase',
  'thank you for your order',
  'thanks for your order',
  'purchase confirmation',
  'invoice',
  'amount paid',
  'total paid',
  'you paid',
  'transaction id',
  'has been charged',
  'was charged',
  // German, French, Spanish, Dutch and Italian order confirmations and invoices.
  'bestellbestätigung',
  'ihre bestellung',
  'vielen dank für ihre bestellung',
  'rechnung',
  'zahlungsbestätigung',
  'confirmation de commande',
  'votre commande',
  'facture',
  'confirmación de pedido',
  'tu pedido',
  'su pedido',
  'factura',
  'bestelling',
  'conferma ordine',
  'il tuo ordine',
] as const;

/** Shipping news about an order: a notification, not a receipt, unless it also states a price. */
export const SHIPPING_PHRASES = [
  'has shipped',
  'have shipped',
  'was shipped',
  'is on its way',
  'on the way',
  'out for delivery',
  'was delivered',
  'has been delivered',
  'tracking number',
  'track your package',
  'track your order',
] as const;

export const PROMO_PHRASES = [
  '% off',
  'percent off',
  'sale',
  'discount',
  'deal',
  'deals',
  'coupon',
  'promo code',
  'limited time',
  'free shipping',
  'special offer',
  'exclusive offer',
  'offer ends',
  'shop now',
  'buy now',
  'black friday',
  'cyber monday',
  'save up to',
  'clearance',
  'last chance',
] as const;

export const NEWSLETTER_PHRASES = [
  'newsletter',
  'digest',
  'this week in',
  'weekly',
  'issue #',
  'issue no',
  'edition',
  'roundup',
  'round-up',
  'bulletin',
] as const;

export const NOTIFICATION_PHRASES = [
  'notification',
  'reminder',
  'has shipped',
  'out for delivery',
  'was delivered',
  'mentioned you',
  'commented on',
  'replied to your',
  'new message',
  'assigned to you',
  'invited you',
  'sent you',
  'status update',
  'build failed',
  'build passed',
  'pull request',
  'your account',
] as const;

export const REQUEST_PHRASES = [
  'can you',
  'could you',
  'would you',
  'please',
  'let me know',
  'need you to',
  'need your',
  'action required',
  'action needed',
  'your input',
  'your feedback',
  'your approval',
  'approve',
  'sign off',
  'get back to me',
  'reply by',
  'respond by',
  'by eod',
  'by end of day',
  'by tomorrow',
  'asap',
  'urgent',
  'when you get a chance',
  'are you able',
  'waiting on you',
  'following up',
] as const;

export const URGENT_PHRASES = ['urgent', 'asap', 'today', 'immediately', 'right away', 'eod', 'end of day'] as const;

export const WORK_PHRASES = [
  'meeting',
  'project',
  'deadline',
  'report',
  'deck',
  'slides',
  'proposal',
  'contract',
  'client',
  'customer',
  'budget',
  'invoice',
  'presentation',
  'sprint',
  'release',
  'roadmap',
  'spec',
  'document',
  'review',
  'stakeholder',
  'agenda',
  'ticket',
  'deliverable',
  'quarter',
  'q1',
  'q2',
  'q3',
  'q4',
  'okr',
  'kpi',
] as const;

export const PERSONAL_PHRASES = [
  'lunch',
  'dinner',
  'coffee',
  'drinks',
  'birthday',
  'weekend',
  'party',
  'family',
  'mom',
  'dad',
  'kids',
  'vacation',
  'holiday',
  'trip',
  'wedding',
  'congrats',
  'congratulations',
  'miss you',
  'catch up',
  'how are you',
  'hope you',
  'photos',
] as const;

const EDGE = /[a-z0-9]/;
const cache = new Map<string, RegExp>();
// matchAll clones the regex, so sharing a global one keeps no lastIndex state between calls.
const globalCache = new Map<string, RegExp>();

function phraseRegExp(phrase: string): RegExp {
  const cached = cache.get(phrase);
  if (cached !== undefined) return cached;
  const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const before = EDGE.test(phrase.charAt(0)) ? '(?<![a-z0-9])' : '';
  const after = EDGE.test(phrase.charAt(phrase.length - 1)) ? '(?![a-z0-9])' : '';
  const made = new RegExp(`${before}${escaped}${after}`);
  cache.set(phrase, made);
  return made;
}

// A phrase can only occur in a text holding every pair of adjacent characters it holds. Each text
// gets a bit set of its character pairs (hashed into 4,096 bits) once, each phrase list its pairs'
// bits once; a phrase whose pairs are not all set is skipped without searching the text. No false
// negatives, so what is found is exactly what the searches alone find.
const PAIR_BITS = 4096;

function pairBit(first: number, second: number): number {
  return (Math.imul(first, 31) ^ second) & (PAIR_BITS - 1);
}

interface TextPairs {
  text: string;
  bits: Uint32Array;
}
const recentTexts: TextPairs[] = [];
const RECENT_TEXTS = 4;

function pairsOfText(text: string): Uint32Array {
  for (const entry of recentTexts) if (entry.text === text) return entry.bits;
  // The oldest entry's bit set is cleared and reused: allocating one per text showed in profiles.
  const reused = recentTexts.length >= RECENT_TEXTS ? recentTexts.shift() : undefined;
  const bits = reused?.bits.fill(0) ?? new Uint32Array(PAIR_BITS / 32);
  let previous = text.charCodeAt(0);
  for (let i = 1; i < text.length; i++) {
    const current = text.charCodeAt(i);
    const bit = pairBit(previous, current);
    bits[bit >>> 5] = (bits[bit >>> 5] as number) | (1 << (bit & 31));
    previous = current;
  }
  recentTexts.push({ text, bits });
  return bits;
}

const listPairs = new WeakMap<readonly string[], Int32Array[]>();

function pairsOfList(phrases: readonly string[]): Int32Array[] {
  let pairs = listPairs.get(phrases);
  if (pairs === undefined) {
    pairs = phrases.map((phrase) => {
      const bitsOfPhrase = new Int32Array(Math.max(0, phrase.length - 1));
      for (let i = 1; i < phrase.length; i++) bitsOfPhrase[i - 1] = pairBit(phrase.charCodeAt(i - 1), phrase.charCodeAt(i));
      return bitsOfPhrase;
    });
    listPairs.set(phrases, pairs);
  }
  return pairs;
}

function mayContain(textBits: Uint32Array, phraseBits: Int32Array | undefined): boolean {
  if (phraseBits === undefined) return true;
  for (let i = 0; i < phraseBits.length; i++) {
    const bit = phraseBits[i] as number;
    if (((textBits[bit >>> 5] as number) & (1 << (bit & 31))) === 0) return false;
  }
  return true;
}

/** First phrase of the list (in list order) found in already-normalized text. */
export function findPhrase(normalized: string, phrases: readonly string[]): string | null {
  const textBits = pairsOfText(normalized);
  const pairs = pairsOfList(phrases);
  for (let i = 0; i < phrases.length; i++) {
    const phrase = phrases[i] as string;
    if (mayContain(textBits, pairs[i]) && normalized.includes(phrase) && phraseRegExp(phrase).test(normalized)) return phrase;
  }
  return null;
}

/** Positions of every phrase occurrence, for picking the amount or date that sits next to one. */
export function phrasePositions(normalized: string, phrases: readonly string[]): number[] {
  const textBits = pairsOfText(normalized);
  const pairs = pairsOfList(phrases);
  const positions: number[] = [];
  for (let i = 0; i < phrases.length; i++) {
    const phrase = phrases[i] as string;
    if (!mayContain(textBits, pairs[i]) || !normalized.includes(phrase)) continue;
    let global = globalCache.get(phrase);
    if (global === undefined) {
      global = new RegExp(phraseRegExp(phrase).source, 'g');
      globalCache.set(phrase, global);
    }
    for (const match of normalized.matchAll(global)) positions.push(match.index);
  }
  return positions.sort((a, b) => a - b);
}
