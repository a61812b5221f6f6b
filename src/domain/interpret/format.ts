const SYMBOL: Record<string, string> = { USD: '$', EUR: '€', GBP: '£' };

/** "$45.00", "€9.99", "CHF 120.00": for evidence and summaries only, never parsed back. */
export function formatMoney(amountCents: number, currency: string): string {
  const whole = Math.floor(amountCents / 100);
  const cents = String(amountCents % 100).padStart(2, '0');
  const symbol = SYMBOL[currency];
  return symbol !== undefined ? `${symbol}${whole}.${cents}` : `${currency} ${whole}.${cents}`;
}
