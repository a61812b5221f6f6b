/** Latency figures in milliseconds; percentiles by nearest rank, so p99 is a latency that happened. */
export interface Summary {
  count: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) return { count: 0, mean: NaN, p50: NaN, p90: NaN, p99: NaN, max: NaN };
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
  return {
    count: sorted.length,
    mean: sorted.reduce((sum, v) => sum + v, 0) / sorted.length,
    p50: rank(50),
    p90: rank(90),
    p99: rank(99),
    max: sorted[sorted.length - 1] as number,
  };
}

export const mean = (values: readonly number[]): number =>
  values.length === 0 ? NaN : values.reduce((sum, v) => sum + v, 0) / values.length;

export const ms = (value: number, digits = 2): string => (Number.isFinite(value) ? value.toFixed(digits) : '-');

export interface Target {
  label: string;
  measured: number;
  target: number;
  /** 'max': the measured value must not exceed the target (latency); 'min': must reach it (throughput). */
  kind: 'max' | 'min';
  unit: string;
}

/** One line: the figure, the target, met or missed, and measured/target. */
export function targetLine(t: Target): string {
  const met = t.kind === 'max' ? t.measured <= t.target : t.measured >= t.target;
  const ratio = t.measured / t.target;
  const bound = t.kind === 'max' ? '≤' : '≥';
  return `${t.label.padEnd(22)} ${ms(t.measured).padStart(9)} ${t.unit.padEnd(10)} target ${bound} ${t.target} ${t.unit.padEnd(10)} ${
    met ? 'target met   ' : 'target missed'
  }  measured/target ${ratio.toFixed(2)}`;
}

export function table(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  '));
}
