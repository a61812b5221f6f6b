// Money is read digit by digit into integer cents; a float never touches it.

export interface MoneyMatch {
  amountCents: number;
  /** ISO 4217 code. */
  currency: string;
  /** The text as written, e.g. "€9,99". */
  text: string;
  index: number;
}

const SYMBOLS: Record<string, string> = { $: 'USD', us$: 'USD', ca$: 'CAD', a$: 'AUD', au$: 'AUD', '€': 'EUR', '£': 'GBP' };
const CODES = ['usd', 'eur', 'gbp', 'chf', 'cad', 'aud'];

// Groups of three after a separator are thousands; one or two trailing digits are the fraction.
const NUMBER = String.raw`\d{1,3}(?:[.,]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?`;
const SYMBOL = String.raw`(?:us|ca|au|a)?\$|€|£`;
const CODE = `(?<![a-z])(?:${CODES.join('|')})(?![a-z])`;
const PREFIX = new RegExp(String.raw`(${SYMBOL}|${CODE})\s?(${NUMBER})(?![\d.,]*\d)`, 'gi');
const SUFFIX = new RegExp(String.raw`(?<![\d.,])(${NUMBER})\s?(${SYMBOL}|${CODE})`, 'gi');

/** Largest amount accepted: beyond it the digits are not a price (and would leave safe integers). */
const MAX_INTEGER_DIGITS = 12;

export function toCents(raw: string): number | null {
  const match = /^(.*?)(?:[.,](\d{1,2}))?$/.exec(raw);
  if (match === null) return null;
  const integer = (match[1] ?? '').replace(/[.,]/g, '');
  if (!/^\d+$/.test(integer) || integer.length > MAX_INTEGER_DIGITS) return null;
  const fraction = (match[2] ?? '').padEnd(2, '0');
  return Number(integer) * 100 + Number(fraction);
}

function currencyOf(token: string): string | null {
  const lower = token.toLowerCase();
  const symbol = SYMBOLS[lower];
  if (symbol !== undefined) return symbol;
  return CODES.includes(lower) ? lower.toUpperCase() : null;
}

/** Every amount with a currency in the text, in order of appearance. */
export function findAmounts(text: string): MoneyMatch[] {
  const found: MoneyMatch[] = [];
  for (const match of text.matchAll(PREFIX)) {
    const currency = currencyOf(match[1] ?? '');
    const cents = toCents(match[2] ?? '');
    if (currency !== null && cents !== null) found.push({ amountCents: cents, currency, text: match[0], index: match.index });
  }
  for (const match of text.matchAll(SUFFIX)) {
    const currency = currencyOf(match[2] ?? '');
    const cents = toCents(match[1] ?? '');
    const overlaps = found.some((m) => match.index < m.index + m.text.length && m.index + match[0].length > m.index);
    if (currency !== null && cents !== null && !overlaps) {
      found.push({ amountCents: cents, currency, text: match[0], index: match.index });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}
