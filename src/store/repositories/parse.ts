/** int8 and numeric arrive from node-postgres as strings; money must come back as exact integers. */
export function toInt(value: string | number | bigint | null | undefined): number {
  if (value === null || value === undefined) return 0;
  const parsed = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(parsed)) throw new Error(`Not a safe integer from the database: ${String(value)}`);
  return parsed;
}

export function toIntOrNull(value: string | number | null | undefined): number | null {
  return value === null || value === undefined ? null : toInt(value);
}

export function json(value: unknown): string {
  return JSON.stringify(value);
}

export function iso(value: Date | null): string | null {
  return value === null ? null : value.toISOString();
}
