import { sql, type Kysely, type OperationNodeSource } from 'kysely';
import type { Schema } from './schema.js';
import { toInt } from './repositories/parse.js';

/** One data-modifying statement of a group; it must have a RETURNING clause so its rows can be counted. */
export interface WriteStep {
  name: string;
  query: OperationNodeSource;
}

/**
 * Runs inserts that belong together as a single statement of data-modifying CTEs, so a batch's
 * writes cost one round trip, and returns how many rows each step wrote. The steps see the same
 * snapshot and foreign keys are checked at the end of the statement, so a step may reference
 * rows an earlier step inserts.
 */
export async function writeTogether(db: Kysely<Schema>, steps: readonly WriteStep[]): Promise<Map<string, number>> {
  if (steps.length === 0) return new Map();
  const names = new Set(steps.map((step) => step.name));
  if (names.size !== steps.length || [...names].some((name) => !/^[a-z_]+$/.test(name))) {
    throw new Error(`write steps need distinct lower-case names, got ${steps.map((step) => step.name).join(', ')}`);
  }
  const ctes = sql.join(steps.map((step) => sql`${sql.id(step.name)} AS (${step.query})`));
  const counts = sql.join(steps.map((step) => sql`(SELECT count(*) FROM ${sql.id(step.name)}) AS ${sql.id(step.name)}`));
  const result = await sql<Record<string, string | number>>`WITH ${ctes} SELECT ${counts}`.execute(db);
  const row = result.rows[0] ?? {};
  return new Map(steps.map((step) => [step.name, toInt(row[step.name])]));
}
