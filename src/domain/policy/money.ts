/**
 * "$45.00", "-$0.05", "$1,234.56". Integer arithmetic only, so no floating-point rounding
 * can ever make a limit message disagree with the comparison that produced it.
 */
export function formatCents(cents: number): string {
  if (!Number.isSafeInteger(cents)) return `${String(cents)} cents`;
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const dollars = Math.floor(abs / 100);
  const rest = abs % 100;
  const grouped = String(dollars).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}$${grouped}.${String(rest).padStart(2, '0')}`;
}
