const UNIQUE_VIOLATION = '23505';

/** A unique-constraint violation on the given table (PostgreSQL names the table; constraint names start with it). */
export function isUniqueViolation(error: unknown, table: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, table: errorTable, constraint } = error as { code?: unknown; table?: unknown; constraint?: unknown };
  if (code !== UNIQUE_VIOLATION) return false;
  return errorTable === table || (typeof constraint === 'string' && constraint.startsWith(`${table}_`));
}

/**
 * SQLSTATE class 22, "data exception": a value the database cannot take (NUL in text, bad UTF-8,
 * an out-of-range date or number, unparsable input). Raised by PostgreSQL, PGlite and CockroachDB.
 */
export function isDataException(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code);
}
