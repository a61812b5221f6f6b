const UNIQUE_VIOLATION = '23505';

/** A unique-constraint violation on the given table (PostgreSQL names the table; constraint names start with it). */
export function isUniqueViolation(error: unknown, table: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, table: errorTable, constraint } = error as { code?: unknown; table?: unknown; constraint?: unknown };
  if (code !== UNIQUE_VIOLATION) return false;
  return errorTable === table || (typeof constraint === 'string' && constraint.startsWith(`${table}_`));
}
